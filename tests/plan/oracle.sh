# Oracle: objectives and statuses of random scenarios (CSV tables) on three
# bundled models read through the three GLPK readers (free MPS, CPLEX LP,
# GMPL model + data) equal glpsol's on each scenario written out as its own
# free MPS file (relative 1e-9), including infeasible and unbounded cases.
# Also: warm and cold solves give the same objectives (relative 1e-9).
. "$SRC/tests/plan/lib.sh"

run -n 1 generate lp -o fam.mps --generate.lp.plants=2 --generate.lp.products=3 \
  --generate.lp.regions=2 --generate.lp.periods=4 -q
expect_rc 0 "generate lp"
# an objective constant: GLPK reads a RHS on the objective row with the same
# sign (non-standard); ecoscale, glpsol and the oracle's writer must agree
obj=$(awk '/^ROWS/ {f = 1; next} f && $1 == "N" {print $2; exit}' fam.mps)
sed -i "s/^RHS\$/RHS\n RHS1 $obj -1234.5/" fam.mps
grep -q "RHS1 $obj -1234.5" fam.mps || fail "objective constant not added"
glpsol --lp "$DATA/small.lp" --wfreemps small.mps >/dev/null || fail "glpsol small.lp"
glpsol -m "$DATA/transport.mod" -d "$DATA/transport.dat" --wfreemps tr.mps >/dev/null ||
  fail "glpsol transport"
mkdir -p files

check_model() { # name base.mps kind seed n model-args... -- oracle-needs...
  local name=$1 base=$2 kind=$3 seed=$4 n=$5
  shift 5
  local args=()
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  shift
  $ORACLE make-csv "$base" "$kind" "$seed" "$n" "$name.csv" || fail "$name: make-csv"
  run "${args[@]}" "$name.csv" --plan.chunk=4 -o "$name.h5" -q
  expect_rc 0 "$name: plan"
  $ORACLE check "$base" "$name.csv" "$name.h5" files "$@" || fail "$name: oracle"
  run "${args[@]}" "$name.csv" --plan.start=cold -o "$name-cold.h5" -q
  expect_rc 0 "$name: plan cold"
  /usr/bin/python3 - "$name.h5" "$name-cold.h5" <<'PY' || fail "$name: warm vs cold"
import math, sys
sys.path.insert(0, sys.argv[0] and __import__("os").environ["SRC"] + "/tests/plan")
import h5read
w, c = (h5read.read(f, "/plan/objective") for f in sys.argv[1:3])
ws, cs = (h5read.read(f, "/plan/status") for f in sys.argv[1:3])
assert ws == cs, "statuses differ warm/cold"
worst = max((abs(a - b) / max(1, abs(b)) for a, b in zip(w, c) if not math.isnan(b)), default=0)
print("warm vs cold: worst relative objective difference %.3g" % worst)
sys.exit(0 if worst <= 1e-9 else 1)
PY
}

check_model family fam.mps family 11 30 plan fam.mps -- --min-infeasible 3 --min-optimal 10
check_model small small.mps small 12 30 plan "$DATA/small.lp" -- \
  --min-infeasible 3 --min-unbounded 3 --min-optimal 10
check_model transport tr.mps transport 13 15 plan "$DATA/transport.mod" "$DATA/transport.dat" -- \
  --min-infeasible 2 --min-optimal 5
finish
