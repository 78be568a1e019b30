# The report of each stage's demo results, of a file holding every stage,
# with missing datasets (skipped, with the reason) and with malformed ones
# (exit 2 naming the dataset); bad arguments; replacing an older report; the
# same report whatever the rank count.
. "$(dirname "$0")/common.sh"
make_all

# from the repository root the demo's input (a relative path in the
# provenance) is found with the same checksum: the history is drawn
(cd "$SRC" && run_report "$WORK/r-forecast.h5" "$WORK/rep-forecast")
check_report rep-forecast forecast_fans forecast_accuracy
grep -q 'most accurate model' rep-forecast/summary.txt || fail "forecast: no accuracy figures"
grep -q 'skipped: history' rep-forecast/summary.txt && fail "forecast: history was not found"
grep -q 'fan chart history  *history read from inputs/demo/forecast/demand_weekly.csv (placed by date)' \
  rep-forecast/summary.txt || fail "forecast: history source not named"
grep -q 'the observed history in blue' rep-forecast/index.html || fail "forecast: caption lacks history"

run_report r-plan.h5 rep-plan
check_report rep-plan plan_pareto plan_heat_emissions plan_heat_objective
grep -q 'Pareto front .* plans' rep-plan/summary.txt || fail "plan: no Pareto figures"

run_report r-supply.h5 rep-supply
check_report rep-supply supply_convergence supply_sites
grep -q 'open sites  *[0-9]* of 25' rep-supply/summary.txt || fail "supply: no open-site count"
grep -q 'skipped: network map: ' rep-supply/summary.txt || fail "supply: map skip not explained"

run_report r-recommend.h5 rep-recommend
check_report rep-recommend recommend_training recommend_tradeoff recommend_eco
grep -q 'recall@K' rep-recommend/summary.txt || fail "recommend: no recall figure"

# provenance and footprint of the run are shown
for k in 'command' 'ranks' 'seed' 'input' 'wall time' 'CPU' 'energy' 'emissions'; do
  grep -q "^  $k " rep-plan/summary.txt || fail "summary.txt lacks '$k'"
done
grep -q 'CPU core-seconds' rep-plan/index.html || fail "index.html lacks the footprint"
grep -q 'gCO2e' rep-plan/summary.txt || fail "summary.txt lacks gCO2e"

# one file with every stage group (as the pipeline writes)
for s in forecast plan supply recommend; do
  h5copy -i "r-$s.h5" -o all.h5 -s "/$s" -d "/$s"
done
run_report all.h5 rep-all
check_report rep-all forecast_fans forecast_accuracy plan_pareto plan_heat_emissions \
  plan_heat_objective supply_convergence supply_sites recommend_training recommend_tradeoff recommend_eco
grep -q 'command *(not recorded)' rep-all/summary.txt || fail "missing provenance not reported"
# from $WORK the forecast's input (relative to the repository root) is not
# found: the fan charts are drawn without history, and the reason is given
grep -q 'skipped: history in the fan charts: no input file recorded' rep-all/summary.txt ||
  fail "forecast: missing history not explained"

# missing datasets: plots skipped with the reason, never a failure
h5copy -p -i r-forecast.h5 -o part.h5 -s /forecast/point -d /forecast/point
h5copy -p -i r-plan.h5 -o part.h5 -s /plan/status -d /plan/status
run_report part.h5 rep-part
check_report rep-part forecast_fans
grep -q 'skipped: accuracy by model: the file has no /forecast/summary' rep-part/summary.txt ||
  fail "missing /forecast/summary not explained"
grep -q 'skipped: cost-emissions scatter: the file has no /plan/cost' rep-part/summary.txt ||
  fail "missing /plan/cost not explained"

# malformed datasets: exit 2, one message naming the dataset, no report
h5copy -p -i r-forecast.h5 -o bad1.h5 -s /forecast/model_name -d /forecast/point
check_bad "/forecast/point holds strings" bad1.h5 -o rep-bad
h5copy -p -i r-forecast.h5 -o bad2.h5 -s /forecast/point -d /forecast/point
h5copy -p -i r-forecast.h5 -o bad2.h5 -s /forecast/params -d /forecast/p10
check_bad "/forecast/p10 is 24 x 9 but /forecast/point is 24 x 13" bad2.h5 -o rep-bad
h5copy -p -i r-supply.h5 -o bad3.h5 -s /supply/history/best -d /supply/flows
check_bad "/supply/flows has 26 columns, expected 6" bad3.h5 -o rep-bad
[ ! -e rep-bad ] && [ ! -e rep-bad.tmp ] || fail "a report was left for a malformed file"

# bad arguments and inputs
check_bad "missing.h5: no such file" missing.h5 -o rep-bad
echo "not hdf5" > text.h5
check_bad "not an HDF5 file" text.h5 -o rep-bad
check_bad "writes a folder" r-plan.h5 -o rep.h5
check_bad "takes one results file" -o rep-bad
[ ! -e rep-bad ] && [ ! -e rep-bad.tmp ] || fail "a report was left for bad input"
mkdir keep && echo precious > keep/data.txt
check_bad "is not an ecoscale report" r-plan.h5 -o keep
[ "$(cat keep/data.txt)" = precious ] || fail "a foreign folder was touched"

# the same forecast from HDF5 demand (`import demand`): the history comes
# from its /demand, placed by period index as the CSV's is by date, so the
# fan charts must be the same picture, byte for byte
timeout 120 $MPI2 "$ECOSCALE" import demand "$SRC/inputs/demo/forecast/demand_weekly.csv" \
  -o demand.h5 -q || fail "import demand failed"
timeout 120 $MPI2 "$ECOSCALE" forecast demand.h5 -c "$SRC/inputs/demo/forecast.ini" \
  --forecast.input= --forecast.models=$FC_MODELS -o r-fh5.h5 -q || fail "forecast of demand.h5 failed"
run_report r-fh5.h5 rep-fh5
check_report rep-fh5 forecast_fans forecast_accuracy
grep -q "fan chart history  *history read from demand.h5 (placed by date)" rep-fh5/summary.txt ||
  fail "history not read from the HDF5 demand input"
cmp rep-fh5/forecast_fans.png rep-forecast/forecast_fans.png ||
  fail "fan charts differ between the CSV and the HDF5 history"

# a file without stage results (the demand file): a report that says so
run_report demand.h5 rep-none
check_report rep-none
grep -q 'holds no stage results' rep-none/summary.txt || fail "empty report not explained"
grep -q 'command  *import demand' rep-none/summary.txt || fail "provenance of demand.h5 missing"

# options (no SVG, another size, fewer fan charts), written over an older
# report, which is replaced as a whole
run_report r-forecast.h5 rep-plan --report.svg=false --report.width=640 --report.height=480 \
  --report.series=1
[ -z "$(ls rep-plan/*.svg 2>/dev/null)" ] || fail "SVG written with report.svg=false"
[ -z "$(ls rep-plan/plan_* 2>/dev/null)" ] || fail "the older report was not replaced"
check_png rep-plan/forecast_fans.png 640 480
check_png rep-plan/forecast_accuracy.png 640 480
grep -q 'The 1 series with the largest' rep-plan/index.html || fail "report.series=1 ignored"

# the same report at 1 rank (the rank count must not matter)
if [ "$NP" != 1 ]; then
  ONE=$(echo "$MPIEXEC" | sed 's/-n [0-9]*$/-n 1/')
  timeout 120 $ONE "$ECOSCALE" report all.h5 -o rep-one -q || fail "1-rank report failed"
  diff rep-one/summary.txt rep-all/summary.txt || fail "summary.txt differs from the 1-rank run"
  for f in rep-all/*.png; do
    cmp -s "$f" "rep-one/$(basename "$f")" || fail "$(basename "$f") differs from the 1-rank run"
  done
fi
echo "report_stages np=$NP: ok"
