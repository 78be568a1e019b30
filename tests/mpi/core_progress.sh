#!/bin/bash
# Runs core_progress under mpiexec (no hang: timeout 60) and checks the
# progress lines rank 0 printed: final totals and figures, counts that never
# go backwards; then once more at -q, where nothing may be printed.
set -u
prog=$1
mkdir -p "$WORK"
fail() { echo "core_progress.sh: $*" >&2; exit 1; }

timeout 60 $MPIEXEC "$prog" >"$WORK/out.txt" 2>"$WORK/err.txt"
rc=$?
cat "$WORK/out.txt" "$WORK/err.txt"
[ "$rc" -eq 0 ] || fail "exit code $rc"

total=0
for ((r = 0; r < NP; r++)); do total=$((total + 40 + 10 * r)); done
# thousands separators by hand (locale independent)
tot=$(echo "$total" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
min=$(awk -v np="$NP" 'BEGIN{n=40+10*(np-1); printf "%.4g", 1000-n-0.5*(np-1)}')
max=$(awk -v np="$NP" 'BEGIN{printf "%.4g", (40+10*(np-1))*np}')
sum=$(awk -v t="$total" 'BEGIN{printf "%.4g", 2*t}')

check_final() { # label pattern
  local last
  last=$(grep "^$1  " "$WORK/err.txt" | tail -n 1)
  [ -n "$last" ] || fail "no line for $1"
  echo "$last" | grep -qF "$2" || fail "final line of $1 is '$last', want '$2'"
  echo "$last" | grep -q "elapsed" || fail "final line of $1 lacks the elapsed time"
}
check_final lastearly "lastearly  $tot / $tot (100.0%)"
check_final lastearly "best cost $min"
check_final rootearly "rootearly  $tot / $tot (100.0%)"
check_final rootearly "  sum $sum"
check_final nototal "nototal  $tot  "
check_final nototal "  peak $max"

# Counts never go backwards and never pass the total; one final line each.
for label in lastearly rootearly nototal; do
  grep "^$label  " "$WORK/err.txt" | awk -v t="$total" -v l="$label" '
    { c = $2; gsub(",", "", c); c += 0
      if (c < prev || c > t) { print l ": bad count " c " after " prev; bad = 1 }
      prev = c; if ($0 ~ /elapsed/) finals++ }
    END { if (finals != 1) { print l ": " finals " final lines"; bad = 1 }
          exit bad }' || fail "progress lines of $label"
done
# Rank 0 finished first in "rootearly" but kept reporting while the others
# (at least 100 ms of work each) were still busy.
if [ "$NP" -gt 1 ]; then
  n=$(grep "^rootearly  " "$WORK/err.txt" | grep -vc elapsed)
  [ "$n" -ge 1 ] || fail "no report while rank 0 waited in destroy"
fi
# Only rank 0 prints, and nothing but progress lines here.
others=$(grep -v -e "^lastearly  " -e "^rootearly  " -e "^nototal  " "$WORK/err.txt" | wc -l)
[ "$others" -eq 0 ] || fail "$others unexpected lines on stderr"

timeout 60 $MPIEXEC "$prog" -q >"$WORK/q_out.txt" 2>"$WORK/q_err.txt"
rc=$?
[ "$rc" -eq 0 ] || fail "exit code $rc at -q"
[ ! -s "$WORK/q_out.txt" ] && [ ! -s "$WORK/q_err.txt" ] || fail "output at -q"
echo "core_progress.sh: ok ($(wc -l <"$WORK/err.txt") lines)"
