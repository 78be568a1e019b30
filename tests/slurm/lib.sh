# Helpers shared by the tests that submit jobs to a running SLURM (sourced).
# Set TEST (the test's name, for messages) and TIMEOUT (seconds a job may take)
# before sourcing. Jobs submitted through these helpers are cancelled at exit.

fail() { echo "$TEST: FAIL: $*" >&2; exit 1; }

# slurm_require: a local SLURM must be running. Without one: FAIL as root
# (scripts/test.sh starts it for CI), SKIP (exit 77) otherwise. Only the
# throw-away SLURM of tests/slurm/slurm-local.sh (ClusterName=local) is used,
# never a real cluster's queue, unless ECO_SLURM_TEST_ANY=1.
slurm_require() {
    local why="" cluster
    if ! command -v sbatch >/dev/null || ! scontrol ping 2>/dev/null | grep -q 'is UP'; then
        why="no local SLURM is running (scontrol ping is not UP); start it with: tests/slurm/slurm-local.sh start (as root; scripts/test.sh does this)"
    else
        cluster=$(scontrol show config 2>/dev/null | sed -n 's/^ClusterName *= *//p')
        if [[ $cluster != local && ${ECO_SLURM_TEST_ANY:-0} != 1 ]]; then
            why="the running SLURM is cluster '$cluster', not the local test SLURM of tests/slurm/slurm-local.sh (set ECO_SLURM_TEST_ANY=1 to submit to it anyway)"
        fi
    fi
    [[ -z $why ]] && return 0
    if [[ $EUID -eq 0 ]]; then fail "$why"; fi
    echo "$TEST: SKIP: $why"
    exit 77
}

jobs=()
slurm_cleanup() { ((${#jobs[@]})) && scancel "${jobs[@]}" 2>/dev/null; true; }
trap slurm_cleanup EXIT

state_of() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n1; }
exit_of() { scontrol show job "$1" 2>/dev/null | sed -n 's/.* ExitCode=\([0-9]*:[0-9]*\).*/\1/p' | head -n1; }
is_final() {
    case $1 in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED) return 0 ;;
    esac
    return 1
}
show_log() { sed 's/^/    | /' "$1" 2>/dev/null; }

# wait_job ID: wait until the job ends (at most TIMEOUT s); sets ST and EXIT.
wait_job() {
    local t0=$SECONDS
    while ST=$(state_of "$1"); ! is_final "$ST"; do
        if ((SECONDS - t0 > TIMEOUT)); then
            scontrol show job "$1" >&2
            fail "job $1 still '$ST' after ${TIMEOUT}s"
        fi
        sleep 0.2
    done
    EXIT=$(exit_of "$1")
}

# submit_wait SCRIPT LOG SBATCH_OPTIONS... -- SCRIPT_ARGS...: submit SCRIPT with
# its output in LOG (in $WORK, 5 minutes), wait for the end, show the log.
# Sets ID, ST (JobState) and EXIT (ExitCode=N:S).
submit_wait() {
    local script=$1 log=$2 t0 sb=()
    shift 2
    while [[ $# -gt 0 && $1 != -- ]]; do sb+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    ID=$(sbatch --parsable --chdir="$WORK" --output="$log" --time=5 "${sb[@]}" \
        "$script" "$@") || fail "sbatch refused the job"
    ID=${ID%%;*}
    jobs+=("$ID")
    echo "$TEST: submitted job $ID (${sb[*]}): $(basename "$script") $*"
    t0=$SECONDS
    wait_job "$ID"
    echo "$TEST: job $ID ended $ST (ExitCode=$EXIT) after $((SECONDS - t0))s; its log:"
    show_log "$log"
}
