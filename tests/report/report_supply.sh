# The supply variants: CVRP routes (loads, lengths, the routes on a map from
# the .vrp input's coordinates) and the cost-emissions Pareto front of
# objective = pareto.
. "$(dirname "$0")/common.sh"
(cd "$SRC" && timeout 120 $MPI2 "$ECOSCALE" supply inputs/demo/supply/delivery30.vrp -q \
  --supply.generations=20 -o "$WORK/r-vrp.h5") > make-vrp.log 2>&1 || {
  cat make-vrp.log; fail "supply (CVRP demo) failed"; }
(cd "$SRC" && run_report "$WORK/r-vrp.h5" "$WORK/rep-vrp")
check_report rep-vrp supply_convergence supply_routes supply_route_map
grep -q '^  routes  *[0-9]*, total distance' rep-vrp/summary.txt || fail "CVRP: no route figures"
# from elsewhere the relative .vrp path does not resolve: no map, and why
run_report r-vrp.h5 rep-vrp2
check_report rep-vrp2 supply_convergence supply_routes
grep -q 'skipped: route map: the input inputs/demo/supply/delivery30.vrp cannot be read' \
  rep-vrp2/summary.txt || fail "CVRP: missing map not explained"

make_stage supply --supply.objective=pareto --supply.stall=0 --supply.mip=false \
  --supply.generations=20
run_report r-supply.h5 rep-pareto
check_report rep-pareto supply_convergence supply_pareto supply_sites
grep -q 'Pareto front  *[0-9]* network designs' rep-pareto/summary.txt || fail "no supply front"
echo "report_supply np=$NP: ok"
