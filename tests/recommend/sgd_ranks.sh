# MF (adagrad, its default, and SGD), the embedding click model and BPR repeat exactly at a fixed rank count, and
# reach the 1-rank metrics within a stated tolerance at 2 and 4 ranks
# (test RMSE within 0.03, test AUC within 0.02: a rank's mini-batch share
# changes the order of the SGD updates).
. "$(dirname "$0")/common.sh"
for model in mf mf-sgd mlp bpr; do
  extra=""
  [ $model = mf-sgd ] && extra="--recommend.optimizer=sgd"
  opts="--recommend.model=${model%-sgd} $extra --recommend.items=$DEMO/items.csv --recommend.factors=8 --recommend.epochs=5 --recommend.batch=256 --seed 3 -q"
  timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o a.h5
  timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o b.h5
  same a.h5 b.h5 /recommend/model/user_factors /recommend/model/item_factors /recommend/topk/items /recommend/history/loss
  timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o one.h5
  near_one_rank $model ${model%-sgd} one.h5 a.h5
done
echo OK
