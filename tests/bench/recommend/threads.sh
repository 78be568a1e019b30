#!/bin/bash
# Threads within a rank: ALS (k = 32) on a synthetic log at 1 rank with 1 and
# 2 threads ([recommend] threads), the phases timed by ecoscale's timers (-v):
# row solves (users + items), the ALS loss, AUC scoring, top-K ranking of
# every user (7 lists each: beta and the 6 betas of the curve), and the whole
# training. The runs alternate 1 / 2 threads REPEAT times; the fastest of
# each phase counts. Results must be identical (checked with h5diff).
#   tests/bench/recommend/threads.sh [BUILD_DIR] [WORK_DIR]
# Environment: USERS (20000), ITEMS (4000), ACTIVITY (100), EPOCHS (3), REPEAT (3)
set -eu
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
W=${2:-/tmp/ecoscale-bench-threads}
ECO=$BUILD/bin/ecoscale
USERS=${USERS:-20000} ITEMS=${ITEMS:-4000} ACTIVITY=${ACTIVITY:-100} EPOCHS=${EPOCHS:-3} REPEAT=${REPEAT:-3}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader
unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS
mkdir -p "$W"
cd "$W"
data=gen_${USERS}_${ITEMS}_${ACTIVITY}.h5
[ -f "$data" ] || mpiexec -n 1 "$ECO" generate interactions --generate_interactions.users=$USERS \
  --generate_interactions.items=$ITEMS --generate_interactions.mean_activity=$ACTIVITY -q -o "$data"
n=$(h5dump -H -d /interactions/user "$data" | grep -o '( [0-9]* )' | head -1 | tr -d '() ')
echo "data: $USERS users, $ITEMS items, $n interactions; ALS k = 32, $EPOCHS sweeps, 1 rank (--bind-to none), $(nproc) cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
phases="recommend.als.users recommend.als.items recommend.als.loss recommend.eval.scores recommend.eval.auc recommend.rank recommend.train"
for rep in $(seq 1 "$REPEAT"); do
  for t in 1 2; do
    mpiexec -n 1 --bind-to none /usr/bin/time -f "cpu %U %S wall %e" "$ECO" recommend "$data" --recommend.model=als --recommend.factors=32 \
      --recommend.epochs=$EPOCHS --recommend.reg=5 --recommend.alpha=1 --recommend.threads=$t \
      -v -o t$t.h5 > t$t.$rep.log 2>&1
  done
  h5diff -q t1.h5 t2.h5 /recommend/model /recommend/model || { echo "results differ between 1 and 2 threads"; exit 1; }
  h5diff -q t1.h5 t2.h5 /recommend/topk /recommend/topk || { echo "lists differ between 1 and 2 threads"; exit 1; }
done
echo "results: factors and lists identical with 1 and 2 threads (h5diff)"
# whole-process CPU seconds (user + sys) and wall seconds of each run: with
# the same CPU seconds, 2 threads would halve the wall time on idle cores
for t in 1 2; do
  grep -h "^cpu " t$t.*.log | awk -v t=$t '{ c = $2 + $3; if (!n || c < bc) bc = c; if (!n || $5 < bw) bw = $5; n++ }
    END { printf "threads %d: process CPU %.2f s (least of %d runs), wall %.2f s (least)\n", t, bc, n, bw }'
done
best() { # phase threads -> fastest seconds over the repeats
  grep -h "  $1 " t$2.*.log | awk '{ print $(NF - 2) }' | sort -g | head -1
}
printf "%-24s %12s %12s %9s\n" phase "1 thread s" "2 threads s" speed-up
for p in $phases; do
  a=$(best $p 1); b=$(best $p 2)
  awk -v p="$p" -v a="$a" -v b="$b" 'BEGIN { printf "%-24s %12.3f %12.3f %8.2fx\n", p, a, b, a / b }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
