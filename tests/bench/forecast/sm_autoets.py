#!/usr/bin/python3
"""statsmodels peer: automatic ETS as forecast::ets() does it (fit every
admissible ETSModel of errors A/M, trends N/A/Ad, seasons N/A/M without
A-error with M-season, multiplicative only for positive data, seasonal only
for 2 <= m <= 24) and keep the lowest AICc; forecast h steps. Prints, per
series, the M4 sMAPE and MASE of the forecast on the test part, and the
total fitting seconds.

    sm_autoets.py TRAIN.csv TEST.csv M H MASE_M [MAX_SERIES]
"""
import csv
import math
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

warnings.filterwarnings("ignore")
train_path, test_path, m, h, mase_m = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
max_series = int(sys.argv[6]) if len(sys.argv) > 6 else 10**9


def rows(path):
    with open(path) as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            yield row[0], np.array([float(v) for v in row[1:] if v.strip() != ""])


def autoets(y):
    positive = bool(np.all(y > 0))
    seasonal_ok = 2 <= m <= 24 and len(y) >= 2 * m + 2
    best = None
    for err in ("add", "mul"):
        if err == "mul" and not positive:
            continue
        for trend, damped in ((None, False), ("add", False), ("add", True)):
            for seas in (None, "add", "mul"):
                if seas is not None and not seasonal_ok:
                    continue
                if seas == "mul" and (not positive or err == "add"):
                    continue
                try:
                    res = ETSModel(y, error=err, trend=trend, damped_trend=damped, seasonal=seas,
                                   seasonal_periods=m if seas else None).fit(disp=False)
                except Exception:
                    continue
                if not np.isfinite(res.aicc):
                    continue
                if best is None or res.aicc < best.aicc:
                    best = res
    return best


sm, ms, secs, n = [], [], 0.0, 0
for (sid, y), (_, yt) in zip(rows(train_path), rows(test_path)):
    if n >= max_series:
        break
    t0 = time.process_time()
    fit = autoets(y)
    f = np.asarray(fit.forecast(h))
    secs += time.process_time() - t0
    yt = yt[:h]
    sm.append(np.mean(200 * np.abs(yt - f) / (np.abs(yt) + np.abs(f))))
    mm = mase_m if len(y) > mase_m else 1
    scale = np.mean(np.abs(y[mm:] - y[:-mm]))
    ms.append(np.mean(np.abs(yt - f)) / scale)
    n += 1
print("series %d" % n)
print("cpu_seconds %.3f" % secs)
print("smape %.4f" % np.mean(sm))
print("mase %.4f" % np.mean(ms))
