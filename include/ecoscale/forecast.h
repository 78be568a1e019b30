/* ecoscale forecast: per-series demand forecasting models, accuracy
 * metrics, demand input (long / M4-wide CSV, HDF5 /demand) and the
 * `forecast` and `import demand` commands.
 *
 * Models work on one series at a time and are deterministic: the same series
 * gives bit-identical forecasts whatever rank fits it (random draws, where a
 * model simulates, come from eco_rng streams keyed by the series id).
 */
#ifndef ECOSCALE_FORECAST_H
#define ECOSCALE_FORECAST_H

#include <stdint.h>

#include "ecoscale/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The models. Order is the column order of /forecast/metrics datasets. */
#define ECO_FC_MODEL_LIST(X)                                                   \
  X(ECO_FC_NAIVE, "naive")                                                     \
  X(ECO_FC_SNAIVE, "snaive")                                                   \
  X(ECO_FC_NAIVE2, "naive2")                                                   \
  X(ECO_FC_SES, "ses")                                                         \
  X(ECO_FC_HOLT, "holt")                                                       \
  X(ECO_FC_DAMPED, "damped")                                                   \
  X(ECO_FC_COMB, "comb")                                                       \
  X(ECO_FC_THETA, "theta")                                                     \
  X(ECO_FC_ETS, "ets")                                                         \
  X(ECO_FC_CROSTON, "croston")                                                 \
  X(ECO_FC_SBA, "sba")                                                         \
  X(ECO_FC_TSB, "tsb")                                                         \
  X(ECO_FC_GLOBAL, "global")

typedef enum {
#define ECO_X_ENUM(e, s) e,
  ECO_FC_MODEL_LIST(ECO_X_ENUM)
#undef ECO_X_ENUM
  ECO_FC_NMODELS
} eco_fc_model;

/* "naive", ... Not collective. */
const char *eco_fc_model_name(eco_fc_model m);
/* Model for a name, or -1. */
int eco_fc_model_from_name(const char *name);

/* Quantile levels of every forecast: 2.5%, 10%, 50%, 90%, 97.5%.
 * The 80% interval is [q10, q90], the 95% interval [q2.5, q97.5]. */
#define ECO_FC_NQ 5
extern const double eco_fc_quantile_levels[ECO_FC_NQ];

/* Fitted parameters reported per series (NaN where not applicable). */
enum {
  ECO_FC_P_ALPHA = 0,
  ECO_FC_P_BETA,
  ECO_FC_P_GAMMA,
  ECO_FC_P_PHI,
  ECO_FC_P_LEVEL0,
  ECO_FC_P_TREND0,
  ECO_FC_P_SIGMA,
  ECO_FC_P_LOGLIK,
  ECO_FC_P_AICC,
  ECO_FC_NPARAMS
};

/* ETS model form: error, trend, season. */
typedef enum { ECO_ETS_ADD = 0, ECO_ETS_MUL = 1 } eco_ets_error;
typedef enum { ECO_ETS_TN = 0, ECO_ETS_TA = 1, ECO_ETS_TAD = 2 } eco_ets_trend;
typedef enum { ECO_ETS_SN = 0, ECO_ETS_SA = 1, ECO_ETS_SM = 2 } eco_ets_season;

typedef struct {
  eco_ets_error error;
  eco_ets_trend trend;
  eco_ets_season season;
} eco_ets_form;

/* A fitted ETS model: parameters, initial and final states, fit figures. */
typedef struct {
  eco_ets_form form;
  int m;                 /* seasonal period used (1 if non-seasonal) */
  double alpha, beta, gamma, phi;
  double l0, b0;         /* initial level and trend */
  double s0[64];         /* initial seasonal states s0[t mod m], t = 0..m-1 */
  double l, b, s[64];    /* final states; s[k] is the season of time n+k (mod m) */
  double sigma2;         /* residual variance sum(e^2) / (n - k) */
  double loglik;         /* Gaussian log-likelihood (concentrated in sigma) */
  double aicc;
  int k;                 /* parameters counted in AICc (incl. sigma) */
  int n;                 /* observations fitted */
  int iterations;        /* Nelder-Mead iterations */
} eco_ets_fit;

#define ECO_ETS_MAX_PERIOD 24

/* Options of the per-series fitting. */
typedef struct {
  int period;            /* seasonal period m (1 = none) */
  int horizon;           /* steps to forecast */
  int nsim;              /* sample paths for simulated intervals */
  int max_iter;          /* Nelder-Mead iteration cap per ETS model */
  uint64_t seed;         /* run seed */
} eco_fc_options;

/* A forecast of one model for one series. */
typedef struct {
  double *mean;          /* [horizon] point forecast */
  double *quant;         /* [horizon * ECO_FC_NQ] quantiles, row per step */
  double params[ECO_FC_NPARAMS];
  char form[8];          /* ETS form "MAdM", else "" */
} eco_fc_result;

/* Allocate / free the arrays of a result for `horizon` steps. */
eco_status eco_fc_result_create(int horizon, eco_fc_result *r);
void eco_fc_result_destroy(eco_fc_result *r);

/* Fit ETS of one form to y[0..n) (no missing values) by maximum likelihood
 * (GSL Nelder-Mead, nmsimplex2) within the usual admissible bounds
 * 1e-4 < alpha < 1, 1e-4 < beta < alpha, 1e-4 < gamma < 1 - alpha,
 * 0.8 < phi < 0.98, initial states estimated too. ECO_ERR_NUMERIC if the form
 * does not apply (e.g. multiplicative on non-positive data, too short).
 * Not collective. */
eco_status eco_ets_fit_form(const double *y, int n, int m, eco_ets_form form,
                            int max_iter, eco_ets_fit *out);
/* Fit every admissible form (Hyndman's ets set: errors A/M, trends N/A/Ad,
 * seasons N/A/M; no A-error with M-season; multiplicative only for positive
 * data; seasonal only for 2 <= m <= 24 and n > m + 1) and keep the best by
 * AICc. Not collective. */
eco_status eco_ets_fit_auto(const double *y, int n, int m, int max_iter,
                            eco_ets_fit *out);
/* Evaluate the log-likelihood, sigma2 and AICc of `fit`'s parameters and
 * initial states on y (used by the fitter; exposed for tests). Returns the
 * Gaussian log-likelihood; NaN if inadmissible. Not collective. */
double eco_ets_loglik(const double *y, int n, eco_ets_fit *fit);
/* Point forecasts and quantiles from a fitted model: analytic for the
 * linear (class 1) models, else simulated with `nsim` paths of the stream
 * (seed, ECO_RNG_FORECAST, entity). Not collective. */
eco_status eco_ets_forecast(const eco_ets_fit *fit, int h, int nsim,
                            uint64_t seed, uint64_t entity, double *mean,
                            double *quant);
/* "ANN", "MAdM". */
void eco_ets_form_name(eco_ets_form f, char buf[8]);

/* Seasonality test of the M4 competition: lag-m autocorrelation beyond the
 * 90% limit (n >= 3m, m <= lag.max of R's acf). Not collective. */
int eco_fc_seasonality_test(const double *y, int n, int m);
/* Classical multiplicative decomposition: seasonal indices idx[0..m) with
 * idx[t mod m] the index of time t (mean 1). ECO_ERR_NUMERIC if the series
 * is too short or not positive. Not collective. */
eco_status eco_fc_decompose_mul(const double *y, int n, int m, double *idx);

/* Fit one model on y[0..n) (missing values NaN: leading ones are dropped,
 * interior ones interpolated, trailing ones carried forward) and forecast.
 * `entity` keys the random stream (the series id). ECO_FC_GLOBAL (the
 * pooled model, fitted over all series by the forecast command) is not
 * available here: ECO_ERR_INTERNAL. Not collective. */
eco_status eco_fc_fit(eco_fc_model model, const double *y, int n,
                      const eco_fc_options *opt, uint64_t entity,
                      eco_fc_result *out);

/* ------------------------------------------------------------------------ */
/* Metrics on a holdout (missing actuals skipped).                          */
/* ------------------------------------------------------------------------ */
enum {
  ECO_FC_M_SMAPE = 0, /* 200/h sum |y - f| / (|y| + |f|) (M4) */
  ECO_FC_M_MASE,      /* MAE / in-sample MAE of seasonal naive, lag mase_m */
  ECO_FC_M_RMSSE,     /* sqrt(MSE / in-sample MSE of naive, lag 1) */
  ECO_FC_M_PINBALL,   /* mean pinball loss over q10, q50, q90 / in-sample scale */
  ECO_FC_M_COVER80,   /* share of actuals inside [q10, q90] */
  ECO_FC_M_COVER95,   /* share inside [q2.5, q97.5] */
  ECO_FC_NMETRICS
};
extern const char *const eco_fc_metric_names[ECO_FC_NMETRICS];

/* Metrics of a forecast (mean[h], quant[h * ECO_FC_NQ]) against actual[h],
 * scaled with the training part train[0..n). NaN where undefined.
 * Not collective. */
void eco_fc_metrics(const double *train, int n, int mase_m,
                    const double *actual, int h, const double *mean,
                    const double *quant, double out[ECO_FC_NMETRICS]);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_FORECAST_H */
