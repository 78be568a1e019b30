# Bad logs, item tables and options: exit code 2 on every rank, one error
# message naming the place, and no results file.
. "$(dirname "$0")/common.sh"
expect_bad() { # expect_bad PATTERN ARGS...
  local pat=$1; shift
  rm -f out.h5 out.h5.tmp
  set +e
  timeout 120 $MPIEXEC "$ECOSCALE" recommend "$@" -o out.h5 > out.txt 2> err.txt
  local rc=$?
  set -e
  [ $rc -eq 2 ] || { cat err.txt; fail "exit code $rc, expected 2 for: $*"; }
  [ "$(grep -c 'error' err.txt)" -eq 1 ] || { cat err.txt; fail "expected one error message for: $*"; }
  grep -q -- "$pat" err.txt || { cat err.txt; fail "message does not mention '$pat'"; }
  [ ! -e out.h5 ] && [ ! -e out.h5.tmp ] || fail "a results file was left for: $*"
}
printf 'user,item,rating\nu1,i1,5\nu1,i2,4\nu2,i1\nu2,i3,2\n' > short.csv
expect_bad "short.csv:4" short.csv
printf 'u1,i1,5\nu1,i2,4\nu2,i1,abc\n' > nan.csv
expect_bad "nan.csv:3: value 'abc'" nan.csv
printf 'u1::i1::5\nu1::i2::4::notatime\n' > ts.dat
expect_bad "ts.dat:2: timestamp" ts.dat
printf 'u1,i1,5\nu1,i2,4\nu2,i1,3\nu1,i1,2\n' > dup.csv
expect_bad "rated item" dup.csv --recommend.model=mf
printf 'u1,i1,5\nu1,i2,4\nu2,i1,3\n' > ok.csv
printf 'item,eco_score\ni1,0.5\n' > items_missing.csv
expect_bad "item 'i2' of the interactions has no row" ok.csv --recommend.items=items_missing.csv
printf 'item,eco_score\ni1,0.5\ni2,high\n' > items_bad.csv
expect_bad "items_bad.csv:3" ok.csv --recommend.items=items_bad.csv
printf 'item,eco_score\ni1,0.5\ni2,0.1\ni1,0.7\n' > items_dup.csv
expect_bad "item listed twice" ok.csv --recommend.items=items_dup.csv
printf 'u1,i1,-1\nu1,i2,4\n' > neg.csv
expect_bad "neg.csv:1: negative value" neg.csv
expect_bad "no such file" missing.csv
expect_bad "test_fraction + validation_fraction" ok.csv --recommend.test_fraction=0.6 --recommend.validation_fraction=0.5
expect_bad "split = time needs a timestamp" ok.csv --recommend.split=time
expect_bad "betas" ok.csv --recommend.betas=0,x
expect_bad "optimizer = adagrad is built for model = mf" ok.csv --recommend.model=mlp --recommend.optimizer=adagrad
expect_bad "center = no is built for model = mf" ok.csv --recommend.model=als --recommend.center=no
# a diverging model (a learning rate far too large): exit code 1, one message
# saying so, no results file (the evaluation of NaN scores used to hang)
rm -f out.h5
set +e
timeout 120 $MPIEXEC "$ECOSCALE" recommend "$DEMO/ratings.csv" --recommend.model=mf --recommend.lr=100 \
  --recommend.epochs=3 -o out.h5 > out.txt 2> err.txt
rc=$?
set -e
[ $rc -eq 1 ] || { cat err.txt; fail "diverging mf: exit code $rc, expected 1"; }
[ "$(grep -c 'error' err.txt)" -eq 1 ] && grep -q "diverged" err.txt || { cat err.txt; fail "diverging mf: expected one message saying it diverged"; }
[ ! -e out.h5 ] || fail "diverging mf: a results file was left"
echo OK
