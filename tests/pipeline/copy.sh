#!/usr/bin/env bash
# eco_h5_copy_tree at NP ranks: a group with every supported type, chunked +
# deflated and contiguous datasets, an empty dataset, nested and empty groups,
# attributes (scalar, array, variable-length string), copied with a 4 KiB
# block so that every dataset takes many collective rounds.
#   - h5diff finds no difference between SRC:/g and DST:/copy/g (data and
#     attributes), and the copy of a file made at NP ranks is read back;
#   - chunk sizes and deflate levels are kept (h5dump -p);
#   - copying onto an existing group fails on every rank with exit code 2 and
#     leaves the destination as it was.
set -uo pipefail
: "${NP:?}" "${MPIEXEC:?}" "${COPY_TREE:?}" "${WORK:?}"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

timeout 120 $MPIEXEC "$COPY_TREE" make src.h5 || fail "make"
timeout 120 $MPIEXEC "$COPY_TREE" copy src.h5 dst.h5 || fail "copy"
h5diff -v src.h5 dst.h5 /g /copy/g > diff.txt 2>&1
rc=$?
[ $rc -eq 0 ] || { cat diff.txt; fail "h5diff: the copy differs (exit $rc)"; }
# h5diff compared every object and attribute (not an empty walk)
grep -q "sub/deeper/i64" diff.txt || { cat diff.txt; fail "h5diff did not see the nested dataset"; }
grep -q "vlen" diff.txt || { cat diff.txt; fail "h5diff did not compare the attributes"; }
[ "$(h5dump -a /copy/g/s/vlen dst.h5 | grep -c 'a variable-length')" = 1 ] || fail "vlen attribute"
# /other was not copied (only the group)
h5ls dst.h5/other >/dev/null 2>&1 && fail "/other was copied"

# storage kept
h5dump -p -H -d /copy/g/a dst.h5 > a.txt
grep -q "CHUNKED ( 64, 3 )" a.txt || { cat a.txt; fail "chunks of /copy/g/a"; }
grep -q "LEVEL 4" a.txt || { cat a.txt; fail "deflate level of /copy/g/a"; }
h5dump -p -H -d /copy/g/sub/deeper/i64 dst.h5 | grep -q "LEVEL 9" || fail "deflate of i64"
h5dump -p -H -d /copy/g/s dst.h5 | grep -q "LEVEL 2" || fail "deflate of strings"
h5dump -p -H -d /copy/g/sub/i32 dst.h5 | grep -q "CONTIGUOUS" || fail "i32 layout"
h5dump -H -d /copy/g/f dst.h5 | grep -q "H5T_IEEE_F32LE" || fail "float type"

# onto an existing group: exit 2 on every rank, one message, file unchanged
cp dst.h5 before.h5
timeout 120 $MPIEXEC "$COPY_TREE" again src.h5 dst.h5 > again.txt 2>&1
rc=$?
[ $rc -eq 2 ] || { cat again.txt; fail "copy onto an existing group: exit $rc, expected 2"; }
grep -q "exists already" again.txt || { cat again.txt; fail "message"; }
h5diff before.h5 dst.h5 || fail "the failed copy changed the destination"
echo "copy: OK at $NP rank(s)"
