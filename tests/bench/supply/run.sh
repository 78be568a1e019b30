#!/bin/bash
# Supply benchmark: CFLP instances of OR-Library sizes (cap71 16x50, cap101
# 25x50, cap131 50x50), generated in OR-Library
# format by `ecoscale generate supply` (tight capacities, ratio 1.5).
# For each: GLPK's MIP optimum (reference), ecoscale's island GA with a fixed
# budget (gap), and the time to reach a 1% gap for ecoscale (1 and 2 ranks)
# and for a DEAP island GA with the same population, generations, operators
# and exact LP allocation (scipy HiGHS), and the ratio.
#
# usage: tests/bench/supply/run.sh [INSTANCE.txt ...]   (from the repository root)
# env:   ECOSCALE (default build/bin/ecoscale), ISLANDS, POP, GENS, SEED
set -eu
ECOSCALE=${ECOSCALE:-build/bin/ecoscale}
ISLANDS=${ISLANDS:-4}; POP=${POP:-40}; GENS=${GENS:-200}; SEED=${SEED:-1}
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-outputs/bench-supply}
mkdir -p "$OUT"
export OMPI_MCA_rmaps_base_oversubscribe=1 OPENBLAS_NUM_THREADS=1
if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
attr() { h5dump -m '%.17g' -a "$2" "$1" | sed -n 's/^ *(0): //p' | tr -d '"'; }

if [ $# -gt 0 ]; then
  INSTANCES=("$@")
else
  INSTANCES=()
  for spec in 16x50 25x50 50x50; do
    f="$OUT/gen-$spec.txt"
    "$ECOSCALE" generate supply "$f" --generate_supply.sites=${spec%x*} \
      --generate_supply.customers=${spec#*x} --generate_supply.ratio=1.5 --seed 2026 -q
    INSTANCES+=("$f")
  done
fi
GA="--supply.islands=$ISLANDS --supply.population=$POP --supply.generations=$GENS --supply.migration_interval=10 --supply.migrants=2 --seed $SEED -q"

printf '%-16s %12s %7s | %12s %8s %7s | %9s %9s %9s %7s\n' instance mip_opt mip_s ga_best gap% ga_s \
  eco1_1%s eco2_1%s deap_1%s ratio
for f in "${INSTANCES[@]}"; do
  name=$(basename "$f" .txt)
  # reference optimum and a full-budget GA run on 2 ranks
  mpiexec -n 2 "$ECOSCALE" supply "$f" $GA --supply.mip=true --supply.mip_time_limit=900 -o "$OUT/$name-full.h5"
  opt=$(attr "$OUT/$name-full.h5" /supply/mip/objective)
  [ "$(attr "$OUT/$name-full.h5" /supply/mip/optimal)" = 1 ] || echo "note: MIP of $name not proven optimal"
  mips=$(attr "$OUT/$name-full.h5" /supply/mip/seconds)
  best=$(attr "$OUT/$name-full.h5" /supply/objective)
  gas=$(attr "$OUT/$name-full.h5" /supply/stats/ga_seconds)
  target=$(awk -v o="$opt" 'BEGIN { printf "%.6f", o * 1.01 }')
  # time to a 1% gap
  t=()
  for np in 1 2; do
    mpiexec -n $np "$ECOSCALE" supply "$f" $GA --supply.target="$target" -o "$OUT/$name-t$np.h5"
    if [ "$(attr "$OUT/$name-t$np.h5" /supply/stats/stop_reason)" = target ]; then
      t+=("$(attr "$OUT/$name-t$np.h5" /supply/stats/ga_seconds)")
    else
      t+=(not_reached)
    fi
  done
  deap=$($PY "$HERE/deap_cflp.py" "$f" --islands "$ISLANDS" --population "$POP" --generations "$GENS" \
         --migration 10 --migrants 2 --target "$target" --seed "$SEED")
  echo "  $deap" >&2
  dt=$(echo "$deap" | sed -n 's/.*time_to_target=\([^ ]*\).*/\1/p')
  ratio=$(awk -v a="$dt" -v b="${t[0]}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0fx", a / b; else print "n/a" }')
  printf '%-16s %12.3f %7.2f | %12.3f %8.4f %7.2f | %9.3f %9.3f %9s %7s\n' "$name" "$opt" "$mips" "$best" \
    "$(awk -v b="$best" -v o="$opt" 'BEGIN { print 100 * (b - o) / o }')" "$gas" "${t[0]}" "${t[1]}" "$dt" "$ratio"
done
