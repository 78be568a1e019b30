#!/bin/bash
# Write a file with NP ranks, read it back with another rank count and with
# NP ranks; every row is checked. h5dump (serial) must also read it.
set -euo pipefail
mkdir -p "$WORK"
F="$WORK/roundtrip.h5"
rm -f "$F"
cd "$WORK"
MPI=${MPIEXEC%% *}                 # mpiexec without "-n N"
case "$NP" in 1) OTHER=3 ;; 2) OTHER=1 ;; *) OTHER=3 ;; esac
$MPIEXEC "$IO_ROUNDTRIP" write "$F"
$MPI -n "$OTHER" "$IO_ROUNDTRIP" read "$F"
$MPIEXEC "$IO_ROUNDTRIP" read "$F"
# Serial tools read the parallel file, with the compression on.
h5dump -p -H -d /rt/d2 "$F" > d2.txt
grep -q "COMPRESSION" d2.txt || { echo "no deflate on /rt/d2"; exit 1; }
h5dump -d /rt/i32 -s 1000,0 -c 1,3 "$F" > i32.txt
grep -q "26000, 26007, 26014" i32.txt || { echo "h5dump value mismatch"; exit 1; }
# A truncated copy is refused on every rank with one clear reason, no hang.
head -c 4000 "$F" > truncated.h5
if timeout 60 $MPIEXEC "$IO_ROUNDTRIP" read truncated.h5 > trunc.log 2>&1; then
  echo "reading a truncated file succeeded"; exit 1
fi
n=$(grep -c "truncated.h5: cannot open as HDF5" trunc.log || true)
[ "$n" = "$NP" ] || { cat trunc.log; echo "expected the open error on all $NP ranks, got $n"; exit 1; }
echo "roundtrip: OK (written by $NP, read by $OTHER and $NP)"
