/* Agreement on failure. Phase 1: every rank fine -> ECO_OK everywhere.
 * Phase 2: the ranks with odd numbers fail with different messages -> the
 * lowest failing rank (1) wins everywhere; then only rank 0 fails: no
 * "rank 0: " prefix. Phase 2c: eco_malloc_all / eco_calloc_all, with the
 * last rank unable to allocate: NULL and the same message everywhere. Phase 3: only the last rank fails
 * with a bad-input error -> same status and message on every rank; agreeing
 * again keeps the message (no double prefix); rank 0 reports it once and
 * every rank exits with the status' exit code (2).
 * Any inconsistency prints "core_agree: FAILED ..." and exits 1. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/core.h"

static int failures;

#define EXPECT(cond, ...)                                                      \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "core_agree: FAILED on rank %d: ", eco_rank());          \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
      failures++;                                                              \
    }                                                                          \
  } while (0)

/* 1 if the current message is the same on every rank. */
static int same_message_everywhere(MPI_Comm comm) {
  char mine[1200], root[1200];
  snprintf(mine, sizeof mine, "%s", eco_error_message());
  memcpy(root, mine, sizeof root);
  MPI_Bcast(root, (int)sizeof root, MPI_CHAR, 0, comm);
  int same = strcmp(root, mine) == 0, all = 0;
  MPI_Allreduce(&same, &all, 1, MPI_INT, MPI_MIN, comm);
  return all;
}

static eco_status read_input(int rank, int size) {
  /* Stands in for a stage that finds bad input on its own part. */
  ECO_CHECK(rank != size - 1, ECO_ERR_INPUT,
            "demand.csv:%d: negative quantity -3", 1000 + rank);
  return ECO_OK;
}

static eco_status stage(int rank, int size) {
  ECO_CALL(read_input(rank, size));
  return ECO_OK;
}

int main(int argc, char **argv) {
  eco_status st = eco_init(&argc, &argv);
  if (st != ECO_OK) {
    fprintf(stderr, "eco_init failed: %s\n", eco_error_message());
    return 1;
  }
  MPI_Comm w = eco_comm_world();
  int rank = eco_rank(), size = eco_size();

  /* Phase 1 */
  st = eco_agree(w, ECO_OK);
  EXPECT(st == ECO_OK, "phase 1 status %s", eco_status_name(st));

  /* Phase 2 */
  if (size > 1) {
    eco_status local = ECO_OK;
    if (rank % 2 == 1)
      local = eco_error_set(rank == 1 ? ECO_ERR_NUMERIC : ECO_ERR_IO, __FILE__,
                            __LINE__, "odd rank %d failed", rank);
    st = eco_agree(w, local);
    EXPECT(st == ECO_ERR_NUMERIC, "phase 2 status %s", eco_status_name(st));
    EXPECT(strcmp(eco_error_message(), "rank 1: odd rank 1 failed") == 0,
           "phase 2 message '%s'", eco_error_message());
    EXPECT(same_message_everywhere(w), "phase 2 messages differ");
    eco_error_clear();
  }

  /* Phase 2b: rank 0's own error carries no prefix. */
  if (size > 1) {
    eco_status local = ECO_OK;
    if (rank == 0)
      local =
          eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__, "rank zero failed");
    st = eco_agree(w, local);
    EXPECT(st == ECO_ERR_CONFIG, "phase 2b status %s", eco_status_name(st));
    EXPECT(strcmp(eco_error_message(), "rank zero failed") == 0,
           "phase 2b message '%s'", eco_error_message());
    eco_error_clear();
  }

  /* Phase 2c: agreed allocation. Every rank can allocate -> every rank owns
   * its buffer; the last rank cannot (a size overflow) -> the buffer is
   * freed and NULL on every rank, with the last rank's message. */
  {
    double *p = NULL;
    st = eco_malloc_all(w, sizeof(double) * 16, &p);
    EXPECT(st == ECO_OK && p != NULL, "phase 2c malloc_all status %s",
           eco_status_name(st));
    if (p) p[15] = 1.0;
    free(p);
    char *q = NULL;
    st = eco_calloc_all(w, rank == size - 1 ? SIZE_MAX / 2 : 4, 4, &q);
    EXPECT(st == ECO_ERR_MEM, "phase 2c calloc_all status %s", eco_status_name(st));
    EXPECT(q == NULL, "phase 2c calloc_all left a buffer");
    EXPECT(strstr(eco_error_message(), "overflow") != NULL,
           "phase 2c message '%s'", eco_error_message());
    EXPECT(same_message_everywhere(w), "phase 2c messages differ");
    free(q);
    eco_error_clear();
  }

  /* Phase 3 */
  st = stage(rank, size);
  st = eco_agree(w, st);
  char want[256];
  if (size > 1)
    snprintf(want, sizeof want, "rank %d: demand.csv:%d: negative quantity -3",
             size - 1, 1000 + size - 1);
  else
    snprintf(want, sizeof want, "demand.csv:%d: negative quantity -3", 1000);
  EXPECT(st == ECO_ERR_INPUT, "phase 3 status %s", eco_status_name(st));
  EXPECT(strcmp(eco_error_message(), want) == 0,
         "phase 3 message '%s', want '%s'", eco_error_message(), want);
  EXPECT(same_message_everywhere(w), "phase 3 messages differ");
  /* The failing rank's trace travelled with it. */
  EXPECT(strstr(eco_error_trace_text(), "(read_input(rank, size))") != NULL,
         "phase 3 trace lost: '%s'", eco_error_trace_text());
  /* Outer agreement (as main does after a stage): unchanged. */
  st = eco_agree(w, st);
  EXPECT(st == ECO_ERR_INPUT, "phase 3 second status %s", eco_status_name(st));
  EXPECT(strcmp(eco_error_message(), want) == 0, "phase 3 second message '%s'",
         eco_error_message());

  int bad = failures, any_bad = 0;
  MPI_Allreduce(&bad, &any_bad, 1, MPI_INT, MPI_MAX, w);
  eco_error_report();
  eco_finalize();
  return any_bad ? 1 : eco_status_exit_code(st);
}
