/* The command `merge plan SLICE.h5 ... -o OUT.h5`: join the results files of
 * slices of one sweep (plan.first / plan.count, e.g. the tasks of a SLURM job
 * array) into the results file of the whole sweep.
 *
 * Slices must come from the same sweep: the same `command` (plan), the same
 * ecoscale version, the same input checksums (model, data, scenario table,
 * forecast file), the same [plan] section of the effective configuration
 * apart from `first` and `count`, the same /plan@total_scenarios, base
 * objective and status, parameter names, tracked names and model row names.
 * Together they must cover scenarios 0 .. total-1 exactly once. The
 * per-scenario rows are copied (bit-identical to a whole sweep); the
 * sweep-level summaries (status counts, objective distribution, Pareto front,
 * binding rows) are recomputed with the plan command's own writers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_impl.h"

typedef struct {
  const char *path;
  char *command, *config, *inputs, *version, *base_status;
  int64_t first, count, total;
  double base_objective, sweep_seconds, sweep_cpu;
  int has_params, has_track, has_slice, has_saved;
  int64_t np, nk, nrows;
  size_t w_params, w_track, w_rows;
} slice_meta;

static void meta_free(slice_meta *m) {
  free(m->command);
  free(m->config);
  free(m->inputs);
  free(m->version);
  free(m->base_status);
}

/* The [plan] section of an effective configuration without `first` and
 * `count` (malloc'd). */
static eco_status plan_section(const char *cfg, char **out) {
  size_t n = strlen(cfg);
  char *s = NULL;
  ECO_CALL(eco_malloc(n + 1, &s));
  s[0] = '\0';
  size_t k = 0;
  int in = 0;
  const char *p = cfg;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t L = e ? (size_t)(e - p) : strlen(p);
    if (L > 0 && p[0] == '[')
      in = L == 6 && strncmp(p, "[plan]", 6) == 0;
    else if (in && !(strncmp(p, "first =", 7) == 0 ||
                     strncmp(p, "count =", 7) == 0)) {
      memcpy(s + k, p, L);
      k += L;
      s[k++] = '\n';
    }
    p += L + (e ? 1 : 0);
  }
  s[k] = '\0';
  *out = s;
  return ECO_OK;
}

/* First line where a and b differ, into buf. */
static void first_difference(const char *a, const char *b, char *buf,
                             size_t len) {
  while (*a && *a == *b) {
    const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
    size_t la = ea ? (size_t)(ea - a) : strlen(a);
    size_t lb = eb ? (size_t)(eb - b) : strlen(b);
    if (la != lb || memcmp(a, b, la) != 0)
      break;
    a += la + (ea ? 1 : 0);
    b += lb + (eb ? 1 : 0);
  }
  int la = (int)(strchr(a, '\n') ? strchr(a, '\n') - a : (long)strlen(a));
  int lb = (int)(strchr(b, '\n') ? strchr(b, '\n') - b : (long)strlen(b));
  snprintf(buf, len, "'%.*s' vs '%.*s'", la, a, lb, b);
}

/* The sha256 column of the `inputs` attribute ("HEX  name" lines). */
static void checksums_only(const char *in, char *out, size_t len) {
  size_t k = 0;
  const char *p = in;
  while (*p && k + 66 < len) {
    const char *e = strchr(p, '\n');
    size_t L = e ? (size_t)(e - p) : strlen(p);
    size_t h = strcspn(p, " \n");
    if (h > L)
      h = L;
    memcpy(out + k, p, h);
    k += h;
    out[k++] = '\n';
    p += L + (e ? 1 : 0);
  }
  out[k] = '\0';
}

static eco_status shape_of(eco_h5 *f, const char *name, int *present,
                           int64_t *rows, int64_t *cols, size_t *w) {
  ECO_CALL(eco_h5_exists(f, name, present));
  if (!*present)
    return ECO_OK;
  int nd = 0;
  int64_t dims[2] = {0, 0};
  size_t ss = 0;
  ECO_CALL(eco_h5_dataset_shape(f, name, &nd, dims, &ss));
  if (rows)
    *rows = dims[0];
  if (cols)
    *cols = dims[1];
  if (w)
    *w = ss;
  return ECO_OK;
}

/* Everything the checks need, from one slice file. Collective. */
static eco_status meta_read(MPI_Comm comm, const char *path, slice_meta *m) {
  eco_h5 *f = NULL;
  m->path = path;
  ECO_CALL(eco_h5_open(comm, path, ECO_H5_READ, &f));
  int have = 0;
  eco_status st = eco_h5_attr_get_string(f, "/", "command", &m->command);
  if (st == ECO_OK && strcmp(m->command, "plan") != 0)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: not a plan results file (command '%s')", path,
                       m->command);
  if (st == ECO_OK)
    st = eco_h5_exists(f, "/plan/scenario", &have);
  if (st == ECO_OK && !have)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: no /plan/scenario (not a plan results file)", path);
  if (st == ECO_OK)
    st = eco_h5_attr_get_string(f, "/", "config", &m->config);
  if (st == ECO_OK)
    st = eco_h5_attr_get_string(f, "/", "inputs", &m->inputs);
  if (st == ECO_OK)
    st = eco_h5_attr_get_string(f, "/", "ecoscale_version", &m->version);
  if (st == ECO_OK)
    st = eco_h5_attr_get_int64(f, "/plan", "first", &m->first);
  if (st == ECO_OK)
    st = eco_h5_attr_get_int64(f, "/plan", "scenarios", &m->count);
  if (st == ECO_OK)
    st = eco_h5_attr_get_int64(f, "/plan", "total_scenarios", &m->total);
  if (st == ECO_OK)
    st = eco_h5_attr_get_double(f, "/plan", "base_objective",
                                &m->base_objective);
  if (st == ECO_OK)
    st = eco_h5_attr_get_string(f, "/plan", "base_status", &m->base_status);
  if (st == ECO_OK)
    st = eco_h5_attr_get_double(f, "/plan", "sweep_seconds", &m->sweep_seconds);
  if (st == ECO_OK)
    st = eco_h5_attr_get_double(f, "/plan", "sweep_cpu_seconds", &m->sweep_cpu);
  if (st == ECO_OK)
    st = shape_of(f, "/plan/parameter_names", &m->has_params, &m->np, NULL,
                  &m->w_params);
  if (st == ECO_OK)
    st = shape_of(f, "/plan/track/names", &m->has_track, &m->nk, NULL,
                  &m->w_track);
  if (st == ECO_OK)
    st = shape_of(f, "/plan/slice/row_names", &m->has_slice, &m->nrows, NULL,
                  &m->w_rows);
  if (st == ECO_OK)
    st = eco_h5_exists(f, "/plan/solutions/scenario", &m->has_saved);
  if (st == ECO_OK && !m->has_slice) {
    int bind = 0;
    st = eco_h5_exists(f, "/plan/binding/count", &bind);
    if (st == ECO_OK && bind)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: not a slice (no /plan/slice: run with "
                         "plan.first / plan.count)",
                         path);
  }
  eco_status cst = eco_h5_close(&f);
  return st != ECO_OK ? st : cst;
}

static const slice_meta *g_meta;
static int by_first(const void *a, const void *b) {
  int i = *(const int *)a, j = *(const int *)b;
  if (g_meta[i].first != g_meta[j].first)
    return g_meta[i].first < g_meta[j].first ? -1 : 1;
  return i < j ? -1 : (i > j);
}

/* Same sweep, exact cover. Deterministic: every rank gives the same
 * answer. order receives the slices sorted by first. */
static eco_status meta_check(const slice_meta *m, int n, int *order) {
  char *p0 = NULL, *pi = NULL, diff[1024];
  char c0[8192], ci[8192];
  ECO_CALL(plan_section(m[0].config, &p0));
  checksums_only(m[0].inputs, c0, sizeof c0);
  eco_status st = ECO_OK;
  for (int i = 1; i < n && st == ECO_OK; i++) {
    const slice_meta *a = &m[0], *b = &m[i];
    st = plan_section(b->config, &pi);
    if (st != ECO_OK)
      break;
    checksums_only(b->inputs, ci, sizeof ci);
    if (strcmp(p0, pi) != 0) {
      first_difference(p0, pi, diff, sizeof diff);
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s and %s are not slices of the same sweep: their "
                         "[plan] settings differ (%s)",
                         a->path, b->path, diff);
    } else if (strcmp(c0, ci) != 0) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s and %s are not slices of the same sweep: their "
                         "input files (model, data, scenarios, forecast) have "
                         "different sha256 checksums",
                         a->path, b->path);
    } else if (strcmp(a->version, b->version) != 0) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s and %s were made by different ecoscale versions "
                         "(%s, %s)",
                         a->path, b->path, a->version, b->version);
    } else if (a->total != b->total ||
               memcmp(&a->base_objective, &b->base_objective,
                      sizeof(double)) != 0 ||
               strcmp(a->base_status, b->base_status) != 0 ||
               a->has_params != b->has_params || a->np != b->np ||
               a->has_track != b->has_track || a->nk != b->nk ||
               a->has_slice != b->has_slice || a->nrows != b->nrows) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s and %s are not slices of the same sweep: they "
                         "differ in the number of scenarios (%lld, %lld), the "
                         "base model's solution, the parameters, the tracked "
                         "values or the model's rows",
                         a->path, b->path, (long long)a->total,
                         (long long)b->total);
    }
    eco_free(&pi);
  }
  eco_free(&p0);
  ECO_CALL(st);
  for (int i = 0; i < n; i++)
    order[i] = i;
  g_meta = m;
  qsort(order, (size_t)n, sizeof(int), by_first);
  int64_t next = 0;
  const slice_meta *prev = NULL;
  for (int q = 0; q < n; q++) {
    const slice_meta *s = &m[order[q]];
    if (s->first > next) {
      if (prev)
        return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                             "gap: scenarios %lld..%lld are in no slice "
                             "(between %s, which ends at %lld, and %s, which "
                             "starts at %lld)",
                             (long long)next, (long long)(s->first - 1),
                             prev->path, (long long)(next - 1), s->path,
                             (long long)s->first);
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "gap: scenarios 0..%lld are in no slice (the first, "
                           "%s, starts at %lld)",
                           (long long)(s->first - 1), s->path,
                           (long long)s->first);
    }
    if (s->first < next)
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "overlap: scenarios %lld..%lld are in both %s and "
                           "%s",
                           (long long)s->first,
                           (long long)((next < s->first + s->count
                                            ? next
                                            : s->first + s->count) -
                                       1),
                           prev->path, s->path);
    next = s->first + s->count;
    prev = s;
  }
  ECO_CHECK(next == m[0].total, ECO_ERR_INPUT,
            "gap: scenarios %lld..%lld are in no slice (the last, %s, ends "
            "at %lld)",
            (long long)next, (long long)(m[0].total - 1), prev->path,
            (long long)(next - 1));
  return ECO_OK;
}

/* Copy a string dataset of rows x w from slice file f to the output.
 * Collective (rank 0 writes). */
static eco_status strings_copy(const eco_ctx *ctx, eco_h5 *in, eco_h5 *out,
                               const char *name, int64_t rows, size_t w) {
  char *buf = NULL;
  ECO_CALL(eco_calloc_all(ctx->comm, (size_t)(rows ? rows : 1), w ? w : 1, &buf));
  eco_status st = eco_h5_dataset_read(in, name, ECO_H5_STRING, 0, rows, buf);
  if (st == ECO_OK)
    st = eco_h5_dataset_create(out, name, ECO_H5_STRING, w, rows, 0, NULL);
  if (st == ECO_OK)
    st = eco_h5_dataset_write(out, name, ECO_H5_STRING, 0,
                              ctx->rank == 0 ? rows : 0, buf);
  eco_free(&buf);
  return st;
}

typedef struct {
  const char *names; /* nrows x w */
  size_t w;
} row_names;

static const char *row_name_at(void *user, int i) {
  const row_names *r = user;
  return r->names + (size_t)i * r->w;
}

/* Saved solutions: slice i's rows are read by rank i % size and written in
 * rank order (as `plan` does: match them by /plan/solutions/scenario).
 * Collective. */
static eco_status saved_merge(const eco_ctx *ctx, const slice_meta *m, int n,
                              eco_h5 *out) {
  int64_t nc = 0, nr = 0, mine = 0;
  int any = 0;
  eco_status st = ECO_OK;
  for (int i = 0; i < n; i++)
    any |= m[i].has_saved;
  if (!any)
    return ECO_OK;
  int64_t *id = NULL;
  double *primal = NULL, *dual = NULL;
  int named = 0;
  for (int i = 0; i < n && st == ECO_OK; i++) {
    if (!m[i].has_saved)
      continue;
    eco_h5 *f = NULL;
    int64_t rows = 0, cols = 0, drows = 0, dcols = 0;
    int pres = 0, dpres = 0;
    ECO_CALL(eco_h5_open(ctx->comm, m[i].path, ECO_H5_READ, &f));
    st = shape_of(f, "/plan/solutions/primal", &pres, &rows, &cols, NULL);
    if (st == ECO_OK)
      st = shape_of(f, "/plan/solutions/dual", &dpres, &drows, &dcols, NULL);
    if (st == ECO_OK && !named) {
      nc = cols;
      nr = dpres ? dcols : 0;
    }
    if (st == ECO_OK && (cols != nc || (dpres ? dcols : 0) != nr))
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: saved solutions of %lld columns and %lld rows, "
                         "%s: %lld and %lld",
                         m[0].path, (long long)nc, (long long)nr, m[i].path,
                         (long long)cols, (long long)(dpres ? dcols : 0));
    int64_t take = ctx->rank == i % ctx->size ? rows : 0;
    if (st == ECO_OK) {
      st = eco_realloc(sizeof(int64_t) * (size_t)(mine + take + 1), &id);
      if (st == ECO_OK)
        st = eco_realloc(sizeof(double) * (size_t)((mine + take) * nc + 1),
                         &primal);
      if (st == ECO_OK)
        st = eco_realloc(sizeof(double) * (size_t)((mine + take) * nr + 1),
                         &dual);
    }
    st = eco_agree(ctx->comm, st);
    if (st == ECO_OK)
      st = eco_h5_dataset_read(f, "/plan/solutions/scenario", ECO_H5_INT64, 0,
                               take, id + mine);
    if (st == ECO_OK)
      st = eco_h5_dataset_read(f, "/plan/solutions/primal", ECO_H5_DOUBLE, 0,
                               take, primal + mine * nc);
    if (st == ECO_OK && nr > 0)
      st = eco_h5_dataset_read(f, "/plan/solutions/dual", ECO_H5_DOUBLE, 0,
                               take, dual + mine * nr);
    if (st == ECO_OK && !named) {
      int64_t k = 0;
      size_t w = 0;
      int pr = 0;
      st = shape_of(f, "/plan/solutions/column_names", &pr, &k, NULL, &w);
      if (st == ECO_OK && pr)
        st = strings_copy(ctx, f, out, "/plan/solutions/column_names", k, w);
      if (st == ECO_OK)
        st = shape_of(f, "/plan/solutions/row_names", &pr, &k, NULL, &w);
      if (st == ECO_OK && pr)
        st = strings_copy(ctx, f, out, "/plan/solutions/row_names", k, w);
      named = 1;
    }
    mine += take;
    eco_status cst = eco_h5_close(&f);
    st = eco_agree(ctx->comm, st != ECO_OK ? st : cst);
  }
  if (st == ECO_OK)
    st = eco_h5_rows_write(out, "/plan/solutions/scenario", ECO_H5_INT64, 0,
                           mine, 0, id, NULL, NULL);
  if (st == ECO_OK)
    st = eco_h5_rows_write(out, "/plan/solutions/primal", ECO_H5_DOUBLE, 0,
                           mine, nc, primal, NULL, NULL);
  if (st == ECO_OK && nr > 0)
    st = eco_h5_rows_write(out, "/plan/solutions/dual", ECO_H5_DOUBLE, 0, mine,
                           nr, dual, NULL, NULL);
  eco_free(&id);
  eco_free(&primal);
  eco_free(&dual);
  return st;
}

static eco_status merge_check(const eco_ctx *ctx, void *opts) {
  (void)opts;
  eco_status st = ECO_OK;
  if (ctx->rank == 0) {
    if (ctx->ninputs < 1)
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "merge plan: no slice files given (ecoscale merge "
                         "plan SLICE.h5 ... -o OUT.h5)");
    for (int i = 0; i < ctx->ninputs && st == ECO_OK; i++)
      st = eco_plan_path_check(ctx->inputs[i], "slice");
  }
  return eco_agree(ctx->comm, st);
}

static eco_status merge_run(const eco_ctx *ctx, void *opts) {
  (void)opts;
  int n = ctx->ninputs;
  slice_meta *m = NULL;
  int *order = NULL;
  eco_plan_result *blk = NULL;
  double *par = NULL, *trk = NULL, *bm = NULL, *bmi = NULL;
  int64_t *bc = NULL, *bci = NULL;
  char *names = NULL;
  eco_results *res = NULL;
  eco_h5 *f = NULL;
  eco_status st = eco_calloc((size_t)n, sizeof(slice_meta), &m);
  if (st == ECO_OK)
    st = eco_calloc((size_t)n, sizeof(int), &order);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK)
    goto done;
  for (int i = 0; i < n && st == ECO_OK; i++)
    st = eco_agree(ctx->comm, meta_read(ctx->comm, ctx->inputs[i], &m[i]));
  if (st == ECO_OK)
    st = eco_agree(ctx->comm, meta_check(m, n, order));
  if (st != ECO_OK)
    goto done;

  const int64_t N = m[0].total, P = m[0].has_params ? m[0].np : 0,
                K = m[0].has_track ? m[0].nk : 0;
  const int nrow = m[0].has_slice ? (int)m[0].nrows : 0;
  eco_log_root(ECO_LOG_INFO, "merge plan: %d slices, %lld scenarios", n,
               (long long)N);
  int64_t s0, cnt;
  eco_block_range(N, ctx->rank, ctx->size, &s0, &cnt);
  size_t c1 = (size_t)(cnt ? cnt : 1);
  st = eco_malloc(sizeof(eco_plan_result) * c1, &blk);
  if (st == ECO_OK)
    st = eco_malloc(sizeof(double) * c1 * (size_t)(P ? P : 1), &par);
  if (st == ECO_OK)
    st = eco_malloc(sizeof(double) * c1 * (size_t)(K ? K : 1), &trk);
  if (st == ECO_OK)
    st = eco_calloc((size_t)(nrow ? nrow : 1), sizeof(int64_t), &bc);
  if (st == ECO_OK)
    st = eco_calloc((size_t)(nrow ? nrow : 1), sizeof(double), &bm);
  if (st == ECO_OK)
    st = eco_calloc((size_t)(nrow ? nrow : 1), sizeof(int64_t), &bci);
  if (st == ECO_OK)
    st = eco_calloc((size_t)(nrow ? nrow : 1), sizeof(double), &bmi);
  if (st == ECO_OK && nrow)
    st = eco_calloc((size_t)nrow, m[0].w_rows, &names);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK)
    goto done;

  /* rows: each rank reads the part of every slice inside its block */
  double sweep_seconds = 0, sweep_cpu = 0;
  for (int q = 0; q < n && st == ECO_OK; q++) {
    const slice_meta *s = &m[order[q]];
    sweep_seconds += s->sweep_seconds;
    sweep_cpu += s->sweep_cpu;
    int64_t lo = s->first > s0 ? s->first : s0;
    int64_t hi = s->first + s->count < s0 + cnt ? s->first + s->count
                                                : s0 + cnt;
    int64_t r0 = hi > lo ? lo - s->first : 0, nr = hi > lo ? hi - lo : 0;
    int64_t at = hi > lo ? lo - s0 : 0;
    ECO_CALL_GOTO(st, eco_h5_open(ctx->comm, s->path, ECO_H5_READ, &f), done);
    st = plan_fields_read(f, "/plan", r0, nr, blk + at);
    if (st == ECO_OK && P)
      st = eco_h5_dataset_read(f, "/plan/parameters", ECO_H5_DOUBLE, r0, nr,
                               par + at * P);
    if (st == ECO_OK && K)
      st = eco_h5_dataset_read(f, "/plan/track/values", ECO_H5_DOUBLE, r0, nr,
                               trk + at * K);
    if (st == ECO_OK && nrow) {
      int64_t take = ctx->rank == 0 ? nrow : 0;
      st = eco_h5_dataset_read(f, "/plan/slice/binding_count", ECO_H5_INT64, 0,
                               take, bci);
      if (st == ECO_OK)
        st = eco_h5_dataset_read(f, "/plan/slice/binding_max_abs_dual",
                                 ECO_H5_DOUBLE, 0, take, bmi);
      if (st == ECO_OK && q == 0)
        st = eco_h5_dataset_read(f, "/plan/slice/row_names", ECO_H5_STRING, 0,
                                 take, names);
      for (int64_t i = 0; st == ECO_OK && i < take; i++) {
        bc[i] += bci[i];
        bm[i] = bmi[i] > bm[i] ? bmi[i] : bm[i];
      }
    }
    /* the rows must be the scenarios this slice claims */
    for (int64_t i = 0; st == ECO_OK && i < nr; i++)
      if (blk[at + i].index != lo + i)
        st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s: row %lld holds scenario %lld, expected %lld",
                           s->path, (long long)(r0 + i),
                           (long long)blk[at + i].index,
                           (long long)(lo + i));
    eco_status cst = eco_h5_close(&f);
    st = eco_agree(ctx->comm, st != ECO_OK ? st : cst);
  }
  if (st != ECO_OK)
    goto done;

  /* the whole sweep's results file */
  ECO_CALL_GOTO(st, eco_results_create(ctx, ctx->run->output, &res), done);
  eco_h5 *o = eco_results_h5(res);
  eco_plan_result base;
  memset(&base, 0, sizeof base);
  base.objective = m[0].base_objective;
  base.status = ECO_PLAN_FAILED;
  for (int q = 0; q < ECO_PLAN_NSTATUS; q++)
    if (strcmp(eco_plan_status_name(q), m[0].base_status) == 0)
      base.status = q;
  st = plan_rows_write(o, blk, cnt, N, s0);
  if (st == ECO_OK && P) {
    st = eco_h5_dataset_create(o, "/plan/parameters", ECO_H5_DOUBLE, 0, N, P,
                               NULL);
    if (st == ECO_OK)
      st = eco_h5_dataset_write(o, "/plan/parameters", ECO_H5_DOUBLE, s0, cnt,
                                par);
  }
  if (st == ECO_OK && (P || K)) {
    ECO_CALL_GOTO(st, eco_h5_open(ctx->comm, m[0].path, ECO_H5_READ, &f), done);
    if (P)
      st = strings_copy(ctx, f, o, "/plan/parameter_names", P, m[0].w_params);
    if (st == ECO_OK && K)
      st = strings_copy(ctx, f, o, "/plan/track/names", K, m[0].w_track);
    eco_status cst = eco_h5_close(&f);
    st = eco_agree(ctx->comm, st != ECO_OK ? st : cst);
  }
  if (st == ECO_OK)
    st = eco_agree(ctx->comm, plan_summary_write(ctx, o, blk, cnt, N, &base,
                                                 sweep_seconds, sweep_cpu, N));
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(o, "/plan", "first", 0);
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(o, "/plan", "total_scenarios", N);
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(o, "/plan", "merged_slices", n);
  if (st == ECO_OK)
    st = eco_agree(ctx->comm, saved_merge(ctx, m, n, o));
  if (st == ECO_OK && nrow) {
    row_names rn = {names, m[0].w_rows};
    st = eco_agree(ctx->comm, plan_binding_write(ctx, o, bc, bm, nrow,
                                                 row_name_at, &rn, N));
  }
  if (st == ECO_OK && K)
    st = eco_agree(ctx->comm, plan_track_values_write(ctx, o, trk, cnt, N,
                                                      (int)K));
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(&res);
    goto done;
  }
  st = eco_results_commit(&res);

done:
  eco_h5_close(&f);
  eco_results_abort(&res);
  for (int i = 0; m && i < n; i++)
    meta_free(&m[i]);
  eco_free(&m);
  eco_free(&order);
  eco_free(&blk);
  eco_free(&par);
  eco_free(&trk);
  eco_free(&bc);
  eco_free(&bm);
  eco_free(&bci);
  eco_free(&bmi);
  eco_free(&names);
  return st;
}

const eco_command eco_merge_plan_command = {
    "merge plan", "SLICE.h5 SLICE.h5 ...",
    "join the results files of slices of a plan sweep (job-array tasks) into "
    "the whole sweep's",
    NULL, merge_check, merge_run};
