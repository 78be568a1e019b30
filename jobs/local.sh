#!/usr/bin/env bash
# Run an ecoscale command with mpirun on a workstation: the local counterpart of
# build/jobs/ecoscale.sbatch (same command line, no scheduler).
#
#   jobs/local.sh [-n RANKS] COMMAND [ARGS...]
#   jobs/local.sh -n 4 plan -c inputs/demo/plan.ini -o outputs/plan.h5
#
# RANKS: -n, else $ECO_NP, else 2. The build folder: $ECO_BUILD_DIR, else build/
# next to this script's repository. As root, mpirun gets --allow-run-as-root;
# with more ranks than cores, --oversubscribe.
# Stopping: SIGTERM or SIGUSR1 to this script reaches every rank as SIGUSR1 (mpirun
# forwards USR1; a TERM to mpirun itself would kill the ranks), so a stage that
# checkpoints stops cleanly with exit code 3; rerun with --resume. Ctrl-C aborts.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${ECO_BUILD_DIR:-$here/../build}
np=${ECO_NP:-2}

if [[ ${1:-} == -n ]]; then
    [[ $# -ge 2 ]] || { echo "local.sh: -n needs a number" >&2; exit 2; }
    np=$2
    shift 2
elif [[ ${1:-} == -n* ]]; then
    np=${1#-n}
    shift
fi
[[ $np =~ ^[1-9][0-9]*$ ]] || { echo "local.sh: bad rank count '$np'" >&2; exit 2; }
if [[ $# -eq 0 ]]; then
    echo "usage: $0 [-n RANKS] COMMAND [ARGS...]" >&2
    exit 2
fi

env_file=$build/jobs/ecoscale-env.sh
if [[ ! -r $env_file ]]; then
    echo "local.sh: $env_file not found; build first (./scripts/demo.sh or cmake -S . -B build && cmake --build build)" >&2
    exit 2
fi
# shellcheck source=/dev/null
. "$env_file"

flags=()
[[ $EUID -eq 0 ]] && flags+=(--allow-run-as-root)
(($(nproc) < np)) && flags+=(--oversubscribe)

mpirun "${flags[@]}" -n "$np" "$ECO_BIN" "$@" &
child=$!
# shellcheck disable=SC2317  # called from the traps
forward() {
    echo "local.sh: received SIG$1, asking the ranks to checkpoint and stop (SIGUSR1)" >&2
    kill -USR1 "$child" 2>/dev/null || true
}
trap 'forward TERM' TERM
trap 'forward USR1' USR1
set +e
while :; do
    wait "$child"
    rc=$?
    ((rc > 128)) || break
    kill -0 "$child" 2>/dev/null && continue
    wait "$child" 2>/dev/null
    rc2=$?
    ((rc2 == 127)) || rc=$rc2
    break
done
if ((rc == 3)); then
    echo "local.sh: stopped at a checkpoint (exit 3); run the same command with --resume to continue" >&2
fi
exit "$rc"
