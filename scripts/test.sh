#!/usr/bin/env bash
# test.sh - the README's test command: install what is missing, build into build/,
# run the whole test suite, then build the unit tests with AddressSanitizer +
# UndefinedBehaviorSanitizer (and the failure-injection hooks) into build-asan/
# and run them, run a bounded sample of the failure-injection driver on it
# (tests/reliability/inject/run.sh, every stage, 1 and 2 ranks), then build the
# libFuzzer targets with clang into build-fuzz/ and fuzz each one for a bounded
# time (ECO_FUZZ_SECONDS, default 20) under ASan + UBSan.
#
#   ./scripts/test.sh            (from any folder; .ci/run calls exactly this)
#
# As root it starts a local single-node SLURM for the slurm tests
# (tests/slurm/slurm-local.sh, 4 advertised CPUs) and stops it at exit; when not
# root and no SLURM is running, the slurm tests are reported as skipped.
# Env: ECO_JOBS (ctest -j, default 2), ECO_SKIP_DEPS=1 (do not check packages),
#      ECO_SKIP_ASAN=1 (skip the sanitizer build), ECO_SKIP_FUZZ=1 (skip the
#      fuzz targets), ECO_FUZZ_SECONDS (seconds per fuzz target, default 20),
#      ECO_INJECT_OFFSET (shifts the failure-injection sample, default 0).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

JOBS=${ECO_JOBS:-2}
STEP="start"
summary=()
failed=0
slurm_started=0
t_start=$SECONDS

step() {
    STEP=$*
    echo
    echo "==> $*"
}
note() { summary+=("$(printf '%-44s %s' "$1" "$2")"); }
bad() {
    note "$1" "FAIL${2:+ ($2)}"
    failed=1
}
on_exit() {
    local rc=$?
    if ((slurm_started)); then
        echo
        echo "==> stop the local SLURM"
        tests/slurm/slurm-local.sh stop || true
    fi
    if ((rc != 0)) && [[ $STEP != summary ]]; then
        echo >&2
        echo "==> summary ($((SECONDS - t_start)) s)" >&2
        if ((${#summary[@]})); then printf '    %s\n' "${summary[@]}" >&2; fi
        echo "test.sh: FAILED (exit code $rc) at step: $STEP" >&2
    fi
}
trap on_exit EXIT

# ctest_summary LOG: "N tests, N failed, N skipped" from a ctest log
ctest_summary() {
    local line skipped
    line=$(grep -E '^[0-9]+% tests passed' "$1" | tail -n1)
    skipped=$(grep -c '\*\*\*Skipped' "$1" || true)
    if ((skipped > 0)); then line+=", $skipped skipped"; fi
    echo "${line:-no tests ran}"
}
# ctest_failed LOG: the names of the failed tests, space-separated
ctest_failed() {
    sed -n '/tests FAILED:/,$ s/^[[:space:]]*[0-9]* - \([^ ]*\) .*/\1/p' "$1" | tr '\n' ' ' | sed 's/ $//'
}

FUZZ=1
[[ ${ECO_SKIP_FUZZ:-0} != 1 ]] || FUZZ=0
FUZZ_SECONDS=${ECO_FUZZ_SECONDS:-20}

step "dependencies (scripts/deps.sh build test fuzz)"
if [[ $EUID -eq 0 ]]; then
    if ((FUZZ)); then ./scripts/deps.sh build test fuzz; else ./scripts/deps.sh build test; fi
else
    ./scripts/deps.sh build
    ./scripts/deps.sh test || echo "test.sh: without the SLURM packages the slurm tests are skipped"
    if ((FUZZ)) && ! ./scripts/deps.sh fuzz; then
        echo "test.sh: without clang and libFuzzer the fuzz targets are skipped"
        FUZZ=0
        note "build-fuzz/ ctest -L fuzz" "skipped (clang, libfuzzer-14-dev missing)"
    fi
fi

# MPI in tests: as root Open MPI needs permission; more ranks than cores is fine;
# the shared-memory transport starts faster on one machine.
if [[ $EUID -eq 0 ]]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader
export OPENBLAS_NUM_THREADS=1

# Open MPI looks up this machine's name; without an /etc/hosts entry every start waits on DNS.
if ! getent hosts "$(hostname)" >/dev/null 2>&1; then
    echo "warning: the host name '$(hostname)' does not resolve; mpirun may wait ~5 s per start (add it to /etc/hosts)" >&2
fi

if [[ $EUID -eq 0 ]] && command -v slurmctld >/dev/null; then
    step "start a local SLURM (tests/slurm/slurm-local.sh start, 4 CPUs)"
    if scontrol ping 2>/dev/null | grep -q 'is UP'; then
        echo "test.sh: a SLURM controller is already running; using it (not stopping it at exit)"
        note "local SLURM" "already running"
    elif SLURM_LOCAL_CPUS=4 tests/slurm/slurm-local.sh start; then
        slurm_started=1
        note "local SLURM" "started"
    else
        bad "local SLURM" "did not start; the slurm tests will fail"
    fi
fi

step "configure build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE="${ECO_BUILD_TYPE:-Release}"
step "build build/"
cmake --build build -j "$(nproc)"
note "build/ configure + build" "ok"

step "ctest --test-dir build --output-on-failure -j$JOBS"
t0=$SECONDS
if ctest --test-dir build --output-on-failure -j"$JOBS" 2>&1 | tee build/ctest.log; then
    note "build/ ctest ($((SECONDS - t0)) s)" "ok: $(ctest_summary build/ctest.log)"
else
    bad "build/ ctest ($((SECONDS - t0)) s)" "$(ctest_summary build/ctest.log); log: build/ctest.log"
    note "    failed" "$(ctest_failed build/ctest.log)"
fi

if [[ ${ECO_SKIP_ASAN:-0} != 1 ]]; then
    # ECO_FAULT_INJECT=ON: the same build serves the failure-injection step
    # below (the hooks do nothing unless ECO_FAULT is set).
    step "configure build-asan/ (ECO_SANITIZE=ON, ECO_FAULT_INJECT=ON)"
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DECO_SANITIZE=ON -DECO_FAULT_INJECT=ON
    step "build build-asan/"
    cmake --build build-asan -j "$(nproc)"
    note "build-asan/ configure + build" "ok"

    # CTest sets ASAN_OPTIONS with detect_leaks=0 for every test (cmake/EcoTesting.cmake).
    step "ctest --test-dir build-asan -L unit (ASan + UBSan)"
    t0=$SECONDS
    if ctest --test-dir build-asan -L unit --output-on-failure -j"$JOBS" 2>&1 | tee build-asan/ctest.log; then
        note "build-asan/ ctest -L unit ($((SECONDS - t0)) s)" "ok: $(ctest_summary build-asan/ctest.log)"
    else
        bad "build-asan/ ctest -L unit ($((SECONDS - t0)) s)" "$(ctest_summary build-asan/ctest.log); log: build-asan/ctest.log"
        note "    failed" "$(ctest_failed build-asan/ctest.log)"
    fi

    # The same unit test programs once more with leak checking: Open MPI's own
    # allocations are suppressed (scripts/lsan.supp), ecoscale's leaks are errors.
    step "unit tests of build-asan/ with LeakSanitizer (scripts/lsan.supp)"
    t0=$SECONDS
    # "WORKDIR<TAB>COMMAND ARGS" of every unit test, from `ctest -N -V`
    mapfile -t progs < <(ctest --test-dir build-asan -L unit -N -V 2>/dev/null | awk '
        /^[0-9]+: Test command: / { sub(/^[0-9]+: Test command: /, ""); cmd = $0 }
        /^[0-9]+: Working Directory: / { sub(/^[0-9]+: Working Directory: /, ""); print $0 "\t" cmd }')
    nleak=0
    leaky=()
    for p in "${progs[@]}"; do
        wd=${p%%$'\t'*}
        read -r -a cmd <<<"${p#*$'\t'}"
        echo "--- ${cmd[*]}"
        if ! (cd "$wd" &&
            ASAN_OPTIONS=fast_unwind_on_malloc=0:detect_leaks=1 \
            LSAN_OPTIONS=suppressions=$root/scripts/lsan.supp:print_suppressions=0 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ECOSCALE_OPTIONS='' "${cmd[@]}") >build-asan/lsan.log 2>&1; then
            cat build-asan/lsan.log
            echo "test.sh: ${cmd[*]} failed under LeakSanitizer"
            nleak=$((nleak + 1))
            leaky+=("$(basename "${cmd[0]}")")
        fi
    done
    if ((${#progs[@]} == 0)); then
        note "build-asan/ leak check" "no unit test programs found"
    elif ((nleak == 0)); then
        note "build-asan/ leak check ($((SECONDS - t0)) s)" "ok: ${#progs[@]} programs, no leaks"
    else
        bad "build-asan/ leak check ($((SECONDS - t0)) s)" "$nleak of ${#progs[@]} programs failed"
        note "    failed" "${leaky[*]}"
    fi

    # Failure injection (docs/reliability.md, "Failure injection"): a bounded
    # sample of the driver over every stage's job, 2 runs per step at 1 rank
    # and 1 at 2 ranks (one rank failing), each failing one allocation, file
    # write or HDF5 call on purpose; every 16th run leak-checked. The two rank
    # counts run at once (mostly process start-up, not CPU). ECO_INJECT_OFFSET
    # shifts the sample (other N). A failure shows the job, ECO_FAULT=KIND:N
    # [@RANK] and the command line that reproduces it.
    step "failure injection (tests/reliability/inject/run.sh build-asan, sampled, 1 and 2 ranks)"
    t0=$SECONDS
    pids=()
    for np in 1 2; do
        per=2
        ((np == 1)) || per=1
        tests/reliability/inject/run.sh build-asan --np $np --per-step $per --leaks 16 \
            --offset "${ECO_INJECT_OFFSET:-0}" --timeout 60 --keep-going \
            --work build-asan/testwork/inject-ci-np$np >build-asan/inject-np$np.log 2>&1 &
        pids+=($!)
    done
    ninj=0
    injfail=()
    for np in 1 2; do
        rc=0
        wait "${pids[np - 1]}" || rc=$?
        grep -E '^(FAIL |  command: |runs: )' build-asan/inject-np$np.log || true
        n=$(sed -n 's/^runs: \([0-9]*\),.*/\1/p' build-asan/inject-np$np.log | tail -n1)
        ninj=$((ninj + ${n:-0}))
        if ((rc != 0)); then
            tail -n 30 build-asan/inject-np$np.log
            injfail+=("np=$np: exit $rc, $(grep -c '^FAIL ' build-asan/inject-np$np.log) failed")
        fi
    done
    if ((${#injfail[@]} == 0)); then
        note "failure injection ($((SECONDS - t0)) s)" "ok: $ninj runs at 1 and 2 ranks, every stage"
    else
        bad "failure injection ($((SECONDS - t0)) s)" "${injfail[*]} of $ninj runs; logs: build-asan/inject-np*.log"
        note "    failed" "$(grep -h '^FAIL ' build-asan/inject-np*.log | sed 's/^FAIL \[\([^]]*\)\].*/\1/' | head -5 | tr '\n' ';')"
    fi
fi

if ((FUZZ)); then
    # Only the fuzz targets and the library they link (instrumented, ASan +
    # UBSan); tests/fuzz/CMakeLists.txt registers one ctest per target.
    step "configure build-fuzz/ (clang, ECO_FUZZ=ON, ${FUZZ_SECONDS} s per target)"
    CC=clang cmake -S . -B build-fuzz -DECO_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DECO_FUZZ_SECONDS="$FUZZ_SECONDS"
    step "build the fuzz targets (build-fuzz/, target fuzz_targets)"
    t0=$SECONDS
    cmake --build build-fuzz -j "$(nproc)" --target fuzz_targets
    note "build-fuzz/ configure + build ($((SECONDS - t0)) s)" "ok"

    step "ctest --test-dir build-fuzz -L fuzz (${FUZZ_SECONDS} s per target, ASan + UBSan)"
    art=build-fuzz/tests/fuzz/artifacts
    find "$art" -type f -delete 2>/dev/null || true # only this run's crash inputs
    t0=$SECONDS
    # the whole libFuzzer output of a failed target (the report is at its end)
    if ctest --test-dir build-fuzz -L fuzz --output-on-failure --test-output-size-failed 4000000 \
        -j"$JOBS" 2>&1 | tee build-fuzz/ctest.log; then
        note "build-fuzz/ ctest -L fuzz ($((SECONDS - t0)) s)" "ok: $(ctest_summary build-fuzz/ctest.log), ${FUZZ_SECONDS} s each"
    else
        bad "build-fuzz/ ctest -L fuzz ($((SECONDS - t0)) s)" "$(ctest_summary build-fuzz/ctest.log); log: build-fuzz/ctest.log"
        note "    failed" "$(ctest_failed build-fuzz/ctest.log)"
    fi
    # executions per target (libFuzzer's final stats, in ctest's log)
    note "    executions" "$(awk '/^[0-9]+\/[0-9]+ Test: fuzz_/ { t = substr($3, 6) }
        /^stat::number_of_executed_units:/ { printf "%s%s %d", sep, t, $2; sep = ", " }' \
        build-fuzz/Testing/Temporary/LastTest.log 2>/dev/null)"
    # Every crash, leak or timeout input of this run, in the log: its path, a
    # hex dump of its start, base64 of the whole (up to 4 KiB) and the command
    # that replays it. Keep it as a regression input (docs/reliability.md).
    ncrash=0
    while IFS= read -r -d '' f; do
        ncrash=$((ncrash + 1))
        t=$(basename "$(dirname "$f")")
        echo
        echo "--- crash input of fuzz_$t: $f ($(stat -c %s "$f") bytes)"
        od -A d -c "$f" | head -n 24
        if (($(stat -c %s "$f") <= 4096)); then echo "base64: $(base64 -w0 "$f")"; fi
        echo "replay: build-fuzz/bin/fuzz/fuzz_$t $f"
    done < <(find "$art" -type f -print0 2>/dev/null | sort -z)
    if ((ncrash)); then
        note "    crash inputs" "$ncrash (shown above; in $art/)"
    fi
fi

STEP="summary"
echo
echo "==> summary ($((SECONDS - t_start)) s)"
printf '    %s\n' "${summary[@]}"
if ((failed)); then
    echo "test.sh: FAILED"
    exit 1
fi
echo "test.sh: all passed"
