/* Signals: SIGTERM and SIGUSR1 (what SLURM sends before a time limit) and
 * SIGINT set a flag that stages poll at safe points. A second SIGINT while
 * the first is still pending restores the default action and kills the
 * process, so Ctrl-C twice always stops a run that does not poll. SIGXFSZ
 * is ignored (see eco_signal_install).
 *
 * Test hook (docs/reliability.md, "Interruption"): the environment variable
 * ECOSCALE_TEST_SIGNAL=[SIG:]WHEN[@RANK] sends this process a real signal
 * (raise(), so the handler above runs) at a chosen point, which makes
 * interruption tests deterministic instead of timed. SIG is TERM (the
 * default), USR1 (what SLURM sends before a time limit) or INT; WHEN is:
 *   start     as soon as the handlers are installed (in eco_init), i.e.
 *             before the options and the inputs are read;
 *   N         at the N-th poll, i.e. call of eco_signal_pending() or
 *             eco_signal_agree() (before it reads the flag); also poll:N;
 *   agree:N   at the N-th call of eco_signal_agree();
 *   agree:K+N at the N-th poll after the K-th call of eco_signal_agree()
 *             (e.g. a generation of the supply stage of a pipeline, after
 *             the forecast's and the plan's agreements, whatever the plan's
 *             dynamic chunks did to the poll count);
 *   count     no signal; at exit every rank prints its numbers of calls and
 *             the poll numbers of its first agreements: "ecoscale: signal
 *             test hook: rank R: P polls, A agreements (at polls a1,a2,...)".
 * RANK is a rank of MPI_COMM_WORLD (default 0) or `all` (every rank counts
 * its own calls). A malformed value is reported once and ignored. When the
 * variable is unset the only cost is one test of a static int per poll. */
#include "core_impl.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- test hook --------------------------------------------------------- */
enum { HOOK_OFF, HOOK_POLL, HOOK_AGREE, HOOK_COUNT };
static int hook_mode = HOOK_OFF;  /* HOOK_OFF unless ECOSCALE_TEST_SIGNAL */
static long long hook_at, hook_after = -1, hook_polls, hook_agrees, hook_base;
static long long hook_agree_at[16]; /* poll numbers of the first agreements */
static int hook_rank;
static int hook_signo = SIGTERM;

static void hook_report(void) {
  char at[16 * 24] = "";
  size_t n = 0;
  for (long long i = 0; i < hook_agrees && i < 16 && n < sizeof at; i++)
    n += (size_t)snprintf(at + n, sizeof at - n, "%s%lld", i ? "," : "", hook_agree_at[i]);
  fprintf(stderr, "ecoscale: signal test hook: rank %d: %lld polls, %lld agreements (at polls %s)\n",
          hook_rank, hook_polls, hook_agrees, at);
}

static void hook_setup(void) {
  const char *v = getenv("ECOSCALE_TEST_SIGNAL");
  if (!v || !v[0]) return;
  const char *all = v;
  static const struct { const char *prefix; int signo; } sigs[] = {
    {"TERM:", SIGTERM}, {"USR1:", SIGUSR1}, {"INT:", SIGINT}};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    if (strncmp(v, sigs[i].prefix, strlen(sigs[i].prefix)) == 0) {
      hook_signo = sigs[i].signo;
      v += strlen(sigs[i].prefix);
      break;
    }
  char when[64] = {0};
  const char *at = strchr(v, '@');
  size_t n = at ? (size_t)(at - v) : strlen(v);
  int me = eco_rank(), ok = n > 0 && n < sizeof when;
  if (ok) memcpy(when, v, n);
  if (ok && !(at && strcmp(at + 1, "all") == 0)) {
    long r = 0;
    if (at) {
      char *end = NULL;
      r = strtol(at + 1, &end, 10);
      ok = end != at + 1 && *end == '\0' && r >= 0;
    }
    if (ok && r != me) return; /* not this rank */
  }
  int mode = HOOK_OFF;
  const char *num = NULL;
  if (!ok) {
  } else if (strcmp(when, "start") == 0) {
    raise(hook_signo);
    return;
  } else if (strcmp(when, "count") == 0) {
    mode = HOOK_COUNT;
  } else if (strncmp(when, "agree:", 6) == 0 && strchr(when, '+')) {
    char *end = NULL;
    hook_after = strtoll(when + 6, &end, 10);
    ok = end != when + 6 && *end == '+' && hook_after >= 0;
    mode = HOOK_POLL, num = end + 1;
  } else if (strncmp(when, "agree:", 6) == 0) {
    mode = HOOK_AGREE, num = when + 6;
  } else {
    mode = HOOK_POLL, num = strncmp(when, "poll:", 5) == 0 ? when + 5 : when;
  }
  if (ok && num) {
    char *end = NULL;
    hook_at = strtoll(num, &end, 10);
    ok = end != num && *end == '\0' && hook_at >= 1;
  }
  if (!ok) {
    if (me == 0)
      fprintf(stderr, "ecoscale: ECOSCALE_TEST_SIGNAL=%s ignored (expected optionally TERM:, "
              "USR1: or INT:, then start, N, poll:N, agree:N, agree:K+N or count, then "
              "optionally @RANK or @all)\n", all);
    return;
  }
  hook_rank = me;
  hook_mode = mode;
  if (mode == HOOK_COUNT) atexit(hook_report);
}

static void hook_poll(int agree) {
  long long c = ++hook_polls;
  if (agree) {
    if (hook_agrees < 16) hook_agree_at[hook_agrees] = hook_polls;
    if (++hook_agrees == hook_after) hook_base = hook_polls;
  }
  if (hook_after >= 0) /* agree:K+N: polls after the K-th agreement */
    c = hook_agrees >= hook_after && hook_polls > hook_base ? c - hook_base : 0;
  if (hook_mode == HOOK_AGREE ? agree && hook_agrees == hook_at
                              : hook_mode == HOOK_POLL && c == hook_at)
    raise(hook_signo);
}
/* ------------------------------------------------------------------------ */

void eco_signal_install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART; /* interrupted reads and writes resume */
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  /* A write past the file size limit (ulimit -f, a batch system's limit)
   * then fails with EFBIG and is reported like any I/O error, instead of
   * SIGXFSZ killing the process and leaving its .tmp file behind. */
  signal(SIGXFSZ, SIG_IGN);
  hook_setup();
}

int eco_signal_pending(void) {
  if (hook_mode != HOOK_OFF) hook_poll(0);
  return (int)pending_signal;
}

void eco_signal_raise_flag(int signo) { pending_signal = signo; }

eco_status eco_signal_agree(MPI_Comm comm, int *any) {
  if (hook_mode != HOOK_OFF) hook_poll(1);
  int mine = (int)pending_signal, most = 0;
  *any = 0;
  ECO_CALL_MPI(MPI_Allreduce(&mine, &most, 1, MPI_INT, MPI_MAX, comm));
  *any = most != 0;
  return ECO_OK;
}
