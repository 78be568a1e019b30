#!/bin/bash
# Oracle: ETS likelihood, fitted parameters and forecasts against statsmodels'
# ETSModel (Debian python3-statsmodels, run with /usr/bin/python3).
#  1. our log-likelihood evaluated at statsmodels' fitted parameters and
#     initial states equals statsmodels' llf (|diff| < 1e-6 relative);
#  2. our own fit reaches at least statsmodels' likelihood (ours >= theirs - 0.5);
#  3. forecasts of the two fits agree within 3% over the horizon.
# Fails (does not skip) with a reason when statsmodels is missing.
set -u
TOOL=$1
mkdir -p "$WORK"
cd "$WORK"
if ! /usr/bin/python3 -c "import statsmodels.tsa.exponential_smoothing.ets" 2>/dev/null; then
  echo "FAIL: statsmodels is not installed for /usr/bin/python3 (apt-get install python3-statsmodels); the oracle test cannot run"
  exit 1
fi
exec /usr/bin/python3 "$SRC/tests/forecast/oracle.py" "$TOOL" "$SRC/tests/forecast/data/monthly.csv"
