# Bad input: exit code 2 on every rank, one error message naming the
# problem, no results file.
. "$(dirname "$0")/common.sh"
check_bad() { # expected-fragment, then the command arguments
  frag=$1; shift
  set +e
  timeout 120 $MPIEXEC "$ECOSCALE" supply "$@" -o out.h5 > out.log 2> err.log
  rc=$?
  set -e
  [ $rc = 2 ] || { cat err.log; fail "exit code $rc (expected 2) for: $*"; }
  n=$(grep -c '^ecoscale: error:' err.log || true)
  [ "$n" = 1 ] || { cat err.log; fail "$n error messages (expected 1) for: $*"; }
  grep -q -- "$frag" err.log || { cat err.log; fail "message lacks '$frag' for: $*"; }
  [ ! -e out.h5 ] && [ ! -e out.h5.tmp ] || fail "a results file was left for: $*"
}
printf '2 2\n10 5\n10 x\n' > badcost.txt
printf 'site,factor\n1,0.5\n' > ef.csv
check_bad "badcost.txt:3: expected the fixed cost of site 2" badcost.txt
check_bad "cannot open" missing.txt
check_bad "small_orlib.txt:4" "$DATA/small_orlib.txt"
check_bad "no emission factor for site 2" "$DATA/small_orlib.txt" --supply.capacity=30 --supply.emission_factors=ef.csv
check_bad "small_emissions.csv:1: missing column 'id'" "$DATA/sites.csv" "$DATA/small_emissions.csv"
check_bad "supply.elite" "$DATA/tiny10x30.txt" --supply.elite=40
check_bad "needs an instance"
printf 'NAME : b\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nNODE_COORD_SECTION\n1 0 0\n2 3 x\n' > bad.vrp
check_bad "bad.vrp:8: expected a y coordinate, found 'x'" bad.vrp
check_bad "takes no customers file" bad.vrp "$DATA/customers.csv"
echo "supply_badinput np=$NP: ok"
