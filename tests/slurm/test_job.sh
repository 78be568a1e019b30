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

fail() { echo "slurm_job: FAIL: $*" >&2; exit 1; }

unavailable() {
    if [[ $EUID -eq 0 ]]; then fail "$1"; fi
    echo "slurm_job: SKIP: $1"
    exit 77
}
if ! command -v sbatch >/dev/null || ! scontrol ping 2>/dev/null | grep -q 'is UP'; then
    unavailable "no local SLURM is running (scontrol ping is not UP); start it with: tests/slurm/slurm-local.sh start (as root; scripts/test.sh does this)"
fi
# Only the throw-away SLURM of slurm-local.sh (ClusterName=local), never a real
# cluster's queue, unless ECO_SLURM_TEST_ANY=1.
cluster=$(scontrol show config 2>/dev/null | sed -n 's/^ClusterName *= *//p')
if [[ $cluster != local && ${ECO_SLURM_TEST_ANY:-0} != 1 ]]; then
    unavailable "the running SLURM is cluster '$cluster', not the local test SLURM of tests/slurm/slurm-local.sh (set ECO_SLURM_TEST_ANY=1 to submit to it anyway)"
fi
[[ -r $SBATCH_SCRIPT ]] || fail "$SBATCH_SCRIPT not found (configure with CMake first)"

rm -rf "$WORK"
mkdir -p "$WORK"

jobs=()
cleanup() { ((${#jobs[@]})) && scancel "${jobs[@]}" 2>/dev/null; true; }
trap cleanup EXIT

state_of() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n1; }

# submit_wait LOG SBATCH_ARGS... -- PROGRAM_ARGS...: submit, wait for the end.
# Sets ID, ST (JobState) and EXIT (ExitCode=N:S).
submit_wait() {
    local log=$1 t0 sb=() line
    shift
    while [[ $# -gt 0 && $1 != -- ]]; do sb+=("$1"); shift; done
    shift
    ID=$(sbatch --parsable --chdir="$WORK" --output="$log" --time=5 "${sb[@]}" \
        "$SBATCH_SCRIPT" "$@") || fail "sbatch refused the job"
    ID=${ID%%;*}
    jobs+=("$ID")
    echo "slurm_job: submitted job $ID (${sb[*]}): ecoscale $*"
    t0=$SECONDS
    while :; do
        ST=$(state_of "$ID")
        case $ST in
        COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED) break ;;
        esac
        if ((SECONDS - t0 > TIMEOUT)); then
            scontrol show job "$ID" >&2
            fail "job $ID still '$ST' after ${TIMEOUT}s"
        fi
        sleep 0.5
    done
    line=$(scontrol show job "$ID" 2>/dev/null)
    EXIT=$(sed -n 's/.* ExitCode=\([0-9]*:[0-9]*\).*/\1/p' <<<"$line" | head -n1)
    echo "slurm_job: job $ID ended $ST (ExitCode=$EXIT) after $((SECONDS - t0))s; its log:"
    sed 's/^/    | /' "$log" 2>/dev/null
}

# run_job NTASKS [sbatch options...]: selftest job; check state, log, results file.
run_job() {
    local n=$1 info
    shift
    OUT=$WORK/slurm-n$n.h5
    LOG=$WORK/job-n$n.out
    [[ $n == 2 ]] && OUT=$WORK/slurm.h5
    submit_wait "$LOG" --ntasks="$n" "$@" -- selftest -o "$OUT"
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
submit_wait "$LOG" --ntasks=2 -- selftest --selftest.no_such_key=1 -o "$WORK/bad.h5"
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
