#!/bin/bash
# CVRP quality and time: ecoscale's memetic island GA on CVRPLIB files with
# their known optimum (or best known solution), printing distance, gap, time
# to the final best and stop reason per instance. The CVRPLIB files are not
# bundled: pass them (files or folders of .vrp files).
#
# usage: tests/bench/supply/cvrp.sh (FILE.vrp [OPTIMUM] | FOLDER) ...
#   e.g. tests/bench/supply/cvrp.sh /data/cvrplib
#        tests/bench/supply/cvrp.sh A-n32-k5.vrp 784 X-n101-k25.vrp
#   An optimum not given is looked up by instance name in $OPTIMA
#   (default: cvrplib-optima.txt beside this script, the published values).
# env:   ECOSCALE (default build/bin/ecoscale), NP (ranks, default 2), ISLANDS,
#        POP, GENS, TIME (seconds per instance, default 60), SEED
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NP=${NP:-2}; ISLANDS=${ISLANDS:-4}; POP=${POP:-25}; GENS=${GENS:-1000000}; TIME=${TIME:-60}
SEED=${SEED:-1}; OPTIMA=${OPTIMA:-$HERE/cvrplib-optima.txt}
OUT=${OUT:-outputs/bench-supply-cvrp}
. "$(dirname "$0")/common.sh"
[ $# -ge 1 ] || { sed -n '2,13p' "$0"; exit 2; }
# expand the arguments into "file optimum" pairs
pairs=()
while [ $# -ge 1 ]; do
  a=$1; shift
  if [ -d "$a" ]; then
    for f in $(ls "$a"/*.vrp | sort -V); do pairs+=("$f" ""); done
  elif [ $# -ge 1 ] && [[ $1 =~ ^[0-9.]+$ ]]; then
    pairs+=("$a" "$1"); shift
  else
    pairs+=("$a" "")
  fi
done
printf '%-14s %5s %10s %10s %8s %8s %8s %6s %s\n' instance n optimum best gap% t_best_s seconds gens stop
nopt=0; ninst=0; sumgap=0
for ((i = 0; i < ${#pairs[@]}; i += 2)); do
  f=${pairs[i]} opt=${pairs[i+1]}
  name=$(basename "$f" .vrp)
  [ -n "$opt" ] || opt=$(awk -v n="$name" '$1 == n { print $2 }' "$OPTIMA")
  [ -n "$opt" ] || { echo "$name: no known optimum (give it after the file)" >&2; continue; }
  mpiexec -n "$NP" "$ECOSCALE" supply "$f" --supply.islands="$ISLANDS" --supply.population="$POP" \
    --supply.generations="$GENS" --supply.time_limit="$TIME" --supply.target="$opt" \
    --supply.bound="$opt" --supply.migration_interval=5 --supply.migrants=1 --seed "$SEED" -q \
    -o "$OUT/$name.h5" > "$OUT/$name.log" 2>&1 || { echo "$name: ecoscale failed, see $OUT/$name.log" >&2; continue; }
  best=$(attr "$OUT/$name.h5" /supply/objective)
  secs=$(attr "$OUT/$name.h5" /supply/stats/ga_seconds)
  gens=$(attr "$OUT/$name.h5" /supply/stats/generations)
  # time at which the final best was first reached: first generation of the
  # best island history equal to the final best, as a share of the run
  tbest=$(h5dump -d /supply/history/best -m '%.17g' "$OUT/$name.h5" | awk -v b="$best" -v g="$gens" -v s="$secs" '
    /DATA/ { d = 1; next }
    d && match($0, /\([0-9]+,[0-9]+\):/) {
      split(substr($0, RSTART + 1, RLENGTH - 3), rc, ","); c = rc[2]
      n = split(substr($0, RSTART + RLENGTH), v, ",")
      for (k = 1; k <= n; k++) { if (v[k] ~ /[0-9]/) { if (v[k] + 0 <= b + 1e-9 && (first == "" || c < first)) first = c; c++ } } }
    END { if (first == "") first = g; printf "%.2f", (g > 0 ? s * first / g : s) }')
  gap=$(awk -v b="$best" -v o="$opt" 'BEGIN { printf "%.3f", 100 * (b - o) / o }')
  printf '%-14s %5s %10s %10.0f %8s %8s %8.2f %6s %s\n' "$name" "$(attr "$OUT/$name.h5" /supply/customers)" "$opt" "$best" \
    "$gap" "$tbest" "$secs" "$gens" "$(attr "$OUT/$name.h5" /supply/stats/stop_reason)"
  ninst=$((ninst + 1)); sumgap=$(awk -v a="$sumgap" -v g="$gap" 'BEGIN { print a + g }')
  awk -v g="$gap" 'BEGIN { exit !(g <= 1e-9) }' && nopt=$((nopt + 1))
done
echo "optimum reached on $nopt of $ninst instances; mean gap $(awk -v a="$sumgap" -v n="$ninst" 'BEGIN { printf "%.3f", n ? a / n : 0 }') %"
