/* Status codes, the per-process error record and checked allocation. */
#include "core_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One error record per process. The message is the text users see; the
 * trace holds where it was raised ("  at file:line") and every ECO_CALL frame
 * it passed through ("  from file:line (expr)"). Both buffers are bounded:
 * text that does not fit is cut and the trace ends with "  ...". */
enum { MESSAGE_MAX = ECO_ERROR_MESSAGE_MAX, TRACE_MAX = ECO_ERROR_TRACE_MAX };

struct err_record {
  eco_status code;
  char message[MESSAGE_MAX];
  char trace[TRACE_MAX];
  size_t trace_len;
  int trace_full;
  int reported; /* eco_error_report printed it */
  int agreed;   /* installed by eco_agree: the message has its prefix */
  char full[MESSAGE_MAX + TRACE_MAX + 2];
};
static struct err_record err;
/* the one record eco_error_save put aside (saved_set: it holds one) */
static struct err_record saved;
static int saved_set;

static const char *const status_names[] = {
#define ECO_X_NAME(name, code, msg) #name,
    ECO_STATUS_LIST(ECO_X_NAME)
#undef ECO_X_NAME
};
static const char *const status_messages[] = {
#define ECO_X_MSG(name, code, msg) msg,
    ECO_STATUS_LIST(ECO_X_MSG)
#undef ECO_X_MSG
};
static const int status_exit_codes[] = {
#define ECO_X_EXIT(name, code, msg) code,
    ECO_STATUS_LIST(ECO_X_EXIT)
#undef ECO_X_EXIT
};

static int status_valid(eco_status s) {
  return (int)s >= 0 && (int)s < (int)ECO_STATUS_COUNT;
}

const char *eco_status_name(eco_status s) {
  return status_valid(s) ? status_names[s] : "ECO_ERR_UNKNOWN";
}

const char *eco_status_message(eco_status s) {
  return status_valid(s) ? status_messages[s] : "unknown status";
}

int eco_status_exit_code(eco_status s) {
  return status_valid(s) ? status_exit_codes[s] : 1;
}

double eco_core_monotonic(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Append text to the trace, never past its end. */
static void trace_append(const char *text) {
  if (err.trace_full)
    return;
  static const char cut[] = "  ...\n";
  size_t n = strlen(text);
  size_t room = TRACE_MAX - 1 - err.trace_len;
  if (n + sizeof cut - 1 > room) {
    if (room >= sizeof cut - 1) {
      memcpy(err.trace + err.trace_len, cut, sizeof cut - 1);
      err.trace_len += sizeof cut - 1;
    }
    err.trace[err.trace_len] = '\0';
    err.trace_full = 1;
    return;
  }
  memcpy(err.trace + err.trace_len, text, n);
  err.trace_len += n;
  err.trace[err.trace_len] = '\0';
}

static const char *base_name(const char *file) {
  const char *s = file ? strrchr(file, '/') : NULL;
  return s ? s + 1 : (file ? file : "?");
}

static void record_reset(eco_status code) {
  err.code = code;
  err.message[0] = '\0';
  err.trace[0] = '\0';
  err.trace_len = 0;
  err.trace_full = 0;
  err.reported = 0;
  err.agreed = 0;
}

eco_status eco_error_set(eco_status code, const char *file, int line,
                         const char *fmt, ...) {
  record_reset(code);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err.message, sizeof err.message, fmt, ap);
  va_end(ap);
  if (err.message[0] == '\0')
    snprintf(err.message, sizeof err.message, "%s", eco_status_message(code));
  char frame[512];
  snprintf(frame, sizeof frame, "  at %s:%d\n", base_name(file), line);
  trace_append(frame);
  return code;
}

void eco_error_trace(const char *file, int line, const char *expr) {
  char frame[512];
  snprintf(frame, sizeof frame, "  from %s:%d (%s)\n", base_name(file), line,
           expr ? expr : "");
  trace_append(frame);
}

eco_status eco_error_mpi(int mpierr, const char *file, int line,
                         const char *expr) {
  char text[MPI_MAX_ERROR_STRING + 1];
  int len = 0;
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  if (!initialized || finalized ||
      MPI_Error_string(mpierr, text, &len) != MPI_SUCCESS) {
    snprintf(text, sizeof text, "MPI error code %d", mpierr);
  } else {
    text[len < 0 ? 0
                 : (len > MPI_MAX_ERROR_STRING ? MPI_MAX_ERROR_STRING : len)] =
        '\0';
  }
  return eco_error_set(ECO_ERR_MPI, file, line, "%s failed: %s",
                       expr ? expr : "MPI call", text);
}

void eco_error_install(eco_status code, const char *message,
                       const char *trace) {
  record_reset(code);
  snprintf(err.message, sizeof err.message, "%s",
           message && message[0] ? message : eco_status_message(code));
  if (trace)
    trace_append(trace);
  err.agreed = 1;
}

int eco_error_agreed(void) { return err.agreed; }

const char *eco_error_message(void) {
  if (err.code == ECO_OK && err.message[0] == '\0')
    return "";
  return err.message[0] ? err.message : eco_status_message(err.code);
}

const char *eco_error_trace_text(void) {
  snprintf(err.full, sizeof err.full, "%s\n%s", eco_error_message(), err.trace);
  return err.full;
}

eco_status eco_error_code(void) { return err.code; }

int eco_error_mark_reported(void) {
  int was = err.reported;
  err.reported = 1;
  return was;
}

void eco_error_clear(void) { record_reset(ECO_OK); }

void eco_error_save(void) {
  if (saved_set) { /* saves do not nest: a programming error, said loudly */
    fprintf(stderr, "ecoscale: internal error: eco_error_save twice without eco_error_restore\n");
    abort();
  }
  saved = err;
  saved_set = 1;
  record_reset(ECO_OK);
}

eco_status eco_error_restore(void) {
  if (!saved_set) {
    fprintf(stderr, "ecoscale: internal error: eco_error_restore without eco_error_save\n");
    abort();
  }
  err = saved;
  saved_set = 0;
  return err.code;
}

/* ------------------------------------------------------------------------ */
/* Checked allocation: the out parameters are pointers to pointers.         */
/* ------------------------------------------------------------------------ */
eco_status eco_malloc(size_t bytes, void *out_ptr) {
  void **out = (void **)out_ptr;
  void *p = eco_fault_hit(ECO_FAULT_ALLOC) ? NULL : malloc(bytes ? bytes : 1);
  if (!p) {
    *out = NULL;
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__,
                         "out of memory allocating %zu bytes", bytes);
  }
  *out = p;
  return ECO_OK;
}

eco_status eco_calloc(size_t n, size_t size, void *out_ptr) {
  void **out = (void **)out_ptr;
  *out = NULL;
  if (size != 0 && n > SIZE_MAX / size)
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__,
                         "out of memory allocating %zu x %zu bytes (overflow)",
                         n, size);
  void *p = eco_fault_hit(ECO_FAULT_ALLOC) ? NULL
                                            : calloc(n ? n : 1, size ? size : 1);
  if (!p)
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__,
                         "out of memory allocating %zu x %zu bytes", n, size);
  *out = p;
  return ECO_OK;
}

eco_status eco_realloc(size_t bytes, void *inout_ptr) {
  void **io = (void **)inout_ptr;
  void *p = eco_fault_hit(ECO_FAULT_ALLOC) ? NULL : realloc(*io, bytes ? bytes : 1);
  if (!p) /* the old block is untouched and still owned by the caller */
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__,
                         "out of memory reallocating to %zu bytes", bytes);
  *io = p;
  return ECO_OK;
}

uint64_t eco_hash_bytes(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 1099511628211ULL;
  return h;
}

void eco_free(void *inout_ptr) {
  void **io = (void **)inout_ptr;
  if (!io)
    return;
  free(*io);
  *io = NULL;
}

eco_status eco_strdup(const char *s, char **out) {
  *out = NULL;
  if (!s)
    return ECO_OK;
  size_t n = strlen(s) + 1;
  char *p = NULL;
  ECO_CALL(eco_malloc(n, &p));
  memcpy(p, s, n);
  *out = p;
  return ECO_OK;
}
