# Job arrays: a sweep solved whole and as 3 slices (plan.first/count, as the
# tasks of jobs/plan-array.sbatch run them, each at its own rank count),
# joined by `ecoscale merge plan` at NP ranks: every per-scenario dataset,
# the Pareto front, the binding rows and the tracked values are bit-identical
# (h5diff) to the whole sweep's, and every slice is recorded as an input.
# Slices with a gap, an overlap, another grid, another model, or a whole
# sweep given as a slice: exit code 2, one error naming the files, no file.
. "$SRC/tests/plan/lib.sh"

run -n 1 generate lp -o fam.lp --generate.lp.plants=3 --generate.lp.products=3 \
  --generate.lp.regions=2 --generate.lp.periods=6 --seed=7 -q
expect_rc 0 "generate lp"
mkdir -p other
run -n 1 generate lp -o other/fam.lp --generate.lp.plants=3 --generate.lp.products=3 \
  --generate.lp.regions=2 --generate.lp.periods=6 --seed=8 -q
expect_rc 0 "generate lp (another model)"
# 60 scenarios, 10 infeasible (demand x2 with plant 2 down), chunks of 3
GRID='col:emissions:cost=0:200:50; row:demand_*:rhs*=0.9,1.2,2; row:cap_pl2_*:rhs*=1,0.5,0,0.2'
TRACK='col:emissions; col:make_pl2_*; row:cap_pl2_3'
run plan fam.lp --plan.grid="$GRID" --plan.chunk=3 --plan.track="$TRACK" -o whole.h5 -q
expect_rc 0 "whole sweep"
# slices as plan-array.sbatch cuts 60 scenarios into 3 tasks: 21, 21, 18
slice() { # ranks first count out [dir]
  local np=$1 first=$2 count=$3 out=$4 model=${5:-fam.lp}
  run -n "$np" plan "$model" --plan.grid="$GRID" --plan.chunk=3 --plan.track="$TRACK" \
    --plan.first="$first" --plan.count="$count" -o "$out" -q
  expect_rc 0 "slice $first+$count at $np ranks"
}
slice 1 0 21 s0.h5
slice "$NP" 21 21 s1.h5
slice 2 42 18 s2.h5
run merge plan s2.h5 s0.h5 s1.h5 -o merged.h5
expect_rc 0 "merge plan"
expect_text "3 slices, 60 scenarios" "merge summary"
for d in scenario status method objective cost emissions energy iterations \
  parameters parameter_names pareto/scenario pareto/cost pareto/emissions \
  binding/row_name binding/count binding/max_abs_dual track/names track/values; do
  h5diff -q whole.h5 merged.h5 "/plan/$d" "/plan/$d" >/dev/null 2>&1 ||
    fail "/plan/$d: merged file differs from the whole sweep"
done
# the same, NaN-safe (h5dump text at %.17g), and no dataset more or less
same_data whole.h5 merged.h5 /plan/objective /plan/cost /plan/emissions /plan/track/values
[ "$(h5ls -r whole.h5 | grep -v seconds | awk '{print $1}')" = \
  "$(h5ls -r merged.h5 | grep -v seconds | awk '{print $1}')" ] ||
  fail "merged file has other datasets than the whole sweep"
/usr/bin/python3 - <<'PY' || fail "summaries or provenance"
import os, subprocess, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
st = h5read.read("whole.h5", "/plan/status")
assert 0 < sum(1 for s in st if s != 0) < len(st), "want optimal and non-optimal scenarios"
def attr(f, obj, name):
    out = subprocess.run(["h5dump", "-a", obj + "/" + name, f], capture_output=True,
                         text=True, check=True).stdout
    return out.split("(0):", 1)[1].split("\n")[0].strip()
for a in ("scenarios", "count_optimal", "count_infeasible", "objective_min",
          "objective_max", "pareto_points", "first", "total_scenarios", "base_objective"):
    assert attr("whole.h5", "/plan", a) == attr("merged.h5", "/plan", a), a
assert attr("merged.h5", "/plan", "merged_slices") == "3"
inputs = subprocess.run(["h5dump", "-a", "/inputs", "merged.h5"], capture_output=True,
                        text=True, check=True).stdout
for s in ("s0.h5", "s1.h5", "s2.h5"):
    assert s in inputs, (s, inputs)
PY

bad_merge() { # what expected-text slices...
  local what=$1 text=$2
  shift 2
  rm -f bad.h5
  run merge plan "$@" -o bad.h5 -q
  expect_rc 2 "$what"
  expect_one_error "$what"
  expect_text "$text" "$what"
  [ ! -e bad.h5 ] || fail "$what: a results file was written"
  if ls bad.h5.* >/dev/null 2>&1; then fail "$what: a temporary file was left"; fi
}
bad_merge "gap" "gap: scenarios 21..41 are in no slice (between s0.h5" s0.h5 s2.h5
bad_merge "missing start" "gap: scenarios 0..20" s1.h5 s2.h5
bad_merge "missing end" "gap: scenarios 42..59" s0.h5 s1.h5
slice 1 18 24 over.h5
bad_merge "overlap" "overlap: scenarios 18..20 are in both s0.h5 and over.h5" s0.h5 over.h5 s1.h5 s2.h5
bad_merge "same slice twice" "overlap: scenarios 0..20" s0.h5 s0.h5 s1.h5 s2.h5
run -n 1 plan fam.lp --plan.grid="$GRID" --plan.chunk=3 --plan.first=21 --plan.count=21 \
  -o notrack.h5 -q
expect_rc 0 "slice without tracked values"
bad_merge "other settings" "s0.h5 and notrack.h5 are not slices of the same sweep: their [plan] settings differ" \
  s0.h5 notrack.h5 s2.h5
slice 1 21 21 othermodel.h5 other/fam.lp
bad_merge "other model" "s0.h5 and othermodel.h5 are not slices of the same sweep: their input files" \
  s0.h5 othermodel.h5 s2.h5
bad_merge "whole sweep as a slice" "whole.h5: not a slice" whole.h5
bad_merge "no such file" "nothere.h5" s0.h5 nothere.h5
finish
