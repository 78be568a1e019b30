# ALS with sharded factor tables ([recommend] item_params = sharded: each
# rank holds only its own user and item rows, fetches the rows a half-step
# reads, and the evaluation and the ranking pass the item rows round the
# ranks): factors, lists, scores, curve and per-epoch metric at NP ranks
# with 2 threads per rank are bitwise equal to the 1-rank replicated run;
# lists of K = 5000 (running top-K heaps in 2 user groups at 1 rank) too; a
# checkpoint of a sharded run resumes at 1 rank with the same results; the
# log names the layout and its memory.
. "$(dirname "$0")/common.sh"
export OMP_WAIT_POLICY=passive
opts="--recommend.items=$DEMO/items.csv --recommend.factors=8 --recommend.epochs=3 --recommend.reg=5 --recommend.validation_fraction=0.1 --seed 11"
sets="/recommend/model/user_factors /recommend/model/item_factors /recommend/topk/items \
  /recommend/topk/scores /recommend/history/metric /recommend/tradeoff/recall \
  /recommend/tradeoff/ndcg /recommend/tradeoff/mean_eco"
timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.item_params=replicated -q -o one.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $opts --recommend.item_params=sharded \
  --recommend.threads=2 -o sh.h5 > sh.log 2>&1 || { cat sh.log; fail "ALS sharded"; }
grep -q "ALS factors sharded (option); per rank (largest): own rows" sh.log ||
  { cat sh.log; fail "the log does not name the sharded layout and its memory"; }
same one.h5 sh.h5 $sets
[ "$(attr one.h5 test_auc)" = "$(attr sh.h5 test_auc)" ] || fail "test AUC differs"
# long lists: K = 5000 > the 400 items, 6 betas: 300 users' heaps exceed the
# ranking's 64 MiB at one rank, so they go in two groups
big="$opts --recommend.topk=5000 --recommend.epochs=1"
timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $big --recommend.item_params=replicated -q -o kone.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $big --recommend.item_params=sharded -q -o ksh.h5
h5diff -q kone.h5 ksh.h5 /recommend/topk/items /recommend/topk/items || fail "K = 5000 lists differ"
same kone.h5 ksh.h5 /recommend/tradeoff/recall /recommend/tradeoff/ndcg /recommend/tradeoff/mean_eco
# SIGUSR1 during sharded training: each owner writes its item rows to the
# checkpoint; --resume at one rank (each rank reads its rows) finishes with
# the results of an uninterrupted run
ck="$opts --recommend.epochs=30 --recommend.item_params=sharded"
rm -f int.h5 int.h5.recommend-checkpoint.h5
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $ck -q -o full.h5
usr1_at_epoch 10 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" $ck -o int.h5
[ $rc -eq 3 ] && [ -f int.h5.recommend-checkpoint.h5 ] || { cat log.txt; fail "SIGUSR1: exit code $rc"; }
timeout 120 $MPI1 "$ECOSCALE" recommend "$DEMO/ratings.csv" $ck -q --resume -o int.h5
same full.h5 int.h5 $sets
echo OK
