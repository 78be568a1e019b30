# center = no (mf): the raw ratings, the biases and factors learning the
# mean; with adagrad the first epoch trains the leading 8 dimensions only
# (k = 16 here: two accumulators per row). A user and an item that appear
# only in the test file get no gradient: they must take the mean factor row
# and bias of the trained users (items), exactly as the log says; the test
# RMSE at NP ranks (items sharded) is within the tolerance of 1 rank.
. "$(dirname "$0")/common.sh"
# every fifth rating held out (the demo's users and items all keep some)
sed 1d "$DEMO/ratings.csv" | awk 'NR % 5 != 0' > train.csv
{ sed 1d "$DEMO/ratings.csv" | awk 'NR % 5 == 0'; echo "coldu,i24,4,875000000"
  echo "u1,coldi,3,875000000"; } > test.csv
opts="--recommend.model=mf --recommend.center=no --recommend.factors=16 --recommend.epochs=6
  --recommend.split=file --recommend.test_input=test.csv --seed 2"
timeout 120 $MPIEXEC "$ECOSCALE" recommend train.csv $opts --recommend.item_params=sharded -o np.h5 > np.log 2>&1 ||
  { cat np.log; fail "center = no at $NP ranks"; }
grep -q "1 user(s) and 1 item(s) without a training rating take the mean row and bias" np.log ||
  { cat np.log; fail "the log does not report the cold user and item"; }
# index of an id in a /recommend/*/id dataset (0-based)
id_index() {
  h5dump -d "$2" -y -w 0 "$1" | sed -n '/DATA {/,/}/p' | sed '1d;$d' | tr ',' '\n' |
    sed 's/\\000//g; s/[" ]//g' | sed '/^$/d' | grep -n -x "$3" | cut -d: -f1 | awk '{ print $1 - 1 }'
}
# mean_row FILE FACTORS BIAS INDEX: the row INDEX of FACTORS (and its BIAS)
# equals the mean of the other rows within 1e-4 relative (h5dump prints 6
# digits; values near 0 are compared to 0.01)
mean_row() {
  paste -d, <(h5dump -d "$2" -y -w 0 "$1" | sed -n '/DATA {/,/}/p' | sed '1d;$d' | sed 's/,$//') \
    <(values "$1" "$3") | tr -d ' ' |
    awk -F, -v c="$4" '{ if (NR - 1 == c) { for (j = 1; j <= NF; j++) row[j] = $j; next }
                         n++; for (j = 1; j <= NF; j++) s[j] += $j }
      END { if (!(1 in row)) exit 1
            for (j = 1; j <= NF; j++) { m = s[j] / n; d = row[j] - m; if (d < 0) d = -d
              sc = m < 0 ? -m : m; if (sc < 0.01) sc = 0.01
              if (d > 1e-4 * sc) { printf "column %d: %g vs mean %g\n", j, row[j], m; exit 1 } } }' ||
    fail "$1: row $4 of $2 is not the mean of the others"
}
cu=$(id_index np.h5 /recommend/users/id coldu) ci=$(id_index np.h5 /recommend/items/id coldi)
[ -n "$cu" ] && [ -n "$ci" ] || fail "cold ids not found in the results"
mean_row np.h5 /recommend/model/user_factors /recommend/model/user_bias "$cu"
mean_row np.h5 /recommend/model/item_factors /recommend/model/item_bias "$ci"
timeout 120 $MPI1 "$ECOSCALE" recommend train.csv $opts -q -o one.h5
near_one_rank "center = no" mf one.h5 np.h5
echo OK
