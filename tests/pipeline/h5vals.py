#!/usr/bin/env python3
"""Values of an HDF5 dataset through h5dump (no h5py on the test machines).

    h5vals.py FILE DATASET          print the values, one per line
As a module: read(file, dataset) -> list of floats or strings (row-major).
"""
import re
import subprocess
import sys


def read(path, dataset):
    out = subprocess.run(["h5dump", "-A", "0", "-w", "0", "-m", "%.17g", "-d", dataset, path],
                         check=True, capture_output=True, text=True).stdout
    body = out[out.index("DATA {") + 6:]
    # up to the closing brace of DATA (braces inside strings do not count)
    inq = esc = False
    for i, c in enumerate(body):
        if esc:
            esc = False
        elif c == "\\":
            esc = True
        elif c == '"':
            inq = not inq
        elif c == "}" and not inq:
            body = body[:i]
            break
    if "H5T_STRING" in out:
        return [s.replace("\\000", "") for s in re.findall(r'"((?:[^"\\]|\\.)*)"', body)]
    vals = []
    for line in body.splitlines():
        line = re.sub(r"^\s*\([0-9,]+\):", "", line)
        for tok in line.replace(",", " ").split():
            vals.append(float(tok))
    return vals


if __name__ == "__main__":
    for v in read(sys.argv[1], sys.argv[2]):
        print(v)
