#!/usr/bin/env bash
# Bad pipeline configurations at NP ranks: exit code 2, exactly one error
# message, no results file and no work folder (the configuration is checked
# before any stage runs). Some cases run at 1 rank only (they are parsed the
# same way on every rank). A stage's own bad input that its check does not
# catch stops the pipeline when that stage runs: exit 2, one message, no
# results file (the earlier stages' files stay in the work folder).
. "$SRC/tests/pipeline/lib.sh"
write_tiny_ini tiny.ini
printf 'not hdf5\n' > notes.txt
sed 's/,region$//; s/,[a-z]*$//' "$SRC/inputs/demo/pipeline/customers.csv" > noregion.csv
head -2 noregion.csv | grep -q region && { echo "noregion.csv still has regions"; exit 1; }

bad() { # bad [-w] WHAT EXPECTED-TEXT ARGS...   (-w: a work folder may exist)
  local work_ok=0
  [ "$1" = "-w" ] && { work_ok=1; shift; }
  local what=$1 text=$2
  shift 2
  rm -rf bad.h5 bad.h5.tmp bad.h5.work
  if [ "$NP" = 1 ]; then # a singleton: mpiexec adds ~2 s to every failing run
    timeout 120 "$ECOSCALE" pipeline -c tiny.ini -o bad.h5 "$@" >"$OUT" 2>&1
    RC=$?
  else
    run pipeline -c tiny.ini -o bad.h5 "$@"
  fi
  expect_rc 2 "$what"
  expect_one_error "$what"
  expect_text "$text" "$what"
  [ -e bad.h5 ] && fail "$what: a results file was written"
  [ -e bad.h5.tmp ] && fail "$what: a temporary results file was left"
  [ $work_ok = 0 ] && [ -e bad.h5.work ] && fail "$what: a work folder was made"
}
bad "unknown stage" "unknown stage 'plam'" --pipeline.stages=forecast,plam
bad "missing from file" "pipeline.forecast_from = nosuch.h5: no such file" \
  --pipeline.forecast_from=nosuch.h5
bad "from file not HDF5" "not an HDF5 file" --pipeline.plan_from=notes.txt
run forecast -c tiny.ini -o fc.h5 -q
expect_rc 0 "forecast alone"
bad "from file without the group" "fc.h5: the file has no /supply group" \
  --pipeline.supply_from=fc.h5
bad "customers without regions" "no 'region' column" --supply.customers=noregion.csv
bad "plan model and generate" "pipeline.plan_model = generate" \
  --plan.model="$SRC/inputs/demo/plan/production.mps"
bad "positional input" "takes no input files" extra.csv
if [ "$NP" = 1 ]; then
  bad "stage twice" "'plan' given twice" --pipeline.stages=plan,forecast,plan
  bad "no stages" "pipeline.stages is empty" --pipeline.stages=,
  bad "from for a stage not run" "plan is not in pipeline.stages" \
    --pipeline.stages=forecast --pipeline.plan_from=x.h5
  bad "scenario table with the link" "plan.scenarios" \
    --plan.scenarios="$SRC/inputs/demo/plan/scenarios.csv"
  bad "unknown pipeline key" "pipeline.stage" --pipeline.stage=forecast
  bad "unknown quantile" "unknown forecast variant 'p95'" --pipeline.quantiles=p10,p95
  bad "eco link without a saved plan solution" "set plan.save" --plan.save=
  bad "eco link with a bad pair" "'cat0' is not category=product" \
    --pipeline.eco_categories=cat0
  bad "eco link without the generated model" "pipeline.recommend_eco = plan needs" \
    --pipeline.plan_model=none
  bad "bad forecast input" "nosuch.csv" --forecast.input=nosuch.csv
fi
bad -w "bad recommend input" "nosuch.csv" --recommend.input=nosuch.csv
# an eco category mapped to an unknown product: found once the forecast is known
bad -w "eco link to an unknown product" "'nosuch' is not a product of the forecast" \
  --pipeline.eco_categories=cat0=nosuch
[ -e bad.h5.work/plan.h5 ] && fail "the plan ran although the eco mapping is wrong"
finish
