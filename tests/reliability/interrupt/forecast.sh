# Forecast interrupted by SIGTERM at several points (tests/reliability/
# interrupt/lib.sh): during input reading (start), at the first series,
# half-way and late in the fitting loop, and at the agreement after the loop
# (every series done, just before the results are written); resumed with
# --resume, the results equal an uninterrupted run bit for bit (docs/forecast.md,
# "Stop and resume"), and every resumed run says how many series it had.
. "$SRC/tests/reliability/interrupt/lib.sh"
timeout 60 "$ECOSCALE" generate demand -q --generate.demand.regions=4 \
  --generate.demand.products=6 -o demand.h5 || { echo "FAIL: generate demand"; exit 1; }
ARGS=(forecast demand.h5 --forecast.horizon=13 --forecast.simulations=50
  --forecast.models=naive,snaive,ses,holt,theta,croston,global)
same_results() { same_forecast "$1" "$2"; }
RESUMED="resuming from $RES.forecast-checkpoint.h5"

reference "${ARGS[@]}"
# about one poll per series: with @all each rank raises at its own N-th poll
# (early: 1, mid: PER / 2, late: 9/10 of PER)
chain "${ARGS[@]}" -- start=3 agree:1=3
chain -p "${ARGS[@]}" -- 1=3 "$((PER / 2))@all=3"
chain "${ARGS[@]}" -- "$((PER * 9 / 10))@all=3" 2@all=3
finish
