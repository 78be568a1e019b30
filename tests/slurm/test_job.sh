#!/usr/bin/env bash
# slurm_job: submit build/jobs/ecoscale.sbatch to a running local SLURM and check the job.
#   1. --ntasks=2 selftest -o $WORK/slurm.h5: COMPLETED, the log says "selftest: OK",
#      and `ecoscale info` of the results file reports 2 ranks.
#   2. --ntasks=4 (on the 4 CPUs scripts/test.sh advertises, else with --overcommit):
#      COMPLETED, "selftest: OK", 4 ranks.
#   3. a bad option: the job ends FAILED with the program's exit code 2 and its one
#      error message in the log, and no results file (exit codes pass through the script).
# Needs a running SLURM (tests/slurm/slurm-local.sh start, which scripts/test.sh does as
# root). Without one: FAIL as root (CI must have started it), SKIP (exit 77) otherwise.
# Env (from CTest): ECOSCALE (the program), SBATCH_SCRIPT, WORK.
set -uo pipefail

: "${ECOSCALE:?}" "${SBATCH_SCRIPT:?}" "${WORK:?}"
TIMEOUT=${SLURM_JOB_TIMEOUT:-120}

TEST=slurm_job
. "$(dirname "$0")/lib.sh"
slurm_require
[[ -r $SBATCH_SCRIPT ]] || fail "$SBATCH_SCRIPT not found (configure with CMake first)"

rm -rf "$WORK"
mkdir -p "$WORK"

# run_job NTASKS [sbatch options...]: selftest job; check state, log, results file.
run_job() {
    local n=$1 info
    shift
    OUT=$WORK/slurm-n$n.h5
    LOG=$WORK/job-n$n.out
    [[ $n == 2 ]] && OUT=$WORK/slurm.h5
    submit_wait "$SBATCH_SCRIPT" "$LOG" --ntasks="$n" "$@" -- selftest -o "$OUT"
    local id=$ID st=$ST
    [[ $st == COMPLETED ]] || fail "job $id ended $st, expected COMPLETED (log: $LOG)"
    grep -q 'selftest: OK' "$LOG" || fail "job $id log $LOG does not contain 'selftest: OK'"
    [[ -s $OUT ]] || fail "job $id did not write $OUT"
    [[ ! -e $OUT.tmp ]] || fail "job $id left a temporary file $OUT.tmp"
    info=$("$ECOSCALE" info "$OUT") || fail "ecoscale info $OUT failed"
    # shellcheck disable=SC2001
    echo "$info" | sed 's/^/    > /'
    grep -Eqi "n_?ranks[^0-9]*$n([^0-9]|$)" <<<"$info" || fail "ecoscale info $OUT does not report nranks $n"
    echo "slurm_job: --ntasks=$n OK"
}

run_job 2

# A bad option: every rank stops, the job fails with the program's exit code 2.
LOG=$WORK/job-bad.out
submit_wait "$SBATCH_SCRIPT" "$LOG" --ntasks=2 -- selftest --selftest.no_such_key=1 -o "$WORK/bad.h5"
[[ $ST == FAILED ]] || fail "job $ID with a bad option ended $ST, expected FAILED"
[[ $EXIT == 2:0 ]] || fail "job $ID with a bad option has ExitCode=$EXIT, expected 2:0"
grep -q 'no_such_key' "$LOG" || fail "job $ID log does not name the bad key no_such_key"
[[ ! -e $WORK/bad.h5 && ! -e $WORK/bad.h5.tmp ]] || fail "job $ID with a bad option wrote a results file"
echo "slurm_job: bad option OK (FAILED, exit code 2)"

cpus=$(scontrol show node 2>/dev/null | sed -n 's/.*CPUTot=\([0-9]*\).*/\1/p' | head -n1)
if [[ -n $cpus ]] && ((cpus >= 4)); then
    run_job 4
else
    run_job 4 --overcommit
fi
echo "slurm_job: all OK"
