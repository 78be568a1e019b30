/* The run's compute footprint: wall time, CPU time, peak memory, energy and
 * emissions. Energy is measured with the RAPL package counters when every
 * node can read them (one reader per node, so a node is counted once), and
 * otherwise modelled as CPU seconds x watts per core. RAPL counts the whole
 * package, including other programs running on the node. */
#include "core_impl.h"
#include "ecoscale/progress.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

enum { RAPL_MAX = 16 };

typedef struct {
  int n;                      /* package domains found; 0: none readable */
  double energy_uj[RAPL_MAX]; /* counter value */
  double range_uj[RAPL_MAX];  /* max_energy_range_uj: where it wraps */
  char path[RAPL_MAX][96];
} rapl_reading;

static rapl_reading rapl_start;
static int rapl_started;

static int read_double(const char *path, double *out) {
  FILE *f = fopen(path, "r");
  if (!f)
    return 0;
  unsigned long long v = 0;
  int ok = fscanf(f, "%llu", &v) == 1;
  fclose(f);
  if (ok)
    *out = (double)v;
  return ok;
}

/* Top-level package domains only ("intel-rapl:0", not "intel-rapl:0:1",
 * whose energy the package already includes). */
static void rapl_read(rapl_reading *r) {
  r->n = 0;
  /* ECOSCALE_POWERCAP_DIR: where sysfs' powercap tree is mounted, if not at
   * the usual place (containers; the tests use a fake tree). */
  const char *root = getenv("ECOSCALE_POWERCAP_DIR");
  if (!root || !*root)
    root = "/sys/class/powercap";
  DIR *d = opendir(root);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && r->n < RAPL_MAX) {
    unsigned idx;
    char extra;
    if (sscanf(e->d_name, "intel-rapl:%u%c", &idx, &extra) != 1)
      continue;
    char p[4200];
    double energy = 0, range = 0;
    snprintf(p, sizeof p, "%.4000s/%.90s/energy_uj", root, e->d_name);
    if (!read_double(p, &energy)) {
      r->n = 0; /* a package we cannot read: RAPL unusable here */
      break;
    }
    snprintf(p, sizeof p, "%.4000s/%.90s/max_energy_range_uj", root,
             e->d_name);
    if (!read_double(p, &range))
      range = 0;
    snprintf(r->path[r->n], sizeof r->path[r->n], "%.90s", e->d_name);
    r->energy_uj[r->n] = energy;
    r->range_uj[r->n] = range;
    r->n++;
  }
  closedir(d);
  /* Directory order is not guaranteed: sort by name so that two readings
   * line up domain by domain. */
  for (int i = 1; i < r->n; i++)
    for (int j = i; j > 0 && strcmp(r->path[j - 1], r->path[j]) > 0; j--) {
      char tp[96];
      double te = r->energy_uj[j], tr = r->range_uj[j];
      memcpy(tp, r->path[j], sizeof tp);
      memcpy(r->path[j], r->path[j - 1], sizeof tp);
      memcpy(r->path[j - 1], tp, sizeof tp);
      r->energy_uj[j] = r->energy_uj[j - 1];
      r->range_uj[j] = r->range_uj[j - 1];
      r->energy_uj[j - 1] = te;
      r->range_uj[j - 1] = tr;
    }
}

void eco_footprint_start(void) {
  rapl_read(&rapl_start);
  rapl_started = 1;
}

/* Joules used on this node since eco_footprint_start, or -1 if unknown. */
static double rapl_node_joules(void) {
  if (!rapl_started || rapl_start.n == 0)
    return -1.0;
  rapl_reading now;
  rapl_read(&now);
  if (now.n != rapl_start.n)
    return -1.0;
  double uj = 0.0;
  for (int i = 0; i < now.n; i++) {
    if (strcmp(now.path[i], rapl_start.path[i]) != 0)
      return -1.0;
    double d = now.energy_uj[i] - rapl_start.energy_uj[i];
    if (d < 0) { /* the counter wrapped (at most once: it takes hours) */
      if (rapl_start.range_uj[i] <= 0)
        return -1.0;
      d += rapl_start.range_uj[i] + 1.0;
    }
    uj += d;
  }
  return uj * 1e-6;
}

/* *leader = 1 on the lowest rank of each host (by name; a 64-bit hash of
 * it, gathered). */
static eco_status node_leader(MPI_Comm comm, int *leader) {
  int rank = 0, size = 1;
  ECO_CALL_MPI(MPI_Comm_rank(comm, &rank));
  ECO_CALL_MPI(MPI_Comm_size(comm, &size));
  char host[MPI_MAX_PROCESSOR_NAME + 1] = {0};
  int len = 0;
  ECO_CALL_MPI(MPI_Get_processor_name(host, &len));
  uint64_t h = eco_hash_bytes(ECO_HASH_INIT, host, (size_t)len);
  uint64_t *all = NULL;
  ECO_CALL(eco_malloc_all(comm, sizeof(uint64_t) * (size_t)size, &all));
  int rc = MPI_Allgather(&h, 1, MPI_UINT64_T, all, 1, MPI_UINT64_T, comm);
  *leader = 1;
  for (int r = 0; r < rank && rc == MPI_SUCCESS; r++)
    if (all[r] == h) *leader = 0;
  free(all);
  if (rc != MPI_SUCCESS) return eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Allgather(host)");
  return ECO_OK;
}

eco_status eco_footprint_measure(MPI_Comm comm, const eco_footprint_config *cfg,
                                 eco_footprint *out) {
  memset(out, 0, sizeof *out);
  double watts = cfg ? cfg->watts_per_core : 10.0;
  double grid = cfg ? cfg->grid_gco2_per_kwh : 200.0;

  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  getrusage(RUSAGE_SELF, &ru);
  double cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
               (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
  double rss = (double)ru.ru_maxrss * 1024.0; /* Linux: KiB */
  double wall = eco_wtime();

  /* One reader per node: the lowest rank of each host name. No new
   * communicator (MPI_Comm_split_type hung now and then at 2 ranks in
   * Open MPI 4.1 after a failed forecast run, both ranks inside it). */
  int leader = 0;
  ECO_CALL(node_leader(comm, &leader));
  double joules = 0.0;
  int ok = 1;
  if (leader) {
    joules = rapl_node_joules();
    if (joules < 0) {
      ok = 0;
      joules = 0.0;
    }
  }

  double sums[2] = {cpu, joules}, sums_out[2];
  double maxs[2] = {wall, rss}, maxs_out[2];
  int nr = 0, all_ok = 0;
  ECO_CALL_MPI(MPI_Comm_size(comm, &nr));
  ECO_CALL_MPI(MPI_Allreduce(sums, sums_out, 2, MPI_DOUBLE, MPI_SUM, comm));
  ECO_CALL_MPI(MPI_Allreduce(maxs, maxs_out, 2, MPI_DOUBLE, MPI_MAX, comm));
  ECO_CALL_MPI(MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, comm));

  out->wall_seconds = maxs_out[0];
  out->cpu_seconds = sums_out[0];
  out->peak_rss_bytes = maxs_out[1];
  out->nranks = nr;
  if (all_ok) {
    out->energy_joules = sums_out[1];
    out->energy_from_rapl = 1;
  } else {
    out->energy_joules = out->cpu_seconds * watts;
    out->energy_from_rapl = 0;
  }
  out->gco2e = out->energy_joules / 3.6e6 * grid;
  return ECO_OK;
}

void eco_footprint_format(const eco_footprint *fp,
                          const eco_footprint_config *cfg, char *buf,
                          size_t len) {
  if (!buf || len == 0)
    return;
  double watts = cfg ? cfg->watts_per_core : 10.0;
  double grid = cfg ? cfg->grid_gco2_per_kwh : 200.0;
  char how[64];
  if (fp->energy_from_rapl)
    snprintf(how, sizeof how, "RAPL");
  else
    snprintf(how, sizeof how, "model %g W/core", watts);
  snprintf(buf, len,
           "wall %.1f s, cpu %.1f core-s, peak %.0f MiB/rank, energy %.3g Wh "
           "(%s), %.3g gCO2e (%g g/kWh)",
           fp->wall_seconds, fp->cpu_seconds, fp->peak_rss_bytes / 1048576.0,
           fp->energy_joules / 3600.0, how, fp->gco2e, grid);
}
