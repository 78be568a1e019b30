/* Failure injection for test builds (ECO_FAULT_INJECT; docs/reliability.md,
 * "Failure injection"), in the manner of SQLite's fault simulation: the
 * allocation wrappers, the file writes and the HDF5 calls of src/io count
 * their events per rank, and the event ECO_FAULT names fails as if memory,
 * the disk or HDF5 had failed.
 *
 *   ECO_FAULT=alloc:N    the N-th eco_malloc/eco_calloc/eco_realloc (and the
 *                        few raw allocations of src/core) returns NULL
 *   ECO_FAULT=write:N    the N-th file write of src/io fails (I/O error)
 *   ECO_FAULT=h5:N       the N-th HDF5 call of src/io fails
 *   ...@R                only on world rank R (default: every rank)
 *   ECO_FAULT=count      print this rank's counts to stderr at exit
 *   ECO_FAULT=sites      write one line per event, "KIND N STACK", to the
 *                        file eco-fault-sites.RANK in the working folder:
 *                        STACK is a 64-bit hash of the event's call stack
 *                        (its return addresses in this process), so that a
 *                        driver can fail each distinct place and path once
 *                        instead of every N (tests/reliability/inject/run.sh
 *                        --sites)
 *   ECO_FAULT_BACKTRACE=1  print the stack where the fault is injected
 *
 * Items may be joined by commas ("h5:12@1,count"). Counting starts at the
 * process' first event, so the counts and N are those of the whole run.
 * The rank is taken from the launcher's environment (Open MPI, PMIx, PMI,
 * SLURM), so that events before MPI_Init are counted and matched too. */
#ifdef ECO_FAULT_INJECT

#include "core_impl.h"

#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[ECO_FAULT_KINDS] = {"alloc", "write", "h5"};

static struct {
  int parsed;
  int kind;        /* kind to fail, -1 for none */
  long long target; /* 1-based event number */
  int rank;        /* world rank to fail on, -1 for all */
  int count;       /* print the counts at exit */
  int my_rank;
  long long n[ECO_FAULT_KINDS];
  FILE *sites;     /* ECO_FAULT=sites: one line per event */
} fs = {0, -1, 0, -1, 0, 0, {0, 0, 0}, NULL};

static int env_rank(void) {
  static const char *const vars[] = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK",
                                     "PMI_RANK", "SLURM_PROCID"};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v) return atoi(v);
  }
  return 0;
}

static void print_counts(void) {
  fprintf(stderr, "ecoscale: fault counts rank %d: alloc %lld write %lld h5 %lld\n",
          fs.my_rank, fs.n[ECO_FAULT_ALLOC], fs.n[ECO_FAULT_WRITE],
          fs.n[ECO_FAULT_H5]);
  fflush(stderr);
}

static void close_sites(void) {
  if (fs.sites) fclose(fs.sites);
  fs.sites = NULL;
}

static void open_sites(void) {
  char path[64];
  snprintf(path, sizeof path, "eco-fault-sites.%d", fs.my_rank);
  fs.sites = fopen(path, "w");
  if (!fs.sites) {
    fprintf(stderr, "ecoscale: ECO_FAULT=sites: cannot create %s\n", path);
    return;
  }
  atexit(close_sites);
}

static void parse(void) {
  fs.parsed = 1;
  fs.my_rank = env_rank();
  const char *env = getenv("ECO_FAULT");
  if (!env || !*env) return;
  char buf[256];
  snprintf(buf, sizeof buf, "%s", env);
  for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
       item = strtok_r(NULL, ",", &save)) {
    if (strcmp(item, "count") == 0) {
      fs.count = 1;
      continue;
    }
    if (strcmp(item, "sites") == 0) {
      if (!fs.sites) open_sites();
      continue;
    }
    int k = -1;
    char *colon = strchr(item, ':');
    if (colon) {
      *colon = '\0';
      for (int i = 0; i < ECO_FAULT_KINDS; i++)
        if (strcmp(item, kind_names[i]) == 0) k = i;
    }
    char *end = NULL;
    long long n = colon ? strtoll(colon + 1, &end, 10) : 0;
    int rank = -1;
    if (end && *end == '@') rank = (int)strtol(end + 1, &end, 10);
    if (k < 0 || n < 1 || !end || *end != '\0') {
      fprintf(stderr, "ecoscale: ECO_FAULT=%s: expected count, sites, alloc:N, "
                      "write:N or h5:N (N >= 1), optionally @RANK\n", env);
      fs.kind = -1;
      return;
    }
    fs.kind = k;
    fs.target = n;
    fs.rank = rank;
  }
  if (fs.count) atexit(print_counts);
}

int eco_fault_hit(eco_fault_kind kind) {
  if (!fs.parsed) parse();
  if ((int)kind < 0 || kind >= ECO_FAULT_KINDS) return 0;
  long long n = __atomic_add_fetch(&fs.n[kind], 1, __ATOMIC_RELAXED);
  if (fs.sites) {
    void *frames[48];
    int nf = backtrace(frames, 48);
    uint64_t h = eco_hash_bytes(ECO_HASH_INIT, frames, sizeof(void *) * (size_t)nf);
    fprintf(fs.sites, "%s %lld %016llx\n", kind_names[kind], n, (unsigned long long)h);
  }
  if ((int)kind != fs.kind || n != fs.target ||
      (fs.rank >= 0 && fs.rank != fs.my_rank))
    return 0;
  fprintf(stderr, "ecoscale: fault injected: %s #%lld on rank %d\n",
          kind_names[kind], n, fs.my_rank);
  const char *bt = getenv("ECO_FAULT_BACKTRACE");
  if (bt && *bt && strcmp(bt, "0") != 0) {
    void *frames[32];
    backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
  }
  fflush(stderr);
  return 1;
}

#endif /* ECO_FAULT_INJECT */
