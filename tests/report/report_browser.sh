# index.html in headless Chromium: every <img> must load (the page's own
# script counts images with naturalWidth > 0 on window load and writes the
# count into the DOM). A copy with one broken picture must be caught.
. "$(dirname "$0")/common.sh"
command -v chromium > /dev/null || fail "chromium is not installed (scripts/deps.sh test)"
make_stage plan
make_stage recommend
for s in plan recommend; do h5copy -i "r-$s.h5" -o both.h5 -s "/$s" -d "/$s"; done
run_report both.h5 rep

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
[ "$n" = 5 ] || fail "expected 5 pictures, found $n"
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
