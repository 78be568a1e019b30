# Helpers for the plan tests (sourced): tests/lib.sh (run, run1, fail, expect_*,
# same_data, finish) plus the plan's data folder, oracle and saved-solution check.
set -u
: "${SRC:?}"
. "$SRC/tests/lib.sh"
DATA="$SRC/tests/plan/data"
ORACLE="/usr/bin/python3 $SRC/tests/plan/oracle.py"
H5READ="/usr/bin/python3 $SRC/tests/plan/h5read.py"

# same_saved A.h5 B.h5 IDS: the saved solutions (rows in rank order) are the
# same set of scenarios IDS (comma list) with bit-identical values.
same_saved() {
  /usr/bin/python3 - "$1" "$2" "$3" <<'PY' || { echo "FAIL: saved solutions differ"; failures=$((failures + 1)); }
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
ia, a = h5read.saved_solutions(sys.argv[1])
ib, b = h5read.saved_solutions(sys.argv[2])
want = sorted(int(x) for x in sys.argv[3].split(","))
assert sorted(ia) == want, (sorted(ia), want)
assert sorted(ib) == want, (sorted(ib), want)
assert a == b
PY
}
