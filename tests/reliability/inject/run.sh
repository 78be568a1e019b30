#!/bin/bash
# Failure-injection driver (docs/reliability.md, "Failure injection").
#
#   tests/reliability/inject/run.sh BUILD_DIR [options]
#
# BUILD_DIR must be configured with -DECO_FAULT_INJECT=ON (ideally also
# -DECO_SANITIZE=ON). A small job -- `import demand` (CSV -> HDF5), `forecast`
# of the imported file (HDF5 reads, a checkpoint, a results file) and a `plan`
# sweep of a small generated LP -- is run once with ECO_FAULT=count to learn
# how many allocations, file writes and HDF5 calls each step makes on each
# rank; then each step is run again once for every N (or every STRIDE-th N)
# with ECO_FAULT=KIND:N (1 rank) or KIND:N@R (2 ranks, failing on rank R
# only, for R = 0 and 1). Every run must
#   - end within the timeout (no hang),
#   - exit with 1 or 2 and print exactly one "ecoscale: error:" line, or, if
#     the failure was absorbed (the code has a fallback), exit 0 with a valid
#     results file and no error line; never a signal, abort or exit 3+,
#   - show no AddressSanitizer/UBSan report (and, with --leaks or for the
#     leak-checked sample, no LeakSanitizer report),
#   - leave the results file under its final name byte-identical to the
#     previous one when it failed (no "<out>.tmp" left either), and the input
#     file untouched.
#
# Options:
#   --full          every N (default: every STRIDE-th N, see --stride)
#   --stride K      sample every K-th N (default 23), always including N = 1
#                   and the last N; K = 1 is --full
#   --np "1 2"      rank counts (default "1 2")
#   --kinds "alloc write h5"   kinds to inject (default all three)
#   --steps "import forecast plan"   steps of the job (default all three)
#   --leaks K       leak-check every K-th run (default 10; 1 = every run; 0 =
#                   none). LeakSanitizer with Open MPI needs the slow
#                   unwinder and costs several seconds per run.
#   --timeout S     per-run timeout (default 60)
#   --work DIR      scratch folder (default BUILD_DIR/testwork/inject)
#   --only A[-B]    only N in [A, B] (to reproduce one failure)
#   --keep-going    report every failure (default: stop after 20)
# Exit status: 0 if every run passed, 1 otherwise. A summary table (runs per
# step, kind and rank count; failures) is printed at the end.
set -u
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 BUILD_DIR [--full] [--stride K] [--np \"1 2\"] [--kinds ...] [--steps ...] [--leaks K]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
shift
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
ECOSCALE="$BUILD/bin/ecoscale"
STRIDE=23
NPS="1 2"
KINDS="alloc write h5"
STEPS="import forecast plan"
LEAKS=10
TIMEOUT=60
WORK="$BUILD/testwork/inject"
MAXFAIL=20
ONLY_A=1
ONLY_B=1000000000
while [ $# -gt 0 ]; do
  case "$1" in
    --full) STRIDE=1 ;;
    --stride) STRIDE=$2; shift ;;
    --np) NPS=$2; shift ;;
    --kinds) KINDS=$2; shift ;;
    --steps) STEPS=$2; shift ;;
    --leaks) LEAKS=$2; shift ;;
    --timeout) TIMEOUT=$2; shift ;;
    --work) WORK=$2; shift ;;
    --keep-going) MAXFAIL=1000000000 ;;
    --only) ONLY_A=${2%-*}; ONLY_B=${2#*-}; shift ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$ECOSCALE" ] || { echo "$0: no $ECOSCALE (build the ecoscale_cli target)" >&2; exit 2; }
if ! grep -q '^ECO_FAULT_INJECT:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "$0: $BUILD is not configured with -DECO_FAULT_INJECT=ON" >&2
  exit 2
fi

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader
export OPENBLAS_NUM_THREADS=1 ECOSCALE_OPTIONS=
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ASAN_FAST="detect_leaks=0"
ASAN_LEAK="fast_unwind_on_malloc=0:detect_leaks=1"
export LSAN_OPTIONS="suppressions=$SRC/scripts/lsan.supp:print_suppressions=0"
MPIEXEC=${MPIEXEC:-mpiexec}

rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
cd "$WORK" || exit 1
LOG="$WORK/failures.log"
: >"$LOG"

# Inputs: a two-series weekly demand file (from the demo data) and a small LP.
head -1 "$SRC/inputs/demo/forecast/demand_weekly.csv" >demand.csv
grep -E '^(north|south),oat-milk-1l,' "$SRC/inputs/demo/forecast/demand_weekly.csv" |
  head -120 >>demand.csv
ASAN_OPTIONS=$ASAN_FAST "$ECOSCALE" generate lp -o model.lp --generate.lp.plants=2 \
  --generate.lp.products=2 --generate.lp.regions=2 --generate.lp.periods=2 --seed=7 -q ||
  { echo "$0: generate lp failed" >&2; exit 1; }
ASAN_OPTIONS=$ASAN_FAST "$ECOSCALE" import demand demand.csv -o demand.h5 -q ||
  { echo "$0: import demand failed" >&2; exit 1; }

# step_args STEP OUT: the command line of a step writing OUT.
step_args() {
  case "$1" in
    import) echo "import demand $WORK/demand.csv -o $2 -q" ;;
    forecast) echo "forecast $WORK/demand.h5 -o $2 -q --forecast.horizon=4 --forecast.simulations=10" ;;
    plan) echo "plan $WORK/model.lp --plan.grid=row:demand_*:rhs*=0.9,1.2 -o $2 -q" ;;
  esac
}
step_input() {
  case "$1" in
    import) echo "$WORK/demand.csv" ;;
    forecast) echo "$WORK/demand.h5" ;;
    plan) echo "$WORK/model.lp" ;;
  esac
}

# launch NP FAULT ASAN: run the step in a fresh folder run/ (checkpoints and
# outputs/ land there); stdout+stderr in run.txt, exit code in RC (124 if it
# did not end within TIMEOUT s; then the stacks of its ecoscale processes
# are appended to run.txt, if gdb is there, before they are killed).
launch() {
  local np=$1 fault=$2 asan=$3
  local cmd
  if [ "$np" = 1 ]; then cmd=("$ECOSCALE"); else cmd=($MPIEXEC -n "$np" "$ECOSCALE"); fi
  (cd run && exec env ECO_FAULT="$fault" ASAN_OPTIONS="$asan" "${cmd[@]}" $ARGS) \
    >run.txt 2>&1 &
  local pid=$! waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((TIMEOUT * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    local procs
    procs=$( (echo "$pid"; pgrep -P "$pid") | sort -u)
    for p in $procs; do
      [ "$(cat /proc/"$p"/comm 2>/dev/null)" = ecoscale ] || continue
      echo "---- stack of hung process $p" >>run.txt
      command -v gdb >/dev/null &&
        timeout 20 gdb -p "$p" -batch -ex bt 2>/dev/null | grep -E '^#' |
        grep -vE 'lib(mpi|open-pal|open-rte|hdf5|pthread|c)\.so|mca_' | head -12 >>run.txt
    done
    kill -TERM $procs 2>/dev/null
    sleep 2
    kill -KILL $procs 2>/dev/null
    wait "$pid" 2>/dev/null
    RC=124
  else
    wait "$pid"
    RC=$?
  fi
}

nfail=0
total_runs=0
summary=""
fail() {
  nfail=$((nfail + 1))
  {
    echo "FAIL [$STEP np=$NP ECO_FAULT=$FAULT]: $*"
    echo "  command: ecoscale $ARGS"
    sed 's/^/  | /' run.txt | head -40
  } | tee -a "$LOG"
  if [ "$nfail" -ge "$MAXFAIL" ]; then
    echo "stopping after $nfail failures (--keep-going to go on); log: $LOG"
    exit 1
  fi
}

t_start=$(date +%s)
for NP in $NPS; do
  for STEP in $STEPS; do
    OUTNAME="out-$STEP.h5"
    ARGS=$(step_args "$STEP" "$WORK/run/$OUTNAME")
    IN=$(step_input "$STEP")
    insum=$(sha256sum "$IN" | cut -d' ' -f1)
    # The previous results file every failed run must leave untouched.
    rm -rf run && mkdir run
    FAULT=count
    launch "$NP" count "$ASAN_FAST"
    if [ "$RC" -ne 0 ] || [ ! -f "run/$OUTNAME" ]; then
      fail "the run without injection failed (exit $RC)"
      continue
    fi
    cp "run/$OUTNAME" "prev-$STEP-$NP.h5"
    declare -A cnt=()
    while read -r _ _ _ _ r _ a _ w _ h; do
      r=${r%:}
      cnt[alloc@$r]=$a
      cnt[write@$r]=$w
      cnt[h5@$r]=$h
    done < <(grep '^ecoscale: fault counts rank' run.txt)
    for KIND in $KINDS; do
      ranks=0
      [ "$NP" -gt 1 ] && ranks="0 1"
      for R in $ranks; do
        n=${cnt[$KIND@$R]:-0}
        runs=0 absorbed=0 fired=0
        for ((N = ONLY_A; N <= n && N <= ONLY_B; N++)); do
          if [ "$STRIDE" -gt 1 ] && [ $(((N - 1) % STRIDE)) -ne 0 ] && [ "$N" -ne "$n" ]; then
            continue
          fi
          FAULT="$KIND:$N"
          [ "$NP" -gt 1 ] && FAULT="$KIND:$N@$R"
          rm -rf run && mkdir run && cp "prev-$STEP-$NP.h5" "run/$OUTNAME"
          asan=$ASAN_FAST
          if [ "$LEAKS" -gt 0 ] && [ $((total_runs % LEAKS)) -eq 0 ]; then asan=$ASAN_LEAK; fi
          launch "$NP" "$FAULT" "$asan"
          runs=$((runs + 1))
          total_runs=$((total_runs + 1))
          grep -q '^ecoscale: fault injected' run.txt && fired=$((fired + 1))
          nerr=$(grep -c '^ecoscale: error:' run.txt)
          if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
            fail "no end within ${TIMEOUT}s (hang)"
          elif grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' run.txt; then
            fail "sanitizer report (exit $RC)"
          elif [ "$RC" -eq 0 ]; then
            absorbed=$((absorbed + 1))
            [ "$nerr" -eq 0 ] || fail "exit 0 but $nerr error lines"
            h5dump -H "run/$OUTNAME" >/dev/null 2>&1 || fail "exit 0 but the results file is not valid HDF5"
          elif [ "$RC" -ne 1 ] && [ "$RC" -ne 2 ]; then
            fail "exit code $RC (expected 1 or 2)"
          elif [ "$nerr" -ne 1 ]; then
            fail "$nerr 'ecoscale: error:' lines (expected exactly 1)"
          elif ! cmp -s "prev-$STEP-$NP.h5" "run/$OUTNAME"; then
            fail "the previous results file was changed or removed"
          fi
          if [ "$RC" -ne 0 ] && [ -e "run/$OUTNAME.tmp" ]; then
            fail "exit $RC left run/$OUTNAME.tmp behind"
          fi
          [ "$(sha256sum "$IN" | cut -d' ' -f1)" = "$insum" ] || fail "the input $IN was changed"
        done
        line=$(printf '%-9s %-6s np=%s rank %s: count %5s, runs %5s, fault fired %5s, absorbed (exit 0) %4s' \
          "$STEP" "$KIND" "$NP" "$R" "$n" "$runs" "$fired" "$absorbed")
        echo "$line"
        summary+="$line"$'\n'
      done
    done
    unset cnt
  done
done
t_end=$(date +%s)
echo "----"
printf '%s' "$summary"
echo "runs: $total_runs, failures: $nfail, stride: $STRIDE, leak-checked: every ${LEAKS}th run (0 = none), time: $((t_end - t_start)) s"
[ "$nfail" -eq 0 ]
