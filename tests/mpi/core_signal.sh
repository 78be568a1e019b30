#!/bin/bash
# A signal that reaches one rank stops all ranks at the next poll: first a
# SIGTERM a rank raises on itself, then SIGUSR1 sent to mpiexec (which
# forwards it to the ranks, as SLURM's srun does): exit code 3, one error
# line, no hang.
set -u
prog=$1
mkdir -p "$WORK"
fail() { echo "core_signal.sh: $*" >&2; exit 1; }

timeout 60 $MPIEXEC "$prog" self || fail "self mode: exit code $?"

# A fresh file: an old "ready" line must not send the signal before mpiexec
# has started the ranks.
rm -f "$WORK/out.txt" "$WORK/err.txt"
timeout 60 $MPIEXEC "$prog" wait >"$WORK/out.txt" 2>"$WORK/err.txt" &
pid=$!
for _ in $(seq 1 300); do
  grep -q "core_signal: ready" "$WORK/out.txt" 2>/dev/null && break
  sleep 0.1
done
grep -q "core_signal: ready" "$WORK/out.txt" || fail "the program did not start"
sleep 0.2
mpiexec_pid=$(pgrep -P "$pid" | head -n 1)
[ -n "$mpiexec_pid" ] || fail "no mpiexec under timeout"
kill -USR1 "$mpiexec_pid"
wait "$pid"
rc=$?
cat "$WORK/out.txt" "$WORK/err.txt"
[ "$rc" -eq 3 ] || fail "exit code $rc, want 3"
n=$(grep -c "error:" "$WORK/err.txt")
[ "$n" -eq 1 ] || fail "$n error lines, want 1"
usr1=$(kill -l USR1)
grep -q "^ecoscale: error: .*stopped by signal $usr1 " "$WORK/err.txt" ||
  fail "the message does not name SIGUSR1 ($usr1)"
echo "core_signal.sh: ok"
