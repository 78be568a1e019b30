# Helpers shared by the shell tests (sourced after `set -u`). Environment from
# eco_add_mpi_test (cmake/EcoTesting.cmake): NP, MPIEXEC ("mpiexec -n NP"),
# ECOSCALE (the program), SRC (the source tree), WORK (this test's folder).
# Sourcing it empties WORK and enters it, clears ECOSCALE_OPTIONS, and sets
# OUT (the last run's output) and failures (the count of failed checks).
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${WORK:?}"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
export ECOSCALE_OPTIONS=
failures=0
OUT="$WORK/out.txt"
ECO_TEST_TIMEOUT=${ECO_TEST_TIMEOUT:-120}

# run [-n N] ARGS...: ecoscale ARGS under mpiexec (NP ranks, or N), output in
# $OUT, exit code in RC.
run() {
  local mpi="$MPIEXEC"
  if [ "$1" = "-n" ]; then
    mpi="${MPIEXEC% *} $2"
    shift 2
  fi
  timeout "$ECO_TEST_TIMEOUT" $mpi "$ECOSCALE" "$@" >"$OUT" 2>&1
  RC=$?
}
# run1 ARGS...: ecoscale as a singleton (one rank, no mpiexec: mpiexec alone
# adds about 2 s to every failing run, which adds up over many bad inputs).
run1() {
  timeout "$ECO_TEST_TIMEOUT" "$ECOSCALE" "$@" >"$OUT" 2>&1
  RC=$?
}
fail() {
  echo "FAIL: $*"
  echo "---- output ----"
  cat "$OUT" 2>/dev/null
  echo "----------------"
  failures=$((failures + 1))
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "$2: exit code $RC, expected $1"; }
expect_text() { grep -qF -- "$1" "$OUT" || fail "$2: output lacks '$1'"; }
expect_no_text() { ! grep -qF -- "$1" "$OUT" || fail "$2: output has '$1'"; }
# Exactly one line of the combined output mentions an error (ranks other
# than 0 print nothing; mpiexec's own exit notice has no such line).
expect_one_error() {
  local n
  n=$(grep -ci 'error' "$OUT")
  [ "$n" -eq 1 ] || fail "$1: $n error lines, expected exactly 1"
}
# same_data A.h5 B.h5 DATASET...: bitwise equal values (h5dump text, %.17g).
same_data() {
  local a=$1 b=$2 d
  shift 2
  for d in "$@"; do
    if ! cmp -s <(h5dump -A 0 -w 0 -m %.17g -d "$d" "$a" 2>&1 | tail -n +3) \
                <(h5dump -A 0 -w 0 -m %.17g -d "$d" "$b" 2>&1 | tail -n +3); then
      echo "FAIL: $d differs between $a and $b"
      failures=$((failures + 1))
    fi
  done
}
# same_group A.h5 GROUP B.h5 GROUP2: h5diff finds no difference (data and attributes).
same_group() {
  if ! h5diff "$1" "$3" "$2" "$4" >"$WORK/diff.txt" 2>&1; then
    echo "FAIL: $1:$2 and $3:$4 differ"
    head -20 "$WORK/diff.txt"
    failures=$((failures + 1))
  fi
}
# finish: exit 1 when a check failed, else 0, with a line saying which (and
# the seconds the test took).
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed at $NP rank(s) ($SECONDS s)"
    exit 1
  fi
  echo "all checks passed at $NP rank(s) ($SECONDS s)"
  exit 0
}
