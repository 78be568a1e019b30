#!/bin/bash
# Failure-injection driver (docs/reliability.md, "Failure injection").
#
#   tests/reliability/inject/run.sh BUILD_DIR [options]
#
# BUILD_DIR must be configured with -DECO_FAULT_INJECT=ON (ideally also
# -DECO_SANITIZE=ON). A small job of every stage (one `ecoscale` process or
# mpiexec per step):
#   import       `import demand` of a 120-row demand CSV (text chunks, HDF5)
#   forecast     `forecast` of the imported file (HDF5 reads, a checkpoint)
#   plan         `plan` sweep of a small generated LP (2 scenarios)
#   merge        `merge plan` of two slices of a 4-scenario sweep
#   cflp         `supply` of a 10 x 30 OR-Library CFLP (GA islands with the
#                local search + GLPK MIP)
#   cvrp         `supply` of an 8-customer CVRPLIB file (GA islands)
#   rec-mf, rec-mlp, rec-bpr, rec-als
#                `recommend` of 600 ratings with the items file, each model,
#                time split, evaluation and top-K lists (eco re-ranking)
#   interactions `import interactions` of the same ratings and items
#   pipeline     `pipeline` of the four stages on tiny inputs
# Each step is run once with ECO_FAULT=count to learn how many allocations,
# file writes and HDF5 calls it makes on each rank; then again once for every
# N (or every STRIDE-th N) with ECO_FAULT=KIND:N (1 rank) or KIND:N@R (2
# ranks, failing on rank R only, for R = 0 and 1). Every run must
#   - end within the timeout (no hang),
#   - exit with 1 or 2 and print exactly one "ecoscale: error:" line, or, if
#     the failure was absorbed (the code has a fallback), exit 0 with a valid
#     results file and no error line; never a signal, abort or exit 3+,
#   - show no AddressSanitizer/UBSan report (and, with --leaks or for the
#     leak-checked sample, no LeakSanitizer report),
#   - leave no file under the results name when it failed and there was none
#     before (every other run starts without one), and the previous results
#     file byte-identical when there was one; no "*.tmp" file anywhere in the
#     run's folder (results, checkpoints, the pipeline's stage files) after
#     any run; the inputs untouched.
#
# Options:
#   --full          every N (default: every STRIDE-th N, see --stride)
#   --stride K      sample every K-th N (default 23), always including N = 1
#                   and the last N; K = 1 is --full
#   --offset O      with --stride: N = 1 + O, 1 + O + K, ... (default 0), so
#                   that runs with different offsets sample different N; with
#                   --per-step: shifts the M points by O
#   --sites         instead of every N: the first and the last N of every
#                   distinct call stack, per kind and rank (the count run is
#                   made with ECO_FAULT=count,sites, which records a hash of
#                   each event's stack): every place an event happens, on
#                   every path to it, fails once on its first and once on its
#                   last pass; loops repeat the same stack and are not run
#                   for every pass. For the pipeline, whose every-N sweep
#                   takes hours (its stages' own steps are swept every N).
#   --per-step M    instead of a stride: M runs per step and rank count, at
#                   evenly spaced points of all its (kind, rank, N) in turn,
#                   so the kinds get runs in proportion to their counts, and
#                   the last allocation on each rank (the end of the run,
#                   after the results are committed): the bounded sample of
#                   CI (scripts/test.sh)
#   --np "1 2"      rank counts (default "1 2")
#   --kinds "alloc write h5"   kinds to inject (default all three)
#   --steps "..."   steps of the job (default all, in the order above)
#   --leaks K       leak-check every K-th run (default 10; 1 = every run; 0 =
#                   none). LeakSanitizer with Open MPI needs the slow
#                   unwinder and costs several seconds per run.
#   --timeout S     per-run timeout (default 60; leak-checked runs: 5 S)
#   --work DIR      scratch folder (default BUILD_DIR/testwork/inject)
#   --only A[-B]    every N in [A, B] (to reproduce one failure; a --stride
#                   after it samples the range)
#   --ranks "0 1"   at 2 ranks, the ranks to fail on (default "0 1")
#   --keep-going    report every failure (default: stop after 20)
#   --jobs J        J runs at once, each in its own folder (default 1). Most
#                   of a 2-rank run's time is mpiexec's start-up and wind-down,
#                   so J = 4 on 2 cores is about 3 times as fast; the per-run
#                   timeout must then allow for the shared cores.
# Exit status: 0 if every run passed, 1 otherwise. A summary table (runs per
# step, kind and rank count; failures) is printed at the end (and one line per
# run goes to WORK/runs.log as it ends); every failure
# is printed with its step, ECO_FAULT and command line (and goes to
# WORK/failures.log with the program's output).
set -u
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 BUILD_DIR [--full] [--stride K] [--offset O] [--np \"1 2\"] [--ranks \"0 1\"] [--kinds ...] [--steps ...] [--leaks K] [--only A-B]" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
shift
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
ECOSCALE="$BUILD/bin/ecoscale"
STRIDE=23
NPS="1 2"
KINDS="alloc write h5"
ALL_STEPS="import forecast plan merge cflp cvrp rec-mf rec-mlp rec-bpr rec-als interactions pipeline"
STEPS=$ALL_STEPS
OFFSET=0
PER_STEP=0
RANKS="0 1"
LEAKS=10
TIMEOUT=60
WORK="$BUILD/testwork/inject"
MAXFAIL=20
JOBS=1
ONLY_A=1
ONLY_B=1000000000
SITES=0
while [ $# -gt 0 ]; do
  case "$1" in
    --full) STRIDE=1 ;;
    --sites) SITES=1 STRIDE=1 ;;
    --stride) STRIDE=$2; shift ;;
    --offset) OFFSET=$2; shift ;;
    --per-step) PER_STEP=$2; shift ;;
    --ranks) RANKS=$2; shift ;;
    --np) NPS=$2; shift ;;
    --kinds) KINDS=$2; shift ;;
    --steps) STEPS=$2; shift ;;
    --leaks) LEAKS=$2; shift ;;
    --timeout) TIMEOUT=$2; shift ;;
    --work) WORK=$2; shift ;;
    --keep-going) MAXFAIL=1000000000 ;;
    --jobs) JOBS=$2; shift ;;
    --only) ONLY_A=${2%-*}; ONLY_B=${2#*-}; STRIDE=1; shift ;;
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
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 ECOSCALE_OPTIONS=
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ASAN_FAST="detect_leaks=0"
# (leak reports unsymbolized: the suppressions match library names, and a
# failing run's command line reproduces it with symbols)
ASAN_LEAK="fast_unwind_on_malloc=0:detect_leaks=1:symbolize=0"
export LSAN_OPTIONS="suppressions=$SRC/scripts/lsan.supp:print_suppressions=0"
MPIEXEC=${MPIEXEC:-mpiexec}

rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
WORK=$(cd "$WORK" && pwd) # absolute: the runs use it after the cd below
cd "$WORK" || exit 1
LOG="$WORK/failures.log"
: >"$LOG"

# Inputs, all small: a two-series weekly demand file (from the demo data), a
# small LP and two slices of its sweep, a 10 x 30 CFLP, an 8-customer CVRP,
# 600 ratings of the demo with its items file, and a pipeline configuration.
DEMO=$SRC/inputs/demo
head -1 "$DEMO/forecast/demand_weekly.csv" >demand.csv
grep -E '^(north|south),oat-milk-1l,' "$DEMO/forecast/demand_weekly.csv" |
  head -120 >>demand.csv
cp "$SRC/tests/supply/data/tiny10x30.txt" cflp.txt
cp "$SRC/tests/supply/data/tiny10x30_emissions.csv" cflp_emissions.csv
cp "$SRC/tests/supply/data/tiny8.vrp" cvrp.vrp
head -601 "$DEMO/recommend/ratings.csv" >ratings.csv
cp "$DEMO/recommend/items.csv" items.csv
head -5 "$DEMO/pipeline/sites.csv" >sites.csv
{ head -1 "$DEMO/pipeline/customers.csv"
  grep ',north$' "$DEMO/pipeline/customers.csv" | head -4
  grep ',south$' "$DEMO/pipeline/customers.csv" | head -4; } >customers.csv
# the tests' tiny pipeline (tests/pipeline/tiny.sh), on the small inputs
# above through command-line options (see PIPE below)
. "$SRC/tests/pipeline/tiny.sh"
write_tiny_ini pipeline.ini
setup() { # run a setup command (no injection)
  ASAN_OPTIONS=$ASAN_FAST ECO_FAULT= "$ECOSCALE" "$@" -q || { echo "$0: setup: ecoscale $* failed" >&2; exit 1; }
}
setup generate lp -o model.lp --generate.lp.plants=2 --generate.lp.products=2 \
  --generate.lp.regions=2 --generate.lp.periods=2 --seed=7
setup import demand demand.csv -o demand.h5
MERGE_GRID='--plan.grid=row:demand_*:rhs*=0.9,1.2;col:emissions:cost=0,100'
setup plan model.lp "$MERGE_GRID" --plan.chunk=2 --plan.first=0 --plan.count=2 -o slice0.h5
setup plan model.lp "$MERGE_GRID" --plan.chunk=2 --plan.first=2 --plan.count=2 -o slice1.h5

# step_args STEP OUT: the command line of a step writing OUT.
REC="$WORK/ratings.csv --recommend.items=$WORK/items.csv --recommend.factors=4 --recommend.epochs=2"
REC+=" --recommend.split=time --recommend.topk=5 --recommend.beta=0.1 --recommend.betas=0,0.5"
REC+=" --recommend.threads=1"
SUP="--supply.islands=2 --supply.population=6 --supply.generations=3 --supply.migration_interval=1"
PIPE="--forecast.input=$WORK/demand.csv --forecast.models=naive,snaive --plan.save=1"
PIPE+=" --pipeline.eco_categories=cat0=oat-milk-1l --supply.input=$WORK/sites.csv"
PIPE+=" --supply.customers=$WORK/customers.csv $SUP --recommend.input=$WORK/ratings.csv"
PIPE+=" --recommend.items=$WORK/items.csv --recommend.threads=1"
step_args() {
  case "$1" in
    import) echo "import demand $WORK/demand.csv -o $2 -q" ;;
    forecast) echo "forecast $WORK/demand.h5 -o $2 -q --forecast.horizon=4 --forecast.simulations=10" ;;
    plan) echo "plan $WORK/model.lp --plan.grid=row:demand_*:rhs*=0.9,1.2 -o $2 -q" ;;
    merge) echo "merge plan $WORK/slice1.h5 $WORK/slice0.h5 -o $2 -q" ;;
    cflp) echo "supply $WORK/cflp.txt --supply.emission_factors=$WORK/cflp_emissions.csv --supply.carbon_price=1 $SUP --supply.local_search=2 --supply.mip=true -o $2 -q" ;;
    cvrp) echo "supply $WORK/cvrp.vrp $SUP -o $2 -q" ;;
    rec-*) echo "recommend $REC --recommend.model=${1#rec-} -o $2 -q" ;;
    interactions) echo "import interactions $WORK/ratings.csv --recommend.items=$WORK/items.csv -o $2 -q" ;;
    pipeline) echo "pipeline -c $WORK/pipeline.ini $PIPE -o $2 -q" ;;
  esac
}
# step_inputs STEP: the files the step reads (must be left untouched).
step_inputs() {
  case "$1" in
    import) echo "$WORK/demand.csv" ;;
    forecast) echo "$WORK/demand.h5" ;;
    plan) echo "$WORK/model.lp" ;;
    merge) echo "$WORK/slice0.h5 $WORK/slice1.h5" ;;
    cflp) echo "$WORK/cflp.txt $WORK/cflp_emissions.csv" ;;
    cvrp) echo "$WORK/cvrp.vrp" ;;
    rec-* | interactions) echo "$WORK/ratings.csv $WORK/items.csv" ;;
    pipeline) echo "$WORK/pipeline.ini $WORK/demand.csv $WORK/sites.csv $WORK/customers.csv $WORK/ratings.csv $WORK/items.csv" ;;
    *) echo "$0: unknown step $1" >&2; exit 2 ;;
  esac
}
for STEP in $STEPS; do step_inputs "$STEP" >/dev/null || exit 2; done

# launch NP FAULT ASAN DIR: run the step in the folder DIR/run (checkpoints
# and outputs/ land there) with the arguments in DIR/args; stdout+stderr in
# DIR/run.txt, exit code in RC (124 if it did not end within TIMEOUT s; then
# the stacks of its ecoscale processes are appended to run.txt, if gdb is
# there, before they are killed).
# When one rank exits non-zero, mpiexec kills the others at once
# (odls_base_sigkill_timeout=0: every rank has agreed on the error before
# any exits, so this hides nothing but mpiexec's wait), except in the
# leak-checked runs, whose other ranks need the time for their reports.
launch() {
  local np=$1 fault=$2 asan=$3 dir=$4
  local cmd kill=0 limit=$TIMEOUT
  # LeakSanitizer at exit matches Open MPI's thousands of allocations
  # against scripts/lsan.supp, several seconds per rank at rest and over
  # 40 s on a loaded machine: leak-checked runs get 5 times the timeout.
  if [ "$asan" = "$ASAN_LEAK" ]; then kill=5 limit=$((TIMEOUT * 5)); fi
  if [ "$np" = 1 ]; then cmd=("$ECOSCALE"); else cmd=($MPIEXEC -n "$np" "$ECOSCALE"); fi
  local args
  args=$(cat "$dir/args")
  (cd "$dir/run" && exec env ECO_FAULT="$fault" ASAN_OPTIONS="$asan" \
    OMPI_MCA_odls_base_sigkill_timeout=$kill "${cmd[@]}" $args) >"$dir/run.txt" 2>&1 &
  local pid=$! waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((limit * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    local procs
    procs=$( (echo "$pid"; pgrep -P "$pid"; pgrep -P "$(pgrep -P "$pid" | head -1)" 2>/dev/null) | sort -u)
    for p in $procs; do
      [ "$(cat /proc/"$p"/comm 2>/dev/null)" = ecoscale ] || continue
      echo "---- stack of hung process $p" >>"$dir/run.txt"
      command -v gdb >/dev/null &&
        timeout 60 gdb -p "$p" -batch -ex bt 2>/dev/null | grep -E '^#' |
        grep -vE 'lib(mpi|open-pal|open-rte|hdf5|pthread|c)\.so|mca_' | head -12 >>"$dir/run.txt"
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
# report FAULT DIR MESSAGE: a failure (its text goes to the log and the screen)
report() {
  nfail=$((nfail + 1))
  {
    echo "FAIL [$STEP np=$NP ECO_FAULT=$1]: $3"
    echo "  command: ECO_FAULT=$1 ${MPI_PREFIX}ecoscale $(cat "$2/args")"
    sed 's/^/  | /' "$2/run.txt" | head -40
  } | tee -a "$LOG"
  if [ "$nfail" -ge "$MAXFAIL" ]; then
    echo "stopping after $nfail failures (--keep-going to go on); log: $LOG"
    wait
    exit 1
  fi
}
inputs_sum() { cat $(step_inputs "$1") | sha256sum | cut -d' ' -f1; }

# one_run FAULT PREV ASAN DIR (in the background with --jobs): one injected
# run and its checks; writes DIR/result: "RC FIRED ABSORBED" and one line
# per failed check to DIR/fails
one_run() {
  local fault=$1 prev=$2 asan=$3 dir=$4 fired=0 absorbed=0 nerr tmps
  local out="$dir/run/$OUTNAME"
  fail() { echo "$*" >>"$dir/fails"; }
  launch "$NP" "$fault" "$asan" "$dir"
  # Open MPI's PMIx client now and then fails MPI_Init when other jobs start
  # beside the sweep ("OPAL ERROR: Unreachable ... before MPI_INIT
  # completed"; ecoscale's code has not run, no fault could fire): such a
  # run is started again, at most twice, and counted in the summary
  local try
  for try in 1 2; do
    grep -q 'before MPI_INIT completed' "$dir/run.txt" || break
    grep -q '^ecoscale: fault injected' "$dir/run.txt" && break
    cp "$dir/run.txt" "$dir/startup-$try.txt"
    echo "$fault" >>startup-retries.log
    launch "$NP" "$fault" "$asan" "$dir"
  done
  grep -q '^ecoscale: fault injected' "$dir/run.txt" && fired=1
  nerr=$(grep -c '^ecoscale: error:' "$dir/run.txt")
  if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
    fail "no end within the timeout (${TIMEOUT} s; leak-checked runs 5 times that): hang"
  elif grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$dir/run.txt"; then
    fail "sanitizer report (exit $RC)"
  elif [ "$RC" -eq 0 ]; then
    absorbed=1
    [ "$nerr" -eq 0 ] || fail "exit 0 but $nerr error lines"
    h5dump -H "$out" >/dev/null 2>&1 || fail "exit 0 but the results file is not valid HDF5"
  elif [ "$RC" -ne 1 ] && [ "$RC" -ne 2 ]; then
    fail "exit code $RC (expected 1 or 2)"
  elif [ "$nerr" -ne 1 ]; then
    fail "$nerr 'ecoscale: error:' lines (expected exactly 1)"
  elif [ "$prev" = 1 ] && ! cmp -s "prev-$STEP-$NP.h5" "$out"; then
    fail "the previous results file was changed or removed"
  elif [ "$prev" = 0 ] && [ -e "$out" ]; then
    fail "exit $RC left a file under the results name $out"
  fi
  # (a hung run was killed: its *.tmp is not a failure of its own)
  tmps=$(find "$dir/run" -name '*.tmp' | head -3)
  [ -z "$tmps" ] || [ "$RC" -eq 124 ] || fail "exit $RC left $(echo $tmps) behind"
  [ "$(inputs_sum "$STEP")" = "$insum" ] || fail "an input ($(step_inputs "$STEP")) was changed"
  # (written whole, then renamed: collect must never read it half-written)
  echo "$RC $fired $absorbed" >"$dir/result.tmp" && mv "$dir/result.tmp" "$dir/result"
}

# collect: take in the results of the finished runs (folders run-*/ with a
# result), in the order they were started
collect() {
  local d rc f a fault
  for d in $(ls -d run-*/ 2>/dev/null | sort -t- -k2 -n); do
    d=${d%/}
    [ -f "$d/result" ] || continue
    read -r rc f a <"$d/result"
    fault=$(cat "$d/fault")
    echo "$STEP np=$NP $fault exit $rc" >>runs.log
    fired=$((fired + f))
    absorbed=$((absorbed + a))
    if [ -s "$d/fails" ]; then
      while read -r msg; do report "$fault" "$d" "$msg"; done <"$d/fails"
    fi
    rm -rf "$d"
  done
}

t_start=$(date +%s)
for NP in $NPS; do
  MPI_PREFIX=
  [ "$NP" -gt 1 ] && MPI_PREFIX="mpiexec -n $NP "
  for STEP in $STEPS; do
    OUTNAME="out-$STEP.h5"
    insum=$(inputs_sum "$STEP")
    # The previous results file a failed run must leave untouched.
    rm -rf run-* && mkdir -p run-0/run
    step_args "$STEP" "$WORK/run-0/run/$OUTNAME" >run-0/args
    COUNT=count
    [ "$SITES" = 1 ] && COUNT=count,sites
    launch "$NP" "$COUNT" "$ASAN_FAST" run-0
    if [ "$RC" -ne 0 ] || [ ! -f "run-0/run/$OUTNAME" ]; then
      report count run-0 "the run without injection failed (exit $RC)"
      continue
    fi
    cp "run-0/run/$OUTNAME" "prev-$STEP-$NP.h5"
    declare -A cnt=()
    while read -r _ _ _ _ r _ a _ w _ h; do
      r=${r%:}
      cnt[alloc@$r]=$a
      cnt[write@$r]=$w
      cnt[h5@$r]=$h
    done < <(grep '^ecoscale: fault counts rank' run-0/run.txt)
    grep '^ecoscale: fault counts rank' run-0/run.txt | sort | sed "s/^ecoscale: fault/$STEP np=$NP:/"
    # --sites: the N to run, "KIND@R:N" (first and last N of each stack)
    declare -A site=()
    if [ "$SITES" = 1 ]; then
      for f in run-0/run/eco-fault-sites.*; do
        [ -s "$f" ] || { report count run-0 "no call-stack record $f (ECO_FAULT=sites)"; continue 2; }
        r=${f##*.}
        while read -r key; do site[$key]=1; done < <(awk -v r="$r" '
          { if (!(($1, $3) in first)) first[$1, $3] = $2; last[$1, $3] = $2 }
          END { for (k in first) { split(k, p, SUBSEP)
                  print p[1] "@" r ":" first[k]; print p[1] "@" r ":" last[k] } }' "$f")
      done
    fi
    rm -rf run-0
    ranks=0
    [ "$NP" -gt 1 ] && ranks=$RANKS
    # --per-step M: the M points of this step (positions in the sequence of
    # all its kinds, ranks and N), evenly spaced, shifted by OFFSET
    declare -A pick=()
    if [ "$PER_STEP" -gt 0 ]; then
      tot=0
      for KIND in $KINDS; do for R in $ranks; do tot=$((tot + ${cnt[$KIND@$R]:-0})); done; done
      for ((i = 0; i < PER_STEP && i < tot; i++)); do
        pick[$((((2 * i + 1) * tot / (2 * PER_STEP) + OFFSET) % tot))]=1
      done
    fi
    pos=-1
    for KIND in $KINDS; do
      for R in $ranks; do
        n=${cnt[$KIND@$R]:-0}
        runs=0 absorbed=0 fired=0 running=0
        for ((N = ONLY_A; N <= n && N <= ONLY_B; N++)); do
          pos=$((pos + 1))
          if [ "$SITES" = 1 ]; then
            [ -n "${site[$KIND@$R:$N]:-}" ] || continue
          elif [ "$PER_STEP" -gt 0 ]; then
            # (and the last allocation on each rank: the end of the run,
            # after the results are committed)
            [ -n "${pick[$pos]:-}" ] || { [ "$KIND" = alloc ] && [ "$N" -eq "$n" ]; } || continue
          elif [ "$STRIDE" -gt 1 ] && [ $(((N - 1 - OFFSET) % STRIDE)) -ne 0 ] && [ "$N" -ne "$n" ]; then
            continue
          fi
          FAULT="$KIND:$N"
          [ "$NP" -gt 1 ] && FAULT="$KIND:$N@$R"
          # every other run starts with a previous results file, the others
          # with none (a failed run must not leave one)
          d=run-$((total_runs + 1))
          mkdir -p "$d/run"
          echo "$FAULT" >"$d/fault"
          step_args "$STEP" "$WORK/$d/run/$OUTNAME" >"$d/args"
          prev=$((total_runs % 2))
          [ "$prev" = 1 ] && cp "prev-$STEP-$NP.h5" "$d/run/$OUTNAME"
          asan=$ASAN_FAST
          if [ "$LEAKS" -gt 0 ] && [ $((total_runs % LEAKS)) -eq 0 ]; then asan=$ASAN_LEAK; fi
          runs=$((runs + 1))
          total_runs=$((total_runs + 1))
          if [ "$JOBS" -gt 1 ]; then
            one_run "$FAULT" "$prev" "$asan" "$d" &
            running=$((running + 1))
            if [ "$running" -ge "$JOBS" ]; then
              wait -n
              running=$((running - 1))
              collect
            fi
          else
            one_run "$FAULT" "$prev" "$asan" "$d"
            collect
          fi
        done
        wait
        collect
        line=$(printf '%-12s %-6s np=%s rank %s: count %5s, runs %5s, fault fired %5s, absorbed (exit 0) %4s' \
          "$STEP" "$KIND" "$NP" "$R" "$n" "$runs" "$fired" "$absorbed")
        echo "$line"
        summary+="$line"$'\n'
      done
    done
    unset cnt pick site
  done
done
t_end=$(date +%s)
echo "----"
printf '%s' "$summary"
sampling="stride $STRIDE (offset $OFFSET)"
[ "$SITES" = 1 ] && sampling="first and last N of every distinct call stack (--sites)"
[ "$PER_STEP" -gt 0 ] && sampling="$PER_STEP per step (offset $OFFSET)"
retries=$(cat startup-retries.log 2>/dev/null | wc -l)
echo "runs: $total_runs, failures: $nfail, sampling: $sampling, leak-checked: every ${LEAKS}th run (0 = none), MPI start-up failures started again: $retries, time: $((t_end - t_start)) s"
[ "$nfail" -eq 0 ]
