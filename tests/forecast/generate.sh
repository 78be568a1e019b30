#!/bin/bash
# generate demand: the same /demand at NP ranks as at 1 rank; plausible
# content (non-negative integers, intermittent series present, promotions
# priced below the regular price); forecast runs on it; bad options rejected.
set -eu
mkdir -p "$WORK"
cd "$WORK"
rm -f ./*.h5
MPI1="${MPIEXEC% *} 1"
G="-q --generate.demand.regions=3 --generate.demand.products=11 --generate.demand.periods=60 --generate.demand.frequency=daily"
timeout 120 $MPI1 "$ECOSCALE" generate demand $G -o ref.h5
timeout 120 $MPIEXEC "$ECOSCALE" generate demand $G -o out.h5
cmp <(h5dump -m %.17g -g /demand ref.h5 | tail -n +2) <(h5dump -m %.17g -g /demand out.h5 | tail -n +2) \
  || { echo "FAIL: generated demand at $NP ranks differs from 1 rank"; exit 1; }
/usr/bin/python3 - <<'PY'
import re, subprocess, sys
def ds(name):
    out = subprocess.run(["h5dump", "-m", "%.17g", "-w", "0", "-d", name, "out.h5"], capture_output=True, text=True).stdout
    body = out.split("DATA {", 1)[1].split("}", 1)[0]
    return [float(x) for line in re.findall(r"\):\s*(.*)", body) for x in line.strip().rstrip(",").split(",") if x.strip()]
v, p, pr = ds("/demand/values"), ds("/demand/price"), ds("/demand/promo")
assert len(v) == 33 * 60, len(v)
bad = [x for x in v if x < 0 or x != int(x)]
zeros = [sum(1 for x in v[i * 60:(i + 1) * 60] if x == 0) / 60 for i in range(33)]
slow = sum(1 for z in zeros if z > 0.4)
promo_cheaper = all(p[i] < max(p[(i // 60) * 60:(i // 60 + 1) * 60]) for i in range(len(v)) if pr[i] == 1)
print("values %d, negative/non-integer %d, intermittent series %d of 33, promotions %d" % (len(v), len(bad), slow, int(sum(pr))))
if bad or slow == 0 or sum(pr) == 0 or not promo_cheaper:
    print("FAIL: implausible generated demand"); sys.exit(1)
PY
timeout 120 $MPIEXEC "$ECOSCALE" forecast out.h5 -o fc.h5 -q --forecast.horizon=7 \
  --forecast.models=naive,snaive,ses,croston,global
h5dump -d /forecast/point fc.h5 | grep -q "( 33, 7 )" || { echo "FAIL: forecast on generated demand"; exit 1; }
set +e
timeout 120 $MPIEXEC "$ECOSCALE" generate demand --generate.demand.start=2024-13-01 -o bad.h5 > log.txt 2>&1
rc=$?
set -e
if [ $rc -ne 2 ] || [ -e bad.h5 ] || ! grep -q "not a date" log.txt; then echo "FAIL: bad start date: rc=$rc"; cat log.txt; exit 1; fi
echo "OK generate demand at $NP ranks"
