#!/usr/bin/env bash
# Stages taken from earlier results files at NP ranks:
#   - forecast_from = an earlier pipeline's results file: the forecast is not
#     run (source "file"), its group is the earlier one, and the downstream
#     plan, supply and recommend results are the same as in the earlier run;
#   - plan_from and supply_from as well, with keep_work = false: only the
#     stages that run make stage files, and the work folder is removed (the
#     plan -> recommend link, which needs the plan run here, is off);
#   - a subset of stages (supply and forecast, given out of order): they run
#     in the fixed order, the others are absent, supply is still fed;
#   - plan_model = config with a model of one's own whose rows follow
#     [plan] forecast_rows gives the same plan as the generated one.
. "$SRC/tests/pipeline/lib.sh"
write_tiny_ini tiny.ini

run pipeline -c tiny.ini -o first.h5 -q
expect_rc 0 "first pipeline"

run pipeline -c tiny.ini -o second.h5 --pipeline.forecast_from=first.h5
expect_rc 0 "pipeline with forecast_from"
expect_text "forecast taken from first.h5" "log line"
[ -e second.h5.work/forecast.h5 ] && fail "the forecast ran although taken from a file"
same_group first.h5 /forecast second.h5 /forecast
same_data first.h5 second.h5 /plan/status /plan/objective /plan/cost /plan/emissions \
  /plan/parameters /supply/open /supply/assignment /recommend/topk/items
cmp -s first.h5.work/plan_model.mps second.h5.work/plan_model.mps || fail "plan model differs"
/usr/bin/python3 - <<'PY' || fail "record of a stage from a file"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/pipeline")
from h5vals import read
assert read("second.h5", "/pipeline/source") == ["file", "ran", "ran", "ran"]
assert read("second.h5", "/pipeline/file")[0] == "first.h5"
s = read("second.h5", "/pipeline/seconds")
assert s[0] != s[0] and s[1] > 0, s    # NaN for a stage not run
PY

# (the plan -> recommend link needs the plan run here: off)
run pipeline -c tiny.ini -o third.h5 --pipeline.plan_from=first.h5 \
  --pipeline.supply_from=second.h5 --pipeline.keep_work=false \
  --pipeline.recommend_eco=none -q
expect_rc 0 "pipeline with plan_from, supply_from, keep_work=false"
[ -e third.h5.work ] && fail "work folder kept with keep_work = false"
same_group first.h5 /plan third.h5 /plan
same_group second.h5 /supply third.h5 /supply
same_data first.h5 third.h5 /forecast/p50

run pipeline -c tiny.ini -o fourth.h5 --pipeline.stages=supply,forecast -q
expect_rc 0 "pipeline with two stages"
h5ls fourth.h5/plan >/dev/null 2>&1 && fail "a plan group without the plan stage"
h5ls fourth.h5/recommend >/dev/null 2>&1 && fail "a recommend group without the stage"
same_data first.h5 fourth.h5 /forecast/p50 /supply/open /supply/assignment
/usr/bin/python3 - <<'PY' || fail "record of two stages"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/pipeline")
from h5vals import read
assert read("fourth.h5", "/pipeline/stage") == ["forecast", "supply"]
assert read("fourth.h5", "/pipeline/fed_by") == ["", "forecast"]
PY

# plan_model = config: the plan's own model (here a copy of the generated
# one), its demand rows named by [plan] forecast_rows: the same sweep
cp first.h5.work/plan_model.mps own.mps
run pipeline -c tiny.ini -o fifth.h5 --pipeline.stages=forecast,plan \
  --pipeline.plan_model=config --plan.model=own.mps -q
expect_rc 0 "pipeline with plan_model = config"
same_data first.h5 fifth.h5 /plan/objective /plan/status /plan/parameters
finish
