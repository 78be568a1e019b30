"""Read a numeric HDF5 dataset through h5dump (no h5py on the test hosts).

    h5read.py FILE DATASET           prints one value per line (%.17g)
    import h5read; h5read.read(file, dataset) -> list of floats (rows flattened)
    h5read.saved_solutions(file) -> scenario ids, {(id, "primal"|"dual"): values}
"""
import re
import subprocess
import sys


def read(path, dataset):
    out = subprocess.run(["h5dump", "-A", "0", "-y", "-w", "0", "-m", "%.17g", "-d", dataset, path],
                         check=True, capture_output=True, text=True).stdout
    data = out[out.index("DATA {") + 6:]
    data = data[:data.rindex("}")]
    vals = []
    for tok in re.split(r"[,\s]+", data):
        tok = tok.strip()
        if not tok or tok == "}":
            continue
        vals.append(float(tok))
    return vals


def read_strings(path, dataset):
    """A fixed-length string dataset as a list of str (NUL padding removed)."""
    out = subprocess.run(["h5dump", "-A", "0", "-y", "-w", "0", "-d", dataset, path],
                         check=True, capture_output=True, text=True).stdout
    data = out[out.index("DATA {") + 6:]
    return [v.split("\\000")[0] for v in re.findall(r'"((?:[^"\\]|\\.)*)"', data)]


def saved_solutions(path):
    """/plan/solutions of a plan results file: the scenario ids (rows in the
    order ranks solved them) and {(id, "primal" | "dual"): values as repr()}."""
    ids = [int(x) for x in read(path, "/plan/solutions/scenario")]
    out = {}
    for d in ("primal", "dual"):
        v = read(path, "/plan/solutions/" + d)
        n = len(v) // len(ids)
        for i, k in enumerate(ids):
            out[(k, d)] = [repr(x) for x in v[i * n:(i + 1) * n]]
    return ids, out


if __name__ == "__main__":
    for v in read(sys.argv[1], sys.argv[2]):
        print("%.17g" % v)
