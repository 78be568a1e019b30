# Helpers for the report tests (sourced): results files of every stage made
# from the bundled demos (small settings, at most 2 ranks), and checks of a
# report folder.
set -eu
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
fail() { echo "FAIL: $*" >&2; exit 1; }
MPI2=$(echo "$MPIEXEC" | sed 's/-n [0-9]*$/-n 2/')
[ "$NP" = 1 ] && MPI2=$MPIEXEC

# make_stage STAGE: $WORK/r-STAGE.h5 from inputs/demo/STAGE.ini (run from the
# repository root, where the demo paths are relative to).
make_stage() {
  local s=$1; shift
  (cd "$SRC" && timeout 120 $MPI2 "$ECOSCALE" "$s" -c "inputs/demo/$s.ini" -q \
    -o "$WORK/r-$s.h5" "$@") > "$WORK/make-$s.log" 2>&1 || {
    cat "$WORK/make-$s.log"; fail "ecoscale $s (demo) failed"; }
}
FC_MODELS=naive,snaive,naive2,ses,holt,theta,croston
make_all() {
  make_stage forecast --forecast.models=$FC_MODELS
  make_stage plan "--plan.grid=col:emissions:cost=0:200:25; row:demand_*:rhs*=0.8:1.2:0.1" \
    --plan.save=
  make_stage supply --supply.generations=25 --supply.stall=25 --supply.mip=false
  make_stage recommend
}

# check_png FILE: PNG signature, IHDR size = the report's picture size,
# non-trivial (at least 8 KiB: plots, not blank pages).
check_png() {
  local f=$1 w=${2:-1000} h=${3:-600}
  [ -f "$f" ] || fail "missing $f"
  [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$f: not a PNG"
  local dims
  dims=$(od -An -tu1 -j16 -N8 "$f" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
  [ "$dims" = "${w}x${h}" ] || fail "$f: $dims pixels, expected ${w}x${h}"
  local size
  size=$(stat -c %s "$f")
  [ "$size" -ge 8192 ] || fail "$f: only $size bytes"
}
check_svg() {
  [ -s "$1" ] && grep -q '<svg' "$1" || fail "$1: not an SVG"
}

# check_report DIR PLOT...: index.html, summary.txt, each plot as PNG + SVG,
# shown by index.html and listed in summary.txt; no DIR.tmp left.
check_report() {
  local d=$1; shift
  [ -d "$d" ] || fail "no report folder $d"
  [ ! -e "$d.tmp" ] || fail "$d.tmp was left behind"
  [ -s "$d/index.html" ] || fail "$d/index.html missing"
  [ -s "$d/summary.txt" ] || fail "$d/summary.txt missing"
  head -1 "$d/summary.txt" | grep -q '^ecoscale report of ' || fail "$d/summary.txt: bad first line"
  for p in "$@"; do
    check_png "$d/$p.png"
    check_svg "$d/$p.svg"
    grep -q "<img src=\"$p.png\"" "$d/index.html" || fail "$d/index.html does not show $p.png"
    grep -q "plot .* $p.png" "$d/summary.txt" || fail "$d/summary.txt does not list $p.png"
  done
  local n
  n=$(ls "$d"/*.png | wc -l)
  [ "$n" = $# ] || fail "$d holds $n PNGs, expected $#"
  [ "$(grep -c '<img ' "$d/index.html")" = $# ] || fail "$d/index.html: not $# images"
}

# run_report FILE DIR [args]: the report at NP ranks; must succeed.
run_report() {
  local f=$1 d=$2; shift 2
  timeout 120 $MPIEXEC "$ECOSCALE" report "$f" -o "$d" "$@" > "$d.log" 2>&1 || {
    cat "$d.log"; fail "ecoscale report $f failed"; }
}

# check_bad FRAGMENT ARGS...: exit 2, one error message holding FRAGMENT,
# no report folder.
check_bad() {
  local frag=$1; shift
  set +e
  timeout 120 $MPIEXEC "$ECOSCALE" report "$@" > bad.out 2> bad.err
  local rc=$?
  set -e
  [ $rc = 2 ] || { cat bad.out bad.err; fail "exit code $rc (expected 2) for: $*"; }
  local n
  n=$(grep -c '^ecoscale: error:' bad.err || true)
  [ "$n" = 1 ] || { cat bad.err; fail "$n error messages (expected 1) for: $*"; }
  grep -q -- "$frag" bad.err || { cat bad.err; fail "message lacks '$frag' for: $*"; }
}
