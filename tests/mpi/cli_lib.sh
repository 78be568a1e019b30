# Helpers for the CLI tests (sourced). Environment from eco_add_mpi_test:
# NP, MPIEXEC, ECOSCALE, SRC, WORK.
set -u
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${WORK:?}"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
export ECOSCALE_OPTIONS=
failures=0
OUT="$WORK/out.txt"

# run CMD...: runs `timeout 60 $MPIEXEC CMD...`, stdout+stderr to $OUT, sets RC.
run() {
  timeout 60 $MPIEXEC "$@" >"$OUT" 2>&1
  RC=$?
}
fail() {
  echo "FAIL: $*"
  echo "---- output ----"
  cat "$OUT"
  echo "----------------"
  failures=$((failures + 1))
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "$2: exit code $RC, expected $1"; }
expect_text() { grep -qF -- "$1" "$OUT" || fail "$2: output lacks '$1'"; }
expect_no_text() { ! grep -qF -- "$1" "$OUT" || fail "$2: output has '$1'"; }
# Exactly one line of the combined output mentions an error (ranks other
# than 0 print nothing; mpiexec's own exit notice has no such line).
expect_one_error() {
  n=$(grep -ci 'error' "$OUT")
  [ "$n" -eq 1 ] || fail "$1: $n error lines, expected exactly 1"
}
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed at $NP rank(s)"
    exit 1
  fi
  echo "all checks passed at $NP rank(s)"
  exit 0
}
