# Stop and resume: SIGUSR1 (what SLURM sends before a time limit; mpiexec
# forwards it) during a sweep makes every rank finish its chunk, write a
# checkpoint and exit with code 3 without a results file; --resume solves
# only the rest and gives results identical to an uninterrupted run
# (including saved solutions, binding-row statistics and tracked values).
. "$SRC/tests/plan/lib.sh"

run -n 1 generate lp -o fam.lp --generate.lp.plants=3 --generate.lp.products=4 \
  --generate.lp.regions=3 --generate.lp.periods=6 -q
expect_rc 0 "generate lp"
ARGS=(plan fam.lp "--plan.grid=col:emissions:cost=0:200:20; row:demand_*:rhs*=0.8:1.2:0.02"
  --plan.start=cold --plan.chunk=4 --plan.save=0,117,230 "--plan.track=col:emissions; row:cap_pl1_*")

. "$SRC/tests/signal.sh"
ECOSCALE_PROGRESS_INTERVAL=0.05 signal_run USR1 mpiexec "plan +[1-9][0-9,]* / 231" "$OUT" res.h5 \
  $MPIEXEC "$ECOSCALE" "${ARGS[@]}" -o res.h5
expect_rc 3 "interrupted sweep"
expect_text "rerun with --resume" "interrupted sweep"
[ -e res.h5.plan-checkpoint.h5 ] || fail "no checkpoint"
[ ! -e res.h5 ] || fail "a results file was written by the interrupted run"

run "${ARGS[@]}" -o res.h5 --resume
expect_rc 0 "resumed sweep"
expect_text "resuming from res.h5.plan-checkpoint.h5" "resumed sweep"
[ ! -e res.h5.plan-checkpoint.h5 ] || fail "checkpoint left after a complete sweep"

run "${ARGS[@]}" -o ref.h5 -q
expect_rc 0 "uninterrupted sweep"
same_data res.h5 ref.h5 /plan/scenario /plan/status /plan/method /plan/objective \
  /plan/cost /plan/emissions /plan/energy /plan/iterations /plan/parameters \
  /plan/pareto/scenario /plan/binding/row_name /plan/binding/count /plan/binding/max_abs_dual \
  /plan/track/values
same_saved res.h5 ref.h5 0,117,230

finish
