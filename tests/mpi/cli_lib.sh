# Helpers for the CLI tests (sourced): tests/lib.sh, except that `run` takes the
# whole command (the program first), since these tests also run other programs.
set -u
: "${SRC:?}"
. "$SRC/tests/lib.sh"

# run CMD...: runs `timeout 60 $MPIEXEC CMD...`, stdout+stderr to $OUT, sets RC.
run() {
  timeout 60 $MPIEXEC "$@" >"$OUT" 2>&1
  RC=$?
}
