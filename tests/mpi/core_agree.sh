#!/bin/bash
# Runs core_agree under mpiexec: every rank must exit with code 2 (bad
# input), without hanging, and exactly one "error:" line must be printed.
set -u
prog=$1
mkdir -p "$WORK"
timeout 60 $MPIEXEC "$prog" >"$WORK/out.txt" 2>"$WORK/err.txt"
rc=$?
cat "$WORK/out.txt" "$WORK/err.txt"
if [ "$rc" -ne 2 ]; then
  echo "core_agree.sh: exit code $rc, want 2" >&2
  exit 1
fi
n=$(cat "$WORK/out.txt" "$WORK/err.txt" | grep -c "error:")
if [ "$n" -ne 1 ]; then
  echo "core_agree.sh: $n error lines, want 1" >&2
  exit 1
fi
if [ "$NP" -gt 1 ]; then
  want="ecoscale: error: rank $((NP - 1)): demand.csv:$((1000 + NP - 1)): negative quantity -3"
else
  want="ecoscale: error: demand.csv:1000: negative quantity -3"
fi
if ! grep -qxF "$want" "$WORK/err.txt"; then
  echo "core_agree.sh: missing line: $want" >&2
  exit 1
fi
echo "core_agree.sh: ok"
