# Ratings planted as mu + p_u . q_i (rank 4) + N(0, 0.3^2): matrix
# factorization must recover them, test RMSE below 1.2 x the noise level (a
# global mean alone gives about 1.0), with SGD and with Adam. Batches of 1024
# (RMSE 0.341 / 0.338 at 1 rank, as with 256): a quarter of the steps, each
# one collective, so 4 ranks on 2 loaded cores stay well inside the timeout
# (with 256, one run took over 120 s at load 15).
. "$(dirname "$0")/common.sh"
/usr/bin/python3 "$SRC/tests/bench/recommend/gen_interactions.py" planted --users 400 --items 300 \
  --mean-activity 100 --planted 0.3 --rank 4 --seed 3 > /dev/null
timeout 120 $MPIEXEC "$ECOSCALE" recommend planted/ratings.csv --recommend.model=mf \
  --recommend.factors=4 --recommend.lr=0.02 --recommend.reg=0.02 --recommend.epochs=40 \
  --recommend.batch=1024 -q -o planted.h5
r=$(attr planted.h5 test_rmse)
echo "planted: test RMSE $r (noise 0.3)"
awk -v r="$r" 'BEGIN { exit !(r < 0.36) }' || fail "test RMSE $r is not near the noise level 0.3"
# the same with Adam (optimizer = adam, lr 0.01) and sharded item parameters
timeout 120 $MPIEXEC "$ECOSCALE" recommend planted/ratings.csv --recommend.model=mf \
  --recommend.optimizer=adam --recommend.item_params=sharded --recommend.factors=4 \
  --recommend.lr=0.01 --recommend.reg=0.02 --recommend.epochs=40 --recommend.batch=1024 -q -o adam.h5
r=$(attr adam.h5 test_rmse)
echo "planted, adam: test RMSE $r (noise 0.3)"
awk -v r="$r" 'BEGIN { exit !(r < 0.36) }' || fail "adam: test RMSE $r is not near the noise level 0.3"
echo OK
