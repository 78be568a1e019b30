#!/bin/bash
# Killed rank during recommend training, for a mini-batch model (mlp: Adam
# state, embeddings and linear layer in the checkpoint) and ALS (item factors)
# (docs/reliability.md, "Killed rank").
. "$SRC/tests/reliability/killrank/lib.sh"
DEMO="$SRC/inputs/demo/recommend"
for model in mlp als; do
  # long enough to outlast the first checkpoint (0.2 s) on a fast idle machine:
  # there 40 epochs took ~0.2 s (mlp) and the run ended before the kill
  k=8 epochs=200
  [ $model = als ] && k=32 epochs=120 # an ALS sweep of the demo at k = 8 takes milliseconds
  opts="--recommend.model=$model --recommend.items=$DEMO/items.csv --recommend.factors=$k --recommend.epochs=$epochs --recommend.reg=1 --seed 5"
  rm -f res.h5 res.h5.*
  # the results file of an earlier, successful run
  timeout ${KILLRANK_RUN_LIMIT:-600} $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -q -o res.h5 || fail "$model: first run"
  cp res.h5 prev.h5
  kr_kill_run run.log res.h5.recommend-checkpoint.h5 \
    $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o res.h5 --run.checkpoint_every=0.2
  cmp res.h5 prev.h5 || fail "$model: the earlier results file was changed by the killed run"
  timeout ${KILLRANK_RUN_LIMIT:-600} $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o res.h5 \
    --run.checkpoint_every=0.5 --resume > resume.log 2>&1 || { cat resume.log; fail "$model: resumed run"; }
  grep -E "resuming from res.h5.recommend-checkpoint.h5 after epoch [1-9][0-9]*$" resume.log \
    || { cat resume.log; fail "$model: did not resume from the periodic checkpoint"; }
  [ ! -e res.h5.recommend-checkpoint.h5 ] || fail "$model: checkpoint left after a complete run"
  same_dumps res.h5 prev.h5 /recommend/model/user_factors /recommend/model/item_factors \
    /recommend/topk/items /recommend/topk/scores /recommend/history/loss /recommend/history/metric
  echo "OK recommend $model: killed rank at $NP ranks, resumed"
done
