#!/bin/bash
# Same forecasts, quantiles, models, parameters and metrics at NP ranks as at
# 1 rank (bitwise: h5dump at 17 significant digits), from the long CSV, from
# its HDF5 import, and from an M4-style wide CSV.
set -eu
mkdir -p "$WORK"
cd "$WORK"
rm -f ./*.h5
MPI1="${MPIEXEC% *} 1"
IN="$SRC/inputs/demo/forecast/demand_weekly.csv"
OPTS="-q --forecast.horizon=13 --forecast.simulations=200"
dump() { h5dump -m %.17g -g /forecast "$1" | tail -n +2; }

# wide (M4-style) file: 12 series of different lengths, period 12
/usr/bin/python3 - <<'PY' > wide.csv
import math
print('"V1","V2"')
for i in range(12):
    n = 40 + 9 * i
    vals = [100 + 10 * math.sin(2 * math.pi * t / 12.0 + i) + 0.1 * t * (i % 3) + (t * 7919 % 11) * 0.5
            for t in range(n)]
    print(",".join(['"S%d"' % i] + ["%.3f" % v for v in vals] + [""] * 3))
PY

timeout 120 $MPI1 "$ECOSCALE" forecast "$IN" -o ref.h5 $OPTS
timeout 120 $MPIEXEC "$ECOSCALE" forecast "$IN" -o out.h5 $OPTS
dump ref.h5 > ref.txt
dump out.h5 > out.txt
cmp ref.txt out.txt || { echo "FAIL: forecast at $NP ranks differs from 1 rank"; diff ref.txt out.txt | head -20; exit 1; }

# import at NP ranks, then forecast from HDF5: same results
timeout 120 $MPIEXEC "$ECOSCALE" import demand "$IN" -o demand.h5 -q
timeout 120 $MPIEXEC "$ECOSCALE" forecast demand.h5 -o fromh5.h5 $OPTS
dump fromh5.h5 > fromh5.txt
cmp ref.txt fromh5.txt || { echo "FAIL: forecast from the HDF5 import differs"; exit 1; }
h5dump -d /demand/offsets demand.h5 | grep -q "( 25 )" || { echo "FAIL: /demand/offsets should hold 25 entries"; exit 1; }

# wide CSV, period 12
W="-q --forecast.horizon=12 --forecast.period=12 --forecast.simulations=200 --forecast.models=naive2,snaive,theta,ets,comb,global --forecast.origins=2 --forecast.origin_step=6"
timeout 120 $MPI1 "$ECOSCALE" forecast wide.csv -o wref.h5 $W
timeout 120 $MPIEXEC "$ECOSCALE" forecast wide.csv -o wout.h5 $W
dump wref.h5 > wref.txt
dump wout.h5 > wout.txt
cmp wref.txt wout.txt || { echo "FAIL: wide forecast at $NP ranks differs from 1 rank"; exit 1; }
# the series keep the file order
h5dump -d /forecast/series/product wout.h5 | grep -q '"S11\\000' || { echo "FAIL: series ids"; exit 1; }
# sanity: point forecasts finite and p10 <= p50 <= p90
/usr/bin/python3 - <<'PY'
import subprocess, sys
def read(ds):
    out = subprocess.run(["h5dump", "-m", "%.17g", "-d", ds, "-y", "-w", "0", "out.h5"], capture_output=True, text=True).stdout
    body = out.split("DATA {", 1)[1].rsplit("}", 2)[0]
    return [float(x) for x in body.replace(",", " ").split() if x not in ("}",)]
p10, p50, p90 = read("/forecast/p10"), read("/forecast/p50"), read("/forecast/p90")
bad = sum(1 for a, b, c in zip(p10, p50, p90) if not (a <= b + 1e-9 <= c + 2e-9))
if bad or len(p50) != 24 * 13:
    print("FAIL: quantiles out of order in %d cells (of %d)" % (bad, len(p50))); sys.exit(1)
PY
echo "OK forecast invariance at $NP ranks"
