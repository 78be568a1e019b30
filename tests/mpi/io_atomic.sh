#!/bin/bash
# Atomic results files: a run killed (SIGKILL) in the middle of writing
# leaves the previous results file byte-for-byte intact and readable; a
# complete run then replaces it. Also: abort leaves no temporary file, an
# output that is an input is refused, inputs are recorded with their sha256,
# and a missing output folder is created.
set -euo pipefail
mkdir -p "$WORK"
cd "$WORK"
rm -rf out in.csv shards
OUT="$WORK/out/sub/results.h5"
printf 'id,value\n1,2.5\n2,3.5\n' > in.csv

fail() { echo "FAIL: $*"; exit 1; }
tag_of() { h5dump -a /tag "$1" | sed -n 's/.*(0): "\(.*\)".*/\1/p'; }

# 1. A good file (the folder out/sub does not exist yet).
$MPIEXEC "$IO_WRITER" write "$OUT" first 0 "$WORK/in.csv"
[ -f "$OUT" ] || fail "no results file after a complete run"
[ ! -e "$OUT.tmp" ] || fail "temporary file left after commit"
[ "$(tag_of "$OUT")" = first ] || fail "tag of the first run"
want_sha=$(sha256sum in.csv | cut -d' ' -f1)
h5dump -a /inputs "$OUT" > inputs.txt
grep -q "$want_sha  $WORK/in.csv" inputs.txt || fail "inputs attribute lacks '$want_sha  in.csv'"
h5dump -a /nranks "$OUT" > nranks.txt
grep -q "(0): $NP\$" nranks.txt || fail "nranks != $NP"
before=$(sha256sum "$OUT" | cut -d' ' -f1)

# 2. A slow run (about 20 s) killed with SIGKILL on every rank 1 s after it
#    started writing (waiting for its "writing" line, not a fixed time: start-up
#    under a sanitizer on a loaded machine can take seconds).
set +e
$MPIEXEC "$IO_WRITER" write "$OUT" second 20 > slow.log 2>&1 &
mpi_pid=$!
for _ in $(seq 1 600); do
  grep -q "^writing " slow.log && break
  kill -0 $mpi_pid 2>/dev/null || break
  sleep 0.1
done
sleep 1
pkill -KILL -f -- "$IO_WRITER write $OUT second"
wait $mpi_pid
rc=$?
set -e
[ $rc -ne 0 ] || fail "the killed run exited 0"
grep -q "^writing " slow.log || fail "the killed run had not started writing: $(cat slow.log)"
[ -s "$OUT.tmp" ] || fail "no partial $OUT.tmp: the run was not killed mid-write"
grep -q committed slow.log && fail "the slow run committed before it was killed"
after=$(sha256sum "$OUT" | cut -d' ' -f1)
[ "$before" = "$after" ] || fail "the previous results file changed"
h5dump -A "$OUT" > /dev/null || fail "h5dump -A cannot read the previous file"
[ "$(tag_of "$OUT")" = first ] || fail "final name does not hold the first run"

# 3. abort: the final file untouched, no temporary left.
$MPIEXEC "$IO_WRITER" abort "$OUT"
[ ! -e "$OUT.tmp" ] || fail "abort left $OUT.tmp"
[ "$(sha256sum "$OUT" | cut -d' ' -f1)" = "$before" ] || fail "abort changed the results file"

# 4. An output that is one of the inputs is refused on every rank.
$MPIEXEC "$IO_WRITER" self-input "$WORK/in.csv"
cmp -s in.csv <(printf 'id,value\n1,2.5\n2,3.5\n') || fail "the input was touched"

# 5. A complete run replaces the file (over the stale .tmp of the killed run).
mkdir -p shards
$MPIEXEC "$IO_WRITER" write "$OUT" third 0 "$WORK/shards"
h5dump -a /inputs "$OUT" > inputs3.txt
grep -q -- "-  $WORK/shards" inputs3.txt || fail "a folder input is not listed as '-  path'"
[ "$(tag_of "$OUT")" = third ] || fail "the complete run did not replace the file"
[ ! -e "$OUT.tmp" ] || fail "temporary file left after the replacing run"
h5dump -A "$OUT" > attrs.txt
grep -q footprint_gco2e attrs.txt || fail "no footprint in the replaced file"
echo "atomic: OK ($NP ranks)"
