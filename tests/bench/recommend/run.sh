#!/bin/bash
# Benchmark of ecoscale recommend against the PyTorch peer, in one run, on the
# same MovieLens-100K-sized synthetic log and the same 80/20 split:
#  1. the embedding + linear click model (Adam, batch 1024, 4 negatives per
#     positive, k = 32): samples/s per core, test AUC per epoch, time to reach
#     the same AUC, the ratio; plus PyTorch's design loop (DataLoader, batch 16);
#  2. ALS (k = 32) speed at 1 and 2 ranks;
#  3. explicit MF (k = 32, 20 epochs): ratings/s and test RMSE.
# Usage: tests/bench/recommend/run.sh [BUILD_DIR] [WORK_DIR]
set -eu
SRC=$(cd "$(dirname "$0")/../../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
W=${2:-/tmp/ecoscale-bench-recommend}
ECO=$BUILD/bin/ecoscale
PY=/usr/bin/python3
HERE=$SRC/tests/bench/recommend
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
mkdir -p "$W"
cd "$W"
EPOCHS=${EPOCHS:-10}
[ -f ml/ratings.dat ] || $PY "$HERE/gen_interactions.py" ml --format ml --seed 1
[ -f train.csv ] || $PY "$HERE/split.py" ml/ratings.dat train.csv test.csv 0.2
echo "data: $(wc -l < ml/ratings.dat) ratings; train $(wc -l < train.csv), test $(wc -l < test.csv); load: $(cut -d' ' -f1-3 /proc/loadavg)"

values() { h5dump -d "$2" -y -w 0 "$1" | sed -n '/DATA {/,/}/p' | sed '1d;$d' | tr ',' '\n' | sed '/^ *$/d' | tr -d ' '; }
attr() { h5dump -a "/recommend/$2" "$1" | sed -n '/DATA {/,/}/p' | grep -o '[-0-9.e+naNAN]*$' | head -1; }

# ---- 1. click model ------------------------------------------------------
# Each program runs REPEAT times (default 3); the run with the highest
# samples/s counts, for both (the machine is shared: best-of-N is fairest).
REPEAT=${REPEAT:-3}
for rep in $(seq 1 $REPEAT); do
  mpiexec -n 1 "$ECO" recommend train.csv --recommend.split=file --recommend.test_input=test.csv \
    --recommend.model=mlp --recommend.factors=32 --recommend.batch=1024 --recommend.negatives=4 \
    --recommend.epochs=$EPOCHS -q -o mlp.h5
  paste <(values mlp.h5 /recommend/history/seconds) <(values mlp.h5 /recommend/history/metric) \
    <(values mlp.h5 /recommend/history/interactions_per_s) |
    awk '{ t += $1; printf "epoch %d seconds %.4f samples_per_s %.0f auc %.4f\n", NR, t, $3, $2 }' > eco_mlp.$rep.txt
  $PY "$HERE/torch_peer.py" train.csv test.csv --epochs $EPOCHS --batch 1024 > torch_1024.$rep.txt
done
$PY "$HERE/torch_peer.py" train.csv test.csv --epochs 1 --batch 16 --loader --max-seconds 10 > torch_16.txt
best() { # prefix -> the file of the fastest run
  for f in $1.*.txt; do
    awk -v f="$f" '{ s += 1 / $6; n++ } END { printf "%.0f %s\n", n / s, f }' "$f"
  done | sort -g | tail -1 | cut -d' ' -f2
}
cp "$(best eco_mlp)" eco_mlp.txt
cp "$(best torch_1024)" torch_1024.txt
summary() { # file -> "samples/s final_auc"
  awk '{ n++; t = $4; r[n] = $6; a = $8 } END {
    # samples/s over the whole run: epochs x samples / cumulative seconds
    s = 0; for (i = 1; i <= n; i++) s += 1 / r[i]; printf "%.0f %.4f\n", n / s, a }' "$1"
}
time_to() { # file target -> cumulative seconds at the first epoch with auc >= target
  awk -v t="$2" '$8 >= t { print $4; found = 1; exit } END { if (!found) print "never" }' "$1"
}
read eco_rate eco_auc < <(summary eco_mlp.txt)
read t_rate t_auc < <(summary torch_1024.txt)
read t16_rate t16_auc < <(summary torch_16.txt)
target=$(awk -v a="$eco_auc" -v b="$t_auc" 'BEGIN { m = a < b ? a : b; printf "%.4f", m - 0.001 }')
eco_t=$(time_to eco_mlp.txt "$target")
t_t=$(time_to torch_1024.txt "$target")
echo
echo "embedding + linear click model, k = 32, Adam, 4 negatives, $EPOCHS epochs, one core, best of $REPEAT"
printf "%-34s %14s %10s %18s\n" "" "samples/s" "test AUC" "s to AUC $target"
printf "%-34s %14.0f %10s %18s\n" "ecoscale (1 rank, batch 1024)" "$eco_rate" "$eco_auc" "$eco_t"
printf "%-34s %14.0f %10s %18s\n" "PyTorch (batch 1024, sliced)" "$t_rate" "$t_auc" "$t_t"
printf "%-34s %14.0f %10s %18s\n" "PyTorch (batch 16, DataLoader)" "$t16_rate" "($t16_auc)" "-"
awk -v a="$eco_rate" -v b="$t_rate" -v c="$t16_rate" -v x="$eco_t" -v y="$t_t" 'BEGIN {
  printf "throughput ratio: %.1fx PyTorch batch 1024, %.0fx PyTorch batch 16\n", a / b, a / c
  if (x != "never" && y != "never") printf "time-to-AUC ratio: %.1fx\n", y / x }'

# ---- 2. ALS ---------------------------------------------------------------
echo
echo "ALS (implicit, k = 32, 10 sweeps, random 80/20 split): per sweep"
printf "%-8s %12s %18s %10s %14s\n" "ranks" "s/sweep" "interactions/s" "test AUC" "recall@10"
for np in 1 2; do
  mpiexec -n $np "$ECO" recommend ml/ratings.dat --recommend.model=als --recommend.factors=32 \
    --recommend.epochs=10 --recommend.reg=5 --recommend.alpha=1 -q -o als$np.h5
  s=$(values als$np.h5 /recommend/history/seconds | awk '{ t += $1 } END { printf "%.4f", t / NR }')
  r=$(values als$np.h5 /recommend/history/interactions_per_s | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }')
  printf "%-8s %12s %18s %10.4f %14.4f\n" $np "$s" "$r" "$(attr als$np.h5 test_auc)" "$(attr als$np.h5 test_recall_at_k)"
done

# ---- 3. explicit MF -------------------------------------------------------
echo
echo "explicit MF (k = 32, SGD lr 0.01, reg 0.05, 20 epochs, same 80/20 split)"
printf "%-8s %16s %10s %10s\n" "ranks" "ratings/s/core" "test RMSE" "test MAE"
for np in 1 2; do
  mpiexec -n $np "$ECO" recommend train.csv --recommend.split=file --recommend.test_input=test.csv \
    --recommend.model=mf --recommend.factors=32 --recommend.epochs=20 -q -o mf$np.h5
  r=$(values mf$np.h5 /recommend/history/interactions_per_s | sort -g | awk -v np=$np '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] / np }')
  printf "%-8s %16s %10.4f %10.4f\n" $np "$r" "$(attr mf$np.h5 test_rmse)" "$(attr mf$np.h5 test_mae)"
done

# ---- 4. scaling (SCALE=1): ~10M synthetic interactions, 1 -> 2 ranks -------
if [ "${SCALE:-0}" = 1 ]; then
  echo
  [ -f big.h5 ] || mpiexec -n 2 "$ECO" generate interactions --generate_interactions.users=100000 \
    --generate_interactions.items=20000 --generate_interactions.mean_activity=100 -q -o big.h5
  echo "scaling on $(h5dump -H -d /interactions/user big.h5 | grep -o 'DATASPACE.*' | head -1) (100k users, 20k items)"
  printf "%-6s %-6s %14s %20s %12s %16s\n" model ranks "s/epoch" "interactions/s" efficiency "peak MiB/rank"
  for model in als mlp; do
    base=""
    for np in 1 2; do
      mpiexec -n $np "$ECO" recommend big.h5 --recommend.model=$model --recommend.factors=32 \
        --recommend.epochs=2 --recommend.reg=5 --recommend.alpha=1 --recommend.betas=0 \
        -o big_$model$np.h5 > big_$model$np.log 2>&1
      s=$(values big_$model$np.h5 /recommend/history/seconds | awk '{ t += $1 } END { printf "%.3f", t / NR }')
      r=$(values big_$model$np.h5 /recommend/history/interactions_per_s | awk '{ t += $1 } END { printf "%.0f", t / NR }')
      mem=$(grep -o 'peak [0-9.]* MiB/rank' big_$model$np.log | awk '{ print $2 }')
      [ -z "$base" ] && base=$s
      eff=$(awk -v a="$base" -v b="$s" -v n=$np 'BEGIN { printf "%.0f%%", 100 * a / (b * n) }')
      printf "%-6s %-6s %14s %20s %12s %16s\n" $model $np "$s" "$r" "$eff" "$mem"
    done
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
