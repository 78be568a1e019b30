#!/bin/bash
# Stop and resume: SIGUSR1 (what SLURM sends before a time limit; mpiexec
# forwards it) while fitting makes every rank stop, write a checkpoint of the
# series done and exit with code 3 without a results file; --resume (at
# another rank count too) fits only the rest and gives results identical to
# an uninterrupted run; the checkpoint is removed at the end. A checkpoint of
# other options is refused.
set -u
mkdir -p "$WORK"
cd "$WORK"
rm -f ./*.h5 ./*.h5.* run1.txt run2.txt bad.txt  # (a stale run1.txt would trigger the signal early)
fail() { echo "FAIL: $*"; exit 1; }
MPI1="${MPIEXEC% *} 1"
timeout 120 $MPI1 "$ECOSCALE" generate demand -q --generate.demand.regions=10 \
  --generate.demand.products=20 -o demand.h5 || fail "generate demand"
OPTS="--forecast.horizon=13 --forecast.simulations=200"
. "$SRC/tests/signal.sh"
ECOSCALE_PROGRESS_INTERVAL=0.05 signal_run USR1 mpiexec "forecast +[1-9][0-9]* / 200" run1.txt res.h5 \
  $MPIEXEC "$ECOSCALE" forecast demand.h5 -o res.h5 $OPTS   # (no timeout: it would take the signal)
rc=$RC
[ $rc -eq 3 ] || { cat run1.txt; fail "interrupted run: exit code $rc, want 3"; }
grep -q "rerun with --resume" run1.txt || fail "no resume hint"
[ -e res.h5.forecast-checkpoint.h5 ] || fail "no checkpoint"
[ ! -e res.h5 ] || fail "a results file was written by the interrupted run"
# other options: refused
timeout 120 $MPIEXEC "$ECOSCALE" forecast demand.h5 -o res.h5 --forecast.horizon=12 --resume > bad.txt 2>&1
rc=$?
{ [ $rc -eq 2 ] && grep -q "another input or other options" bad.txt; } || { cat bad.txt; fail "mismatched checkpoint: rc $rc"; }
# resume at another rank count
NP2=$(( NP == 1 ? 2 : 1 ))
timeout 120 ${MPIEXEC% *} $NP2 "$ECOSCALE" forecast demand.h5 -o res.h5 $OPTS --resume > run2.txt 2>&1 \
  || { cat run2.txt; fail "resumed run"; }
grep -q "resuming from res.h5.forecast-checkpoint.h5" run2.txt || fail "did not resume"
[ ! -e res.h5.forecast-checkpoint.h5 ] || fail "checkpoint left after a complete run"
timeout 120 $MPIEXEC "$ECOSCALE" forecast demand.h5 -o ref.h5 $OPTS -q || fail "uninterrupted run"
cmp <(h5dump -m %.17g -g /forecast res.h5 | tail -n +2) <(h5dump -m %.17g -g /forecast ref.h5 | tail -n +2) \
  || fail "resumed results differ from an uninterrupted run"
echo "OK forecast stop and resume at $NP ranks (resumed at $NP2)"
