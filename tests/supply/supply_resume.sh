# Stop and resume: SIGTERM to the ranks of a running CVRP GA writes a
# checkpoint and exits with code 3 without a results file; --resume (on one
# rank, so also across rank counts) finishes the run, and the result equals
# bitwise an uninterrupted run (routes, per-island history and statistics).
# A run that completes (with periodic checkpoints, or resumed) removes its
# checkpoint files; a refused resume leaves them.
. "$(dirname "$0")/common.sh"
VRP="$SRC/inputs/demo/supply/delivery30.vrp"
ARGS="--supply.islands=3 --supply.population=10 --supply.generations=600 --supply.migration_interval=4 --supply.migrants=1 --seed 4 --run.checkpoint_dir=$WORK/ck"
mkdir -p ck
# a complete run with periodic checkpoints removes them at the end (they
# are only there to resume an interrupted run); periodic checkpoints leave
# the result unchanged, so this is also the reference run
timeout 120 $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS --run.checkpoint_every=0.02 -o full.h5 > full.log 2>&1 \
  || { cat full.log; fail "uninterrupted run"; }
grep -q "supply: checkpoint at generation" full.log || { cat full.log; fail "no periodic checkpoint written"; }
[ -z "$(ls ck)" ] || fail "a complete run left checkpoint files: $(ls ck)"
# SIGTERM from outside to every rank (as a scheduler sends it) once rank 0
# has logged generation 60
. "$SRC/tests/signal.sh"
signal_run TERM ranks "generation 60:" part.log part.h5 $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS -o part.h5
rc=$RC
[ $rc = 3 ] || { cat part.log; fail "interrupted run exited with $rc (expected 3)"; }
grep -q "checkpoint written to" part.log || fail "no checkpoint message"
[ -e ck/supply.ckpt ] && [ -e ck/supply-island-2.ckpt ] || fail "checkpoint files missing"
[ ! -e part.h5 ] || fail "an interrupted run left a results file"
# a checkpoint does not fit another run (refused; the checkpoint stays)
set +e
"$ECOSCALE" supply "$VRP" $ARGS --seed 5 --resume -q -o other.h5 2> err.log
rc=$?
set -e
[ $rc = 2 ] && grep -q "does not match this run" err.log || { cat err.log; fail "mismatched resume: rc $rc"; }
[ -e ck/supply.ckpt ] || fail "a refused resume removed the checkpoint"
timeout 120 "$ECOSCALE" supply "$VRP" $ARGS --resume -q -o part.h5 || fail "resume"
[ -z "$(ls ck)" ] || fail "the completed resumed run left checkpoint files: $(ls ck)"
fpr() {
  h5dump -m '%.17g' -d /supply/routes/customers -d /supply/routes/start -d /supply/history/best \
    -d /supply/history/mean -d /supply/islands/stats "$1" | grep -v '^HDF5'
  echo "objective $(attr "$1" /supply/objective)"
}
fpr full.h5 > full.txt
fpr part.h5 > part.txt
cmp -s full.txt part.txt || { diff full.txt part.txt | head; fail "resumed run differs from the uninterrupted one"; }
echo "supply_resume np=$NP: ok"
