"""The way users sweep scenarios today: for each scenario, write the model
with that scenario's changes to a file and run glpsol on it (one process per
scenario). Prints scenarios/s, the mean simplex iterations glpsol reports,
and checks each objective against ecoscale's results file.

    glpsol_loop.py BASE.mps SCENARIOS.csv ECOSCALE_RESULTS.h5 WORKDIR
"""
import csv
import math
import os
import re
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "plan"))
import h5read  # noqa: E402
import oracle  # noqa: E402

base_path, csv_path, h5, work = sys.argv[1:5]
base = oracle.read_mps(base_path)
with open(csv_path, newline="") as f:
    table = list(csv.reader(f))
header = table[0][1:]
ref = h5read.read(h5, "/plan/objective")
os.makedirs(work, exist_ok=True)
t_write = t_solve = 0.0
iters = []
worst = 0.0
for k, row in enumerate(table[1:]):
    t0 = time.perf_counter()
    m = oracle.apply(base, header, row[1:])
    p = os.path.join(work, "s.mps")
    oracle.write_mps(m, p)
    t1 = time.perf_counter()
    out = subprocess.run(["glpsol", "--freemps", p, "-w", p + ".sol"],
                         check=True, capture_output=True, text=True).stdout
    t2 = time.perf_counter()
    t_write += t1 - t0
    t_solve += t2 - t1
    it = re.findall(r"^\*?\s*(\d+): obj =", out, re.M)
    iters.append(int(it[-1]) if it else 0)
    for line in open(p + ".sol"):
        if line.startswith("s bas"):
            o = float(line.split()[6])
            if not math.isnan(ref[k]):
                worst = max(worst, abs(o - ref[k]) / max(1, abs(o)))
n = len(table) - 1
print("glpsol_loop scenarios %d write_s %.3f solve_s %.3f rate %.2f solve_only_rate %.2f "
      "iterations_per_scenario %.1f worst_rel_diff %.2g"
      % (n, t_write, t_solve, n / (t_write + t_solve), n / t_solve, sum(iters) / n, worst))
