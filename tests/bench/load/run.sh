#!/usr/bin/env bash
# Load runs: the largest run of each stage that fits the 2-core development
# machine, on inputs made by the `generate` commands, in the optimized build,
# at NP ranks (default 2). For each run: wall time and peak resident memory of
# every rank (`/usr/bin/time -f %M` around each rank), and a check of the
# largest rank's peak against the bound of docs/reliability.md ("Load"),
# computed here from the data sizes. Exit status 1 if a run fails or a bound is
# exceeded.
#
#   tests/bench/load/run.sh [STAGE ...]   stages: forecast plan supply recommend pipeline
#                                         (default: all, one after another)
# Env: BUILD (default build/, a Release or RelWithDebInfo build), NP (2),
#      OUT (work folder, default /tmp/ecoscale-load; inputs are kept there and
#      reused when present), and the sizes:
#      SERIES_REGIONS x SERIES_PRODUCTS (100 x 1000 = 10^5 weekly series, PERIODS 104;
#      FC_MODELS naive,snaive: the data path at full size, fitting costs are per series),
#      SCENARIOS as a grid of PRICES carbon prices x LEVELS demand levels (1000 x 100),
#      CFLP_SITES x CFLP_CUSTOMERS (100 x 1000), GENERATIONS (50),
#      USERS x ITEMS x MEAN_ACTIVITY (100,000 x 20,000 x 100: about 10^7 interactions),
#      FACTORS (32), EPOCHS (3); the pipeline: the demo pipeline with the
#      recommend stage on PIPE_USERS x ITEMS x MEAN_ACTIVITY (20,000: about 2 x 10^6).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=$(cd "${BUILD:-$root/build}" && pwd)
E=$BUILD/bin/ecoscale
[[ -x $E ]] || { echo "run.sh: $E not built" >&2; exit 2; }
NP=${NP:-2}
OUT=${OUT:-/tmp/ecoscale-load}
SERIES_REGIONS=${SERIES_REGIONS:-100} SERIES_PRODUCTS=${SERIES_PRODUCTS:-1000} PERIODS=${PERIODS:-104}
PRICES=${PRICES:-1000} LEVELS=${LEVELS:-100}
CFLP_SITES=${CFLP_SITES:-100} CFLP_CUSTOMERS=${CFLP_CUSTOMERS:-1000} GENERATIONS=${GENERATIONS:-50}
USERS=${USERS:-100000} ITEMS=${ITEMS:-20000} MEAN_ACTIVITY=${MEAN_ACTIVITY:-100}
FACTORS=${FACTORS:-32} EPOCHS=${EPOCHS:-3} PIPE_USERS=${PIPE_USERS:-20000}
FC_MODELS=${FC_MODELS:-naive,snaive}
stages=("$@")
((${#stages[@]})) || stages=(forecast plan supply recommend pipeline)

export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader
export OPENBLAS_NUM_THREADS=1 ECOSCALE_OPTIONS=
[[ $EUID -eq 0 ]] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mkdir -p "$OUT"
cd "$OUT" || exit 2
MIB=1048576
FLOOR=64 # MiB per rank for the program itself (MPI, HDF5, libraries: 25-35 MiB measured), with margin
status=0

# gen FILE COMMAND...: make an input once (kept in OUT for the next run)
gen() {
    local f=$1; shift
    [[ -s $f ]] && return 0
    echo "  generate $f: $*"
    "$@" -q || { echo "run.sh: generating $f failed" >&2; exit 1; }
}
# measure NAME BOUND_MIB WHAT -- ecoscale ARGS: run at NP ranks with /usr/bin/time
# around every rank; print one table row; check the bound
measure() {
    local name=$1 bound=$2 what=$3; shift 4
    rm -f "$OUT"/time.$name.*
    local t0=$SECONDS rc
    (cd "${RUNDIR:-$OUT}" && mpiexec -n "$NP" sh -c 'exec /usr/bin/time -f "%e %M %U %S" -o "$0.${OMPI_COMM_WORLD_RANK:-0}" "$@"' \
        "$OUT/time.$name" "$E" "$@" -q) >"$OUT/log.$name" 2>&1
    rc=$?
    local wall=$((SECONDS - t0)) secs="" cpus="" mems="" max=0 r e m u y
    for ((r = 0; r < NP; r++)); do
        read -r e m u y < <(tail -n1 "$OUT/time.$name.$r" 2>/dev/null) || { e=? m=0 u=0 y=0; }
        m=$((m / 1024)) # KiB -> MiB
        secs+="${secs:+ / }$e" mems+="${mems:+ / }$m"
        cpus+="${cpus:+ / }$(awk -v u="$u" -v y="$y" 'BEGIN { printf "%.1f", u + y }')"
        ((m > max)) && max=$m
    done
    local verdict=ok
    if ((rc != 0)); then
        verdict="FAIL (exit $rc, see $OUT/log.$name)"; status=1
        tail -n 5 "$OUT/log.$name" >&2
    elif ((max > bound)); then
        verdict="OVER BOUND"; status=1
    fi
    printf '| %s | %s | %d | %s | %s | %s | %d | %s |\n' "$name" "$what" "$wall" "$secs" "$cpus" "$mems" "$bound" "$verdict"
}

printf '| stage | input | wall s | s per rank | CPU s per rank | peak MiB per rank | bound MiB | |\n|---|---|---:|---:|---:|---:|---:|---|\n'
for s in "${stages[@]}"; do
    case $s in
    forecast)
        n=$((SERIES_REGIONS * SERIES_PRODUCTS))
        gen demand.h5 mpiexec -n "$NP" "$E" generate demand --generate.demand.regions="$SERIES_REGIONS" \
            --generate.demand.products="$SERIES_PRODUCTS" --generate.demand.periods="$PERIODS" -o demand.h5
        # per series on its rank: values, prices and promotions and their
        # exchange copies (104 x 8 B each), forecasts and intervals (6 x 13 x
        # 8 B), metrics (6 x 13 x 8 B), parameters, names: about 4 KiB; bound
        # with a factor 2: FLOOR + series / NP x 8 KiB
        bound=$((FLOOR + n / NP * 8 / 1024))
        measure forecast "$bound" "$n weekly series x $PERIODS" -- forecast demand.h5 \
            --forecast.horizon=13 --forecast.models="$FC_MODELS" -o forecast.h5
        ;;
    plan)
        n=$((PRICES * LEVELS))
        gen lp.mps "$E" generate lp -o lp.mps
        # a grid is decoded, not stored: one LP copy per rank (GLPK, a few MiB for
        # this model) plus 64 B per scenario solved and the results written
        # collectively: FLOOR + 32 MiB + scenarios / NP x 256 B
        bound=$((FLOOR + 32 + n / NP * 256 / MIB))
        measure plan "$bound" "$n scenarios of the default generated LP" -- plan lp.mps \
            "--plan.grid=col:emissions:cost=0:$((PRICES - 1)):1; row:demand_rg1_*:rhs*=0.5:$(awk -v l="$LEVELS" 'BEGIN{printf "%.4f", 0.5 + (l - 1) * 0.01}'):0.01" \
            --plan.chunk=64 -o plan.h5
        ;;
    supply)
        gen cflp.txt "$E" generate supply cflp.txt --generate_supply.sites="$CFLP_SITES" \
            --generate_supply.customers="$CFLP_CUSTOMERS" --generate_supply.ratio=2
        # the instance on every rank (16 m n B) and 40 m n B per island on its
        # rank (docs/scaling.md), the island cache; x2 for margin
        mn=$((CFLP_SITES * CFLP_CUSTOMERS))
        bound=$((FLOOR + 2 * (16 * mn + 40 * mn) / MIB + 16))
        measure supply "$bound" "CFLP $CFLP_SITES sites x $CFLP_CUSTOMERS customers, $NP islands, $GENERATIONS generations" -- \
            supply cflp.txt --supply.islands="$NP" --supply.generations="$GENERATIONS" --supply.stall="$GENERATIONS" -o supply.h5
        ;;
    recommend)
        gen interactions.h5 mpiexec -n "$NP" "$E" generate interactions --generate_interactions.users="$USERS" \
            --generate_interactions.items="$ITEMS" --generate_interactions.mean_activity="$MEAN_ACTIVITY" -o interactions.h5
        ni=$(h5dump -H -d /interactions/user interactions.h5 2>/dev/null | sed -n 's/.*DATASPACE *SIMPLE { ( \([0-9]*\) ).*/\1/p' | head -n1)
        [[ -n $ni ]] || ni=$((USERS * MEAN_ACTIVITY))
        # its share of the interactions, held by user and by item with the
        # load-time copies (78 B per interaction on its rank, from 775 and 417
        # MiB per rank at 1 and 2 ranks on 9.6 M interactions, docs/scaling.md;
        # 96 B with margin) and both factor tables on every rank ((users +
        # items) x k x 4 B, x4 for the normal equations and allgather buffers)
        bound=$((FLOOR + ni / NP * 96 / MIB + (USERS + ITEMS) * FACTORS * 16 / MIB))
        measure recommend "$bound" "$ni interactions ($USERS users x $ITEMS items), ALS k=$FACTORS, $EPOCHS epochs" -- \
            recommend interactions.h5 --recommend.model=als --recommend.factors="$FACTORS" \
            --recommend.epochs="$EPOCHS" -o recommend.h5
        ;;
    pipeline)
        gen pipe-interactions.h5 mpiexec -n "$NP" "$E" generate interactions --generate_interactions.users="$PIPE_USERS" \
            --generate_interactions.items="$ITEMS" --generate_interactions.mean_activity="$MEAN_ACTIVITY" -o pipe-interactions.h5
        ni=$(h5dump -H -d /interactions/user pipe-interactions.h5 2>/dev/null | sed -n 's/.*DATASPACE *SIMPLE { ( \([0-9]*\) ).*/\1/p' | head -n1)
        [[ -n $ni ]] || ni=$((PIPE_USERS * MEAN_ACTIVITY))
        # the largest stage's (recommend, as above); the merge moves at most
        # 16 MiB per rank per round
        bound=$((FLOOR + 16 + ni / NP * 96 / MIB + (PIPE_USERS + ITEMS) * 16 * 16 / MIB))
        rm -rf pipeline.h5.work
        RUNDIR=$root measure pipeline "$bound" "demo pipeline, recommend on $ni interactions" -- \
            pipeline -c inputs/demo/pipeline.ini --recommend.input="$OUT/pipe-interactions.h5" \
            --recommend.items= --pipeline.recommend_eco=none -o "$OUT/pipeline.h5"
        ;;
    *) echo "run.sh: unknown stage '$s'" >&2; exit 2 ;;
    esac
done
exit $status
