#!/usr/bin/env bash
# Every input the fuzzers found a bug with, fed to the program as a user
# would: each must end with exit code 2 (bad input) and one error message
# naming the file, never a crash, an out-of-memory stop or a hang.
set -u
R=$SRC/tests/fuzz/regressions
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK" || exit 1
fail=0
check() { # name, then the command line after $MPIEXEC $ECOSCALE
  local name=$1; shift
  timeout 60 $MPIEXEC "$ECOSCALE" "$@" -o "$WORK/out.h5" >out.txt 2>&1
  local rc=$? n
  n=$(grep -c 'error:' out.txt)
  if [[ $rc -ne 2 || $n -ne 1 || -e $WORK/out.h5 ]]; then
    echo "FAIL $name: exit $rc (want 2), $n error lines (want 1)"; cat out.txt; fail=1
  else
    echo "ok   $name: $(grep 'error:' out.txt)"
  fi
}
for f in "$R"/config/*; do check "config $(basename "$f")" selftest -c "$f"; done
for f in "$R"/cflp_orlib/* "$R"/cvrp/*; do check "supply $(basename "$f")" supply "$f"; done
for f in "$R"/plan_grid/*; do
  check "plan grid $(basename "$f")" plan "$SRC/inputs/demo/plan/production.mps" "--plan.grid=$(head -n1 "$f")"
done
exit $fail
