"""Oracle for `ecoscale plan`: every scenario written out as its own free MPS
file and solved by glpsol, independently of ecoscale's scenario code.

    oracle.py make-csv BASE.mps KIND SEED N OUT.csv
        random scenarios for a bundled model (KIND: family, small, transport),
        including infeasible and (for small) unbounded ones
    oracle.py check BASE.mps SCENARIOS.csv RESULTS.h5 WORKDIR [--min-infeasible K]
                    [--min-unbounded K] [--min-optimal K]
        compares status and objective (relative 1e-9) of every scenario

BASE.mps is the model as free MPS (glpsol --wfreemps). Scenario semantics
(docs/plan.md): every targeted entry starts from its base value, then the
columns are applied in order; 'row:NAME:rhs' sets the active side(s) of a
row, a header ending in '*' multiplies, NAME ending in '*' is a prefix.
"""
import csv
import math
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import h5read  # noqa: E402

INF = math.inf


class Model:
    def __init__(self):
        self.name = "scenario"
        self.obj = None
        self.rows = {}       # name -> [lb, ub]
        self.row_order = []
        self.cols = {}       # name -> [lb, ub, cost]
        self.col_order = []
        self.entries = []    # (col, row, val) excluding the objective
        self.obj_rhs = None  # RHS entry on the objective row, kept verbatim

    def copy(self):
        m = Model()
        m.name, m.obj, m.obj_rhs = self.name, self.obj, self.obj_rhs
        m.rows = {k: list(v) for k, v in self.rows.items()}
        m.cols = {k: list(v) for k, v in self.cols.items()}
        m.row_order, m.col_order, m.entries = self.row_order, self.col_order, self.entries
        return m


def read_mps(path):
    m = Model()
    rtype, rhs, rng = {}, {}, {}
    section = None
    for line in open(path):
        if line.startswith("*") or not line.strip():
            continue
        if not line[0].isspace():
            parts = line.split()
            section = parts[0]
            if section == "NAME" and len(parts) > 1:
                m.name = parts[1]
            continue
        t = line.split()
        if section == "ROWS":
            if t[0] == "N" and m.obj is None:
                m.obj = t[1]
            elif t[0] != "N":
                rtype[t[1]] = t[0]
                m.row_order.append(t[1])
        elif section == "COLUMNS":
            if len(t) >= 3 and t[1] == "'MARKER'":
                raise SystemExit("integer markers are not supported by the oracle")
            c = t[0]
            if c not in m.cols:
                m.cols[c] = [0.0, INF, 0.0]
                m.col_order.append(c)
            for i in range(1, len(t), 2):
                r, v = t[i], float(t[i + 1])
                if r == m.obj:
                    m.cols[c][2] = v
                else:
                    m.entries.append((c, r, v))
        elif section == "RHS":
            for i in range(1, len(t), 2):
                if t[i] == m.obj:
                    m.obj_rhs = t[i + 1]
                else:
                    rhs[t[i]] = float(t[i + 1])
        elif section == "RANGES":
            for i in range(1, len(t), 2):
                rng[t[i]] = float(t[i + 1])
        elif section == "BOUNDS":
            kind, c = t[0], t[2]
            v = float(t[3]) if len(t) > 3 else None
            b = m.cols[c]
            if kind == "UP":
                b[1] = v
            elif kind == "LO":
                b[0] = v
            elif kind == "FX":
                b[0] = b[1] = v
            elif kind == "FR":
                b[0], b[1] = -INF, INF
            elif kind == "MI":
                b[0] = -INF
            elif kind == "PL":
                b[1] = INF
            else:
                raise SystemExit("bound type %s is not supported by the oracle" % kind)
    for r in m.row_order:
        v = rhs.get(r, 0.0)
        k = rtype[r]
        if k == "E":
            lb, ub = v, v
            if r in rng:
                lb, ub = (v, v + abs(rng[r])) if rng[r] > 0 else (v + rng[r], v)
        elif k == "L":
            lb, ub = (v - abs(rng[r]) if r in rng else -INF), v
        else:
            lb, ub = v, (v + abs(rng[r]) if r in rng else INF)
        m.rows[r] = [lb, ub]
    return m


def fmt(v):
    return "%.17g" % v


def write_mps(m, path):
    out = ["NAME " + m.name, "ROWS", " N " + m.obj]
    ranges, rhs = [], []
    for r in m.row_order:
        lb, ub = m.rows[r]
        if lb == ub:
            out.append(" E " + r)
            rhs.append((r, lb))
        elif lb == -INF and ub == INF:
            raise SystemExit("free rows are not supported by the oracle")
        elif lb == -INF:
            out.append(" L " + r)
            rhs.append((r, ub))
        elif ub == INF:
            out.append(" G " + r)
            rhs.append((r, lb))
        else:
            out.append(" G " + r)
            rhs.append((r, lb))
            ranges.append((r, ub - lb))
    out.append("COLUMNS")
    by_col = {}
    for c, r, v in m.entries:
        by_col.setdefault(c, []).append((r, v))
    for c in m.col_order:
        out.append(" %s %s %s" % (c, m.obj, fmt(m.cols[c][2])))
        for r, v in by_col.get(c, []):
            out.append(" %s %s %s" % (c, r, fmt(v)))
    out.append("RHS")
    if m.obj_rhs is not None:
        out.append(" RHS1 %s %s" % (m.obj, m.obj_rhs))
    for r, v in rhs:
        out.append(" RHS1 %s %s" % (r, fmt(v)))
    if ranges:
        out.append("RANGES")
        for r, v in ranges:
            out.append(" RNG1 %s %s" % (r, fmt(v)))
    out.append("BOUNDS")
    for c in m.col_order:
        lb, ub, _ = m.cols[c]
        if lb == ub:
            out.append(" FX BND1 %s %s" % (c, fmt(lb)))
            continue
        if lb == -INF and ub == INF:
            out.append(" FR BND1 " + c)
            continue
        if lb == -INF:
            out.append(" MI BND1 " + c)
        elif lb != 0:
            out.append(" LO BND1 %s %s" % (c, fmt(lb)))
        if ub != INF:
            out.append(" UP BND1 %s %s" % (c, fmt(ub)))
    out.append("ENDATA")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def targets(m, header):
    """(is_row, field, scale, [names]) for a CSV header cell."""
    scale = header.endswith("*")
    h = header[:-1] if scale else header
    kind, rest = h.split(":", 1)
    name, field = rest.rsplit(":", 1)
    pool = m.row_order if kind == "row" else m.col_order
    if name.endswith("*"):
        names = [n for n in pool if n.startswith(name[:-1])]
    else:
        names = [name]
    return kind == "row", field, scale, names


def apply(base, header, cells):
    m = base.copy()
    for h, cell in zip(header, cells):
        if cell.strip() == "":
            continue
        x = float(cell)
        is_row, field, scale, names = targets(m, h)
        for n in names:
            if is_row:
                b = m.rows[n]
                if field == "rhs":
                    if b[0] == b[1]:
                        b[0] = b[1] = b[0] * x if scale else x
                    elif b[1] == INF:
                        b[0] = b[0] * x if scale else x
                    else:
                        b[1] = b[1] * x if scale else x
                elif field == "lb":
                    b[0] = b[0] * x if scale and b[0] != -INF else (b[0] if scale else x)
                else:
                    b[1] = b[1] * x if scale and b[1] != INF else (b[1] if scale else x)
            else:
                b = m.cols[n]
                if field == "cost":
                    b[2] = b[2] * x if scale else x
                elif field == "lb":
                    b[0] = b[0] * x if scale and b[0] != -INF else (b[0] if scale else x)
                else:
                    b[1] = b[1] * x if scale and b[1] != INF else (b[1] if scale else x)
    return m


def glpsol(path, solpath):
    subprocess.run(["glpsol", "--freemps", path, "--nopresol", "-w", solpath],
                   check=True, capture_output=True)
    for line in open(solpath):
        if line.startswith("s bas"):
            t = line.split()
            pst, dst, obj = t[4], t[5], float(t[6])
            if pst == "f" and dst == "f":
                return "optimal", obj
            if pst == "n":
                return "infeasible", None
            if pst == "f" and dst == "n":
                return "unbounded", None
            return "other(%s,%s)" % (pst, dst), None
    raise SystemExit("no solution line in " + solpath)


STATUS = {0: "optimal", 1: "infeasible", 2: "unbounded", 3: "iteration_limit",
          4: "time_limit", 5: "failed"}


def make_csv(base_path, kind, seed, n, out):
    m = read_mps(base_path)
    g = random.Random(seed)
    if kind == "family":
        header = ["row:demand_rg1_pr1_2:rhs", "row:cap_pl1_1:rhs", "col:emissions:cost",
                  "col:make_pl2_pr1_1:cost", "col:over_pl1_pr2_1:ub", "row:demand_*:rhs*"]
    elif kind == "small":
        header = ["row:c1:rhs", "row:c3:rhs", "row:c4:rhs", "col:x:cost", "col:t:cost",
                  "col:z:lb", "col:w:ub"]
    else:
        header = ["row:demand[new-york]:rhs", "row:supply[seattle]:rhs",
                  "col:x[seattle,chicago]:cost", "col:x[san-diego,topeka]:cost",
                  "col:x[seattle,topeka]:ub"]
    rows = []
    for k in range(n):
        mode = ("infeasible" if k % 5 == 3 else
                "unbounded" if (kind == "small" and k % 5 == 4) else "normal")
        cells = []
        for h in header:
            is_row, field, scale, names = targets(m, h)
            if g.random() < 0.25:
                cells.append("")
                continue
            if scale:
                v = g.uniform(0.9, 1.1)
            elif is_row:
                lb, ub = m.rows[names[0]]
                b = lb if lb != -INF else ub
                v = b * g.uniform(0.8, 1.2) if b != 0 else g.uniform(-1, 1)
            elif field == "cost":
                b = m.cols[names[0]][2]
                v = b * g.uniform(0.5, 1.5) if b != 0 else g.uniform(0, 200)
            elif field == "ub":
                lb, ub = m.cols[names[0]][:2]
                v = ub * g.uniform(0.8, 1.2) if ub != INF else g.uniform(100, 600)
            else:
                lb = m.cols[names[0]][0]
                v = lb * g.uniform(0.8, 1.2) if lb not in (0, -INF) else g.uniform(-3, 0)
            cells.append("%.6g" % v)
        if mode == "infeasible":
            if kind == "family":
                cells[header.index("row:demand_*:rhs*")] = "4"
            elif kind == "small":
                cells[0] = "100"
            else:
                cells[0] = "5000"
        if mode == "unbounded":
            cells[header.index("col:t:cost")] = "-1"
        elif kind == "small" and cells[header.index("col:t:cost")] != "":
            cells[header.index("col:t:cost")] = "%.6g" % g.uniform(0.1, 2)
        rows.append(["s%d" % k] + cells)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["scenario"] + header)
        w.writerows(rows)


def check(base_path, csv_path, h5, work, need):
    base = read_mps(base_path)
    with open(csv_path, newline="") as f:
        table = list(csv.reader(f))
    header = table[0][1:]
    status = [int(v) for v in h5read.read(h5, "/plan/status")]
    obj = h5read.read(h5, "/plan/objective")
    if len(status) != len(table) - 1:
        print("FAIL: %d results for %d scenarios" % (len(status), len(table) - 1))
        return 1
    seen = {}
    bad = 0
    worst = 0.0
    for k, row in enumerate(table[1:]):
        m = apply(base, header, row[1:])
        p = os.path.join(work, "scenario_%d.mps" % k)
        write_mps(m, p)
        st, o = glpsol(p, p + ".sol")
        mine = STATUS.get(status[k], "?")
        seen[st] = seen.get(st, 0) + 1
        if st != mine:
            print("FAIL: scenario %d: ecoscale %s, glpsol %s" % (k, mine, st))
            bad += 1
            continue
        if st == "optimal":
            rel = abs(obj[k] - o) / max(1.0, abs(o))
            worst = max(worst, rel)
            if rel > 1e-9:
                print("FAIL: scenario %d: objective %.17g, glpsol %.17g (rel %.3g)"
                      % (k, obj[k], o, rel))
                bad += 1
    print("oracle: %d scenarios, statuses %s, worst relative objective difference %.3g"
          % (len(status), seen, worst))
    for st, k in need.items():
        if seen.get(st, 0) < k:
            print("FAIL: only %d %s scenarios, the test needs %d" % (seen.get(st, 0), st, k))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    a = sys.argv
    if a[1] == "make-csv":
        make_csv(a[2], a[3], int(a[4]), int(a[5]), a[6])
    elif a[1] == "check":
        need = {}
        i = 6
        while i < len(a):
            need[a[i][len("--min-"):]] = int(a[i + 1])
            i += 2
        sys.exit(check(a[2], a[3], a[4], a[5], need))
    else:
        raise SystemExit(__doc__)
