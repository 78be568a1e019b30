#!/bin/bash
# Pooled global model, known answer: every series is an undamped sinusoid
# y = s_i (1 + 0.3 sin(2 pi t / 8 + phase_i)), i.e. exactly
# z_t = 2 cos(w) z_{t-1} - z_{t-2} + 2 - 2 cos(w) in scaled units (the
# history spans whole periods, so the scale is s_i). With a tiny ridge the
# pooled regression must forecast the holdout almost exactly, with the same
# coefficients at every rank count.
set -eu
mkdir -p "$WORK"
cd "$WORK"
rm -f ./*.h5
/usr/bin/python3 - <<'PY' > sine.csv
import datetime, math
print("region,product,date,quantity")
d0 = datetime.date(2024, 1, 1)
for i in range(6):
    s, ph = 10.0 * (i + 1), 0.7 * i
    for t in range(96):
        y = s * (1 + 0.3 * math.sin(2 * math.pi * t / 8 + ph))
        print("r,p%d,%s,%.17g" % (i, (d0 + datetime.timedelta(days=t)).isoformat(), y))
PY
OPTS="-q --forecast.horizon=8 --forecast.period=1 --forecast.ridge=1e-8 --forecast.models=naive,global --forecast.select=global"
MPI1="${MPIEXEC% *} 1"
timeout 120 $MPI1 "$ECOSCALE" forecast sine.csv -o ref.h5 $OPTS
timeout 120 $MPIEXEC "$ECOSCALE" forecast sine.csv -o out.h5 $OPTS
cmp <(h5dump -m %.17g -g /forecast ref.h5 | tail -n +2) <(h5dump -m %.17g -g /forecast out.h5 | tail -n +2) \
  || { echo "FAIL: pooled model at $NP ranks differs from 1 rank"; exit 1; }
/usr/bin/python3 - <<'PY'
import math, re, subprocess, sys
def ds(name):
    out = subprocess.run(["h5dump", "-m", "%.17g", "-w", "0", "-d", name, "out.h5"], capture_output=True, text=True).stdout
    body = out.split("DATA {", 1)[1].split("}", 1)[0]
    return [float(x) for line in re.findall(r"\):\s*(.*)", body) for x in line.strip().rstrip(",").split(",") if x.strip()]
mase = ds("/forecast/metrics/mase")       # [6 series x 13 models]
point = ds("/forecast/point")             # [6 x 8]
M, G = 13, 12
worst = max(mase[i * M + G] for i in range(6))
naive = min(mase[i * M + 0] for i in range(6))
err = 0.0
for i in range(6):
    s, ph = 10.0 * (i + 1), 0.7 * i
    for k in range(8):
        y = s * (1 + 0.3 * math.sin(2 * math.pi * (96 + k) / 8 + ph))
        err = max(err, abs(point[i * 8 + k] - y) / s)
print("global holdout MASE max %.3g (naive min %.3g), forecast error max %.3g of the level" % (worst, naive, err))
if not (worst < 1e-3 and naive > 0.5 and err < 1e-3):
    print("FAIL: the pooled model does not reproduce the sinusoids"); sys.exit(1)
PY
h5dump -a /forecast/global/coef/features out.h5 | grep -q "intercept,lag1" || { echo "FAIL: feature names"; exit 1; }
echo "OK pooled global model at $NP ranks"
