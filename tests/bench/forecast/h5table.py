#!/usr/bin/python3
"""Print /forecast/summary of a results file (via h5dump; no h5py needed)."""
import re
import subprocess
import sys


def dataset(path, name):
    out = subprocess.run(["h5dump", "-m", "%.17g", "-w", "0", "-d", name, path],
                         capture_output=True, text=True, check=True).stdout
    body = out.split("DATA {", 1)[1].split("}", 1)[0]
    vals = re.findall(r"\):\s*(.*)", body)
    nums = []
    for v in vals:
        nums += [float(x) for x in re.split(r",\s*", v.strip().rstrip(",")) if x]
    return nums


def attr(path, obj, name):
    out = subprocess.run(["h5dump", "-a", obj + "/" + name, path], capture_output=True, text=True, check=True).stdout
    return re.search(r'\(0\): "([^"]*)"', out).group(1)


if __name__ == "__main__":
    path = sys.argv[1]
    models = attr(path, "/forecast/summary", "rows").split(",")
    cols = attr(path, "/forecast/summary", "columns").split(",")
    v = dataset(path, "/forecast/summary")
    nc = len(cols)
    print("| model | sMAPE | MASE | OWA | RMSSE | pinball | cover 80% | cover 95% |")
    print("|---|---|---|---|---|---|---|---|")
    for i, mname in enumerate(models):
        r = dict(zip(cols, v[i * nc:(i + 1) * nc]))
        if r["smape"] != r["smape"]:
            continue
        print("| %s | %.3f | %.4f | %.4f | %.4f | %.4f | %.3f | %.3f |" % (
            mname, r["smape"], r["mase"], r["owa"], r["rmsse"], r["pinball"], r["cover80"], r["cover95"]))
