# SIGUSR1 (what SLURM sends before the time limit) during training: exit code
# 3, one message, a checkpoint and no results file; --resume then finishes
# with results bitwise equal to an uninterrupted run (mlp: Adam state,
# linear layer and embeddings are all in the checkpoint; als: item factors;
# mf with adam or adagrad and sharded items: see below).
. "$(dirname "$0")/common.sh"
# mf-adam / mf-adagrad: MF with Adam (moments of factors and biases) or
# adagrad (accumulated squared gradients per row and per bias) and sharded
# item parameters (item rows written and read back by their owners);
# mf-raw: adagrad on the raw ratings, k = 16 (two accumulators per row, the
# first epoch on the leading 8 dimensions)
for model in mlp als mf-adam mf-adagrad mf-raw; do
  extra=""
  [ $model = mf-adam ] && extra="--recommend.optimizer=adam --recommend.item_params=sharded"
  [ $model = mf-adagrad ] && extra="--recommend.optimizer=adagrad --recommend.item_params=sharded"
  [ $model = mf-raw ] && extra="--recommend.center=no --recommend.item_params=sharded"
  opts="--recommend.model=${model%-*} $extra --recommend.items=$DEMO/items.csv --recommend.factors=8 --recommend.epochs=30 --recommend.reg=1 --seed 5"
  [ $model = mf-raw ] && opts="$opts --recommend.factors=16"
  rm -f full.h5 int.h5 int.h5.recommend-checkpoint.h5
  timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -q -o full.h5
  usr1_at_epoch 10 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o int.h5
  [ $rc -eq 3 ] || { cat log.txt; fail "$model: exit code $rc after SIGUSR1, expected 3"; }
  [ "$(grep -c 'error' log.txt)" -eq 1 ] || { cat log.txt; fail "$model: expected one message"; }
  grep -q "rerun with --resume" log.txt || fail "$model: message does not say how to resume"
  [ -f int.h5.recommend-checkpoint.h5 ] || fail "$model: no checkpoint"
  [ ! -e int.h5 ] || fail "$model: a results file was written by the interrupted run"
  timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -q --resume -o int.h5
  same full.h5 int.h5 /recommend/model/user_factors /recommend/model/item_factors \
    /recommend/topk/items /recommend/topk/scores /recommend/history/loss /recommend/history/metric
  [ ${model%-*} != mf ] || same full.h5 int.h5 /recommend/model/user_bias /recommend/model/item_bias
  [ ! -e int.h5.recommend-checkpoint.h5 ] || fail "$model: checkpoint left after the resumed run"
done
# a checkpoint of another configuration is refused
usr1_at_epoch 10 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o int.h5
set +e
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.factors=9 -q --resume -o int.h5 2> log.txt
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "different run" log.txt || { cat log.txt; fail "a foreign checkpoint was not refused (rc $rc)"; }
echo OK
