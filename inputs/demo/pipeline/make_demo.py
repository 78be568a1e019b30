#!/usr/bin/env python3
"""Bundled supply network of the pipeline demo (inputs/demo/pipeline.ini).

Writes sites.csv (candidate distribution centres) and customers.csv (stores)
in the CSV variant of `ecoscale supply`, on a 100 x 100 km map split into the
four regions of the forecast demo (north, east, south, west). customers.csv
has a `region` column: the pipeline replaces each store's demand by its
region's forecast, split in proportion to the `demand` given here (a store's
relative size). Capacities are sized for the demo forecast (about 26,000 units
over 13 weeks in all): total capacity is about 3x that.

    python3 inputs/demo/pipeline/make_demo.py    (deterministic)
"""
import os
import random

rng = random.Random(7)
here = os.path.dirname(os.path.abspath(__file__))

# region centres on the map (km)
centres = {"north": (50, 80), "east": (80, 50), "south": (50, 20), "west": (20, 50)}


def around(c, spread):
    return (min(100.0, max(0.0, rng.gauss(c[0], spread))),
            min(100.0, max(0.0, rng.gauss(c[1], spread))))


with open(os.path.join(here, "sites.csv"), "w") as f:
    f.write("id,x,y,capacity,fixed_cost,emission_factor\n")
    sid = 0
    for region, c in centres.items():
        for _ in range(5):
            sid += 1
            x, y = around(c, 18)
            cap = rng.uniform(2500, 5500)
            fixed = rng.uniform(15000, 25000) + 4.0 * cap
            # a third of the sites are served by rail (low emissions per unit-km)
            ef = rng.uniform(0.02, 0.05) if rng.random() < 0.33 else rng.uniform(0.12, 0.25)
            f.write(f"s{sid},{x:.2f},{y:.2f},{cap:.0f},{fixed:.0f},{ef:.3f}\n")

with open(os.path.join(here, "customers.csv"), "w") as f:
    f.write("id,x,y,demand,region\n")
    cid = 0
    for region, c in centres.items():
        for _ in range(20):
            cid += 1
            x, y = around(c, 12)
            size = rng.uniform(5, 35)
            f.write(f"c{cid},{x:.2f},{y:.2f},{size:.1f},{region}\n")
