# Shared by the killrank tests (sourced). A run with a small
# [run] checkpoint_every is started in the background; once its first periodic
# checkpoint exists, one rank is killed with SIGKILL (what the kernel's
# out-of-memory killer or a failing node does: no handler runs). The job must
# end by itself within a bound (Open MPI tears it down), with a non-zero exit
# code; the results file of an earlier successful run must be byte-identical;
# --resume must continue from the checkpoint and give the results of an
# uninterrupted run.
# Environment (from eco_add_mpi_test): NP, MPIEXEC, ECOSCALE, SRC, WORK.
set -u
: "${SRC:?}"
. "$SRC/tests/lib.sh"     # set-up of WORK
fail() { echo "FAIL: $*"; exit 1; } # a killrank check stops the test at once
# the rank to kill: the last one (rank 0 at 1 rank); KILL_RANK overrides
KILL_RANK=${KILL_RANK:-$((NP - 1))}
BOUND=${KILLRANK_BOUND:-60}  # seconds the job may take to end after the kill

# kr_kill_run LOG MARKER CMD...: run CMD (an mpiexec line) in the background,
# wait until the file MARKER exists, SIGKILL rank KILL_RANK (found among the
# children of mpiexec by OMPI_COMM_WORLD_RANK in its environment), wait at
# most BOUND seconds for the job to end. Sets KR_RC and KR_SECONDS.
kr_kill_run() {
  local log=$1 marker=$2 i c victim="" t0 t1
  shift 2
  rm -f "$marker"
  "$@" > "$log" 2>&1 &
  local job=$!
  # find the victim first (so that the kill follows the marker closely)
  for i in $(seq 6000); do
    if [ -z "$victim" ]; then
      for c in $(pgrep -P "$job"); do
        tr '\0' '\n' < "/proc/$c/environ" 2> /dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$KILL_RANK" && victim=$c
      done
    fi
    [ -n "$victim" ] && [ -e "$marker" ] && break
    kill -0 "$job" 2> /dev/null || { cat "$log"; fail "the run ended before writing $marker"; }
    sleep 0.01
  done
  [ -e "$marker" ] || { kill -KILL "$job"; fail "no $marker after 60 s"; }
  [ -n "$victim" ] || { cat "$log"; fail "no process of rank $KILL_RANK under mpiexec $job"; }
  t0=$(date +%s%N)
  kill -KILL "$victim" || fail "rank $KILL_RANK (pid $victim) ended before the kill"
  for i in $(seq $((BOUND * 20))); do
    kill -0 "$job" 2> /dev/null || break
    sleep 0.05
  done
  if kill -0 "$job" 2> /dev/null; then
    for c in $(pgrep -P "$job"); do kill -KILL "$c"; done
    kill -KILL "$job"
    cat "$log"
    fail "the job still runs $BOUND s after rank $KILL_RANK was killed (hang)"
  fi
  wait "$job"
  KR_RC=$?
  t1=$(date +%s%N)
  KR_SECONDS=$(( (t1 - t0) / 1000000 ))
  KR_SECONDS="$((KR_SECONDS / 1000)).$(printf %03d $((KR_SECONDS % 1000)))"
  [ "$KR_RC" -ne 0 ] || { cat "$log"; fail "exit code 0 after rank $KILL_RANK was killed"; }
  [ -e "$marker" ] || { cat "$log"; fail "$marker is gone: the run finished before the kill (make it longer)"; }
  echo "rank $KILL_RANK of $NP killed after $marker appeared; the job ended in $KR_SECONDS s with exit code $KR_RC"
}

# h5dumps_same A B H5DUMP_ARGS...: h5dump prints the same for both files at
# full precision (bitwise for doubles); prints the first differences otherwise.
h5dumps_same() {
  local a=$1 b=$2
  shift 2
  cmp -s <(h5dump -m %.17g "$@" "$a" | tail -n +2) <(h5dump -m %.17g "$@" "$b" | tail -n +2) \
    || { diff <(h5dump -m %.17g "$@" "$a" | tail -n +2) <(h5dump -m %.17g "$@" "$b" | tail -n +2) | head -20
         return 1; }
}
# same_dumps A B OBJECT...: the objects (datasets) of two HDF5 files print the same
same_dumps() {
  local a=$1 b=$2 o args=()
  shift 2
  for o in "$@"; do args+=(-d "$o"); done
  h5dumps_same "$a" "$b" "${args[@]}" || fail "$a and $b differ in $*"
}
# same_dump_group A B GROUP: the whole group prints the same (every dataset and
# attribute below it)
same_dump_group() { h5dumps_same "$1" "$2" -g "$3" || fail "$1 and $2 differ in $3"; }
