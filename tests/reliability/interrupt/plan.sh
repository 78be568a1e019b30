# Plan sweep interrupted by SIGTERM at several points (lib.sh): during input
# reading (start), before the first chunk, half-way and late in the sweep,
# and at the agreement after the sweep (every scenario solved, just before the
# results are written); resumed with --resume, the results equal an
# uninterrupted run bit for bit (docs/plan.md, "Stop and resume"): every
# dataset of /plan but the per-scenario seconds, the saved solutions matched
# by scenario (their rows are in the order the ranks solved them), the
# attributes of /plan but the sweep timings.
. "$SRC/tests/reliability/interrupt/lib.sh"
timeout 60 "$ECOSCALE" generate lp -o fam.lp --generate.lp.plants=3 --generate.lp.products=4 \
  --generate.lp.regions=3 --generate.lp.periods=6 -q || { echo "FAIL: generate lp"; exit 1; }
ARGS=(plan fam.lp "--plan.grid=col:emissions:cost=0:200:20; row:demand_*:rhs*=0.8:1.2:0.1"
  --plan.start=cold --plan.chunk=4 --plan.save=0,17,40 "--plan.track=col:emissions")
same_results() { same_plan "$1" "$2"; }
RESUMED="resuming from $RES.plan-checkpoint.h5"

reference "${ARGS[@]}"
# Chunks are handed out dynamically: with @all every rank raises at its own
# N-th poll, and some rank always polls PER times.
chain "${ARGS[@]}" -- start=3 agree:1=3
chain -p "${ARGS[@]}" -- 1=3 "$((PER / 2))@all=3"
chain "${ARGS[@]}" -- "$((PER * 9 / 10))@all=3" 2@all=3
finish
