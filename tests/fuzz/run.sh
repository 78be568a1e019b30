#!/bin/bash
# Run ecoscale's libFuzzer targets for a time or execution budget each and
# print a table of the figures (for docs/reliability.md).
#
#   tests/fuzz/run.sh [-t SECONDS | -n EXECUTIONS] [-o OUTDIR] [-b BUILD] [TARGET...]
#
#   -t SECONDS     fuzz each target this long (default 60)
#   -n EXECUTIONS  fuzz each target for this many executions instead
#   -o OUTDIR      work folder: OUTDIR/<target>/{corpus,artifacts,log}
#                  (default /tmp/ecoscale-fuzz); kept between runs, so a
#                  second run starts from the corpus the first one grew
#   -b BUILD       build folder configured with -DECO_FUZZ=ON (default
#                  build-fuzz next to the sources)
#   TARGET         config cflp_orlib cvrp supply_csv plan_model plan_grid
#                  plan_csv demand_csv interactions (default: all)
#
# A crash, leak, timeout or out-of-memory stops libFuzzer; the script keeps
# the input in OUTDIR/<target>/artifacts/ and starts the target again until
# the budget is spent, so one bug does not hide the rest. Exit status 1 if
# any target found a crash.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
seconds=60 runs=0 out=/tmp/ecoscale-fuzz build="$src/build-fuzz"
while getopts "t:n:o:b:h" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    n) runs=$OPTARG seconds=0 ;;
    o) out=$OPTARG ;;
    b) build=$OPTARG ;;
    *) sed -n '2,22p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(config cflp_orlib cvrp supply_csv plan_model plan_grid plan_csv demand_csv interactions)

# as the ctest runs (tests/fuzz/CMakeLists.txt): an allocation above 2 GiB
# fails cleanly instead of aborting
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:max_allocation_size_mb=2048}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-leak_check_at_exit=0}

printf '%-13s %8s %12s %8s %6s %6s %7s %7s\n' target seconds executions exec/s cov ft corpus crashes
status=0
for t in "${targets[@]}"; do
  bin="$build/bin/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "run.sh: $bin missing (configure with -DECO_FUZZ=ON and build)" >&2; exit 2; }
  w="$out/$t"
  mkdir -p "$w/corpus" "$w/artifacts"
  : > "$w/log"
  total=0 crashes=0 cov=0 ft=0 start=$(date +%s)
  while :; do
    now=$(date +%s)
    elapsed=$((now - start))
    args=(-timeout=10 -rss_limit_mb=4096 -malloc_limit_mb=4096 -max_len=8192 -print_final_stats=1
          -artifact_prefix="$w/artifacts/")
    if [ "$runs" -gt 0 ]; then
      left=$((runs - total)); [ "$left" -gt 0 ] || break
      args+=(-runs=$left)
    else
      left=$((seconds - elapsed)); [ "$left" -gt 0 ] || break
      args+=(-max_total_time=$left)
    fi
    # in the background, waited for with stderr closed: bash then does not
    # print its own "Segmentation fault" line when a smashed stack kills it
    "$bin" "${args[@]}" "$w/corpus" "$here/corpus/$t" > "$w/run.log" 2>&1 &
    pid=$!
    { wait $pid; } 2>/dev/null
    rc=$?
    rm -f /dev/shm/ecoscale-fuzz-$pid-*   # left behind when the target crashed
    cat "$w/run.log" >> "$w/log"
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$w/run.log" | tail -1)
    [ -n "$n" ] || n=$(grep -o '^#[0-9]*' "$w/run.log" | tail -1 | tr -d '#')
    total=$((total + ${n:-0}))
    c=$(grep -o 'cov: [0-9]*' "$w/run.log" | tail -1 | cut -d' ' -f2)
    f=$(grep -o 'ft: [0-9]*' "$w/run.log" | tail -1 | cut -d' ' -f2)
    [ -n "$c" ] && [ "$c" -gt "$cov" ] && cov=$c
    [ -n "$f" ] && [ "$f" -gt "$ft" ] && ft=$f
    if [ $rc -ne 0 ]; then
      crashes=$((crashes + 1)); status=1
      # the first lines of the first few reports (all are in OUTDIR/<target>/log)
      [ $crashes -gt 3 ] || grep -m1 -E 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error|libFuzzer: (timeout|out-of-memory|deadly signal)' "$w/run.log" | cut -c1-160 | sed "s/^/  $t: /" >&2
      # a target that dies before executing anything would spin
      [ "${n:-0}" -gt 0 ] || break
    elif [ "$runs" -gt 0 ]; then
      break
    fi
  done
  secs=$(( $(date +%s) - start )); [ $secs -gt 0 ] || secs=1
  printf '%-13s %8d %12d %8d %6d %6d %7d %7d\n' "$t" "$secs" "$total" $((total / secs)) \
    "$cov" "$ft" "$(ls "$w/corpus" | wc -l)" "$crashes"
done
exit $status
