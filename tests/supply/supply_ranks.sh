# The same seed and island count give the same result at NP ranks as on one
# rank (bitwise), the best is feasible and equals GLPK's MIP optimum, and
# migration moved individuals. Also the CSV variant and single-sourcing.
. "$(dirname "$0")/common.sh"
ARGS="--supply.islands=4 --supply.population=16 --supply.generations=30 --supply.migration_interval=5 --supply.mip=true --seed 5 -q"
timeout 120 $MPIEXEC "$ECOSCALE" supply "$DATA/tiny10x30.txt" $ARGS -o np.h5 || fail "run at $NP ranks"
timeout 120 "$ECOSCALE" supply "$DATA/tiny10x30.txt" $ARGS -o one.h5 || fail "run on one rank"
fingerprint np.h5 > np.txt
fingerprint one.h5 > one.txt
cmp -s np.txt one.txt || { diff one.txt np.txt | head -20; fail "results differ between 1 and $NP ranks"; }
[ "$(attr np.h5 /supply/feasible)" = 1 ] || fail "best solution infeasible"
[ "$(attr np.h5 /supply/mip/optimal)" = 1 ] || fail "MIP not optimal"
awk -v g="$(attr np.h5 /supply/mip/gap)" 'BEGIN { exit !(g < 1e-9 && g > -1e-9) }' || fail "GA gap to the MIP optimum is $(attr np.h5 /supply/mip/gap)"
[ "$(attr np.h5 /supply/stats/migrants_received)" = 40 ] || fail "migrants received $(attr np.h5 /supply/stats/migrants_received), expected 4 islands x 5 x 2 (generations 10, 15, ..., 30)"
[ "$(attr np.h5 /supply/stats/migrants_adopted)" -gt 0 ] || fail "no migrant adopted"
# the flows serve every customer completely (independent check with awk)
h5dump -m '%.17g' -y -w 0 -o flows.txt -d /supply/flows np.h5 > /dev/null
tr -s ', \n' '\n\n\n' < flows.txt | awk '
  NF { v[n++] = $1 + 0 } END {
    for (r = 0; r < n / 6; r++) { c = v[6*r]; s[c] += v[6*r+2] }
    for (c in s) if (s[c] < 1 - 1e-9 || s[c] > 1 + 1e-9) { print "customer " c " served " s[c]; exit 1 }
    if (length(s) != 30) { print "customers served: " length(s); exit 1 } }' || fail "flows do not serve each customer once"

# GLPK's simplex as the allocation solver: the same GA result (the two
# allocation solvers are exact; objectives agree to round-off)
timeout 120 $MPIEXEC "$ECOSCALE" supply "$DATA/tiny10x30.txt" $ARGS --supply.allocation=glpk -o glpk.h5 || fail "glpk run"
[ "$(attr glpk.h5 /supply/stats/generations)" = 30 ] || fail "glpk run generations"
awk -v a="$(attr glpk.h5 /supply/objective)" -v b="$(attr np.h5 /supply/objective)" \
  'BEGIN { d = a - b; exit !(d < 1e-7 * b && d > -1e-7 * b) }' || fail "glpk objective differs from flow"

# CSV variant with a carbon price, single sourcing: invariant too
ARGS2="--supply.allocation=single --supply.carbon_price=20 --supply.islands=3 --supply.population=10 --supply.generations=15 --supply.migration_interval=3 --supply.mip=true --seed 9 -q"
timeout 120 $MPIEXEC "$ECOSCALE" supply "$DATA/sites.csv" "$DATA/customers.csv" $ARGS2 -o csvnp.h5 || fail "csv run at $NP ranks"
timeout 120 "$ECOSCALE" supply "$DATA/sites.csv" "$DATA/customers.csv" $ARGS2 -o csvone.h5 || fail "csv run on one rank"
fingerprint csvnp.h5 > csvnp.txt
fingerprint csvone.h5 > csvone.txt
cmp -s csvnp.txt csvone.txt || fail "CSV results differ between 1 and $NP ranks"
[ "$(attr csvnp.h5 /supply/feasible)" = 1 ] || fail "CSV best infeasible"
awk -v o="$(attr csvnp.h5 /supply/objective)" -v c="$(attr csvnp.h5 /supply/cost)" -v e="$(attr csvnp.h5 /supply/emissions)" \
  'BEGIN { d = o - (c + 20 * e); exit !(d < 1e-6 * o && d > -1e-6 * o) }' || fail "objective != cost + 20 * emissions"
# NSGA-II (cost, emissions): the same front at NP ranks and on one rank
ARGS3="--supply.objective=pareto --supply.emission_factors=$DATA/tiny10x30_emissions.csv --supply.islands=4 --supply.population=16 --supply.generations=20 --supply.migration_interval=5 --seed 3 -q"
timeout 120 $MPIEXEC "$ECOSCALE" supply "$DATA/tiny10x30.txt" $ARGS3 -o parnp.h5 || fail "pareto run at $NP ranks"
timeout 120 "$ECOSCALE" supply "$DATA/tiny10x30.txt" $ARGS3 -o parone.h5 || fail "pareto run on one rank"
pfp() { h5dump -m '%.17g' -d /supply/pareto/cost -d /supply/pareto/emissions -d /supply/pareto/open -d /supply/history/best "$1" | grep -v '^HDF5'; }
pfp parnp.h5 > parnp.txt
pfp parone.h5 > parone.txt
cmp -s parnp.txt parone.txt || fail "Pareto fronts differ between 1 and $NP ranks"
grep -q "pareto/cost" parnp.txt || fail "no Pareto front written"
# local search on the open sets (priced add/drop/swap moves): the same
# result at NP ranks and on one rank, and the MIP optimum of the tight instance
ARGS4="--supply.local_search=4 --supply.islands=4 --supply.population=16 --supply.generations=30 --supply.migration_interval=3 --supply.mip=true --seed 4 -q"
timeout 120 $MPIEXEC "$ECOSCALE" supply "$DATA/tight12x40.txt" $ARGS4 -o lsnp.h5 || fail "local search run at $NP ranks"
timeout 120 "$ECOSCALE" supply "$DATA/tight12x40.txt" $ARGS4 -o lsone.h5 || fail "local search run on one rank"
fingerprint lsnp.h5 > lsnp.txt
fingerprint lsone.h5 > lsone.txt
cmp -s lsnp.txt lsone.txt || fail "local search results differ between 1 and $NP ranks"
awk -v g="$(attr lsnp.h5 /supply/mip/gap)" 'BEGIN { exit !(g < 1e-9 && g > -1e-9) }' || fail "local search: gap to the MIP optimum is $(attr lsnp.h5 /supply/mip/gap)"
echo "supply_ranks np=$NP: ok"
