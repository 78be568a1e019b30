/* Shared pieces of the ecoscale libFuzzer targets: MPI started once as a
 * singleton (no mpirun), quiet logging, and inputs written to a per-process
 * file in /dev/shm for the parsers that take a path. */
#ifndef ECO_FUZZ_COMMON_H
#define ECO_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ecoscale/core.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Target-specific set-up after MPI is up (may be a no-op). */
static void fuzz_setup(void);

static int fuzz_started;
static char fuzz_made[8][256]; /* files written by fuzz_file, removed at exit */
static int fuzz_nmade;

static void fuzz_stop(void) {
  for (int i = 0; i < fuzz_nmade; i++)
    unlink(fuzz_made[i]);
  if (fuzz_started)
    eco_finalize();
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  /* A lone process: Open MPI's singleton start, shared memory only. */
  setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 0);
  setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 0);
  setenv("OMPI_MCA_pml", "ob1", 0);
  setenv("OMPI_MCA_btl", "self,vader", 0);
  setenv("OPENBLAS_NUM_THREADS", "1", 0);
  int my_argc = 1;
  char *my_args[] = {"ecoscale-fuzz", NULL};
  char **my_argv = my_args;
  if (eco_init(&my_argc, &my_argv) != ECO_OK) {
    fprintf(stderr, "fuzz: eco_init failed: %s\n", eco_error_message());
    exit(1);
  }
  fuzz_started = 1;
  atexit(fuzz_stop);
  /* Bad input is the normal case here: keep the log to real errors. */
  eco_log_set_level(getenv("ECO_FUZZ_VERBOSE") ? ECO_LOG_DEBUG : ECO_LOG_ERROR);
  fuzz_setup();
  return 0;
}

/* The input as a NUL-terminated heap string (caller frees). */
static char *fuzz_cstr(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s)
    abort();
  if (size)
    memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

/* Write data to /dev/shm/ecoscale-fuzz-<pid>-<tag><suffix> (rewritten on
 * every call) and return the path (valid until the next call with the same
 * tag and suffix; at most 8 distinct names per process). */
static const char *fuzz_file(const uint8_t *data, size_t size, const char *tag,
                             const char *suffix) {
  char want[256];
  snprintf(want, sizeof want, "/dev/shm/ecoscale-fuzz-%ld-%s%s", (long)getpid(),
           tag, suffix);
  int slot = 0;
  while (slot < fuzz_nmade && strcmp(fuzz_made[slot], want) != 0)
    slot++;
  if (slot == fuzz_nmade) {
    if (fuzz_nmade == 8)
      abort();
    memcpy(fuzz_made[fuzz_nmade++], want, sizeof want);
  }
  const char *path = fuzz_made[slot];
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    abort();
  }
  if (size && fwrite(data, 1, size, f) != size) {
    perror(path);
    abort();
  }
  fclose(f);
  return path;
}

#endif
