#!/bin/bash
# Killed rank during a plan sweep (docs/reliability.md, "Killed rank").
# at 4 ranks, kill rank 0 (it holds the window of the chunk counter and flag)
[ "${NP:-1}" = 4 ] && KILL_RANK=${KILL_RANK:-0}
. "$SRC/tests/reliability/killrank/lib.sh"
MPI1="${MPIEXEC% *} 1"
timeout 120 $MPI1 "$ECOSCALE" generate lp -o fam.lp --generate.lp.plants=3 --generate.lp.products=4 \
  --generate.lp.regions=3 --generate.lp.periods=6 -q || fail "generate lp"
ARGS=(plan fam.lp "--plan.grid=col:emissions:cost=0:200:20; row:demand_*:rhs*=0.8:1.2:0.02"
  --plan.start=cold --plan.chunk=4 "--plan.track=col:emissions; row:cap_pl1_*")
# the results file of an earlier, successful run
timeout 120 $MPIEXEC "$ECOSCALE" "${ARGS[@]}" -o res.h5 -q || fail "first run"
cp res.h5 prev.h5
kr_kill_run run.log res.h5.plan-checkpoint.h5 \
  $MPIEXEC "$ECOSCALE" "${ARGS[@]}" -o res.h5 --run.checkpoint_every=0.2
cmp res.h5 prev.h5 || fail "the earlier results file was changed by the killed run"
timeout 120 $MPIEXEC "$ECOSCALE" "${ARGS[@]}" -o res.h5 --run.checkpoint_every=0.5 \
  --resume > resume.log 2>&1 || { cat resume.log; fail "resumed run"; }
grep -E "resuming from res.h5.plan-checkpoint.h5: [1-9][0-9]* scenarios already solved" resume.log \
  || { cat resume.log; fail "did not resume from the periodic checkpoint"; }
[ ! -e res.h5.plan-checkpoint.h5 ] || fail "checkpoint left after a complete sweep"
same_dumps res.h5 prev.h5 /plan/scenario /plan/status /plan/method /plan/objective \
  /plan/cost /plan/emissions /plan/energy /plan/iterations /plan/parameters \
  /plan/pareto/scenario /plan/binding/row_name /plan/binding/count /plan/binding/max_abs_dual \
  /plan/track/values
echo "OK plan: killed rank at $NP ranks, resumed"
