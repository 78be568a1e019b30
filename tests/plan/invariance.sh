# Rank-count invariance: a grid sweep (carbon price x demand scaling x a
# capacity outage) with small chunks, so that chunks land on different ranks
# at different rank counts, gives bit-identical results at NP ranks and at
# 1 rank (solve times excepted). The saved solutions (plan.save) are equal
# too, as are the binding-row statistics and the tracked values; warm starts take far fewer
# simplex iterations than cold ones; iteration limits are rank-invariant;
# a slice of the sweep (plan.first/count) equals the whole sweep's rows.
. "$SRC/tests/plan/lib.sh"

run -n 1 generate lp -o fam.lp --generate.lp.plants=3 --generate.lp.products=3 \
  --generate.lp.regions=2 --generate.lp.periods=6 --seed=7 -q
expect_rc 0 "generate lp"
GRID='col:emissions:cost=0:200:50; row:demand_*:rhs*=0.9:1.2:0.1; row:cap_pl2_3:rhs*=1,0.3,0'
TRACK='col:emissions; col:make_pl2_*; row:cap_pl2_3; row:demand_rg1_*'
run -n 1 plan fam.lp --plan.grid="$GRID" --plan.chunk=3 --plan.save=0,7,31:33 \
  --plan.track="$TRACK" -o one.h5 -q
expect_rc 0 "plan at 1 rank"
run plan fam.lp --plan.grid="$GRID" --plan.chunk=3 --plan.save=0,7,31:33 \
  --plan.track="$TRACK" -o many.h5
expect_rc 0 "plan at $NP ranks"
expect_text "60 scenarios" "summary line"
same_data one.h5 many.h5 /plan/scenario /plan/status /plan/method /plan/objective \
  /plan/cost /plan/emissions /plan/energy /plan/iterations /plan/parameters \
  /plan/pareto/scenario /plan/pareto/cost /plan/pareto/emissions
same_data one.h5 many.h5 /plan/binding/row_name /plan/binding/count /plan/binding/max_abs_dual \
  /plan/track/names /plan/track/values
# tracked values: the emissions column is /plan/emissions; 1 + 18 + 1 + 18 values
/usr/bin/python3 - <<'PY' || fail "tracked values"
import math, os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
names = h5read.read_strings("many.h5", "/plan/track/names")
assert names[0] == "col:emissions" and len(names) == 38, names
v = h5read.read("many.h5", "/plan/track/values")
e = h5read.read("many.h5", "/plan/emissions")
K = len(names)
for k, ek in enumerate(e):
    x = v[k * K]
    assert (math.isnan(x) and math.isnan(ek)) or x == ek, (k, x, ek)
PY
same_saved one.h5 many.h5 0,7,31,32,33
# scenarios decode in snake order: neighbours differ in one parameter
/usr/bin/python3 - <<'PY' || fail "grid order"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
p = h5read.read("many.h5", "/plan/parameters")
rows = [tuple(p[i:i + 3]) for i in range(0, len(p), 3)]
assert len(set(rows)) == 60, "not the full cross product"
for a, b in zip(rows, rows[1:]):
    assert sum(x != y for x, y in zip(a, b)) == 1, (a, b)
PY
run plan fam.lp --plan.grid="$GRID" --plan.chunk=3 --plan.start=cold -o cold.h5 -q
expect_rc 0 "plan cold"
/usr/bin/python3 - <<'PY' || fail "warm iterations"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
w = sum(h5read.read("many.h5", "/plan/iterations"))
c = sum(h5read.read("cold.h5", "/plan/iterations"))
print("simplex iterations: warm %d, cold %d (%.1fx)" % (w, c, c / w))
assert 3 * w < c
PY
# a slice (plan.first/count, as job-array tasks run) gives the whole sweep's
# results for its scenarios, bit for bit
run plan fam.lp --plan.grid="$GRID" --plan.chunk=3 --plan.first=21 --plan.count=20 \
  --plan.track="$TRACK" -o slice.h5 -q
expect_rc 0 "plan slice"
/usr/bin/python3 - <<'PY' || fail "slice differs from the whole sweep"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
for d in ("scenario", "status", "objective", "iterations", "parameters", "track/values"):
    w = [repr(x) for x in h5read.read("one.h5", "/plan/" + d)]
    sl = [repr(x) for x in h5read.read("slice.h5", "/plan/" + d)]
    per = len(w) // 60
    assert w[21 * per:41 * per] == sl, d
PY
# iteration limits are deterministic: the same statuses (some at the limit)
# at every rank count
LIM=(plan "$SRC/inputs/demo/plan/production.mps" --plan.chunk=3 --plan.iteration_limit=20
  "--plan.grid=col:emissions:cost=0:200:50; row:demand_*:rhs*=0.9:1.1:0.05")
run -n 1 "${LIM[@]}" -o lim1.h5 -q
expect_rc 0 "iteration limit at 1 rank"
run "${LIM[@]}" -o limn.h5 -q
expect_rc 0 "iteration limit at $NP ranks"
same_data lim1.h5 limn.h5 /plan/status /plan/objective /plan/iterations
/usr/bin/python3 - <<'PY' || fail "iteration limit statuses"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
st = h5read.read("limn.h5", "/plan/status")
it = h5read.read("limn.h5", "/plan/iterations")
assert st.count(3) > 0 and st.count(0) > 0, st
assert all(i <= 20 for i in it), it
PY
finish
