# Helpers for the plan tests (sourced). Environment from eco_add_mpi_test:
# NP, MPIEXEC, ECOSCALE, SRC, WORK.
set -u
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
export ECOSCALE_OPTIONS=
DATA="$SRC/tests/plan/data"
ORACLE="/usr/bin/python3 $SRC/tests/plan/oracle.py"
H5READ="/usr/bin/python3 $SRC/tests/plan/h5read.py"
failures=0
OUT="$WORK/out.txt"

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
# run1 CMD...: ecoscale as a singleton (one rank, no mpiexec: mpiexec alone
# adds about 2 s to every failing run, which adds up over many bad inputs).
run1() {
  timeout 120 "$ECOSCALE" "$@" >"$OUT" 2>&1
  RC=$?
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
    if ! cmp -s <(h5dump -A 0 -w 0 -m %.17g -d "$d" "$a" | tail -n +3) \
                <(h5dump -A 0 -w 0 -m %.17g -d "$d" "$b" | tail -n +3); then
      echo "FAIL: $d differs between $a and $b"
      failures=$((failures + 1))
    fi
  done
}
# same_saved A.h5 B.h5 IDS: the saved solutions (rows in rank order) are the
# same set of scenarios IDS (comma list) with bit-identical values.
same_saved() {
  /usr/bin/python3 - "$1" "$2" "$3" <<'PY' || { echo "FAIL: saved solutions differ"; failures=$((failures + 1)); }
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
def load(f):
    ids = [int(x) for x in h5read.read(f, "/plan/solutions/scenario")]
    out = {}
    for d in ("primal", "dual"):
        v = h5read.read(f, "/plan/solutions/" + d)
        n = len(v) // len(ids)
        for i, k in enumerate(ids):
            out[(k, d)] = [repr(x) for x in v[i * n:(i + 1) * n]]
    return ids, out
ia, a = load(sys.argv[1])
ib, b = load(sys.argv[2])
want = sorted(int(x) for x in sys.argv[3].split(","))
assert sorted(ia) == want, (sorted(ia), want)
assert sorted(ib) == want, (sorted(ib), want)
assert a == b
PY
}
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed at $NP rank(s)"
    exit 1
  fi
  echo "all checks passed at $NP rank(s)"
  exit 0
}
