#!/usr/bin/env bash
# demo.sh - the README's run command: install what is missing, build into build/,
# run the demo with 2 MPI ranks on the bundled inputs, show what it wrote.
#
#   ./scripts/demo.sh            (from any folder)
#
# Which demo: `ecoscale pipeline` on inputs/demo/pipeline.ini when the pipeline
# command is built; otherwise every built stage (forecast plan supply recommend)
# that has inputs/demo/<stage>.ini (or inputs/demo/<stage>/<stage>.ini); otherwise `ecoscale selftest`. When the
# report command is built, each results file also gets a report folder.
# Env: ECO_NP (ranks, default 2), ECO_BUILD_TYPE (default Release),
#      ECO_SKIP_DEPS=1 (do not check packages, see scripts/deps.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

NP=${ECO_NP:-2}
BUILD=build
STEP="start"
step() {
    STEP=$*
    echo
    echo "==> $*"
}
on_exit() {
    local rc=$?
    if ((rc != 0)); then
        echo >&2
        echo "demo.sh: FAILED (exit code $rc) at step: $STEP" >&2
    fi
}
trap on_exit EXIT

step "dependencies (scripts/deps.sh build)"
./scripts/deps.sh build

step "configure $BUILD/ (${ECO_BUILD_TYPE:-Release})"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE="${ECO_BUILD_TYPE:-Release}"

step "build ($(nproc) jobs)"
cmake --build "$BUILD" -j "$(nproc)"

ECO=$root/$BUILD/bin/ecoscale
[[ -x $ECO ]] || { echo "demo.sh: $ECO was not built" >&2; exit 1; }

# Open MPI looks up this machine's name; without an /etc/hosts entry every start waits on DNS.
if ! getent hosts "$(hostname)" >/dev/null 2>&1; then
    echo "warning: the host name '$(hostname)' does not resolve; mpirun may wait ~5 s per start (add it to /etc/hosts)" >&2
fi

mpi=(mpirun)
[[ $EUID -eq 0 ]] && mpi+=(--allow-run-as-root)
(($(nproc) < NP)) && mpi+=(--oversubscribe)
mpi+=(-n "$NP")
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}

step "list the commands (ecoscale help)"
help=$("$ECO" help)
echo "$help"
# A command is built when `ecoscale help` lists it (first word of a line of the
# "commands:" section).
commands=$(awk '/^commands:/ {on = 1; next} on && /^[^ ]/ {on = 0} on && NF {print $1}' <<<"$help")
has() { grep -qx "$1" <<<"$commands"; }

runs=()   # "stage ini output" triples
if has pipeline && [[ -f inputs/demo/pipeline.ini ]]; then
    runs+=("pipeline inputs/demo/pipeline.ini outputs/demo.h5")
else
    for s in forecast plan supply recommend; do
        has "$s" || continue
        for ini in "inputs/demo/$s.ini" "inputs/demo/$s/$s.ini"; do
            if [[ -f $ini ]]; then
                runs+=("$s $ini outputs/demo-$s.h5")
                break
            fi
        done
    done
fi

mkdir -p outputs
written=()
if ((${#runs[@]} == 0)); then
    step "run: ${mpi[*]} ecoscale selftest -o outputs/demo.h5 (no demo stage is built yet)"
    "${mpi[@]}" "$ECO" selftest -o outputs/demo.h5
    written+=(outputs/demo.h5)
else
    for r in "${runs[@]}"; do
        read -r stage ini out <<<"$r"
        step "run: ${mpi[*]} ecoscale $stage -c $ini -o $out"
        "${mpi[@]}" "$ECO" "$stage" -c "$ini" -o "$out"
        written+=("$out")
    done
fi

for f in "${written[@]}"; do
    step "ecoscale info $f"
    "$ECO" info "$f"
done

reports=()
if has report; then
    for f in "${written[@]}"; do
        step "ecoscale report $f -o ${f%.h5}-report"
        "$ECO" report "$f" -o "${f%.h5}-report"
        reports+=("${f%.h5}-report")
    done
fi

STEP="done"
echo
echo "demo.sh: done. Results:"
for f in "${written[@]}"; do
    echo "    $root/$f"
done
for d in "${reports[@]}"; do
    echo "    $root/$d/index.html"
done
echo "Look inside with: $BUILD/bin/ecoscale info FILE   or   h5dump -A FILE"
