#!/bin/bash
# Island speed-up: seconds for the GA to reach a target gap on 1, 2 and 4
# ranks, (a) with a fixed number of islands (the same search, only spread
# over more ranks: pure parallel speed-up, identical results) and (b) with
# one island per rank (more ranks = more islands = more diversity).
#
# usage: tests/bench/supply/islands.sh FILE OPTIMUM [GAP_PERCENT]
#   FILE: a .vrp (CVRP) or OR-Library CFLP file; OPTIMUM: known optimum
# env:   ECOSCALE, TIME (limit per run, default 120), POP (default 25),
#        FIXED (islands in (a), default 4), SEED, EXTRA (more options)
set -eu
TIME=${TIME:-120}; POP=${POP:-25}; FIXED=${FIXED:-4}; SEED=${SEED:-1}; EXTRA=${EXTRA:-}
OUT=${OUT:-outputs/bench-supply-islands}
. "$(dirname "$0")/common.sh"
[ $# -ge 2 ] || { sed -n '2,12p' "$0"; exit 2; }
f=$1 opt=$2 gap=${3:-0.5}
name=$(basename "${f%.*}")
target=$(awk -v o="$opt" -v g="$gap" 'BEGIN { printf "%.6f", o * (1 + g / 100) }')
echo "$name: target $target ($gap % above $opt), limit $TIME s per run, population $POP"
printf '%-22s %5s %8s %10s %9s %8s %s\n' mode ranks islands best seconds speedup stop
for mode in fixed per-rank; do
  t1=""
  for np in 1 2 4; do
    isl=$FIXED; [ $mode = per-rank ] && isl=$np
    o="$OUT/$name-$mode-$np.h5"
    mpiexec -n $np "$ECOSCALE" supply "$f" --supply.islands=$isl --supply.population=$POP \
      --supply.generations=1000000 --supply.time_limit=$TIME --supply.target="$target" \
      --supply.migration_interval=5 --supply.migrants=1 --seed "$SEED" $EXTRA -q -o "$o" > "$o.log" 2>&1
    s=$(attr "$o" /supply/stats/ga_seconds) r=$(attr "$o" /supply/stats/stop_reason)
    [ "$r" = target ] || s="$s(not reached)"
    [ -n "$t1" ] || t1=${s%%(*}
    sp=$(awk -v a="$t1" -v b="${s%%(*}" -v r="$r" 'BEGIN { if (r == "target") printf "%.2f", a / b; else print "-" }')
    printf '%-22s %5s %8s %10.1f %9s %8s %s\n' $mode $np $isl "$(attr "$o" /supply/objective)" "$s" "$sp" "$r"
  done
done
