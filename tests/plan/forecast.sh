# Forecast quantiles as scenarios: `ecoscale forecast` writes P10/P50/P90
# per (region, product) series; a plan grid axis forecast=p10,p50,p90 sets
# the model's demand rows demand_{region}_{product}_{t} to them. The same
# scenarios written as an explicit CSV table (built here from the forecast
# file with h5dump) give the same statuses and objectives (relative 1e-9),
# at every rank count; bad forecast settings stop with exit code 2 and one
# message (one case under mpiexec at every rank count, the rest at NP=1).
. "$SRC/tests/plan/lib.sh"

/usr/bin/python3 - <<'PY'
import datetime, random
g = random.Random(5)
with open("demand.csv", "w") as f:
    f.write("region,product,date,quantity\n")
    for r in ("north", "south"):
        for p in ("oat-milk-1l", "rice-2kg", "soap"):
            base = g.uniform(60, 140)
            for w in range(40):
                d = datetime.date(2024, 1, 1) + datetime.timedelta(weeks=w)
                f.write("%s,%s,%s,%.1f\n" % (r, p, d.isoformat(), base * (1 + 0.2 * g.gauss(0, 1))))
PY
run forecast demand.csv -o fc.h5 --forecast.horizon=4 -q
expect_rc 0 "forecast"
# the model's regions and products carry the forecast's names
run -n 1 generate lp -o m.mps --generate.lp.plants=2 --generate.lp.periods=6 \
  --generate.lp.region_names=north,south --generate.lp.product_names=oat-milk-1l,rice-2kg,soap -q
expect_rc 0 "generate lp"

run plan m.mps --plan.forecast=fc.h5 \
  "--plan.grid=col:emissions:cost=0:200:50; forecast=p10,p50,p90" -o grid.h5 -q
expect_rc 0 "plan with a forecast axis"

/usr/bin/python3 - <<'PY' || fail "building the explicit table"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
reg = h5read.read_strings("fc.h5", "/forecast/series/region")
prod = h5read.read_strings("fc.h5", "/forecast/series/product")
H = 4
q = {n: h5read.read("fc.h5", "/forecast/" + n) for n in ("p10", "p50", "p90")}
names = ["p10", "p50", "p90"]
par = h5read.read("grid.h5", "/plan/parameters")
cols = ["row:demand_%s_%s_%d:rhs" % (reg[i], prod[i], t + 1) for i in range(len(reg)) for t in range(H)]
with open("table.csv", "w") as f:
    f.write("scenario,col:emissions:cost," + ",".join(cols) + "\n")
    for k in range(len(par) // 2):
        price, v = par[2 * k], names[int(par[2 * k + 1])]
        vals = [q[v][i * H + t] for i in range(len(reg)) for t in range(H)]
        f.write("s%d,%.17g," % (k, price) + ",".join("%.17g" % x for x in vals) + "\n")
print("table: %d scenarios x %d demand rows" % (len(par) // 2, len(cols)))
PY
run plan m.mps table.csv -o table.h5 -q
expect_rc 0 "plan with the explicit table"
/usr/bin/python3 - <<'PY' || fail "grid and table differ"
import math, os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
a, b = (h5read.read(f, "/plan/objective") for f in ("grid.h5", "table.h5"))
sa, sb = (h5read.read(f, "/plan/status") for f in ("grid.h5", "table.h5"))
assert len(a) == 15 and sa == sb, (len(a), sa, sb)
assert sa.count(0) >= 10, sa
worst = max(abs(x - y) / max(1, abs(y)) for x, y in zip(a, b) if not math.isnan(y))
print("forecast grid vs explicit table: worst relative difference %.3g" % worst)
assert worst <= 1e-9
assert len(set(round(x, 6) for x in a)) > 5, "the forecast axis changed nothing"
PY

bad() { # under mpiexec for the first case; the rest as singletons at NP=1
  local what=$1 text=$2
  shift 2
  rm -f res.h5
  if [ "$what" = "unknown variant" ]; then
    run plan m.mps "$@" -o res.h5 -q
  elif [ "$NP" -eq 1 ]; then
    run1 plan m.mps "$@" -o res.h5 -q
  else
    return 0
  fi
  expect_rc 2 "$what"
  expect_one_error "$what"
  expect_text "$text" "$what"
  [ ! -e res.h5 ] || fail "$what: a results file was written"
}
bad "forecast axis without a file" "needs a forecast results file" --plan.grid='forecast=p50'
bad "unknown variant" "'p99' is not in forecast file fc.h5" --plan.forecast=fc.h5 \
  --plan.grid='forecast=p50,p99'
bad "file without forecast axis" "has no forecast= axis" --plan.forecast=fc.h5 \
  --plan.grid='col:emissions:cost=1,2'
bad "no matching rows" "no row of model" --plan.forecast=fc.h5 \
  --plan.forecast_rows='nosuch_{region}_{t}' --plan.grid='forecast=p50'
bad "unknown template field" "unknown field at" --plan.forecast=fc.h5 \
  --plan.forecast_rows='demand_{area}_{t}' --plan.grid='forecast=p50'
bad "not a forecast file" "grid.h5" --plan.forecast=grid.h5 --plan.grid='forecast=p50'
finish
