/* Signals. Mode "self": the last rank raises SIGTERM on itself; after
 * eco_signal_agree every rank knows. Mode "wait": poll with
 * eco_signal_agree every 10 ms for up to 30 s until some rank receives a
 * signal (core_signal.sh sends SIGUSR1 to mpiexec, which forwards it), then
 * stop with ECO_ERR_INTERRUPTED: rank 0 reports it and every rank exits with
 * code 3. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ecoscale/core.h"

static eco_status wait_for_signal(MPI_Comm w) {
  struct timespec nap = {0, 10000000L};
  for (int i = 0; i < 3000; i++) {
    int any = 0;
    ECO_CALL(eco_signal_agree(w, &any));
    if (any)
      return eco_error_set(ECO_ERR_INTERRUPTED, __FILE__, __LINE__,
                           "stopped by signal %d after %d polls",
                           eco_signal_pending(), i);
    nanosleep(&nap, NULL);
  }
  return eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                       "no signal arrived in 30 s");
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK)
    return 1;
  MPI_Comm w = eco_comm_world();
  int rank = eco_rank(), size = eco_size();
  eco_status st = ECO_OK;
  if (argc > 1 && strcmp(argv[1], "wait") == 0) {
    if (rank == 0) {
      printf("core_signal: ready\n");
      fflush(stdout);
    }
    st = eco_agree(w, wait_for_signal(w));
  } else {
    int any = -1, bad = 0;
    if (eco_signal_agree(w, &any) != ECO_OK || any != 0)
      bad = 1;
    if (rank == size - 1)
      raise(SIGTERM); /* handled: the process goes on */
    if (eco_signal_agree(w, &any) != ECO_OK || any != 1)
      bad = 1;
    if ((rank == size - 1) != (eco_signal_pending() == SIGTERM))
      bad = 1;
    if (bad)
      st = eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                         "signal agreement wrong on rank %d", rank);
    st = eco_agree(w, st);
  }
  eco_error_report();
  eco_finalize();
  return eco_status_exit_code(st);
}
