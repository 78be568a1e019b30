#!/usr/bin/env bash
# slurm_resume: a job stopped by SIGUSR1 checkpoints and a resubmitted job finishes it.
#   A `plan` sweep (a generated LP, 61 cold-started scenarios, 2 tasks) is submitted with
#   build/jobs/ecoscale.sbatch; once the sweep runs, `scancel --signal=USR1 --batch` signals
#   the batch script (what --signal=B:USR1@120 does before the time limit). Checks: the job
#   ends with exit code 3, the log names the checkpoint, no results file exists yet; the same
#   job resubmitted with --resume ends COMPLETED, solves only the remaining scenarios, and
#   its results equal those of an uninterrupted mpirun run (h5diff).
# Needs a running local SLURM, like slurm_job (FAIL as root, SKIP otherwise), and the plan
# and generate lp commands (SKIP when this build has no plan stage).
# Env (from CTest): ECOSCALE, SBATCH_SCRIPT, WORK, MPIEXEC.
set -uo pipefail

: "${ECOSCALE:?}" "${SBATCH_SCRIPT:?}" "${WORK:?}"
TIMEOUT=${SLURM_JOB_TIMEOUT:-120}

TEST=slurm_resume
. "$(dirname "$0")/lib.sh"
slurm_require
cmds=$("$ECOSCALE" help | awk '/^commands:/ {on = 1; next} on && /^[^ ]/ {on = 0} on && NF {print $1 " " $2}')
if ! grep -q '^plan ' <<<"$cmds" || ! grep -q '^generate lp' <<<"$cmds"; then
    echo "slurm_resume: SKIP: this build has no plan / generate lp command"
    exit 77
fi

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || fail "cannot enter $WORK"
"$ECOSCALE" generate lp --generate.lp.plants=6 --generate.lp.products=6 --generate.lp.regions=6 \
    --generate.lp.periods=12 -o model.lp >gen.log 2>&1 || { cat gen.log; fail "generate lp failed"; }
# cold starts (~0.1 s per scenario) and chunks of 1: the sweep takes a few seconds
# and a signal is noticed within one chunk
PLAN=(plan model.lp --plan.start=cold --plan.chunk=1 "--plan.grid=col:emissions:cost=0:60:1")
N=61

# 1. the reference: the same sweep without interruption
read -r -a mpiexec <<<"${MPIEXEC:-mpiexec -n 2}"
"${mpiexec[@]}" "$ECOSCALE" "${PLAN[@]}" -o ref.h5 >ref.log 2>&1 || { cat ref.log; fail "reference run failed"; }

# 2. submit, signal the batch script once the sweep runs
id=$(sbatch --parsable --chdir="$WORK" --output="$WORK/job1.out" --ntasks=2 --time=5 \
    "$SBATCH_SCRIPT" "${PLAN[@]}" -o "$WORK/out.h5") || fail "sbatch refused the job"
id=${id%%;*}
jobs+=("$id")
echo "slurm_resume: submitted job $id"
t0=$SECONDS
until grep -q 'base model optimal' job1.out 2>/dev/null; do
    st=$(state_of "$id")
    if is_final "$st"; then show_log job1.out; fail "job $id ended $st before the sweep started"; fi
    ((SECONDS - t0 > TIMEOUT)) && fail "job $id: the sweep did not start within ${TIMEOUT}s"
    sleep 0.1
done
sleep 1 # let a few scenarios finish before the checkpoint
scancel --signal=USR1 --batch "$id" || fail "scancel --signal=USR1 --batch $id failed"
echo "slurm_resume: sent USR1 to the batch script of job $id"
wait_job "$id"
echo "slurm_resume: job $id ended $ST (ExitCode=$EXIT); its log:"
show_log job1.out
[[ $EXIT == 3:0 ]] || fail "job $id: ExitCode=$EXIT, expected 3:0 (checkpoint after a signal)"
grep -q 'received SIGUSR1' job1.out || fail "job $id: the batch script did not report the signal"
grep -q 'resume' job1.out || fail "job $id: the log does not tell how to resume"
[[ ! -e out.h5 ]] || fail "job $id: an interrupted run left a results file"

# 3. resubmit with --resume
id=$(sbatch --parsable --chdir="$WORK" --output="$WORK/job2.out" --ntasks=2 --time=5 \
    "$SBATCH_SCRIPT" "${PLAN[@]}" -o "$WORK/out.h5" --resume) || fail "sbatch refused the resume job"
id=${id%%;*}
jobs+=("$id")
echo "slurm_resume: submitted job $id (--resume)"
wait_job "$id"
echo "slurm_resume: job $id ended $ST (ExitCode=$EXIT); its log:"
show_log job2.out
[[ $ST == COMPLETED ]] || fail "resume job $id ended $ST, expected COMPLETED"
now=$(sed -n "s/.*plan: $N scenarios (\([0-9]*\) solved now).*/\1/p" job2.out | head -n1)
[[ -n $now ]] || fail "resume job $id: no summary line 'plan: $N scenarios (K solved now)' in its log"
((now < N)) || fail "resume job $id solved all $N scenarios again: it did not resume"
echo "slurm_resume: the resumed job solved $now of $N scenarios"

# 4. same results as the uninterrupted run
for d in /plan/scenario /plan/status /plan/objective /plan/cost /plan/emissions; do
    h5diff ref.h5 out.h5 "$d" "$d" >/dev/null || { h5diff -r ref.h5 out.h5 "$d" "$d" | head -20; fail "$d differs from the uninterrupted run"; }
done
echo "slurm_resume: results equal the uninterrupted run; all OK"
