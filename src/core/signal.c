/* Signals: SIGTERM and SIGUSR1 (what SLURM sends before a time limit) and
 * SIGINT set a flag that stages poll at safe points. A second SIGINT while
 * the first is still pending restores the default action and kills the
 * process, so Ctrl-C twice always stops a run that does not poll. */
#include "core_impl.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending_signal = 0;

static void on_signal(int signo) {
  if (signo == SIGINT && pending_signal != 0) {
    signal(SIGINT, SIG_DFL); /* async-signal-safe */
    raise(SIGINT);
    return;
  }
  pending_signal = signo;
}

void eco_signal_install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART; /* interrupted reads and writes resume */
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
}

int eco_signal_pending(void) { return (int)pending_signal; }

void eco_signal_raise_flag(int signo) { pending_signal = signo; }

eco_status eco_signal_agree(MPI_Comm comm, int *any) {
  int mine = (int)pending_signal, most = 0;
  *any = 0;
  ECO_CALL_MPI(MPI_Allreduce(&mine, &most, 1, MPI_INT, MPI_MAX, comm));
  *any = most != 0;
  return ECO_OK;
}
