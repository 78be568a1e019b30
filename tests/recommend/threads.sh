# Threads within a rank ([recommend] threads, OMP_NUM_THREADS): ALS factors,
# lists, curve and history, and the mlp model's lists and AUC, are bitwise
# equal with 1 and 2 threads per rank at NP ranks (ALS: also equal to the
# 1-rank, 1-thread run). The log says how many threads ran.
. "$(dirname "$0")/common.sh"
# the test oversubscribes the cores (up to 4 ranks x 2 threads on 2 cores):
# waiting threads sleep instead of spinning
export OMP_WAIT_POLICY=passive
als="--recommend.items=$DEMO/items.csv --recommend.factors=8 --recommend.epochs=2 --recommend.reg=5 --recommend.validation_fraction=0.1 --seed 5"
timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $als -q --recommend.threads=1 -o als1.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $als -v --recommend.threads=2 -o als2.h5 > als2.log 2>&1 ||
  { cat als2.log; fail "ALS with 2 threads"; }
grep -q "2 thread(s) per rank" als2.log || fail "threads = 2 did not run 2 threads: $(grep -i thread als2.log)"
same als1.h5 als2.h5 /recommend/model/user_factors /recommend/model/item_factors \
  /recommend/topk/items /recommend/topk/scores /recommend/history/loss /recommend/history/metric \
  /recommend/tradeoff/recall /recommend/tradeoff/ndcg /recommend/tradeoff/mean_eco
[ "$(attr als1.h5 test_auc)" = "$(attr als2.h5 test_auc)" ] || fail "ALS test AUC differs"
# the standard variable, with threads = 0 (default)
OMP_NUM_THREADS=2 timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $als -v -o als_env.h5 > env.log 2>&1 ||
  { cat env.log; fail "ALS with OMP_NUM_THREADS=2"; }
grep -q "2 thread(s) per rank" env.log || fail "OMP_NUM_THREADS=2 ignored: $(grep -i thread env.log)"
same als1.h5 als_env.h5 /recommend/model/user_factors /recommend/topk/items
# mlp: training is not threaded, evaluation and ranking are
mlp="--recommend.model=mlp --recommend.items=$DEMO/items.csv --recommend.factors=8 --recommend.epochs=2 --recommend.batch=256 --seed 5 -q"
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $mlp --recommend.threads=1 -o mlp1.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $mlp --recommend.threads=2 -o mlp2.h5 2> /dev/null
same mlp1.h5 mlp2.h5 /recommend/topk/items /recommend/topk/scores /recommend/history/metric \
  /recommend/tradeoff/recall /recommend/tradeoff/mean_eco
[ "$(attr mlp1.h5 test_auc)" = "$(attr mlp2.h5 test_auc)" ] || fail "mlp test AUC differs"
echo OK
