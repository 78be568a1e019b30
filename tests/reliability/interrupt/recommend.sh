# Recommend training (argument als, or an SGD model: mf, mlp, bpr) on the
# demo ratings interrupted by SIGTERM at several points (lib.sh): during input
# reading (start: seen at the end of epoch 1), after epochs 1, 3 and 5 of 6,
# and after the last epoch (no epochs left: the signal is not acted upon, the
# ranking and the results are written, exit code 0). Resumed with --resume,
# the results equal an uninterrupted run bit for bit (docs/recommend.md,
# "Stop and resume"): all of /recommend but the per-epoch seconds and
# interactions per second.
. "$SRC/tests/reliability/interrupt/lib.sh"
case ${1:-} in
als | mf | mlp | bpr) MODEL=$1 ;;
*) echo "usage: recommend.sh als|mf|mlp|bpr"; exit 2 ;;
esac
DEMO=$SRC/inputs/demo/recommend
ARGS=(recommend "$DEMO/ratings.csv" --recommend.model=$MODEL --recommend.items="$DEMO/items.csv"
  --recommend.factors=8 --recommend.epochs=6 --recommend.reg=1 --seed 5)
same_results() { same_recommend "$1" "$2"; }
RESUMED="resuming from $RES.recommend-checkpoint.h5"

reference "${ARGS[@]}"
# every rank polls once per epoch (its stop check, at the epoch's end)
[ "$PER" -eq 6 ] || fail "reference: $PER polls per rank, expected one per epoch (6)"
# (a run resumed after epoch e polls first after epoch e + 1)
chain "${ARGS[@]}" -- start=3 2=3
chain -p "${ARGS[@]}" -- 3=3 2=3
chain "${ARGS[@]}" -- 5=3 1=0
finish
