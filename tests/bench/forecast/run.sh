#!/bin/bash
# Forecast benchmark: accuracy of every model on an M4-style set, and speed
# and accuracy of automatic ETS against statsmodels' ETSModel (all admissible
# models, lowest AICc) on the same series, plus 1 -> 2 rank efficiency.
#
#   tests/bench/forecast/run.sh [BUILD_DIR]
#   M4_TRAIN=Hourly-train.csv M4_TEST=Hourly-test.csv M4_PERIOD=24 M4_HORIZON=48 \
#     M4_MASE_PERIOD=24 tests/bench/forecast/run.sh build      # a real M4 pair
# Environment: N (series of the synthetic set, default 60), NSPEED (series for
# the statsmodels comparison, default 8), KIND (hourly|weekly, default hourly).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
BUILD=${1:-$ROOT/build}
ECO=$BUILD/bin/ecoscale
PY=/usr/bin/python3
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export OPENBLAS_NUM_THREADS=1
W=${WORKDIR:-$(mktemp -d /tmp/ecoscale-bench-forecast.XXXXXX)}
mkdir -p "$W"
N=${N:-60}
NSPEED=${NSPEED:-8}
KIND=${KIND:-hourly}
if [ -n "${M4_TRAIN:-}" ]; then
  TRAIN=$M4_TRAIN; TEST=$M4_TEST; M=$M4_PERIOD; H=$M4_HORIZON; MM=${M4_MASE_PERIOD:-$M4_PERIOD}
  echo "set: $TRAIN / $TEST (period $M, horizon $H, MASE lag $MM)"
else
  TRAIN=$W/train.csv; TEST=$W/test.csv
  $PY "$HERE/m4_synth.py" "$KIND" "$N" 2024 "$TRAIN" "$TEST"
  if [ "$KIND" = hourly ]; then M=24; H=48; MM=24; else M=52; H=13; MM=1; fi
  echo "set: synthetic M4-style $KIND, $N series (period $M, horizon $H, MASE lag $MM)"
fi
# train + test as one wide file: ecoscale holds out the last H points
$PY - "$TRAIN" "$TEST" "$W/all.csv" "${NMAX:-1000000000}" <<'PY'
import csv, sys
tr, te, out, nmax = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(tr) as a, open(te) as b, open(out, "w") as o:
    ra, rb = csv.reader(a), csv.reader(b)
    next(ra); next(rb)
    o.write('"V1","V2"\n')
    for i, (x, y) in enumerate(zip(ra, rb)):
        if i >= nmax: break
        vals = [v for v in x[1:] if v.strip()] + [v for v in y[1:] if v.strip()]
        o.write(",".join(['"%s"' % x[0]] + vals) + "\n")
PY
OPTS="-q --forecast.horizon=$H --forecast.period=$M --forecast.mase_period=$MM"

echo
echo "== accuracy of every model (holdout = the test part), ecoscale at 2 ranks"
/usr/bin/time -f "%e %U %S" -o "$W/t2" mpirun -n 2 "$ECO" forecast "$W/all.csv" -o "$W/all2.h5" $OPTS
$PY "$HERE/h5table.py" "$W/all2.h5"
/usr/bin/time -f "%e %U %S" -o "$W/t1" mpirun -n 1 "$ECO" forecast "$W/all.csv" -o "$W/all1.h5" $OPTS
read -r w1 u1 s1 < "$W/t1"
read -r w2 u2 s2 < "$W/t2"
$PY - "$w1" "$w2" "$N" <<'PY'
import sys
w1, w2, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print("\nall models, %d series: 1 rank %.1f s, 2 ranks %.1f s; speedup %.2f, parallel efficiency %.0f%%" % (n, w1, w2, w1 / w2, 100 * w1 / (2 * w2)))
PY
echo
echo "== select = auto, out of sample: fitted on the train part only (choice by an inner holdout), scored on the test part"
mpirun -n 2 "$ECO" forecast "$TRAIN" -o "$W/auto.h5" $OPTS --forecast.select=auto
N2=$($PY "$HERE/h5table.py" "$W/all2.h5" | grep -E "^\| naive2 ")
n2s=$(echo "$N2" | awk -F'|' '{print $3}'); n2m=$(echo "$N2" | awk -F'|' '{print $4}')
echo "| model | sMAPE | MASE | OWA |"
echo "|---|---|---|---|"
$PY "$HERE/score.py" "$W/auto.h5" "$TRAIN" "$TEST" "$H" "$MM" $n2s $n2m
mpirun -n 2 "$ECO" forecast "$TRAIN" -o "$W/auto3.h5" $OPTS --forecast.select=auto --forecast.origins=3
$PY "$HERE/score.py" "$W/auto3.h5" "$TRAIN" "$TEST" "$H" "$MM" $n2s $n2m | sed 's/an inner holdout/3 inner rolling origins/'
if cmp -s <(h5dump -m %.17g -g /forecast "$W/all1.h5" | tail -n +2) <(h5dump -m %.17g -g /forecast "$W/all2.h5" | tail -n +2); then
  echo "1 and 2 ranks: identical /forecast"
else
  echo "WARNING: 1 and 2 ranks differ"
fi

echo
echo "== automatic ETS: ecoscale vs statsmodels ETSModel (all admissible models, AICc), $NSPEED series, 1 core each"
$PY - "$W/all.csv" "$W/speed.csv" "$NSPEED" <<'PY'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src).read().splitlines()
open(dst, "w").write("\n".join(lines[:n + 1]) + "\n")
PY
/usr/bin/time -f "%e %U %S" -o "$W/te" mpirun -n 1 "$ECO" forecast "$W/speed.csv" -o "$W/speed.h5" $OPTS \
  --forecast.models=ets --forecast.select=ets
$PY "$HERE/h5table.py" "$W/speed.h5" | grep -E "model|---|\| ets "
$PY "$HERE/sm_autoets.py" "$TRAIN" "$TEST" "$M" "$H" "$MM" "$NSPEED" > "$W/sm.txt"
cat "$W/sm.txt"
read -r we ue se < "$W/te"
$PY - "$ue" "$se" "$W/sm.txt" "$NSPEED" <<'PY'
import sys
ue, se, smf, n = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
sm = dict(l.split() for l in open(smf))
eco_cpu = ue + se
# ecoscale fits automatic ETS twice per series (holdout, then the full series)
eco_rate = 2 * n / eco_cpu
sm_rate = n / float(sm["cpu_seconds"])
print("ecoscale: %.2f auto-ETS fits/s per core (%.2f cpu-s for %d fits, incl. start-up and I/O)" % (eco_rate, eco_cpu, 2 * n))
print("statsmodels: %.2f auto-ETS fits/s per core (%.2f cpu-s for %d fits)" % (sm_rate, float(sm["cpu_seconds"]), n))
print("speed ratio ecoscale / statsmodels: %.1fx" % (eco_rate / sm_rate))
PY
echo "work files in $W"
