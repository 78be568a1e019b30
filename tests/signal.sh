# signal_run SIG WHO PATTERN LOG RESULTS CMD...: run CMD (an mpiexec line) in
# the background with its output in LOG; once LOG matches PATTERN (grep -E),
# send SIG to mpiexec (WHO = mpiexec: it forwards SIGUSR1 to every rank, as
# under SLURM) or to each rank directly (WHO = ranks: as a scheduler's
# SIGTERM); wait for the job and set RC to its exit code.
#
# A signal that reaches the ranks after their last stop check is not acted
# upon: the run completes with exit code 0, as promised. That happens only
# when the machine is so busy that the log line reaches LOG late (the ranks'
# output goes through mpiexec), so the run is then tried again, at most 3
# times, after removing the complete run's RESULTS; a program that ignores
# the signal still ends with RC 0. (Sourced by the resume tests.)
signal_run() {
  local sig=$1 who=$2 pat=$3 log=$4 results=$5 try pid c
  shift 5
  for try in 1 2 3; do
    "$@" > "$log" 2>&1 &
    pid=$!
    for _ in $(seq 3000); do
      grep -Eq -- "$pat" "$log" && break
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.02
    done
    if [ "$who" = mpiexec ]; then
      kill -"$sig" "$pid" 2> /dev/null
    else
      for c in $(pgrep -P "$pid"); do kill -"$sig" "$c" 2> /dev/null; done
    fi
    RC=0
    wait "$pid" || RC=$?
    [ "$RC" -eq 0 ] && [ "$try" -lt 3 ] || return 0
    echo "signal_run: try $try completed before the signal reached a stop check (busy machine); again"
    rm -f "$results"
  done
}
