/* ecoscale core: errors, MPI runtime, logging, random streams, signals.
 *
 * Every fallible function returns eco_status (ECO_OK == 0). Errors carry a
 * message and a trace of file:line frames; at phase boundaries ranks agree on
 * failure with eco_agree() so that all ranks unwind and rank 0 prints one
 * message (see docs/design.md, "Errors").
 */
#ifndef ECOSCALE_CORE_H
#define ECOSCALE_CORE_H

#include <mpi.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Status codes: one list makes the enum, the messages and the exit codes.   */
/* X(name, exit code, message)                                               */
/* Exit codes: 0 done; 1 runtime failure; 2 bad usage, config or input;      */
/* 3 interrupted after a checkpoint was written.                             */
/* ------------------------------------------------------------------------ */
#define ECO_STATUS_LIST(X)                                                     \
  X(ECO_OK, 0, "success")                                                      \
  X(ECO_ERR_USAGE, 2, "bad command line")                                      \
  X(ECO_ERR_CONFIG, 2, "bad configuration")                                    \
  X(ECO_ERR_INPUT, 2, "bad input")                                             \
  X(ECO_ERR_MEM, 1, "out of memory")                                           \
  X(ECO_ERR_IO, 1, "I/O error")                                                \
  X(ECO_ERR_MPI, 1, "MPI error")                                               \
  X(ECO_ERR_HDF5, 1, "HDF5 error")                                             \
  X(ECO_ERR_NUMERIC, 1, "numerical failure")                                   \
  X(ECO_ERR_SOLVER, 1, "solver failure")                                       \
  X(ECO_ERR_INTERRUPTED, 3, "interrupted by a signal")                         \
  X(ECO_ERR_INTERNAL, 1, "internal error")

typedef enum {
#define ECO_X_ENUM(name, code, msg) name,
  ECO_STATUS_LIST(ECO_X_ENUM)
#undef ECO_X_ENUM
  ECO_STATUS_COUNT
} eco_status;

/* Name ("ECO_ERR_INPUT") and one-line meaning of a status. Not collective. */
const char *eco_status_name(eco_status s);
const char *eco_status_message(eco_status s);
/* Process exit code for a status (0, 1, 2 or 3). Not collective. */
int eco_status_exit_code(eco_status s);

/* Record a new error on this rank and return `code`. The message is
 * printf-formatted; file:line are where it was raised. Not collective. */
eco_status eco_error_set(eco_status code, const char *file, int line,
                         const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Append a "  from file:line (expr)" frame to the current error. */
void eco_error_trace(const char *file, int line, const char *expr);
/* Turn an MPI error code into ECO_ERR_MPI with MPI's error string. */
eco_status eco_error_mpi(int mpierr, const char *file, int line,
                         const char *expr);
/* The current error: message first line, and full text with the trace. */
const char *eco_error_message(void);
const char *eco_error_trace_text(void);
eco_status eco_error_code(void);
/* Forget the current error (after it was reported or handled). */
void eco_error_clear(void);
/* Put the current error (message, trace and whether it was agreed or
 * reported) aside and start with none; eco_error_restore brings it back,
 * replacing whatever was raised in between, and returns its code. For work
 * after a command's outcome is settled (the footprint, the timer summary)
 * whose own failure is only a warning: the command's error, with its trace,
 * stays the one reported. One slot: a second save before the restore (or a
 * restore without a save) is a programming error and aborts. */
void eco_error_save(void);
eco_status eco_error_restore(void);

#define ECO_CALL(expr)                                                         \
  do {                                                                         \
    eco_status eco_s_ = (expr);                                                \
    if (eco_s_ != ECO_OK) {                                                    \
      eco_error_trace(__FILE__, __LINE__, #expr);                              \
      return eco_s_;                                                           \
    }                                                                          \
  } while (0)

/* Like ECO_CALL but stores the status in `st` and jumps to `label`. */
#define ECO_CALL_GOTO(st, expr, label)                                         \
  do {                                                                         \
    (st) = (expr);                                                             \
    if ((st) != ECO_OK) {                                                      \
      eco_error_trace(__FILE__, __LINE__, #expr);                              \
      goto label;                                                              \
    }                                                                          \
  } while (0)

#define ECO_CHECK(cond, code, ...)                                             \
  do {                                                                         \
    if (!(cond))                                                               \
      return eco_error_set((code), __FILE__, __LINE__, __VA_ARGS__);           \
  } while (0)

#define ECO_CHECK_GOTO(st, cond, code, label, ...)                             \
  do {                                                                         \
    if (!(cond)) {                                                             \
      (st) = eco_error_set((code), __FILE__, __LINE__, __VA_ARGS__);           \
      goto label;                                                              \
    }                                                                          \
  } while (0)

#define ECO_CALL_MPI(expr)                                                     \
  do {                                                                         \
    int eco_m_ = (expr);                                                       \
    if (eco_m_ != MPI_SUCCESS)                                                 \
      return eco_error_mpi(eco_m_, __FILE__, __LINE__, #expr);                 \
  } while (0)

#define ECO_CALL_MPI_GOTO(st, expr, label)                                     \
  do {                                                                         \
    int eco_m_ = (expr);                                                       \
    if (eco_m_ != MPI_SUCCESS) {                                               \
      (st) = eco_error_mpi(eco_m_, __FILE__, __LINE__, #expr);                 \
      goto label;                                                              \
    }                                                                          \
  } while (0)

/* For HDF5 calls: a negative herr_t / hid_t is a failure.
 * Use as ECO_CALL_H5(d = H5Dopen2(...)). */
#define ECO_CALL_H5(expr)                                                      \
  do {                                                                         \
    if ((expr) < 0)                                                            \
      return eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__, "%s failed",      \
                           #expr);                                             \
  } while (0)

#define ECO_CALL_H5_GOTO(st, expr, label)                                      \
  do {                                                                         \
    if ((expr) < 0) {                                                          \
      (st) = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__, "%s failed",      \
                           #expr);                                             \
      goto label;                                                              \
    }                                                                          \
  } while (0)

/* Allocation that records ECO_ERR_MEM with the size on failure.
 * eco_malloc(0) returns a valid pointer. Not collective. */
eco_status eco_malloc(size_t bytes, void *out_ptr);
eco_status eco_calloc(size_t n, size_t size, void *out_ptr);
eco_status eco_realloc(size_t bytes, void *inout_ptr);
void eco_free(void *inout_ptr); /* frees *(void**)ptr and sets it to NULL */
eco_status eco_strdup(const char *s, char **out);

/* 64-bit FNV-1a of n bytes at p, continued from h (start a hash with
 * ECO_HASH_INIT). For fingerprints and for spreading keys over ranks, not
 * for security; callers that need well-mixed low or high bits apply their
 * own finalizer. Not collective. */
#define ECO_HASH_INIT 14695981039346656037ULL
uint64_t eco_hash_bytes(uint64_t h, const void *p, size_t n);

/* "s" for a count other than 1, else "": "%d rank%s", n, eco_plural(n). */
static inline const char *eco_plural(long long n) { return n == 1 ? "" : "s"; }

/* A hot loop compiled for AVX-512 (x86-64-v4), AVX2 and baseline x86-64,
 * picked at load time (put before the function). No FMA: -std=c11 keeps
 * -ffp-contract=off, so every version does the same operations per element
 * and gives the same bits. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define ECO_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define ECO_CLONES
#endif

/* ------------------------------------------------------------------------ */
/* Failure injection (test builds configured with -DECO_FAULT_INJECT=ON; see */
/* docs/reliability.md, "Failure injection"). Each call of eco_fault_hit     */
/* counts one event of its kind on this rank and returns 1 when the event is */
/* the one ECO_FAULT asks to fail (ECO_FAULT=alloc:N, write:N or h5:N, with  */
/* @R for world rank R only; ECO_FAULT=count prints the counts at exit). In  */
/* normal builds eco_fault_hit is the constant 0. Not collective.            */
/* ------------------------------------------------------------------------ */
typedef enum {
  ECO_FAULT_ALLOC = 0, /* eco_malloc, eco_calloc, eco_realloc */
  ECO_FAULT_WRITE = 1, /* file writes of src/io (data, attributes, flush, fsync, rename) */
  ECO_FAULT_H5 = 2,    /* HDF5 calls of src/io */
  ECO_FAULT_KINDS = 3
} eco_fault_kind;
#ifdef ECO_FAULT_INJECT
int eco_fault_hit(eco_fault_kind kind);
#else
#define eco_fault_hit(kind) 0
#endif

/* ------------------------------------------------------------------------ */
/* Runtime: MPI, the world communicator, agreement                          */
/* ------------------------------------------------------------------------ */

/* Initialize MPI (if not yet), duplicate MPI_COMM_WORLD into the ecoscale
 * world communicator with MPI_ERRORS_RETURN, start the wall clock, install
 * the signal handlers. Collective on MPI_COMM_WORLD. */
eco_status eco_init(int *argc, char ***argv);
/* Free the world communicator and finalize MPI (if eco_init initialized it).
 * Collective. */
void eco_finalize(void);
/* The ecoscale world communicator (MPI_ERRORS_RETURN), rank and size. */
MPI_Comm eco_comm_world(void);
int eco_rank(void);
int eco_size(void);
/* Seconds since eco_init (MPI_Wtime based). */
double eco_wtime(void);

/* Collective agreement on failure. Every rank passes its local status; the
 * result is the status of the lowest-numbered failing rank (ECO_OK if none),
 * the same on every rank, and every rank's current error message becomes
 * that rank's message (prefixed "rank N: " when N != 0 and size > 1), so
 * rank 0 can print it. Collective on comm. */
eco_status eco_agree(MPI_Comm comm, eco_status local);

/* Allocation on every rank of comm, agreed: each rank allocates its own
 * bytes (eco_malloc / eco_calloc), then all agree (eco_agree). On ECO_OK
 * every rank owns its buffer; on failure the buffer is freed and *out_ptr
 * is NULL on every rank, and the status and message are the agreed ones
 * (the lowest failing rank's). Use it for a buffer that a collective needs
 * on every rank: one rank short of memory then fails on all of them without
 * leaking the others' buffers. Collective on comm. */
eco_status eco_malloc_all(MPI_Comm comm, size_t bytes, void *out_ptr);
eco_status eco_calloc_all(MPI_Comm comm, size_t n, size_t size, void *out_ptr);

/* Print the current error once (rank 0 only, to stderr), with the trace at
 * -v or above. Not collective. */
void eco_error_report(void);

/* ------------------------------------------------------------------------ */
/* Logging                                                                  */
/* ------------------------------------------------------------------------ */
typedef enum {
  ECO_LOG_ERROR = 0,
  ECO_LOG_WARN = 1,
  ECO_LOG_INFO = 2,  /* default */
  ECO_LOG_DEBUG = 3, /* -v */
  ECO_LOG_TRACE = 4  /* -vv */
} eco_log_level;

void eco_log_set_level(eco_log_level level);
eco_log_level eco_log_get_level(void);
/* Format: "[INFO][rank 3][island.c:120] message". Any rank. Not collective. */
void eco_log_impl(eco_log_level level, int root_only, const char *file,
                  int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define eco_log(level, ...) eco_log_impl((level), 0, __FILE__, __LINE__, __VA_ARGS__)
/* Only rank 0 of the world communicator prints. */
#define eco_log_root(level, ...) eco_log_impl((level), 1, __FILE__, __LINE__, __VA_ARGS__)

/* ------------------------------------------------------------------------ */
/* Random streams (Random123 Philox4x32-10)                                 */
/* A stream is keyed by (seed, kind, entity): the numbers an entity sees do  */
/* not depend on which rank handles it.                                     */
/* ------------------------------------------------------------------------ */
enum {
  ECO_RNG_TEST = 0,
  ECO_RNG_FORECAST = 1,
  ECO_RNG_PLAN = 2,
  ECO_RNG_SUPPLY = 3,
  ECO_RNG_RECOMMEND = 4,
  ECO_RNG_GENERATE = 5,
  ECO_RNG_SPLIT = 6
};

typedef struct {
  uint32_t key[2];
  uint32_t ctr[4];
  uint32_t buf[4];
  int used; /* words of buf consumed */
} eco_rng;

/* Not collective. */
void eco_rng_init(eco_rng *r, uint64_t seed, uint32_t kind, uint64_t entity);
uint32_t eco_rng_u32(eco_rng *r);
uint64_t eco_rng_u64(eco_rng *r);
/* Block block[i] (words 4 block[i] .. 4 block[i] + 3, as eco_rng_u32 gives
 * them) of stream (seed, kind, entity[i]) into out[4 i ..], for i < n,
 * computed several blocks at a time. */
void eco_rng_blocks(uint64_t seed, uint32_t kind, const uint64_t *entity, const uint64_t *block,
                    int64_t n, uint32_t *out);
/* Move r to the first word of its block `block` (what eco_rng_u32 gives
 * after 4 block words from the start of the stream). */
void eco_rng_seek(eco_rng *r, uint64_t block);
/* The next n words of r into out, exactly as n calls of eco_rng_u32 (whole
 * blocks computed several at a time). */
void eco_rng_fill(eco_rng *r, uint32_t *out, int64_t n);
/* Uniform in [0, 1) with 53 random bits. */
double eco_rng_uniform(eco_rng *r);
/* Uniform integer in [0, n), unbiased; n > 0. */
uint64_t eco_rng_below(eco_rng *r, uint64_t n);
/* Standard normal (Box-Muller, no cached pair: stream position is exact). */
double eco_rng_normal(eco_rng *r);

/* ------------------------------------------------------------------------ */
/* Signals: SIGTERM, SIGUSR1 (and SIGINT) set a flag; stages poll it at safe */
/* points, checkpoint, and return ECO_ERR_INTERRUPTED.                      */
/* ------------------------------------------------------------------------ */
void eco_signal_install(void);
/* Signal number received on this rank, or 0. Not collective. */
int eco_signal_pending(void);
/* 1 on every rank if any rank received a signal. Collective on comm. */
eco_status eco_signal_agree(MPI_Comm comm, int *any);
/* For tests: pretend a signal arrived. */
void eco_signal_raise_flag(int signo);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_CORE_H */
