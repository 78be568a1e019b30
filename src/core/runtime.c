/* MPI runtime, the ecoscale world communicator and agreement on failure. */
#include "core_impl.h"
#include "ecoscale/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
  int ready;          /* eco_init done */
  int we_initialized; /* MPI_Init_thread was called by eco_init */
  MPI_Comm world;
  int rank, size;
  double t0;
} rt = {0, 0, MPI_COMM_NULL, 0, 1, 0.0};

eco_status eco_init(int *argc, char ***argv) {
  if (rt.ready)
    return ECO_OK;
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) {
    int provided = 0;
    int rc = MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    if (rc != MPI_SUCCESS)
      return eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Init_thread");
    rt.we_initialized = 1;
  }
  /* Without this the ECO_CALL_MPI checks could never fire: the default
   * handler aborts the job. */
  ECO_CALL_MPI(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN));
  ECO_CALL_MPI(MPI_Comm_dup(MPI_COMM_WORLD, &rt.world));
  ECO_CALL_MPI(MPI_Comm_set_errhandler(rt.world, MPI_ERRORS_RETURN));
  ECO_CALL_MPI(MPI_Comm_rank(rt.world, &rt.rank));
  ECO_CALL_MPI(MPI_Comm_size(rt.world, &rt.size));
  rt.t0 = eco_core_monotonic();
  rt.ready = 1;
  eco_footprint_start();
  eco_signal_install();
  return ECO_OK;
}

void eco_finalize(void) {
  if (!rt.ready)
    return;
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) {
    if (rt.world != MPI_COMM_NULL)
      MPI_Comm_free(&rt.world);
    if (rt.we_initialized)
      MPI_Finalize();
  }
  rt.world = MPI_COMM_NULL;
  rt.ready = 0;
  rt.we_initialized = 0;
}

MPI_Comm eco_comm_world(void) {
  if (rt.ready)
    return rt.world;
  int initialized = 0;
  MPI_Initialized(&initialized);
  return initialized ? MPI_COMM_WORLD : MPI_COMM_NULL;
}

int eco_rank(void) {
  if (rt.ready)
    return rt.rank;
  int initialized = 0, finalized = 0, r = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  if (initialized && !finalized)
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int eco_size(void) {
  if (rt.ready)
    return rt.size;
  int initialized = 0, finalized = 0, s = 1;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  if (initialized && !finalized)
    MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
}

double eco_wtime(void) {
  if (!rt.ready)
    return 0.0;
  return eco_core_monotonic() - rt.t0;
}

/* World rank of `rank` in comm (for the "rank N: " prefix). */
static int world_rank_of(MPI_Comm comm, int rank) {
  MPI_Group g = MPI_GROUP_NULL, wg = MPI_GROUP_NULL;
  int out = rank;
  if (MPI_Comm_group(comm, &g) == MPI_SUCCESS &&
      MPI_Comm_group(MPI_COMM_WORLD, &wg) == MPI_SUCCESS) {
    int w = MPI_UNDEFINED;
    if (MPI_Group_translate_ranks(g, 1, &rank, wg, &w) == MPI_SUCCESS &&
        w != MPI_UNDEFINED)
      out = w;
  }
  if (g != MPI_GROUP_NULL)
    MPI_Group_free(&g);
  if (wg != MPI_GROUP_NULL)
    MPI_Group_free(&wg);
  return out;
}

eco_status eco_agree(MPI_Comm comm, eco_status local) {
  int rank = 0, size = 1;
  ECO_CALL_MPI(MPI_Comm_rank(comm, &rank));
  ECO_CALL_MPI(MPI_Comm_size(comm, &size));
  int mine = (local != ECO_OK) ? rank : size;
  int lowest = size;
  ECO_CALL_MPI(MPI_Allreduce(&mine, &lowest, 1, MPI_INT, MPI_MIN, comm));
  if (lowest == size)
    return ECO_OK;

  /* The lowest failing rank sends its status, message and trace. A message
   * installed by an earlier agreement already names its rank and is kept as
   * it is (hdr[3] = 1). */
  int hdr[5] = {0, 0, 0, 0, 0};
  /* Message and trace travel in a buffer on the stack: they are bounded by
   * the error record, and an allocation here could fail and lose the very
   * message being agreed on. */
  char text[ECO_ERROR_MESSAGE_MAX + ECO_ERROR_TRACE_MAX];
  if (rank == lowest) {
    const char *msg = eco_error_message();
    const char *trace = "";
    if (eco_error_code() != local || msg[0] == '\0') {
      /* The failing code path returned a status without recording a
       * message: fall back on the status' meaning. */
      msg = eco_status_message(local);
    } else {
      const char *full = eco_error_trace_text();
      trace = strchr(full, '\n');
      trace = trace ? trace + 1 : "";
    }
    size_t lm = strlen(msg), lt = strlen(trace);
    if (lm > ECO_ERROR_MESSAGE_MAX - 1) lm = ECO_ERROR_MESSAGE_MAX - 1;
    if (lt > ECO_ERROR_TRACE_MAX - 1) lt = ECO_ERROR_TRACE_MAX - 1;
    memcpy(text, msg, lm);
    text[lm] = '\0';
    memcpy(text + lm + 1, trace, lt);
    text[lm + 1 + lt] = '\0';
    hdr[0] = (int)local;
    hdr[1] = (int)lm;
    hdr[2] = (int)lt;
    hdr[3] = eco_error_code() == local && eco_error_agreed();
    hdr[4] = world_rank_of(comm, rank);
  }
  ECO_CALL_MPI(MPI_Bcast(hdr, 5, MPI_INT, lowest, comm));
  eco_status code = (eco_status)hdr[0];
  ECO_CALL_MPI(MPI_Bcast(text, hdr[1] + hdr[2] + 2, MPI_CHAR, lowest, comm));
  const char *msg = text;
  const char *trace = text + hdr[1] + 1;
  if (!hdr[3] && hdr[4] != 0 && size > 1) {
    char prefixed[ECO_ERROR_MESSAGE_MAX + 32];
    snprintf(prefixed, sizeof prefixed, "rank %d: %.*s", hdr[4], ECO_ERROR_MESSAGE_MAX - 1,
             msg[0] ? msg : eco_status_message(code));
    eco_error_install(code, prefixed, trace);
  } else {
    eco_error_install(code, msg, trace);
  }
  return code;
}

eco_status eco_malloc_all(MPI_Comm comm, size_t bytes, void *out_ptr) {
  eco_status st = eco_agree(comm, eco_malloc(bytes, out_ptr));
  if (st != ECO_OK)
    eco_free(out_ptr);
  return st;
}

eco_status eco_calloc_all(MPI_Comm comm, size_t n, size_t size, void *out_ptr) {
  eco_status st = eco_agree(comm, eco_calloc(n, size, out_ptr));
  if (st != ECO_OK)
    eco_free(out_ptr);
  return st;
}

void eco_error_report(void) {
  if (eco_error_code() == ECO_OK || eco_rank() != 0)
    return;
  if (eco_error_mark_reported()) /* printed already */
    return;
  eco_progress_line_clear();
  fprintf(stderr, "ecoscale: error: %s\n", eco_error_message());
  if (eco_log_get_level() >= ECO_LOG_DEBUG) {
    const char *full = eco_error_trace_text();
    const char *trace = strchr(full, '\n');
    if (trace && trace[1])
      fputs(trace + 1, stderr);
  }
  fflush(stderr);
}
