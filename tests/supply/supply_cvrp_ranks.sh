# CVRP: the same seed and island count give bitwise the same routes at NP
# ranks as on one rank; an independent checker (awk, reading the .vrp file
# itself) verifies every route: each customer exactly once, load within the
# capacity, distances (TSPLIB nint) summing to the reported objective.
. "$(dirname "$0")/common.sh"
VRP="$SRC/inputs/demo/supply/delivery30.vrp"
ARGS="--supply.islands=3 --supply.population=12 --supply.generations=12 --supply.migration_interval=3 --supply.migrants=1 --seed 4 -q"
timeout 120 $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS -o np.h5 || fail "CVRP run at $NP ranks"
timeout 120 "$ECOSCALE" supply "$VRP" $ARGS -o one.h5 || fail "CVRP run on one rank"
vfp() {
  h5dump -m '%.17g' -d /supply/routes/customers -d /supply/routes/start -d /supply/routes/load \
    -d /supply/routes/distance -d /supply/history/best -d /supply/history/mean -d /supply/islands/stats "$1" | grep -v '^HDF5'
  for a in objective routes; do echo "$a $(attr "$1" /supply/$a)"; done
}
vfp np.h5 > np.txt
vfp one.h5 > one.txt
cmp -s np.txt one.txt || { diff one.txt np.txt | head; fail "CVRP results differ between 1 and $NP ranks"; }
[ "$(attr np.h5 /supply/problem)" = cvrp ] || fail "problem attribute"
[ "$(attr np.h5 /supply/stats/migrants_received)" = 9 ] || fail "migrants received $(attr np.h5 /supply/stats/migrants_received), expected 3 islands x 1 x (generations 6, 9, 12)"
h5dump -y -w 0 -o cust.txt -d /supply/routes/customers np.h5 > /dev/null
h5dump -y -w 0 -o start.txt -d /supply/routes/start np.h5 > /dev/null
obj=$(attr np.h5 /supply/objective)
awk -v obj="$obj" -v custf=cust.txt -v startf=start.txt '
  FNR == 1 { sec = "" }
  /^CAPACITY/ { Q = $NF }
  /^DIMENSION/ { N = $NF }
  /_SECTION/ { sec = $1; next }
  /^EOF/ { sec = "" }
  sec == "NODE_COORD_SECTION" && NF == 3 { X[$1] = $2; Y[$1] = $3 }
  sec == "DEMAND_SECTION" && NF == 2 { D[$1] = $2 }
  function dist(a, b) { return int(sqrt((X[a]-X[b])^2 + (Y[a]-Y[b])^2) + 0.5) }
  END {
    while ((getline line < custf) > 0) { gsub(/,/, " ", line); n = split(line, f, " "); for (i = 1; i <= n; i++) c[nc++] = f[i] }
    while ((getline line < startf) > 0) { gsub(/,/, " ", line); n = split(line, f, " "); for (i = 1; i <= n; i++) s[ns++] = f[i] }
    if (nc != N - 1) { print "customers listed: " nc ", expected " N - 1; exit 1 }
    for (k = 0; k < nc; k++) { if (seen[c[k]]++ || c[k] == 1 || c[k] < 1 || c[k] > N) { print "bad or repeated customer " c[k]; exit 1 } }
    total = 0
    for (r = 0; r < ns - 1; r++) {
      load = 0; prev = 1
      for (k = s[r]; k < s[r+1]; k++) { load += D[c[k]]; total += dist(prev, c[k]); prev = c[k] }
      total += dist(prev, 1)
      if (load > Q) { print "route " r " load " load " > " Q; exit 1 }
    }
    if (total != obj) { print "recomputed distance " total " != objective " obj; exit 1 }
  }' "$VRP" || fail "route check"
# emissions per unit distance and a carbon price: same routes (one vehicle
# type: the priced cost is a multiple of the distance), emissions = factor x
# distance per route and in total, cost = distance + price x emissions
timeout 120 $MPIEXEC "$ECOSCALE" supply "$VRP" $ARGS --supply.vehicle_emissions=0.25 --supply.carbon_price=40 -o em.h5 \
  || fail "CVRP run with emissions at $NP ranks"
h5diff np.h5 em.h5 /supply/routes/customers > /dev/null || fail "a carbon price changed the routes"
awk -v d="$obj" -v e="$(attr em.h5 /supply/emissions)" -v c="$(attr em.h5 /supply/cost)" \
  'BEGIN { exit !(e == 0.25 * d && c == d + 40 * e) }' || fail "emissions / cost attributes"
h5dump -y -w 0 -d /supply/routes/distance -d /supply/routes/emissions em.h5 | awk '
  /DATASET/ { k++ } /[0-9]/ && !/DATA|SPACE|TYPE/ { gsub(/,/, " "); for (i = 1; i <= NF; i++) v[k, n[k]++] = $i }
  END { if (n[1] != n[2] || n[1] == 0) exit 1; for (i = 0; i < n[1]; i++) if (v[2, i] != 0.25 * v[1, i]) exit 1 }' \
  || fail "route emissions are not 0.25 x route distances"
echo "supply_cvrp_ranks np=$NP: ok"
