# Supply GA (argument cflp: a 10 x 30 facility location; cvrp: the 30-customer
# delivery routing of the demo) interrupted by SIGTERM at several points
# (lib.sh): during input reading (start), at generations 0 and 1, half-way,
# at generation G-1, and at the last generation G (after the last stop check:
# the signal is not acted upon, the run completes with exit code 0). Resumed
# with --resume from the checkpoint folder, the results equal an
# uninterrupted run bit for bit (docs/supply.md, "Stop and resume"): all of
# /supply but the GA's wall time.
. "$SRC/tests/reliability/interrupt/lib.sh"
case ${1:-} in
cflp) INPUT=$SRC/tests/supply/data/tiny10x30.txt ;;
cvrp) INPUT=$SRC/inputs/demo/supply/delivery30.vrp ;;
*) echo "usage: supply.sh cflp|cvrp"; exit 2 ;;
esac
G=40
mkdir -p ck
ARGS=(supply "$INPUT" --supply.islands=3 --supply.population=10 --supply.generations=$G
  --supply.migration_interval=4 --supply.migrants=1 --seed 4 --run.checkpoint_dir="$WORK/ck")
clean() { rm -rf "$RES" "$RES".* ck/*; }
same_results() { same_supply "$1" "$2"; }
RESUMED="resuming at generation"

reference "${ARGS[@]}"
# every rank polls once per generation 0..G: PER = G + 1
[ "$PER" -eq $((G + 1)) ] || fail "reference: $PER polls per rank, expected $((G + 1))"
chain "${ARGS[@]}" -- start=3 10@all=3
# (a run resumed from generation g polls first at g + 1)
chain -p "${ARGS[@]}" -- 2@all=3 "$((PER - 3))@all=3"
chain "${ARGS[@]}" -- "$((PER / 2))@all=3" "$((PER - PER / 2))@all=0"
finish
