#!/bin/bash
# Killed rank during the supply GA (CVRP, 3 islands with migration)
# (docs/reliability.md, "Killed rank"). Supply checkpoints go to
# [run] checkpoint_dir: supply.ckpt (written last) and supply-island-K.ckpt.
. "$SRC/tests/reliability/killrank/lib.sh"
VRP="$SRC/inputs/demo/supply/delivery30.vrp"
rm -rf ck && mkdir -p ck
ARGS="--supply.islands=3 --supply.population=10 --supply.generations=${KILLRANK_GENERATIONS:-600} --supply.migration_interval=4 --supply.migrants=1 --seed 4 --run.checkpoint_dir=$WORK/ck"
# the results file of an earlier, successful run
timeout 120 $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS -q -o res.h5 || fail "first run"
cp res.h5 prev.h5
rm -f ck/*
kr_kill_run run.log ck/supply.ckpt \
  $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS -o res.h5 --run.checkpoint_every=0.2
cmp res.h5 prev.h5 || fail "the earlier results file was changed by the killed run"
timeout 120 $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS -o res.h5 --run.checkpoint_every=0.5 \
  --resume > resume.log 2>&1 || { cat resume.log; fail "resumed run"; }
grep -E "supply: resuming at generation [1-9][0-9]* from" resume.log \
  || { cat resume.log; fail "did not resume from the periodic checkpoint"; }
same_dumps res.h5 prev.h5 /supply/routes/customers /supply/routes/start /supply/history/best \
  /supply/history/mean /supply/islands/stats
[ "$(h5dump -a /supply/objective res.h5 | grep -A1 DATA)" = "$(h5dump -a /supply/objective prev.h5 | grep -A1 DATA)" ] \
  || fail "objective differs"
echo "OK supply: killed rank at $NP ranks, resumed"
