/* `ecoscale generate demand`: synthetic demand for R regions x P products,
 * written as HDF5 /demand (the layout of `import demand`), in parallel.
 *
 * Series s = r * P + p draws everything from the Philox stream
 * (seed, generate, s), so the data do not depend on the rank count. Each
 * series: a log-normal base level with a regional factor, a linear trend,
 * a weekly profile (daily data) and a yearly seasonality, promotions (price
 * cut 10-30%) with a constant price elasticity, a structural break (level x
 * 0.6-1.5) in some series, Poisson noise; slow movers are intermittent (a
 * demand occurs with probability 0.1-0.5). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/forecast.h"
#include "ecoscale/run.h"
#include "forecast_impl.h"

typedef struct {
  int regions, products, periods;
  int frequency; /* daily|weekly|monthly */
  char start[ECO_STR_MAX];
  double intermittent, promo_rate, elasticity, breaks;
} gen_opts;

static const eco_option gen_option_list[] = {
    {"regions", ECO_OPT_INT, "4", 1, 1000000, NULL, "number of regions", offsetof(gen_opts, regions)},
    {"products", ECO_OPT_INT, "6", 1, 100000000, NULL, "number of products",
     offsetof(gen_opts, products)},
    {"periods", ECO_OPT_INT, "104", 2, 100000, NULL, "values per series", offsetof(gen_opts, periods)},
    {"frequency", ECO_OPT_ENUM, "weekly", 0, 0, "daily|weekly|monthly", "spacing of the periods",
     offsetof(gen_opts, frequency)},
    {"start", ECO_OPT_STRING, "2023-01-02", 0, 0, NULL, "date of the first period (YYYY-MM-DD)",
     offsetof(gen_opts, start)},
    {"intermittent", ECO_OPT_DOUBLE, "0.3", 0, 1, NULL, "share of slow movers (intermittent demand)",
     offsetof(gen_opts, intermittent)},
    {"promo_rate", ECO_OPT_DOUBLE, "0.08", 0, 1, NULL, "probability of a promotion in a period",
     offsetof(gen_opts, promo_rate)},
    {"elasticity", ECO_OPT_DOUBLE, "-1.5", -10, 0, NULL, "price elasticity of demand",
     offsetof(gen_opts, elasticity)},
    {"breaks", ECO_OPT_DOUBLE, "0.1", 0, 1, NULL, "share of series with a structural break",
     offsetof(gen_opts, breaks)},
};

static const eco_option_table gen_option_table =
    ECO_OPTION_TABLE("generate.demand", gen_option_list, gen_opts);

static eco_status gen_check_local(const eco_ctx *ctx, const gen_opts *g) {
  ECO_CHECK(ctx->ninputs == 0, ECO_ERR_USAGE, "generate demand takes no input files (got '%s')",
            ctx->inputs[0]);
  int64_t day, month;
  ECO_CHECK(eco_fc_date_parse(g->start, &day, &month) == 0, ECO_ERR_CONFIG,
            "generate.demand.start: '%s' is not a date YYYY-MM-DD", g->start);
  const size_t n = strlen(ctx->run->output);
  ECO_CHECK(n > 3 && !strcmp(ctx->run->output + n - 3, ".h5"), ECO_ERR_USAGE,
            "generate demand writes HDF5 /demand: give -o NAME.h5 (got '%s')", ctx->run->output);
  ECO_CHECK((int64_t)g->regions * g->products * g->periods < (int64_t)1 << 40, ECO_ERR_CONFIG,
            "generate.demand: regions x products x periods too large");
  return ECO_OK;
}

static eco_status gen_check(const eco_ctx *ctx, void *opts) {
  return eco_agree(ctx->comm, gen_check_local(ctx, opts));
}

static int poisson(eco_rng *r, double lam) {
  if (!(lam > 0)) return 0;
  if (lam > 30) {
    const double v = lam + sqrt(lam) * eco_rng_normal(r);
    return v > 0 ? (int)floor(v + 0.5) : 0;
  }
  const double L = exp(-lam);
  double p = 1.0;
  int k = 0;
  for (;;) {
    p *= eco_rng_uniform(r);
    if (p <= L) return k;
    k++;
  }
}

static void gen_series(const gen_opts *g, uint64_t seed, int64_t s, int64_t start_abs, double *v,
                       double *price, double *promo) {
  eco_rng r, rr;
  eco_rng_init(&r, seed, ECO_RNG_GENERATE, (uint64_t)s);
  eco_rng_init(&rr, seed, ECO_RNG_GENERATE, ((uint64_t)1 << 62) + (uint64_t)(s / g->products));
  const double region = exp(0.3 * eco_rng_normal(&rr));
  const int slow = eco_rng_uniform(&r) < g->intermittent;
  const double base = slow ? 0.3 + 2.5 * eco_rng_uniform(&r) : exp(log(40.0) + 1.0 * eco_rng_normal(&r));
  const double occ = 0.1 + 0.4 * eco_rng_uniform(&r);
  const double trend = 0.15 * eco_rng_normal(&r); /* per year, relative */
  const double amp = 0.4 * eco_rng_uniform(&r), phase = 2 * M_PI * eco_rng_uniform(&r);
  double week[7];
  for (int d = 0; d < 7; d++) week[d] = 1.0 + 0.25 * eco_rng_normal(&r);
  const double price0 = 1.0 + 49.0 * eco_rng_uniform(&r);
  const int has_break = eco_rng_uniform(&r) < g->breaks;
  const int64_t brk = has_break ? (int64_t)(g->periods * (0.3 + 0.6 * eco_rng_uniform(&r))) : -1;
  const double brk_f = 0.6 + 0.9 * eco_rng_uniform(&r);
  const double per_year = g->frequency == 0 ? 365.25 : (g->frequency == 1 ? 52.18 : 12.0);
  for (int t = 0; t < g->periods; t++) {
    const int64_t a = start_abs + t;
    const int is_promo = !slow && eco_rng_uniform(&r) < g->promo_rate;
    const double pr = is_promo ? price0 * (1.0 - 0.1 - 0.2 * eco_rng_uniform(&r)) : price0;
    double lam = base * region * (1.0 + trend * t / per_year);
    if (lam < 0) lam = 0;
    lam *= 1.0 + amp * sin(2 * M_PI * (double)a / per_year + phase);
    if (g->frequency == 0) lam *= week[((a % 7) + 7) % 7] > 0.2 ? week[((a % 7) + 7) % 7] : 0.2;
    lam *= pow(pr / price0, g->elasticity);
    if (brk >= 0 && t >= brk) lam *= brk_f;
    double q;
    if (slow) q = eco_rng_uniform(&r) < occ ? 1 + poisson(&r, lam) : 0;
    else q = poisson(&r, lam);
    v[t] = q;
    price[t] = floor(pr * 100.0 + 0.5) / 100.0;
    promo[t] = is_promo;
  }
}

static eco_status gen_run(const eco_ctx *ctx, void *opts) {
  const gen_opts *g = opts;
  const int64_t S = (int64_t)g->regions * g->products, T = g->periods;
  int64_t first, ns;
  eco_block_range(S, ctx->rank, ctx->size, &first, &ns);
  int64_t day, month;
  eco_fc_date_parse(g->start, &day, &month);
  const eco_fc_freq freq =
      g->frequency == 0 ? ECO_FREQ_DAILY : (g->frequency == 1 ? ECO_FREQ_WEEKLY : ECO_FREQ_MONTHLY);
  const int64_t start_abs = freq == ECO_FREQ_DAILY ? day
                            : freq == ECO_FREQ_MONTHLY ? month
                                                       : (day >= 0 ? day / 7 : -((-day + 6) / 7));
  eco_fc_data d;
  memset(&d, 0, sizeof d);
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, sizeof(int64_t), &d.off), done);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(ns * T + 1), &d.values), done);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(ns * T + 1), &d.price), done);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(ns * T + 1), &d.promo), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, ECO_FC_NAME_MAX, &d.region), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, ECO_FC_NAME_MAX, &d.product), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, sizeof(int64_t), &d.start), done);
  for (int64_t i = 0; i < ns; i++) {
    const int64_t s = first + i;
    snprintf(d.region[i], ECO_FC_NAME_MAX, "r%05lld", (long long)(s / g->products));
    snprintf(d.product[i], ECO_FC_NAME_MAX, "p%07lld", (long long)(s % g->products));
    d.start[i] = start_abs;
    d.off[i + 1] = (i + 1) * T;
    gen_series(g, (uint64_t)ctx->run->seed, s, start_abs, d.values + i * T, d.price + i * T,
               d.promo + i * T);
  }
  d.nseries = ns;
  d.first = first;
  d.total = S;
  d.has_price = d.has_promo = 1;
  d.freq = freq;
done:
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    eco_results *r = NULL;
    st = eco_agree(ctx->comm, eco_results_create(ctx, ctx->run->output, &r));
    if (st == ECO_OK) {
      st = eco_agree(ctx->comm, eco_fc_data_write_h5(eco_results_h5(r), &d));
      if (st != ECO_OK) eco_results_abort(&r);
      else st = eco_results_commit(&r);
    }
  }
  if (st == ECO_OK)
    eco_log_root(ECO_LOG_INFO, "generate demand: %lld series x %lld %s periods -> %s",
                 (long long)S, (long long)T, eco_fc_freq_name(freq), ctx->run->output);
  eco_fc_data_free(&d);
  return st;
}

const eco_command eco_generate_demand_command = {
    "generate demand", "",
    "synthetic demand (regions x products; trend, seasonality, promotions, intermittency, "
    "breaks) as HDF5 /demand (-o NAME.h5)",
    &gen_option_table, gen_check, gen_run};
