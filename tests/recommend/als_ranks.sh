# ALS gives bitwise identical factors, lists and curve at 1, 2 and 4 ranks;
# the HDF5 import gives the same lists as the CSV; the trade-off curve's mean
# eco-score never drops as beta grows.
. "$(dirname "$0")/common.sh"
opts="--recommend.items=$DEMO/items.csv --recommend.factors=8 --recommend.epochs=4 --recommend.reg=5 --recommend.validation_fraction=0.1 --seed 7 -q"
timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o ref.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts -o np.h5
same ref.h5 np.h5 /recommend/model/user_factors /recommend/model/item_factors \
  /recommend/topk/items /recommend/topk/scores /recommend/users/id /recommend/items/id \
  /recommend/items/eco_score /recommend/history/metric /recommend/tradeoff/recall \
  /recommend/tradeoff/ndcg /recommend/tradeoff/mean_eco
# the lists are real: K items per user, none of them a training item
[ "$(values np.h5 /recommend/tradeoff/recall | head -1 | awk '{print ($1 > 0.02)}')" = 1 ] ||
  fail "recall@10 at beta 0 is not above chance"
timeout 120 $MPIEXEC "$ECOSCALE" import interactions "$DEMO/ratings.csv" --recommend.items=$DEMO/items.csv -q -o imp.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend imp.h5 --recommend.factors=8 --recommend.epochs=4 --recommend.reg=5 --recommend.validation_fraction=0.1 --seed 7 -q -o fromh5.h5
same np.h5 fromh5.h5 /recommend/topk/items /recommend/model/item_factors /recommend/items/eco_score
values np.h5 /recommend/tradeoff/mean_eco > eco.txt
[ "$(wc -l < eco.txt)" -eq 6 ] || fail "expected 6 betas on the curve"
awk 'NR > 1 && $1 < prev - 1e-9 { bad = 1 } { prev = $1 } END { exit bad }' eco.txt ||
  fail "mean eco-score drops as beta grows: $(tr '\n' ' ' < eco.txt)"
awk 'NR == 1 { a = $1 } END { exit !($1 > a + 0.1) }' eco.txt || fail "beta = 1 does not raise the eco-score"
# time split: a timestamped log works and differs from the random split
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.split=time -o time.h5
timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.split=time -o time1.h5
same time.h5 time1.h5 /recommend/topk/items
# generate interactions: the same file at any rank count, and trainable
g="--generate_interactions.users=200 --generate_interactions.items=300 --generate_interactions.mean_activity=30 --generate_interactions.min_activity=10 --seed 3 -q"
timeout 120 $MPI1 "$ECOSCALE" generate interactions $g -o gen1.h5
timeout 120 $MPIEXEC "$ECOSCALE" generate interactions $g -o gen.h5
same gen1.h5 gen.h5 /interactions/user /interactions/item /interactions/value \
  /interactions/timestamp /interactions/user_id /interactions/item_id /items/eco_score /items/category
timeout 120 $MPIEXEC "$ECOSCALE" recommend gen.h5 --recommend.factors=8 --recommend.epochs=3 --recommend.reg=5 -q -o g.h5
timeout 120 $MPI1 "$ECOSCALE" recommend gen.h5 --recommend.factors=8 --recommend.epochs=3 --recommend.reg=5 -q -o g1.h5
same g.h5 g1.h5 /recommend/topk/items /recommend/model/user_factors
echo OK
