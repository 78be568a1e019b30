#!/bin/bash
# CVRP quality and time: ecoscale's memetic island GA on CVRPLIB files with
# their known optimum (or best known solution), printing distance, gap and
# time per instance. The CVRPLIB files are not bundled: pass them.
#
# usage: tests/bench/supply/cvrp.sh FILE.vrp OPTIMUM [FILE.vrp OPTIMUM ...]
#   e.g. tests/bench/supply/cvrp.sh A-n32-k5.vrp 784 A-n80-k10.vrp 1763 X-n101-k25.vrp 27591
# env:   ECOSCALE (default build/bin/ecoscale), NP (ranks, default 2), ISLANDS,
#        POP, GENS, TIME (seconds per instance, default 60)
set -eu
ECOSCALE=${ECOSCALE:-build/bin/ecoscale}
NP=${NP:-2}; ISLANDS=${ISLANDS:-4}; POP=${POP:-25}; GENS=${GENS:-2000}; TIME=${TIME:-60}
OUT=${OUT:-outputs/bench-supply-cvrp}
mkdir -p "$OUT"
export OMPI_MCA_rmaps_base_oversubscribe=1 OPENBLAS_NUM_THREADS=1
if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
attr() { h5dump -m '%.17g' -a "$2" "$1" | sed -n 's/^ *(0): //p' | tr -d '"'; }
[ $# -ge 2 ] && [ $(($# % 2)) = 0 ] || { sed -n '2,9p' "$0"; exit 2; }
printf '%-20s %10s %12s %8s %8s %6s %s\n' instance optimum best gap% seconds gens stop
while [ $# -ge 2 ]; do
  f=$1 opt=$2; shift 2
  name=$(basename "$f" .vrp)
  mpiexec -n "$NP" "$ECOSCALE" supply "$f" --supply.islands="$ISLANDS" --supply.population="$POP" \
    --supply.generations="$GENS" --supply.time_limit="$TIME" --supply.target="$opt" \
    --supply.bound="$opt" --supply.migration_interval=5 --supply.migrants=1 -q -o "$OUT/$name.h5"
  best=$(attr "$OUT/$name.h5" /supply/objective)
  printf '%-20s %10s %12.1f %8.3f %8.2f %6s %s\n' "$name" "$opt" "$best" \
    "$(awk -v b="$best" -v o="$opt" 'BEGIN { print 100 * (b - o) / o }')" \
    "$(attr "$OUT/$name.h5" /supply/stats/ga_seconds)" "$(attr "$OUT/$name.h5" /supply/stats/generations)" \
    "$(attr "$OUT/$name.h5" /supply/stats/stop_reason)"
done
