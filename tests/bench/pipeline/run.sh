#!/usr/bin/env bash
# Benchmark of the pipeline's merge step: eco_h5_copy_tree (collective, parallel
# HDF5, deflate kept) against HDF5's own h5copy (H5Ocopy, one process) on the
# same file: /g/x double ROWS x 16 and /g/id int64 ROWS, chunks of 65536 rows,
# deflate level 4. Prints the times and the ratio; checks that the copies are
# equal to the source (h5diff).
#   tests/bench/pipeline/run.sh [ROWS]        (default 2,000,000: about 270 MB raw)
# Env: BUILD (default build), RANKS (default "1 2"), LEVEL (deflate level, default 4;
#      0 = contiguous chunks without a filter).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=$(cd "${BUILD:-$root/build}" && pwd)
ROWS=${1:-2000000}
RANKS=${RANKS:-1 2}
CT=$BUILD/tests/pipeline/copy_tree
[[ -x $CT ]] || { echo "run.sh: $CT not built" >&2; exit 2; }
export OMPI_MCA_rmaps_base_oversubscribe=1
[[ $EUID -eq 0 ]] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
LEVEL=${LEVEL:-4}
mpirun -n 2 "$CT" big src.h5 "$ROWS" "$LEVEL"
echo "source: $(du -m src.h5 | cut -f1) MB on disk, $ROWS rows"
t0=$(date +%s.%N)
h5copy -i src.h5 -o peer.h5 -s /g -d /g
t1=$(date +%s.%N)
peer=$(echo "$t1 - $t0" | bc -l)
printf 'h5copy (H5Ocopy, serial): %.3f s\n' "$peer"
h5diff src.h5 peer.h5 /g /g
for n in $RANKS; do
    rm -f eco.h5
    line=$(mpirun -n "$n" "$CT" time src.h5 eco.h5)
    echo "$line"
    t=$(sed -n 's/.*: \([0-9.]*\) s.*/\1/p' <<<"$line")
    h5diff src.h5 eco.h5 /g /g
    if ((LEVEL > 0)); then
        h5dump -p -H -d /g/x eco.h5 | grep -q "LEVEL $LEVEL" || { echo "deflate lost" >&2; exit 1; }
    fi
    printf '  ratio eco/h5copy at %d rank(s): %.2f\n' "$n" "$(echo "$t / $peer" | bc -l)"
done
