# Item parameters sharded over ranks ([recommend] item_params): for mf (SGD
# and Adam), mlp and bpr, sharded training gives the same bits as
# replicated training at NP ranks (gradients are summed in rank order in
# both), reaches the 1-rank metric within the tolerance of sgd_ranks (test
# RMSE 0.03, AUC 0.02) and says in the log which mode ran and the memory per
# rank. auto keeps the demo's small item table replicated.
. "$(dirname "$0")/common.sh"
base="--recommend.items=$DEMO/items.csv --recommend.factors=8 --recommend.epochs=3 --seed 3"
for v in "mf adagrad" "mf sgd" "mf adam" "mlp adam" "bpr adam"; do
  set -- $v
  model=$1 optim=$2
  # batch 64: the 400-item catalogue exceeds 4 batches, so the replicated
  # mode exchanges sparse rows summed in rank order
  opts="$base --recommend.model=$model --recommend.optimizer=$optim --recommend.batch=64"
  timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.item_params=sharded \
    -o sh.h5 > sh.log 2>&1 || { cat sh.log; fail "$model/$optim sharded"; }
  grep -q "item parameters sharded (option), $optim; training state per rank" sh.log ||
    { cat sh.log; fail "$model/$optim: the log does not name the sharded mode and the memory"; }
  timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.item_params=replicated -q -o rep.h5
  sets="/recommend/model/user_factors /recommend/model/item_factors /recommend/topk/items /recommend/topk/scores /recommend/history/loss /recommend/history/metric"
  [ $model = mf ] && sets="$sets /recommend/model/user_bias /recommend/model/item_bias"
  same sh.h5 rep.h5 $sets
  timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.item_params=sharded -q -o one.h5
  near_one_rank "$model/$optim sharded" $model one.h5 sh.h5
done
# batch 256: the replicated mode sums the small catalogue by one allreduce
# (MPI's order); sharded and replicated then agree within the tolerance
opts="$base --recommend.model=mlp --recommend.batch=256"
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.item_params=sharded -q -o sh.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o auto.h5 > auto.log 2>&1 ||
  { cat auto.log; fail "mlp auto"; }
grep -q "item parameters replicated (auto)" auto.log || { cat auto.log; fail "auto did not keep 400 x 8 item parameters replicated"; }
close "$(attr sh.h5 test_auc)" "$(attr auto.h5 test_auc)" 0.02
# options that do not apply are refused
set +e
$MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $base --recommend.model=mlp --recommend.optimizer=sgd -q -o bad.h5 2> bad.log
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "optimizer = sgd" bad.log && [ ! -e bad.h5 ] || { cat bad.log; fail "mlp with sgd: rc $rc"; }
echo OK
