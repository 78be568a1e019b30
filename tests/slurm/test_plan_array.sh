#!/usr/bin/env bash
# slurm_plan_array: a plan sweep as a SLURM job array plus a merge job.
#   build/jobs/plan-sweep.sh --tasks 3 submits jobs/plan-array.sbatch as an array of 3
#   tasks (each a chunk-aligned slice of a 45-scenario grid on a generated LP, 2 ranks)
#   and jobs/plan-merge.sbatch with --dependency=afterok:<array id>. Checks: every array
#   task and the merge job end COMPLETED, the 3 slice files exist, and the merged file's
#   per-scenario datasets, Pareto front, binding rows and tracked values equal those of
#   the whole sweep run with mpirun (h5diff, bit for bit).
# Needs a running local SLURM, like slurm_job (FAIL as root, SKIP otherwise).
# Env (from CTest): ECOSCALE, PLAN_SWEEP, WORK, MPIEXEC.
set -uo pipefail

: "${ECOSCALE:?}" "${PLAN_SWEEP:?}" "${WORK:?}"
TIMEOUT=${SLURM_JOB_TIMEOUT:-180}

TEST=slurm_plan_array
. "$(dirname "$0")/lib.sh"
slurm_require
[[ -x $PLAN_SWEEP ]] || fail "$PLAN_SWEEP not found (configure with CMake first)"

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || fail "cannot enter $WORK"
show_logs() { for f in "$WORK"/plan-*.out; do echo "    $f:"; sed 's/^/    | /' "$f"; done 2>/dev/null; }

"$ECOSCALE" generate lp --generate.lp.plants=3 --generate.lp.products=3 --generate.lp.regions=2 \
    --generate.lp.periods=6 --seed=11 -o model.lp >gen.log 2>&1 || { cat gen.log; fail "generate lp failed"; }
GRID='col:emissions:cost=0:200:25; row:demand_*:rhs*=0.9:1.1:0.05; row:cap_pl2_*:rhs*=1,0.3'
TRACK='col:emissions; row:cap_pl1_*'
PLAN=(model.lp "--plan.grid=$GRID" "--plan.track=$TRACK")
N=90

# the reference: the whole sweep with mpirun (same chunk size as the array)
read -r -a mpiexec <<<"${MPIEXEC:-mpiexec -n 2}"
"${mpiexec[@]}" "$ECOSCALE" plan "${PLAN[@]}" --plan.chunk=4 -o whole.h5 >whole.log 2>&1 ||
    { cat whole.log; fail "the whole sweep under mpirun failed"; }

"$PLAN_SWEEP" --tasks 3 --chunk 4 -o "$WORK/merged.h5" \
    --sbatch "--chdir=$WORK --time=5 --ntasks=2" -- "${PLAN[@]}" >sweep.log 2>&1 ||
    { cat sweep.log; fail "plan-sweep.sh failed"; }
cat sweep.log
aid=$(sed -n 's/^array job \([0-9]*\)$/\1/p' sweep.log)
mid=$(sed -n 's/^merge job \([0-9]*\)$/\1/p' sweep.log)
[[ -n $aid && -n $mid ]] || fail "plan-sweep.sh did not print the job ids"
jobs+=("$aid" "$mid")
grep -q "^plan-sweep: $N scenarios in 3 array tasks of up to 32" sweep.log ||
    fail "plan-sweep.sh: expected $N scenarios in 3 tasks of 32"
scontrol show job "$mid" | grep -q "Dependency=afterok:${aid}" ||
    { scontrol show job "$mid"; fail "merge job $mid does not depend on afterok:$aid"; }

t0=$SECONDS
while :; do
    st=$(scontrol show job "$mid" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n1)
    is_final "$st" && break
    if scontrol show job "$mid" 2>/dev/null | grep -q 'DependencyNeverSatisfied'; then
        show_logs
        fail "an array task failed: merge job $mid can never start"
    fi
    ((SECONDS - t0 > TIMEOUT)) && { show_logs; scontrol show job "$aid" >&2; fail "merge job $mid still '$st' after ${TIMEOUT}s"; }
    sleep 0.5
done
echo "slurm_plan_array: merge job $mid ended $st after $((SECONDS - t0))s; logs:"
show_logs
[[ $st == COMPLETED ]] || fail "merge job $mid ended $st"
for i in 0 1 2; do
    tst=$(scontrol show job "${aid}_$i" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n1)
    [[ -z $tst || $tst == COMPLETED ]] || fail "array task ${aid}_$i ended $tst"
    [[ -s merged.h5.slices/slice-$i.h5 ]] || fail "slice file merged.h5.slices/slice-$i.h5 missing"
    grep -q "plan-array: task $i of 3: scenarios $((i * 32))\.\." plan-array-"${aid}"_"$i".out ||
        fail "task $i did not solve scenarios from $((i * 32))"
done
[[ ! -e merged.h5.slices/slice-3.h5 ]] || fail "a fourth slice file"
grep -q "merge plan: 3 slices, $N scenarios" plan-merge-"$mid".out || fail "the merge log lacks '3 slices, $N scenarios'"
for d in scenario status method objective cost emissions energy iterations parameters \
    parameter_names pareto/scenario pareto/cost pareto/emissions binding/row_name \
    binding/count binding/max_abs_dual track/names track/values; do
    h5diff -q whole.h5 merged.h5 "/plan/$d" "/plan/$d" >/dev/null 2>&1 ||
        { h5diff -r whole.h5 merged.h5 "/plan/$d" "/plan/$d" | head -20; fail "/plan/$d: the merged file differs from the whole sweep"; }
done
echo "slurm_plan_array: 3 array tasks + afterok merge = the whole mpirun sweep, bit for bit; all OK"
