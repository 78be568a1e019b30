/* Per-series models other than the ETS core: naive, seasonal naive, Naive2,
 * SES / Holt / damped (ETS ANN / AAN / AAdN on the seasonally adjusted
 * series, as in the M4 benchmarks), Comb, Theta, Croston, SBA, TSB, and the
 * driver that fits a set of models on one series. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multimin.h>

#include "ecoscale/forecast.h"
#include "forecast_impl.h"

const double eco_fc_quantile_levels[ECO_FC_NQ] = {0.025, 0.1, 0.5, 0.9, 0.975};

static const char *const model_names[] = {
#define ECO_X_NAME(e, s) s,
    ECO_FC_MODEL_LIST(ECO_X_NAME)
#undef ECO_X_NAME
};

const char *eco_fc_model_name(eco_fc_model m) {
  return (m >= 0 && m < ECO_FC_NMODELS) ? model_names[m] : "?";
}

int eco_fc_model_from_name(const char *name) {
  for (int i = 0; i < ECO_FC_NMODELS; i++)
    if (strcmp(name, model_names[i]) == 0) return i;
  return -1;
}

eco_status eco_fc_result_create(int horizon, eco_fc_result *r) {
  memset(r, 0, sizeof *r);
  ECO_CALL(eco_calloc((size_t)horizon, sizeof(double), &r->mean));
  eco_status st = eco_calloc((size_t)horizon * ECO_FC_NQ, sizeof(double), &r->quant);
  if (st != ECO_OK) {
    eco_free(&r->mean);
    return st;
  }
  return ECO_OK;
}

void eco_fc_result_destroy(eco_fc_result *r) {
  if (!r) return;
  eco_free(&r->mean);
  eco_free(&r->quant);
}

static void params_clear(eco_fc_result *r) {
  for (int i = 0; i < ECO_FC_NPARAMS; i++) r->params[i] = NAN;
  r->form[0] = '\0';
}

/* ---- decomposition and the M4 seasonality test -------------------------- */

/* Centered moving average of order m (2 x m for even m), as R's
 * decompose(): trend[t] defined for t in [lo, hi). */
static void cma(const double *y, int n, int m, double *trend, int *lo, int *hi) {
  const int half = m / 2;
  *lo = half;
  *hi = (m % 2 == 0) ? n - half : n - half;
  for (int t = *lo; t < *hi; t++) {
    double s = 0;
    if (m % 2 == 0) {
      s = 0.5 * y[t - half] + 0.5 * y[t + half];
      for (int j = -half + 1; j <= half - 1; j++) s += y[t + j];
    } else {
      for (int j = -half; j <= half; j++) s += y[t + j];
    }
    trend[t] = s / m;
  }
}

static eco_status decompose(const double *y, int n, int m, int mul, double *idx) {
  ECO_CHECK(m >= 2 && n >= 2 * m, ECO_ERR_NUMERIC,
            "decomposition needs two full cycles (n = %d, m = %d)", n, m);
  double *trend = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * n, &trend));
  int lo, hi;
  cma(y, n, m, trend, &lo, &hi);
  double sum[512] = {0};
  int cnt[512] = {0};
  eco_status st = ECO_OK;
  if (m > 512) {
    eco_free(&trend);
    return eco_error_set(ECO_ERR_NUMERIC, __FILE__, __LINE__, "period %d too long", m);
  }
  for (int t = lo; t < hi; t++) {
    if (mul && !(trend[t] > 0)) {
      st = eco_error_set(ECO_ERR_NUMERIC, __FILE__, __LINE__,
                         "multiplicative decomposition needs a positive trend");
      break;
    }
    sum[t % m] += mul ? y[t] / trend[t] : y[t] - trend[t];
    cnt[t % m]++;
  }
  eco_free(&trend);
  if (st != ECO_OK) return st;
  double mean = 0;
  for (int j = 0; j < m; j++) {
    idx[j] = sum[j] / cnt[j];
    mean += idx[j];
  }
  mean /= m;
  for (int j = 0; j < m; j++) idx[j] = mul ? idx[j] / mean : idx[j] - mean;
  return ECO_OK;
}

eco_status eco_fc_decompose_mul(const double *y, int n, int m, double *idx) {
  return decompose(y, n, m, 1, idx);
}
eco_status eco_fc_decompose_add(const double *y, int n, int m, double *idx) {
  return decompose(y, n, m, 0, idx);
}

int eco_fc_seasonality_test(const double *y, int n, int m) {
  if (m <= 1 || n < 3 * m) return 0;
  int lagmax = (int)floor(10.0 * log10((double)n));
  if (lagmax > n - 1) lagmax = n - 1;
  if (m > lagmax) return 0; /* R's acf() gives no lag m: the M4 test says no */
  double mean = 0;
  for (int t = 0; t < n; t++) mean += y[t];
  mean /= n;
  double c0 = 0;
  for (int t = 0; t < n; t++) c0 += (y[t] - mean) * (y[t] - mean);
  if (!(c0 > 0)) return 0;
  double cum = 1.0, r_m = 0;
  for (int k = 1; k <= m; k++) {
    double ck = 0;
    for (int t = 0; t + k < n; t++) ck += (y[t] - mean) * (y[t + k] - mean);
    const double r = ck / c0;
    if (k < m) cum += 2.0 * r * r;
    else r_m = r;
  }
  const double clim = 1.645 / sqrt((double)n) * sqrt(cum);
  return fabs(r_m) > clim;
}

/* ---- missing values ----------------------------------------------------- */
/* Leading NaN dropped, interior NaN linearly interpolated, trailing NaN
 * carried forward. Returns the number of values in z (0 if none). */
int eco_fc_series_clean(const double *y, int n, double *z) {
  int first = 0;
  while (first < n && isnan(y[first])) first++;
  if (first == n) return 0;
  int nz = n - first;
  int last_valid = 0;
  z[0] = y[first];
  for (int t = 1; t < nz; t++) {
    const double v = y[first + t];
    if (!isnan(v)) {
      if (t - last_valid > 1) {
        const double a = z[last_valid], b = v;
        for (int u = last_valid + 1; u < t; u++)
          z[u] = a + (b - a) * (double)(u - last_valid) / (double)(t - last_valid);
      }
      z[t] = v;
      last_valid = t;
    }
  }
  for (int u = last_valid + 1; u < nz; u++) z[u] = z[last_valid];
  return nz;
}

/* ---- simple models ------------------------------------------------------ */
static void normal_quantiles(double mean, double sd, double *q) {
  for (int i = 0; i < ECO_FC_NQ; i++)
    q[i] = mean + (sd > 0 ? sd * gsl_cdf_ugaussian_Pinv(eco_fc_quantile_levels[i]) : 0.0);
}

static void fit_naive(const double *z, int n, int h, eco_fc_result *r) {
  params_clear(r);
  double s2 = 0;
  for (int t = 1; t < n; t++) s2 += (z[t] - z[t - 1]) * (z[t] - z[t - 1]);
  const double sigma = n > 1 ? sqrt(s2 / (n - 1)) : 0.0;
  for (int k = 0; k < h; k++) {
    r->mean[k] = z[n - 1];
    normal_quantiles(r->mean[k], sigma * sqrt(k + 1.0), r->quant + k * ECO_FC_NQ);
  }
  r->params[ECO_FC_P_SIGMA] = sigma;
}

static void fit_snaive(const double *z, int n, int m, int h, eco_fc_result *r) {
  if (m <= 1 || n < m) {
    fit_naive(z, n, h, r);
    return;
  }
  params_clear(r);
  double s2 = 0;
  for (int t = m; t < n; t++) s2 += (z[t] - z[t - m]) * (z[t] - z[t - m]);
  const double sigma = n > m ? sqrt(s2 / (n - m)) : 0.0;
  for (int k = 0; k < h; k++) {
    r->mean[k] = z[n - m + (k % m)];
    normal_quantiles(r->mean[k], sigma * sqrt((double)(k / m + 1)), r->quant + k * ECO_FC_NQ);
  }
  r->params[ECO_FC_P_SIGMA] = sigma;
}

static void ets_params(const eco_ets_fit *f, eco_fc_result *r) {
  params_clear(r);
  r->params[ECO_FC_P_ALPHA] = f->alpha;
  if (f->form.trend != ECO_ETS_TN) {
    r->params[ECO_FC_P_BETA] = f->beta;
    r->params[ECO_FC_P_TREND0] = f->b0;
  }
  if (f->form.season != ECO_ETS_SN) r->params[ECO_FC_P_GAMMA] = f->gamma;
  if (f->form.trend == ECO_ETS_TAD) r->params[ECO_FC_P_PHI] = f->phi;
  r->params[ECO_FC_P_LEVEL0] = f->l0;
  r->params[ECO_FC_P_SIGMA] = sqrt(f->sigma2);
  r->params[ECO_FC_P_LOGLIK] = f->loglik;
  r->params[ECO_FC_P_AICC] = f->aicc;
  eco_ets_form_name(f->form, r->form);
}

/* Fit ETS form f on x (or fall back to naive when the series is too short
 * for it), forecast, and multiply by the seasonal indices si[k]. */
static eco_status fit_ets_si(const double *x, int n, eco_ets_form f, const eco_fc_options *opt,
                             uint64_t entity, const double *si, eco_fc_result *r,
                             eco_ets_fit *fit_out) {
  eco_ets_fit fit;
  const int h = opt->horizon;
  if (eco_ets_fit_form(x, n, 1, f, opt->max_iter, &fit) != ECO_OK) {
    eco_error_clear();
    fit_naive(x, n, h, r);
    if (fit_out) fit_out->n = 0;
  } else {
    ECO_CALL(eco_ets_forecast(&fit, h, opt->nsim, opt->seed, entity, r->mean, r->quant));
    ets_params(&fit, r);
    if (fit_out) *fit_out = fit;
  }
  for (int k = 0; k < h; k++) {
    r->mean[k] *= si[k];
    for (int q = 0; q < ECO_FC_NQ; q++) r->quant[k * ECO_FC_NQ + q] *= si[k];
  }
  return ECO_OK;
}

/* Theta (M4 "Theta.classic"): theta = 2 line fitted by SES, averaged with
 * the linear trend (theta = 0 line). Intervals from the SES (ANN) fit of the
 * adjusted series around the Theta point forecast. */
static eco_status fit_theta(const double *x, int n, const eco_fc_options *opt, const double *si,
                            const eco_ets_fit *ses_fit, eco_fc_result *r) {
  const int h = opt->horizon;
  params_clear(r);
  double st = 0, sy = 0, stt = 0, sty = 0;
  for (int t = 0; t < n; t++) {
    const double u = t + 1.0;
    st += u; sy += x[t]; stt += u * u; sty += u * x[t];
  }
  const double den = n * stt - st * st;
  const double b = den != 0 ? (n * sty - st * sy) / den : 0.0;
  const double a = (sy - b * st) / n;
  double *line2 = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * n, &line2));
  for (int t = 0; t < n; t++) line2[t] = 2.0 * x[t] - (a + b * (t + 1.0));
  eco_ets_fit f2;
  eco_ets_form ann = {ECO_ETS_ADD, ECO_ETS_TN, ECO_ETS_SN};
  double level;
  if (eco_ets_fit_form(line2, n, 1, ann, opt->max_iter, &f2) == ECO_OK) {
    level = f2.l;
    r->params[ECO_FC_P_ALPHA] = f2.alpha;
    r->params[ECO_FC_P_LEVEL0] = f2.l0;
  } else {
    eco_error_clear();
    level = line2[n - 1];
  }
  eco_free(&line2);
  r->params[ECO_FC_P_TREND0] = b / 2.0; /* drift of the SES-with-drift form */
  double acc = 0, sigma = 0, alpha = 1.0;
  if (ses_fit && ses_fit->n > 0) {
    sigma = sqrt(ses_fit->sigma2);
    alpha = ses_fit->alpha;
  } else {
    double s2 = 0;
    for (int t = 1; t < n; t++) s2 += (x[t] - x[t - 1]) * (x[t] - x[t - 1]);
    sigma = n > 1 ? sqrt(s2 / (n - 1)) : 0.0;
  }
  r->params[ECO_FC_P_SIGMA] = sigma;
  for (int k = 0; k < h; k++) {
    const double mean = 0.5 * level + 0.5 * (a + b * (n + k + 1.0));
    r->mean[k] = mean * si[k];
    normal_quantiles(mean, sigma * sqrt(1.0 + acc), r->quant + k * ECO_FC_NQ);
    for (int q = 0; q < ECO_FC_NQ; q++) r->quant[k * ECO_FC_NQ + q] *= si[k];
    acc += alpha * alpha;
  }
  return ECO_OK;
}

/* ---- intermittent demand ------------------------------------------------ */
static int cmp_double(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Quantiles from in-sample one-step errors: q = max(0, f + quantile(e)). */
static void residual_quantiles(double f, double *res, int nres, int h, eco_fc_result *r) {
  if (nres > 1) qsort(res, nres, sizeof(double), cmp_double); /* res may be NULL when empty */
  for (int k = 0; k < h; k++) {
    r->mean[k] = f;
    for (int q = 0; q < ECO_FC_NQ; q++) {
      double v = nres > 0 ? f + eco_fc_quantile_sorted(res, nres, eco_fc_quantile_levels[q]) : f;
      r->quant[k * ECO_FC_NQ + q] = v < 0 ? 0.0 : v;
    }
  }
}

/* Croston (coef = 1) or SBA (coef = 1 - alpha/2), alpha fixed at 0.1, as
 * forecast::croston: sizes and intervals each smoothed by SES initialised at
 * their first value. */
static eco_status fit_croston(const double *z, int n, int h, double coef, eco_fc_result *r) {
  const double alpha = 0.1;
  params_clear(r);
  double *res = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * (n + 1), &res));
  int nres = 0, have = 0, last = -1;
  double zs = 0, ps = 0;
  for (int t = 0; t < n; t++) {
    if (have) res[nres++] = z[t] - coef * zs / ps;
    if (z[t] > 0) {
      const double interval = (double)(t - last);
      if (!have) {
        zs = z[t];
        ps = interval;
        have = 1;
      } else {
        zs += alpha * (z[t] - zs);
        ps += alpha * (interval - ps);
      }
      last = t;
    }
  }
  const double f = have ? coef * zs / ps : 0.0;
  residual_quantiles(f, res, nres, h, r);
  eco_free(&res);
  r->params[ECO_FC_P_ALPHA] = alpha;
  r->params[ECO_FC_P_LEVEL0] = have ? zs : 0.0;
  return ECO_OK;
}

typedef struct {
  const double *z;
  int n;
  double z0, p0;
} tsb_problem;

static double tsb_run(const tsb_problem *pr, double a, double b, double *f_end, double *res,
                      int *nres) {
  double zs = pr->z0, p = pr->p0, sse = 0;
  int k = 0;
  for (int t = 0; t < pr->n; t++) {
    const double f = p * zs, e = pr->z[t] - f;
    sse += e * e;
    if (res) res[k++] = e;
    if (pr->z[t] > 0) {
      p += b * (1.0 - p);
      zs += a * (pr->z[t] - zs);
    } else {
      p -= b * p;
    }
  }
  if (f_end) *f_end = p * zs;
  if (nres) *nres = k;
  return sse;
}

#define TSB_LO 0.001
#define TSB_HI 0.999
static double sig01(double u) { return TSB_LO + (TSB_HI - TSB_LO) / (1.0 + exp(-u)); }

static double tsb_objective(const gsl_vector *v, void *params) {
  return tsb_run(params, sig01(gsl_vector_get(v, 0)), sig01(gsl_vector_get(v, 1)), NULL, NULL,
                 NULL);
}

/* TSB (Teunter, Syntetos & Babai 2011): demand probability updated every
 * period, size at demands; alpha, beta by least squares (Nelder-Mead). */
static eco_status fit_tsb(const double *z, int n, int h, int max_iter, eco_fc_result *r) {
  params_clear(r);
  tsb_problem pr = {z, n, 0, 0};
  int nnz = 0;
  double szs = 0;
  for (int t = 0; t < n; t++)
    if (z[t] > 0) {
      nnz++;
      szs += z[t];
    }
  if (nnz == 0) {
    residual_quantiles(0.0, NULL, 0, h, r);
    return ECO_OK;
  }
  pr.z0 = szs / nnz;
  pr.p0 = (double)nnz / n;
  gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
  gsl_multimin_fminimizer *mz = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
  if (!x || !step || !mz) {
    if (x) gsl_vector_free(x);
    if (step) gsl_vector_free(step);
    if (mz) gsl_multimin_fminimizer_free(mz);
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "out of memory (TSB)");
  }
  gsl_vector_set(x, 0, log((0.1 - TSB_LO) / (TSB_HI - 0.1)));
  gsl_vector_set(x, 1, log((0.1 - TSB_LO) / (TSB_HI - 0.1)));
  gsl_vector_set_all(step, 1.0);
  gsl_multimin_function fn = {tsb_objective, 2, &pr};
  gsl_multimin_fminimizer_set(mz, &fn, x, step);
  int it = 0, status;
  do {
    it++;
    if (gsl_multimin_fminimizer_iterate(mz)) break;
    status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(mz), 1e-6);
  } while (status == GSL_CONTINUE && it < max_iter);
  const double a = sig01(gsl_vector_get(gsl_multimin_fminimizer_x(mz), 0));
  const double b = sig01(gsl_vector_get(gsl_multimin_fminimizer_x(mz), 1));
  gsl_multimin_fminimizer_free(mz);
  gsl_vector_free(x);
  gsl_vector_free(step);
  double *res = NULL, f;
  int nres;
  ECO_CALL(eco_malloc(sizeof(double) * (n + 1), &res));
  tsb_run(&pr, a, b, &f, res, &nres);
  residual_quantiles(f, res, nres, h, r);
  eco_free(&res);
  r->params[ECO_FC_P_ALPHA] = a;
  r->params[ECO_FC_P_BETA] = b;
  r->params[ECO_FC_P_LEVEL0] = pr.z0;
  return ECO_OK;
}

/* ---- the driver --------------------------------------------------------- */
eco_status eco_fc_fit_set(const double *y, int n, const eco_fc_options *opt, uint64_t entity,
                          unsigned mask, eco_fc_result *res, int *ok) {
  const int h = opt->horizon, m = opt->period > 1 ? opt->period : 1;
  double *z = NULL, *x = NULL, *si = NULL;
  eco_status st = ECO_OK;
  for (int i = 0; i < ECO_FC_NMODELS; i++) ok[i] = 0;
  if (mask & (1u << ECO_FC_COMB))
    mask |= (1u << ECO_FC_SES) | (1u << ECO_FC_HOLT) | (1u << ECO_FC_DAMPED);
  if (mask & (1u << ECO_FC_THETA)) mask |= (1u << ECO_FC_SES);
  ECO_CALL(eco_malloc(sizeof(double) * (n + 1), &z));
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (n + 1), &x), done);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (h + 1), &si), done);
  const int nz = eco_fc_series_clean(y, n, z);
  ECO_CHECK_GOTO(st, nz > 0, ECO_ERR_NUMERIC, done, "series has no values");

  /* M4 seasonal adjustment: multiplicative classical decomposition when the
   * 90% autocorrelation test says seasonal (and the data are positive). */
  int adjusted = 0;
  for (int k = 0; k < h; k++) si[k] = 1.0;
  memcpy(x, z, sizeof(double) * nz);
  if (m > 1 && eco_fc_seasonality_test(z, nz, m)) {
    int positive = 1;
    for (int t = 0; t < nz; t++)
      if (!(z[t] > 0)) positive = 0;
    double idx[512];
    if (positive && m <= 512 && eco_fc_decompose_mul(z, nz, m, idx) == ECO_OK) {
      for (int t = 0; t < nz; t++) x[t] = z[t] / idx[t % m];
      for (int k = 0; k < h; k++) si[k] = idx[(nz + k) % m];
      adjusted = 1;
    } else {
      eco_error_clear();
    }
  }
  (void)adjusted;

  if (mask & (1u << ECO_FC_NAIVE)) {
    fit_naive(z, nz, h, &res[ECO_FC_NAIVE]);
    ok[ECO_FC_NAIVE] = 1;
  }
  if (mask & (1u << ECO_FC_SNAIVE)) {
    fit_snaive(z, nz, m, h, &res[ECO_FC_SNAIVE]);
    ok[ECO_FC_SNAIVE] = 1;
  }
  if (mask & (1u << ECO_FC_NAIVE2)) {
    eco_fc_result *r = &res[ECO_FC_NAIVE2];
    fit_naive(x, nz, h, r);
    for (int k = 0; k < h; k++) {
      r->mean[k] *= si[k];
      for (int q = 0; q < ECO_FC_NQ; q++) r->quant[k * ECO_FC_NQ + q] *= si[k];
    }
    ok[ECO_FC_NAIVE2] = 1;
  }
  eco_ets_fit ses_fit;
  memset(&ses_fit, 0, sizeof ses_fit);
  const eco_ets_form forms[3] = {{ECO_ETS_ADD, ECO_ETS_TN, ECO_ETS_SN},
                                 {ECO_ETS_ADD, ECO_ETS_TA, ECO_ETS_SN},
                                 {ECO_ETS_ADD, ECO_ETS_TAD, ECO_ETS_SN}};
  const eco_fc_model fm[3] = {ECO_FC_SES, ECO_FC_HOLT, ECO_FC_DAMPED};
  for (int i = 0; i < 3; i++) {
    if (!(mask & (1u << fm[i]))) continue;
    ECO_CALL_GOTO(st,
                  fit_ets_si(x, nz, forms[i], opt, entity * 32 + fm[i], si, &res[fm[i]],
                             i == 0 ? &ses_fit : NULL),
                  done);
    ok[fm[i]] = 1;
  }
  if (mask & (1u << ECO_FC_COMB)) {
    eco_fc_result *r = &res[ECO_FC_COMB];
    params_clear(r);
    for (int k = 0; k < h; k++) {
      r->mean[k] = (res[ECO_FC_SES].mean[k] + res[ECO_FC_HOLT].mean[k] +
                    res[ECO_FC_DAMPED].mean[k]) / 3.0;
      for (int q = 0; q < ECO_FC_NQ; q++) {
        const int j = k * ECO_FC_NQ + q;
        r->quant[j] = (res[ECO_FC_SES].quant[j] + res[ECO_FC_HOLT].quant[j] +
                       res[ECO_FC_DAMPED].quant[j]) / 3.0;
      }
    }
    ok[ECO_FC_COMB] = 1;
  }
  if (mask & (1u << ECO_FC_THETA)) {
    ECO_CALL_GOTO(st, fit_theta(x, nz, opt, si, &ses_fit, &res[ECO_FC_THETA]), done);
    ok[ECO_FC_THETA] = 1;
  }
  if (mask & (1u << ECO_FC_ETS)) {
    eco_ets_fit fit;
    eco_fc_result *r = &res[ECO_FC_ETS];
    if (eco_ets_fit_auto(z, nz, m, opt->max_iter, &fit) == ECO_OK) {
      ECO_CALL_GOTO(st,
                    eco_ets_forecast(&fit, h, opt->nsim, opt->seed, entity * 32 + ECO_FC_ETS,
                                     r->mean, r->quant),
                    done);
      ets_params(&fit, r);
    } else {
      eco_error_clear();
      fit_naive(z, nz, h, r);
      snprintf(r->form, sizeof r->form, "naive");
    }
    ok[ECO_FC_ETS] = 1;
  }
  if (mask & (1u << ECO_FC_CROSTON)) {
    ECO_CALL_GOTO(st, fit_croston(z, nz, h, 1.0, &res[ECO_FC_CROSTON]), done);
    ok[ECO_FC_CROSTON] = 1;
  }
  if (mask & (1u << ECO_FC_SBA)) {
    ECO_CALL_GOTO(st, fit_croston(z, nz, h, 1.0 - 0.1 / 2.0, &res[ECO_FC_SBA]), done);
    ok[ECO_FC_SBA] = 1;
  }
  if (mask & (1u << ECO_FC_TSB)) {
    ECO_CALL_GOTO(st, fit_tsb(z, nz, h, opt->max_iter, &res[ECO_FC_TSB]), done);
    ok[ECO_FC_TSB] = 1;
  }
done:
  eco_free(&z);
  eco_free(&x);
  eco_free(&si);
  return st;
}

eco_status eco_fc_fit(eco_fc_model model, const double *y, int n, const eco_fc_options *opt,
                      uint64_t entity, eco_fc_result *out) {
  ECO_CHECK(model >= 0 && model < ECO_FC_NMODELS && model != ECO_FC_GLOBAL, ECO_ERR_INTERNAL,
            "model %d cannot be fitted on one series alone", (int)model);
  eco_fc_result res[ECO_FC_NMODELS];
  int ok[ECO_FC_NMODELS];
  eco_status st = ECO_OK;
  int made = 0;
  memset(res, 0, sizeof res);
  for (; made < ECO_FC_NMODELS; made++) {
    st = eco_fc_result_create(opt->horizon, &res[made]);
    if (st != ECO_OK) break;
  }
  if (st == ECO_OK) st = eco_fc_fit_set(y, n, opt, entity, 1u << model, res, ok);
  if (st == ECO_OK) {
    memcpy(out->mean, res[model].mean, sizeof(double) * opt->horizon);
    memcpy(out->quant, res[model].quant, sizeof(double) * opt->horizon * ECO_FC_NQ);
    memcpy(out->params, res[model].params, sizeof out->params);
    memcpy(out->form, res[model].form, sizeof out->form);
  }
  for (int i = 0; i < made; i++) eco_fc_result_destroy(&res[i]);
  return st;
}

/* ---- metrics ------------------------------------------------------------ */
const char *const eco_fc_metric_names[ECO_FC_NMETRICS] = {"smape", "mase", "rmsse",
                                                           "pinball", "cover80", "cover95"};

void eco_fc_metrics(const double *train, int n, int mase_m, const double *actual, int h,
                    const double *mean, const double *quant, double out[ECO_FC_NMETRICS]) {
  for (int i = 0; i < ECO_FC_NMETRICS; i++) out[i] = NAN;
  if (mase_m < 1) mase_m = 1;
  if (n <= mase_m) mase_m = 1;
  double sa = 0, sq = 0;
  int na = 0, nq = 0;
  for (int t = mase_m; t < n; t++)
    if (!isnan(train[t]) && !isnan(train[t - mase_m])) {
      sa += fabs(train[t] - train[t - mase_m]);
      na++;
    }
  for (int t = 1; t < n; t++)
    if (!isnan(train[t]) && !isnan(train[t - 1])) {
      sq += (train[t] - train[t - 1]) * (train[t] - train[t - 1]);
      nq++;
    }
  const double scale = na > 0 ? sa / na : NAN;
  const double scale2 = nq > 0 ? sq / nq : NAN;
  double s_smape = 0, s_ae = 0, s_se = 0, s_pin = 0;
  int cnt = 0, c80 = 0, c95 = 0;
  for (int k = 0; k < h; k++) {
    const double y = actual[k];
    if (isnan(y)) continue;
    const double f = mean[k], den = fabs(y) + fabs(f);
    s_smape += den > 0 ? 200.0 * fabs(y - f) / den : 0.0;
    s_ae += fabs(y - f);
    s_se += (y - f) * (y - f);
    const double *q = quant + k * ECO_FC_NQ;
    const int qi[3] = {1, 2, 3};
    for (int j = 0; j < 3; j++) {
      const double tau = eco_fc_quantile_levels[qi[j]], d = y - q[qi[j]];
      s_pin += d >= 0 ? tau * d : (tau - 1.0) * d;
    }
    c80 += (y >= q[1] && y <= q[3]);
    c95 += (y >= q[0] && y <= q[4]);
    cnt++;
  }
  if (cnt == 0) return;
  out[ECO_FC_M_SMAPE] = s_smape / cnt;
  if (scale > 0) {
    out[ECO_FC_M_MASE] = (s_ae / cnt) / scale;
    out[ECO_FC_M_PINBALL] = (s_pin / (3.0 * cnt)) / scale;
  }
  if (scale2 > 0) out[ECO_FC_M_RMSSE] = sqrt((s_se / cnt) / scale2);
  out[ECO_FC_M_COVER80] = (double)c80 / cnt;
  out[ECO_FC_M_COVER95] = (double)c95 / cnt;
}
