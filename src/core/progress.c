/* Global progress reporting without blocking any rank.
 *
 * Protocol (on a private duplicate of the stage's communicator, so these
 * messages never mix with the stage's own):
 *  - every rank other than 0 keeps one MPI_Ibcast posted to receive
 *    "keep_going";
 *  - rank 0, in eco_progress_update, when the interval has passed and no
 *    round is outstanding, posts MPI_Ibcast(keep_going = 1);
 *  - every rank, at its next update, tests the broadcast; once complete it
 *    posts MPI_Ireduce of (done, figure, finished) to rank 0 (and, other
 *    than rank 0, posts the Ibcast of the next round);
 *  - rank 0 prints the line when its reduce completes.
 * A rank that reaches eco_progress_destroy early keeps answering rounds
 * (finished = 1, sleeping between tests), so it never blocks the others.
 * When rank 0 reaches destroy first it keeps running rounds (printing at the
 * interval) until a round reports every rank finished; then it sends
 * keep_going = 0, all ranks reduce their final figures once more and rank 0
 * prints the final line. The collectives are issued in the same order on
 * every rank: Ibcast, Ireduce, Ibcast, Ireduce, ..., Ibcast(0), final
 * reduce. */
#include "ecoscale/progress.h"
#include "core_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct eco_progress {
  MPI_Comm comm;
  int rank, size;
  char label[64];
  char figure_name[64];
  int has_figure;
  int64_t total;
  eco_figure_op op;
  MPI_Op mpi_op;
  double interval;
  double t_start;
  double last_report; /* last line printed (rank 0) */
  double last_round;  /* last round started (rank 0) */
  int64_t done_local;
  double figure_local;
  /* protocol state */
  int bcast_active;
  MPI_Request bcast_req;
  int keep_going;
  int reduce_active;
  MPI_Request reduce_req;
  /* done (as a double: exact below 2^53), figure, finished (in destroy) */
  double send[3];
  double recv_sum[3];
  int finished;     /* this rank is in destroy */
  int all_finished; /* rank 0: a round saw every rank in destroy */
  int stopped;      /* rank != 0: saw keep_going = 0 */
  int broken;       /* an MPI call failed: stop taking part */
  /* output */
  int quiet;
  int tty;
  FILE *out;
};

/* The progress line currently drawn in place on the terminal, if any, and
 * the stream it is on. */
static int line_drawn;
static FILE *line_stream;

void eco_progress_line_clear(void) {
  if (line_drawn && line_stream) {
    fputs("\r\033[K", line_stream);
    fflush(line_stream);
    line_drawn = 0;
  }
}

/* Progress goes to stderr, redrawn in place when stderr is a terminal.
 * stdout is no guide: Open MPI gives every rank a pseudo-terminal for stdout
 * even when mpiexec's output goes to a file, while stderr is a pipe. */
static FILE *pick_stream(int *tty) {
  *tty = isatty(STDERR_FILENO);
  return stderr;
}

static double now_s(void) { return eco_core_monotonic(); }

/* 1234567 -> "1,234,567" */
static void fmt_count(char *buf, size_t len, int64_t v) {
  char digits[32];
  int neg = v < 0;
  unsigned long long u =
      neg ? (unsigned long long)(-(v + 1)) + 1u : (unsigned long long)v;
  snprintf(digits, sizeof digits, "%llu", u);
  size_t nd = strlen(digits), o = 0;
  char tmp[48];
  if (neg)
    tmp[o++] = '-';
  for (size_t i = 0; i < nd; i++) {
    if (i > 0 && (nd - i) % 3 == 0)
      tmp[o++] = ',';
    tmp[o++] = digits[i];
  }
  tmp[o] = '\0';
  snprintf(buf, len, "%s", tmp);
}

static void fmt_hms(char *buf, size_t len, double s) {
  if (!(s >= 0) || s > 3.6e8) {
    snprintf(buf, len, "-");
    return;
  }
  long t = (long)(s + 0.5);
  snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
}

static void print_line(eco_progress *p, double done_d, double figure,
                       int final) {
  if (p->quiet)
    return;
  int64_t done = (int64_t)llround(done_d);
  double elapsed = now_s() - p->t_start;
  char line[512], a[32], b[32], rate[32], t[32];
  int n = 0;
  fmt_count(a, sizeof a, done);
  if (p->total > 0) {
    fmt_count(b, sizeof b, p->total);
    n += snprintf(line + n, sizeof line - (size_t)n, "%s  %s / %s (%.1f%%)",
                  p->label, a, b, 100.0 * (double)done / (double)p->total);
  } else {
    n += snprintf(line + n, sizeof line - (size_t)n, "%s  %s", p->label, a);
  }
  double r = elapsed > 0 ? (double)done / elapsed : 0.0;
  fmt_count(rate, sizeof rate, (int64_t)llround(r));
  n += snprintf(line + n, sizeof line - (size_t)n, "  %s/s", rate);
  if (final) {
    fmt_hms(t, sizeof t, elapsed);
    n += snprintf(line + n, sizeof line - (size_t)n, "  elapsed %s", t);
  } else if (p->total > 0 && r > 0) {
    fmt_hms(t, sizeof t, (double)(p->total - done) / r);
    n += snprintf(line + n, sizeof line - (size_t)n, "  ETA %s", t);
  }
  if (p->has_figure) {
    if (isfinite(figure))
      n += snprintf(line + n, sizeof line - (size_t)n, "  %s %.4g",
                    p->figure_name, figure);
    else
      n +=
          snprintf(line + n, sizeof line - (size_t)n, "  %s -", p->figure_name);
  }
  if (p->tty) {
    fprintf(p->out, "\r%s\033[K%s", line, final ? "\n" : "");
    line_drawn = !final;
    line_stream = p->out;
  } else {
    fprintf(p->out, "%s\n", line);
  }
  fflush(p->out);
}

/* Combine (done, figure, finished) triples: counts add up, figures combine
 * by the figure's op. */
#define COMBINE(name, fig)                                                     \
  static void name(void *in, void *inout, int *len, MPI_Datatype *dt) {        \
    double *a = in, *b = inout;                                                \
    for (int i = 0; i < 3 * *len; i += 3) {                                    \
      b[i] += a[i];                                                            \
      b[i + 1] = fig(a[i + 1], b[i + 1]);                                      \
      b[i + 2] += a[i + 2];                                                    \
    }                                                                          \
  }
static double add(double x, double y) { return x + y; }
COMBINE(combine_min, fmin)
COMBINE(combine_max, fmax)
COMBINE(combine_sum, add)

static MPI_Datatype triple_type = MPI_DATATYPE_NULL;

static eco_status triple_type_get(void) {
  if (triple_type == MPI_DATATYPE_NULL) {
    ECO_CALL_MPI(MPI_Type_contiguous(3, MPI_DOUBLE, &triple_type));
    ECO_CALL_MPI(MPI_Type_commit(&triple_type));
  }
  return ECO_OK;
}

static void fail(eco_progress *p, int rc, const char *what) {
  char text[MPI_MAX_ERROR_STRING] = "";
  int len = 0;
  MPI_Error_string(rc, text, &len);
  eco_log(ECO_LOG_WARN, "progress reporting stopped: %s: %s", what, text);
  p->broken = 1;
}

static int post_bcast(eco_progress *p) {
  int rc = MPI_Ibcast(&p->keep_going, 1, MPI_INT, 0, p->comm, &p->bcast_req);
  if (rc != MPI_SUCCESS) {
    fail(p, rc, "MPI_Ibcast");
    return 0;
  }
  p->bcast_active = 1;
  return 1;
}

static int post_reduce(eco_progress *p) {
  p->send[0] = (double)p->done_local;
  p->send[1] = p->figure_local;
  p->send[2] = p->finished;
  int rc = MPI_Ireduce(p->send, p->recv_sum, 1, triple_type, p->mpi_op, 0,
                       p->comm, &p->reduce_req);
  if (rc != MPI_SUCCESS) {
    fail(p, rc, "MPI_Ireduce");
    return 0;
  }
  p->reduce_active = 1;
  return 1;
}

/* Wait for a request without burning a core: test, then sleep a little. */
static int wait_poll(MPI_Request *req) {
  int flag = 0;
  struct timespec nap = {0, 200000}; /* 0.2 ms */
  for (;;) {
    int rc = MPI_Test(req, &flag, MPI_STATUS_IGNORE);
    if (rc != MPI_SUCCESS)
      return rc;
    if (flag)
      return MPI_SUCCESS;
    nanosleep(&nap, NULL);
  }
}

static double default_interval(int tty) {
  const char *env = getenv("ECOSCALE_PROGRESS_INTERVAL");
  if (env && *env) {
    char *end = NULL;
    double v = strtod(env, &end);
    if (end && *end == '\0' && v > 0 && isfinite(v))
      return v;
    eco_log_root(ECO_LOG_WARN,
                 "ignoring ECOSCALE_PROGRESS_INTERVAL=%s "
                 "(expected seconds > 0)",
                 env);
  }
  return tty ? 1.0 : 10.0;
}

eco_status eco_progress_create(MPI_Comm comm, const char *label, int64_t total,
                               const char *figure_name, eco_figure_op op,
                               eco_progress **out) {
  *out = NULL;
  eco_status st = ECO_OK;
  eco_progress *p = NULL;
  st = eco_calloc(1, sizeof *p, &p);
  if (st == ECO_OK)
    st = triple_type_get();
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    eco_free(&p);
    return st;
  }
  p->comm = MPI_COMM_NULL;
  ECO_CALL_MPI_GOTO(st, MPI_Comm_dup(comm, &p->comm), fail_out);
  MPI_Comm_set_errhandler(p->comm, MPI_ERRORS_RETURN);
  MPI_Comm_rank(p->comm, &p->rank);
  MPI_Comm_size(p->comm, &p->size);
  snprintf(p->label, sizeof p->label, "%s", label ? label : "progress");
  p->has_figure = figure_name != NULL && figure_name[0] != '\0';
  snprintf(p->figure_name, sizeof p->figure_name, "%s",
           p->has_figure ? figure_name : "");
  p->total = total > 0 ? total : 0;
  p->op = op;
  switch (op) {
  case ECO_FIGURE_MIN:
    p->figure_local = INFINITY;
    ECO_CALL_MPI_GOTO(st, MPI_Op_create(combine_min, 1, &p->mpi_op), fail_out);
    break;
  case ECO_FIGURE_MAX:
    p->figure_local = -INFINITY;
    ECO_CALL_MPI_GOTO(st, MPI_Op_create(combine_max, 1, &p->mpi_op), fail_out);
    break;
  default:
    p->figure_local = 0.0;
    ECO_CALL_MPI_GOTO(st, MPI_Op_create(combine_sum, 1, &p->mpi_op), fail_out);
    break;
  }
  p->out = pick_stream(&p->tty);
  p->quiet = eco_log_get_level() < ECO_LOG_INFO;
  p->interval = default_interval(p->tty);
  p->t_start = now_s();
  p->last_report = p->t_start;
  p->last_round = p->t_start;
  p->keep_going = 0;
  if (p->rank != 0)
    post_bcast(p);
  *out = p;
  return ECO_OK;
fail_out:
  if (p->comm != MPI_COMM_NULL)
    MPI_Comm_free(&p->comm);
  eco_free(&p);
  return st;
}

void eco_progress_set_interval(eco_progress *p, double seconds) {
  if (p && seconds > 0 && isfinite(seconds))
    p->interval = seconds;
}

/* Advance the protocol without blocking. */
static void step(eco_progress *p) {
  int flag = 0, rc;
  if (p->broken)
    return;
  if (p->rank != 0) {
    if (p->stopped || !p->bcast_active)
      return;
    rc = MPI_Test(&p->bcast_req, &flag, MPI_STATUS_IGNORE);
    if (rc != MPI_SUCCESS) {
      fail(p, rc, "MPI_Test");
      return;
    }
    if (p->reduce_active) { /* let the previous answer complete */
      int done = 0;
      rc = MPI_Test(&p->reduce_req, &done, MPI_STATUS_IGNORE);
      if (rc != MPI_SUCCESS) {
        fail(p, rc, "MPI_Test");
        return;
      }
      if (done)
        p->reduce_active = 0;
    }
    if (!flag)
      return;
    p->bcast_active = 0;
    if (!p->keep_going) {
      p->stopped = 1;
      return;
    }
    if (p->reduce_active) {
      /* Rank 0 completed the previous reduce, so ours only needs local
       * completion: this does not wait on any other rank. */
      rc = MPI_Wait(&p->reduce_req, MPI_STATUS_IGNORE);
      if (rc != MPI_SUCCESS) {
        fail(p, rc, "MPI_Wait");
        return;
      }
      p->reduce_active = 0;
    }
    if (post_reduce(p))
      post_bcast(p);
    return;
  }
  /* rank 0 */
  if (p->bcast_active) {
    rc = MPI_Test(&p->bcast_req, &flag, MPI_STATUS_IGNORE);
    if (rc != MPI_SUCCESS) {
      fail(p, rc, "MPI_Test");
      return;
    }
    if (!flag)
      return;
    p->bcast_active = 0;
    if (!post_reduce(p))
      return;
  }
  if (p->reduce_active) {
    rc = MPI_Test(&p->reduce_req, &flag, MPI_STATUS_IGNORE);
    if (rc != MPI_SUCCESS) {
      fail(p, rc, "MPI_Test");
      return;
    }
    if (!flag)
      return;
    p->reduce_active = 0;
    if (p->recv_sum[2] >= p->size)
      p->all_finished = 1;
    double t = now_s();
    /* When every rank is done the final line follows at once. */
    if (!p->all_finished && t - p->last_report >= p->interval) {
      p->last_report = t;
      print_line(p, p->recv_sum[0], p->recv_sum[1], 0);
    }
    return;
  }
  /* In destroy rank 0 polls quickly to learn when every rank is done, and
   * still prints at the interval. */
  double pace = p->finished ? fmin(p->interval, 0.02) : p->interval;
  if (!p->all_finished && now_s() - p->last_round >= pace) {
    p->keep_going = 1;
    p->last_round = now_s();
    if (post_bcast(p))
      step(p); /* a size-1 communicator completes at once */
  }
}

void eco_progress_update(eco_progress *p, int64_t done_local, double figure) {
  if (!p)
    return;
  p->done_local = done_local;
  p->figure_local = figure;
  step(p);
}

eco_status eco_progress_destroy(eco_progress **pp) {
  if (!pp || !*pp)
    return ECO_OK;
  eco_progress *p = *pp;
  *pp = NULL;
  eco_status st = ECO_OK;
  int rc = MPI_SUCCESS;
  if (!p->broken) {
    p->finished = 1;
    if (p->rank == 0) {
      /* Keep running rounds until every rank is in destroy. */
      struct timespec nap = {0, 200000}; /* 0.2 ms */
      while (!p->broken &&
             !(p->all_finished && !p->bcast_active && !p->reduce_active)) {
        step(p);
        if (!(p->all_finished && !p->bcast_active && !p->reduce_active))
          nanosleep(&nap, NULL);
      }
      if (p->broken)
        rc = MPI_ERR_OTHER;
      if (rc == MPI_SUCCESS) {
        p->keep_going = 0;
        rc = MPI_Ibcast(&p->keep_going, 1, MPI_INT, 0, p->comm, &p->bcast_req);
        if (rc == MPI_SUCCESS)
          rc = wait_poll(&p->bcast_req);
      }
    } else {
      /* Answer rounds with the final figures until rank 0 says stop. */
      while (rc == MPI_SUCCESS && !p->stopped) {
        if (p->reduce_active) {
          rc = wait_poll(&p->reduce_req);
          p->reduce_active = 0;
          if (rc != MPI_SUCCESS)
            break;
        }
        if (!p->bcast_active) /* cannot happen: one is always posted */
          break;
        rc = wait_poll(&p->bcast_req);
        p->bcast_active = 0;
        if (rc != MPI_SUCCESS)
          break;
        if (!p->keep_going)
          p->stopped = 1;
        else if (post_reduce(p))
          post_bcast(p);
        else
          rc = MPI_ERR_OTHER;
      }
      if (rc == MPI_SUCCESS && p->reduce_active) {
        rc = wait_poll(&p->reduce_req);
        p->reduce_active = 0;
      }
    }
    /* The final totals, once every rank is here. */
    if (rc == MPI_SUCCESS) {
      p->send[0] = (double)p->done_local;
      p->send[1] = p->figure_local;
      p->send[2] = 1;
      rc = MPI_Ireduce(p->send, p->recv_sum, 1, triple_type, p->mpi_op, 0,
                       p->comm, &p->reduce_req);
      if (rc == MPI_SUCCESS)
        rc = wait_poll(&p->reduce_req);
    }
    if (rc != MPI_SUCCESS)
      st = eco_error_mpi(rc, __FILE__, __LINE__, "progress reduction");
    else if (p->rank == 0)
      print_line(p, p->recv_sum[0], p->recv_sum[1], 1);
  } else {
    st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__,
                       "progress reporting failed on this rank");
  }
  MPI_Op_free(&p->mpi_op);
  MPI_Comm_free(&p->comm);
  free(p);
  return st;
}
