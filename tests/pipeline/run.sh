#!/usr/bin/env bash
# The pipeline on a tiny config at NP ranks:
#   - exit 0, one results file with /forecast, /plan, /supply, /recommend and
#     the /pipeline record (stages, sources, links, sha256 of the stage files
#     and derived inputs, which match the files in the work folder);
#   - each copied group equals its stage file's group (h5diff, data and
#     attributes); the stage files' provenance is under /pipeline/provenance;
#   - the links hold: the plan's scenarios are the forecast's P10/P50/P90
#     (negative values 0) crossed with the carbon prices, on a generated model
#     whose demand rows are named after the forecast's regions and products;
#     each region's customers get that region's P50 total; the recommend
#     items' eco-scores are blended with the emissions per unit of product of
#     the plan's saved solution (recomputed here from the MPS file and the
#     saved primal values);
#   - the same results at 1 rank (forecast, plan, supply, recommend).
. "$SRC/tests/pipeline/lib.sh"
write_tiny_ini tiny.ini

run pipeline -c tiny.ini -o out.h5
expect_rc 0 "pipeline at $NP ranks"
expect_text "pipeline: results in out.h5" "final line"
[ -f out.h5 ] || fail "no results file"
[ -d out.h5.work ] || fail "no work folder"
for s in forecast plan supply recommend; do
  [ -f "out.h5.work/$s.h5" ] || fail "no stage file $s.h5"
  same_group out.h5 "/$s" "out.h5.work/$s.h5" "/$s"
  cmd=$(h5dump -a "/pipeline/provenance/$s/command" out.h5 2>/dev/null | grep -o "\"$s\"")
  [ "$cmd" = "\"$s\"" ] || fail "provenance of $s"
done
for f in plan_model.mps plan_demand.h5 customers.csv items.csv; do
  [ -f "out.h5.work/$f" ] || fail "no derived input $f"
done

/usr/bin/python3 - <<'PY' || fail "record and links"
import csv, hashlib, os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/pipeline")
from h5vals import read

def sha(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()

stages = read("out.h5", "/pipeline/stage")
assert stages == ["forecast", "plan", "supply", "recommend"], stages
assert read("out.h5", "/pipeline/source") == ["ran"] * 4
assert read("out.h5", "/pipeline/fed_by") == ["", "forecast", "forecast", "plan"], read("out.h5", "/pipeline/fed_by")
files = read("out.h5", "/pipeline/file")
for f, h in zip(files, read("out.h5", "/pipeline/sha256")):
    assert sha(f) == h, f
secs = read("out.h5", "/pipeline/seconds")
assert all(s > 0 for s in secs), secs
dpaths = read("out.h5", "/pipeline/derived/path")
assert sorted(os.path.basename(p) for p in dpaths) == ["customers.csv", "items.csv", "plan_demand.h5", "plan_model.mps"], dpaths
for p, h in zip(dpaths, read("out.h5", "/pipeline/derived/sha256")):
    assert sha(p) == h, p
assert read("out.h5", "/pipeline/derived/from") == ["forecast"] * 3 + ["plan"]
assert read("out.h5", "/pipeline/fed_by")[3] == "plan"

# forecast -> plan: 2 carbon prices x 3 quantiles; the demand file is the
# forecast's quantiles with negative values 0
names = read("out.h5", "/plan/parameter_names")
assert names[-1] == "forecast:p10|p50|p90", names
assert len(read("out.h5", "/plan/scenario")) == 6
region = read("out.h5", "/forecast/series/region")
product = read("out.h5", "/forecast/series/product")
for q in ("p10", "p50", "p90"):
    f = read("out.h5", "/forecast/" + q)
    d = read("out.h5.work/plan_demand.h5", "/forecast/" + q)
    assert d == [max(0.0, x) for x in f], q
# the generated model's demand rows are named after the forecast's series
mps = open("out.h5.work/plan_model.mps").read()
H = len(read("out.h5", "/forecast/p50")) // len(region)
assert H == 4
for r, p in zip(region, product):
    for t in range(1, H + 1):
        assert "demand_%s_%s_%d" % (r, p, t) in mps, (r, p, t)
status = read("out.h5", "/plan/status")
assert status.count(0) >= 4, status   # most scenarios optimal

# forecast -> supply: each region's customers carry its P50 total
p50 = read("out.h5", "/forecast/p50")
want = {}
for i, r in enumerate(region):
    want[r] = want.get(r, 0.0) + sum(max(0.0, x) if False else x for x in p50[i * H:(i + 1) * H])
got = {}
with open("out.h5.work/customers.csv") as fh:
    for row in csv.DictReader(fh):
        got[row["region"]] = got.get(row["region"], 0.0) + float(row["demand"])
assert set(got) == set(want), (got, want)
for r in want:
    assert abs(got[r] - want[r]) <= 1e-6 * abs(want[r]), (r, got[r], want[r])
print("links OK:", {r: round(v, 1) for r, v in want.items()})

# plan -> recommend: emissions per unit of product from the saved solution of
# the smallest optimal saved scenario (1), recomputed from the MPS file
coef = {}
section = None
for line in open("out.h5.work/plan_model.mps"):
    if not line.strip() or line.startswith("*"):
        continue
    if not line[0].isspace():
        section = line.split()[0]
        continue
    if section == "COLUMNS":
        f = line.split()
        for k in range(1, len(f) - 1, 2):
            if f[k] == "emissions_def":
                coef[f[0]] = float(f[k + 1])
ids = [int(v) for v in read("out.h5", "/plan/solutions/scenario")]
assert sorted(ids) == [1, 4], ids
names = read("out.h5", "/plan/solutions/column_names")
prim = read("out.h5", "/plan/solutions/primal")
row = ids.index(1)
x = prim[row * len(names):(row + 1) * len(names)]
products = read("out.h5", "/pipeline/eco/product")
em = [0.0] * len(products)
made = [0.0] * len(products)
for n, v in zip(names, x):
    kind = n.split("_")[0]
    if kind not in ("make", "over", "ship"):
        continue
    i = int(n.split("_")[2][2:]) - 1
    em[i] += coef.get(n, 0.0) * v
    if kind != "ship":
        made[i] += v
inten = [e / m for e, m in zip(em, made)]
got = read("out.h5", "/pipeline/eco/intensity")
for a, b in zip(inten, got):
    assert abs(a - b) <= 1e-9 * abs(a), (a, b)
# product order = first appearance in the forecast's series
order = []
for p in product:
    if p not in order:
        order.append(p)
assert products == order, (products, order)
cats = {"cat0": "oat-milk-1l", "cat1": "organic-coffee-500g", "cat2": "bamboo-toothbrush",
        "cat3": "reusable-bottle", "cat4": "led-bulb-9w", "cat5": "solar-charger"}
imax = max(inten)
src = list(csv.reader(open(os.environ["SRC"] + "/inputs/demo/recommend/items.csv")))
out = list(csv.reader(open("out.h5.work/items.csv")))
assert len(src) == len(out) and src[0] == out[0]
changed = 0
for a, b in zip(src[1:], out[1:]):
    assert a[0] == b[0] and a[2] == b[2]
    if a[2] in cats:
        want_s = 0.6 * float(a[1]) + 0.4 * (1 - inten[products.index(cats[a[2]])] / imax)
        assert abs(float(b[1]) - want_s) < 1e-5, (a, b, want_s)
        changed += 1
    else:
        assert float(b[1]) == float(a[1]), (a, b)
assert changed > 100, changed
# the recommend stage used it: its eco-scores are the derived ones
eco = read("out.h5", "/recommend/items/eco_score")
iid = read("out.h5", "/recommend/items/id")
derived = {r[0]: float(r[1]) for r in out[1:]}
for i, e in zip(iid, eco):
    assert abs(e - derived[i]) < 1e-5, (i, e, derived[i])
print("eco link OK:", dict(zip(products, [round(v, 5) for v in inten])))
PY

# The same results at 1 rank.
if [ "$NP" -gt 1 ]; then
  run -n 1 pipeline -c tiny.ini -o one.h5 -q
  expect_rc 0 "pipeline at 1 rank"
  same_data out.h5 one.h5 /forecast/p10 /forecast/p50 /forecast/p90 /forecast/model \
    /plan/status /plan/objective /plan/emissions /plan/parameters \
    /supply/open /supply/assignment /recommend/topk/items
  cmp -s out.h5.work/plan_model.mps one.h5.work/plan_model.mps || fail "plan model differs at 1 rank"
  cmp -s out.h5.work/customers.csv one.h5.work/customers.csv || fail "customers differ at 1 rank"
  cmp -s out.h5.work/items.csv one.h5.work/items.csv || fail "items differ at 1 rank"
fi
finish
