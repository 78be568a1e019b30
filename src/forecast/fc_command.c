/* The `forecast` and `import demand` commands. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecoscale/forecast.h"
#include "ecoscale/run.h"
#include "forecast_impl.h"

#define SELECT_CHOICES                                                         \
  "auto|naive|snaive|naive2|ses|holt|damped|comb|theta|ets|croston|sba|tsb|global"

#define FC_MAX_ORIGINS 100

typedef struct {
  char input[ECO_STR_MAX];
  int horizon;
  int period;
  int frequency; /* auto|daily|weekly|monthly */
  int negative;  /* error|missing */
  int select;    /* 0 = auto, else model + 1 */
  char models[ECO_STR_MAX];
  int simulations;
  int max_iter;
  int mase_period;
  double ridge;
  int origins;
  int origin_step;
} fc_opts;

static const eco_option fc_option_list[] = {
    {"input", ECO_OPT_STRING, "", 0, 0, NULL,
     "demand file: long CSV, M4-style wide CSV, or HDF5 with /demand (a positional argument wins)",
     offsetof(fc_opts, input)},
    {"horizon", ECO_OPT_INT, "12", 1, 10000, NULL,
     "steps to forecast; also the length of the holdout used for evaluation",
     offsetof(fc_opts, horizon)},
    {"period", ECO_OPT_INT, "0", 0, 512, NULL,
     "seasonal period (0 = from the frequency: daily 7, weekly 52, monthly 12, wide CSV 1)",
     offsetof(fc_opts, period)},
    {"frequency", ECO_OPT_ENUM, "auto", 0, 0, "auto|daily|weekly|monthly",
     "frequency of the dates of a long CSV (auto = infer from the smallest gap)",
     offsetof(fc_opts, frequency)},
    {"negative", ECO_OPT_ENUM, "error", 0, 0, "error|missing",
     "a negative quantity is an input error, or a missing value", offsetof(fc_opts, negative)},
    {"select", ECO_OPT_ENUM, "auto", 0, 0, SELECT_CHOICES,
     "model of the final forecast: auto = per series, the evaluated model with the lowest "
     "holdout MASE (then sMAPE); or one model",
     offsetof(fc_opts, select)},
    {"models", ECO_OPT_STRING, "all", 0, 0, NULL,
     "models evaluated on the holdout, comma-separated, or 'all'", offsetof(fc_opts, models)},
    {"simulations", ECO_OPT_INT, "1000", 10, 1000000, NULL,
     "sample paths for the intervals of models without analytic ones",
     offsetof(fc_opts, simulations)},
    {"max_iter", ECO_OPT_INT, "2000", 10, 1000000, NULL,
     "Nelder-Mead iterations per fitted model", offsetof(fc_opts, max_iter)},
    {"mase_period", ECO_OPT_INT, "0", 0, 512, NULL,
     "lag of the seasonal-naive scale of MASE (0 = the seasonal period; M4 used 1 for "
     "weekly and daily data)",
     offsetof(fc_opts, mase_period)},
    {"ridge", ECO_OPT_DOUBLE, "1e-4", 1e-8, 1e6, NULL,
     "ridge penalty of the pooled global model, relative to the mean diagonal of X'X (the "
     "intercept is not penalised)",
     offsetof(fc_opts, ridge)},
    {"origins", ECO_OPT_INT, "1", 1, FC_MAX_ORIGINS, NULL,
     "rolling-origin evaluation: forecast origins, the last at n - horizon, each earlier one "
     "origin_step before; metrics are averaged over them",
     offsetof(fc_opts, origins)},
    {"origin_step", ECO_OPT_INT, "0", 0, 100000, NULL,
     "periods between rolling origins (0 = the horizon)", offsetof(fc_opts, origin_step)},
};

static const eco_option_table fc_option_table =
    ECO_OPTION_TABLE("forecast", fc_option_list, fc_opts);

static eco_status parse_models(const char *text, unsigned *mask) {
  *mask = 0;
  if (!strcmp(text, "all")) {
    *mask = (1u << ECO_FC_NMODELS) - 1;
    return ECO_OK;
  }
  char buf[ECO_STR_MAX];
  snprintf(buf, sizeof buf, "%s", text);
  for (char *tok = strtok(buf, ", "); tok; tok = strtok(NULL, ", ")) {
    const int m = eco_fc_model_from_name(tok);
    ECO_CHECK(m >= 0, ECO_ERR_CONFIG,
              "forecast.models: unknown model '%s' (known: naive, snaive, naive2, ses, holt, "
              "damped, comb, theta, ets, croston, sba, tsb, global)",
              tok);
    *mask |= 1u << m;
  }
  ECO_CHECK(*mask, ECO_ERR_CONFIG, "forecast.models: no model given");
  return ECO_OK;
}

/* The input exists, is a regular file and can be read; else an input error
 * saying which of these is wrong. */
static eco_status fc_input_readable(const char *path, const char *what) {
  struct stat sb;
  ECO_CHECK(stat(path, &sb) == 0, ECO_ERR_INPUT, "%s: cannot read %s: %s", path, what,
            strerror(errno));
  ECO_CHECK(!S_ISDIR(sb.st_mode), ECO_ERR_INPUT, "%s: is a directory, not a file", path);
  ECO_CHECK(S_ISREG(sb.st_mode), ECO_ERR_INPUT, "%s: not a regular file", path);
  ECO_CHECK(access(path, R_OK) == 0, ECO_ERR_INPUT, "%s: cannot read %s: %s", path, what,
            strerror(errno));
  return ECO_OK;
}

static eco_status fc_check_local(const eco_ctx *ctx, fc_opts *o) {
  ECO_CHECK(ctx->ninputs <= 1, ECO_ERR_USAGE, "forecast takes one demand file (got %d)",
            ctx->ninputs);
  if (ctx->ninputs == 1) {
    ECO_CHECK(strlen(ctx->inputs[0]) < ECO_STR_MAX, ECO_ERR_USAGE, "path too long");
    strcpy(o->input, ctx->inputs[0]);
  }
  ECO_CHECK(o->input[0], ECO_ERR_USAGE,
            "forecast needs a demand file: `ecoscale forecast DEMAND.csv|.h5` or "
            "[forecast] input = ...");
  unsigned mask;
  ECO_CALL(parse_models(o->models, &mask));
  if (ctx->rank == 0) ECO_CALL(fc_input_readable(o->input, "the demand file"));
  return ECO_OK;
}

static eco_status fc_check(const eco_ctx *ctx, void *opts) {
  return eco_agree(ctx->comm, fc_check_local(ctx, opts));
}

/* ---- per-rank results -------------------------------------------------------- */
typedef struct {
  int64_t ns;
  int H, M;                 /* horizon, models */
  double *point, *q[ECO_FC_NQ];
  int32_t *model;
  char (*form)[8];
  char (*mname)[16];
  double *params;
  double *metrics[ECO_FC_NMETRICS]; /* [ns * M] */
  int64_t *length, *origin;
} fc_local;

static void local_free(fc_local *L) {
  eco_free(&L->point);
  for (int q = 0; q < ECO_FC_NQ; q++) eco_free(&L->q[q]);
  eco_free(&L->model);
  eco_free(&L->form);
  eco_free(&L->mname);
  eco_free(&L->params);
  for (int k = 0; k < ECO_FC_NMETRICS; k++) eco_free(&L->metrics[k]);
  eco_free(&L->length);
  eco_free(&L->origin);
}

static eco_status local_alloc(fc_local *L, int64_t ns, int H) {
  memset(L, 0, sizeof *L);
  L->ns = ns;
  L->H = H;
  L->M = ECO_FC_NMODELS;
  const size_t n1 = (size_t)ns + 1, nh = (size_t)ns * H + 1;
  ECO_CALL(eco_malloc(sizeof(double) * nh, &L->point));
  for (int q = 0; q < ECO_FC_NQ; q++) ECO_CALL(eco_malloc(sizeof(double) * nh, &L->q[q]));
  ECO_CALL(eco_calloc(n1, sizeof(int32_t), &L->model));
  ECO_CALL(eco_calloc(n1, 8, &L->form));
  ECO_CALL(eco_calloc(n1, 16, &L->mname));
  ECO_CALL(eco_malloc(sizeof(double) * n1 * ECO_FC_NPARAMS, &L->params));
  for (int k = 0; k < ECO_FC_NMETRICS; k++)
    ECO_CALL(eco_malloc(sizeof(double) * (n1 * ECO_FC_NMODELS), &L->metrics[k]));
  ECO_CALL(eco_calloc(n1, sizeof(int64_t), &L->length));
  ECO_CALL(eco_calloc(n1, sizeof(int64_t), &L->origin));
  return ECO_OK;
}

static int default_period(eco_fc_freq f) {
  switch (f) {
  case ECO_FREQ_DAILY: return 7;
  case ECO_FREQ_WEEKLY: return 52;
  case ECO_FREQ_MONTHLY: return 12;
  default: return 1;
  }
}

/* Fit, evaluate and forecast one series. */
/* gh[org]: the pooled model fitted without the last horizon + org * step
 * points (one per rolling origin). */
static eco_status one_series(const eco_fc_data *d, int64_t i, const eco_fc_global *gh,
                             const eco_fc_global *gf, const fc_opts *o,
                             const eco_fc_options *fo, unsigned mask, eco_fc_result *res,
                             fc_local *L) {
  const double *y = d->values + d->off[i];
  const int n = (int)(d->off[i + 1] - d->off[i]);
  const int64_t gid = d->first + i;
  const int H = o->horizon, M = ECO_FC_NMODELS;
  int ok[ECO_FC_NMODELS];
  for (int k = 0; k < ECO_FC_NMETRICS; k++)
    for (int j = 0; j < M; j++) L->metrics[k][i * M + j] = NAN;
  const int mase_m = o->mase_period > 0 ? o->mase_period : fo->period;
  const int step = o->origin_step > 0 ? o->origin_step : H;
  /* rolling origins: the last at n - H, each earlier one `step` before;
   * metrics are averaged over the origins where they are defined */
  double sum[ECO_FC_NMETRICS][ECO_FC_NMODELS], cnt[ECO_FC_NMETRICS][ECO_FC_NMODELS];
  memset(sum, 0, sizeof sum);
  memset(cnt, 0, sizeof cnt);
  for (int org = 0; org < o->origins; org++) {
    const int ntrain = n - H - org * step;
    int have_train = 0;
    for (int t = 0; t < ntrain; t++)
      if (!isnan(y[t])) have_train = 1;
    if (ntrain < 3 || !have_train) break;
    const uint64_t ent = (uint64_t)gid * 512 + 2 * (uint64_t)org;
    ECO_CALL(eco_fc_fit_set(y, ntrain, fo, ent, mask, res, ok));
    if ((mask & (1u << ECO_FC_GLOBAL)) && gh[org].valid) {
      ECO_CALL(eco_fc_global_forecast(&gh[org], d, i, H + org * step, H, fo->nsim, fo->seed,
                                      ent * 32 + ECO_FC_GLOBAL, &res[ECO_FC_GLOBAL]));
      ok[ECO_FC_GLOBAL] = !isnan(res[ECO_FC_GLOBAL].mean[0]);
    }
    for (int j = 0; j < M; j++) {
      if (!ok[j] || !(mask & (1u << j))) continue;
      double met[ECO_FC_NMETRICS];
      eco_fc_metrics(y, ntrain, mase_m, y + ntrain, H, res[j].mean, res[j].quant, met);
      for (int k = 0; k < ECO_FC_NMETRICS; k++)
        if (!isnan(met[k])) {
          sum[k][j] += met[k];
          cnt[k][j] += 1;
        }
    }
  }
  for (int k = 0; k < ECO_FC_NMETRICS; k++)
    for (int j = 0; j < M; j++)
      if (cnt[k][j] > 0) L->metrics[k][i * M + j] = sum[k][j] / cnt[k][j];
  int chosen = -1;
  if (o->select > 0) {
    chosen = o->select - 1;
  } else {
    for (int k = ECO_FC_M_MASE; chosen < 0; k = ECO_FC_M_SMAPE) {
      double best = INFINITY;
      for (int j = 0; j < M; j++) {
        const double v = L->metrics[k][i * M + j];
        if (!isnan(v) && v < best) {
          best = v;
          chosen = j;
        }
      }
      if (k == ECO_FC_M_SMAPE) break;
    }
    if (chosen < 0) chosen = ECO_FC_NAIVE;
  }
  double *pt = L->point + i * H;
  double *prm = L->params + i * ECO_FC_NPARAMS;
  int has_value = 0;
  for (int t = 0; t < n; t++)
    if (!isnan(y[t])) has_value = 1;
  if (!has_value) {
    L->model[i] = -1;
    snprintf(L->mname[i], 16, "%s", "none");
    for (int k = 0; k < H; k++) {
      pt[k] = NAN;
      for (int q = 0; q < ECO_FC_NQ; q++) L->q[q][i * H + k] = NAN;
    }
    for (int p = 0; p < ECO_FC_NPARAMS; p++) prm[p] = NAN;
    return ECO_OK;
  }
  if (chosen == ECO_FC_GLOBAL) {
    ECO_CALL(eco_fc_global_forecast(gf, d, i, 0, H, fo->nsim, fo->seed,
                                    ((uint64_t)gid * 512 + 1) * 32 + ECO_FC_GLOBAL, &res[ECO_FC_GLOBAL]));
    if (isnan(res[ECO_FC_GLOBAL].mean[0])) {
      chosen = ECO_FC_NAIVE; /* too short for the pooled model's lags */
      ECO_CALL(eco_fc_fit_set(y, n, fo, (uint64_t)gid * 512 + 1, 1u << chosen, res, ok));
    }
  } else {
    ECO_CALL(eco_fc_fit_set(y, n, fo, (uint64_t)gid * 512 + 1, 1u << chosen, res, ok));
  }
  const eco_fc_result *r = &res[chosen];
  L->model[i] = chosen;
  snprintf(L->mname[i], 16, "%s", eco_fc_model_name(chosen));
  memcpy(L->form[i], r->form, 8);
  for (int k = 0; k < H; k++) {
    pt[k] = r->mean[k];
    for (int q = 0; q < ECO_FC_NQ; q++) L->q[q][i * H + k] = r->quant[k * ECO_FC_NQ + q];
  }
  memcpy(prm, r->params, sizeof(double) * ECO_FC_NPARAMS);
  return ECO_OK;
}

/* ---- summary: sums in global series order, passed rank to rank ------------ */
#define NSUM (ECO_FC_NMETRICS * ECO_FC_NMODELS)
typedef struct {
  double sum[NSUM];
  double cnt[NSUM];
  double chosen[ECO_FC_NMODELS];
} fc_acc;

static eco_status summary_reduce(MPI_Comm comm, const fc_local *L, fc_acc *acc) {
  int rank, P;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &P);
  memset(acc, 0, sizeof *acc);
  const int n = (int)(sizeof *acc / sizeof(double));
  if (rank > 0) ECO_CALL_MPI(MPI_Recv(acc, n, MPI_DOUBLE, rank - 1, 71, comm, MPI_STATUS_IGNORE));
  for (int64_t i = 0; i < L->ns; i++) {
    for (int k = 0; k < ECO_FC_NMETRICS; k++)
      for (int j = 0; j < ECO_FC_NMODELS; j++) {
        const double v = L->metrics[k][i * ECO_FC_NMODELS + j];
        if (!isnan(v)) {
          acc->sum[k * ECO_FC_NMODELS + j] += v;
          acc->cnt[k * ECO_FC_NMODELS + j] += 1;
        }
      }
    if (L->model[i] >= 0) acc->chosen[L->model[i]] += 1;
  }
  if (rank < P - 1) ECO_CALL_MPI(MPI_Send(acc, n, MPI_DOUBLE, rank + 1, 71, comm));
  ECO_CALL_MPI(MPI_Bcast(acc, n, MPI_DOUBLE, P - 1, comm));
  return ECO_OK;
}

/* ---- accuracy by region: runs of consecutive series with the same region,
 * summed in global order (the open run is passed from rank to rank) -------- */
#define RSTATS 4 /* series, mean smape, mean mase, mean cover80 of the chosen model */
typedef struct {
  char region[ECO_FC_NAME_MAX];
  double open;
  double n, s[3], c[3];
} region_acc;

typedef struct {
  int64_t nrows;
  char (*name)[ECO_FC_NAME_MAX];
  double *stats; /* [nrows * RSTATS] */
} region_rows;

static eco_status region_push(region_rows *rr, const region_acc *a) {
  ECO_CALL(eco_realloc(sizeof(*rr->name) * (size_t)(rr->nrows + 1), &rr->name));
  ECO_CALL(eco_realloc(sizeof(double) * RSTATS * (size_t)(rr->nrows + 1), &rr->stats));
  memcpy(rr->name[rr->nrows], a->region, ECO_FC_NAME_MAX);
  double *st = rr->stats + RSTATS * rr->nrows;
  st[0] = a->n;
  for (int k = 0; k < 3; k++) st[1 + k] = a->c[k] > 0 ? a->s[k] / a->c[k] : NAN;
  rr->nrows++;
  return ECO_OK;
}

static eco_status region_reduce(MPI_Comm comm, const eco_fc_data *d, const fc_local *L,
                                region_rows *rr) {
  int rank, P;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &P);
  region_acc a;
  memset(&a, 0, sizeof a);
  memset(rr, 0, sizeof *rr);
  if (rank > 0)
    ECO_CALL_MPI(MPI_Recv(&a, (int)sizeof a, MPI_BYTE, rank - 1, 72, comm, MPI_STATUS_IGNORE));
  eco_status st = ECO_OK;
  const int mk[3] = {ECO_FC_M_SMAPE, ECO_FC_M_MASE, ECO_FC_M_COVER80};
  for (int64_t i = 0; i < L->ns && st == ECO_OK; i++) {
    if (a.open && strncmp(a.region, d->region[i], ECO_FC_NAME_MAX) != 0) {
      st = region_push(rr, &a);
      memset(&a, 0, sizeof a);
    }
    if (!a.open) {
      memcpy(a.region, d->region[i], ECO_FC_NAME_MAX);
      a.open = 1;
    }
    a.n += 1;
    const int m = L->model[i];
    if (m < 0) continue;
    for (int k = 0; k < 3; k++) {
      const double v = L->metrics[mk[k]][i * ECO_FC_NMODELS + m];
      if (!isnan(v)) {
        a.s[k] += v;
        a.c[k] += 1;
      }
    }
  }
  if (rank < P - 1) {
    ECO_CALL_MPI(MPI_Send(&a, (int)sizeof a, MPI_BYTE, rank + 1, 72, comm));
  } else if (a.open && st == ECO_OK) {
    st = region_push(rr, &a);
  }
  return st;
}

static void region_rows_free(region_rows *rr) {
  eco_free(&rr->name);
  eco_free(&rr->stats);
}

/* Write /forecast/summary_region and print the first rows on rank 0. */
static eco_status region_write(const eco_ctx *ctx, eco_h5 *f, const region_rows *rr) {
  ECO_CALL(eco_h5_rows_write(f, "/forecast/summary_region/region", ECO_H5_STRING, ECO_FC_NAME_MAX,
                             rr->nrows, 0, rr->name, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/summary_region/stats", ECO_H5_DOUBLE, 0, rr->nrows,
                             RSTATS, rr->stats, NULL, NULL));
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast/summary_region/stats", "columns",
                                  "series,smape,mase,cover80"));
  /* rank 0 prints up to 20 rows: gather at most 20 from each rank */
  enum { SHOW = 20 };
  int mine = rr->nrows < SHOW ? (int)rr->nrows : SHOW;
  int *cnt = NULL, *dis = NULL;
  char *names = NULL;
  double *stats = NULL;
  eco_status st = ECO_OK;
  int64_t total = rr->nrows, all = 0;
  ECO_CALL_MPI(MPI_Allreduce(&total, &all, 1, MPI_INT64_T, MPI_SUM, ctx->comm));
  /* Allocations are agreed before each collective (one rank short of memory
   * hung the others; found by failure injection). */
  st = eco_calloc((size_t)ctx->size, sizeof(int), &cnt);
  if (st == ECO_OK) st = eco_calloc((size_t)ctx->size, sizeof(int), &dis);
  ECO_CALL_GOTO(st, eco_agree(ctx->comm, st), done);
  ECO_CALL_MPI_GOTO(st, MPI_Gather(&mine, 1, MPI_INT, cnt, 1, MPI_INT, 0, ctx->comm), done);
  int tot = 0;
  if (ctx->rank == 0)
    for (int r = 0; r < ctx->size; r++) {
      dis[r] = tot;
      tot += cnt[r];
    }
  st = eco_calloc((size_t)tot + 1, ECO_FC_NAME_MAX, &names);
  if (st == ECO_OK) st = eco_calloc((size_t)(tot + 1) * RSTATS, sizeof(double), &stats);
  {
    int *c2 = NULL, *d2 = NULL;
    if (st == ECO_OK) st = eco_calloc((size_t)ctx->size, sizeof(int), &c2);
    if (st == ECO_OK) st = eco_calloc((size_t)ctx->size, sizeof(int), &d2);
    st = eco_agree(ctx->comm, st);
    if (st != ECO_OK) { /* c2 leaked here when d2 failed */
      eco_free(&c2);
      eco_free(&d2);
      goto done;
    }
    for (int r = 0; r < ctx->size; r++) {
      c2[r] = cnt[r] * ECO_FC_NAME_MAX;
      d2[r] = dis[r] * ECO_FC_NAME_MAX;
    }
    int rc = MPI_Gatherv(rr->name, mine * ECO_FC_NAME_MAX, MPI_BYTE, names, c2, d2, MPI_BYTE, 0,
                         ctx->comm);
    for (int r = 0; r < ctx->size; r++) {
      c2[r] = cnt[r] * RSTATS;
      d2[r] = dis[r] * RSTATS;
    }
    if (rc == MPI_SUCCESS)
      rc = MPI_Gatherv(rr->stats, mine * RSTATS, MPI_DOUBLE, stats, c2, d2, MPI_DOUBLE, 0, ctx->comm);
    eco_free(&c2);
    eco_free(&d2);
    if (rc != MPI_SUCCESS) {
      st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Gatherv(regions)");
      goto done;
    }
  }
  eco_log_root(ECO_LOG_INFO, "holdout accuracy of the chosen models by region:");
  eco_log_root(ECO_LOG_INFO, "  %-20s %8s %8s %8s %7s", "region", "series", "sMAPE", "MASE", "cov80");
  for (int j = 0; j < tot && j < SHOW; j++) {
    const double *v = stats + RSTATS * j;
    const char *nm = names + (size_t)j * ECO_FC_NAME_MAX;
    eco_log_root(ECO_LOG_INFO, "  %-20.20s %8.0f %8.3f %8.4f %7.3f", nm[0] ? nm : "(none)", v[0],
                 v[1], v[2], v[3]);
  }
  if (all > SHOW)
    eco_log_root(ECO_LOG_INFO, "  ... %lld regions in all: /forecast/summary_region", (long long)all);
done:
  eco_free(&cnt);
  eco_free(&dis);
  eco_free(&names);
  eco_free(&stats);
  return st;
}

static eco_status write_global(const eco_ctx *ctx, eco_h5 *f, const char *name,
                               const eco_fc_global *g) {
  char names[1024];
  eco_fc_global_names(g, names, sizeof names);
  double beta[ECO_FC_GLOBAL_MAXP];
  for (int j = 0; j < g->p; j++) beta[j] = g->valid ? g->beta[j] : NAN;
  ECO_CALL(eco_h5_rows_write(f, name, ECO_H5_DOUBLE, 0, ctx->rank == 0 ? g->p : 0, 0, beta, NULL,
                             NULL));
  ECO_CALL(eco_h5_attr_set_string(f, name, "features", names));
  ECO_CALL(eco_h5_attr_set_int64(f, name, "rows", g->rows));
  ECO_CALL(eco_h5_attr_set_int64(f, name, "rows_left_out", g->skipped));
  ECO_CALL(eco_h5_attr_set_double(f, name, "ridge", g->lambda));
  return ECO_OK;
}

static eco_status write_results(const eco_ctx *ctx, eco_h5 *f, const eco_fc_data *d,
                                const fc_local *L, const fc_acc *acc, const fc_opts *o,
                                int period, unsigned mask, const eco_fc_global *gh,
                                const eco_fc_global *gf) {
  if (gh->p > 0) ECO_CALL(write_global(ctx, f, "/forecast/global/coef_holdout", gh));
  if (gf->p > 0) ECO_CALL(write_global(ctx, f, "/forecast/global/coef", gf));
  const int64_t ns = L->ns;
  const int H = L->H, M = ECO_FC_NMODELS;
  ECO_CALL(eco_h5_group_create(f, "/forecast"));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/series/region", ECO_H5_STRING, ECO_FC_NAME_MAX, ns, 0,
                             d->region, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/series/product", ECO_H5_STRING, ECO_FC_NAME_MAX, ns, 0,
                             d->product, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/series/length", ECO_H5_INT64, 0, ns, 0, L->length, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/series/origin", ECO_H5_INT64, 0, ns, 0, L->origin, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/point", ECO_H5_DOUBLE, 0, ns, H, L->point, NULL, NULL));
  const char *qn[ECO_FC_NQ] = {"/forecast/lo95", "/forecast/p10", "/forecast/p50", "/forecast/p90",
                               "/forecast/hi95"};
  for (int q = 0; q < ECO_FC_NQ; q++)
    ECO_CALL(eco_h5_rows_write(f, qn[q], ECO_H5_DOUBLE, 0, ns, H, L->q[q], NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/model", ECO_H5_INT32, 0, ns, 0, L->model, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/model_name", ECO_H5_STRING, 16, ns, 0, L->mname, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/ets_form", ECO_H5_STRING, 8, ns, 0, L->form, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/forecast/params", ECO_H5_DOUBLE, 0, ns, ECO_FC_NPARAMS, L->params,
                             NULL, NULL));
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast/params", "columns",
                                  "alpha,beta,gamma,phi,level0,trend0,sigma,loglik,aicc"));
  char models[512] = "";
  for (int j = 0; j < M; j++) {
    strcat(models, eco_fc_model_name(j));
    if (j + 1 < M) strcat(models, ",");
  }
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast/model", "models", models));
  for (int k = 0; k < ECO_FC_NMETRICS; k++) {
    char name[128];
    snprintf(name, sizeof name, "/forecast/metrics/%s", eco_fc_metric_names[k]);
    ECO_CALL(eco_h5_rows_write(f, name, ECO_H5_DOUBLE, 0, ns, M, L->metrics[k], NULL, NULL));
    ECO_CALL(eco_h5_attr_set_string(f, name, "columns", models));
  }
  /* summary: rank 0 writes the M rows */
  double sm[ECO_FC_NMODELS * (ECO_FC_NMETRICS + 2)];
  const int SC = ECO_FC_NMETRICS + 2; /* metrics..., owa, chosen */
  for (int j = 0; j < M; j++) {
    for (int k = 0; k < ECO_FC_NMETRICS; k++) {
      const double c = acc->cnt[k * M + j];
      sm[j * SC + k] = c > 0 ? acc->sum[k * M + j] / c : NAN;
    }
    sm[j * SC + ECO_FC_NMETRICS + 1] = acc->chosen[j];
  }
  /* OWA (M4): mean of sMAPE and MASE, each relative to Naive2's */
  for (int j = 0; j < M; j++) {
    const double s2 = sm[ECO_FC_NAIVE2 * SC + ECO_FC_M_SMAPE], m2 = sm[ECO_FC_NAIVE2 * SC + ECO_FC_M_MASE];
    sm[j * SC + ECO_FC_NMETRICS] =
        0.5 * (sm[j * SC + ECO_FC_M_SMAPE] / s2 + sm[j * SC + ECO_FC_M_MASE] / m2);
  }
  ECO_CALL(eco_h5_rows_write(f, "/forecast/summary", ECO_H5_DOUBLE, 0, ctx->rank == 0 ? M : 0, SC,
                             sm, NULL, NULL));
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast/summary", "columns",
                                  "smape,mase,rmsse,pinball,cover80,cover95,owa,chosen"));
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast/summary", "rows", models));
  ECO_CALL(eco_h5_attr_set_int64(f, "/forecast", "horizon", H));
  ECO_CALL(eco_h5_attr_set_int64(f, "/forecast", "origins", o->origins));
  ECO_CALL(eco_h5_attr_set_int64(f, "/forecast", "origin_step",
                                 o->origin_step > 0 ? o->origin_step : H));
  ECO_CALL(eco_h5_attr_set_int64(f, "/forecast", "period", period));
  ECO_CALL(eco_h5_attr_set_int64(f, "/forecast", "evaluated_models_mask", (int64_t)mask));
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast", "frequency", eco_fc_freq_name(d->freq)));
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast", "select",
                                  o->select == 0 ? "auto" : eco_fc_model_name(o->select - 1)));
  ECO_CALL(eco_h5_attr_set_string(f, "/forecast", "quantile_levels", "0.025,0.1,0.5,0.9,0.975"));
  /* the table on rank 0 */
  if (o->origins > 1)
    eco_log_root(ECO_LOG_INFO, "holdout accuracy (%d steps, mean over %d rolling origins) by model:",
                 H, o->origins);
  else
    eco_log_root(ECO_LOG_INFO, "holdout accuracy (last %d points) by model:", H);
  eco_log_root(ECO_LOG_INFO, "  %-8s %8s %8s %7s %8s %8s %7s %7s %8s", "model", "sMAPE", "MASE",
               "OWA", "RMSSE", "pinball", "cov80", "cov95", "chosen");
  for (int j = 0; j < M; j++) {
    if (!(mask & (1u << j)) && sm[j * SC + ECO_FC_NMETRICS + 1] == 0) continue;
    const double *row = sm + j * SC;
    eco_log_root(ECO_LOG_INFO, "  %-8s %8.3f %8.4f %7.4f %8.4f %8.4f %7.3f %7.3f %8.0f",
                 eco_fc_model_name(j), row[0], row[1], row[6], row[2], row[3], row[4], row[5],
                 row[7]);
  }
  return ECO_OK;
}

/* ---- checkpoints: SIGTERM / SIGUSR1 stop the fitting; the series done so
 * far are written to a checkpoint, --resume reads them back and fits the
 * rest (any rank count: rows carry global series ids) ---------------------- */
static void checkpoint_path(const eco_ctx *ctx, char *buf, size_t len) {
  const char *out = ctx->run->output;
  const char *base = strrchr(out, '/');
  base = base ? base + 1 : out;
  if (ctx->run->checkpoint_dir[0])
    snprintf(buf, len, "%s/%s.forecast-checkpoint.h5", ctx->run->checkpoint_dir, base);
  else
    snprintf(buf, len, "%s.forecast-checkpoint.h5", out);
}

/* What a checkpoint must agree with: the input's checksum and every option
 * that changes a series' results. Collective. */
static eco_status fingerprint_make(const eco_ctx *ctx, const fc_opts *o, int64_t total,
                                   char *buf, size_t len) {
  char h[65] = "";
  eco_status st = ECO_OK;
  if (ctx->rank == 0) st = eco_file_sha256(o->input, h);
  ECO_CALL(eco_agree(ctx->comm, st));
  ECO_CALL_MPI(MPI_Bcast(h, 65, MPI_CHAR, 0, ctx->comm));
  snprintf(buf, len,
           "input=%s series=%lld horizon=%d period=%d frequency=%d negative=%d select=%d "
           "models=%s simulations=%d max_iter=%d mase_period=%d ridge=%.17g origins=%d "
           "origin_step=%d seed=%lld",
           h, (long long)total, o->horizon, o->period, o->frequency, o->negative, o->select,
           o->models, o->simulations, o->max_iter, o->mase_period, o->ridge, o->origins,
           o->origin_step, (long long)ctx->run->seed);
  return ECO_OK;
}

/* Copy row i of L to row k of C (or back when dir < 0). */
static void local_copy(fc_local *dst, int64_t k, const fc_local *src, int64_t i) {
  const int H = src->H, M = ECO_FC_NMODELS;
  memcpy(dst->point + k * H, src->point + i * H, sizeof(double) * H);
  for (int q = 0; q < ECO_FC_NQ; q++) memcpy(dst->q[q] + k * H, src->q[q] + i * H, sizeof(double) * H);
  dst->model[k] = src->model[i];
  memcpy(dst->form[k], src->form[i], 8);
  memcpy(dst->mname[k], src->mname[i], 16);
  memcpy(dst->params + k * ECO_FC_NPARAMS, src->params + i * ECO_FC_NPARAMS,
         sizeof(double) * ECO_FC_NPARAMS);
  for (int m = 0; m < ECO_FC_NMETRICS; m++)
    memcpy(dst->metrics[m] + k * M, src->metrics[m] + i * M, sizeof(double) * M);
}

static const char *const ck_q[ECO_FC_NQ] = {"/checkpoint/lo95", "/checkpoint/p10", "/checkpoint/p50",
                                            "/checkpoint/p90", "/checkpoint/hi95"};

static eco_status checkpoint_write(const eco_ctx *ctx, const char *path, const char *fp,
                                   const fc_local *L, const unsigned char *done, int64_t first) {
  int64_t c = 0;
  for (int64_t i = 0; i < L->ns; i++) c += done[i];
  fc_local C;
  int64_t *ids = NULL;
  eco_status st = local_alloc(&C, c, L->H);
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * (size_t)(c + 1), &ids);
  if (st == ECO_OK)
    for (int64_t i = 0, k = 0; i < L->ns; i++)
      if (done[i]) {
        ids[k] = first + i;
        local_copy(&C, k++, L, i);
      }
  st = eco_agree(ctx->comm, st);
  char tmp[2 * ECO_STR_MAX + 128];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  eco_h5 *f = NULL;
  if (st == ECO_OK) st = eco_agree(ctx->comm, eco_h5_create(ctx->comm, tmp, &f));
  if (st == ECO_OK) {
    const int H = L->H;
    st = eco_h5_group_create(f, "/checkpoint");
    if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/checkpoint", "fingerprint", fp);
    if (st == ECO_OK) st = eco_h5_rows_write(f, "/checkpoint/id", ECO_H5_INT64, 0, c, 0, ids, NULL, NULL);
    if (st == ECO_OK) st = eco_h5_rows_write(f, "/checkpoint/point", ECO_H5_DOUBLE, 0, c, H, C.point, NULL, NULL);
    for (int q = 0; q < ECO_FC_NQ && st == ECO_OK; q++)
      st = eco_h5_rows_write(f, ck_q[q], ECO_H5_DOUBLE, 0, c, H, C.q[q], NULL, NULL);
    if (st == ECO_OK) st = eco_h5_rows_write(f, "/checkpoint/model", ECO_H5_INT32, 0, c, 0, C.model, NULL, NULL);
    if (st == ECO_OK) st = eco_h5_rows_write(f, "/checkpoint/ets_form", ECO_H5_STRING, 8, c, 0, C.form, NULL, NULL);
    if (st == ECO_OK) st = eco_h5_rows_write(f, "/checkpoint/model_name", ECO_H5_STRING, 16, c, 0, C.mname, NULL, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/checkpoint/params", ECO_H5_DOUBLE, 0, c, ECO_FC_NPARAMS, C.params, NULL, NULL);
    for (int m = 0; m < ECO_FC_NMETRICS && st == ECO_OK; m++) {
      char name[64];
      snprintf(name, sizeof name, "/checkpoint/%s", eco_fc_metric_names[m]);
      st = eco_h5_rows_write(f, name, ECO_H5_DOUBLE, 0, c, ECO_FC_NMODELS, C.metrics[m], NULL, NULL);
    }
    st = eco_agree(ctx->comm, st);
    eco_status s2 = eco_agree(ctx->comm, eco_h5_close(&f));
    if (st == ECO_OK) st = s2;
  }
  if (st == ECO_OK && ctx->rank == 0 && rename(tmp, path) != 0)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "rename %s -> %s failed", tmp, path);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK && ctx->rank == 0) unlink(tmp);
  eco_free(&ids);
  local_free(&C);
  return st;
}

/* Read the rows of a checkpoint that fall into this rank's block. */
static eco_status checkpoint_read(const eco_ctx *ctx, const char *path, const char *fp,
                                  fc_local *L, unsigned char *done, int64_t first,
                                  int64_t *nread) {
  eco_h5 *f = NULL;
  *nread = 0;
  ECO_CALL(eco_h5_open(ctx->comm, path, ECO_H5_READ, &f));
  char *cfp = NULL;
  int64_t *ids = NULL;
  fc_local C;
  memset(&C, 0, sizeof C);
  eco_status st = eco_h5_attr_get_string(f, "/checkpoint", "fingerprint", &cfp);
  if (st == ECO_OK && strcmp(cfp, fp) != 0)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s was written for another input or other options; delete it or run "
                       "without --resume",
                       path);
  int nd;
  int64_t dims[2] = {0, 0};
  size_t ss;
  if (st == ECO_OK) st = eco_h5_dataset_shape(f, "/checkpoint/id", &nd, dims, &ss);
  const int64_t c = dims[0];
  if (st == ECO_OK) /* agreed: the read is collective */
    st = eco_malloc_all(ctx->comm, sizeof(int64_t) * (size_t)(c + 1), &ids);
  if (st == ECO_OK) st = eco_h5_dataset_read(f, "/checkpoint/id", ECO_H5_INT64, 0, c, ids);
  st = eco_agree(ctx->comm, st);
  int64_t lo = 0, hi = 0;
  if (st == ECO_OK) {
    while (lo < c && ids[lo] < first) lo++;
    hi = lo;
    while (hi < c && ids[hi] < first + L->ns) hi++;
    st = local_alloc(&C, hi - lo, L->H);
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    const int64_t k = hi - lo;
    st = eco_h5_dataset_read(f, "/checkpoint/point", ECO_H5_DOUBLE, lo, k, C.point);
    for (int q = 0; q < ECO_FC_NQ && st == ECO_OK; q++)
      st = eco_h5_dataset_read(f, ck_q[q], ECO_H5_DOUBLE, lo, k, C.q[q]);
    if (st == ECO_OK) st = eco_h5_dataset_read(f, "/checkpoint/model", ECO_H5_INT32, lo, k, C.model);
    if (st == ECO_OK) st = eco_h5_dataset_read(f, "/checkpoint/ets_form", ECO_H5_STRING, lo, k, C.form);
    if (st == ECO_OK) st = eco_h5_dataset_read(f, "/checkpoint/model_name", ECO_H5_STRING, lo, k, C.mname);
    if (st == ECO_OK) st = eco_h5_dataset_read(f, "/checkpoint/params", ECO_H5_DOUBLE, lo, k, C.params);
    for (int m = 0; m < ECO_FC_NMETRICS && st == ECO_OK; m++) {
      char name[64];
      snprintf(name, sizeof name, "/checkpoint/%s", eco_fc_metric_names[m]);
      st = eco_h5_dataset_read(f, name, ECO_H5_DOUBLE, lo, k, C.metrics[m]);
    }
    if (st == ECO_OK)
      for (int64_t j = 0; j < k; j++) {
        const int64_t i = ids[lo + j] - first;
        local_copy(L, i, &C, j);
        done[i] = 1;
      }
    *nread = k;
  }
  st = eco_agree(ctx->comm, st);
  eco_status s2 = eco_h5_close(&f);
  if (st == ECO_OK) st = s2;
  free(cfp);
  eco_free(&ids);
  local_free(&C);
  return st;
}

static eco_status fc_run(const eco_ctx *ctx, void *opts) {
  fc_opts *o = opts;
  eco_status st = ECO_OK;
  unsigned mask;
  ECO_CALL(parse_models(o->models, &mask));
  eco_fc_read_options ro = {(eco_fc_freq)o->frequency, o->negative == 1};
  region_rows rrows;
  memset(&rrows, 0, sizeof rrows);
  unsigned char *fin = NULL; /* series done (fitted or read from a checkpoint) */
  eco_fc_data d;
  memset(&d, 0, sizeof d);
  eco_timer_begin("forecast.read");
  st = eco_agree(ctx->comm, eco_fc_data_read(ctx->comm, o->input, &ro, &d));
  eco_timer_end("forecast.read");
  if (st != ECO_OK) return st;
  const int period = o->period > 0 ? o->period : default_period(d.freq);
  eco_log_root(ECO_LOG_INFO, "forecast: %lld series (%s, period %d), horizon %d, %d rank%s",
               (long long)d.total, eco_fc_freq_name(d.freq), period, o->horizon, ctx->size,
               eco_plural(ctx->size));
  fc_local L;
  eco_fc_result res[ECO_FC_NMODELS];
  int made = 0;
  memset(res, 0, sizeof res);
  st = local_alloc(&L, d.nseries, o->horizon);
  for (; st == ECO_OK && made < ECO_FC_NMODELS; made++)
    st = eco_fc_result_create(o->horizon, &res[made]);
  st = eco_agree(ctx->comm, st);
  /* the pooled model: on the training parts (holdout) and on the full series */
  eco_fc_global gh[FC_MAX_ORIGINS], gf;
  memset(gh, 0, sizeof gh);
  memset(&gf, 0, sizeof gf);
  const int ostep = o->origin_step > 0 ? o->origin_step : o->horizon;
  eco_timer_begin("forecast.global");
  for (int org = 0; org < o->origins; org++)
    if (st == ECO_OK && (mask & (1u << ECO_FC_GLOBAL)))
      st = eco_agree(ctx->comm, eco_fc_global_fit(ctx->comm, &d, o->horizon + org * ostep, period,
                                                  o->ridge, &gh[org]));
  if (st == ECO_OK && (o->select - 1 == ECO_FC_GLOBAL || (o->select == 0 && (mask & (1u << ECO_FC_GLOBAL)))))
    st = eco_agree(ctx->comm, eco_fc_global_fit(ctx->comm, &d, 0, period, o->ridge, &gf));
  eco_timer_end("forecast.global");
  if (st == ECO_OK && o->select - 1 == ECO_FC_GLOBAL && !gf.valid)
    st = eco_agree(ctx->comm, eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                                            "%s: too few rows (%lld) for the pooled global model",
                                            o->input, (long long)gf.rows));
  if (st != ECO_OK) goto done;
  if (mask & (1u << ECO_FC_GLOBAL))
    eco_log_root(ECO_LOG_INFO, "pooled global model: %d features, %lld rows%s", gh[0].p,
                 (long long)gh[0].rows, gh[0].valid ? "" : " (too few: not fitted)");
  /* resume: the series of the checkpoint are done already */
  char ckpt[2 * ECO_STR_MAX + 64], fp[ECO_STR_MAX + 1024];
  checkpoint_path(ctx, ckpt, sizeof ckpt);
  st = eco_agree(ctx->comm, fingerprint_make(ctx, o, d.total, fp, sizeof fp));
  if (st == ECO_OK) st = eco_calloc_all(ctx->comm, (size_t)d.nseries + 1, 1, &fin);
  if (st != ECO_OK) goto done;
  int64_t ndone = 0;
  if (ctx->run->resume) {
    int have = ctx->rank == 0 ? access(ckpt, R_OK) == 0 : 0;
    MPI_Bcast(&have, 1, MPI_INT, 0, ctx->comm);
    if (have) {
      int64_t nread = 0, all = 0;
      st = eco_agree(ctx->comm, checkpoint_read(ctx, ckpt, fp, &L, fin, d.first, &nread));
      if (st != ECO_OK) goto done;
      MPI_Allreduce(&nread, &all, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
      ndone = nread;
      eco_log_root(ECO_LOG_INFO, "resuming from %s: %lld of %lld series done", ckpt,
                   (long long)all, (long long)d.total);
    } else {
      eco_log_root(ECO_LOG_WARN, "no checkpoint %s: forecasting every series", ckpt);
    }
  }
  eco_progress *prog = NULL;
  if (st == ECO_OK)
    st = eco_progress_create(ctx->comm, "forecast", d.total, NULL, ECO_FIGURE_SUM, &prog);
  if (st != ECO_OK) goto done;
  eco_fc_options fo = {period, o->horizon, o->simulations, o->max_iter, (uint64_t)ctx->run->seed};
  eco_timer_begin("forecast.fit");
  /* [run] checkpoint_every: ranks fit on their own and meet every `poll`
   * seconds to agree on a periodic checkpoint (eco_checkpoint_due) */
  const double poll = eco_checkpoint_poll_seconds(ctx);
  double met = eco_wtime();
  for (int64_t i = 0;;) {
  for (; i < d.nseries && st == ECO_OK; i++) {
    const int64_t n = d.off[i + 1] - d.off[i];
    L.length[i] = n;
    L.origin[i] = d.start[i] + n;
    if (n > 2000000000) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "series %lld too long",
                         (long long)(d.first + i));
      break;
    }
    if (fin[i]) continue;
    if (eco_signal_pending()) break; /* checkpoint below */
    st = one_series(&d, i, gh, &gf, o, &fo, mask, res, &L);
    fin[i] = 1;
    eco_progress_update(prog, ++ndone, 0.0);
    if (poll > 0 && eco_wtime() - met >= poll) {
      i++;
      break; /* meet the other ranks */
    }
  }
  if (poll <= 0) break;
  int64_t left = st == ECO_OK && !eco_signal_pending() ? d.nseries - i : 0, most = 0;
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) break;
  ECO_CALL_MPI_GOTO(st, MPI_Allreduce(&left, &most, 1, MPI_INT64_T, MPI_MAX, ctx->comm), fitdone);
  int stop = 0, save = 0;
  ECO_CALL_GOTO(st, eco_checkpoint_due(ctx, &stop, &save), fitdone);
  if (stop || most == 0) break; /* a signal: checkpoint below */
  if (save) {
    double t0 = eco_wtime();
    ECO_CALL_GOTO(st, checkpoint_write(ctx, ckpt, fp, &L, fin, d.first), fitdone);
    eco_checkpoint_clock_restart();
    int64_t have = 0, all = 0;
    for (int64_t j = 0; j < d.nseries; j++) have += fin[j];
    MPI_Allreduce(&have, &all, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
    eco_log_root(ECO_LOG_INFO, "forecast: checkpoint of %lld of %lld series in %s (%.3f s)",
                 (long long)all, (long long)d.total, ckpt, eco_wtime() - t0);
  }
  met = eco_wtime();
  }
fitdone:
  eco_timer_end("forecast.fit");
  {
    eco_status s2 = eco_progress_destroy(&prog);
    if (st == ECO_OK) st = s2;
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;
  {
    int any = 0;
    st = eco_agree(ctx->comm, eco_signal_agree(ctx->comm, &any));
    if (st != ECO_OK) goto done;
    if (any) {
      st = checkpoint_write(ctx, ckpt, fp, &L, fin, d.first);
      if (st != ECO_OK) goto done;
      int64_t have = 0, all = 0;
      for (int64_t i = 0; i < d.nseries; i++) have += fin[i];
      MPI_Allreduce(&have, &all, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
      st = eco_error_set(ECO_ERR_INTERRUPTED, __FILE__, __LINE__,
                         "forecast interrupted: %lld of %lld series done and checkpointed in %s; "
                         "rerun with --resume",
                         (long long)all, (long long)d.total, ckpt);
      st = eco_agree(ctx->comm, st);
      goto done;
    }
  }
  fc_acc acc;
  st = eco_agree(ctx->comm, summary_reduce(ctx->comm, &L, &acc));
  if (st == ECO_OK) st = eco_agree(ctx->comm, region_reduce(ctx->comm, &d, &L, &rrows));
  if (st != ECO_OK) goto done;
  eco_timer_begin("forecast.write");
  eco_results *r = NULL;
  st = eco_agree(ctx->comm, eco_results_create(ctx, ctx->run->output, &r));
  if (st != ECO_OK) goto done;
  if (ctx->ninputs == 0) st = eco_results_add_input(r, o->input);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) st = write_results(ctx, eco_results_h5(r), &d, &L, &acc, o, period, mask, &gh[0], &gf);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) st = eco_agree(ctx->comm, region_write(ctx, eco_results_h5(r), &rrows));
  if (st != ECO_OK) {
    eco_results_abort(&r);
    goto done;
  }
  st = eco_results_commit(&r);
  eco_timer_end("forecast.write");
  if (st == ECO_OK && ctx->rank == 0) unlink(ckpt); /* complete: the checkpoint is spent */
done:
  eco_free(&fin);
  region_rows_free(&rrows);
  for (int i = 0; i < made; i++) eco_fc_result_destroy(&res[i]);
  local_free(&L);
  eco_fc_data_free(&d);
  return st;
}

const eco_command eco_forecast_command = {
    "forecast", "[DEMAND.csv|.h5]",
    "demand forecasts per (region, product) series with intervals, evaluated on a holdout",
    &fc_option_table, fc_check, fc_run};

/* ---- import demand ------------------------------------------------------------ */
typedef struct {
  int frequency;
  int negative;
} imp_opts;

static const eco_option imp_option_list[] = {
    {"frequency", ECO_OPT_ENUM, "auto", 0, 0, "auto|daily|weekly|monthly",
     "frequency of the dates of a long CSV (auto = infer from the smallest gap)",
     offsetof(imp_opts, frequency)},
    {"negative", ECO_OPT_ENUM, "error", 0, 0, "error|missing",
     "a negative quantity is an input error, or a missing value", offsetof(imp_opts, negative)},
};

static const eco_option_table imp_option_table =
    ECO_OPTION_TABLE("import.demand", imp_option_list, imp_opts);

static eco_status imp_check_local(const eco_ctx *ctx) {
  ECO_CHECK(ctx->ninputs == 1, ECO_ERR_USAGE,
            "import demand takes one CSV file: `ecoscale import demand FILE.csv -o OUT.h5`");
  if (ctx->rank == 0) ECO_CALL(fc_input_readable(ctx->inputs[0], "the CSV file"));
  return ECO_OK;
}

static eco_status imp_check(const eco_ctx *ctx, void *opts) {
  return eco_agree(ctx->comm, imp_check_local(ctx));
}

static eco_status imp_run(const eco_ctx *ctx, void *opts) {
  const imp_opts *o = opts;
  eco_fc_read_options ro = {(eco_fc_freq)o->frequency, o->negative == 1};
  eco_fc_data d;
  memset(&d, 0, sizeof d);
  eco_status st = eco_agree(ctx->comm, eco_fc_data_read_csv(ctx->comm, ctx->inputs[0], &ro, &d));
  if (st != ECO_OK) return st;
  eco_results *r = NULL;
  st = eco_agree(ctx->comm, eco_results_create(ctx, ctx->run->output, &r));
  if (st == ECO_OK) {
    st = eco_agree(ctx->comm, eco_fc_data_write_h5(eco_results_h5(r), &d));
    if (st != ECO_OK) eco_results_abort(&r);
    else st = eco_results_commit(&r);
  }
  if (st == ECO_OK) {
    int64_t nv = d.off[d.nseries], tot = 0;
    MPI_Allreduce(&nv, &tot, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
    eco_log_root(ECO_LOG_INFO, "import demand: %lld series, %lld values (%s) -> %s",
                 (long long)d.total, (long long)tot, eco_fc_freq_name(d.freq), ctx->run->output);
  }
  eco_fc_data_free(&d);
  return st;
}

const eco_command eco_import_demand_command = {
    "import demand", "FILE.csv",
    "convert a long or M4-style wide demand CSV to HDF5 /demand (-o OUT.h5)",
    &imp_option_table, imp_check, imp_run};
