# The report of the demo pipeline's results file (every stage in one file)
# opened in headless Chromium: every <img> must load (the page's own script
# counts images with naturalWidth > 0 on window load and writes the count
# into the DOM). A copy with broken pictures must be caught.
. "$(dirname "$0")/common.sh"
command -v chromium > /dev/null || fail "chromium is not installed (scripts/deps.sh test)"
(cd "$SRC" && timeout 180 $MPI2 "$ECOSCALE" pipeline -c inputs/demo/pipeline.ini -q \
  -o "$WORK/demo.h5") > pipeline.log 2>&1 || { cat pipeline.log; fail "the demo pipeline failed"; }
# from the repository root, where the demo's relative input paths resolve
(cd "$SRC" && run_report "$WORK/demo.h5" "$WORK/rep")
check_report rep forecast_fans forecast_accuracy plan_pareto plan_heat_emissions \
  plan_heat_objective supply_convergence supply_sites supply_map recommend_training \
  recommend_tradeoff recommend_eco
grep -q 'skipped' rep/summary.txt && { cat rep/summary.txt; fail "a plot of the pipeline file was skipped"; }
grep -q '^  command  *pipeline' rep/summary.txt || fail "provenance of the pipeline file not shown"

# loaded_count DIR: "loaded total" as the browser saw them
loaded_count() {
  local prof
  prof=$(mktemp -d "$WORK/chromium.XXXXXX")
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
    --virtual-time-budget=5000 --dump-dom "file://$WORK/$1/index.html" 2> "$WORK/chromium.err" \
    > "$WORK/$1.dom" || { tail -5 "$WORK/chromium.err"; fail "chromium failed"; }
  rm -rf "$prof"
  sed -n 's/.*id="img-check" data-loaded="\([-0-9]*\)" data-total="\([-0-9]*\)".*/\1 \2/p' \
    "$WORK/$1.dom"
}
n=$(ls rep/*.png | wc -l)
got=$(loaded_count rep)
[ "$got" = "$n $n" ] || fail "browser loaded '$got' (loaded total) of $n pictures"

# negative control: a picture that is not an image, and one that is gone,
# must show up as not loaded
cp -r rep broken
echo "not a picture" > broken/plan_pareto.png
rm broken/recommend_training.png
got=$(loaded_count broken)
[ "$got" = "$((n - 2)) $n" ] || fail "broken pictures not detected: '$got'"
echo "report_browser np=$NP: ok"
