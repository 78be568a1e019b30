#!/usr/bin/env bash
# test-sanitize.sh - the whole test suite (unit tests, MPI tests at 1, 2 and 4
# ranks, SLURM tests) on the AddressSanitizer + UndefinedBehaviorSanitizer
# build build-asan/ (gcc, Debug, -DECO_SANITIZE=ON). Too slow for every CI run
# (scripts/test.sh runs the unit tests of this build and the fuzz targets);
# run it before a release and record the result in docs/reliability.md
# ("Sanitizers").
#
#   ./scripts/test-sanitize.sh [CTEST ARGS ...]     e.g. -R plan_ or -L np2
#
# Every test fails on a sanitizer report (FAIL_REGULAR_EXPRESSION of
# cmake/EcoTesting.cmake; ASan and UBSan stop the process at the first error);
# reports the tests kept in files of build-asan/testwork/ (a failure they
# expected) fail the script too.
# Leak checking is off in the suite (MPI programs under mpiexec); the unit test
# programs are leak-checked by scripts/test.sh.
# As root it starts the local SLURM for the slurm tests, as test.sh does.
# Env: ECO_JOBS (ctest -j, default 2), ECO_SKIP_DEPS=1, ECO_ASAN_BUILD_TYPE
#      (default Debug; RelWithDebInfo is faster).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
JOBS=${ECO_JOBS:-2}
slurm_started=0
t_start=$SECONDS
stop_slurm() {
    if ((slurm_started)); then tests/slurm/slurm-local.sh stop || true; fi
}
trap stop_slurm EXIT

./scripts/deps.sh build
if [[ $EUID -eq 0 ]]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader
export OPENBLAS_NUM_THREADS=1

if [[ $EUID -eq 0 ]] && command -v slurmctld >/dev/null; then
    if scontrol ping 2>/dev/null | grep -q 'is UP'; then
        echo "test-sanitize.sh: a SLURM controller is already running; using it"
    elif SLURM_LOCAL_CPUS=4 tests/slurm/slurm-local.sh start; then
        slurm_started=1
    else
        echo "test-sanitize.sh: the local SLURM did not start; the slurm tests will fail" >&2
    fi
fi

echo "==> configure and build build-asan/ (ECO_SANITIZE=ON, ${ECO_ASAN_BUILD_TYPE:-Debug})"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE="${ECO_ASAN_BUILD_TYPE:-Debug}" -DECO_SANITIZE=ON
cmake --build build-asan -j "$(nproc)"

echo "==> ctest --test-dir build-asan -j$JOBS $* (ASan + UBSan)"
t0=$SECONDS
rc=0
ctest --test-dir build-asan --output-on-failure -j"$JOBS" "$@" 2>&1 | tee build-asan/ctest-full.log || rc=$?
secs=$((SECONDS - t0))
line=$(grep -E '^[0-9]+% tests passed' build-asan/ctest-full.log | tail -n1)
# A report in a program whose failure a test expects (exit code checked, output
# kept in a file) does not fail that test: look for reports in the files the
# tests left in their work folders too.
masked=$(grep -rlE 'ERROR: [A-Za-z]+Sanitizer|runtime error:' build-asan/testwork 2>/dev/null || true)
if [[ -n $masked ]]; then
    echo "test-sanitize.sh: sanitizer reports in the tests' work files:"
    printf '    %s\n' $masked
    rc=1
fi
echo
echo "==> summary"
echo "    $(date -u +%F) commit $(git rev-parse --short=12 HEAD 2>/dev/null || echo '?'): ${line:-no tests ran}; ctest ${secs} s (whole script $((SECONDS - t_start)) s); load average $(cut -d' ' -f1-3 /proc/loadavg)"
if ((rc != 0)); then
    echo "    failed: $(sed -n '/tests FAILED:/,$ s/^[[:space:]]*[0-9]* - \([^ ]*\) .*/\1/p' build-asan/ctest-full.log | tr '\n' ' ')"
    echo "    sanitizer reports: $(grep -c -E 'ERROR: [A-Za-z]+Sanitizer|runtime error:' build-asan/ctest-full.log || true) in the log (build-asan/ctest-full.log), $(wc -w <<<"$masked") work files"
    echo "test-sanitize.sh: FAILED"
    exit 1
fi
echo "test-sanitize.sh: all passed"
