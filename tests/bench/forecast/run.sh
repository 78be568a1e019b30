#!/bin/bash
# Forecast benchmark: accuracy of every model on an M4-style set, and speed
# and accuracy of automatic ETS against statsmodels' ETSModel and R's
# forecast::ets() (all admissible models, lowest AICc) on the same series,
# plus 1 -> 2 rank efficiency. The R part is skipped, with the reason printed,
# when Rscript or the forecast package (r-cran-forecast) is missing.
#
#   tests/bench/forecast/run.sh [BUILD_DIR]
#   M4_TRAIN=Hourly-train.csv M4_TEST=Hourly-test.csv M4_PERIOD=24 M4_HORIZON=48 \
#     M4_MASE_PERIOD=24 tests/bench/forecast/run.sh build      # a real M4 pair
# Environment: N (series of the synthetic set, default 60), NSPEED (series for
# the statsmodels and R comparison, default 8), KIND (hourly|weekly, default hourly).
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
echo "== automatic ETS: ecoscale vs statsmodels ETSModel and R forecast::ets() (all admissible models, AICc), $NSPEED series, 1 core each"
$PY - "$W/all.csv" "$W/speed.csv" "$NSPEED" <<'PY'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src).read().splitlines()
open(dst, "w").write("\n".join(lines[:n + 1]) + "\n")
PY
/usr/bin/time -f "%e %U %S" -o "$W/te" mpirun -n 1 "$ECO" forecast "$W/speed.csv" -o "$W/speed.h5" $OPTS \
  --forecast.models=ets --forecast.select=ets
$PY "$HERE/h5table.py" "$W/speed.h5" | grep -E "model|---|\| ets "
# Naive2 on the same series (not timed): the OWA reference of this subset
mpirun -n 1 "$ECO" forecast "$W/speed.csv" -o "$W/speed-naive2.h5" $OPTS --forecast.models=naive2 --forecast.select=naive2
$PY "$HERE/h5table.py" "$W/speed.h5" > "$W/speed-ets.txt"
$PY "$HERE/h5table.py" "$W/speed-naive2.h5" > "$W/speed-naive2.txt"
$PY "$HERE/sm_autoets.py" "$TRAIN" "$TEST" "$M" "$H" "$MM" "$NSPEED" > "$W/sm.txt"
echo "statsmodels:"; sed 's/^/  /' "$W/sm.txt"
# R's forecast::ets(): single-threaded, CPU seconds of the fits only
: > "$W/r.txt"
if ! command -v Rscript > /dev/null; then
  echo "R forecast::ets(): skipped (Rscript not found; install r-cran-forecast: scripts/deps.sh bench)"
elif ! Rscript -e 'suppressPackageStartupMessages(library(forecast))' > /dev/null 2>&1; then
  echo "R forecast::ets(): skipped (R package 'forecast' not installed; install r-cran-forecast: scripts/deps.sh bench)"
else
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 GOTO_NUM_THREADS=1 \
    Rscript "$HERE/r_autoets.R" "$TRAIN" "$TEST" "$M" "$H" "$MM" "$NSPEED" "$W/r-forecasts.csv" > "$W/r.txt"
  echo "R forecast::ets():"; sed 's/^/  /' "$W/r.txt"
  n2=$(grep -E "^\| naive2 " "$W/speed-naive2.txt")
  $PY "$HERE/score.py" "$W/r-forecasts.csv" "$TRAIN" "$TEST" "$H" "$MM" \
    "$(echo "$n2" | awk -F'|' '{print $3}')" "$(echo "$n2" | awk -F'|' '{print $4}')" "R ets" > "$W/r-score.txt"
fi
read -r we ue se < "$W/te"
$PY - "$ue" "$se" "$NSPEED" "$M" "$W/speed-ets.txt" "$W/speed-naive2.txt" "$W/sm.txt" "$W/r.txt" "$W/r-score.txt" <<'PY'
import sys
ue, se, n, m = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ets_f, n2_f, sm_f, r_f, rs_f = sys.argv[5:10]


def kv(path):
    try:
        return dict(l.rstrip("\n").split(None, 1) for l in open(path) if l.strip())
    except FileNotFoundError:
        return {}


def row(path, name):
    for l in open(path):
        c = [x.strip() for x in l.split("|")]
        if len(c) > 4 and c[1] == name:
            return float(c[2]), float(c[3])
    raise SystemExit("no row %s in %s" % (name, path))


n2s, n2m = row(n2_f, "naive2")
owa = lambda s, mm: 0.5 * (s / n2s + mm / n2m)
sm, r = kv(sm_f), kv(r_f)
eco_cpu = ue + se
es, em = row(ets_f, "ets")
# ecoscale fits automatic ETS twice per series (on the train part for the
# holdout, then on the whole series for the final forecast); each peer fits
# once per series (the train part). fits/s compares one automatic ETS
# selection with one; series/s counts ecoscale's whole run per series.
cols = [("ecoscale", 2 * n / eco_cpu, n / eco_cpu, eco_cpu, es, em)]
cols.append(("statsmodels", n / float(sm["cpu_seconds"]), n / float(sm["cpu_seconds"]),
             float(sm["cpu_seconds"]), float(sm["smape"]), float(sm["mase"])))
if r:
    try:
        rs = [float(x) for x in open(rs_f).read().split("|")[2:4]]
    except (FileNotFoundError, ValueError):
        rs = [float(r["smape"]), float(r["mase"])]
    cols.append(("R forecast::ets", n / float(r["cpu_seconds"]), n / float(r["cpu_seconds"]),
                 float(r["cpu_seconds"]), rs[0], rs[1]))
print()
print("automatic ETS, %d series, one core each (m = %d; Naive2 of these series: sMAPE %.3f, MASE %.4f)" % (n, m, n2s, n2m))
print("| | " + " | ".join(c[0] for c in cols) + " |")
print("|---" * (len(cols) + 1) + "|")
print("| CPU seconds | " + " | ".join("%.2f" % c[3] for c in cols) + " |")
print("| auto-ETS fits/s per core | " + " | ".join("%.3f" % c[1] for c in cols) + " |")
print("| series/s per core | " + " | ".join("%.3f" % c[2] for c in cols) + " |")
print("| sMAPE | " + " | ".join("%.3f" % c[4] for c in cols) + " |")
print("| MASE | " + " | ".join("%.4f" % c[5] for c in cols) + " |")
print("| OWA | " + " | ".join("%.4f" % owa(c[4], c[5]) for c in cols) + " |")
print("| ecoscale / peer, fits/s per core | | " + " | ".join("%.1fx" % (cols[0][1] / c[1]) for c in cols[1:]) + " |")
print("| ecoscale / peer, series/s per core | | " + " | ".join("%.1fx" % (cols[0][2] / c[2]) for c in cols[1:]) + " |")
print("ecoscale's CPU seconds include MPI start-up and file I/O and 2 fits per series (holdout, final);")
print("the peers' count the fits and forecasts only, 1 fit per series.")
if r and "note" in r:
    print("R: " + r["note"])
for name, c in zip([c[0] for c in cols[1:]], cols[1:]):
    print("speed ratio ecoscale / %s: %.1fx per auto-ETS fit, %.1fx per series" % (name, cols[0][1] / c[1], cols[0][2] / c[2]))
PY
echo "work files in $W"
