#!/usr/bin/python3
"""ETS oracle against statsmodels' ETSModel; see oracle.sh."""
import subprocess
import sys
import warnings

import numpy as np
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

warnings.filterwarnings("ignore")
tool, path = sys.argv[1], sys.argv[2]
y = np.array([float(l) for l in open(path).read().split()[1:]])  # header "value"
m, h = 12, 12
forms = ["ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA", "MNN", "MAN", "MAdN", "MNA", "MAA", "MNM", "MAM", "MAdM"]
text = "\n".join("%.17g" % v for v in y)


def run(args):
    out = subprocess.run([tool] + args, input=text, capture_output=True, text=True, check=True).stdout
    d = {}
    for line in out.splitlines():
        k, *v = line.split()
        d[k] = v
    return d


fail = 0
better = 0
print("%-5s %12s %12s %12s %9s %9s" % ("form", "llf sm", "llf(sm par)", "llf ours", "max fc %", "alpha s/o"))
for form in forms:
    err = "mul" if form[0] == "M" else "add"
    rest = form[1:]
    damped = rest.startswith("Ad")
    trend = None if rest[0] == "N" else ("add" if rest[0] == "A" else "mul")
    seas = rest[-1]
    seasonal = None if seas == "N" else ("add" if seas == "A" else "mul")
    mod = ETSModel(y, error=err, trend=trend, damped_trend=damped, seasonal=seasonal,
                   seasonal_periods=m if seasonal else None)
    res = mod.fit(disp=False, maxiter=5000)
    p = dict(zip(mod.param_names, res.params))
    alpha = p.get("smoothing_level", 0.0)
    beta = p.get("smoothing_trend", 0.0)
    gamma = p.get("smoothing_seasonal", 0.0)
    phi = p.get("damping_trend", 0.98)
    l0 = p.get("initial_level")
    b0 = p.get("initial_trend", 0.0)
    seas0 = []
    if seasonal:
        # res.initial_seasonal is in time order s[-m] .. s[-1]; the tool takes s[-1] first
        seas0 = [float(v) for v in res.initial_seasonal][::-1]
    args = ["eval", form, str(m), str(h)] + ["%.17g" % v for v in (alpha, beta, gamma, phi, l0, b0)]
    args += ["%.17g" % v for v in seas0]
    ev = run(args)
    ours = run(["fit", form, str(m), str(h)])
    llf_eval = float(ev["loglik"][0])
    llf_ours = float(ours["loglik"][0])
    fc_sm = np.asarray(res.forecast(h))
    fc_ours = np.array([float(v) for v in ours["forecast"]])
    dev = float(np.max(np.abs(fc_ours - fc_sm) / np.abs(fc_sm))) * 100
    print("%-5s %12.4f %12.4f %12.4f %9.3f %4.2f/%4.2f" % (form, res.llf, llf_eval, llf_ours, dev, alpha, float(ours["params"][0])))
    if abs(llf_eval - res.llf) > 1e-6 * abs(res.llf):
        print("  FAIL: our likelihood at statsmodels' parameters differs: %.10f vs %.10f" % (llf_eval, res.llf))
        fail = 1
    if llf_ours < res.llf - 0.5:
        print("  FAIL: our fit is worse than statsmodels' by %.3f log-likelihood" % (res.llf - llf_ours))
        fail = 1
    elif llf_ours > res.llf + 0.5:
        print("  (our maximum is higher by %.3f: a different optimum, forecasts not compared)" % (llf_ours - res.llf))
        better += 1
    elif dev > 3.0:
        print("  FAIL: same likelihood, but forecasts differ by %.2f%% (> 3%%)" % dev)
        fail = 1
if better > len(forms) // 2:
    print("FAIL: too many forms (%d) where the optima differ; the comparison says little" % better)
    fail = 1
print("OK ETS oracle" if not fail else "ETS oracle FAILED")
sys.exit(fail)
