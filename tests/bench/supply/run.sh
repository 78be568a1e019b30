#!/bin/bash
# Supply benchmark: CFLP instances of OR-Library sizes (cap71 16x50, cap101
# 25x50, cap131 50x50), generated in OR-Library
# format by `ecoscale generate supply` (tight capacities, ratio 1.5).
# For each: GLPK's MIP optimum (reference), ecoscale's island GA with a fixed
# budget (gap), and the time to reach a 1% gap for ecoscale (1 and 2 ranks)
# and for a DEAP island GA with the same population, generations, operators
# and exact LP allocation (scipy HiGHS), and the ratio.
#
# Also the time for ecoscale (2 ranks) to reach the MIP optimum itself
# (target = optimum), side by side with the MIP's time: the ratio MIP s / GA s.
#
# usage: tests/bench/supply/run.sh [INSTANCE.txt ... | FOLDER]   (from the repository root)
#   capa/capb/capc need their capacity value: give FILE.txt=CAPACITY (e.g. capa.txt=8000)
# env:   ECOSCALE (default build/bin/ecoscale), ISLANDS, POP, GENS, SEED,
#        MIP_LIMIT (seconds for GLPK's MIP, default 900), DEAP (0: skip the DEAP GA)
set -eu
ISLANDS=${ISLANDS:-4}; POP=${POP:-40}; GENS=${GENS:-200}; SEED=${SEED:-1}
OUT=${OUT:-outputs/bench-supply}
. "$(dirname "$0")/common.sh"

MIP_LIMIT=${MIP_LIMIT:-900}; DEAP=${DEAP:-1}
if [ $# -gt 0 ]; then
  INSTANCES=()
  for a in "$@"; do
    if [ -d "$a" ]; then INSTANCES+=($(ls "$a"/*.txt | sort -V)); else INSTANCES+=("$a"); fi
  done
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

printf '%-16s %12s %7s | %12s %8s %7s | %9s %9s %9s %7s | %9s %7s\n' instance mip_opt mip_s ga_best gap% ga_s \
  eco1_1%s eco2_1%s deap_1%s ratio eco2_opt_s mip/eco
for spec in "${INSTANCES[@]}"; do
  f=${spec%=*} CAP=""
  [ "$f" = "$spec" ] || CAP="--supply.capacity=${spec##*=}"
  name=$(basename "$f" .txt)${CAP:+-${spec##*=}}
  # reference optimum and a full-budget GA run on 2 ranks
  mpiexec -n 2 "$ECOSCALE" supply "$f" $CAP $GA --supply.mip=true --supply.mip_time_limit=$MIP_LIMIT -o "$OUT/$name-full.h5"
  opt=$(attr "$OUT/$name-full.h5" /supply/mip/objective)
  [ "$(attr "$OUT/$name-full.h5" /supply/mip/optimal)" = 1 ] || echo "note: MIP of $name not proven optimal"
  mips=$(attr "$OUT/$name-full.h5" /supply/mip/seconds)
  best=$(attr "$OUT/$name-full.h5" /supply/objective)
  gas=$(attr "$OUT/$name-full.h5" /supply/stats/ga_seconds)
  target=$(awk -v o="$opt" 'BEGIN { printf "%.6f", o * 1.01 }')
  # time to a 1% gap
  t=()
  for np in 1 2; do
    mpiexec -n $np "$ECOSCALE" supply "$f" $CAP $GA --supply.target="$target" -o "$OUT/$name-t$np.h5"
    if [ "$(attr "$OUT/$name-t$np.h5" /supply/stats/stop_reason)" = target ]; then
      t+=("$(attr "$OUT/$name-t$np.h5" /supply/stats/ga_seconds)")
    else
      t+=(not_reached)
    fi
  done
  # time to the optimum itself (2 ranks, up to 100 x the generation budget
  # and at most twice the MIP's time or 60 s)
  topt=$(awk -v o="$opt" 'BEGIN { printf "%.9f", o * (1 + 1e-9) }')
  tlim=$(awk -v m="$mips" 'BEGIN { printf "%.0f", (2 * m > 60 ? 2 * m : 60) }')
  mpiexec -n 2 "$ECOSCALE" supply "$f" $CAP ${GA/--supply.generations=$GENS/--supply.generations=$((100 * GENS))} \
    --supply.target="$topt" --supply.time_limit="$tlim" -o "$OUT/$name-opt.h5"
  if [ "$(attr "$OUT/$name-opt.h5" /supply/stats/stop_reason)" = target ]; then
    eopt=$(attr "$OUT/$name-opt.h5" /supply/stats/ga_seconds)
    mr=$(awk -v a="$mips" -v b="$eopt" 'BEGIN { printf "%.1fx", a / b }')
  else
    eopt=not_reached mr=n/a
  fi
  if [ "$DEAP" = 0 ] || [ -n "$CAP" ]; then
    dt=skipped ratio=n/a
    printf '%-16s %12.3f %7.2f | %12.3f %8.4f %7.2f | %9s %9s %9s %7s | %9s %7s\n' "$name" "$opt" "$mips" "$best" \
      "$(awk -v b="$best" -v o="$opt" 'BEGIN { print 100 * (b - o) / o }')" "$gas" "${t[0]}" "${t[1]}" "$dt" "$ratio" "$eopt" "$mr"
    continue
  fi
  deap=$($PY "$HERE/deap_cflp.py" "$f" --islands "$ISLANDS" --population "$POP" --generations "$GENS" \
         --migration 10 --migrants 2 --target "$target" --seed "$SEED")
  echo "  $deap" >&2
  dt=$(echo "$deap" | sed -n 's/.*time_to_target=\([^ ]*\).*/\1/p')
  ratio=$(awk -v a="$dt" -v b="${t[0]}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0fx", a / b; else print "n/a" }')
  printf '%-16s %12.3f %7.2f | %12.3f %8.4f %7.2f | %9s %9s %9s %7s | %9s %7s\n' "$name" "$opt" "$mips" "$best" \
    "$(awk -v b="$best" -v o="$opt" 'BEGIN { print 100 * (b - o) / o }')" "$gas" "${t[0]}" "${t[1]}" "$dt" "$ratio" "$eopt" "$mr"
done
