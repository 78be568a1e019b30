#!/usr/bin/env bash
# --resume at NP ranks. A pipeline stopped during the supply stage leaves the
# forecast and plan stage files (committed) in the work folder; here that is
# made by removing the later stage files of a finished run. Then:
#   - `pipeline --resume` keeps forecast and plan (source "kept", files not
#     rewritten), runs supply and recommend, and gives the same results;
#   - with a changed plan grid, --resume runs the plan (and what follows)
#     again instead of keeping a stage file made with another configuration.
. "$SRC/tests/pipeline/lib.sh"
write_tiny_ini tiny.ini

run pipeline -c tiny.ini -o full.h5 -q
expect_rc 0 "uninterrupted pipeline"
cp full.h5 reference.h5
rm -f full.h5 full.h5.work/supply.h5 full.h5.work/recommend.h5
fc_sum=$(sha256sum full.h5.work/forecast.h5)

run pipeline -c tiny.ini -o full.h5 --resume
expect_rc 0 "pipeline --resume"
expect_text "forecast kept from the interrupted run" "forecast kept"
expect_text "plan kept from the interrupted run" "plan kept"
[ "$(sha256sum full.h5.work/forecast.h5)" = "$fc_sum" ] || fail "the kept forecast file was rewritten"
same_data reference.h5 full.h5 /forecast/p50 /plan/objective /plan/status \
  /supply/open /supply/assignment /recommend/topk/items
/usr/bin/python3 - <<'PY' || fail "record of kept stages"
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/pipeline")
from h5vals import read
assert read("full.h5", "/pipeline/source") == ["kept", "kept", "ran", "ran"], read("full.h5", "/pipeline/source")
PY

run pipeline -c tiny.ini -o full.h5 --resume --plan.grid='col:emissions:cost=0,50,100'
expect_rc 0 "pipeline --resume with another plan grid"
expect_text "forecast kept from the interrupted run" "forecast kept again"
expect_text "plan: full.h5.work/plan.h5 was made with another configuration" "plan run again"
[ "$(h5dump -H -d /plan/scenario full.h5 | grep -c '( 9 )')" = 1 ] || fail "the plan was not run with the new grid"
finish
