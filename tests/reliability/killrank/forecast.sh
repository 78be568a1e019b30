#!/bin/bash
# Killed rank during forecast (docs/reliability.md, "Killed rank").
. "$SRC/tests/reliability/killrank/lib.sh"
MPI1="${MPIEXEC% *} 1"
timeout 120 $MPI1 "$ECOSCALE" generate demand -q --generate.demand.regions=6 \
  --generate.demand.products=10 -o demand.h5 || fail "generate demand"
OPTS="--forecast.horizon=13 --forecast.simulations=200"
# the results file of an earlier, successful run
timeout 120 $MPIEXEC "$ECOSCALE" forecast demand.h5 -o res.h5 $OPTS -q || fail "first run"
cp res.h5 prev.h5
kr_kill_run run.log res.h5.forecast-checkpoint.h5 \
  $MPIEXEC "$ECOSCALE" forecast demand.h5 -o res.h5 $OPTS --run.checkpoint_every=0.2
cmp res.h5 prev.h5 || fail "the earlier results file was changed by the killed run"
timeout 120 $MPIEXEC "$ECOSCALE" forecast demand.h5 -o res.h5 $OPTS --run.checkpoint_every=0.5 \
  --resume > resume.log 2>&1 || { cat resume.log; fail "resumed run"; }
grep -E "resuming from res.h5.forecast-checkpoint.h5: [1-9][0-9]* of 60 series done" resume.log \
  || { cat resume.log; fail "did not resume from the periodic checkpoint"; }
[ ! -e res.h5.forecast-checkpoint.h5 ] || fail "checkpoint left after a complete run"
same_dump_group res.h5 prev.h5 /forecast
echo "OK forecast: killed rank at $NP ranks, resumed"
