/* The pipeline's links: what it derives from a forecast results file for the
 * next stages, written in those stages' own input formats.
 *
 *  - plan: a base LP of the production-planning family (plan.h) with as
 *    many regions and products as the forecast and its horizon as periods,
 *    scaled so that its capacities fit the forecast's demand, whose demand
 *    rows are named demand_{region}_{product}_{t} (what `[plan]
 *    forecast_rows` addresses) and hold the P50. Free MPS.
 *  - supply: the customers CSV of the CSV variant with each customer's
 *    demand replaced by its region's forecast total, split within the region
 *    in proportion to the demands of the given file. */
#include <ctype.h>
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ecoscale/plan.h"
#include "pipeline_impl.h"

/* ------------------------------------------------------------------------ */
/* The forecast                                                              */
/* ------------------------------------------------------------------------ */

const char *const pl_var_names[PL_NVAR] = {"point", "lo95", "p10",
                                           "p50",   "p90",  "hi95"};

void pl_forecast_free(pl_forecast *fc) {
  if (!fc) return;
  for (int64_t i = 0; i < fc->nseries; i++) {
    if (fc->region) free(fc->region[i]);
    if (fc->product) free(fc->product[i]);
  }
  free(fc->region);
  free(fc->product);
  for (int q = 0; q < PL_NVAR; q++)
    free(fc->v[q]);
  memset(fc, 0, sizeof *fc);
}

static eco_status read_names(eco_h5 *h, const char *ds, int64_t n, char ***out) {
  int nd = 0;
  int64_t dims[2];
  size_t ss = 0;
  ECO_CALL(eco_h5_dataset_shape(h, ds, &nd, dims, &ss));
  ECO_CHECK(nd == 1 && dims[0] == n && ss > 0, ECO_ERR_INPUT,
            "%s: %s: %lld strings expected", eco_h5_path(h), ds, (long long)n);
  char *buf = NULL;
  /* agreed: the read is collective */
  ECO_CALL(eco_calloc_all(eco_h5_comm(h), (size_t)n, ss, &buf));
  eco_status st = eco_h5_dataset_read(h, ds, ECO_H5_STRING, 0, n, buf);
  if (st == ECO_OK) st = eco_calloc((size_t)n, sizeof(char *), out);
  for (int64_t i = 0; st == ECO_OK && i < n; i++) {
    st = eco_malloc(ss + 1, &(*out)[i]);
    if (st == ECO_OK) {
      memcpy((*out)[i], buf + (size_t)i * ss, ss);
      (*out)[i][ss] = '\0';
    }
  }
  free(buf);
  /* the same outcome on every rank: the caller's next read is collective */
  return eco_agree(eco_h5_comm(h), st);
}

eco_status pl_forecast_read(MPI_Comm comm, const char *path, pl_forecast *fc) {
  memset(fc, 0, sizeof *fc);
  eco_h5 *h = NULL;
  ECO_CALL(eco_h5_open(comm, path, ECO_H5_READ, &h));
  int nd = 0;
  int64_t dims[2] = {0, 0};
  size_t ss = 0;
  eco_status st = eco_h5_dataset_shape(h, "/forecast/p50", &nd, dims, &ss);
  if (st == ECO_OK && (nd != 2 || dims[0] < 1 || dims[1] < 1))
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: /forecast/p50 is not series x steps", path);
  if (st == ECO_OK) {
    fc->nseries = dims[0];
    fc->horizon = dims[1];
    st = read_names(h, "/forecast/series/region", fc->nseries, &fc->region);
  }
  if (st == ECO_OK)
    st = read_names(h, "/forecast/series/product", fc->nseries, &fc->product);
  for (int q = 0; q < PL_NVAR && st == ECO_OK; q++) {
    int ex = 0;
    char ds[64];
    snprintf(ds, sizeof ds, "/forecast/%s", pl_var_names[q]);
    st = eco_h5_exists(h, ds, &ex);
    if (st != ECO_OK || !ex) continue;
    int64_t d2[2];
    st = eco_h5_dataset_shape(h, ds, &nd, d2, &ss);
    if (st == ECO_OK && (nd != 2 || d2[0] != dims[0] || d2[1] != dims[1]))
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: %s does not have the shape of /forecast/p50",
                         path, ds);
    if (st == ECO_OK) /* agreed: the read is collective */
      st = eco_malloc_all(eco_h5_comm(h), sizeof(double) * (size_t)(dims[0] * dims[1]), &fc->v[q]);
    if (st == ECO_OK)
      st = eco_h5_dataset_read(h, ds, ECO_H5_DOUBLE, 0, dims[0], fc->v[q]);
  }
  eco_status cs = eco_h5_close(&h);
  if (st == ECO_OK) st = cs;
  if (st != ECO_OK) pl_forecast_free(fc);
  return st;
}

/* Distinct names in order of first appearance; idx[i] = position of
 * names[i]. */
static eco_status distinct(char **names, int64_t n, char ***uniq, int *nuniq,
                           int *idx) {
  ECO_CALL(eco_calloc((size_t)(n ? n : 1), sizeof(char *), uniq));
  int k = 0;
  for (int64_t i = 0; i < n; i++) {
    int j = 0;
    while (j < k && strcmp((*uniq)[j], names[i]) != 0)
      j++;
    if (j == k) (*uniq)[k++] = names[i];
    idx[i] = j;
  }
  *nuniq = k;
  return ECO_OK;
}

/* A string dataset of n names written by rank 0. Collective. */
static eco_status write_names(eco_h5 *h, const char *ds, char **v, int64_t n) {
  int rank;
  MPI_Comm_rank(eco_h5_comm(h), &rank);
  size_t w = 1;
  for (int64_t i = 0; i < n; i++)
    if (strlen(v[i]) + 1 > w) w = strlen(v[i]) + 1;
  char *buf = NULL;
  ECO_CALL(eco_calloc_all(eco_h5_comm(h), (size_t)n, w, &buf));
  for (int64_t i = 0; i < n; i++)
    memcpy(buf + (size_t)i * w, v[i], strlen(v[i]));
  eco_status st = eco_h5_dataset_create(h, ds, ECO_H5_STRING, w, n, 0, NULL);
  if (st == ECO_OK)
    st = eco_h5_dataset_write(h, ds, ECO_H5_STRING, 0, rank == 0 ? n : 0, buf);
  free(buf);
  return st;
}

eco_status pl_demand_write(MPI_Comm comm, const pl_forecast *fc,
                           const char *path, int64_t *nneg) {
  int rank;
  MPI_Comm_rank(comm, &rank);
  int64_t S = fc->nseries, H = fc->horizon;
  *nneg = 0;
  char tmp[ECO_STR_MAX + 8];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  double *buf = NULL;
  ECO_CALL(eco_malloc_all(comm, sizeof(double) * (size_t)(S * H), &buf));
  eco_h5 *h = NULL;
  eco_status st = eco_agree(comm, eco_h5_create(comm, tmp, &h));
  if (st == ECO_OK) st = write_names(h, "/forecast/series/region", fc->region, S);
  if (st == ECO_OK) st = write_names(h, "/forecast/series/product", fc->product, S);
  for (int q = 0; q < PL_NVAR && st == ECO_OK; q++) {
    if (!fc->v[q]) continue;
    for (int64_t k = 0; k < S * H; k++) {
      double d = fc->v[q][k];
      if (d < 0) (*nneg)++;
      buf[k] = d < 0 ? 0 : d;
    }
    char ds[64];
    snprintf(ds, sizeof ds, "/forecast/%s", pl_var_names[q]);
    st = eco_h5_dataset_create(h, ds, ECO_H5_DOUBLE, 0, S, H, NULL);
    if (st == ECO_OK)
      st = eco_h5_dataset_write(h, ds, ECO_H5_DOUBLE, 0, rank == 0 ? S : 0, buf);
  }
  if (st == ECO_OK)
    st = eco_h5_attr_set_string(h, "/forecast", "meaning",
                                "demand quantiles of a forecast with negative "
                                "values set to 0 (written by ecoscale pipeline "
                                "for the plan)");
  eco_status cs = eco_h5_close(&h);
  if (st == ECO_OK) st = cs;
  st = eco_agree(comm, st);
  free(buf);
  if (rank == 0) {
    if (st == ECO_OK && rename(tmp, path) != 0)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "cannot rename %s to %s (%s)", tmp, path,
                         strerror(errno));
    if (st != ECO_OK) remove(tmp);
  }
  return eco_agree(comm, st);
}

/* ------------------------------------------------------------------------ */
/* The plan's base model                                                     */
/* ------------------------------------------------------------------------ */

static int name_ok(const char *s) {
  if (!s[0]) return 0;
  for (const char *p = s; *p; p++)
    if (isspace((unsigned char)*p) || !isprint((unsigned char)*p)) return 0;
  return 1;
}

static void scale_bounds(glp_prob *lp, double f) {
  int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
  for (int i = 1; i <= m; i++) {
    int t = glp_get_row_type(lp, i);
    if (t != GLP_FR)
      glp_set_row_bnds(lp, i, t, glp_get_row_lb(lp, i) * f,
                       glp_get_row_ub(lp, i) * f);
  }
  for (int j = 1; j <= n; j++) {
    int t = glp_get_col_type(lp, j);
    if (t != GLP_FR)
      glp_set_col_bnds(lp, j, t, glp_get_col_lb(lp, j) * f,
                       glp_get_col_ub(lp, j) * f);
  }
}

eco_status pl_plan_model_write(const pl_forecast *fc, const pl_opts *o,
                               uint64_t seed, const char *path, char *summary,
                               size_t summary_len) {
  ECO_CHECK(fc->v[PL_V_P50], ECO_ERR_INPUT, "the forecast file has no /forecast/p50");
  int64_t S = fc->nseries, H = fc->horizon;
  char **regions = NULL, **products = NULL;
  int R = 0, I = 0;
  int *ri = NULL, *pi = NULL, *series_of = NULL;
  glp_prob *lp = NULL;
  char *tmp = NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_calloc((size_t)S, sizeof(int), &ri), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)S, sizeof(int), &pi), done);
  ECO_CALL_GOTO(st, distinct(fc->region, S, &regions, &R, ri), done);
  ECO_CALL_GOTO(st, distinct(fc->product, S, &products, &I, pi), done);
  for (int64_t s = 0; s < S; s++)
    ECO_CHECK_GOTO(st, name_ok(fc->region[s]) && name_ok(fc->product[s]) &&
                           strlen(fc->region[s]) + strlen(fc->product[s]) < 200,
                   ECO_ERR_INPUT, done,
                   "forecast series %lld (region '%s', product '%s'): names "
                   "with spaces or longer than 200 characters cannot name "
                   "rows of the plan's model",
                   (long long)s, fc->region[s], fc->product[s]);
  ECO_CHECK_GOTO(st, H <= 100000, ECO_ERR_INPUT, done,
                 "forecast horizon %lld is too long for a plan model",
                 (long long)H);
  /* series of each (region, product); -1 when the forecast has none */
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int) * (size_t)R * (size_t)I, &series_of),
                done);
  for (int k = 0; k < R * I; k++)
    series_of[k] = -1;
  for (int64_t s = 0; s < S; s++) {
    int k = ri[s] * I + pi[s];
    ECO_CHECK_GOTO(st, series_of[k] < 0, ECO_ERR_INPUT, done,
                   "forecast series %d and %lld are both region '%s', product "
                   "'%s'",
                   series_of[k], (long long)s, fc->region[s], fc->product[s]);
    series_of[k] = (int)s;
  }
  for (int64_t k = 0; k < S * H; k++)
    ECO_CHECK_GOTO(st, isfinite(fc->v[PL_V_P50][k]), ECO_ERR_INPUT, done,
                   "forecast series %lld (%s, %s) step %lld: P50 is not a "
                   "number",
                   (long long)(k / H), fc->region[k / H], fc->product[k / H],
                   (long long)(k % H + 1));

  eco_plan_family_params p = {0};
  p.plants = o->plants;
  p.products = I;
  p.regions = R;
  p.periods = (int)H;
  p.seed = (int64_t)seed;
  p.carbon_price = 0; /* the plan's grid prices carbon (col:emissions:cost) */
  p.utilization = o->utilization;
  p.max_unmet = o->max_unmet;
  eco_plan_glpk_hooks_install();
  eco_plan_glpk_context("building the pipeline's plan model", -1);
  lp = glp_create_prob();
  ECO_CALL_GOTO(st, eco_plan_family_build(&p, lp), done);
  glp_create_index(lp);

  /* The family's demand and the forecast's (negative P50 counts as 0). */
  double fam = 0, fct = 0;
  int64_t negative = 0;
  char name[512];
  for (int r = 0; r < R; r++)
    for (int i = 0; i < I; i++)
      for (int t = 1; t <= H; t++) {
        snprintf(name, sizeof name, "demand_rg%d_pr%d_%d", r + 1, i + 1, t);
        int row = glp_find_row(lp, name);
        ECO_CHECK_GOTO(st, row > 0, ECO_ERR_INTERNAL, done,
                       "generated model has no row %s", name);
        fam += glp_get_row_ub(lp, row);
        int s = series_of[r * I + i];
        if (s >= 0) {
          double d = fc->v[PL_V_P50][(int64_t)s * H + t - 1];
          if (d < 0) negative++;
          fct += d > 0 ? d : 0;
        }
      }
  ECO_CHECK_GOTO(st, fam > 0 && fct > 0, ECO_ERR_INPUT, done,
                 "the forecast's P50 demand is zero everywhere: no plan to make");
  double f = fct / fam;
  /* Every bound of the family scales with its demand (the LP is
   * homogeneous), so capacities, storage and backlog limits fit the
   * forecast's volume. */
  scale_bounds(lp, f);
  int64_t missing = 0;
  for (int r = 0; r < R; r++)
    for (int i = 0; i < I; i++) {
      int s = series_of[r * I + i];
      double total = 0;
      for (int t = 1; t <= H; t++) {
        snprintf(name, sizeof name, "demand_rg%d_pr%d_%d", r + 1, i + 1, t);
        int row = glp_find_row(lp, name);
        double d = s >= 0 ? fc->v[PL_V_P50][(int64_t)s * H + t - 1] : 0;
        if (d < 0) d = 0;
        if (s < 0) missing++;
        total += d;
        glp_set_row_bnds(lp, row, GLP_FX, d, d);
        snprintf(name, sizeof name, "demand_%s_%s_%d", regions[r], products[i], t);
        ECO_CHECK_GOTO(st, glp_find_row(lp, name) == 0, ECO_ERR_INPUT, done,
                       "row name %s would be used twice (region and product "
                       "names run together)",
                       name);
        glp_set_row_name(lp, row, name);
      }
      snprintf(name, sizeof name, "backlog_rg%d_pr%d_%d", r + 1, i + 1, (int)H);
      int col = glp_find_col(lp, name);
      ECO_CHECK_GOTO(st, col > 0, ECO_ERR_INTERNAL, done,
                     "generated model has no column %s", name);
      double ub = o->max_unmet * total;
      glp_set_col_bnds(lp, col, ub > 0 ? GLP_DB : GLP_FX, 0, ub);
    }
  if (negative > 0)
    eco_log_root(ECO_LOG_WARN,
                 "pipeline: %lld negative P50 forecast values are a demand of "
                 "0 in the plan's base model",
                 (long long)negative);
  if (missing > 0)
    eco_log_root(ECO_LOG_WARN,
                 "pipeline: %lld (region, product, step) demands have no "
                 "forecast series and are 0 in the plan's base model",
                 (long long)missing);

  ECO_CALL_GOTO(st, eco_malloc(strlen(path) + 5, &tmp), done);
  sprintf(tmp, "%s.tmp", path);
  ECO_CHECK_GOTO(st, glp_write_mps(lp, GLP_MPS_FILE, NULL, tmp) == 0, ECO_ERR_IO,
                 done, "cannot write the plan model %s", tmp);
  if (rename(tmp, path) != 0) {
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot rename %s to %s (%s)",
                       tmp, path, strerror(errno));
    remove(tmp);
    goto done;
  }
  snprintf(summary, summary_len,
           "production-planning model: %d plants x %d products x %d regions x "
           "%lld periods (%d rows, %d columns), bounds scaled by %.6g to the "
           "forecast's total P50 demand %.6g; demand rows "
           "demand_{region}_{product}_{t} = P50",
           o->plants, I, R, (long long)H, glp_get_num_rows(lp),
           glp_get_num_cols(lp), f, fct);
done:
  if (lp) glp_delete_prob(lp);
  free(tmp);
  free(regions);
  free(products);
  free(ri);
  free(pi);
  free(series_of);
  return st;
}

/* ------------------------------------------------------------------------ */
/* The supply stage's customers                                              */
/* ------------------------------------------------------------------------ */

typedef struct {
  char ***rows; /* rows[r][c] */
  int *ncols;
  int64_t *line; /* file line of each row */
  int64_t nrows, cap;
  char **cur;
  int ncur, capcur;
  int64_t lineno;
  eco_status st;
} csv_table;

static void cell_cb(void *s, size_t len, void *data) {
  csv_table *t = data;
  if (t->st != ECO_OK) return;
  if (t->ncur == t->capcur) {
    int cap = t->capcur ? 2 * t->capcur : 8;
    char **v = t->cur;
    if ((t->st = eco_realloc(sizeof(char *) * (size_t)cap, &v)) != ECO_OK) return;
    t->cur = v;
    t->capcur = cap;
  }
  char *c = NULL;
  if ((t->st = eco_malloc(len + 1, &c)) != ECO_OK) return;
  memcpy(c, s, len);
  c[len] = '\0';
  t->cur[t->ncur++] = c;
}

static void row_cb(int term, void *data) {
  csv_table *t = data;
  t->lineno++;
  if (t->st != ECO_OK) return;
  if (t->ncur == 1 && t->cur[0][0] == '\0') { /* blank line */
    free(t->cur[0]);
    t->ncur = 0;
    return;
  }
  if (t->nrows == t->cap) {
    int64_t cap = t->cap ? 2 * t->cap : 64;
    char ***r = t->rows;
    int *nc = t->ncols;
    int64_t *ln = t->line;
    if ((t->st = eco_realloc(sizeof *r * (size_t)cap, &r)) != ECO_OK) return;
    t->rows = r;
    if ((t->st = eco_realloc(sizeof *nc * (size_t)cap, &nc)) != ECO_OK) return;
    t->ncols = nc;
    if ((t->st = eco_realloc(sizeof *ln * (size_t)cap, &ln)) != ECO_OK) return;
    t->line = ln;
    t->cap = cap;
  }
  t->rows[t->nrows] = t->cur;
  t->ncols[t->nrows] = t->ncur;
  t->line[t->nrows] = t->lineno;
  t->nrows++;
  t->cur = NULL;
  t->ncur = t->capcur = 0;
}

static void table_free(csv_table *t) {
  for (int64_t r = 0; r < t->nrows; r++) {
    for (int c = 0; c < t->ncols[r]; c++)
      free(t->rows[r][c]);
    free(t->rows[r]);
  }
  for (int c = 0; c < t->ncur; c++)
    free(t->cur[c]);
  free(t->cur);
  free(t->rows);
  free(t->ncols);
  free(t->line);
  memset(t, 0, sizeof *t);
}

static eco_status table_read(const char *path, csv_table *t) {
  memset(t, 0, sizeof *t);
  FILE *fp = fopen(path, "rb");
  ECO_CHECK(fp, ECO_ERR_INPUT, "%s: cannot open (%s)", path, strerror(errno));
  struct csv_parser p;
  if (csv_init(&p, 0) != 0) {
    fclose(fp);
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "csv_init failed");
  }
  char buf[65536];
  size_t n;
  eco_status st = ECO_OK;
  while ((n = fread(buf, 1, sizeof buf, fp)) > 0 && st == ECO_OK) {
    if (csv_parse(&p, buf, n, cell_cb, row_cb, t) != n)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%lld: %s", path,
                         (long long)t->lineno + 1, csv_strerror(csv_error(&p)));
    if (st == ECO_OK) st = t->st;
  }
  if (st == ECO_OK && ferror(fp))
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "%s: read error", path);
  if (st == ECO_OK) {
    csv_fini(&p, cell_cb, row_cb, t);
    st = t->st;
  }
  csv_free(&p);
  fclose(fp);
  if (st != ECO_OK) table_free(t);
  return st;
}

static void trim(char *s) {
  size_t n = strlen(s);
  while (n > 0 && isspace((unsigned char)s[n - 1]))
    s[--n] = '\0';
  size_t k = 0;
  while (s[k] && isspace((unsigned char)s[k]))
    k++;
  if (k) memmove(s, s + k, n - k + 1);
}

/* Columns `region` and `demand` of the header (case-insensitive). */
static eco_status find_columns(const char *path, csv_table *t, int *creg,
                               int *cdem) {
  ECO_CHECK(t->nrows >= 1, ECO_ERR_INPUT, "%s: empty file (a header "
            "id,x,y,demand,region is expected)", path);
  *creg = *cdem = -1;
  for (int c = 0; c < t->ncols[0]; c++) {
    trim(t->rows[0][c]);
    if (strcasecmp(t->rows[0][c], "region") == 0) *creg = c;
    if (strcasecmp(t->rows[0][c], "demand") == 0) *cdem = c;
  }
  ECO_CHECK(*creg >= 0, ECO_ERR_INPUT,
            "%s:1: no 'region' column: the pipeline spreads each region's "
            "forecast over its customers (set [pipeline] supply_demand = none "
            "to run supply on the file as it is)",
            path);
  ECO_CHECK(*cdem >= 0, ECO_ERR_INPUT, "%s:1: no 'demand' column", path);
  ECO_CHECK(t->nrows >= 2, ECO_ERR_INPUT, "%s: no customers", path);
  for (int64_t r = 1; r < t->nrows; r++) {
    ECO_CHECK(t->ncols[r] == t->ncols[0], ECO_ERR_INPUT,
              "%s:%lld: %d fields, the header has %d", path,
              (long long)t->line[r], t->ncols[r], t->ncols[0]);
    trim(t->rows[r][*creg]);
    char *end = NULL;
    errno = 0;
    double d = strtod(t->rows[r][*cdem], &end);
    ECO_CHECK(end != t->rows[r][*cdem] && errno == 0 && isfinite(d) && d >= 0,
              ECO_ERR_INPUT, "%s:%lld: demand '%s' is not a number >= 0", path,
              (long long)t->line[r], t->rows[r][*cdem]);
    while (*end && isspace((unsigned char)*end))
      end++;
    ECO_CHECK(*end == '\0', ECO_ERR_INPUT,
              "%s:%lld: demand '%s' is not a number", path,
              (long long)t->line[r], t->rows[r][*cdem]);
  }
  return ECO_OK;
}

eco_status pl_customers_check(const char *path) {
  csv_table t;
  ECO_CALL(table_read(path, &t));
  int creg, cdem;
  eco_status st = find_columns(path, &t, &creg, &cdem);
  table_free(&t);
  return st;
}

static int write_cell(FILE *fp, const char *s, int first) {
  if (!first && fputc(',', fp) == EOF) return -1;
  return csv_fwrite(fp, s, strlen(s));
}

eco_status pl_customers_write(const pl_forecast *fc, int figure,
                              const char *in, const char *out, char *summary,
                              size_t summary_len) {
  const double *v = figure == PL_SUPPLY_POINT ? fc->v[PL_V_POINT]
                    : figure == PL_SUPPLY_P10 ? fc->v[PL_V_P10]
                    : figure == PL_SUPPLY_P90 ? fc->v[PL_V_P90]
                                              : fc->v[PL_V_P50];
  static const char *fig_names[] = {"point", "p10", "p50", "p90"};
  ECO_CHECK(v, ECO_ERR_INPUT, "the forecast file has no /forecast/%s",
            fig_names[figure]);
  csv_table t;
  ECO_CALL(table_read(in, &t));
  int creg = -1, cdem = -1;
  char **regions = NULL;
  int R = 0;
  int *ri = NULL, *cust_region = NULL;
  double *ftotal = NULL, *ctotal = NULL;
  int *ncust = NULL;
  FILE *fp = NULL;
  char *tmp = NULL;
  eco_status st = find_columns(in, &t, &creg, &cdem);
  int64_t S = fc->nseries, H = fc->horizon, nc = t.nrows - 1;
  if (st == ECO_OK) st = eco_calloc((size_t)S, sizeof(int), &ri);
  if (st == ECO_OK) st = distinct(fc->region, S, &regions, &R, ri);
  if (st == ECO_OK) st = eco_calloc((size_t)R, sizeof(double), &ftotal);
  if (st == ECO_OK) st = eco_calloc((size_t)R, sizeof(double), &ctotal);
  if (st == ECO_OK) st = eco_calloc((size_t)R, sizeof(int), &ncust);
  if (st == ECO_OK) st = eco_calloc((size_t)(nc ? nc : 1), sizeof(int), &cust_region);
  for (int64_t s = 0; st == ECO_OK && s < S; s++)
    for (int64_t h = 0; h < H; h++) {
      double d = v[s * H + h];
      if (!isfinite(d)) {
        st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "forecast series %lld (%s, %s) step %lld: %s is not "
                           "a number",
                           (long long)s, fc->region[s], fc->product[s],
                           (long long)h + 1, fig_names[figure]);
        break;
      }
      ftotal[ri[s]] += d;
    }
  for (int r = 0; st == ECO_OK && r < R; r++)
    if (ftotal[r] < 0)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "region '%s': the forecast's total %s demand is "
                         "negative (%g)",
                         regions[r], fig_names[figure], ftotal[r]);
  for (int64_t c = 0; st == ECO_OK && c < nc; c++) {
    const char *reg = t.rows[c + 1][creg];
    int r = 0;
    while (r < R && strcmp(regions[r], reg) != 0)
      r++;
    if (r == R) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%lld: region '%s' has no forecast series (the "
                         "forecast's regions: %s%s%s%s...)",
                         in, (long long)t.line[c + 1], reg, regions[0],
                         R > 1 ? ", " : "", R > 1 ? regions[1] : "",
                         R > 2 ? ", " : "");
      break;
    }
    cust_region[c] = r;
    ctotal[r] += strtod(t.rows[c + 1][cdem], NULL);
    ncust[r]++;
  }
  int uncovered = 0;
  for (int r = 0; st == ECO_OK && r < R; r++)
    if (ncust[r] == 0) {
      uncovered++;
      eco_log_root(ECO_LOG_WARN,
                   "pipeline: region '%s' has no customer in %s; its forecast "
                   "(%g) is not part of the supply problem",
                   regions[r], in, ftotal[r]);
    }
  if (st == ECO_OK) st = eco_malloc(strlen(out) + 5, &tmp);
  if (st == ECO_OK) {
    sprintf(tmp, "%s.tmp", out);
    fp = fopen(tmp, "w");
    if (!fp)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot write %s (%s)",
                         tmp, strerror(errno));
  }
  double total = 0;
  for (int64_t r = 0; st == ECO_OK && r < t.nrows; r++) {
    int bad = 0;
    for (int c = 0; c < t.ncols[r] && !bad; c++) {
      const char *cell = t.rows[r][c];
      char num[64];
      if (r > 0 && c == cdem) {
        int g = cust_region[r - 1];
        double share = ctotal[g] > 0 ? strtod(cell, NULL) / ctotal[g]
                                     : 1.0 / ncust[g];
        double d = ftotal[g] * share;
        total += d;
        snprintf(num, sizeof num, "%.10g", d);
        cell = num;
      }
      bad = write_cell(fp, cell, c == 0) < 0;
    }
    if (bad || fputc('\n', fp) == EOF)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot write %s", tmp);
  }
  if (fp && fclose(fp) != 0 && st == ECO_OK)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot write %s", tmp);
  if (st == ECO_OK && rename(tmp, out) != 0)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot rename %s to %s (%s)",
                       tmp, out, strerror(errno));
  if (st != ECO_OK && tmp) remove(tmp);
  if (st == ECO_OK)
    snprintf(summary, summary_len,
             "customers of %s (%lld) with demand = their region's forecast "
             "%s summed over products and %lld steps, split in proportion to "
             "the file's demands; total %.6g over %d regions",
             in, (long long)nc, fig_names[figure], (long long)H, total,
             R - uncovered);
  free(tmp);
  free(regions);
  free(ri);
  free(cust_region);
  free(ftotal);
  free(ctotal);
  free(ncust);
  table_free(&t);
  return st;
}

/* ------------------------------------------------------------------------ */
/* plan -> recommend: emissions per unit of product, item eco-scores         */
/* ------------------------------------------------------------------------ */

/* Product (1-based) and kind of a generated model's column name:
 * 1 make/over (production), 2 ship, 0 other. */
static int column_product(const char *name, int *product) {
  int q = 0, i = 0, n = 0;
  int kind = 0;
  if (strncmp(name, "make_", 5) == 0 || strncmp(name, "over_", 5) == 0)
    kind = 1;
  else if (strncmp(name, "ship_", 5) == 0)
    kind = 2;
  else
    return 0;
  if (sscanf(name + 5, "pl%d_pr%d_%n", &q, &i, &n) != 2 || n == 0 || i < 1)
    return 0;
  *product = i;
  return kind;
}

eco_status pl_intensity(const char *model_path, int64_t ncols, const char *names,
                        size_t strsize, const double *x, int nproducts,
                        double *intensity) {
  eco_plan_glpk_hooks_install();
  eco_plan_glpk_context("reading the pipeline's plan model", -1);
  glp_prob *lp = glp_create_prob();
  double *em = NULL, *made = NULL;
  int *ind = NULL;
  double *val = NULL;
  char *nm = NULL;
  eco_status st = ECO_OK;
  ECO_CHECK_GOTO(st, glp_read_mps(lp, GLP_MPS_FILE, NULL, model_path) == 0,
                 ECO_ERR_INPUT, done, "cannot read the plan model %s", model_path);
  glp_create_index(lp);
  int r = glp_find_row(lp, "emissions_def");
  ECO_CHECK_GOTO(st, r > 0, ECO_ERR_INPUT, done,
                 "%s: no row emissions_def (not a generated model)", model_path);
  int n = glp_get_num_cols(lp);
  ECO_CALL_GOTO(st, eco_calloc((size_t)n + 1, sizeof(int), &ind), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)n + 1, sizeof(double), &val), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)nproducts, sizeof(double), &em), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)nproducts, sizeof(double), &made), done);
  ECO_CALL_GOTO(st, eco_malloc(strsize + 1, &nm), done);
  /* emissions coefficient of each model column, by name */
  int len = glp_get_mat_row(lp, r, ind, val);
  double *coef = NULL;
  ECO_CALL_GOTO(st, eco_calloc((size_t)n + 1, sizeof(double), &coef), done);
  for (int k = 1; k <= len; k++)
    coef[ind[k]] = val[k];
  for (int64_t c = 0; c < ncols && st == ECO_OK; c++) {
    memcpy(nm, names + (size_t)c * strsize, strsize);
    nm[strsize] = '\0';
    int j = glp_find_col(lp, nm);
    if (j <= 0) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "the plan's saved solution has column %s, which %s "
                         "does not have",
                         nm, model_path);
      break;
    }
    int i = 0;
    int kind = column_product(nm, &i);
    if (!kind) continue;
    if (i > nproducts) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "column %s: product %d of %d", nm, i, nproducts);
      break;
    }
    em[i - 1] += coef[j] * x[c];
    if (kind == 1) made[i - 1] += x[c];
  }
  free(coef);
  for (int i = 0; st == ECO_OK && i < nproducts; i++)
    intensity[i] = made[i] > 0 ? em[i] / made[i] : NAN;
done:
  glp_delete_prob(lp);
  free(em);
  free(made);
  free(ind);
  free(val);
  free(nm);
  return st;
}

void pl_pairs_free(int n, char **cats, char **prods) {
  for (int i = 0; i < n; i++) {
    if (cats) free(cats[i]);
    if (prods) free(prods[i]);
  }
  free(cats);
  free(prods);
}

eco_status pl_pairs_parse(const char *text, const char *key, int *n,
                          char ***cats, char ***prods) {
  *n = 0;
  *cats = *prods = NULL;
  size_t len = strlen(text);
  char *buf = NULL;
  ECO_CALL(eco_strdup(text, &buf));
  int cap = 0;
  eco_status st = ECO_OK;
  char *save = NULL;
  for (char *tok = strtok_r(buf, ",", &save); tok && st == ECO_OK;
       tok = strtok_r(NULL, ",", &save)) {
    trim(tok);
    if (!tok[0]) continue;
    char *eq = strchr(tok, '=');
    if (!eq || eq == tok || !eq[1]) {
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s: '%s' is not category=product", key, tok);
      break;
    }
    *eq = '\0';
    char *c = tok, *p = eq + 1;
    trim(c);
    trim(p);
    for (int i = 0; i < *n; i++)
      if (strcmp((*cats)[i], c) == 0) {
        st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                           "%s: category '%s' given twice", key, c);
        break;
      }
    if (st != ECO_OK) break;
    if (*n == cap) {
      cap = cap ? 2 * cap : 8;
      char **a = *cats, **b = *prods;
      st = eco_realloc(sizeof(char *) * (size_t)cap, &a);
      if (st == ECO_OK) *cats = a;
      if (st == ECO_OK) st = eco_realloc(sizeof(char *) * (size_t)cap, &b);
      if (st == ECO_OK) *prods = b;
      if (st != ECO_OK) break;
    }
    (*cats)[*n] = NULL;
    (*prods)[*n] = NULL;
    st = eco_strdup(c, &(*cats)[*n]);
    if (st == ECO_OK) st = eco_strdup(p, &(*prods)[*n]);
    (*n)++;
  }
  free(buf);
  (void)len;
  if (st == ECO_OK && *n == 0)
    st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                       "%s is empty (give category=product pairs)", key);
  if (st != ECO_OK) {
    pl_pairs_free(*n, *cats, *prods);
    *n = 0;
    *cats = *prods = NULL;
  }
  return st;
}

eco_status pl_items_write(const char *in, const char *out, int npairs,
                          char **cats, char **prods, int nproducts,
                          char **products, const double *intensity, double w,
                          char *summary, size_t summary_len) {
  /* product of each pair, and the largest intensity */
  double imax = 0;
  for (int i = 0; i < nproducts; i++)
    if (isfinite(intensity[i]) && intensity[i] > imax) imax = intensity[i];
  ECO_CHECK(imax > 0, ECO_ERR_INPUT,
            "the plan's solution makes no product with emissions: no eco link");
  int *pidx = NULL;
  ECO_CALL(eco_calloc((size_t)npairs, sizeof(int), &pidx));
  for (int k = 0; k < npairs; k++) {
    int i = 0;
    while (i < nproducts && strcmp(products[i], prods[k]) != 0)
      i++;
    if (i == nproducts) {
      free(pidx);
      return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                           "pipeline.eco_categories: '%s' is not a product of "
                           "the forecast",
                           prods[k]);
    }
    pidx[k] = i;
  }
  csv_table t;
  eco_status st = table_read(in, &t);
  if (st != ECO_OK) {
    free(pidx);
    return st;
  }
  FILE *fp = NULL;
  char tmp[ECO_STR_MAX + 8];
  snprintf(tmp, sizeof tmp, "%s.tmp", out);
  int64_t changed = 0, kept = 0;
  fp = fopen(tmp, "w");
  if (!fp)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot write %s (%s)", tmp,
                       strerror(errno));
  for (int64_t r = 0; st == ECO_OK && r < t.nrows; r++) {
    int nc = t.ncols[r];
    if (nc < 2 || nc > 3) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%lld: expected 2 or 3 fields (item, eco_score[, "
                         "category]), found %d",
                         in, (long long)t.line[r], nc);
      break;
    }
    char *end = NULL;
    double eco = strtod(t.rows[r][1], &end);
    int is_num = end != t.rows[r][1] && *end == '\0' && isfinite(eco);
    char num[64];
    const char *score = t.rows[r][1];
    if (r == 0 && !is_num) {
      /* header */
    } else if (!is_num) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%lld: eco_score '%s' is not a number", in,
                         (long long)t.line[r], t.rows[r][1]);
      break;
    } else if (nc == 3) {
      trim(t.rows[r][2]);
      int k = 0;
      while (k < npairs && strcmp(cats[k], t.rows[r][2]) != 0)
        k++;
      double I = k < npairs ? intensity[pidx[k]] : NAN;
      if (k < npairs && isfinite(I)) {
        snprintf(num, sizeof num, "%.6g", (1 - w) * eco + w * (1 - I / imax));
        score = num;
        changed++;
      } else {
        kept++;
      }
    } else {
      kept++;
    }
    int bad = write_cell(fp, t.rows[r][0], 1) < 0 || write_cell(fp, score, 0) < 0 ||
              (nc == 3 && write_cell(fp, t.rows[r][2], 0) < 0) ||
              fputc('\n', fp) == EOF;
    if (bad) st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot write %s", tmp);
  }
  if (fp && fclose(fp) != 0 && st == ECO_OK)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot write %s", tmp);
  if (st == ECO_OK && rename(tmp, out) != 0)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot rename %s to %s (%s)",
                       tmp, out, strerror(errno));
  if (st != ECO_OK) remove(tmp);
  if (st == ECO_OK)
    snprintf(summary, summary_len,
             "items of %s with eco_score = %.3g x eco_score + %.3g x (1 - I/%.4g) "
             "for the %lld items whose category maps to a product (I: the "
             "plan's t CO2e per unit of that product); %lld items unchanged",
             in, 1 - w, w, imax, (long long)changed, (long long)kept);
  free(pidx);
  table_free(&t);
  return st;
}

eco_status pl_product_names(const pl_forecast *fc, char ***names, int *n) {
  int *idx = NULL;
  ECO_CALL(eco_calloc((size_t)(fc->nseries ? fc->nseries : 1), sizeof(int), &idx));
  eco_status st = distinct(fc->product, fc->nseries, names, n, idx);
  free(idx);
  return st;
}
