#!/usr/bin/python3
"""Write the bundled demo demand (weekly, 4 regions x 6 products x 2 years).

Deterministic (fixed seed). Each series: level x regional factor, a linear
trend, yearly seasonality (two harmonics), promotions (about 1 week in 12,
+35..60% volume at a 15-25% lower price), price elasticity around -1.5,
Poisson or negative-binomial noise; the slow movers are intermittent. A few
weeks are missing (no row) to show gap handling.
    /usr/bin/python3 make_demo.py > demand_weekly.csv
"""
import datetime
import math
import random

rng = random.Random(20240101)
regions = {"north": 0.8, "south": 1.2, "east": 1.0, "west": 0.9}
# product: (base weekly units, trend per year, season amplitude, phase, price, intermittent)
products = {
    "oat-milk-1l": (220.0, 0.12, 0.10, 0.0, 1.89, False),
    "organic-coffee-500g": (95.0, 0.05, 0.18, 2.5, 7.49, False),
    "led-bulb-9w": (60.0, -0.08, 0.30, 3.2, 3.99, False),
    "reusable-bottle": (35.0, 0.20, 0.35, 1.2, 14.90, False),
    "bamboo-toothbrush": (4.0, 0.10, 0.10, 0.5, 3.49, True),
    "solar-charger": (1.2, 0.15, 0.45, 1.5, 39.00, True),
}
start = datetime.date(2023, 1, 2)  # a Monday
weeks = 104


def poisson(lam):
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


print("region,product,date,quantity,price,promo")
for region, rf in regions.items():
    for product, (base, trend, amp, phase, price0, slow) in products.items():
        for w in range(weeks):
            date = start + datetime.timedelta(weeks=w)
            if rng.random() < 0.01:
                continue  # a missing week
            promo = 1 if (not slow and rng.random() < 1 / 12) else 0
            price = price0 * (1 - rng.uniform(0.15, 0.25)) if promo else price0
            season = 1 + amp * math.sin(2 * math.pi * w / 52.0 + phase) \
                + 0.3 * amp * math.sin(4 * math.pi * w / 52.0 + phase)
            level = base * rf * (1 + trend * w / 52.0) * season
            level *= (price / price0) ** -1.5
            if slow:
                q = poisson(level) if rng.random() < 0.6 else 0
            else:
                gamma = rng.gammavariate(20.0, 1 / 20.0)
                q = poisson(level * gamma)
            print(f"{region},{product},{date.isoformat()},{q},{price:.2f},{promo}")
