#!/usr/bin/python3
"""Score /forecast/point of a results file against an M4-format test file:
M4 sMAPE and MASE (scale: in-sample seasonal naive with lag MASE_M on the
train file), and OWA against the Naive2 figures given. RESULTS may also be a
wide CSV of forecasts (header, then one row a series: id, h values; what
r_autoets.R writes), in the order of the train file. LABEL names the row.

    score.py RESULTS.h5|FORECASTS.csv TRAIN.csv TEST.csv H MASE_M NAIVE2_SMAPE NAIVE2_MASE [LABEL]
"""
import csv
import re
import subprocess
import sys

res, train, test, h, mm = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
n2s, n2m = float(sys.argv[6]), float(sys.argv[7])
label = sys.argv[8] if len(sys.argv) > 8 else "auto (per-series choice on an inner holdout of the train part)"


def ds(name):
    out = subprocess.run(["h5dump", "-m", "%.17g", "-w", "0", "-d", name, res],
                         capture_output=True, text=True, check=True).stdout
    body = out.split("DATA {", 1)[1].split("}", 1)[0]
    return [float(x) for line in re.findall(r"\):\s*(.*)", body) for x in line.strip().rstrip(",").split(",") if x.strip()]


def rows(path):
    with open(path) as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            yield [float(v) for v in row[1:] if v.strip()]


if res.endswith(".csv"):
    point = [v for row in rows(res) for v in row]
else:
    point = ds("/forecast/point")
sm, ms = [], []
for i, (y, yt) in enumerate(zip(rows(train), rows(test))):
    if i >= len(point) // h:  # a forecasts file of the first series only
        break
    f = point[i * h:(i + 1) * h]
    yt = yt[:h]
    sm.append(sum(200 * abs(a - b) / (abs(a) + abs(b)) for a, b in zip(yt, f)) / h)
    lag = mm if len(y) > mm else 1
    scale = sum(abs(y[t] - y[t - lag]) for t in range(lag, len(y))) / (len(y) - lag)
    ms.append(sum(abs(a - b) for a, b in zip(yt, f)) / h / scale)
s, m = sum(sm) / len(sm), sum(ms) / len(ms)
print("| %s | %.3f | %.4f | %.4f |" % (label, s, m, 0.5 * (s / n2s + m / n2m)))
