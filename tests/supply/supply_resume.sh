# Stop and resume: SIGTERM to the ranks of a running CVRP GA writes a
# checkpoint and exits with code 3 without a results file; --resume (on one
# rank, so also across rank counts) finishes the run, and the result equals
# bitwise an uninterrupted run (routes, per-island history and statistics).
. "$(dirname "$0")/common.sh"
VRP="$SRC/inputs/demo/supply/delivery30.vrp"
ARGS="--supply.islands=3 --supply.population=10 --supply.generations=600 --supply.migration_interval=4 --supply.migrants=1 --seed 4 --run.checkpoint_dir=$WORK/ck"
mkdir -p ck
timeout 120 $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS -q -o full.h5 || fail "uninterrupted run"
rm -f ck/*
$MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS -o part.h5 > part.log 2>&1 &
MP=$!
for i in $(seq 1 600); do  # wait until generation 60 is logged
  grep -q "generation 60:" part.log && break
  sleep 0.1
done
for c in $(pgrep -P $MP); do kill -TERM "$c"; done
set +e
wait $MP
rc=$?
set -e
[ $rc = 3 ] || { cat part.log; fail "interrupted run exited with $rc (expected 3)"; }
grep -q "checkpoint written to" part.log || fail "no checkpoint message"
[ -e ck/supply.ckpt ] && [ -e ck/supply-island-2.ckpt ] || fail "checkpoint files missing"
[ ! -e part.h5 ] || fail "an interrupted run left a results file"
timeout 120 "$ECOSCALE" supply "$VRP" $ARGS --resume -q -o part.h5 || fail "resume"
fpr() {
  h5dump -m '%.17g' -d /supply/routes/customers -d /supply/routes/start -d /supply/history/best \
    -d /supply/history/mean -d /supply/islands/stats "$1" | grep -v '^HDF5'
  echo "objective $(attr "$1" /supply/objective)"
}
fpr full.h5 > full.txt
fpr part.h5 > part.txt
cmp -s full.txt part.txt || { diff full.txt part.txt | head; fail "resumed run differs from the uninterrupted one"; }
# a checkpoint does not fit another run
set +e
"$ECOSCALE" supply "$VRP" $ARGS --seed 5 --resume -q -o other.h5 2> err.log
rc=$?
set -e
[ $rc = 2 ] && grep -q "does not match this run" err.log || { cat err.log; fail "mismatched resume: rc $rc"; }
echo "supply_resume np=$NP: ok"
