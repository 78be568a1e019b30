/* ETS (exponential smoothing state space) models: error A/M, trend N/A/Ad,
 * season N/A/M (Hyndman, Koehler, Ord & Snyder 2008), fitted by maximum
 * likelihood with GSL's Nelder-Mead (nmsimplex2), selected by AICc.
 *
 * Update equations (error-correction form, the same for additive and
 * multiplicative errors; the error type changes only the likelihood):
 *   T  = l            (N)   l + phi b   (A: phi = 1, Ad)
 *   yhat = T (N)  T + s (A)  T * s (M),  s = season of time t (from t - m)
 *   l' = T + alpha (p - T),  p = y (N), y - s (A), y / s (M)
 *   b' = phi b + (beta / alpha) (l' - l - phi b)
 *   s' = s + gamma (y - T - s)  (A)    s + gamma (y / T - s)  (M)
 * Log-likelihood (as statsmodels' ETSModel, Ord et al. 1997):
 *   -n/2 (log(2 pi SSE/n) + 1) - [M error] sum log|yhat|,
 *   e = y - yhat (A error), (y - yhat) / yhat (M error).
 * AICc = -2 loglik + 2k + 2k(k+1)/(n-k-1), k = smoothing parameters +
 * initial states (level, trend, m-1 seasonal) + 1 (the variance).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>

#include "ecoscale/forecast.h"
#include "forecast_impl.h"

#define A_LO 1e-4
#define A_HI 0.9999
#define PHI_LO 0.8
#define PHI_HI 0.98

void eco_ets_form_name(eco_ets_form f, char buf[8]) {
  const char *e = f.error == ECO_ETS_MUL ? "M" : "A";
  const char *t = f.trend == ECO_ETS_TN ? "N" : (f.trend == ECO_ETS_TA ? "A" : "Ad");
  const char *s = f.season == ECO_ETS_SN ? "N" : (f.season == ECO_ETS_SA ? "A" : "M");
  snprintf(buf, 8, "%s%s%s", e, t, s);
}

static int form_m(eco_ets_form f, int m) { return f.season == ECO_ETS_SN ? 1 : m; }

/* Number of free parameters (smoothing + initial states), without sigma. */
static int form_npar(eco_ets_form f, int m) {
  int k = 1 + 1; /* alpha, l0 */
  if (f.trend != ECO_ETS_TN) k += 2; /* beta, b0 */
  if (f.trend == ECO_ETS_TAD) k += 1; /* phi */
  if (f.season != ECO_ETS_SN) k += 1 + (m - 1); /* gamma, m-1 seasonal */
  return k;
}

/* Run the filter over y with fit's parameters and initial states. Sets final
 * states; returns 0 and *sse, *slog, or -1 when inadmissible. */
static int ets_filter(const double *y, int n, eco_ets_fit *p, double *sse,
                      double *slog) {
  const int m = p->m;
  const eco_ets_form f = p->form;
  double l = p->l0, b = f.trend == ECO_ETS_TN ? 0.0 : p->b0;
  double seas[64];
  const double phi = f.trend == ECO_ETS_TAD ? p->phi : 1.0;
  const double bstar = f.trend == ECO_ETS_TN ? 0.0 : p->beta / p->alpha;
  double s1 = 0.0, s2 = 0.0, prod = 1.0; /* sum log yhat = s2 + log(prod) */
  for (int j = 0; j < m; j++) seas[j] = p->s0[j];
  for (int t = 0, j = 0; t < n; t++, j = (j + 1 == m ? 0 : j + 1)) {
    const double phib = phi * b;
    const double T = l + phib;
    double yhat, pp;
    const double s = seas[j];
    if (f.season == ECO_ETS_SN) {
      yhat = T;
      pp = y[t];
    } else if (f.season == ECO_ETS_SA) {
      yhat = T + s;
      pp = y[t] - s;
    } else {
      if (!(s > 1e-10)) return -1;
      yhat = T * s;
      pp = y[t] / s;
    }
    double e;
    if (f.error == ECO_ETS_ADD) {
      e = y[t] - yhat;
    } else {
      if (!(yhat > 1e-10)) return -1;
      e = (y[t] - yhat) / yhat;
      /* one log per many steps: multiply, and fold into s2 before the
       * product can leave [1e-150, 1e150] (yhat is in [1e-10, ...)) */
      prod *= yhat;
      if (prod > 1e150 || prod < 1e-150) {
        s2 += log(prod);
        prod = 1.0;
      }
    }
    s1 += e * e;
    const double lnew = T + p->alpha * (pp - T);
    if (f.trend != ECO_ETS_TN) b = phib + bstar * (lnew - l - phib);
    if (f.season == ECO_ETS_SA) {
      seas[j] = s + p->gamma * (y[t] - T - s);
    } else if (f.season == ECO_ETS_SM) {
      if (!(fabs(T) > 1e-10)) return -1;
      seas[j] = s + p->gamma * (y[t] / T - s);
    }
    l = lnew;
    if (!isfinite(l) || !isfinite(b)) return -1;
  }
  s2 += log(prod);
  p->l = l;
  p->b = b;
  for (int k = 0; k < m; k++) p->s[k] = seas[(n + k) % m];
  *sse = s1;
  *slog = s2;
  return 0;
}

double eco_ets_loglik(const double *y, int n, eco_ets_fit *p) {
  double sse, slog;
  if (ets_filter(y, n, p, &sse, &slog) != 0 || !(sse >= 0) || !isfinite(sse))
    return NAN;
  if (sse <= 0) sse = 1e-300 * n;
  const double ll = -0.5 * n * (log(2.0 * M_PI * sse / n) + 1.0) - slog;
  const int k = form_npar(p->form, p->m) + 1;
  p->k = k;
  p->n = n;
  p->loglik = ll;
  p->aicc = (n - k - 1 > 0) ? -2.0 * ll + 2.0 * k + 2.0 * k * (k + 1.0) / (n - k - 1.0)
                            : INFINITY;
  p->sigma2 = sse / (n - k > 0 ? n - k : n);
  return ll;
}

/* ---- parameter vector <-> model ---------------------------------------- */
static double sigm(double u) { return 1.0 / (1.0 + exp(-u)); }
static double logit(double p) {
  if (p < 1e-12) p = 1e-12;
  if (p > 1 - 1e-12) p = 1 - 1e-12;
  return log(p / (1.0 - p));
}

typedef struct {
  const double *y;
  int n;
  eco_ets_fit *p;
  double scale; /* states divided by scale in the optimizer vector */
} ets_problem;

static void vec_to_fit(const gsl_vector *v, const ets_problem *pr, eco_ets_fit *p) {
  const eco_ets_form f = p->form;
  size_t i = 0;
  p->alpha = A_LO + (A_HI - A_LO) * sigm(gsl_vector_get(v, i++));
  if (f.trend != ECO_ETS_TN) p->beta = A_LO + (p->alpha - A_LO) * sigm(gsl_vector_get(v, i++));
  if (f.season != ECO_ETS_SN)
    p->gamma = A_LO + (1.0 - p->alpha - A_LO) * sigm(gsl_vector_get(v, i++));
  if (f.trend == ECO_ETS_TAD) p->phi = PHI_LO + (PHI_HI - PHI_LO) * sigm(gsl_vector_get(v, i++));
  p->l0 = gsl_vector_get(v, i++) * pr->scale;
  if (f.trend != ECO_ETS_TN) p->b0 = gsl_vector_get(v, i++) * pr->scale;
  if (f.season != ECO_ETS_SN) {
    const int m = p->m;
    const double sc = f.season == ECO_ETS_SA ? pr->scale : 1.0;
    double sum = 0.0;
    for (int j = 0; j < m - 1; j++) {
      p->s0[j] = gsl_vector_get(v, i++) * sc;
      sum += p->s0[j];
    }
    p->s0[m - 1] = f.season == ECO_ETS_SA ? -sum : m - sum;
  }
}

static void fit_to_vec(const eco_ets_fit *p, const ets_problem *pr, gsl_vector *v) {
  const eco_ets_form f = p->form;
  size_t i = 0;
  gsl_vector_set(v, i++, logit((p->alpha - A_LO) / (A_HI - A_LO)));
  if (f.trend != ECO_ETS_TN)
    gsl_vector_set(v, i++, logit((p->beta - A_LO) / (p->alpha - A_LO)));
  if (f.season != ECO_ETS_SN)
    gsl_vector_set(v, i++, logit((p->gamma - A_LO) / (1.0 - p->alpha - A_LO)));
  if (f.trend == ECO_ETS_TAD)
    gsl_vector_set(v, i++, logit((p->phi - PHI_LO) / (PHI_HI - PHI_LO)));
  gsl_vector_set(v, i++, p->l0 / pr->scale);
  if (f.trend != ECO_ETS_TN) gsl_vector_set(v, i++, p->b0 / pr->scale);
  if (f.season != ECO_ETS_SN) {
    const double sc = f.season == ECO_ETS_SA ? pr->scale : 1.0;
    for (int j = 0; j < p->m - 1; j++) gsl_vector_set(v, i++, p->s0[j] / sc);
  }
}

static double ets_objective(const gsl_vector *v, void *params) {
  ets_problem *pr = params;
  eco_ets_fit *p = pr->p;
  vec_to_fit(v, pr, p);
  if (p->form.season == ECO_ETS_SM)
    for (int j = 0; j < p->m; j++)
      if (!(p->s0[j] > 1e-6)) return 1e300;
  const double ll = eco_ets_loglik(pr->y, pr->n, p);
  if (!isfinite(ll)) return 1e300;
  return -2.0 * ll;
}

/* Initial states as Hyndman's initstate(): seasonal indices from a classical
 * decomposition of the first cycles, level and trend from a regression on the
 * first max(10, 2m) seasonally adjusted values. */
static int ets_init_states(const double *y, int n, eco_ets_fit *p) {
  const int m = p->m;
  const eco_ets_form f = p->form;
  double ysa_buf[64 + 10];
  int maxn = m * 2 > 10 ? 2 * m : 10;
  if (maxn > n) maxn = n;
  if (f.season != ECO_ETS_SN) {
    int cycles = n / m;
    if (cycles > 3) cycles = 3;
    if (cycles < 2) return -1;
    if (f.season == ECO_ETS_SM) {
      if (eco_fc_decompose_mul(y, cycles * m, m, p->s0) != ECO_OK) return -1;
    } else {
      if (eco_fc_decompose_add(y, cycles * m, m, p->s0) != ECO_OK) return -1;
    }
  } else {
    for (int j = 0; j < m; j++) p->s0[j] = f.season == ECO_ETS_SM ? 1.0 : 0.0;
  }
  for (int t = 0; t < maxn; t++) {
    const double s = p->s0[t % m];
    ysa_buf[t] = f.season == ECO_ETS_SN ? y[t] : (f.season == ECO_ETS_SA ? y[t] - s : y[t] / s);
  }
  if (f.trend == ECO_ETS_TN) {
    double s = 0;
    for (int t = 0; t < maxn; t++) s += ysa_buf[t];
    p->l0 = s / maxn;
    p->b0 = 0;
  } else {
    /* least squares of ysa on t = 1..maxn */
    double st = 0, sy = 0, stt = 0, sty = 0;
    for (int t = 0; t < maxn; t++) {
      const double x = t + 1.0;
      st += x; sy += ysa_buf[t]; stt += x * x; sty += x * ysa_buf[t];
    }
    const double den = maxn * stt - st * st;
    const double slope = den != 0 ? (maxn * sty - st * sy) / den : 0.0;
    p->l0 = (sy - slope * st) / maxn;
    p->b0 = slope;
  }
  return 0;
}

static void ets_init_params(eco_ets_fit *p) {
  const int m = p->m;
  p->alpha = A_LO + 0.2 * (A_HI - A_LO) / m;
  if (p->alpha < 0.02) p->alpha = 0.02;
  p->beta = A_LO + 0.1 * (p->alpha - A_LO);
  p->gamma = A_LO + 0.05 * (1.0 - p->alpha - A_LO);
  p->phi = PHI_LO + 0.99 * (PHI_HI - PHI_LO);
}

/* Central-difference gradient of the objective, for the BFGS polish. */
static void ets_gradient(const gsl_vector *v, void *params, gsl_vector *g) {
  gsl_vector *w = gsl_vector_alloc(v->size);
  if (!w) {
    gsl_vector_set_all(g, 0.0);
    return;
  }
  gsl_vector_memcpy(w, v);
  for (size_t i = 0; i < v->size; i++) {
    const double xi = gsl_vector_get(v, i), h = 1e-6 * (fabs(xi) > 1 ? fabs(xi) : 1.0);
    gsl_vector_set(w, i, xi + h);
    const double fp = ets_objective(w, params);
    gsl_vector_set(w, i, xi - h);
    const double fm = ets_objective(w, params);
    gsl_vector_set(w, i, xi);
    const double d = (fp - fm) / (2 * h);
    gsl_vector_set(g, i, isfinite(d) && fp < 1e299 && fm < 1e299 ? d : 0.0);
  }
  gsl_vector_free(w);
}

static void ets_fdf(const gsl_vector *v, void *params, double *f, gsl_vector *g) {
  *f = ets_objective(v, params);
  ets_gradient(v, params, g);
}

/* Polish a Nelder-Mead optimum with BFGS (GSL vector_bfgs2) on numerical
 * gradients: in many dimensions (seasonal initial states) Nelder-Mead
 * creeps. Returns the better of the two; x is updated in place. */
static double ets_polish(ets_problem *pr, gsl_vector *x, double fx, int max_iter) {
  const size_t np = x->size;
  gsl_multimin_function_fdf fdf = {ets_objective, ets_gradient, ets_fdf, np, pr};
  gsl_multimin_fdfminimizer *s = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, np);
  if (!s) return fx;
  gsl_multimin_fdfminimizer_set(s, &fdf, x, 0.01, 0.1);
  for (int it = 0; it < max_iter; it++) {
    if (gsl_multimin_fdfminimizer_iterate(s)) break;
    if (gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(s), 1e-5) != GSL_CONTINUE) break;
  }
  const double f = gsl_multimin_fdfminimizer_minimum(s);
  if (isfinite(f) && f < fx) {
    gsl_vector_memcpy(x, gsl_multimin_fdfminimizer_x(s));
    fx = f;
  }
  gsl_multimin_fdfminimizer_free(s);
  return fx;
}

eco_status eco_ets_fit_form(const double *y, int n, int m, eco_ets_form form,
                            int max_iter, eco_ets_fit *out) {
  eco_ets_fit p;
  memset(&p, 0, sizeof p);
  p.form = form;
  p.m = form_m(form, m);
  if (form.season != ECO_ETS_SN) {
    ECO_CHECK(m >= 2 && m <= ECO_ETS_MAX_PERIOD, ECO_ERR_NUMERIC,
              "seasonal ETS needs 2 <= period <= %d (got %d)", ECO_ETS_MAX_PERIOD, m);
  }
  const int npar = form_npar(form, p.m);
  ECO_CHECK(n >= npar + 3, ECO_ERR_NUMERIC, "series too short (%d) for ETS with %d parameters",
            n, npar);
  if (form.error == ECO_ETS_MUL || form.season == ECO_ETS_SM) {
    for (int t = 0; t < n; t++)
      ECO_CHECK(y[t] > 0, ECO_ERR_NUMERIC, "multiplicative ETS needs positive data");
  }
  ECO_CHECK(ets_init_states(y, n, &p) == 0, ECO_ERR_NUMERIC,
            "series too short for seasonal initial states");
  double scale = 0;
  for (int t = 0; t < n; t++) scale += fabs(y[t]);
  scale /= n;
  if (!(scale > 0)) scale = 1.0;
  const eco_ets_fit init = p;

  gsl_vector *x = gsl_vector_alloc(npar), *step = gsl_vector_alloc(npar);
  gsl_multimin_fminimizer *mz =
      gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, npar);
  if (!x || !step || !mz) {
    if (x) gsl_vector_free(x);
    if (step) gsl_vector_free(step);
    if (mz) gsl_multimin_fminimizer_free(mz);
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "out of memory (Nelder-Mead)");
  }
  {
    size_t i = 0;
    int nsmooth = 1 + (form.trend != ECO_ETS_TN) + (form.season != ECO_ETS_SN) +
                  (form.trend == ECO_ETS_TAD);
    for (; (int)i < nsmooth; i++) gsl_vector_set(step, i, 0.5);
    for (; i < (size_t)npar; i++) gsl_vector_set(step, i, 0.1);
    if (form.trend != ECO_ETS_TN) gsl_vector_set(step, nsmooth + 1, 0.02);
  }
  /* Non-seasonal trend models start twice (Hyndman's initial values, and a
   * fast-adapting one: alpha 0.5, beta 0.45, phi 0.9): their likelihood is
   * often bimodal in beta. Keep the best. */
  eco_ets_fit best_fit = init;
  double best = INFINITY;
  int it_total = 0;
  /* (seasonal forms: one start; their cost is in the m - 1 seasonal states) */
  const int nstarts = (form.trend != ECO_ETS_TN && form.season == ECO_ETS_SN) ? 2 : 1;
  for (int start = 0; start < nstarts; start++) {
    p = init;
    if (start == 0) {
      ets_init_params(&p);
    } else {
      p.alpha = 0.5;
      p.beta = 0.45;
      p.gamma = 0.25;
      p.phi = 0.9;
    }
    ets_problem pr = {y, n, &p, scale};
    gsl_multimin_function fn = {ets_objective, (size_t)npar, &pr};
    fit_to_vec(&p, &pr, x);
    gsl_multimin_fminimizer_set(mz, &fn, x, step);
    /* Stop on a small simplex, or when the best value has not improved by a
     * relative 1e-8 over a window of iterations (parameters running to a
     * bound make the simplex drift without shrinking). Then restart from the
     * best point with fresh steps while that still improves (at most 3
     * restarts): Nelder-Mead often stalls in many dimensions. */
    int it = 0, status;
    const int window = 20 * npar + 20;
    /* (the minimizer's value is undefined until its first iteration) */
    double frun = INFINITY;
    for (int run = 0; run < 4 && it < max_iter; run++) {
      int last_check = it;
      double fprev = frun;
      do {
        it++;
        status = gsl_multimin_fminimizer_iterate(mz);
        if (status) break;
        status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(mz), 1e-6);
        if (it - last_check >= window) {
          const double fnow = gsl_multimin_fminimizer_minimum(mz);
          if (fprev - fnow <= 1e-8 * (fabs(fnow) + 1e-8)) break;
          fprev = fnow;
          last_check = it;
        }
      } while (status == GSL_CONTINUE && it < max_iter);
      const double fend = gsl_multimin_fminimizer_minimum(mz);
      if (run > 0 && frun - fend <= 1e-7 * (fabs(fend) + 1e-8)) break;
      frun = fend;
      if (it >= max_iter) break;
      gsl_vector_memcpy(x, gsl_multimin_fminimizer_x(mz));
      gsl_multimin_fminimizer_set(mz, &fn, x, step);
    }
    it_total += it;
    double fmin = gsl_multimin_fminimizer_minimum(mz);
    gsl_vector_memcpy(x, gsl_multimin_fminimizer_x(mz));
    if (fmin < 1e299) fmin = ets_polish(&pr, x, fmin, 10);
    if (fmin < best) {
      best = fmin;
      vec_to_fit(x, &pr, &p);
      best_fit = p;
    }
  }
  gsl_multimin_fminimizer_free(mz);
  gsl_vector_free(x);
  gsl_vector_free(step);
  ECO_CHECK(best < 1e299, ECO_ERR_NUMERIC, "no admissible ETS parameters found");
  p = best_fit;
  const double ll = eco_ets_loglik(y, n, &p);
  ECO_CHECK(isfinite(ll), ECO_ERR_NUMERIC, "ETS likelihood not finite");
  p.iterations = it_total;
  *out = p;
  return ECO_OK;
}

eco_status eco_ets_fit_auto(const double *y, int n, int m, int max_iter,
                            eco_ets_fit *out) {
  int positive = 1;
  for (int t = 0; t < n; t++)
    if (!(y[t] > 0)) positive = 0;
  const int seasonal_ok = m >= 2 && m <= ECO_ETS_MAX_PERIOD && n >= 2 * m + 2;
  int found = 0;
  eco_ets_fit best;
  memset(&best, 0, sizeof best);
  for (int e = 0; e <= 1; e++) {
    if (e == ECO_ETS_MUL && !positive) continue;
    for (int tr = 0; tr <= 2; tr++) {
      for (int s = 0; s <= 2; s++) {
        if (s != ECO_ETS_SN && !seasonal_ok) continue;
        if (s == ECO_ETS_SM && (!positive || e == ECO_ETS_ADD)) continue;
        eco_ets_form f = {(eco_ets_error)e, (eco_ets_trend)tr, (eco_ets_season)s};
        eco_ets_fit fit;
        if (eco_ets_fit_form(y, n, m, f, max_iter, &fit) != ECO_OK) {
          eco_error_clear();
          continue;
        }
        if (!found || fit.aicc < best.aicc) {
          best = fit;
          found = 1;
        }
      }
    }
  }
  ECO_CHECK(found, ECO_ERR_NUMERIC, "no ETS model could be fitted (series of %d values)", n);
  *out = best;
  return ECO_OK;
}

/* Type-7 quantile of sorted v[0..n). */
double eco_fc_quantile_sorted(const double *v, int n, double p) {
  if (n <= 0) return NAN;
  const double h = (n - 1) * p;
  const int lo = (int)floor(h);
  const int hi = lo + 1 < n ? lo + 1 : n - 1;
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

static int cmp_double(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

eco_status eco_ets_forecast(const eco_ets_fit *fit, int h, int nsim,
                            uint64_t seed, uint64_t entity, double *mean,
                            double *quant) {
  const eco_ets_form f = fit->form;
  const int m = fit->m;
  const double phi = f.trend == ECO_ETS_TAD ? fit->phi : 1.0;
  /* point forecasts: the recursion with zero errors */
  {
    double l = fit->l, b = fit->b;
    for (int k = 0; k < h; k++) {
      const double T = l + phi * b;
      const double s = fit->s[k % m];
      mean[k] = f.season == ECO_ETS_SN ? T : (f.season == ECO_ETS_SA ? T + s : T * s);
      b = phi * b;
      l = T;
    }
  }
  const double sigma = sqrt(fit->sigma2);
  if (f.error == ECO_ETS_ADD && f.season != ECO_ETS_SM) {
    /* class 1: var_h = sigma2 (1 + sum_{j<h} c_j^2) */
    double acc = 0.0, phij = 0.0, pw = 1.0;
    for (int k = 0; k < h; k++) {
      const double sd = sigma * sqrt(1.0 + acc);
      for (int q = 0; q < ECO_FC_NQ; q++)
        quant[k * ECO_FC_NQ + q] =
            mean[k] + sd * gsl_cdf_ugaussian_Pinv(eco_fc_quantile_levels[q]);
      const int j = k + 1;
      pw *= phi;
      phij += pw;
      double c = fit->alpha;
      if (f.trend == ECO_ETS_TA) c += fit->beta * j;
      if (f.trend == ECO_ETS_TAD) c += fit->beta * phij;
      if (f.season != ECO_ETS_SN && j % m == 0) c += fit->gamma;
      acc += c * c;
    }
    return ECO_OK;
  }
  /* simulate sample paths */
  double *paths = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * (size_t)nsim * h, &paths));
  eco_rng r;
  eco_rng_init(&r, seed, ECO_RNG_FORECAST, entity);
  const double bstar = f.trend == ECO_ETS_TN ? 0.0 : fit->beta / fit->alpha;
  for (int i = 0; i < nsim; i++) {
    double l = fit->l, b = fit->b, seas[64];
    for (int j = 0; j < m; j++) seas[j] = fit->s[j];
    for (int k = 0; k < h; k++) {
      const int j = k % m;
      const double phib = phi * b, T = l + phib, s = seas[j];
      double yhat = f.season == ECO_ETS_SN ? T : (f.season == ECO_ETS_SA ? T + s : T * s);
      const double e = sigma * eco_rng_normal(&r);
      const double y = f.error == ECO_ETS_ADD ? yhat + e : yhat * (1.0 + e);
      paths[(size_t)k * nsim + i] = y;
      double pp = f.season == ECO_ETS_SN ? y : (f.season == ECO_ETS_SA ? y - s : (s != 0 ? y / s : y));
      const double lnew = T + fit->alpha * (pp - T);
      if (f.trend != ECO_ETS_TN) b = phib + bstar * (lnew - l - phib);
      if (f.season == ECO_ETS_SA) seas[j] = s + fit->gamma * (y - T - s);
      else if (f.season == ECO_ETS_SM && T != 0) seas[j] = s + fit->gamma * (y / T - s);
      l = lnew;
    }
  }
  for (int k = 0; k < h; k++) {
    double *v = paths + (size_t)k * nsim;
    qsort(v, nsim, sizeof(double), cmp_double);
    for (int q = 0; q < ECO_FC_NQ; q++)
      quant[k * ECO_FC_NQ + q] = eco_fc_quantile_sorted(v, nsim, eco_fc_quantile_levels[q]);
  }
  eco_free(&paths);
  return ECO_OK;
}
