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
same_results() {
  h5same "$1" "$2" /plan --exclude-path /seconds --exclude-path /solutions --exclude-attribute /plan &&
    same_attrs "$1" "$2" /plan base_objective base_status count_failed count_infeasible \
      count_iteration_limit count_optimal count_time_limit count_unbounded first \
      iterations_per_scenario objective_max objective_mean objective_min pareto_points \
      scenarios total_scenarios &&
    /usr/bin/python3 - "$1" "$2" <<'PY'
import os, sys
sys.path.insert(0, os.environ["SRC"] + "/tests/plan")
import h5read
def load(f):
    ids = [int(x) for x in h5read.read(f, "/plan/solutions/scenario")]
    out = {}
    for d in ("primal", "dual"):
        v = h5read.read(f, "/plan/solutions/" + d)
        n = len(v) // len(ids)
        for i, k in enumerate(ids):
            out[(k, d)] = [repr(x) for x in v[i * n:(i + 1) * n]]
    return sorted(ids), out
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    sys.exit("saved solutions differ")
PY
}
RESUMED="resuming from $RES.plan-checkpoint.h5"

reference "${ARGS[@]}"
# Chunks are handed out dynamically: with @all every rank raises at its own
# N-th poll, and some rank always polls PER times.
chain "${ARGS[@]}" -- start=3 agree:1=3
chain -p "${ARGS[@]}" -- 1=3 "$((PER / 2))@all=3"
chain "${ARGS[@]}" -- "$((PER - 1))@all=3" 2@all=3
finish
