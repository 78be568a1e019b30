/* The `pipeline` command: forecast -> plan -> supply -> recommend.
 *
 * Each enabled stage runs through its own command (check + run) with an
 * options struct filled from the same configuration and a copy of the
 * context whose results file is a stage file in the work folder; or it is
 * taken from an earlier results file ([pipeline] X_from). Links are files in
 * the stages' own input formats, written into the work folder (see
 * derive.c); the plan reads the forecast file itself through its forecast=
 * grid axis. At the end the stage groups are copied into the pipeline's
 * results file (eco_h5_copy_tree) and /pipeline records what fed what.
 * See docs/pipeline.md. */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecoscale/h5copy.h"
#include "ecoscale/plan.h"
#include "ecoscale/recommend.h"
#include "ecoscale/supply.h"
#include "pipeline_impl.h"

/* forecast.h does not declare its command; it is defined in src/forecast. */
extern const eco_command eco_forecast_command;

const char *const pl_stage_names[PL_NSTAGES] = {"forecast", "plan", "supply",
                                                "recommend"};

static const eco_command *stage_command(int k) {
  switch (k) {
  case PL_FORECAST: return &eco_forecast_command;
  case PL_PLAN: return &eco_plan_command;
  case PL_SUPPLY: return &eco_supply_command;
  case PL_RECOMMEND: return &eco_recommend_command;
  }
  return NULL;
}

#define OFF(f) offsetof(pl_opts, f)
static const eco_option pl_option_list[] = {
    {"stages", ECO_OPT_STRING, "forecast,plan,supply,recommend", 0, 0, NULL,
     "stages to include, comma-separated (they always run in the order "
     "forecast, plan, supply, recommend)",
     OFF(stages)},
    {"workdir", ECO_OPT_STRING, "", 0, 0, NULL,
     "folder for the stage files and derived inputs; empty: <output>.work",
     OFF(workdir)},
    {"forecast_from", ECO_OPT_STRING, "", 0, 0, NULL,
     "take the forecast from this results file instead of running it",
     OFF(from[PL_FORECAST])},
    {"plan_from", ECO_OPT_STRING, "", 0, 0, NULL,
     "take the plan from this results file instead of running it",
     OFF(from[PL_PLAN])},
    {"supply_from", ECO_OPT_STRING, "", 0, 0, NULL,
     "take the supply results from this results file instead of running it",
     OFF(from[PL_SUPPLY])},
    {"recommend_from", ECO_OPT_STRING, "", 0, 0, NULL,
     "take the recommendations from this results file instead of running it",
     OFF(from[PL_RECOMMEND])},
    {"keep_work", ECO_OPT_BOOL, "true", 0, 0, NULL,
     "keep the stage files and derived inputs in the work folder after "
     "success (false: remove them)",
     OFF(keep_work)},
    {"plan_model", ECO_OPT_ENUM, "generate", 0, 0, "generate|config|none",
     "forecast -> plan: generate = a production-planning model sized and "
     "scaled to the forecast; config = [plan] model, rows named by [plan] "
     "forecast_rows; none = no link",
     OFF(plan_model)},
    {"quantiles", ECO_OPT_STRING, "p10,p50,p90", 0, 0, NULL,
     "forecast variants that become the plan's forecast= grid axis (point, "
     "lo95, p10, p50, p90, hi95)",
     OFF(quantiles)},
    {"plants", ECO_OPT_INT, "3", 1, 10000, NULL,
     "plan_model = generate: plants of the generated model", OFF(plants)},
    {"utilization", ECO_OPT_DOUBLE, "0.85", 0.01, 10, NULL,
     "plan_model = generate: mean demand / regular capacity before scaling",
     OFF(utilization)},
    {"max_unmet", ECO_OPT_DOUBLE, "0.05", 0, 1, NULL,
     "plan_model = generate: final backlog allowed per region and product, "
     "as a fraction of its forecast demand",
     OFF(max_unmet)},
    {"supply_demand", ECO_OPT_ENUM, "p50", 0, 0, "point|p10|p50|p90|none",
     "forecast -> supply: the forecast figure summed per region and spread "
     "over that region's customers ([supply] customers needs a region "
     "column); none = no link",
     OFF(supply_demand)},
    {"recommend_eco", ECO_OPT_ENUM, "none", 0, 0, "none|plan",
     "plan -> recommend: plan = item eco-scores blended with the plan's "
     "emissions per unit of their product (needs plan_model = generate, [plan] "
     "save, [recommend] items and eco_categories)",
     OFF(recommend_eco)},
    {"eco_weight", ECO_OPT_DOUBLE, "0.5", 0, 1, NULL,
     "recommend_eco = plan: weight w of the plan's figure in the eco-score "
     "(1 - w) eco + w (1 - I / I_max)",
     OFF(eco_weight)},
    {"eco_categories", ECO_OPT_STRING, "", 0, 0, NULL,
     "recommend_eco = plan: item category = forecast product pairs, "
     "comma-separated (cat0=oat-milk-1l, ...)",
     OFF(eco_categories)},
};
#undef OFF

const eco_option_table eco_pipeline_option_table =
    ECO_OPTION_TABLE("pipeline", pl_option_list, pl_opts);

/* ------------------------------------------------------------------------ */
/* The plan of a run                                                         */
/* ------------------------------------------------------------------------ */

#define PL_PATH_MAX (ECO_STR_MAX + 64) /* a work folder path plus a file name */

typedef struct {
  char path[PL_PATH_MAX];
  char sha256[65];
  int from_stage, for_stage;
  char what[2 * PL_PATH_MAX];
} derived;

typedef struct {
  int enabled[PL_NSTAGES];
  int ran[PL_NSTAGES];
  int kept[PL_NSTAGES]; /* --resume: the interrupted run's stage file */
  char file[PL_NSTAGES][PL_PATH_MAX]; /* the stage file merged */
  char sha256[PL_NSTAGES][65];
  double seconds[PL_NSTAGES];
  char fed_by[PL_NSTAGES][64];
  char workdir[ECO_STR_MAX];
  int link_plan, link_supply, link_recommend;
  /* plan -> recommend */
  int64_t eco_scenario;
  int eco_n;
  char eco_products[64][128];
  double eco_intensity[64];
  derived d[4];
  int nd;
  char links[4096];
} pl_run;

static int has_forecast(const pl_run *p) { return p->enabled[PL_FORECAST]; }

/* Parse [pipeline] stages. Not collective (same on every rank). */
static eco_status parse_stages(const char *text, int enabled[PL_NSTAGES]) {
  memset(enabled, 0, sizeof(int) * PL_NSTAGES);
  char buf[ECO_STR_MAX];
  snprintf(buf, sizeof buf, "%s", text);
  int n = 0;
  char *save = NULL;
  for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    while (*tok == ' ' || *tok == '\t')
      tok++;
    size_t l = strlen(tok);
    while (l > 0 && (tok[l - 1] == ' ' || tok[l - 1] == '\t'))
      tok[--l] = '\0';
    if (!l) continue;
    int k = 0;
    while (k < PL_NSTAGES && strcmp(pl_stage_names[k], tok) != 0)
      k++;
    ECO_CHECK(k < PL_NSTAGES, ECO_ERR_CONFIG,
              "pipeline.stages: unknown stage '%s' (the stages are forecast, "
              "plan, supply, recommend)",
              tok);
    ECO_CHECK(!enabled[k], ECO_ERR_CONFIG, "pipeline.stages: '%s' given twice",
              tok);
    enabled[k] = 1;
    n++;
  }
  ECO_CHECK(n > 0, ECO_ERR_CONFIG,
            "pipeline.stages is empty (give some of forecast, plan, supply, "
            "recommend)");
  return ECO_OK;
}

/* The work folder: [pipeline] workdir or <output>.work. */
static void work_folder(const eco_ctx *ctx, const pl_opts *o, char *out,
                        size_t len) {
  const char *base = o->workdir[0] ? o->workdir : ctx->run->output;
  size_t n = strlen(base);
  if (n + 6 > len) n = len - 6; /* too long: refused by the caller */
  memcpy(out, base, n);
  strcpy(out + n, o->workdir[0] ? "" : ".work");
}

static eco_status mkdir_p(const char *dir) {
  char buf[PL_PATH_MAX];
  ECO_CHECK(strlen(dir) < sizeof buf, ECO_ERR_USAGE, "path too long: %s", dir);
  snprintf(buf, sizeof buf, "%s", dir);
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
                         "cannot create the work folder %s (%s)", buf,
                         strerror(errno));
  struct stat sb;
  ECO_CHECK(stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode), ECO_ERR_IO,
            "the work folder %s is not a folder", buf);
  return ECO_OK;
}

/* Same file (device and inode)? */
static int same_file(const char *a, const char *b) {
  struct stat sa, sb;
  if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return 0;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* A context for a stage: same communicator and settings, its own results
 * file, no positionals. */
typedef struct {
  eco_ctx ctx;
  eco_run_options run;
} stage_ctx;

static int file_exists(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Rank 0 looks, everyone gets the answer. Collective. */
static int root_file_exists(const eco_ctx *ctx, const char *path) {
  int e = ctx->rank == 0 ? file_exists(path) : 0;
  if (MPI_Bcast(&e, 1, MPI_INT, 0, ctx->comm) != MPI_SUCCESS) return 0;
  return e;
}

/* The checkpoint folder of the stages: [run] checkpoint_dir, else the work
 * folder (so that every stage that checkpoints can do so in a pipeline). */
static void checkpoint_folder(const eco_ctx *ctx, const pl_run *p, char *out,
                              size_t len) {
  const char *d = ctx->run->checkpoint_dir[0] ? ctx->run->checkpoint_dir
                                              : p->workdir;
  size_t n = strlen(d);
  if (n >= len) n = len - 1;
  memcpy(out, d, n);
  out[n] = '\0';
}

/* Does stage k continue from its checkpoint under --resume? Only the first
 * stage that runs (the later ones start afresh). forecast, plan and
 * recommend start afresh with a warning when they have none; supply needs
 * its checkpoint (docs/supply.md: <checkpoint_dir>/supply.ckpt). Collective. */
static int stage_resumes(const eco_ctx *ctx, const pl_run *p, int k) {
  if (!ctx->run->resume) return 0;
  for (int j = 0; j < k; j++)
    if (p->ran[j]) return 0; /* only the first stage that runs was interrupted */
  if (k != PL_SUPPLY) return 1;
  char ck[ECO_STR_MAX + 32];
  checkpoint_folder(ctx, p, ck, ECO_STR_MAX);
  strcat(ck, "/supply.ckpt");
  return root_file_exists(ctx, ck);
}

/* The context of stage k: its results file, the checkpoint folder and the
 * resume flag above, no positionals. Collective. */
static void stage_ctx_init(const eco_ctx *ctx, const pl_run *p, int k,
                           const char *output, stage_ctx *s) {
  s->ctx = *ctx;
  s->run = *ctx->run;
  snprintf(s->run.output, sizeof s->run.output, "%s", output);
  checkpoint_folder(ctx, p, s->run.checkpoint_dir, sizeof s->run.checkpoint_dir);
  s->run.resume = stage_resumes(ctx, p, k);
  s->ctx.run = &s->run;
  s->ctx.ninputs = 0;
  s->ctx.inputs = NULL;
  s->ctx.command = pl_stage_names[k];
}

static void stage_file(const pl_run *p, int k, char *out, size_t len) {
  snprintf(out, len, "%s/%s.h5", p->workdir, pl_stage_names[k]);
}

/* Options of stage k from the configuration, then its check. Collective. */
static eco_status stage_check(const eco_ctx *ctx, const pl_run *p, int k,
                              void **opts_out) {
  const eco_command *cmd = stage_command(k);
  void *opts = NULL;
  eco_status st = ECO_OK;
  if (cmd->options) {
    st = eco_calloc(1, cmd->options->struct_size, &opts);
    if (st == ECO_OK) st = eco_config_apply(ctx->cfg, cmd->options, opts);
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK && cmd->check) {
    char out[PL_PATH_MAX];
    stage_file(p, k, out, sizeof out);
    stage_ctx sc;
    stage_ctx_init(ctx, p, k, out, &sc);
    st = eco_agree(ctx->comm, cmd->check(&sc.ctx, opts));
  }
  if (st != ECO_OK || !opts_out)
    free(opts);
  else
    *opts_out = opts;
  return st;
}

/* Rank 0 checks a path; everyone gets the verdict. */
static eco_status root_check_file(const eco_ctx *ctx, const char *key,
                                  const char *path) {
  eco_status st = ECO_OK;
  if (ctx->rank == 0) {
    struct stat sb;
    if (stat(path, &sb) != 0)
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s = %s: no such file", key, path);
    else if (!S_ISREG(sb.st_mode))
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s = %s: not a regular file", key, path);
    else if (access(path, R_OK) != 0)
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s = %s: cannot be read", key, path);
  }
  return eco_agree(ctx->comm, st);
}

/* What the run will do; everything that can be checked before any stage
 * runs. Collective. */
static eco_status plan_run(const eco_ctx *ctx, const pl_opts *o, pl_run *p,
                           int early_checks) {
  memset(p, 0, sizeof *p);
  ECO_CHECK(ctx->ninputs == 0, ECO_ERR_USAGE,
            "'ecoscale pipeline' takes no input files (the stages' inputs are "
            "in their sections of the config), got '%s'",
            ctx->inputs[0]);
  ECO_CALL(parse_stages(o->stages, p->enabled));
  work_folder(ctx, o, p->workdir, sizeof p->workdir);
  ECO_CHECK(strlen(p->workdir) < ECO_STR_MAX - 64, ECO_ERR_CONFIG,
            "the work folder path is too long (%zu characters): %s",
            strlen(p->workdir), p->workdir);
  for (int k = 0; k < PL_NSTAGES; k++) {
    if (!o->from[k][0]) continue;
    char key[64];
    snprintf(key, sizeof key, "pipeline.%s_from", pl_stage_names[k]);
    ECO_CHECK(p->enabled[k], ECO_ERR_CONFIG,
              "%s is set but %s is not in pipeline.stages (%s)", key,
              pl_stage_names[k], o->stages);
  }
  /* Files to start from: readable, HDF5, with the stage's group. */
  eco_status st = ECO_OK;
  for (int k = 0; k < PL_NSTAGES && st == ECO_OK; k++) {
    if (!p->enabled[k] || !o->from[k][0]) continue;
    char key[64], grp[64];
    snprintf(key, sizeof key, "pipeline.%s_from", pl_stage_names[k]);
    snprintf(grp, sizeof grp, "/%s", pl_stage_names[k]);
    st = root_check_file(ctx, key, o->from[k]);
    if (st != ECO_OK) break;
    if (ctx->rank == 0 && (strcmp(o->from[k], ctx->run->output) == 0 ||
                           same_file(o->from[k], ctx->run->output)))
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s = %s is also the output; choose another -o", key,
                         o->from[k]);
    st = eco_agree(ctx->comm, st);
    if (st != ECO_OK) break;
    eco_h5 *h = NULL;
    st = eco_agree(ctx->comm, eco_h5_open(ctx->comm, o->from[k], ECO_H5_READ, &h));
    if (st != ECO_OK) break;
    int ex = 0;
    st = eco_h5_exists(h, grp, &ex);
    if (st == ECO_OK && !ex)
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s = %s: the file has no %s group (not a %s results "
                         "file)",
                         key, o->from[k], grp, pl_stage_names[k]);
    eco_status cs = eco_h5_close(&h);
    if (st == ECO_OK) st = cs;
    st = eco_agree(ctx->comm, st);
    snprintf(p->file[k], sizeof p->file[k], "%s", o->from[k]);
  }
  if (st != ECO_OK) return st;

  /* Links. */
  p->link_plan = p->enabled[PL_PLAN] && !o->from[PL_PLAN][0] && has_forecast(p) &&
                 o->plan_model != PL_PLAN_NONE;
  p->link_supply = p->enabled[PL_SUPPLY] && !o->from[PL_SUPPLY][0] &&
                   has_forecast(p) && o->supply_demand != PL_SUPPLY_NONE;
  if (p->link_plan) {
    char q[ECO_STR_MAX];
    snprintf(q, sizeof q, "%s", o->quantiles);
    int nq = 0, seen[PL_NVAR] = {0};
    char *save = NULL;
    for (char *tok = strtok_r(q, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
      while (*tok == ' ') tok++;
      size_t l = strlen(tok);
      while (l > 0 && tok[l - 1] == ' ') tok[--l] = '\0';
      int v = 0;
      while (v < PL_NVAR && strcmp(pl_var_names[v], tok) != 0) v++;
      ECO_CHECK(v < PL_NVAR, ECO_ERR_CONFIG,
                "pipeline.quantiles: unknown forecast variant '%s' (point, lo95, "
                "p10, p50, p90, hi95)",
                tok);
      ECO_CHECK(!seen[v], ECO_ERR_CONFIG,
                "pipeline.quantiles: '%s' given twice (each would be solved as the same "
                "scenarios again)",
                tok);
      seen[v] = 1;
      nq++;
    }
    ECO_CHECK(nq > 0, ECO_ERR_CONFIG, "pipeline.quantiles is empty");
    const char *sc = eco_config_get(ctx->cfg, "plan", "scenarios");
    ECO_CHECK(!sc || !sc[0], ECO_ERR_CONFIG,
              "plan.scenarios (%s) cannot be combined with the forecast -> plan "
              "link, which adds a forecast= axis to plan.grid (set "
              "pipeline.plan_model = none to run the plan on its own table)",
              sc);
    const char *fc = eco_config_get(ctx->cfg, "plan", "forecast");
    ECO_CHECK(!fc || !fc[0], ECO_ERR_CONFIG,
              "plan.forecast (%s) is set by the pipeline (the forecast stage's "
              "file); remove it or set pipeline.plan_model = none",
              fc);
    if (o->plan_model == PL_PLAN_GENERATE) {
      const char *m = eco_config_get(ctx->cfg, "plan", "model");
      ECO_CHECK(!m || !m[0], ECO_ERR_CONFIG,
                "plan.model (%s) is set, but pipeline.plan_model = generate "
                "makes the model from the forecast; remove plan.model or set "
                "pipeline.plan_model = config",
                m);
    }
  }
  if (p->link_supply) {
    const char *cu = eco_config_get(ctx->cfg, "supply", "customers");
    ECO_CHECK(cu && cu[0], ECO_ERR_CONFIG,
              "the forecast -> supply link needs the CSV variant of supply "
              "(supply.input = sites.csv, supply.customers = customers.csv "
              "with a region column); set pipeline.supply_demand = none to "
              "run supply on its own input");
    st = root_check_file(ctx, "supply.customers", cu);
    if (st == ECO_OK && ctx->rank == 0) st = pl_customers_check(cu);
    ECO_CALL(eco_agree(ctx->comm, st));
  }

  p->link_recommend = p->enabled[PL_RECOMMEND] && !o->from[PL_RECOMMEND][0] &&
                      o->recommend_eco == PL_ECO_PLAN;
  if (p->link_recommend) {
    ECO_CHECK(p->link_plan && o->plan_model == PL_PLAN_GENERATE, ECO_ERR_CONFIG,
              "pipeline.recommend_eco = plan needs the plan to run in this "
              "pipeline on its generated model (plan in pipeline.stages, no "
              "plan_from, the forecast stage, pipeline.plan_model = generate)");
    const char *sv = eco_config_get(ctx->cfg, "plan", "save");
    ECO_CHECK(sv && sv[0], ECO_ERR_CONFIG,
              "pipeline.recommend_eco = plan reads the plan's emissions per "
              "product from a saved solution: set plan.save (e.g. the P50 "
              "scenario at the carbon price of interest)");
    const char *it = eco_config_get(ctx->cfg, "recommend", "items");
    ECO_CHECK(it && it[0], ECO_ERR_CONFIG,
              "pipeline.recommend_eco = plan needs recommend.items (an item "
              "table item,eco_score,category)");
    int n = 0;
    char **c = NULL, **pr = NULL;
    /* agreed: the check that follows is collective */
    st = pl_pairs_parse(o->eco_categories, "pipeline.eco_categories", &n, &c, &pr);
    pl_pairs_free(n, c, pr);
    ECO_CALL(eco_agree(ctx->comm, st));
    ECO_CALL(root_check_file(ctx, "recommend.items", it));
  }

  /* Stages whose inputs are not derived are checked now, before any runs. */
  for (int k = 0; early_checks && k < PL_NSTAGES; k++) {
    if (!p->enabled[k] || o->from[k][0]) continue;
    if ((k == PL_PLAN && p->link_plan) || (k == PL_SUPPLY && p->link_supply) ||
        (k == PL_RECOMMEND && p->link_recommend))
      continue;
    ECO_CALL(stage_check(ctx, p, k, NULL));
  }
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Running the stages                                                        */
/* ------------------------------------------------------------------------ */

static eco_status sha_bcast(const eco_ctx *ctx, const char *path, char hex[65]) {
  eco_status st = ECO_OK;
  memset(hex, 0, 65);
  if (ctx->rank == 0) st = eco_file_sha256(path, hex);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) return st;
  ECO_CALL_MPI(MPI_Bcast(hex, 65, MPI_CHAR, 0, ctx->comm));
  return ECO_OK;
}

static void add_link(pl_run *p, const char *fmt, const char *a, const char *b) {
  size_t n = strlen(p->links);
  snprintf(p->links + n, sizeof p->links - n, "%s", n ? "\n" : "");
  n = strlen(p->links);
  snprintf(p->links + n, sizeof p->links - n, fmt, a, b);
}

/* Derive the plan's inputs and set its options. Collective. */
static eco_status link_plan(const eco_ctx *ctx, const pl_opts *o, pl_run *p,
                            const pl_forecast *fc) {
  const char *ffile = p->file[PL_FORECAST];
  eco_config *cfg = ctx->cfg;
  const char *origin = "pipeline (forecast -> plan link)";
  derived *d = &p->d[p->nd];
  memset(d, 0, sizeof *d);
  if (o->plan_model == PL_PLAN_GENERATE) {
    snprintf(d->path, sizeof d->path, "%s/plan_model.mps", p->workdir);
    eco_status st = ECO_OK;
    if (ctx->rank == 0)
      st = pl_plan_model_write(fc, o, (uint64_t)ctx->run->seed, d->path, d->what,
                               sizeof d->what);
    ECO_CALL(eco_agree(ctx->comm, st));
    st = eco_config_set(cfg, "plan", "model", d->path, origin);
    if (st == ECO_OK) st = eco_config_set(cfg, "plan", "format", "freemps", origin);
    if (st == ECO_OK) st = eco_config_set(cfg, "plan", "data", "", origin);
    if (st == ECO_OK)
      st = eco_config_set(cfg, "plan", "forecast_rows", "demand_{region}_{product}_{t}",
                          origin);
    ECO_CALL(eco_agree(ctx->comm, st)); /* agreed: sha_bcast is collective */
    ECO_CALL(sha_bcast(ctx, d->path, d->sha256));
    /* broadcast the summary made on rank 0 */
    ECO_CALL_MPI(MPI_Bcast(d->what, sizeof d->what, MPI_CHAR, 0, ctx->comm));
    d->from_stage = PL_FORECAST;
    d->for_stage = PL_PLAN;
    p->nd++;
  }
  /* The forecast's quantiles as demand (not negative), for the forecast=
   * axis. */
  d = &p->d[p->nd];
  memset(d, 0, sizeof *d);
  snprintf(d->path, sizeof d->path, "%s/plan_demand.h5", p->workdir);
  int64_t nneg = 0;
  ECO_CALL(pl_demand_write(ctx->comm, fc, d->path, &nneg));
  ECO_CALL(sha_bcast(ctx, d->path, d->sha256));
  snprintf(d->what, sizeof d->what,
           "the forecast's quantiles (%s) as demand for the plan's forecast= "
           "axis; %lld negative values set to 0",
           ffile, (long long)nneg);
  if (nneg > 0)
    eco_log_root(ECO_LOG_INFO,
                 "pipeline: %lld negative forecast values are a demand of 0 in "
                 "the plan (a quantile of demand is not negative)",
                 (long long)nneg);
  d->from_stage = PL_FORECAST;
  d->for_stage = PL_PLAN;
  p->nd++;
  ECO_CALL(eco_config_set(cfg, "plan", "forecast", d->path, origin));
  const char *grid = eco_config_get(cfg, "plan", "grid");
  char g[ECO_STR_MAX];
  if (grid && strstr(grid, "forecast=")) {
    snprintf(g, sizeof g, "%s", grid);
  } else {
    int n = snprintf(g, sizeof g, "%s%sforecast=%s", grid && grid[0] ? grid : "",
                     grid && grid[0] ? "; " : "", o->quantiles);
    ECO_CHECK(n < (int)sizeof g, ECO_ERR_CONFIG, "plan.grid is too long");
  }
  ECO_CALL(eco_config_set(cfg, "plan", "grid", g, origin));
  char text[2 * ECO_STR_MAX + 512];
  snprintf(text, sizeof text, "plan.grid = %s, plan.forecast = %s", g,
           d->path);
  add_link(p, "forecast -> plan: %s%s", text,
           o->plan_model == PL_PLAN_GENERATE
               ? " (the base model is the derived plan_model.mps)"
               : " (the base model is plan.model; rows named by "
                 "plan.forecast_rows)");
  snprintf(p->fed_by[PL_PLAN], sizeof p->fed_by[PL_PLAN], "forecast");
  return ECO_OK;
}

/* Derive the supply stage's customers and set its options. Collective. */
static eco_status link_supply(const eco_ctx *ctx, const pl_opts *o, pl_run *p,
                              const pl_forecast *fc) {
  const char *origin = "pipeline (forecast -> supply link)";
  const char *in = eco_config_get(ctx->cfg, "supply", "customers");
  char inbuf[ECO_STR_MAX];
  snprintf(inbuf, sizeof inbuf, "%s", in ? in : "");
  derived *d = &p->d[p->nd];
  memset(d, 0, sizeof *d);
  snprintf(d->path, sizeof d->path, "%s/customers.csv", p->workdir);
  eco_status st = ECO_OK;
  if (ctx->rank == 0)
    st = pl_customers_write(fc, o->supply_demand, inbuf, d->path, d->what,
                            sizeof d->what);
  ECO_CALL(eco_agree(ctx->comm, st));
  ECO_CALL_MPI(MPI_Bcast(d->what, sizeof d->what, MPI_CHAR, 0, ctx->comm));
  ECO_CALL(sha_bcast(ctx, d->path, d->sha256));
  d->from_stage = PL_FORECAST;
  d->for_stage = PL_SUPPLY;
  p->nd++;
  ECO_CALL(eco_config_set(ctx->cfg, "supply", "customers", d->path, origin));
  add_link(p, "forecast -> supply: supply.customers = %s (%s)", d->path,
           "each region's forecast spread over its customers");
  snprintf(p->fed_by[PL_SUPPLY], sizeof p->fed_by[PL_SUPPLY], "forecast");
  return ECO_OK;
}

/* Every product of [pipeline] eco_categories is a forecast product (checked
 * as soon as the forecast is known, before the plan runs). Not collective. */
static eco_status check_eco_products(const pl_opts *o, const pl_forecast *fc) {
  int n = 0, np = 0;
  char **c = NULL, **pr = NULL, **products = NULL;
  ECO_CALL(pl_pairs_parse(o->eco_categories, "pipeline.eco_categories", &n, &c, &pr));
  eco_status st = pl_product_names(fc, &products, &np);
  for (int k = 0; st == ECO_OK && k < n; k++) {
    int i = 0;
    while (i < np && strcmp(products[i], pr[k]) != 0)
      i++;
    if (i == np)
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "pipeline.eco_categories: '%s' is not a product of "
                         "the forecast",
                         pr[k]);
  }
  free(products);
  pl_pairs_free(n, c, pr);
  return st;
}

/* Read the plan's saved solution with the smallest scenario id among the
 * optimal ones; rank 0 computes the emissions per unit of product and writes
 * the derived item table. Collective. */
static eco_status link_recommend(const eco_ctx *ctx, const pl_opts *o, pl_run *p,
                                 const pl_forecast *fc) {
  const char *pfile = p->file[PL_PLAN];
  eco_h5 *h = NULL;
  int64_t *ids = NULL, nsaved = 0, ncols = 0, nscen = 0;
  int32_t *status = NULL;
  char *names = NULL;
  double *x = NULL;
  size_t ss = 0;
  int nd = 0;
  int64_t dims[2];
  eco_status st = eco_agree(ctx->comm, eco_h5_open(ctx->comm, pfile, ECO_H5_READ, &h));
  if (st != ECO_OK) return st;
  int ex = 0;
  st = eco_h5_exists(h, "/plan/solutions/primal", &ex);
  if (st == ECO_OK && !ex)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: no saved solution (/plan/solutions); plan.save "
                       "names no scenario of the sweep?",
                       pfile);
  if (st == ECO_OK) st = eco_h5_dataset_shape(h, "/plan/solutions/primal", &nd, dims, &ss);
  nsaved = dims[0];
  ncols = dims[1];
  if (st == ECO_OK) st = eco_h5_dataset_shape(h, "/plan/status", &nd, dims, &ss);
  nscen = dims[0];
  if (st == ECO_OK) st = eco_h5_dataset_shape(h, "/plan/solutions/column_names", &nd, dims, &ss);
  if (st == ECO_OK && (dims[0] != ncols || ss == 0))
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: /plan/solutions/column_names does not match primal", pfile);
  if (st == ECO_OK) st = eco_calloc((size_t)(nsaved ? nsaved : 1), sizeof(int64_t), &ids);
  if (st == ECO_OK) st = eco_calloc((size_t)(nscen ? nscen : 1), sizeof(int32_t), &status);
  if (st == ECO_OK) st = eco_calloc((size_t)ncols, ss, &names);
  if (st == ECO_OK) st = eco_calloc((size_t)ncols, sizeof(double), &x);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) st = eco_h5_dataset_read(h, "/plan/solutions/scenario", ECO_H5_INT64, 0, nsaved, ids);
  if (st == ECO_OK) st = eco_h5_dataset_read(h, "/plan/status", ECO_H5_INT32, 0, nscen, status);
  if (st == ECO_OK) st = eco_h5_dataset_read(h, "/plan/solutions/column_names", ECO_H5_STRING, 0, ncols, names);
  int64_t row = -1;
  for (int64_t i = 0; st == ECO_OK && i < nsaved; i++)
    if (ids[i] >= 0 && ids[i] < nscen && status[ids[i]] == 0 &&
        (row < 0 || ids[i] < ids[row]))
      row = i;
  if (st == ECO_OK && row < 0)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: none of the saved scenarios (plan.save) is optimal: "
                       "no emissions per product for the recommend link",
                       pfile);
  st = eco_agree(ctx->comm, st);
  /* one row of primal values, read collectively by rank 0 */
  if (st == ECO_OK) {
    double *buf = NULL;
    st = eco_malloc_all(ctx->comm, sizeof(double) * (size_t)ncols, &buf);
    if (st == ECO_OK)
      st = eco_h5_dataset_read(h, "/plan/solutions/primal", ECO_H5_DOUBLE,
                               ctx->rank == 0 ? row : 0, ctx->rank == 0 ? 1 : 0, buf);
    if (st == ECO_OK && ctx->rank == 0) memcpy(x, buf, sizeof(double) * (size_t)ncols);
    free(buf);
  }
  eco_status cs = eco_agree(ctx->comm, eco_h5_close(&h));
  if (st == ECO_OK) st = cs;
  char **products = NULL;
  int np = 0;
  derived *d = &p->d[p->nd];
  memset(d, 0, sizeof *d);
  snprintf(d->path, sizeof d->path, "%s/items.csv", p->workdir);
  if (st == ECO_OK) st = eco_agree(ctx->comm, pl_product_names(fc, &products, &np));
  if (st == ECO_OK && np > 64)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "the recommend link handles up to 64 products (the "
                       "forecast has %d)", np);
  if (st == ECO_OK && ctx->rank == 0) {
    char model[PL_PATH_MAX];
    snprintf(model, sizeof model, "%s/plan_model.mps", p->workdir);
    const char *items = eco_config_get(ctx->cfg, "recommend", "items");
    int n = 0;
    char **c = NULL, **pr = NULL;
    st = pl_intensity(model, ncols, names, ss, x, np, p->eco_intensity);
    if (st == ECO_OK)
      st = pl_pairs_parse(o->eco_categories, "pipeline.eco_categories", &n, &c, &pr);
    if (st == ECO_OK)
      st = pl_items_write(items, d->path, n, c, pr, np, products, p->eco_intensity,
                          o->eco_weight, d->what, sizeof d->what);
    pl_pairs_free(n, c, pr);
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    if (MPI_Bcast(p->eco_intensity, np, MPI_DOUBLE, 0, ctx->comm) != MPI_SUCCESS ||
        MPI_Bcast(d->what, sizeof d->what, MPI_CHAR, 0, ctx->comm) != MPI_SUCCESS)
      st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__, "MPI_Bcast");
    st = eco_agree(ctx->comm, st);
  }
  if (st == ECO_OK) st = sha_bcast(ctx, d->path, d->sha256);
  if (st == ECO_OK) {
    p->eco_n = np;
    p->eco_scenario = ids[row];
    for (int i = 0; i < np; i++)
      snprintf(p->eco_products[i], sizeof p->eco_products[i], "%s", products[i]);
    size_t n = strlen(d->what);
    snprintf(d->what + n, sizeof d->what - n, "; plan scenario %lld",
             (long long)ids[row]);
    d->from_stage = PL_PLAN;
    d->for_stage = PL_RECOMMEND;
    p->nd++;
    st = eco_config_set(ctx->cfg, "recommend", "items", d->path,
                        "pipeline (plan -> recommend link)");
    char sc[64];
    snprintf(sc, sizeof sc, "%lld", (long long)ids[row]);
    add_link(p, "plan -> recommend: recommend.items = %s (eco-scores blended "
                "with the emissions per unit of plan scenario %s)",
             d->path, sc);
    snprintf(p->fed_by[PL_RECOMMEND], sizeof p->fed_by[PL_RECOMMEND], "plan");
  }
  free(products);
  free(ids);
  free(status);
  free(names);
  free(x);
  return st;
}

/* The configuration text without its `resume = ...` and
 * `checkpoint_every = ...` lines (neither changes a stage's results). */
static void drop_resume_line(char *t) {
  char *r = t, *w = t;
  while (*r) {
    char *nl = strchr(r, '\n');
    size_t n = nl ? (size_t)(nl - r + 1) : strlen(r);
    if (strncmp(r, "resume = ", 9) != 0 && strncmp(r, "checkpoint_every = ", 19) != 0) {
      memmove(w, r, n);
      w += n;
    }
    r += n;
  }
  *w = '\0';
}

/* Was the stage file `path` written with the configuration the stage has
 * now (apart from --resume)? Collective. */
static eco_status same_config(const eco_ctx *ctx, const char *path, int *same) {
  *same = 0;
  eco_h5 *h = NULL;
  char *theirs = NULL, *ours = NULL;
  eco_status st = eco_agree(ctx->comm, eco_h5_open(ctx->comm, path, ECO_H5_READ, &h));
  if (st != ECO_OK) return st;
  int has = H5Aexists(eco_h5_id(h), "config") > 0;
  if (st == ECO_OK && has) st = eco_h5_attr_get_string(h, "/", "config", &theirs);
  if (st == ECO_OK) st = eco_config_dump(ctx->cfg, &ours);
  if (st == ECO_OK && has) {
    drop_resume_line(theirs);
    drop_resume_line(ours);
    *same = strcmp(theirs, ours) == 0;
  }
  free(theirs);
  free(ours);
  eco_status cs = eco_h5_close(&h);
  if (st == ECO_OK) st = cs;
  st = eco_agree(ctx->comm, st);
  /* every rank must decide alike */
  int v = *same;
  if (st == ECO_OK &&
      MPI_Allreduce(&v, same, 1, MPI_INT, MPI_MIN, ctx->comm) != MPI_SUCCESS)
    st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__, "MPI_Allreduce");
  return st;
}

/* Run stage k into its stage file; under --resume, keep the stage file of an
 * interrupted run made with the same configuration. Collective. */
static eco_status stage_run(const eco_ctx *ctx, pl_run *p, int k) {
  const eco_command *cmd = stage_command(k);
  void *opts = NULL;
  char out[PL_PATH_MAX];
  stage_file(p, k, out, sizeof out);
  eco_log_root(ECO_LOG_INFO, "pipeline: %s -> %s", pl_stage_names[k], out);
  double t0 = MPI_Wtime();
  ECO_CALL(stage_check(ctx, p, k, &opts));
  int keep = 0;
  eco_status st = ECO_OK;
  if (ctx->run->resume && root_file_exists(ctx, out)) {
    st = same_config(ctx, out, &keep);
    if (st != ECO_OK) {
      free(opts);
      return st;
    }
    if (keep) {
      free(opts);
      p->kept[k] = 1;
      snprintf(p->file[k], sizeof p->file[k], "%s", out);
      eco_log_root(ECO_LOG_INFO,
                   "pipeline: %s kept from the interrupted run (%s, same "
                   "configuration)",
                   pl_stage_names[k], out);
      return ECO_OK;
    }
    eco_log_root(ECO_LOG_INFO,
                 "pipeline: %s: %s was made with another configuration; "
                 "running the stage again",
                 pl_stage_names[k], out);
  }
  /* the stage files after this one were made from an earlier result of it
   * (an earlier run): never keep them on a later --resume */
  if (ctx->rank == 0)
    for (int j = k + 1; j < PL_NSTAGES; j++) {
      char later[PL_PATH_MAX];
      stage_file(p, j, later, sizeof later);
      remove(later);
    }
  stage_ctx sc;
  stage_ctx_init(ctx, p, k, out, &sc);
  st = eco_agree(ctx->comm, cmd->run(&sc.ctx, opts));
  free(opts);
  double dt = MPI_Wtime() - t0;
  ECO_CALL_MPI(MPI_Bcast(&dt, 1, MPI_DOUBLE, 0, ctx->comm));
  if (st != ECO_OK) return st;
  p->ran[k] = 1;
  p->seconds[k] = dt;
  snprintf(p->file[k], sizeof p->file[k], "%s", out);
  eco_log_root(ECO_LOG_INFO, "pipeline: %s done in %.2f s", pl_stage_names[k], dt);
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* The record                                                                */
/* ------------------------------------------------------------------------ */

/* A string dataset of n rows written by rank 0. Collective. */
static eco_status write_strings(eco_h5 *f, const eco_ctx *ctx, const char *name,
                                int n, const char *const *v) {
  size_t w = 1;
  for (int i = 0; i < n; i++)
    if (strlen(v[i]) + 1 > w) w = strlen(v[i]) + 1;
  char *buf = NULL;
  ECO_CALL(eco_calloc_all(ctx->comm, (size_t)(n ? n : 1), w, &buf));
  for (int i = 0; i < n; i++)
    memcpy(buf + (size_t)i * w, v[i], strlen(v[i]));
  eco_status st = eco_h5_dataset_create(f, name, ECO_H5_STRING, w, n, 0, NULL);
  if (st == ECO_OK && n > 0) /* an empty dataset takes no write */
    st = eco_h5_dataset_write(f, name, ECO_H5_STRING, 0, ctx->rank == 0 ? n : 0,
                              buf);
  free(buf);
  return st;
}

static eco_status write_record(eco_h5 *f, const eco_ctx *ctx, const pl_run *p) {
  const char *stage[PL_NSTAGES], *source[PL_NSTAGES], *file[PL_NSTAGES],
      *sha[PL_NSTAGES], *fed[PL_NSTAGES];
  double secs[PL_NSTAGES];
  int n = 0;
  char lines[8192] = "";
  size_t used = 0;
  for (int k = 0; k < PL_NSTAGES; k++) {
    if (!p->enabled[k]) continue;
    stage[n] = pl_stage_names[k];
    source[n] = p->ran[k] ? "ran" : p->kept[k] ? "kept" : "file";
    file[n] = p->file[k];
    sha[n] = p->sha256[k];
    fed[n] = p->fed_by[k];
    secs[n] = p->ran[k] ? p->seconds[k] : NAN;
    if (used < sizeof lines) {
      if (p->ran[k])
        used += (size_t)snprintf(lines + used, sizeof lines - used,
                                 "%s%s: ran in %.2f s%s%s -> %s (sha256 %.16s...)",
                                 used ? "\n" : "", stage[n], secs[n],
                                 fed[n][0] ? ", fed by " : "", fed[n], file[n],
                                 sha[n]);
      else if (p->kept[k])
        used += (size_t)snprintf(lines + used, sizeof lines - used,
                                 "%s%s: kept from the interrupted run%s%s -> "
                                 "%s (sha256 %.16s...)",
                                 used ? "\n" : "", stage[n],
                                 fed[n][0] ? ", fed by " : "", fed[n], file[n],
                                 sha[n]);
      else
        used += (size_t)snprintf(lines + used, sizeof lines - used,
                                 "%s%s: taken from %s (sha256 %.16s...)",
                                 used ? "\n" : "", stage[n], file[n], sha[n]);
    }
    n++;
  }
  ECO_CALL(eco_h5_group_create(f, "/pipeline"));
  ECO_CALL(write_strings(f, ctx, "/pipeline/stage", n, stage));
  ECO_CALL(write_strings(f, ctx, "/pipeline/source", n, source));
  ECO_CALL(write_strings(f, ctx, "/pipeline/file", n, file));
  ECO_CALL(write_strings(f, ctx, "/pipeline/sha256", n, sha));
  ECO_CALL(write_strings(f, ctx, "/pipeline/fed_by", n, fed));
  ECO_CALL(eco_h5_dataset_create(f, "/pipeline/seconds", ECO_H5_DOUBLE, 0, n, 0,
                                 NULL));
  ECO_CALL(eco_h5_dataset_write(f, "/pipeline/seconds", ECO_H5_DOUBLE, 0,
                                ctx->rank == 0 ? n : 0, secs));
  const char *dp[4], *ds[4], *dfrom[4], *dfor[4], *dwhat[4];
  for (int i = 0; i < p->nd; i++) {
    dp[i] = p->d[i].path;
    ds[i] = p->d[i].sha256;
    dfrom[i] = pl_stage_names[p->d[i].from_stage];
    dfor[i] = pl_stage_names[p->d[i].for_stage];
    dwhat[i] = p->d[i].what;
  }
  ECO_CALL(eco_h5_group_create(f, "/pipeline/derived"));
  ECO_CALL(write_strings(f, ctx, "/pipeline/derived/path", p->nd, dp));
  ECO_CALL(write_strings(f, ctx, "/pipeline/derived/sha256", p->nd, ds));
  ECO_CALL(write_strings(f, ctx, "/pipeline/derived/from", p->nd, dfrom));
  ECO_CALL(write_strings(f, ctx, "/pipeline/derived/for", p->nd, dfor));
  ECO_CALL(write_strings(f, ctx, "/pipeline/derived/what", p->nd, dwhat));
  if (p->link_recommend && p->eco_n > 0) {
    const char *pn[64];
    for (int i = 0; i < p->eco_n; i++)
      pn[i] = p->eco_products[i];
    ECO_CALL(eco_h5_group_create(f, "/pipeline/eco"));
    ECO_CALL(write_strings(f, ctx, "/pipeline/eco/product", p->eco_n, pn));
    ECO_CALL(eco_h5_dataset_create(f, "/pipeline/eco/intensity", ECO_H5_DOUBLE, 0,
                                   p->eco_n, 0, NULL));
    ECO_CALL(eco_h5_dataset_write(f, "/pipeline/eco/intensity", ECO_H5_DOUBLE, 0,
                                  ctx->rank == 0 ? p->eco_n : 0, p->eco_intensity));
    ECO_CALL(eco_h5_attr_set_int64(f, "/pipeline/eco", "plan_scenario",
                                   p->eco_scenario));
    ECO_CALL(eco_h5_attr_set_string(f, "/pipeline/eco/intensity", "unit",
                                    "t CO2e per unit made (make + overtime), "
                                    "production and shipping"));
  }
  ECO_CALL(eco_h5_attr_set_string(f, "/pipeline", "workdir", p->workdir));
  ECO_CALL(eco_h5_attr_set_string(f, "/pipeline", "links",
                                  p->links[0] ? p->links : "none"));
  /* For `ecoscale info` (which shows the attributes of /). */
  ECO_CALL(eco_h5_attr_set_string(f, "/", "pipeline_stages", lines));
  ECO_CALL(eco_h5_attr_set_string(f, "/", "pipeline_links",
                                  p->links[0] ? p->links : "none"));
  return ECO_OK;
}

/* Copy each stage's group and its file's provenance. Collective. */
static eco_status merge(const eco_ctx *ctx, pl_run *p) {
  double t0 = MPI_Wtime();
  eco_results *r = NULL;
  ECO_CALL(eco_results_create(ctx, ctx->run->output, &r));
  eco_h5 *f = eco_results_h5(r);
  eco_status st = ECO_OK;
  for (int k = 0; k < PL_NSTAGES && st == ECO_OK; k++) {
    if (!p->enabled[k]) continue;
    char grp[64], prov[128];
    snprintf(grp, sizeof grp, "/%s", pl_stage_names[k]);
    snprintf(prov, sizeof prov, "/pipeline/provenance/%s", pl_stage_names[k]);
    st = sha_bcast(ctx, p->file[k], p->sha256[k]);
    eco_h5 *src = NULL;
    if (st == ECO_OK) st = eco_agree(ctx->comm, eco_h5_open(ctx->comm, p->file[k],
                                                            ECO_H5_READ, &src));
    if (st == ECO_OK) st = eco_h5_copy_tree(src, grp, f, grp, 0);
    if (st == ECO_OK) st = eco_agree(ctx->comm, eco_h5_group_create(f, prov));
    if (st == ECO_OK) st = eco_h5_copy_attrs(src, "/", f, prov);
    if (src) {
      eco_status cs = eco_agree(ctx->comm, eco_h5_close(&src));
      if (st == ECO_OK) st = cs;
    }
    if (st == ECO_OK) st = eco_results_add_input(r, p->file[k]);
    st = eco_agree(ctx->comm, st);
  }
  for (int i = 0; i < p->nd && st == ECO_OK; i++)
    st = eco_agree(ctx->comm, eco_results_add_input(r, p->d[i].path));
  double dt = MPI_Wtime() - t0;
  if (MPI_Bcast(&dt, 1, MPI_DOUBLE, 0, ctx->comm) != MPI_SUCCESS && st == ECO_OK)
    st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__, "MPI_Bcast");
  if (st == ECO_OK) st = eco_agree(ctx->comm, write_record(f, ctx, p));
  if (st == ECO_OK)
    st = eco_agree(ctx->comm,
                   eco_h5_attr_set_double(f, "/pipeline", "merge_seconds", dt));
  if (st != ECO_OK) {
    eco_results_abort(&r);
    return st;
  }
  eco_log_root(ECO_LOG_INFO, "pipeline: stage groups copied into %s in %.2f s",
               ctx->run->output, dt);
  return eco_results_commit(&r);
}

/* ------------------------------------------------------------------------ */
/* The command                                                               */
/* ------------------------------------------------------------------------ */

static eco_status pl_check(const eco_ctx *ctx, void *vopts) {
  pl_run *p = NULL;
  /* agreed: plan_run is collective */
  ECO_CALL(eco_calloc_all(ctx->comm, 1, sizeof *p, &p));
  eco_status st = plan_run(ctx, vopts, p, 1);
  free(p);
  return st;
}

static eco_status pl_run_cmd(const eco_ctx *ctx, void *vopts) {
  const pl_opts *o = vopts;
  pl_run *p = NULL;
  ECO_CALL(eco_calloc_all(ctx->comm, 1, sizeof *p, &p)); /* agreed: plan_run is collective */
  pl_forecast fc = {0};
  eco_status st = plan_run(ctx, o, p, 0);
  if (st == ECO_OK) {
    st = ECO_OK;
    if (ctx->rank == 0) st = mkdir_p(p->workdir);
    st = eco_agree(ctx->comm, st);
  }
  for (int k = 0; k < PL_NSTAGES && st == ECO_OK; k++) {
    if (!p->enabled[k]) continue;
    if (o->from[k][0]) {
      eco_log_root(ECO_LOG_INFO, "pipeline: %s taken from %s", pl_stage_names[k],
                   o->from[k]);
    } else {
      if (k == PL_PLAN && p->link_plan) st = link_plan(ctx, o, p, &fc);
      if (k == PL_SUPPLY && p->link_supply) st = link_supply(ctx, o, p, &fc);
      if (k == PL_RECOMMEND && p->link_recommend)
        st = link_recommend(ctx, o, p, &fc);
      st = eco_agree(ctx->comm, st);
      if (st == ECO_OK) st = stage_run(ctx, p, k);
    }
    if (st == ECO_OK && k == PL_FORECAST &&
        (p->link_plan || p->link_supply || p->link_recommend))
      st = eco_agree(ctx->comm, pl_forecast_read(ctx->comm, p->file[k], &fc));
    if (st == ECO_OK && k == PL_FORECAST && p->link_recommend)
      st = eco_agree(ctx->comm, check_eco_products(o, &fc));
  }
  if (st == ECO_OK && p->enabled[PL_RECOMMEND] && !p->link_recommend)
    add_link(p, "%s%s", "recommend: runs on its own inputs (no link from the "
                        "other stages)", "");
  if (st == ECO_OK) st = merge(ctx, p);
  if (st == ECO_OK && !o->keep_work && ctx->rank == 0) {
    for (int k = 0; k < PL_NSTAGES; k++)
      if (p->ran[k] || p->kept[k]) remove(p->file[k]);
    for (int i = 0; i < p->nd; i++)
      remove(p->d[i].path);
    if (rmdir(p->workdir) != 0)
      eco_log(ECO_LOG_DEBUG, "work folder %s kept (%s)", p->workdir,
              strerror(errno));
  }
  if (st == ECO_OK)
    eco_log_root(ECO_LOG_INFO, "pipeline: results in %s", ctx->run->output);
  pl_forecast_free(&fc);
  free(p);
  return st;
}

const eco_command eco_pipeline_command = {
    "pipeline", "",
    "forecast -> plan -> supply -> recommend in one job and one results file",
    &eco_pipeline_option_table, pl_check, pl_run_cmd};
