/* Atomic results files with provenance.
 *
 * eco_results_create writes "<path>.tmp"; eco_results_commit measures the
 * footprint, writes the end provenance, closes, and rank 0 fsyncs and
 * renames the file to <path> once every rank has closed it. A run that dies
 * before the rename leaves the previous <path> untouched (at worst a stale
 * "<path>.tmp", which the next run truncates). Attribute values are computed
 * on rank 0 and broadcast so that every rank writes identical metadata.
 * See docs/formats.md, "Provenance". */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ecoscale/run.h"
#include "h5_internal.h"
#include "io_fault.h"

struct eco_results {
  eco_h5 *h5;
  MPI_Comm comm;
  int rank, size;
  char *path;   /* final name */
  char *tmp;    /* "<path>.tmp" */
  eco_footprint_config fpcfg;
  char *inputs; /* "sha256  path\n" lines */
  size_t inputs_len;
};

/* ------------------------------------------------------------------------ */
/* Rank-0 helpers whose outcome is broadcast                                 */
/* ------------------------------------------------------------------------ */

/* Broadcast rank 0's status and message: all ranks return the same status. */
static eco_status bcast_status(MPI_Comm comm, int rank, eco_status st) {
  int code = (int)st;
  char msg[1024] = {0};
  if (rank == 0 && st != ECO_OK)
    snprintf(msg, sizeof msg, "%s", eco_error_message());
  if (MPI_Bcast(&code, 1, MPI_INT, 0, comm) != MPI_SUCCESS ||
      MPI_Bcast(msg, sizeof msg, MPI_CHAR, 0, comm) != MPI_SUCCESS)
    return eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__,
                         "broadcast of a status failed");
  if (code == ECO_OK) return ECO_OK;
  if (rank == 0) return (eco_status)code;
  return eco_error_set((eco_status)code, __FILE__, __LINE__, "%s", msg);
}

/* Broadcast a malloc'd string from rank 0 (NULL on rank 0 is sent as ""). */
static eco_status bcast_string(MPI_Comm comm, int rank, char **s) {
  long long n = rank == 0 && *s ? (long long)strlen(*s) : 0;
  ECO_CALL_MPI(MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, comm));
  eco_status st = ECO_OK;
  if (rank != 0) {
    free(*s);
    *s = NULL;
    st = eco_malloc((size_t)n + 1, s);
    if (st == ECO_OK) (*s)[n] = '\0';
  } else if (!*s) {
    st = eco_strdup("", s);
  }
  /* Every rank or none goes on to the broadcasts. */
  ECO_CALL(eco_agree(comm, st));
  if (n > 0) {
    /* Large strings in pieces that fit an int count. */
    for (long long off = 0; off < n; off += (1 << 30)) {
      int len = (int)(n - off < (1 << 30) ? n - off : (1 << 30));
      ECO_CALL_MPI(MPI_Bcast(*s + off, len, MPI_CHAR, 0, comm));
    }
  }
  return ECO_OK;
}

/* mkdir -p of the folder holding `path`. Not collective. */
static eco_status make_parent(const char *path) {
  char buf[PATH_MAX];
  ECO_CHECK(strlen(path) < sizeof buf, ECO_ERR_USAGE, "path too long: %s", path);
  strcpy(buf, path);
  char *slash = strrchr(buf, '/');
  if (!slash || slash == buf) return ECO_OK;
  *slash = '\0';
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
      return eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                           "cannot create folder %s (%s)", buf, strerror(errno));
    *p = '/';
  }
  if (mkdir(buf, 0777) != 0 && errno != EEXIST)
    return eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "cannot create folder %s for %s (%s)", buf, path,
                         strerror(errno));
  struct stat sb;
  ECO_CHECK(stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode), ECO_ERR_IO,
            "%s is not a folder (needed for %s)", buf, path);
  return ECO_OK;
}

/* Same file? (device and inode, so links and relative paths are caught.) */
static int same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return 0;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void iso8601(double epoch, char out[32]) {
  time_t t = (time_t)epoch;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static double now_epoch(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Checksum `path` on rank 0 and append "sha256  path\n" to r->inputs on
 * every rank. Collective. */
static eco_status add_input(eco_results *r, const char *path) {
  char hex[65] = {0};
  eco_status st = ECO_OK;
  if (r->rank == 0) {
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
      strcpy(hex, "-"); /* a folder input (e.g. shards): named, no checksum */
    else
      st = eco_file_sha256(path, hex);
  }
  ECO_CALL(bcast_status(r->comm, r->rank, st));
  ECO_CALL_MPI(MPI_Bcast(hex, 65, MPI_CHAR, 0, r->comm));
  size_t add = strlen(hex) + 2 + strlen(path) + 1;
  /* Agreed: the callers go on to collective steps. */
  ECO_CALL(eco_agree(r->comm, eco_realloc(r->inputs_len + add + 1, &r->inputs)));
  snprintf(r->inputs + r->inputs_len, add + 1, "%s  %s\n", hex, path);
  r->inputs_len += add;
  return ECO_OK;
}

static eco_status write_inputs(eco_results *r) {
  /* No trailing newline in the attribute. */
  size_t n = r->inputs_len;
  char save = 0;
  if (n > 0) {
    save = r->inputs[n - 1];
    r->inputs[n - 1] = '\0';
  }
  eco_status st = eco_h5_attr_set_string(r->h5, "/", "inputs", n ? r->inputs : "");
  if (n > 0) r->inputs[n - 1] = save;
  return st;
}

static void results_free(eco_results *r) {
  if (!r) return;
  free(r->path);
  free(r->tmp);
  free(r->inputs);
  free(r);
}

/* ------------------------------------------------------------------------ */

eco_h5 *eco_results_h5(eco_results *r) { return r ? r->h5 : NULL; }

/* Collective on ctx->comm. Errors (the same on every rank): ECO_ERR_USAGE if
 * path is one of the inputs, ECO_ERR_IO if its folder cannot be created or
 * the file cannot be written, ECO_ERR_INPUT if an input cannot be read. */
eco_status eco_results_create(const eco_ctx *ctx, const char *path,
                              eco_results **out) {
  *out = NULL;
  ECO_CHECK(path && path[0], ECO_ERR_USAGE, "no output file given (-o FILE.h5)");
  ECO_CHECK(ctx->footprint != NULL, ECO_ERR_INTERNAL,
            "results file %s: no footprint configuration", path);
  eco_results *r = NULL;
  eco_status st0 = eco_calloc_all(ctx->comm, 1, sizeof *r, &r); /* collective from here */
  if (st0 != ECO_OK) {
    free(r);
    return st0;
  }
  r->comm = ctx->comm;
  MPI_Comm_rank(r->comm, &r->rank);
  MPI_Comm_size(r->comm, &r->size);
  r->fpcfg = *ctx->footprint;
  eco_status st = eco_strdup(path, &r->path);
  if (st == ECO_OK) st = eco_malloc(strlen(path) + 5, &r->tmp);
  if (st == ECO_OK) {
    sprintf(r->tmp, "%s.tmp", path);
    st = eco_strdup("", &r->inputs);
  }
  st = eco_agree(r->comm, st);
  if (st != ECO_OK) {
    results_free(r);
    return st;
  }

  /* Rank 0: the output must not be an input; create its folder. */
  st = ECO_OK;
  if (r->rank == 0) {
    for (int i = 0; i < ctx->ninputs && st == ECO_OK; i++) {
      if (strcmp(ctx->inputs[i], path) == 0 || same_file(ctx->inputs[i], path) ||
          same_file(ctx->inputs[i], r->tmp))
        st = eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                           "output %s is also an input; choose another -o",
                           path);
    }
    if (st == ECO_OK) st = make_parent(path);
  }
  st = bcast_status(r->comm, r->rank, st);
  if (st != ECO_OK) {
    results_free(r);
    return st;
  }

  for (int i = 0; i < ctx->ninputs && st == ECO_OK; i++)
    st = add_input(r, ctx->inputs[i]);
  if (st != ECO_OK) {
    results_free(r);
    return st;
  }

  st = eco_h5_create(r->comm, r->tmp, &r->h5);
  if (st != ECO_OK) {
    /* A failed create may still have made the file (the status is agreed:
     * every rank is past it). */
    if (r->rank == 0) unlink(r->tmp);
    results_free(r);
    return st;
  }

  /* Start provenance; text made on rank 0 and broadcast. */
  char *config = NULL;
  st = ECO_OK;
  if (r->rank == 0 && ctx->cfg) st = eco_config_dump(ctx->cfg, &config);
  st = bcast_status(r->comm, r->rank, st);
  if (st == ECO_OK) st = bcast_string(r->comm, r->rank, &config);
  char start[32] = {0};
  if (r->rank == 0) iso8601(ctx->t_start, start);
  if (st == ECO_OK) {
    int e = MPI_Bcast(start, sizeof start, MPI_CHAR, 0, r->comm);
    if (e != MPI_SUCCESS) st = eco_error_mpi(e, __FILE__, __LINE__, "MPI_Bcast");
  }
  eco_h5 *f = r->h5;
  if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/", "ecoscale_version", eco_version());
  if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/", "git_revision", eco_git_revision());
  if (st == ECO_OK)
    st = eco_h5_attr_set_string(f, "/", "command", ctx->command ? ctx->command : "");
  if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/", "config", config);
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(f, "/", "seed", ctx->run ? ctx->run->seed : 0);
  if (st == ECO_OK) st = eco_h5_attr_set_int64(f, "/", "nranks", r->size);
  if (st == ECO_OK) st = write_inputs(r);
  if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/", "start_time", start);
  free(config);
  st = eco_agree(r->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(&r);
    return st;
  }
  *out = r;
  return ECO_OK;
}

/* Collective (the checksum is computed on rank 0 and broadcast). */
eco_status eco_results_add_input(eco_results *r, const char *path) {
  ECO_CHECK(r != NULL, ECO_ERR_INTERNAL, "no results file");
  ECO_CALL(add_input(r, path));
  ECO_CALL(write_inputs(r));
  return ECO_OK;
}

eco_status eco_results_commit(eco_results **rp) {
  ECO_CHECK(rp && *rp, ECO_ERR_INTERNAL, "no results file to commit");
  eco_results *r = *rp;
  eco_footprint fp;
  memset(&fp, 0, sizeof fp);
  eco_status st = eco_footprint_measure(r->comm, &r->fpcfg, &fp);
  st = eco_agree(r->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(rp);
    return st;
  }
  /* Rank 0's figures and clock for everyone. */
  double v[7] = {fp.wall_seconds, fp.cpu_seconds, fp.peak_rss_bytes,
                 fp.energy_joules,  fp.gco2e,       (double)fp.energy_from_rapl,
                 now_epoch()};
  int e = MPI_Bcast(v, 7, MPI_DOUBLE, 0, r->comm);
  if (e != MPI_SUCCESS) st = eco_error_mpi(e, __FILE__, __LINE__, "MPI_Bcast");
  char end[32];
  iso8601(v[6], end);
  eco_h5 *f = r->h5;
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/", "footprint_wall_s", v[0]);
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/", "footprint_cpu_core_s", v[1]);
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/", "footprint_peak_rss_bytes", v[2]);
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/", "footprint_energy_j", v[3]);
  if (st == ECO_OK)
    st = eco_h5_attr_set_string(f, "/", "footprint_energy_source",
                                v[5] != 0.0 ? "rapl" : "model");
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/", "footprint_gco2e", v[4]);
  if (st == ECO_OK)
    st = eco_h5_attr_set_double(f, "/", "footprint_grid_gco2_per_kwh",
                                r->fpcfg.grid_gco2_per_kwh);
  if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/", "end_time", end);
  eco_h5_io_errno_reset(); /* set by a failed write below HDF5: ENOSPC, EFBIG... */
  if (st == ECO_OK && H5Fflush(eco_h5_id(f), H5F_SCOPE_GLOBAL) < 0) {
    int why = eco_h5_io_errno();
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__, "%s: flush failed%s%s%s", r->tmp,
                       why ? " (" : "", why ? strerror(why) : "", why ? ")" : "");
  }
  else if (st == ECO_OK && eco_fault_hit(ECO_FAULT_WRITE))
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "%s: flush failed (%s)",
                       r->tmp, strerror(EIO));
  st = eco_agree(r->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(rp);
    return st;
  }
  st = eco_h5_close(&r->h5);
  st = eco_agree(r->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(rp);
    return st;
  }
  MPI_Barrier(r->comm);
  /* Every rank has closed the file: rank 0 makes it durable and renames. */
  st = ECO_OK;
  if (r->rank == 0) {
    int fd = open(r->tmp, O_RDONLY);
    if (fd >= 0 && eco_fault_hit(ECO_FAULT_WRITE)) { /* as if fsync failed */
      close(fd);
      fd = -1;
      errno = EIO;
    }
    if (fd < 0 || fsync(fd) != 0)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "%s: fsync failed (%s)",
                         r->tmp, strerror(errno));
    if (fd >= 0) close(fd);
    if (st == ECO_OK && eco_fault_hit(ECO_FAULT_WRITE)) { /* as if rename failed */
      errno = EIO;
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "cannot rename %s to %s (%s)", r->tmp, r->path,
                         strerror(errno));
    }
    if (st == ECO_OK && rename(r->tmp, r->path) != 0)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "cannot rename %s to %s (%s)", r->tmp, r->path,
                         strerror(errno));
    if (st == ECO_OK) {
      /* Make the rename itself durable. */
      char dir[PATH_MAX];
      snprintf(dir, sizeof dir, "%s", r->path);
      char *slash = strrchr(dir, '/');
      if (!slash) strcpy(dir, ".");
      else if (slash == dir) dir[1] = '\0';
      else *slash = '\0';
      int dfd = open(dir, O_RDONLY | O_DIRECTORY);
      if (dfd >= 0) {
        fsync(dfd); /* best effort: some file systems refuse fsync on folders */
        close(dfd);
      }
    } else {
      unlink(r->tmp);
    }
  }
  st = bcast_status(r->comm, r->rank, st);
  results_free(r);
  *rp = NULL;
  return st;
}

void eco_results_abort(eco_results **rp) {
  if (!rp || !*rp) return;
  eco_results *r = *rp;
  *rp = NULL;
  eco_h5_close_discard(&r->h5); /* the .tmp is deleted: nothing more to write */
  MPI_Barrier(r->comm);
  if (r->rank == 0) unlink(r->tmp);
  results_free(r);
}
