#!/usr/bin/env bash
# Plan benchmark: ecoscale's warm-started sweep against the way users do it
# today (a loop writing each scenario as a file and running glpsol on it, one
# process per scenario) on the same scenarios; simplex iterations warm vs
# cold; parallel efficiency at 1, 2 and 4 ranks on >= 10,000 scenarios.
#
#   tests/bench/plan/run.sh [BUILD_DIR]      (default: build)
# Env: LOOP_N (scenarios for the glpsol comparison, default 200),
#      GRID_STEP (demand step of the efficiency grid, default 0.006 -> 10,251
#      scenarios), BENCH_DIR (work folder, default /tmp/ecoscale-bench-plan).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
build=${1:-$root/build}
E=$build/bin/ecoscale
B=${BENCH_DIR:-/tmp/ecoscale-bench-plan}
LOOP_N=${LOOP_N:-200}
GRID_STEP=${GRID_STEP:-0.006}
PARTS=${PARTS:-throughput efficiency}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OPENBLAS_NUM_THREADS=1 ECOSCALE_OPTIONS=
export OMPI_MCA_pml=${OMPI_MCA_pml:-ob1} OMPI_MCA_btl=${OMPI_MCA_btl:-self,vader}
rm -rf "$B" && mkdir -p "$B" && cd "$B"
attr() { h5dump -a "/plan/$2" "$1" | sed -n 's/^ *(0): //p'; }
mean_iters() { /usr/bin/python3 "$root/tests/plan/h5read.py" "$1" /plan/iterations |
  awk '{s+=$1; n++} END {printf "%.1f", s/n}'; }

echo "== model: the production-planning family, default size (4 plants, 6 products, 5 regions, 12 periods)"
mpirun -n 1 "$E" generate lp -o model.mps -q
head -6 model.mps | sed -n 's/^\* //p' | tr '\n' ' '; echo

# Scenarios: demand per region drawn +-5% around the base (right-hand-side
# sweep) and a carbon price per scenario (a cost change) for the mixed sweep.
/usr/bin/python3 - "$LOOP_N" <<'PY'
import random, sys
n = int(sys.argv[1])
g = random.Random(42)
regions = ["rg%d" % r for r in range(1, 6)]
with open("rhs.csv", "w") as f:
    f.write("scenario," + ",".join("row:demand_%s_*:rhs*" % r for r in regions) + "\n")
    for k in range(n):
        f.write("s%d," % k + ",".join("%.4f" % g.uniform(0.95, 1.05) for _ in regions) + "\n")
with open("mixed.csv", "w") as f:
    f.write("scenario,col:emissions:cost," + ",".join("row:demand_%s_*:rhs*" % r for r in regions) + "\n")
    for k in range(n):
        f.write("s%d,%d," % (k, 10 * (k // 20)) + ",".join("%.4f" % g.uniform(0.95, 1.05) for _ in regions) + "\n")
PY

for sweep in rhs mixed; do
  [[ " $PARTS " == *" throughput "* ]] || continue
  echo
  echo "== $sweep sweep: $LOOP_N scenarios, 1 rank (one core)"
  mpirun -n 1 "$E" plan model.mps $sweep.csv -o $sweep-warm.h5 -q
  mpirun -n 1 "$E" plan model.mps $sweep.csv --plan.start=cold -o $sweep-cold.h5 -q
  ws=$(attr $sweep-warm.h5 sweep_seconds); cs=$(attr $sweep-cold.h5 sweep_seconds)
  wi=$(mean_iters $sweep-warm.h5); ci=$(mean_iters $sweep-cold.h5)
  loop=$(/usr/bin/python3 "$root/tests/bench/plan/glpsol_loop.py" model.mps $sweep.csv $sweep-warm.h5 loop-$sweep)
  echo "$loop"
  /usr/bin/python3 - "$LOOP_N" "$ws" "$cs" "$wi" "$ci" "$loop" <<'PY'
import sys
n, ws, cs, wi, ci = int(sys.argv[1]), *map(float, sys.argv[2:6])
loop = dict(zip(sys.argv[6].split()[1::2], sys.argv[6].split()[2::2]))
lr, lsr, li = float(loop["rate"]), float(loop["solve_only_rate"]), float(loop["iterations_per_scenario"])
print("%-34s %12s %12s" % ("", "scen/s/core", "iter/scen"))
print("%-34s %12.1f %12.1f" % ("ecoscale plan, warm (1 rank)", n / ws, wi))
print("%-34s %12.1f %12.1f" % ("ecoscale plan, cold (1 rank)", n / cs, ci))
print("%-34s %12.1f %12.1f" % ("glpsol loop (write + solve)", lr, li))
print("%-34s %12.1f" % ("glpsol loop (solve only)", lsr))
print("ratio warm / glpsol loop: %.1fx scenarios/s per core; cold/warm iterations %.1fx; "
      "glpsol/warm iterations %.1fx; worst objective difference %s"
      % (n / ws / lr, ci / wi, li / wi, loop["worst_rel_diff"]))
PY
done

[[ " $PARTS " == *" efficiency "* ]] || exit 0
echo
echo "== parallel efficiency: grid carbon price 0:200:4 x plant 1 outage (1, 0.5, 0) x demand 0.8:1.2:$GRID_STEP on the demo model"
GRID="col:emissions:cost=0:200:4; row:cap_pl1_*:rhs*=1,0.5,0; row:demand_*:rhs*=0.8:1.2:$GRID_STEP"
# wall efficiency = T1 / (np * Tnp); work efficiency = CPU(1) / CPU(np) summed
# over ranks (the extra work parallel runs do; immune to other load on the
# machine, unlike wall time)
printf "%-6s %10s %10s %10s %10s %8s %8s\n" ranks scenarios sweep_s scen/s cpu_s wall_eff work_eff
t1=; c1=
for np in 1 2 4; do
  mpirun -n $np "$E" plan "$root/inputs/demo/plan/production.mps" \
    --plan.grid="$GRID" --plan.chunk=16 -o eff$np.h5 -q
  s=$(attr eff$np.h5 sweep_seconds); n=$(attr eff$np.h5 scenarios); c=$(attr eff$np.h5 sweep_cpu_seconds)
  [ -z "$t1" ] && t1=$s && c1=$c
  /usr/bin/python3 -c "n,s,c,t1,c1,np=int('$n'),float('$s'),float('$c'),float('$t1'),float('$c1'),int('$np'); print('%-6d %10d %10.2f %10.0f %10.2f %7.0f%% %7.0f%%' % (np, n, s, n/s, c, 100*t1/(np*s), 100*c1/c))"
done
for np in 2 4; do
  cmp <(h5dump -A 0 -d /plan/objective eff1.h5 | tail -n +2) <(h5dump -A 0 -d /plan/objective eff$np.h5 | tail -n +2) >/dev/null &&
    echo "objectives at $np ranks: bit-identical to 1 rank" || echo "objectives at $np ranks DIFFER from 1 rank"
done
echo "(machine: $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end; 4 ranks oversubscribe 2 cores)"
