# Helpers for the pipeline tests (sourced). Environment from eco_add_mpi_test:
# NP, MPIEXEC, ECOSCALE, SRC, WORK.
set -u
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
export ECOSCALE_OPTIONS=
H5VALS="/usr/bin/python3 $SRC/tests/pipeline/h5vals.py"
failures=0
OUT="$WORK/out.txt"

. "$SRC/tests/pipeline/tiny.sh"


# run [-n N] CMD...: ecoscale under mpiexec (NP ranks unless -n), output in $OUT.
run() {
  local mpi="$MPIEXEC"
  if [ "$1" = "-n" ]; then
    mpi="${MPIEXEC% *} $2"
    shift 2
  fi
  timeout 120 $mpi "$ECOSCALE" "$@" >"$OUT" 2>&1
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
expect_one_error() {
  local n
  n=$(grep -ci 'error' "$OUT")
  [ "$n" -eq 1 ] || fail "$1: $n error lines, expected exactly 1"
}
# same_data A.h5 B.h5 DATASET...: bitwise equal values (h5dump text, %.17g).
same_data() {
  local a=$1 b=$2
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
  if ! h5diff "$1" "$3" "$2" "$4" >diff.txt 2>&1; then
    echo "FAIL: $1:$2 and $3:$4 differ"
    head -20 diff.txt
    failures=$((failures + 1))
  fi
}
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed at $NP rank(s)"
    exit 1
  fi
  echo "all checks passed at $NP rank(s)"
  exit 0
}
