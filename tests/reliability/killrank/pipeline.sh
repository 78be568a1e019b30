#!/bin/bash
# Killed rank during a pipeline, in its supply stage (docs/reliability.md,
# "Killed rank"): --resume keeps the forecast and plan stage files the killed
# run committed, continues supply from its periodic checkpoint in the work
# folder and runs recommend; the results equal an uninterrupted pipeline's.
. "$SRC/tests/reliability/killrank/lib.sh"
. "$SRC/tests/pipeline/tiny.sh"
write_tiny_ini tiny.ini
# enough generations that supply runs well past the first checkpoint even on
# a fast idle machine (~2 s there; 3,000 took 0.07 s and ended before it)
# a bound on each whole run: ~2 s idle, minutes on a heavily loaded machine
RUN_LIMIT=${KILLRANK_RUN_LIMIT:-600}
ARGS=(pipeline -c tiny.ini --supply.generations=${KILLRANK_GENERATIONS:-100000})
# the results file of an earlier, successful run
timeout $RUN_LIMIT $MPIEXEC "$ECOSCALE" "${ARGS[@]}" -o res.h5 -q || fail "first run"
cp res.h5 prev.h5
kr_kill_run run.log res.h5.work/supply.ckpt \
  $MPIEXEC "$ECOSCALE" "${ARGS[@]}" -o res.h5 --run.checkpoint_every=0.2
cmp res.h5 prev.h5 || fail "the earlier results file was changed by the killed run"
# (another checkpoint_every on resume: it does not change results, the
# stage files are kept)
timeout $RUN_LIMIT $MPIEXEC "$ECOSCALE" "${ARGS[@]}" -o res.h5 --run.checkpoint_every=0.5 \
  --resume > resume.log 2>&1 || { cat resume.log; fail "resumed run"; }
for k in forecast plan; do
  grep -q "$k kept from the interrupted run" resume.log || { cat resume.log; fail "$k stage not kept"; }
done
grep -E "supply: resuming at generation [0-9]+ from res.h5.work" resume.log \
  || { cat resume.log; fail "supply did not resume from the periodic checkpoint"; }
grep -q "recommend kept" resume.log && fail "recommend kept: the kill came after supply"
same_dumps res.h5 prev.h5 /forecast/p50 /plan/objective /plan/status /supply/open /supply/assignment \
  /supply/history/best /recommend/topk/items /recommend/topk/scores
echo "OK pipeline: killed rank at $NP ranks, resumed"
