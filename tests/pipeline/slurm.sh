#!/usr/bin/env bash
# slurm_pipeline: the pipeline batch script under a running local SLURM.
#   1. without arguments the script prints its usage and exits 2 (no SLURM needed);
#   2. sbatch build/jobs/pipeline.sbatch -c tiny.ini -o slurm.h5 (2 tasks): the job
#      ends COMPLETED, its log has the pipeline's last line, the results file holds
#      the four stages and the /pipeline record, and equals a 2-rank mpiexec run of
#      the same config (forecast, plan, supply, recommend results);
#   3. a bad pipeline option: the job ends FAILED with exit code 2:0, the log names
#      the option, and no results file is written.
# Needs a running SLURM (tests/slurm/slurm-local.sh start, which scripts/test.sh does
# as root). Without one: FAIL as root (CI must have started it), SKIP (77) otherwise.
# Env (from CTest): ECOSCALE, PIPELINE_SBATCH, MPIEXEC (2 ranks), SRC, WORK.
set -uo pipefail
: "${ECOSCALE:?}" "${PIPELINE_SBATCH:?}" "${SRC:?}" "${WORK:?}" "${MPIEXEC:?}"
TIMEOUT=${SLURM_JOB_TIMEOUT:-120}
TEST=slurm_pipeline
. "$SRC/tests/slurm/lib.sh"

rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
[[ -r $PIPELINE_SBATCH ]] || fail "$PIPELINE_SBATCH not found (configure with CMake first)"
bash "$PIPELINE_SBATCH" >usage.txt 2>&1
rc=$?
[[ $rc == 2 ]] || fail "pipeline.sbatch without arguments: exit $rc, expected 2"
grep -q "usage: sbatch" usage.txt || fail "no usage line"

slurm_require

# the tiny configuration of the other pipeline tests
. "$SRC/tests/pipeline/tiny.sh"
write_tiny_ini tiny.ini
failures=0
same_data() { # same_data A.h5 B.h5 DATASET...: bitwise equal (h5dump, %.17g)
    local a=$1 b=$2 d
    shift 2
    for d in "$@"; do
        cmp -s <(h5dump -A 0 -w 0 -m %.17g -d "$d" "$a" 2>&1 | tail -n +3) \
               <(h5dump -A 0 -w 0 -m %.17g -d "$d" "$b" 2>&1 | tail -n +3) ||
            { echo "slurm_pipeline: $d differs between $a and $b"; failures=$((failures + 1)); }
    done
}

# submit_wait LOG ARGS...: pipeline.sbatch with ARGS on 2 tasks; sets ID ST EXIT.
pipeline_job() {
    local log=$1
    shift
    submit_wait "$PIPELINE_SBATCH" "$log" --ntasks=2 -- "$@"
}

pipeline_job job.out -c tiny.ini -o slurm.h5
[[ $ST == COMPLETED ]] || fail "job $ID ended $ST, expected COMPLETED"
grep -q "pipeline: results in slurm.h5" job.out || fail "the log lacks the pipeline's last line"
for s in forecast plan supply recommend pipeline; do
    h5ls "slurm.h5/$s" >/dev/null 2>&1 || fail "slurm.h5 has no /$s"
done
timeout 120 $MPIEXEC "$ECOSCALE" pipeline -c tiny.ini -o local.h5 -q >local.txt 2>&1 ||
    { cat local.txt; fail "the same pipeline with mpiexec failed"; }
same_data slurm.h5 local.h5 /forecast/p50 /plan/objective /plan/status /supply/open \
    /recommend/topk/items /pipeline/stage /pipeline/source
((failures == 0)) || fail "the job's results differ from the mpiexec run"

pipeline_job bad.out -c tiny.ini -o bad.h5 --pipeline.stages=forecast,plam
[[ $ST == FAILED && $EXIT == 2:0 ]] || fail "bad option: job $ID ended $ST ($EXIT), expected FAILED 2:0"
grep -q "unknown stage 'plam'" bad.out || fail "the log does not name the bad stage"
[[ ! -e bad.h5 && ! -e bad.h5.tmp ]] || fail "a results file was written for a bad option"
echo "slurm_pipeline: all OK"
