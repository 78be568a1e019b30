/* Named timers: eco_timer_begin/end("stage.phase"), nestable by name (an
 * inner begin of a running timer only counts depth). Summarized with min /
 * mean / max over ranks by eco_timer_summary. */
#include "core_impl.h"
#include "ecoscale/progress.h"

#include <stdlib.h>
#include <string.h>

enum { TIMER_MAX = 128, TIMER_NAME = 64 };

static struct {
  char name[TIMER_NAME];
  double total;
  double started;
  int depth;
} timers[TIMER_MAX];
static int ntimers;
static int warned_full;

static int find(const char *name, int create) {
  for (int i = 0; i < ntimers; i++)
    if (strcmp(timers[i].name, name) == 0)
      return i;
  if (!create)
    return -1;
  if (ntimers == TIMER_MAX || strlen(name) >= TIMER_NAME) {
    if (!warned_full) {
      warned_full = 1;
      eco_log(ECO_LOG_WARN,
              "timer '%s' not recorded (at most %d timers of "
              "%d characters)",
              name, TIMER_MAX, TIMER_NAME - 1);
    }
    return -1;
  }
  int i = ntimers++;
  strcpy(timers[i].name, name);
  timers[i].total = 0.0;
  timers[i].depth = 0;
  return i;
}

void eco_timer_begin(const char *name) {
  if (!name)
    return;
  int i = find(name, 1);
  if (i < 0)
    return;
  if (timers[i].depth++ == 0)
    timers[i].started = eco_core_monotonic();
}

void eco_timer_end(const char *name) {
  if (!name)
    return;
  int i = find(name, 0);
  if (i < 0 || timers[i].depth == 0) {
    eco_log(ECO_LOG_DEBUG, "eco_timer_end(\"%s\") without a begin", name);
    return;
  }
  if (--timers[i].depth == 0)
    timers[i].total += eco_core_monotonic() - timers[i].started;
}

double eco_timer_seconds(const char *name) {
  int i = name ? find(name, 0) : -1;
  if (i < 0)
    return 0.0;
  double t = timers[i].total;
  if (timers[i].depth > 0) /* still running: include the open interval */
    t += eco_core_monotonic() - timers[i].started;
  return t;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

eco_status eco_timer_summary(MPI_Comm comm, eco_log_level level) {
  eco_status st = ECO_OK;
  int rank = 0, size = 1;
  /* Nothing to print at this log level (the same on every rank): no
   * gathering, so that nothing after a committed results file can fail. */
  if (level > eco_log_get_level())
    return ECO_OK;
  ECO_CALL_MPI(MPI_Comm_rank(comm, &rank));
  ECO_CALL_MPI(MPI_Comm_size(comm, &size));

  /* Every rank's names, '\0'-separated, gathered everywhere. */
  int mylen = 0, nu = 0;
  for (int i = 0; i < ntimers; i++)
    mylen += (int)strlen(timers[i].name) + 1;
  char *mine = NULL, *all = NULL, **names = NULL;
  int *lens = NULL, *displs = NULL;
  double *loc = NULL, *mn = NULL, *mx = NULL, *sum = NULL;
  st = eco_malloc((size_t)mylen, &mine);
  if (st == ECO_OK)
    st = eco_calloc((size_t)size, sizeof *lens, &lens);
  if (st == ECO_OK)
    st = eco_calloc((size_t)size, sizeof *displs, &displs);
  /* Agree before each collective so that a failed allocation on one rank
   * does not leave the others waiting. */
  if ((st = eco_agree(comm, st)) != ECO_OK)
    goto done;
  for (int i = 0, off = 0; i < ntimers; i++) {
    size_t n = strlen(timers[i].name) + 1;
    memcpy(mine + off, timers[i].name, n);
    off += (int)n;
  }
  ECO_CALL_MPI_GOTO(
      st, MPI_Allgather(&mylen, 1, MPI_INT, lens, 1, MPI_INT, comm), done);
  int total = 0;
  for (int r = 0; r < size; r++) {
    displs[r] = total;
    total += lens[r];
  }
  st = eco_malloc((size_t)total, &all);
  if ((st = eco_agree(comm, st)) != ECO_OK)
    goto done;
  ECO_CALL_MPI_GOTO(
      st,
      MPI_Allgatherv(mine, mylen, MPI_CHAR, all, lens, displs, MPI_CHAR, comm),
      done);
  /* Union of names, sorted: the same list on every rank. */
  int nnames = 0;
  for (int i = 0; i < total; i++)
    if (all[i] == '\0')
      nnames++;
  st = eco_calloc((size_t)nnames, sizeof *names, &names);
  if (st != ECO_OK)
    goto agree;
  for (int i = 0, k = 0, start = 0; i < total; i++)
    if (all[i] == '\0') {
      names[k++] = all + start;
      start = i + 1;
    }
  qsort(names, (size_t)nnames, sizeof *names, cmp_str);
  nu = 0;
  for (int i = 0; i < nnames; i++)
    if (nu == 0 || strcmp(names[nu - 1], names[i]) != 0)
      names[nu++] = names[i];

  st = eco_calloc((size_t)nu, sizeof *loc, &loc);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nu, sizeof *mn, &mn);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nu, sizeof *mx, &mx);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nu, sizeof *sum, &sum);
agree:
  if ((st = eco_agree(comm, st)) != ECO_OK)
    goto done;
  for (int i = 0; i < nu; i++)
    loc[i] = eco_timer_seconds(names[i]);
  if (nu > 0) {
    ECO_CALL_MPI_GOTO(st, MPI_Reduce(loc, mn, nu, MPI_DOUBLE, MPI_MIN, 0, comm),
                      done);
    ECO_CALL_MPI_GOTO(st, MPI_Reduce(loc, mx, nu, MPI_DOUBLE, MPI_MAX, 0, comm),
                      done);
    ECO_CALL_MPI_GOTO(
        st, MPI_Reduce(loc, sum, nu, MPI_DOUBLE, MPI_SUM, 0, comm), done);
  }
  if (rank == 0 && nu > 0) {
    int w = 5;
    for (int i = 0; i < nu; i++)
      if ((int)strlen(names[i]) > w)
        w = (int)strlen(names[i]);
    eco_log_impl(level, 1, __FILE__, __LINE__, "timers over %d rank%s:", size,
                 eco_plural(size));
    eco_log_impl(level, 1, __FILE__, __LINE__, "  %-*s %12s %12s %12s", w,
                 "timer", "min s", "mean s", "max s");
    for (int i = 0; i < nu; i++)
      eco_log_impl(level, 1, __FILE__, __LINE__, "  %-*s %12.6f %12.6f %12.6f",
                   w, names[i], mn[i], sum[i] / size, mx[i]);
  }
done:
  eco_free(&mine);
  eco_free(&all);
  eco_free(&names);
  eco_free(&lens);
  eco_free(&displs);
  eco_free(&loc);
  eco_free(&mn);
  eco_free(&mx);
  eco_free(&sum);
  if (st == ECO_ERR_MEM) {
    /* A diagnostic: short of memory for it, the run itself has not failed
     * (st is agreed, so every rank gets here). */
    eco_log_root(ECO_LOG_WARN, "timer summary not printed: %s", eco_error_message());
    eco_error_clear();
    st = ECO_OK;
  }
  return st;
}
