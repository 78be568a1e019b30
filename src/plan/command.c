/* The commands `plan` (scenario sweep) and `generate lp` (an instance of the
 * production-planning family written as CPLEX LP or free MPS). */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plan_impl.h"

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */
typedef struct {
  char model[ECO_STR_MAX];
  char data[ECO_STR_MAX];
  int format;
  char scenarios[ECO_STR_MAX];
  char grid[ECO_STR_MAX];
  int chunk;
  int start; /* 0 warm, 1 cold */
  double time_limit;
  int iteration_limit;
  int scale;
  char emissions_column[256];
  char energy_column[256];
  char save[ECO_STR_MAX];
  char forecast[ECO_STR_MAX];
  char forecast_rows[256];
  char track[ECO_STR_MAX];
  int64_t first, count;
} plan_opts;

static const eco_option plan_option_list[] = {
    {"model", ECO_OPT_STRING, "", 0, 0, NULL,
     "base LP: GMPL .mod, MPS (free or fixed), CPLEX .lp (also a positional)",
     offsetof(plan_opts, model)},
    {"data", ECO_OPT_STRING, "", 0, 0, NULL,
     "GMPL data file for a .mod model (also a positional .dat)",
     offsetof(plan_opts, data)},
    {"format", ECO_OPT_ENUM, "auto", 0, 0, "auto|gmpl|freemps|mps|lp",
     "model format; auto: .mod gmpl, .lp CPLEX LP, else MPS free then fixed",
     offsetof(plan_opts, format)},
    {"scenarios", ECO_OPT_STRING, "", 0, 0, NULL,
     "scenario table CSV (header row:NAME:rhs, col:NAME:cost ...; also a "
     "positional .csv)",
     offsetof(plan_opts, scenarios)},
    {"grid", ECO_OPT_STRING, "", 0, 0, NULL,
     "scenario grid 'TARGET=a:b:step; TARGET*=v1,v2' (cross product)",
     offsetof(plan_opts, grid)},
    {"chunk", ECO_OPT_INT, "16", 1, 1000000, NULL,
     "scenarios per chunk (a chunk starts from the base basis)",
     offsetof(plan_opts, chunk)},
    {"start", ECO_OPT_ENUM, "warm", 0, 0, "warm|cold",
     "warm: each solve starts from the previous basis; cold: from an "
     "advanced basis, primal simplex (as glpsol)",
     offsetof(plan_opts, start)},
    {"time_limit", ECO_OPT_DOUBLE, "0", 0, 1e7, NULL,
     "seconds per scenario, 0 = none (a limit makes results timing "
     "dependent)",
     offsetof(plan_opts, time_limit)},
    {"iteration_limit", ECO_OPT_INT, "0", 0, 2000000000, NULL,
     "simplex iterations per scenario, 0 = none",
     offsetof(plan_opts, iteration_limit)},
    {"scale", ECO_OPT_BOOL, "true", 0, 0, NULL,
     "scale the problem once with glp_scale_prob(GLP_SF_AUTO)",
     offsetof(plan_opts, scale)},
    {"emissions_column", ECO_OPT_STRING, "auto", 0, 0, NULL,
     "column whose value is reported as emissions (auto: 'emissions' if "
     "present; '' none)",
     offsetof(plan_opts, emissions_column)},
    {"energy_column", ECO_OPT_STRING, "auto", 0, 0, NULL,
     "column whose value is reported as energy (auto: 'energy' if present; "
     "'' none)",
     offsetof(plan_opts, energy_column)},
    {"save", ECO_OPT_STRING, "", 0, 0, NULL,
     "scenarios whose primal and dual values are stored: '0,5,10:20' "
     "(ranges inclusive; at most 10000)",
     offsetof(plan_opts, save)},
    {"forecast", ECO_OPT_STRING, "", 0, 0, NULL,
     "forecast results file (ecoscale forecast) for a grid axis "
     "'forecast=p10,p50,p90'",
     offsetof(plan_opts, forecast)},
    {"forecast_rows", ECO_OPT_STRING, "demand_{region}_{product}_{t}", 0, 0,
     NULL,
     "model row of a forecast series' step t (1 = first step ahead)",
     offsetof(plan_opts, forecast_rows)},
    {"track", ECO_OPT_STRING, "", 0, 0, NULL,
     "values stored for every scenario: 'col:NAME; row:NAME' (primal value of "
     "a column, dual of a row; NAME may end in *; at most 1000)",
     offsetof(plan_opts, track)},
    {"first", ECO_OPT_INT64, "0", 0, 9e18, NULL,
     "solve scenarios first .. first+count-1 only (a multiple of chunk, so "
     "that slices give the same results as a whole sweep; for job arrays)",
     offsetof(plan_opts, first)},
    {"count", ECO_OPT_INT64, "0", 0, 9e18, NULL,
     "number of scenarios from plan.first (0 = all the rest)",
     offsetof(plan_opts, count)},
};

static const eco_option_table plan_option_table =
    ECO_OPTION_TABLE("plan", plan_option_list, plan_opts);

static int has_ext(const char *s, const char *ext) {
  size_t n = strlen(s), m = strlen(ext);
  return n >= m && strcasecmp(s + n - m, ext) == 0;
}

/* ------------------------------------------------------------------------ */
/* Saved scenarios: "0,5,10:20"                                             */
/* ------------------------------------------------------------------------ */
#define SAVE_MAX 10000

static eco_status save_parse(const char *text, int64_t first, int64_t nscen,
                             int64_t **out,
                             int64_t *nout) {
  *out = NULL;
  *nout = 0;
  if (!text[0])
    return ECO_OK;
  int64_t *v = NULL;
  int64_t n = 0;
  ECO_CALL(eco_malloc(sizeof(int64_t) * SAVE_MAX, &v));
  const char *p = text;
  eco_status st = ECO_OK;
  while (*p) {
    char *end;
    while (*p == ' ' || *p == ',')
      p++;
    if (!*p)
      break;
    long long a = strtoll(p, &end, 10), b;
    ECO_CHECK_GOTO(st, end != p, ECO_ERR_CONFIG, fail,
                   "plan.save: '%s' is not a list of scenario numbers", text);
    b = a;
    p = end;
    if (*p == ':') {
      p++;
      b = strtoll(p, &end, 10);
      ECO_CHECK_GOTO(st, end != p, ECO_ERR_CONFIG, fail,
                     "plan.save: '%s': a range is FROM:TO", text);
      p = end;
    }
    while (*p == ' ')
      p++;
    ECO_CHECK_GOTO(st, *p == ',' || *p == '\0', ECO_ERR_CONFIG, fail,
                   "plan.save: '%s': unexpected '%c'", text, *p);
    ECO_CHECK_GOTO(st, a >= first && b >= a && b < first + nscen,
                   ECO_ERR_CONFIG, fail,
                   "plan.save: scenarios %lld:%lld outside %lld:%lld", a, b,
                   (long long)first, (long long)(first + nscen - 1));
    for (long long k = a; k <= b; k++) {
      ECO_CHECK_GOTO(st, n < SAVE_MAX, ECO_ERR_CONFIG, fail,
                     "plan.save: more than %d scenarios", SAVE_MAX);
      v[n++] = k;
    }
  }
  *out = v;
  *nout = n;
  return ECO_OK;
fail:
  eco_free(&v);
  return st;
}

static int64_t save_find(const int64_t *v, int64_t n, int64_t k) {
  for (int64_t i = 0; i < n; i++)
    if (v[i] == k)
      return i;
  return -1;
}

/* ------------------------------------------------------------------------ */
/* check                                                                    */
/* ------------------------------------------------------------------------ */
static eco_status inputs_resolve(const eco_ctx *ctx, plan_opts *o) {
  int models = 0;
  for (int i = 0; i < ctx->ninputs; i++) {
    const char *in = ctx->inputs[i];
    char *dst;
    if (has_ext(in, ".csv"))
      dst = o->scenarios;
    else if (has_ext(in, ".dat"))
      dst = o->data;
    else {
      dst = o->model;
      ECO_CHECK(++models == 1, ECO_ERR_USAGE,
                "plan takes one model file; got '%s' after '%s'", in, o->model);
    }
    ECO_CHECK(strlen(in) < ECO_STR_MAX, ECO_ERR_USAGE, "path too long: %s", in);
    strcpy(dst, in);
  }
  return ECO_OK;
}

static eco_status plan_check_local(const eco_ctx *ctx, plan_opts *o) {
  ECO_CALL(inputs_resolve(ctx, o));
  ECO_CHECK(o->model[0], ECO_ERR_USAGE,
            "plan needs a model: `ecoscale plan MODEL [DATA.dat] "
            "[SCENARIOS.csv]` or [plan] model = ...");
  ECO_CHECK(!(o->grid[0] && o->scenarios[0]), ECO_ERR_CONFIG,
            "give either a scenario table (plan.scenarios) or a grid "
            "(plan.grid), not both");
  if (ctx->rank == 0) {
    ECO_CALL(eco_plan_path_check(o->model, "model"));
    if (o->data[0])
      ECO_CALL(eco_plan_path_check(o->data, "GMPL data"));
    if (o->scenarios[0])
      ECO_CALL(eco_plan_path_check(o->scenarios, "scenario table"));
    if (o->forecast[0])
      ECO_CALL(eco_plan_path_check(o->forecast, "forecast results"));
  }
  ECO_CHECK(!o->forecast[0] || o->grid[0], ECO_ERR_CONFIG,
            "plan.forecast is set but there is no grid: add an axis "
            "forecast=p10,p50,p90 to plan.grid");
  return ECO_OK;
}

static eco_status plan_check(const eco_ctx *ctx, void *opts) {
  eco_status st = plan_check_local(ctx, opts);
  return eco_agree(ctx->comm, st);
}

/* ------------------------------------------------------------------------ */
/* helpers                                                                  */
/* ------------------------------------------------------------------------ */
/* Rank 0 reads a file; every rank gets its bytes. Collective. */
static eco_status file_bcast(MPI_Comm comm, const char *path, char **text,
                             size_t *len) {
  int rank;
  MPI_Comm_rank(comm, &rank);
  eco_status st = ECO_OK;
  long long n = 0;
  char *buf = NULL;
  if (rank == 0) {
    FILE *f = fopen(path, "rb");
    if (!f) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: %s", path,
                         strerror(errno));
    } else {
      if (fseek(f, 0, SEEK_END) == 0)
        n = ftell(f);
      rewind(f);
      if (n < 0)
        n = 0;
      st = eco_malloc((size_t)n + 1, &buf);
      if (st == ECO_OK && fread(buf, 1, (size_t)n, f) != (size_t)n)
        st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                           "%s: read error", path);
      fclose(f);
    }
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    eco_free(&buf);
    return st;
  }
  ECO_CALL_MPI(MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, comm));
  if (rank != 0)
    st = eco_malloc((size_t)n + 1, &buf);
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    eco_free(&buf);
    return st;
  }
  for (long long off = 0; off < n; off += 1 << 30) {
    int cnt = (int)((n - off) < (1 << 30) ? (n - off) : (1 << 30));
    ECO_CALL_MPI(MPI_Bcast(buf + off, cnt, MPI_CHAR, 0, comm));
  }
  buf[n] = '\0';
  *text = buf;
  *len = (size_t)n;
  return ECO_OK;
}

static void column_option(const char *opt, const char *dflt, glp_prob *lp,
                          char *out, size_t len) {
  if (strcmp(opt, "auto") == 0)
    snprintf(out, len, "%s", glp_find_col(lp, dflt) > 0 ? dflt : "");
  else
    snprintf(out, len, "%s", opt);
}

/* CPU seconds of this process (user + system). */
static double cpu_seconds(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return 0;
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Checkpoint path: <checkpoint_dir or dir of output>/<output name>.ckpt.h5 */
static void checkpoint_path(const eco_ctx *ctx, char *buf, size_t len) {
  const char *out = ctx->run->output;
  const char *base = strrchr(out, '/');
  base = base ? base + 1 : out;
  if (ctx->run->checkpoint_dir[0])
    snprintf(buf, len, "%s/%s.plan-checkpoint.h5", ctx->run->checkpoint_dir,
             base);
  else
    snprintf(buf, len, "%s.plan-checkpoint.h5", out);
}

/* What a checkpoint must agree with to be resumed. The forecast file counts
 * by the values the sweep uses (rv, when loaded), not by its bytes: an HDF5
 * file written again with the same values (a pipeline's derived
 * plan_demand.h5 on --resume) differs in its object timestamps. */
static eco_status fingerprint_make(const eco_ctx *ctx, const plan_opts *o,
                                   const eco_plan_rowvalues *rv,
                                   int64_t first, int64_t nscen, char *buf,
                                   size_t len) {
  char hm[65] = "", hd[65] = "", hs[65] = "", hf[65] = "";
  eco_status st = ECO_OK;
  if (ctx->rank == 0) {
    st = eco_file_sha256(o->model, hm);
    if (st == ECO_OK && o->data[0])
      st = eco_file_sha256(o->data, hd);
    if (st == ECO_OK && o->scenarios[0])
      st = eco_file_sha256(o->scenarios, hs);
    if (st == ECO_OK && o->forecast[0] && rv && rv->nvariants > 0) {
      uint64_t h = ECO_HASH_INIT;
      h = eco_hash_bytes(h, &rv->nvariants, sizeof rv->nvariants);
      for (int q = 0; q < rv->nvariants; q++)
        h = eco_hash_bytes(h, rv->names[q], strlen(rv->names[q]) + 1);
      h = eco_hash_bytes(h, &rv->nrows, sizeof rv->nrows);
      h = eco_hash_bytes(h, rv->rows, sizeof(int) * (size_t)rv->nrows);
      h = eco_hash_bytes(h, rv->values, sizeof(double) * (size_t)rv->nvariants * (size_t)rv->nrows);
      snprintf(hf, sizeof hf, "values-%016llx", (unsigned long long)h);
    } else if (st == ECO_OK && o->forecast[0]) {
      st = eco_file_sha256(o->forecast, hf);
    }
  }
  ECO_CALL(eco_agree(ctx->comm, st));
  snprintf(buf, len,
           "model=%s data=%s scenarios=%s forecast=%s rows=%s track=%s "
           "grid=%s first=%lld n=%lld chunk=%d start=%d scale=%d it_lim=%d "
           "tm_lim=%.17g",
           hm, hd, hs, hf, o->forecast_rows, o->track, o->grid, (long long)first, (long long)nscen, o->chunk, o->start, o->scale,
           o->iteration_limit, o->time_limit);
  ECO_CALL_MPI(MPI_Bcast(buf, (int)len, MPI_CHAR, 0, ctx->comm));
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Forecast quantiles as right-hand sides                                   */
/* ------------------------------------------------------------------------ */
#define FC_NVAR 6
static const char *const fc_names[FC_NVAR] = {"point", "lo95", "p10",
                                              "p50",   "p90",  "hi95"};

typedef struct {
  eco_plan_rowvalues rv;
  int *rows;
  double *values;
  char origin[ECO_STR_MAX + 32];
} fc_rows;

static void fc_rows_free(fc_rows *f) {
  eco_free(&f->rows);
  eco_free(&f->values);
}

/* Expand the row-name template for one series and step. */
static eco_status fc_row_name(const char *tmpl, const char *region,
                              const char *product, int t, char *out,
                              size_t len) {
  size_t o = 0;
  for (const char *p = tmpl; *p;) {
    const char *rep = NULL;
    char num[32];
    size_t skip = 0;
    if (strncmp(p, "{region}", 8) == 0)
      rep = region, skip = 8;
    else if (strncmp(p, "{product}", 9) == 0)
      rep = product, skip = 9;
    else if (strncmp(p, "{t}", 3) == 0) {
      snprintf(num, sizeof num, "%d", t);
      rep = num, skip = 3;
    } else if (*p == '{') {
      return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                           "plan.forecast_rows '%s': unknown field at '%.20s' "
                           "(the fields are {region}, {product}, {t})",
                           tmpl, p);
    }
    if (rep) {
      size_t n = strlen(rep);
      ECO_CHECK(o + n < len, ECO_ERR_CONFIG, "row name too long");
      memcpy(out + o, rep, n);
      o += n;
      p += skip;
    } else {
      ECO_CHECK(o + 1 < len, ECO_ERR_CONFIG, "row name too long");
      out[o++] = *p++;
    }
  }
  out[o] = '\0';
  return ECO_OK;
}

/* Read the forecast file (collective) and map its series to model rows. */
static eco_status fc_rows_load(const eco_ctx *ctx, const plan_opts *o,
                               eco_plan_model *m, fc_rows *f) {
  memset(f, 0, sizeof *f);
  snprintf(f->origin, sizeof f->origin, "forecast file %s", o->forecast);
  eco_h5 *h = NULL;
  ECO_CALL(eco_h5_open(ctx->comm, o->forecast, ECO_H5_READ, &h));
  eco_status st = ECO_OK;
  int ndims = 0, nd2 = 0;
  int64_t dims[2] = {0, 0}, d2[2] = {0, 0};
  size_t rs = 0, ps = 0, ss = 0;
  char *reg = NULL, *prod = NULL;
  double *buf = NULL;
  st = eco_h5_dataset_shape(h, "/forecast/p50", &ndims, dims, &ss);
  if (st == ECO_OK)
    st = eco_h5_dataset_shape(h, "/forecast/series/region", &nd2, d2, &rs);
  if (st == ECO_OK)
    st = eco_h5_dataset_shape(h, "/forecast/series/product", &nd2, d2, &ps);
  int64_t ns = dims[0], H = dims[1];
  if (st == ECO_OK && (ndims != 2 || d2[0] != ns || ns <= 0 || H <= 0))
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: /forecast/p50 and /forecast/series do not match "
                       "(a forecast results file is expected)",
                       o->forecast);
  if (st == ECO_OK)
    st = eco_calloc((size_t)ns, rs + 1, &reg);
  if (st == ECO_OK)
    st = eco_calloc((size_t)ns, ps + 1, &prod);
  st = eco_agree(ctx->comm, st); /* agreed: the reads are collective */
  if (st == ECO_OK)
    st = eco_h5_dataset_read(h, "/forecast/series/region", ECO_H5_STRING, 0, ns,
                             reg);
  if (st == ECO_OK)
    st = eco_h5_dataset_read(h, "/forecast/series/product", ECO_H5_STRING, 0, ns,
                             prod);
  /* rows of (series, step) that exist in the model */
  if (st == ECO_OK)
    st = eco_malloc(sizeof(int) * (size_t)(ns * H), &f->rows);
  int64_t *cell = NULL;
  if (st == ECO_OK)
    st = eco_malloc(sizeof(int64_t) * (size_t)(ns * H), &cell);
  int nr = 0;
  int64_t missing = 0;
  char name[1024], rbuf[512], pbuf[512];
  for (int64_t i = 0; st == ECO_OK && i < ns; i++) {
    snprintf(rbuf, sizeof rbuf, "%.*s", (int)rs, reg + (size_t)i * rs);
    snprintf(pbuf, sizeof pbuf, "%.*s", (int)ps, prod + (size_t)i * ps);
    for (int t = 1; st == ECO_OK && t <= H; t++) {
      st = fc_row_name(o->forecast_rows, rbuf, pbuf, t, name, sizeof name);
      int r = st == ECO_OK ? glp_find_row(m->lp, name) : 0;
      if (r > 0) {
        f->rows[nr] = r;
        cell[nr++] = i * H + (t - 1);
      } else {
        missing++;
      }
    }
  }
  if (st == ECO_OK)
    st = eco_malloc(sizeof(double) * (size_t)FC_NVAR * (size_t)(nr ? nr : 1),
                    &f->values);
  if (st == ECO_OK)
    st = eco_malloc(sizeof(double) * (size_t)(ns * H), &buf);
  st = eco_agree(ctx->comm, st); /* agreed: the reads below are collective */
  int nvar = 0;
  static const char *names_found[FC_NVAR];
  for (int q = 0; st == ECO_OK && q < FC_NVAR; q++) {
    char ds[64];
    int ex = 0;
    snprintf(ds, sizeof ds, "/forecast/%s", fc_names[q]);
    st = eco_h5_exists(h, ds, &ex);
    if (st != ECO_OK || !ex)
      continue;
    st = eco_h5_dataset_read(h, ds, ECO_H5_DOUBLE, 0, ns, buf);
    for (int k = 0; st == ECO_OK && k < nr; k++)
      f->values[(size_t)nvar * (size_t)nr + (size_t)k] = buf[cell[k]];
    names_found[nvar++] = fc_names[q];
  }
  eco_free(&cell);
  eco_free(&buf);
  eco_free(&reg);
  eco_free(&prod);
  eco_status cs = eco_h5_close(&h);
  if (st == ECO_OK)
    st = cs;
  if (st == ECO_OK && missing > 0)
    eco_log_root(ECO_LOG_WARN,
                 "plan: %lld of %lld forecast values have no model row "
                 "(plan.forecast_rows = %s); they are not used",
                 (long long)missing, (long long)(ns * H), o->forecast_rows);
  f->rv.nvariants = nvar;
  f->rv.names = names_found;
  f->rv.nrows = nr;
  f->rv.rows = f->rows;
  f->rv.values = f->values;
  f->rv.origin = f->origin;
  return st;
}

/* Growable local result list. */
typedef struct {
  eco_plan_result *r;
  double *x; /* K tracked values per result (plan.track) */
  int K;
  int64_t n, cap;
} result_list;

static eco_status list_reserve(result_list *l, int64_t more) {
  if (l->n + more <= l->cap)
    return ECO_OK;
  int64_t cap = l->cap ? l->cap : 256;
  while (cap < l->n + more)
    cap *= 2;
  ECO_CALL(eco_realloc(sizeof(eco_plan_result) * (size_t)cap, &l->r));
  if (l->K)
    ECO_CALL(eco_realloc(sizeof(double) * (size_t)cap * (size_t)l->K, &l->x));
  l->cap = cap;
  return ECO_OK;
}

/* Field-by-field I/O of result lists (checkpoints and final results). */
typedef struct {
  const char *name;
  eco_h5_type type;
  size_t off;
} field_desc;

static const field_desc result_fields[] = {
    {"scenario", ECO_H5_INT64, offsetof(eco_plan_result, index)},
    {"status", ECO_H5_INT32, offsetof(eco_plan_result, status)},
    {"method", ECO_H5_INT32, offsetof(eco_plan_result, method)},
    {"objective", ECO_H5_DOUBLE, offsetof(eco_plan_result, objective)},
    {"cost", ECO_H5_DOUBLE, offsetof(eco_plan_result, cost)},
    {"emissions", ECO_H5_DOUBLE, offsetof(eco_plan_result, emissions)},
    {"energy", ECO_H5_DOUBLE, offsetof(eco_plan_result, energy)},
    {"iterations", ECO_H5_INT64, offsetof(eco_plan_result, iterations)},
    {"seconds", ECO_H5_DOUBLE, offsetof(eco_plan_result, seconds)},
};
#define NFIELDS ((int)(sizeof result_fields / sizeof result_fields[0]))

static size_t type_size(eco_h5_type t) {
  return t == ECO_H5_INT32 ? 4 : 8;
}

static void field_get(const eco_plan_result *r, int64_t n, int f, void *buf) {
  size_t sz = type_size(result_fields[f].type);
  for (int64_t i = 0; i < n; i++)
    memcpy((char *)buf + i * sz, (const char *)&r[i] + result_fields[f].off, sz);
}

static void field_set(eco_plan_result *r, int64_t n, int f, const void *buf) {
  size_t sz = type_size(result_fields[f].type);
  for (int64_t i = 0; i < n; i++)
    memcpy((char *)&r[i] + result_fields[f].off, (const char *)buf + i * sz, sz);
}

/* A new nrows x ncols dataset (ncols 0: 1-D; strsize: the element size of
 * strings) of which this rank writes rows [row0, row0 + n) from buf.
 * Collective. */
static eco_status put_rows(eco_h5 *f, const char *name, eco_h5_type type,
                           size_t strsize, int64_t nrows, int64_t ncols,
                           int64_t row0, int64_t n, const void *buf) {
  ECO_CALL(eco_h5_dataset_create(f, name, type, strsize, nrows, ncols, NULL));
  return eco_h5_dataset_write(f, name, type, row0, n, buf);
}

/* Write local rows of every field as datasets <group>/<field>, rows laid out
 * at row0 (or in rank order if row0 < 0). Collective. */
eco_status plan_fields_write(eco_h5 *f, const char *group,
                               const eco_plan_result *r, int64_t n,
                               int64_t total, int64_t row0) {
  void *buf = NULL;
  ECO_CALL(eco_malloc_all(eco_h5_comm(f), 8 * (size_t)(n ? n : 1), &buf));
  eco_status st = ECO_OK;
  char name[256];
  for (int k = 0; k < NFIELDS && st == ECO_OK; k++) {
    field_get(r, n, k, buf);
    snprintf(name, sizeof name, "%s/%s", group, result_fields[k].name);
    if (row0 < 0) {
      st = eco_h5_rows_write(f, name, result_fields[k].type, 0, n, 0, buf, NULL,
                             NULL);
    } else {
      st = put_rows(f, name, result_fields[k].type, 0, total, 0, row0, n, buf);
    }
  }
  eco_free(&buf);
  return st;
}

/* Read rows [row0, row0 + n) of every field <group>/<field> into r.
 * Collective (a rank with n == 0 still calls). */
eco_status plan_fields_read(eco_h5 *f, const char *group, int64_t row0,
                            int64_t n, eco_plan_result *r) {
  void *buf = NULL;
  ECO_CALL(eco_malloc_all(eco_h5_comm(f), 8 * (size_t)(n ? n : 1), &buf));
  eco_status st = ECO_OK;
  char name[256];
  for (int k = 0; k < NFIELDS && st == ECO_OK; k++) {
    snprintf(name, sizeof name, "%s/%s", group, result_fields[k].name);
    st = eco_h5_dataset_read(f, name, result_fields[k].type, row0, n, buf);
    if (st == ECO_OK)
      field_set(r, n, k, buf);
  }
  eco_free(&buf);
  return st;
}

/* /plan (created) and its per-scenario fields with their `meaning`
 * attributes; this rank's rows at row0 of nscen. Collective. */
eco_status plan_rows_write(eco_h5 *f, const eco_plan_result *blk,
                           int64_t nblk, int64_t nscen, int64_t row0) {
  ECO_CALL(eco_h5_group_create(f, "/plan"));
  ECO_CALL(plan_fields_write(f, "/plan", blk, nblk, nscen, row0));
  ECO_CALL(eco_h5_attr_set_string(
      f, "/plan/status", "meaning",
      "0 optimal, 1 infeasible, 2 unbounded, 3 iteration_limit, 4 "
      "time_limit, 5 failed"));
  return eco_h5_attr_set_string(
      f, "/plan/method", "meaning",
      "0 warm dual simplex, 1 warm primal simplex, 2 cold (advanced basis, "
      "primal), 3 fallback after a numerical failure");
}

/* What a rank gathers besides the per-scenario results: the solutions of
 * the scenarios in plan.save, and per inequality row how many optimal
 * scenarios have it binding (|dual| > 1e-9) and its largest |dual| (sums of counts and
 * maxima do not depend on the order, so they are rank-invariant). */
typedef struct {
  int nr, nc;
  int64_t nsave;
  int64_t *save;      /* scenario ids */
  int64_t nlocal;     /* saved here */
  int64_t *local_id;  /* scenario ids saved on this rank */
  double *primal;     /* nlocal x ncols */
  double *dual;       /* nlocal x nrows */
  int64_t *bind_count; /* nrows */
  double *bind_max;    /* nrows */
  /* plan.track: columns (primal) then rows (dual), K = ntcol + ntrow */
  int ntcol, ntrow, K;
  int *tcol, *trow;
  double *cur_x;  /* tracked values of the chunk being solved */
  int64_t cur_k0; /* its first scenario */
} sweep_extra;

#define TRACK_MAX 1000

/* "col:NAME; row:NAME*; ..." -> column and row numbers. */
static eco_status track_parse(const char *text, glp_prob *lp, sweep_extra *sv) {
  if (!text[0])
    return ECO_OK;
  int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
  ECO_CALL(eco_malloc(sizeof(int) * TRACK_MAX, &sv->tcol));
  ECO_CALL(eco_malloc(sizeof(int) * TRACK_MAX, &sv->trow));
  char *copy = NULL;
  ECO_CALL(eco_strdup(text, &copy));
  eco_status st = ECO_OK;
  char *save = NULL;
  for (char *t = strtok_r(copy, ";", &save); t && st == ECO_OK;
       t = strtok_r(NULL, ";", &save)) {
    while (*t == ' ')
      t++;
    size_t L = strlen(t);
    while (L > 0 && t[L - 1] == ' ')
      t[--L] = '\0';
    if (!L)
      continue;
    int is_row = strncmp(t, "row:", 4) == 0;
    if (!is_row && strncmp(t, "col:", 4) != 0) {
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "plan.track: '%s' is not col:NAME or row:NAME", t);
      break;
    }
    const char *name = t + 4;
    size_t nl = strlen(name);
    int prefix = nl > 0 && name[nl - 1] == '*';
    if (prefix)
      nl--;
    int found = 0, total = is_row ? nr : nc;
    for (int k = 1; k <= total && st == ECO_OK; k++) {
      const char *nm = is_row ? glp_get_row_name(lp, k) : glp_get_col_name(lp, k);
      if (!nm || (prefix ? strncmp(nm, name, nl) != 0 : strcmp(nm, name) != 0))
        continue;
      if (sv->ntcol + sv->ntrow >= TRACK_MAX) {
        st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                           "plan.track: more than %d rows and columns",
                           TRACK_MAX);
        break;
      }
      if (is_row)
        sv->trow[sv->ntrow++] = k;
      else
        sv->tcol[sv->ntcol++] = k;
      found = 1;
    }
    if (st == ECO_OK && !found)
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "plan.track: no %s named '%s'",
                         is_row ? "row" : "column", name);
  }
  eco_free(&copy);
  sv->K = sv->ntcol + sv->ntrow;
  return st;
}

#define BINDING_EPS 1e-9

static eco_status extra_alloc(sweep_extra *sv, int nr, int nc) {
  sv->nr = nr;
  sv->nc = nc;
  size_t ns = (size_t)(sv->nsave ? sv->nsave : 1);
  ECO_CALL(eco_calloc(ns, sizeof(int64_t), &sv->local_id));
  ECO_CALL(eco_calloc(ns * (size_t)(nc ? nc : 1), sizeof(double), &sv->primal));
  ECO_CALL(eco_calloc(ns * (size_t)(nr ? nr : 1), sizeof(double), &sv->dual));
  ECO_CALL(eco_calloc((size_t)(nr ? nr : 1), sizeof(int64_t), &sv->bind_count));
  ECO_CALL(eco_calloc((size_t)(nr ? nr : 1), sizeof(double), &sv->bind_max));
  return ECO_OK;
}

static void extra_free(sweep_extra *sv) {
  eco_free(&sv->tcol);
  eco_free(&sv->trow);
  eco_free(&sv->save);
  eco_free(&sv->local_id);
  eco_free(&sv->primal);
  eco_free(&sv->dual);
  eco_free(&sv->bind_count);
  eco_free(&sv->bind_max);
}

/* After each solve: binding rows, and the solution of a saved scenario. */
static void after_solve(void *user, eco_plan_model *m,
                        const eco_plan_result *r) {
  sweep_extra *sv = user;
  glp_prob *lp = m->lp;
  int nr = sv->nr, nc = sv->nc;
  if (sv->K) {
    double *x = sv->cur_x + (size_t)(r->index - sv->cur_k0) * (size_t)sv->K;
    int opt = r->status == ECO_PLAN_OPTIMAL;
    for (int j = 0; j < sv->ntcol; j++)
      x[j] = opt ? glp_get_col_prim(lp, sv->tcol[j]) : NAN;
    for (int i = 0; i < sv->ntrow; i++)
      x[sv->ntcol + i] = opt ? glp_get_row_dual(lp, sv->trow[i]) : NAN;
  }
  if (r->status == ECO_PLAN_OPTIMAL)
    for (int i = 1; i <= nr; i++) {
      int t = glp_get_row_type(lp, i);
      if (t == GLP_FX || t == GLP_FR)
        continue; /* equalities are always active */
      double d = fabs(glp_get_row_dual(lp, i));
      if (d > BINDING_EPS) {
        sv->bind_count[i - 1]++;
        if (d > sv->bind_max[i - 1])
          sv->bind_max[i - 1] = d;
      }
    }
  if (!sv->nsave || save_find(sv->save, sv->nsave, r->index) < 0)
    return;
  int64_t q = sv->nlocal++;
  sv->local_id[q] = r->index;
  for (int j = 1; j <= nc; j++)
    sv->primal[q * nc + j - 1] = glp_get_col_prim(lp, j);
  for (int i = 1; i <= nr; i++)
    sv->dual[q * nr + i - 1] = glp_get_row_dual(lp, i);
}

/* ------------------------------------------------------------------------ */
/* Checkpoints                                                              */
/* ------------------------------------------------------------------------ */
static eco_status checkpoint_write(const eco_ctx *ctx, const char *path,
                                   const char *fp, const result_list *l,
                                   const sweep_extra *sv) {
  char tmp[2 * ECO_STR_MAX + 96];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  eco_h5 *f = NULL;
  ECO_CALL(eco_h5_create(ctx->comm, tmp, &f));
  int64_t total = l->n;
  eco_status st = ECO_OK;
  MPI_Allreduce(MPI_IN_PLACE, &total, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
  st = eco_h5_group_create(f, "/checkpoint");
  if (st == ECO_OK)
    st = eco_h5_attr_set_string(f, "/checkpoint", "fingerprint", fp);
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(f, "/checkpoint", "records", total);
  if (st == ECO_OK && total > 0)
    st = plan_fields_write(f, "/checkpoint", l->r, l->n, total, -1);
  if (st == ECO_OK && total > 0 && l->K > 0)
    st = eco_h5_rows_write(f, "/checkpoint/track", ECO_H5_DOUBLE, 0, l->n, l->K,
                           l->x, NULL, NULL);
  /* one row per rank of binding statistics; saved solutions */
  if (st == ECO_OK && sv->nr > 0)
    st = eco_h5_rows_write(f, "/checkpoint/binding_count", ECO_H5_INT64, 0, 1,
                           sv->nr, sv->bind_count, NULL, NULL);
  if (st == ECO_OK && sv->nr > 0)
    st = eco_h5_rows_write(f, "/checkpoint/binding_max", ECO_H5_DOUBLE, 0, 1,
                           sv->nr, sv->bind_max, NULL, NULL);
  int64_t nsaved = sv->nlocal;
  if (st == ECO_OK)
    MPI_Allreduce(MPI_IN_PLACE, &nsaved, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
  if (st == ECO_OK && nsaved > 0) {
    st = eco_h5_rows_write(f, "/checkpoint/saved_scenario", ECO_H5_INT64, 0,
                           sv->nlocal, 0, sv->local_id, NULL, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/checkpoint/saved_primal", ECO_H5_DOUBLE, 0,
                             sv->nlocal, sv->nc, sv->primal, NULL, NULL);
    if (st == ECO_OK && sv->nr > 0)
      st = eco_h5_rows_write(f, "/checkpoint/saved_dual", ECO_H5_DOUBLE, 0,
                             sv->nlocal, sv->nr, sv->dual, NULL, NULL);
  }
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(f, "/checkpoint", "saved", nsaved);
  eco_status cs = eco_h5_close(&f);
  if (st == ECO_OK)
    st = cs;
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK && ctx->rank == 0 && rename(tmp, path) != 0)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "rename %s -> %s: %s",
                       tmp, path, strerror(errno));
  if (st != ECO_OK && ctx->rank == 0)
    unlink(tmp);
  return eco_agree(ctx->comm, st);
}

/* Read a checkpoint: each rank keeps a block of the records. Collective. */
static eco_status checkpoint_read(const eco_ctx *ctx, const char *path,
                                  const char *fp, result_list *l,
                                  sweep_extra *sv) {
  eco_h5 *f = NULL;
  ECO_CALL(eco_h5_open(ctx->comm, path, ECO_H5_READ, &f));
  char *got = NULL;
  int64_t total = 0;
  eco_status st = eco_h5_attr_get_string(f, "/checkpoint", "fingerprint", &got);
  if (st == ECO_OK)
    st = eco_h5_attr_get_int64(f, "/checkpoint", "records", &total);
  if (st == ECO_OK && strcmp(got, fp) != 0)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "checkpoint %s belongs to another sweep (model, "
                       "scenarios or solver options differ); remove it or run "
                       "without --resume",
                       path);
  free(got);
  if (st == ECO_OK && total > 0) {
    int64_t s0, cnt;
    eco_block_range(total, ctx->rank, ctx->size, &s0, &cnt);
    void *buf = NULL;
    st = list_reserve(l, cnt);
    if (st == ECO_OK)
      st = eco_malloc(8 * (size_t)(cnt ? cnt : 1), &buf);
    st = eco_agree(ctx->comm, st); /* collective reads follow */
    char name[128];
    for (int k = 0; k < NFIELDS && st == ECO_OK; k++) {
      snprintf(name, sizeof name, "/checkpoint/%s", result_fields[k].name);
      st = eco_h5_dataset_read(f, name, result_fields[k].type, s0, cnt, buf);
      if (st == ECO_OK)
        field_set(l->r + l->n, cnt, k, buf);
    }
    if (st == ECO_OK && l->K > 0)
      st = eco_h5_dataset_read(f, "/checkpoint/track", ECO_H5_DOUBLE, s0, cnt,
                               l->x + (size_t)l->n * (size_t)l->K);
    if (st == ECO_OK)
      l->n += cnt;
    eco_free(&buf);
  }
  /* binding statistics: this rank adds a block of the stored rows */
  if (st == ECO_OK && sv->nr > 0) {
    int ndims = 0;
    int64_t dims[2] = {0, 0};
    size_t ss = 0;
    st = eco_h5_dataset_shape(f, "/checkpoint/binding_count", &ndims, dims, &ss);
    int64_t s0 = 0, cnt = 0;
    if (st == ECO_OK && dims[1] != sv->nr)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "checkpoint %s: binding statistics of %lld rows, the "
                         "model has %d",
                         path, (long long)dims[1], sv->nr);
    if (st == ECO_OK)
      eco_block_range(dims[0], ctx->rank, ctx->size, &s0, &cnt);
    int64_t *bc = NULL;
    double *bm = NULL;
    if (st == ECO_OK)
      st = eco_malloc(sizeof(int64_t) * (size_t)(cnt ? cnt : 1) * (size_t)sv->nr, &bc);
    if (st == ECO_OK)
      st = eco_malloc(sizeof(double) * (size_t)(cnt ? cnt : 1) * (size_t)sv->nr, &bm);
    if (st == ECO_OK)
      st = eco_h5_dataset_read(f, "/checkpoint/binding_count", ECO_H5_INT64, s0,
                               cnt, bc);
    if (st == ECO_OK)
      st = eco_h5_dataset_read(f, "/checkpoint/binding_max", ECO_H5_DOUBLE, s0,
                               cnt, bm);
    for (int64_t q = 0; st == ECO_OK && q < cnt; q++)
      for (int i = 0; i < sv->nr; i++) {
        sv->bind_count[i] += bc[q * sv->nr + i];
        if (bm[q * sv->nr + i] > sv->bind_max[i])
          sv->bind_max[i] = bm[q * sv->nr + i];
      }
    eco_free(&bc);
    eco_free(&bm);
  }
  int64_t nsaved = 0;
  if (st == ECO_OK)
    st = eco_h5_attr_get_int64(f, "/checkpoint", "saved", &nsaved);
  if (st == ECO_OK && nsaved > 0) {
    int64_t s0, cnt;
    eco_block_range(nsaved, ctx->rank, ctx->size, &s0, &cnt);
    if (sv->nlocal + cnt > sv->nsave)
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "checkpoint %s holds more saved solutions than "
                         "plan.save asks for",
                         path);
    int64_t q = sv->nlocal;
    if (st == ECO_OK)
      st = eco_h5_dataset_read(f, "/checkpoint/saved_scenario", ECO_H5_INT64,
                               s0, cnt, sv->local_id + q);
    if (st == ECO_OK)
      st = eco_h5_dataset_read(f, "/checkpoint/saved_primal", ECO_H5_DOUBLE, s0,
                               cnt, sv->primal + q * sv->nc);
    if (st == ECO_OK && sv->nr > 0)
      st = eco_h5_dataset_read(f, "/checkpoint/saved_dual", ECO_H5_DOUBLE, s0,
                               cnt, sv->dual + q * sv->nr);
    if (st == ECO_OK)
      sv->nlocal += cnt;
  }
  eco_status cs = eco_h5_close(&f);
  if (st == ECO_OK)
    st = cs;
  return st;
}

/* ------------------------------------------------------------------------ */
/* Redistribution: each rank gets the block of scenarios it writes.         */
/* ------------------------------------------------------------------------ */
static int owner_of(int64_t k, int64_t n, int size) {
  /* inverse of eco_block_range: first blocks have one more item */
  int64_t q = n / size, r = n % size;
  if (k < r * (q + 1))
    return (int)(k / (q + 1));
  return (int)(r + (k - r * (q + 1)) / (q > 0 ? q : 1));
}

static const eco_plan_result *g_recs;
static int by_index_pos(const void *a, const void *b) {
  int64_t x = g_recs[*(const int64_t *)a].index;
  int64_t y = g_recs[*(const int64_t *)b].index;
  return x < y ? -1 : (x > y);
}

/* Send every result (and its K tracked values) to the rank that writes its
 * block of scenario indices; *blk / *blkx receive this rank's block, sorted.
 * Records travel as one contiguous MPI type, so counts are in records.
 * Collective. */
static eco_status redistribute(const eco_ctx *ctx, int64_t first,
                               int64_t nscen,
                               result_list *l, eco_plan_result **blk,
                               double **blkx, int64_t *nblk) {
  int size = ctx->size, K = l->K;
  const size_t rs = sizeof(eco_plan_result), rec = rs + 8 * (size_t)K;
  int *scount = NULL, *rcount = NULL, *sdisp = NULL, *rdisp = NULL;
  char *sbuf = NULL, *rbuf = NULL;
  int64_t *pos = NULL, *perm = NULL;
  eco_plan_result *out = NULL;
  double *outx = NULL;
  MPI_Datatype rt = MPI_DATATYPE_NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &scount), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &rcount), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &sdisp), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &rdisp), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int64_t), &pos), agree1);
  for (int64_t i = 0; i < l->n; i++)
    scount[owner_of(l->r[i].index - first, nscen, size)]++;
  ECO_CALL_GOTO(st, eco_malloc(rec * (size_t)(l->n ? l->n : 1), &sbuf), agree1);
  for (int q = 1; q < size; q++)
    pos[q] = pos[q - 1] + scount[q - 1];
  for (int64_t i = 0; i < l->n; i++) {
    char *d =
        sbuf + rec * (size_t)pos[owner_of(l->r[i].index - first, nscen, size)]++;
    memcpy(d, &l->r[i], rs);
    if (K)
      memcpy(d + rs, l->x + (size_t)i * (size_t)K, 8 * (size_t)K);
  }
agree1: /* before a collective: a local failure on one rank must not hang the others */
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;
  ECO_CALL_MPI_GOTO(st,
                    MPI_Alltoall(scount, 1, MPI_INT, rcount, 1, MPI_INT,
                                 ctx->comm),
                    done);
  int64_t total = 0;
  for (int q = 0; q < size; q++) {
    sdisp[q] = q ? sdisp[q - 1] + scount[q - 1] : 0;
    rdisp[q] = (int)total;
    total += rcount[q];
  }
  ECO_CALL_GOTO(st, eco_malloc(rec * (size_t)(total ? total : 1), &rbuf), agree2);
  ECO_CALL_MPI_GOTO(st, MPI_Type_contiguous((int)rec, MPI_BYTE, &rt), done);
  ECO_CALL_MPI_GOTO(st, MPI_Type_commit(&rt), done);
agree2: /* before a collective: a local failure on one rank must not hang the others */
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;
  ECO_CALL_MPI_GOTO(st,
                    MPI_Alltoallv(sbuf, scount, sdisp, rt, rbuf, rcount, rdisp,
                                  rt, ctx->comm),
                    done);
  /* unpack and sort by scenario index */
  ECO_CALL_GOTO(st, eco_malloc(rs * (size_t)(total ? total : 1), &out), done);
  ECO_CALL_GOTO(st,
                eco_malloc(8 * (size_t)(K ? K : 1) * (size_t)(total ? total : 1),
                           &outx),
                done);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int64_t) * (size_t)(total ? total : 1),
                               &perm),
                done);
  eco_plan_result *tmp = NULL;
  ECO_CALL_GOTO(st, eco_malloc(rs * (size_t)(total ? total : 1), &tmp), done);
  for (int64_t i = 0; i < total; i++) {
    memcpy(&tmp[i], rbuf + rec * (size_t)i, rs);
    perm[i] = i;
  }
  g_recs = tmp;
  qsort(perm, (size_t)total, sizeof(int64_t), by_index_pos);
  for (int64_t i = 0; i < total; i++) {
    out[i] = tmp[perm[i]];
    if (K)
      memcpy(outx + (size_t)i * (size_t)K, rbuf + rec * (size_t)perm[i] + rs,
             8 * (size_t)K);
  }
  eco_free(&tmp);
  int64_t s0, cnt;
  eco_block_range(nscen, ctx->rank, size, &s0, &cnt);
  ECO_CHECK_GOTO(st, total == cnt, ECO_ERR_INTERNAL, done,
                 "rank %d received %lld results for a block of %lld",
                 ctx->rank, (long long)total, (long long)cnt);
  for (int64_t i = 0; i < cnt; i++)
    ECO_CHECK_GOTO(st, out[i].index == first + s0 + i, ECO_ERR_INTERNAL, done,
                   "scenario %lld missing from the results",
                   (long long)(first + s0 + i));
  *blk = out;
  *blkx = outx;
  *nblk = cnt;
  out = NULL;
  outx = NULL;
done:
  if (rt != MPI_DATATYPE_NULL)
    MPI_Type_free(&rt);
  eco_free(&scount);
  eco_free(&rcount);
  eco_free(&sdisp);
  eco_free(&rdisp);
  eco_free(&pos);
  eco_free(&perm);
  eco_free(&sbuf);
  eco_free(&rbuf);
  eco_free(&out);
  eco_free(&outx);
  return st;
}

/* ------------------------------------------------------------------------ */
/* The sweep loop: dynamic chunks through an atomic counter on rank 0.      */
/* ------------------------------------------------------------------------ */

static eco_status sweep_loop(const eco_ctx *ctx, eco_plan_model *m,
                             const eco_plan_scenarios *s,
                             const eco_plan_sweep_options *so, int64_t first,
                             int64_t nscen, int64_t nchunks,
                             const unsigned char *done_chunk, int64_t todo,
                             result_list *l, sweep_extra *sv,
                             const char *ckpt, const char *fp,
                             int *interrupted) {
  MPI_Win win = MPI_WIN_NULL;
  int64_t *slots = NULL;
  MPI_Aint wsize = ctx->rank == 0 ? 2 * sizeof(int64_t) : 0;
  ECO_CALL_MPI(MPI_Win_allocate(wsize, sizeof(int64_t), MPI_INFO_NULL,
                                ctx->comm, &slots, &win));
  if (ctx->rank == 0)
    slots[0] = slots[1] = 0;
  MPI_Barrier(ctx->comm);
  eco_progress *prog = NULL;
  eco_status st = eco_progress_create(ctx->comm, "plan", todo, "best objective",
                                      ECO_FIGURE_MIN, &prog);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    MPI_Win_free(&win);
    return st;
  }
  MPI_Win_lock_all(0, win);
  int64_t done_here = 0, chunks_here = 0;
  double wait_s = 0; /* time spent taking chunk numbers */
  double best = INFINITY;
  const int64_t one = 1, zero = 0;
  /* slots[1], the flag: 1 = write a periodic checkpoint ([run]
   * checkpoint_every, raised by rank 0 from its clock), 2 = a signal, 3 = an
   * error; raised with MPI_MAX. A rank that sees it (or has no chunk left)
   * stops taking chunks and meets the others, which agree on the largest. */
  const double every = ctx->run->checkpoint_every;
  int64_t held = -1; /* a chunk taken together with the flag 1: solved after the checkpoint */
  int64_t saved_n = l->n; /* rank 0 asks for a checkpoint only after new work of its own */
  eco_timer_begin("plan.sweep");
  for (;;) {
  int64_t code = 0; /* what this rank stopped for */
  while (st == ECO_OK) {
    int64_t stop = 0, c = 0;
    if (eco_signal_pending()) {
      const int64_t flag = 2;
      MPI_Fetch_and_op(&flag, &stop, MPI_INT64_T, 0, 1, MPI_MAX, win);
      MPI_Win_flush(0, win);
      code = 2;
      break;
    }
    if (ctx->rank == 0 && l->n > saved_n && eco_checkpoint_clock_due(every)) {
      const int64_t flag = 1;
      MPI_Fetch_and_op(&flag, &stop, MPI_INT64_T, 0, 1, MPI_MAX, win);
      MPI_Win_flush(0, win);
    }
    double tw = MPI_Wtime();
    if (held >= 0) {
      c = held;
      held = -1;
    } else {
    MPI_Fetch_and_op(&zero, &stop, MPI_INT64_T, 0, 1, MPI_NO_OP, win);
    MPI_Fetch_and_op(&one, &c, MPI_INT64_T, 0, 0, MPI_SUM, win);
    int frc = MPI_Win_flush(0, win);
    wait_s += MPI_Wtime() - tw;
    if (frc != MPI_SUCCESS) {
      st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__,
                         "MPI_Win_flush of the chunk counter failed");
      break;
    }
    if (stop) {
      code = stop;
      held = c; /* taken: solve it after a periodic checkpoint */
      break;
    }
    }
    if (c >= nchunks)
      break;
    if (done_chunk[c])
      continue;
    int64_t k0 = first + c * so->chunk;
    int64_t n = first + nscen - k0 < so->chunk ? first + nscen - k0 : so->chunk;
    st = list_reserve(l, n);
    if (st != ECO_OK)
      break;
    eco_plan_result *out = l->r + l->n;
    sv->cur_x = l->x ? l->x + (size_t)l->n * (size_t)l->K : NULL;
    sv->cur_k0 = k0;
    st = eco_plan_chunk_solve(m, s, so, k0, n, out,
                              after_solve, sv);
    if (st != ECO_OK) {
      /* GLPK gave up on this rank: tell the others to stop taking chunks
       * (the error, not a checkpoint, is what the run reports) */
      const int64_t flag = 3;
      int64_t old = 0;
      MPI_Fetch_and_op(&flag, &old, MPI_INT64_T, 0, 1, MPI_MAX, win);
      MPI_Win_flush(0, win);
      code = 3;
      break;
    }
    for (int64_t i = 0; i < n; i++)
      if (out[i].status == ECO_PLAN_OPTIMAL && out[i].objective < best)
        best = out[i].objective;
    l->n += n;
    done_here += n;
    chunks_here++;
    eco_progress_update(prog, done_here, best);
  }
  int64_t agreed = 0;
  if (MPI_Allreduce(&code, &agreed, 1, MPI_INT64_T, MPI_MAX, ctx->comm) != MPI_SUCCESS) {
    if (st == ECO_OK)
      st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__, "MPI_Allreduce of the sweep flag failed");
    break;
  }
  if (agreed == 2)
    *interrupted = 1;
  if (agreed != 1)
    break; /* no chunk left, a signal or an error */
  /* a periodic checkpoint: every rank finished its chunk; clear the flag */
  if (ctx->rank == 0) {
    int64_t old = 0;
    MPI_Fetch_and_op(&zero, &old, MPI_INT64_T, 0, 1, MPI_REPLACE, win);
    MPI_Win_flush(0, win);
  }
  MPI_Barrier(ctx->comm);
  double t0 = MPI_Wtime();
  eco_timer_begin("plan.checkpoint");
  st = checkpoint_write(ctx, ckpt, fp, l, sv);
  eco_timer_end("plan.checkpoint");
  eco_checkpoint_clock_restart();
  saved_n = l->n;
  if (st != ECO_OK)
    break;
  int64_t have = l->n;
  MPI_Allreduce(MPI_IN_PLACE, &have, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
  eco_log_root(ECO_LOG_INFO, "plan: checkpoint of %lld of %lld scenarios in %s (%.3f s)",
               (long long)have, (long long)nscen, ckpt, MPI_Wtime() - t0);
  }
  eco_timer_end("plan.sweep");
  eco_log(ECO_LOG_DEBUG,
          "plan: rank %d solved %lld scenarios in %lld chunks; %.3f s spent "
          "taking chunk numbers",
          ctx->rank, (long long)done_here, (long long)chunks_here, wait_s);
  MPI_Win_unlock_all(win);
  eco_status ps = eco_progress_destroy(&prog);
  if (st == ECO_OK)
    st = ps;
  MPI_Win_free(&win);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Results                                                                  */
/* ------------------------------------------------------------------------ */
static eco_status write_results(const eco_ctx *ctx, eco_h5 *f,
                                const eco_plan_scenarios *s,
                                const eco_plan_result *blk, int64_t nblk,
                                int64_t first, int64_t nscen,
                                const eco_plan_result *base,
                                double sweep_seconds, double sweep_cpu,
                                int64_t nsolved) {
  int64_t s0, cnt;
  eco_block_range(nscen, ctx->rank, ctx->size, &s0, &cnt);
  ECO_CALL(plan_rows_write(f, blk, nblk, nscen, s0));
  /* parameters */
  int np = eco_plan_scenarios_nparams(s);
  if (np > 0) {
    double *pv = NULL;
    eco_status st = eco_malloc(
        sizeof(double) * (size_t)np * (size_t)(nblk ? nblk : 1), &pv);
    for (int64_t i = 0; i < nblk && st == ECO_OK; i++)
      st = eco_plan_scenarios_params(s, first + s0 + i, pv + i * np);
    st = eco_agree(eco_h5_comm(f), st);
    if (st == ECO_OK)
      st = put_rows(f, "/plan/parameters", ECO_H5_DOUBLE, 0, nscen, np, s0,
                    nblk, pv);
    eco_free(&pv);
    ECO_CALL(st);
    size_t w = 1;
    for (int j = 0; j < np; j++) {
      size_t L = strlen(eco_plan_scenarios_param_name(s, j)) + 1;
      w = L > w ? L : w;
    }
    char *names = NULL;
    ECO_CALL(eco_calloc_all(eco_h5_comm(f), (size_t)np, w, &names));
    for (int j = 0; j < np; j++)
      memcpy(names + (size_t)j * w, eco_plan_scenarios_param_name(s, j),
             strlen(eco_plan_scenarios_param_name(s, j)));
    st = put_rows(f, "/plan/parameter_names", ECO_H5_STRING, w, np, 0, 0,
                  ctx->rank == 0 ? np : 0, names);
    eco_free(&names);
    ECO_CALL(st);
  }
  return plan_summary_write(ctx, f, blk, nblk, nscen, base, sweep_seconds,
                            sweep_cpu, nsolved);
}

/* Sweep-level summaries over the rows of all ranks (each rank holds nblk of
 * the nscen rows, any order): status counts, objective distribution, base
 * model, sweep times and the Pareto front (attributes of /plan and
 * /plan/pareto/...), plus the summary lines on rank 0. Collective. */
eco_status plan_summary_write(const eco_ctx *ctx, eco_h5 *f,
                              const eco_plan_result *blk, int64_t nblk,
                              int64_t nscen, const eco_plan_result *base,
                              double sweep_seconds, double sweep_cpu,
                              int64_t nsolved) {
  /* summary: status counts, objective distribution */
  int64_t counts[ECO_PLAN_NSTATUS] = {0};
  double omin = INFINITY, omax = -INFINITY, osum = 0, iters = 0;
  for (int64_t i = 0; i < nblk; i++) {
    counts[blk[i].status]++;
    iters += (double)blk[i].iterations;
    if (blk[i].status == ECO_PLAN_OPTIMAL) {
      omin = fmin(omin, blk[i].objective);
      omax = fmax(omax, blk[i].objective);
      osum += blk[i].objective;
    }
  }
  MPI_Allreduce(MPI_IN_PLACE, counts, ECO_PLAN_NSTATUS, MPI_INT64_T, MPI_SUM,
                ctx->comm);
  MPI_Allreduce(MPI_IN_PLACE, &omin, 1, MPI_DOUBLE, MPI_MIN, ctx->comm);
  MPI_Allreduce(MPI_IN_PLACE, &omax, 1, MPI_DOUBLE, MPI_MAX, ctx->comm);
  MPI_Allreduce(MPI_IN_PLACE, &osum, 1, MPI_DOUBLE, MPI_SUM, ctx->comm);
  MPI_Allreduce(MPI_IN_PLACE, &iters, 1, MPI_DOUBLE, MPI_SUM, ctx->comm);
  for (int q = 0; q < ECO_PLAN_NSTATUS; q++) {
    char an[64];
    snprintf(an, sizeof an, "count_%s", eco_plan_status_name(q));
    ECO_CALL(eco_h5_attr_set_int64(f, "/plan", an, counts[q]));
  }
  double omean = counts[0] ? osum / counts[0] : NAN;
  ECO_CALL(eco_h5_attr_set_int64(f, "/plan", "scenarios", nscen));
  ECO_CALL(eco_h5_attr_set_double(f, "/plan", "objective_min",
                                  counts[0] ? omin : NAN));
  ECO_CALL(eco_h5_attr_set_double(f, "/plan", "objective_mean", omean));
  ECO_CALL(eco_h5_attr_set_double(f, "/plan", "objective_max",
                                  counts[0] ? omax : NAN));
  ECO_CALL(eco_h5_attr_set_double(f, "/plan", "iterations_per_scenario",
                                  iters / (double)nscen));
  ECO_CALL(eco_h5_attr_set_double(f, "/plan", "base_objective",
                                  base->objective));
  ECO_CALL(eco_h5_attr_set_string(f, "/plan", "base_status",
                                  eco_plan_status_name(base->status)));
  ECO_CALL(eco_h5_attr_set_double(f, "/plan", "sweep_seconds", sweep_seconds));
  ECO_CALL(eco_h5_attr_set_double(f, "/plan", "sweep_cpu_seconds", sweep_cpu));

  /* Pareto front: local fronts, merged on rank 0 */
  int64_t *idx = NULL, nf = 0;
  ECO_CALL(eco_malloc_all(eco_h5_comm(f), sizeof(int64_t) * (size_t)(nblk ? nblk : 1), &idx));
  eco_plan_pareto(blk, nblk, idx, &nf);
  eco_plan_result *front = NULL;
  eco_status st = eco_malloc_all(ctx->comm, sizeof(eco_plan_result) * (size_t)(nf ? nf : 1),
                                 &front);
  for (int64_t i = 0; st == ECO_OK && i < nf; i++)
    front[i] = blk[idx[i]];
  eco_free(&idx);
  ECO_CALL(st);
  int cnt_local = (int)(nf * (int64_t)sizeof(eco_plan_result));
  int *cnts = NULL, *disp = NULL;
  eco_plan_result *all = NULL;
  int64_t nall = 0;
  st = eco_calloc((size_t)ctx->size, sizeof(int), &cnts);
  if (st == ECO_OK)
    st = eco_calloc((size_t)ctx->size, sizeof(int), &disp);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    MPI_Gather(&cnt_local, 1, MPI_INT, cnts, 1, MPI_INT, 0, ctx->comm);
    int64_t bytes = 0;
    for (int q = 0; q < ctx->size; q++) {
      disp[q] = (int)bytes;
      bytes += cnts[q];
    }
    nall = bytes / (int64_t)sizeof(eco_plan_result);
    if (ctx->rank == 0)
      st = eco_malloc((size_t)(bytes ? bytes : 1), &all);
    st = eco_agree(ctx->comm, st);
    if (st == ECO_OK)
      MPI_Gatherv(front, cnt_local, MPI_BYTE, all, cnts, disp, MPI_BYTE, 0,
                  ctx->comm);
  }
  int64_t nfront = 0;
  double *fc = NULL, *fe = NULL;
  int64_t *fi = NULL;
  if (st == ECO_OK && ctx->rank == 0) {
    int64_t *id2 = NULL;
    st = eco_malloc(sizeof(int64_t) * (size_t)(nall ? nall : 1), &id2);
    if (st == ECO_OK) {
      eco_plan_pareto(all, nall, id2, &nfront);
      st = eco_malloc(sizeof(double) * (size_t)(nfront ? nfront : 1), &fc);
      if (st == ECO_OK)
        st = eco_malloc(sizeof(double) * (size_t)(nfront ? nfront : 1), &fe);
      if (st == ECO_OK)
        st = eco_malloc(sizeof(int64_t) * (size_t)(nfront ? nfront : 1), &fi);
      for (int64_t i = 0; st == ECO_OK && i < nfront; i++) {
        fc[i] = all[id2[i]].cost;
        fe[i] = all[id2[i]].emissions;
        fi[i] = all[id2[i]].index;
      }
    }
    eco_free(&id2);
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK)
    MPI_Bcast(&nfront, 1, MPI_INT64_T, 0, ctx->comm);
  int64_t w = ctx->rank == 0 ? nfront : 0;
  if (st == ECO_OK && nfront > 0) {
    st = put_rows(f, "/plan/pareto/scenario", ECO_H5_INT64, 0, nfront, 0, 0, w,
                  fi);
    if (st == ECO_OK)
      st = put_rows(f, "/plan/pareto/cost", ECO_H5_DOUBLE, 0, nfront, 0, 0, w,
                    fc);
    if (st == ECO_OK)
      st = put_rows(f, "/plan/pareto/emissions", ECO_H5_DOUBLE, 0, nfront, 0, 0,
                    w, fe);
  }
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(f, "/plan", "pareto_points", nfront);
  eco_free(&front);
  eco_free(&cnts);
  eco_free(&disp);
  eco_free(&all);
  eco_free(&fc);
  eco_free(&fe);
  eco_free(&fi);
  ECO_CALL(st);

  /* one summary on rank 0 */
  double rate = sweep_seconds > 0 ? (double)nsolved / sweep_seconds : 0;
  eco_log_root(ECO_LOG_INFO,
               "plan: %lld scenarios (%lld solved now) in %.2f s, %.1f "
               "scenarios/s (%.1f per rank); %lld optimal, %lld infeasible, "
               "%lld unbounded, %lld limit, %lld failed; %.1f simplex "
               "iterations per scenario",
               (long long)nscen, (long long)nsolved, sweep_seconds, rate,
               rate / ctx->size, (long long)counts[0], (long long)counts[1],
               (long long)counts[2], (long long)(counts[3] + counts[4]),
               (long long)counts[5], iters / (double)nscen);
  if (counts[0])
    eco_log_root(ECO_LOG_INFO,
                 "plan: objective min %.10g mean %.10g max %.10g; Pareto front "
                 "(cost vs emissions) %lld points",
                 omin, omean, omax, (long long)nfront);
  return ECO_OK;
}

/* The most binding rows over the sweep: counts summed and maxima taken on
 * rank 0, the top 20 written by it. Collective. */
#define BINDING_TOP 20
static const int64_t *g_bc;
static const double *g_bm;
static int by_binding(const void *a, const void *b) {
  int i = *(const int *)a, j = *(const int *)b;
  if (g_bc[i] != g_bc[j])
    return g_bc[i] > g_bc[j] ? -1 : 1;
  if (g_bm[i] != g_bm[j])
    return g_bm[i] > g_bm[j] ? -1 : 1;
  return i < j ? -1 : (i > j);
}

/* Row names for plan_binding_write: the model's. */
static const char *model_row_name(void *user, int i) {
  return glp_get_row_name(((eco_plan_model *)user)->lp, i + 1);
}

eco_status plan_binding_write(const eco_ctx *ctx, eco_h5 *f,
                              const int64_t *bind_count,
                              const double *bind_max, int nr,
                              plan_row_name_fn row_name, void *user,
                              int64_t nscen) {
  if (nr == 0)
    return ECO_OK;
  int64_t *bc = NULL;
  double *bm = NULL;
  int *order = NULL;
  eco_status st = eco_calloc((size_t)nr, sizeof(int64_t), &bc);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nr, sizeof(double), &bm);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nr, sizeof(int), &order);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    MPI_Reduce(bind_count, bc, nr, MPI_INT64_T, MPI_SUM, 0, ctx->comm);
    MPI_Reduce(bind_max, bm, nr, MPI_DOUBLE, MPI_MAX, 0, ctx->comm);
  }
  int k = 0;
  char *names = NULL;
  const size_t w = 256;
  int64_t tc[BINDING_TOP];
  double tm[BINDING_TOP];
  if (st == ECO_OK && ctx->rank == 0) {
    for (int i = 0; i < nr; i++)
      order[i] = i;
    g_bc = bc;
    g_bm = bm;
    qsort(order, (size_t)nr, sizeof(int), by_binding);
    while (k < BINDING_TOP && k < nr && bc[order[k]] > 0)
      k++;
    st = eco_calloc((size_t)(k ? k : 1), w, &names);
    for (int q = 0; st == ECO_OK && q < k; q++) {
      const char *nm = row_name(user, order[q]);
      snprintf(names + (size_t)q * w, w, "%s", nm ? nm : "");
      tc[q] = bc[order[q]];
      tm[q] = bm[order[q]];
    }
    for (int q = 0; st == ECO_OK && q < k && q < 5; q++)
      eco_log_root(ECO_LOG_INFO,
                   "plan: binding row %-24s in %5.1f%% of scenarios, max "
                   "|dual| %.6g",
                   names + (size_t)q * w, 100.0 * (double)tc[q] / (double)nscen,
                   tm[q]);
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK)
    MPI_Bcast(&k, 1, MPI_INT, 0, ctx->comm);
  int64_t rows = ctx->rank == 0 ? k : 0;
  if (st == ECO_OK && k > 0) {
    st = put_rows(f, "/plan/binding/row_name", ECO_H5_STRING, w, k, 0, 0, rows,
                  names);
    if (st == ECO_OK)
      st = put_rows(f, "/plan/binding/count", ECO_H5_INT64, 0, k, 0, 0, rows,
                    tc);
    if (st == ECO_OK)
      st = put_rows(f, "/plan/binding/max_abs_dual", ECO_H5_DOUBLE, 0, k, 0, 0,
                    rows, tm);
  }
  eco_free(&bc);
  eco_free(&bm);
  eco_free(&order);
  eco_free(&names);
  return st;
}

static eco_status write_binding(const eco_ctx *ctx, eco_h5 *f,
                                eco_plan_model *m, sweep_extra *sv,
                                int64_t nscen) {
  return plan_binding_write(ctx, f, sv->bind_count, sv->bind_max, sv->nr,
                            model_row_name, m, nscen);
}

/* For a slice (plan.first/count), every row's binding count and largest
 * |dual| and the row names, under /plan/slice, so that `ecoscale merge plan`
 * can give the whole sweep's binding statistics. Collective. */
static eco_status write_slice_binding(const eco_ctx *ctx, eco_h5 *f,
                                      eco_plan_model *m, sweep_extra *sv) {
  int nr = sv->nr;
  if (nr == 0)
    return ECO_OK;
  int64_t *bc = NULL;
  double *bm = NULL;
  char *names = NULL;
  size_t w = 1;
  for (int i = 1; i <= nr; i++) {
    const char *nm = glp_get_row_name(m->lp, i);
    size_t L = nm ? strlen(nm) + 1 : 1;
    w = L > w ? L : w;
  }
  eco_status st = eco_calloc((size_t)nr, sizeof(int64_t), &bc);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nr, sizeof(double), &bm);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nr, w, &names);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    MPI_Reduce(sv->bind_count, bc, nr, MPI_INT64_T, MPI_SUM, 0, ctx->comm);
    MPI_Reduce(sv->bind_max, bm, nr, MPI_DOUBLE, MPI_MAX, 0, ctx->comm);
    for (int i = 1; i <= nr; i++) {
      const char *nm = glp_get_row_name(m->lp, i);
      if (nm)
        memcpy(names + (size_t)(i - 1) * w, nm, strlen(nm));
    }
  }
  int64_t rows = ctx->rank == 0 ? nr : 0;
  if (st == ECO_OK)
    st = put_rows(f, "/plan/slice/binding_count", ECO_H5_INT64, 0, nr, 0, 0,
                  rows, bc);
  if (st == ECO_OK)
    st = put_rows(f, "/plan/slice/binding_max_abs_dual", ECO_H5_DOUBLE, 0, nr,
                  0, 0, rows, bm);
  if (st == ECO_OK)
    st = put_rows(f, "/plan/slice/row_names", ECO_H5_STRING, w, nr, 0, 0, rows,
                  names);
  eco_free(&bc);
  eco_free(&bm);
  eco_free(&names);
  return st;
}

/* /plan/track/values: each rank writes its block (eco_block_range) of the
 * nscen rows of K values. Collective. */
eco_status plan_track_values_write(const eco_ctx *ctx, eco_h5 *f,
                                   const double *x, int64_t nblk,
                                   int64_t nscen, int K) {
  int64_t s0, cnt;
  eco_block_range(nscen, ctx->rank, ctx->size, &s0, &cnt);
  ECO_CALL(put_rows(f, "/plan/track/values", ECO_H5_DOUBLE, 0, nscen, K, s0,
                    nblk, x));
  return eco_h5_attr_set_string(
      f, "/plan/track/values", "meaning",
      "per scenario: primal value of each tracked column, then the dual "
      "value (shadow price) of each tracked row; NaN unless optimal");
}

/* Tracked values: each rank writes its block of scenarios. Collective. */
static eco_status write_track(const eco_ctx *ctx, eco_h5 *f, eco_plan_model *m,
                              const sweep_extra *sv, const double *x,
                              int64_t nblk, int64_t nscen) {
  ECO_CALL(plan_track_values_write(ctx, f, x, nblk, nscen, sv->K));
  const size_t w = 264;
  char *names = NULL;
  ECO_CALL(eco_calloc_all(eco_h5_comm(f), (size_t)sv->K, w, &names));
  for (int j = 0; j < sv->ntcol; j++) {
    const char *nm = glp_get_col_name(m->lp, sv->tcol[j]);
    snprintf(names + (size_t)j * w, w, "col:%s", nm ? nm : "");
  }
  for (int i = 0; i < sv->ntrow; i++) {
    const char *nm = glp_get_row_name(m->lp, sv->trow[i]);
    snprintf(names + (size_t)(sv->ntcol + i) * w, w, "row:%s", nm ? nm : "");
  }
  eco_status st = put_rows(f, "/plan/track/names", ECO_H5_STRING, w, sv->K, 0,
                           0, ctx->rank == 0 ? sv->K : 0, names);
  eco_free(&names);
  return st;
}

/* Saved primal/dual solutions: each rank writes its rows (rank order). */
static eco_status write_saved(const eco_ctx *ctx, eco_h5 *f, eco_plan_model *m,
                              sweep_extra *sv) {
  int64_t total = sv->nlocal;
  MPI_Allreduce(MPI_IN_PLACE, &total, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
  if (total == 0)
    return ECO_OK;
  glp_prob *lp = m->lp;
  int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
  /* rows in rank order, then sorted by nobody: store the scenario ids */
  int64_t row0 = 0;
  ECO_CALL(eco_h5_rows_write(f, "/plan/solutions/scenario", ECO_H5_INT64, 0,
                             sv->nlocal, 0, sv->local_id, NULL, &row0));
  ECO_CALL(eco_h5_rows_write(f, "/plan/solutions/primal", ECO_H5_DOUBLE, 0,
                             sv->nlocal, nc, sv->primal, NULL, NULL));
  if (nr > 0)
    ECO_CALL(eco_h5_rows_write(f, "/plan/solutions/dual", ECO_H5_DOUBLE, 0,
                               sv->nlocal, nr, sv->dual, NULL, NULL));
  size_t wc = 1, wr = 1;
  for (int j = 1; j <= nc; j++) {
    const char *s = glp_get_col_name(lp, j);
    size_t L = s ? strlen(s) + 1 : 1;
    wc = L > wc ? L : wc;
  }
  for (int i = 1; i <= nr; i++) {
    const char *s = glp_get_row_name(lp, i);
    size_t L = s ? strlen(s) + 1 : 1;
    wr = L > wr ? L : wr;
  }
  char *names = NULL;
  size_t big = (size_t)nc * wc > (size_t)nr * wr ? (size_t)nc * wc
                                                  : (size_t)nr * wr;
  ECO_CALL(eco_calloc_all(eco_h5_comm(f), big ? big : 1, 1, &names));
  for (int j = 1; j <= nc; j++) {
    const char *s = glp_get_col_name(lp, j);
    if (s)
      memcpy(names + (size_t)(j - 1) * wc, s, strlen(s));
  }
  eco_status st = put_rows(f, "/plan/solutions/column_names", ECO_H5_STRING, wc,
                           nc, 0, 0, ctx->rank == 0 ? nc : 0, names);
  if (st == ECO_OK && nr > 0) {
    memset(names, 0, big);
    for (int i = 1; i <= nr; i++) {
      const char *s = glp_get_row_name(lp, i);
      if (s)
        memcpy(names + (size_t)(i - 1) * wr, s, strlen(s));
    }
    st = put_rows(f, "/plan/solutions/row_names", ECO_H5_STRING, wr, nr, 0, 0,
                  ctx->rank == 0 ? nr : 0, names);
  }
  eco_free(&names);
  return st;
}

/* ------------------------------------------------------------------------ */
/* run                                                                      */
/* ------------------------------------------------------------------------ */
static eco_status plan_run(const eco_ctx *ctx, void *opts) {
  plan_opts *o = opts;
  eco_status st = ECO_OK;
  eco_plan_model *m = NULL;
  eco_plan_scenarios *s = NULL;
  char *csv = NULL;
  size_t csvlen = 0;
  result_list l = {0};
  unsigned char *done_chunk = NULL;
  sweep_extra sv = {0};
  fc_rows fc;
  memset(&fc, 0, sizeof fc);
  eco_plan_result *blk = NULL;
  double *blkx = NULL;
  int64_t nblk = 0;
  eco_results *res = NULL;

  /* model: every rank reads its own problem object */
  eco_timer_begin("plan.load");
  st = eco_plan_model_create(o->model, o->data, (eco_plan_format)o->format, &m);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK)
    goto done;
  /* scenarios */
  if (o->scenarios[0]) {
    ECO_CALL_GOTO(st, file_bcast(ctx->comm, o->scenarios, &csv, &csvlen), done);
    st = eco_plan_scenarios_csv_create(csv, csvlen, o->scenarios, m, &s);
  } else if (o->grid[0]) {
    if (o->forecast[0]) {
      st = eco_agree(ctx->comm, fc_rows_load(ctx, o, m, &fc));
      if (st != ECO_OK)
        goto done;
    }
    st = eco_plan_scenarios_grid_create(o->grid, "plan.grid", m,
                                        o->forecast[0] ? &fc.rv : NULL, &s);
    if (st == ECO_OK && o->forecast[0] && !eco_plan_scenarios_uses_rowvalues(s))
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "plan.forecast is set but plan.grid has no "
                         "forecast= axis");
  } else {
    st = eco_plan_scenarios_base_create(&s);
  }
  st = eco_agree(ctx->comm, st);
  eco_timer_end("plan.load");
  if (st != ECO_OK)
    goto done;
  int64_t total = eco_plan_scenarios_count(s);
  int64_t first = o->first;
  int64_t nscen = o->count ? o->count : total - first;
  ECO_CHECK_GOTO(st, first < total && nscen > 0 && first + nscen <= total,
                 ECO_ERR_CONFIG, done,
                 "plan.first = %lld, plan.count = %lld: outside the %lld "
                 "scenarios",
                 (long long)o->first, (long long)o->count, (long long)total);
  ECO_CHECK_GOTO(st, first % o->chunk == 0, ECO_ERR_CONFIG, done,
                 "plan.first = %lld is not a multiple of plan.chunk = %d (a "
                 "slice must start a chunk to give a whole sweep's results)",
                 (long long)first, o->chunk);
  ECO_CALL_GOTO(st, eco_agree(ctx->comm, save_parse(o->save, first, nscen, &sv.save,
                                                    &sv.nsave)),
                done);

  eco_plan_sweep_options so;
  memset(&so, 0, sizeof so);
  so.chunk = o->chunk;
  so.warm = o->start == 0;
  so.time_limit = o->time_limit;
  so.iteration_limit = o->iteration_limit;
  so.scale = o->scale;
  column_option(o->emissions_column, "emissions", m->lp, so.emissions_column,
                sizeof so.emissions_column);
  column_option(o->energy_column, "energy", m->lp, so.energy_column,
                sizeof so.energy_column);
  eco_log_root(ECO_LOG_INFO,
               "plan: model %s (%d rows, %d columns, %d nonzeros), %lld "
               "scenarios (%lld..%lld of %lld) with %d parameters, chunks of "
               "%d, %s starts, %d rank%s",
               o->model, glp_get_num_rows(m->lp), glp_get_num_cols(m->lp),
               glp_get_num_nz(m->lp), (long long)nscen, (long long)first,
               (long long)(first + nscen - 1), (long long)total,
               eco_plan_scenarios_nparams(s), o->chunk,
               so.warm ? "warm" : "cold", ctx->size, eco_plural(ctx->size));

  /* base solve: the same on every rank */
  eco_plan_result base;
  eco_timer_begin("plan.base");
  st = eco_agree(ctx->comm, eco_plan_base_solve(m, &so, &base));
  eco_timer_end("plan.base");
  if (st != ECO_OK)
    goto done;
  if (base.status == ECO_PLAN_OPTIMAL)
    eco_log_root(ECO_LOG_INFO,
                 "plan: base model optimal, objective %.10g (%lld iterations)",
                 base.objective, (long long)base.iterations);
  else
    eco_log_root(ECO_LOG_WARN,
                 "plan: base model is %s; chunks start from its last basis",
                 eco_plan_status_name(base.status));

  ECO_CALL_GOTO(st,
                eco_agree(ctx->comm, extra_alloc(&sv, glp_get_num_rows(m->lp),
                                                 glp_get_num_cols(m->lp))),
                done);
  ECO_CALL_GOTO(st, eco_agree(ctx->comm, track_parse(o->track, m->lp, &sv)),
                done);
  l.K = sv.K;

  /* resume */
  int64_t nchunks = (nscen + o->chunk - 1) / o->chunk;
  ECO_CHECK_GOTO(st, nchunks < (int64_t)1 << 30, ECO_ERR_CONFIG, done,
                 "%lld scenarios make %lld chunks of %d: raise plan.chunk to "
                 "at least %lld",
                 (long long)nscen, (long long)nchunks, o->chunk,
                 (long long)(nscen >> 30) + 1);
  char ckpt[2 * ECO_STR_MAX + 64], fp[3 * ECO_STR_MAX + 1024];
  checkpoint_path(ctx, ckpt, sizeof ckpt);
  ECO_CALL_GOTO(st, fingerprint_make(ctx, o, o->forecast[0] ? &fc.rv : NULL, first, nscen, fp, sizeof fp),
                done);
  ECO_CALL_GOTO(st,
                eco_calloc_all(ctx->comm, (size_t)nchunks, 1, &done_chunk),
                done);
  if (ctx->run->resume) {
    int exists = 0;
    if (ctx->rank == 0) {
      struct stat sb;
      exists = stat(ckpt, &sb) == 0;
    }
    MPI_Bcast(&exists, 1, MPI_INT, 0, ctx->comm);
    if (!exists) {
      eco_log_root(ECO_LOG_WARN,
                   "plan: --resume but no checkpoint %s; solving every "
                   "scenario",
                   ckpt);
    } else {
      st = eco_agree(ctx->comm, checkpoint_read(ctx, ckpt, fp, &l, &sv));
      if (st != ECO_OK)
        goto done;
      for (int64_t i = 0; i < l.n; i++)
        done_chunk[(l.r[i].index - first) / o->chunk] = 1;
      MPI_Allreduce(MPI_IN_PLACE, done_chunk, (int)nchunks, MPI_UNSIGNED_CHAR,
                    MPI_MAX, ctx->comm);
      int64_t have = l.n;
      MPI_Allreduce(MPI_IN_PLACE, &have, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
      eco_log_root(ECO_LOG_INFO,
                   "plan: resuming from %s: %lld scenarios already solved",
                   ckpt, (long long)have);
    }
  }
  int64_t todo = 0;
  for (int64_t c = 0; c < nchunks; c++)
    if (!done_chunk[c])
      todo += (c + 1) * o->chunk <= nscen ? o->chunk : nscen - c * o->chunk;
  int64_t before = l.n;
  /* sweep */
  int interrupted = 0;
  double t0 = MPI_Wtime(), c0 = cpu_seconds();
  st = sweep_loop(ctx, m, s, &so, first, nscen, nchunks, done_chunk, todo, &l,
                  &sv, ckpt, fp,
                  &interrupted);
  double sweep_seconds = MPI_Wtime() - t0;
  double sweep_cpu = cpu_seconds() - c0;
  MPI_Allreduce(MPI_IN_PLACE, &sweep_cpu, 1, MPI_DOUBLE, MPI_SUM, ctx->comm);
  MPI_Allreduce(MPI_IN_PLACE, &sweep_seconds, 1, MPI_DOUBLE, MPI_MAX,
                ctx->comm);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK)
    goto done;
  int any = 0;
  ECO_CALL_GOTO(st, eco_signal_agree(ctx->comm, &any), done);
  any |= interrupted;
  MPI_Allreduce(MPI_IN_PLACE, &any, 1, MPI_INT, MPI_MAX, ctx->comm);
  if (any) {
    eco_timer_begin("plan.checkpoint");
    st = checkpoint_write(ctx, ckpt, fp, &l, &sv);
    eco_timer_end("plan.checkpoint");
    if (st != ECO_OK)
      goto done;
    int64_t have = l.n;
    MPI_Allreduce(MPI_IN_PLACE, &have, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
    st = eco_error_set(ECO_ERR_INTERRUPTED, __FILE__, __LINE__,
                       "plan interrupted: %lld of %lld scenarios solved and "
                       "checkpointed in %s; rerun with --resume",
                       (long long)have, (long long)nscen, ckpt);
    st = eco_agree(ctx->comm, st);
    goto done;
  }
  int64_t nsolved = l.n - before;
  MPI_Allreduce(MPI_IN_PLACE, &nsolved, 1, MPI_INT64_T, MPI_SUM, ctx->comm);

  /* results */
  eco_timer_begin("plan.write");
  ECO_CALL_GOTO(st,
                eco_agree(ctx->comm, redistribute(ctx, first, nscen, &l, &blk, &blkx, &nblk)),
                done);
  ECO_CALL_GOTO(st, eco_results_create(ctx, ctx->run->output, &res), done);
  if (!(ctx->ninputs > 0)) { /* inputs from the config: record them too */
    st = eco_results_add_input(res, o->model);
    if (st == ECO_OK && o->data[0])
      st = eco_results_add_input(res, o->data);
    if (st == ECO_OK && o->scenarios[0])
      st = eco_results_add_input(res, o->scenarios);
    if (st == ECO_OK && o->forecast[0])
      st = eco_results_add_input(res, o->forecast);
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK)
    st = write_results(ctx, eco_results_h5(res), s, blk, nblk, first, nscen,
                       &base,
                       sweep_seconds, sweep_cpu, nsolved);
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(eco_results_h5(res), "/plan", "first", first);
  if (st == ECO_OK)
    st = eco_h5_attr_set_int64(eco_results_h5(res), "/plan", "total_scenarios",
                               total);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK)
    st = eco_agree(ctx->comm, write_saved(ctx, eco_results_h5(res), m, &sv));
  if (st == ECO_OK)
    st = eco_agree(ctx->comm,
                   write_binding(ctx, eco_results_h5(res), m, &sv, nscen));
  if (st == ECO_OK && sv.K > 0)
    st = eco_agree(ctx->comm, write_track(ctx, eco_results_h5(res), m, &sv,
                                          blkx, nblk, nscen));
  if (st == ECO_OK && (o->first > 0 || o->count > 0))
    st = eco_agree(ctx->comm,
                   write_slice_binding(ctx, eco_results_h5(res), m, &sv));
  if (st != ECO_OK) {
    eco_results_abort(&res);
    goto done;
  }
  st = eco_results_commit(&res);
  eco_timer_end("plan.write");
  if (st == ECO_OK && ctx->rank == 0)
    unlink(ckpt); /* the sweep is complete */

done:
  eco_results_abort(&res);
  eco_free(&blk);
  eco_free(&l.r);
  eco_free(&l.x);
  eco_free(&blkx);
  eco_free(&done_chunk);
  extra_free(&sv);
  fc_rows_free(&fc);
  eco_free(&csv);
  eco_plan_scenarios_destroy(&s);
  eco_plan_model_destroy(&m);
  return st;
}

const eco_command eco_plan_command = {
    "plan", "[MODEL] [DATA.dat] [SCENARIOS.csv]",
    "production-planning LP scenario sweeps with GLPK warm starts",
    &plan_option_table, plan_check, plan_run};

/* ------------------------------------------------------------------------ */
/* generate lp                                                              */
/* ------------------------------------------------------------------------ */
typedef struct {
  int plants, products, regions, periods;
  double carbon_price, utilization, max_unmet;
  char region_names[ECO_STR_MAX], product_names[ECO_STR_MAX];
} gen_opts;

static const eco_option gen_option_list[] = {
    {"plants", ECO_OPT_INT, "4", 1, 100000, NULL, "number of plants",
     offsetof(gen_opts, plants)},
    {"products", ECO_OPT_INT, "6", 1, 100000, NULL, "number of products",
     offsetof(gen_opts, products)},
    {"regions", ECO_OPT_INT, "5", 1, 100000, NULL, "number of demand regions",
     offsetof(gen_opts, regions)},
    {"periods", ECO_OPT_INT, "12", 1, 100000, NULL, "number of periods",
     offsetof(gen_opts, periods)},
    {"carbon_price", ECO_OPT_DOUBLE, "50", 0, 1e9, NULL,
     "cost per tonne CO2e (objective coefficient of column `emissions`)",
     offsetof(gen_opts, carbon_price)},
    {"utilization", ECO_OPT_DOUBLE, "0.85", 0.01, 10, NULL,
     "mean demand as a fraction of regular capacity",
     offsetof(gen_opts, utilization)},
    {"max_unmet", ECO_OPT_DOUBLE, "0.05", 0, 1, NULL,
     "backlog allowed at the end, as a fraction of each product-region's "
     "total demand",
     offsetof(gen_opts, max_unmet)},
    {"region_names", ECO_OPT_STRING, "", 0, 0, NULL,
     "comma list of region names (then their number is the number of "
     "regions); default rg1, rg2, ...",
     offsetof(gen_opts, region_names)},
    {"product_names", ECO_OPT_STRING, "", 0, 0, NULL,
     "comma list of product names (then their number is the number of "
     "products); default pr1, pr2, ...",
     offsetof(gen_opts, product_names)},
};

static const eco_option_table gen_option_table =
    ECO_OPTION_TABLE("generate.lp", gen_option_list, gen_opts);

/* "a, b,c" -> {"a","b","c"} (pointers into *buf). */
static eco_status split_names(const char *text, char **buf, const char ***list,
                              int *n) {
  *n = 0;
  if (!text[0])
    return ECO_OK;
  ECO_CALL(eco_strdup(text, buf));
  int cap = 1;
  for (const char *c = text; *c; c++)
    cap += *c == ',';
  ECO_CALL(eco_calloc((size_t)cap, sizeof(char *), list));
  char *save = NULL;
  for (char *t = strtok_r(*buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    while (*t == ' ')
      t++;
    size_t L = strlen(t);
    while (L > 0 && t[L - 1] == ' ')
      t[--L] = '\0';
    (*list)[(*n)++] = t;
  }
  return ECO_OK;
}

static eco_status gen_check_local(const eco_ctx *ctx) {
  const char *out = ctx->run->output;
  ECO_CHECK(ctx->ninputs == 0, ECO_ERR_USAGE,
            "generate lp takes no input files (got '%s')", ctx->inputs[0]);
  ECO_CHECK(has_ext(out, ".lp") || has_ext(out, ".mps"), ECO_ERR_USAGE,
            "generate lp writes a CPLEX LP or free MPS file: give -o "
            "NAME.lp or -o NAME.mps (got '%s')",
            out);
  return ECO_OK;
}

static eco_status gen_check(const eco_ctx *ctx, void *opts) {
  return eco_agree(ctx->comm, gen_check_local(ctx));
}

static eco_status gen_run(const eco_ctx *ctx, void *opts) {
  const gen_opts *g = opts;
  eco_status st = ECO_OK;
  if (ctx->rank == 0) {
    eco_plan_family_params p = {g->plants,      g->products,
                                g->regions,     g->periods,
                                ctx->run->seed, g->carbon_price,
                                g->utilization, g->max_unmet,
                                NULL,           NULL};
    char *rbuf = NULL, *pbuf = NULL;
    const char **rlist = NULL, **plist = NULL;
    int nr = 0, np = 0;
    st = split_names(g->region_names, &rbuf, &rlist, &nr);
    if (st == ECO_OK)
      st = split_names(g->product_names, &pbuf, &plist, &np);
    if (st == ECO_OK && nr > 0) {
      p.regions = nr;
      p.region_names = rlist;
    }
    if (st == ECO_OK && np > 0) {
      p.products = np;
      p.product_names = plist;
    }
    const char *out = ctx->run->output;
    char tmp[ECO_STR_MAX + 16];
    /* keep the extension: it selects the format */
    const char *dot = strrchr(out, '.');
    snprintf(tmp, sizeof tmp, "%.*s.tmp%s", (int)(dot - out), out, dot);
    if (st == ECO_OK)
      st = eco_plan_family_write(&p, tmp);
    if (st == ECO_OK && rename(tmp, out) != 0)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "rename %s -> %s: %s",
                         tmp, out, strerror(errno));
    if (st != ECO_OK)
      unlink(tmp);
    else
      eco_log_root(ECO_LOG_INFO,
                   "generate lp: %s (%d plants, %d products, %d regions, %d "
                   "periods, seed %lld)",
                   out, p.plants, p.products, p.regions, p.periods,
                   (long long)ctx->run->seed);
    eco_free(&rbuf);
    eco_free(&pbuf);
    eco_free(&rlist);
    eco_free(&plist);
  }
  return eco_agree(ctx->comm, st);
}

const eco_command eco_generate_lp_command = {
    "generate lp", "",
    "write a production-planning LP (-o NAME.lp or NAME.mps)",
    &gen_option_table, gen_check, gen_run};
