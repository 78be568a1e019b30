# Helpers of the interruption tests (sourced). Environment from
# eco_add_mpi_test: NP, MPIEXEC, ECOSCALE, SRC, WORK.
#
# A test runs its stage once uninterrupted (the reference, with
# ECOSCALE_TEST_SIGNAL=count@all to learn how often each rank polls), then a
# few chains: a fresh run interrupted at one point, `--resume` runs each
# interrupted at the next point of the chain, and a last `--resume` without
# interruption; the final results must equal the reference. The points are
# raised by the test hook of src/core/signal.c (a real SIGTERM at a chosen
# poll), so they do not depend on timing (docs/reliability.md,
# "Interruption").
set -u
: "${SRC:?}"
. "$SRC/tests/lib.sh"     # set-up, run, fail, expect_one_error, finish
unset ECOSCALE_TEST_SIGNAL
RES=res.h5                # the results file of the interrupted chains

# eco WHEN ARGS...: `run ARGS...` (NP ranks under mpiexec, also at one rank: a
# singleton process rarely crashes at exit after its error message, see
# "Bad input") with the signal hook WHEN (or - for none).
eco() {
  local when=$1
  shift
  if [ "$when" = - ]; then
    run "$@"
  else
    ECOSCALE_TEST_SIGNAL=$when run "$@"
  fi
}

# reference ARGS...: the uninterrupted run into ref.h5, with the hook
# counting polls (calls of eco_signal_pending or eco_signal_agree). Sets
# POLLS (summed over ranks), PER (POLLS / NP, rounded down: some rank always
# polls at least PER times), P0 (rank 0's polls) and AGREE_AT (the poll
# numbers of rank 0's agreements, space-separated).
reference() {
  eco count@all "$@" -o ref.h5
  [ "$RC" -eq 0 ] || { fail "reference run: exit code $RC"; finish; }
  local hook='^ecoscale: signal test hook: rank'
  POLLS=$(sed -n "s/$hook [0-9]*: \([0-9]*\) polls.*/\1/p" "$OUT" | awk '{s += $1} END {print s + 0}')
  P0=$(sed -n "s/$hook 0: \([0-9]*\) polls.*/\1/p" "$OUT")
  AGREE_AT=$(sed -n "s/$hook 0: .*(at polls \([0-9,]*\))/\1/p" "$OUT" | tr ',' ' ')
  PER=$((POLLS / NP))
  echo "reference: $POLLS polls over $NP rank(s) ($PER per rank), rank 0 agreed at polls: ${AGREE_AT:-none}"
}

# clean: remove the results, checkpoints and leftovers of a chain (a stage
# script may redefine it, e.g. to empty its checkpoint folder).
clean() { rm -rf "$RES" "$RES".* ; }

# RESUMED: what a resumed run must print (grep -E; stage scripts set it).
RESUMED="resum"

# chain [-p] ARGS -- WHEN=RC...: the first WHEN applies to a fresh run, each
# further one to a --resume run; RC is the exit code that point must give
# (3: interrupted; 0: the signal came after the stage's last poll and the run
# completed). After the last interrupted run a plain --resume completes.
# With -p a previous results file is at $RES and must stay intact while runs
# are interrupted. Checks after every interrupted run: exit code 3, exactly
# one error message that says to rerun with --resume, no results file under
# the final name (or the previous one unchanged), no .tmp file left. Checks
# after every resumed run: it says it resumed. At the end: the results equal
# the reference (same_results, defined by the stage script).
chain() {
  local prev=0 args=() p when want resume=() label="" sum="" t=$SECONDS
  if [ "$1" = -p ]; then prev=1; shift; fi
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  clean
  if [ $prev = 1 ]; then
    echo "previous results of an earlier run" >"$RES"
    sum=$(sha256sum <"$RES")
  fi
  local points=("$@" "-=0") i=0
  for p in "${points[@]}"; do
    when=${p%=*} want=${p##*=}
    label="$label $when"
    eco "$when" "${args[@]}" "${resume[@]}" -o "$RES"
    if [ "$RC" -ne "$want" ]; then
      fail "[$label ] exit code $RC, expected $want"
      return
    fi
    if [ ${#resume[@]} -gt 0 ] && ! grep -qE -- "$RESUMED" "$OUT"; then
      fail "[$label ] the --resume run does not say that it resumed ('$RESUMED')"
    fi
    if [ "$RC" -eq 3 ]; then
      expect_one_error "[$label ]"
      grep -q "rerun with --resume" "$OUT" || fail "[$label ] the message does not say to rerun with --resume"
      if [ $prev = 1 ]; then
        [ "$(sha256sum <"$RES")" = "$sum" ] || fail "[$label ] the previous results file was changed"
      else
        [ ! -e "$RES" ] || fail "[$label ] an interrupted run left a results file $RES"
      fi
      echo "  [$label ] exit 3: $(grep -i 'error' "$OUT" | head -1 | sed 's/^ecoscale: error: //')"
    fi
    if [ -n "$(find . -name '*.tmp' -print -quit)" ]; then
      fail "[$label ] a .tmp file was left: $(find . -name '*.tmp' | head -3 | tr '\n' ' ')"
    fi
    [ "$RC" -eq 0 ] && break
    resume=(--resume)
  done
  [ -e "$RES" ] || { fail "[$label ] no results file after the chain"; return; }
  same_results "$RES" ref.h5 || fail "[$label ] the results differ from the uninterrupted run"
  echo "  chain [$label ] ok ($((SECONDS - t)) s)"
}

# h5same A B GROUP [h5diff options]: no difference in GROUP (data and
# attributes, exact); prints the differences otherwise.
h5same() {
  local a=$1 b=$2 g=$3
  shift 3
  if ! h5diff "$@" "$a" "$b" "$g" "$g" >diff.txt 2>&1; then
    h5diff -v "$@" "$a" "$b" "$g" "$g" 2>&1 | grep -B3 -E "^[1-9][0-9]* difference" | head -20
    return 1
  fi
}
# same_attrs A B OBJECT NAME...: the attributes are bitwise equal.
same_attrs() {
  local a=$1 b=$2 o=$3 n
  shift 3
  for n in "$@"; do
    cmp -s <(h5dump -m %.17g -a "$o/$n" "$a" | tail -n +2) <(h5dump -m %.17g -a "$o/$n" "$b" | tail -n +2) ||
      { echo "attribute $o/$n differs"; return 1; }
  done
}

# The results of each stage, equal bit for bit but for timings.
same_forecast() { h5same "$1" "$2" /forecast; }
same_plan() { # the saved solutions matched by scenario (rows in the order ranks solved them)
  h5same "$1" "$2" /plan --exclude-path /seconds --exclude-path /solutions --exclude-attribute /plan &&
    same_attrs "$1" "$2" /plan base_objective base_status count_failed count_infeasible \
      count_iteration_limit count_optimal count_time_limit count_unbounded first \
      iterations_per_scenario objective_max objective_mean objective_min pareto_points \
      scenarios total_scenarios &&
    /usr/bin/python3 - "$1" "$2" <<'PY'
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
(ia, a), (ib, b) = (h5read.saved_solutions(f) for f in sys.argv[1:3])
if sorted(ia) != sorted(ib) or a != b:
    sys.exit("/plan/solutions differ")
PY
}
same_supply() { # all but the GA's wall time
  h5same "$1" "$2" /supply --exclude-attribute /supply/stats &&
    same_attrs "$1" "$2" /supply/stats best_island cache_hits evaluations generations islands \
      migrants_adopted migrants_received migrants_sent nranks population stop_reason
}
same_recommend() { # all but the per-epoch seconds and interactions per second
  h5same "$1" "$2" /recommend --exclude-path /history/seconds --exclude-path /history/interactions_per_s
}
