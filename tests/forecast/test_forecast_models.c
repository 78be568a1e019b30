/* Known-answer tests of the forecast models and metrics. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ecoscale/forecast.h"

static eco_fc_options opts(int period, int h) {
  eco_fc_options o = {period, h, 1000, 2000, 42};
  return o;
}

static void fit_one(eco_fc_model m, const double *y, int n, int period, int h, eco_fc_result *r) {
  assert_int_equal(eco_fc_result_create(h, r), ECO_OK);
  eco_fc_options o = opts(period, h);
  assert_int_equal(eco_fc_fit(m, y, n, &o, 7, r), ECO_OK);
}

/* SES on a constant series forecasts the constant. */
static void test_ses_constant(void **state) {
  double y[30];
  for (int t = 0; t < 30; t++) y[t] = 5.0;
  eco_fc_result r;
  fit_one(ECO_FC_SES, y, 30, 1, 6, &r);
  for (int k = 0; k < 6; k++) {
    assert_true(fabs(r.mean[k] - 5.0) < 1e-6);
    assert_true(r.quant[k * ECO_FC_NQ] <= r.mean[k] + 1e-9);
  }
  assert_string_equal(r.form, "ANN");
  eco_fc_result_destroy(&r);
}

/* Holt on an exact line continues the line. */
static void test_holt_line(void **state) {
  double y[40];
  for (int t = 0; t < 40; t++) y[t] = 3.0 + 2.0 * t;
  eco_fc_result r;
  fit_one(ECO_FC_HOLT, y, 40, 1, 8, &r);
  for (int k = 0; k < 8; k++) assert_true(fabs(r.mean[k] - (3.0 + 2.0 * (40 + k))) < 1e-3);
  assert_true(fabs(r.params[ECO_FC_P_TREND0] - 2.0) < 1e-3);
  eco_fc_result_destroy(&r);
}

/* Seasonal naive on an exact seasonal pattern repeats it, zero-width intervals. */
static void test_snaive_pattern(void **state) {
  const double pat[4] = {10, 20, 5, 15};
  double y[22];
  for (int t = 0; t < 22; t++) y[t] = pat[t % 4];
  eco_fc_result r;
  fit_one(ECO_FC_SNAIVE, y, 22, 4, 9, &r);
  for (int k = 0; k < 9; k++) {
    assert_true(r.mean[k] == pat[(22 + k) % 4]);
    assert_true(r.quant[k * ECO_FC_NQ + 0] == r.mean[k]);
    assert_true(r.quant[k * ECO_FC_NQ + 4] == r.mean[k]);
  }
  eco_fc_result_destroy(&r);
}

/* Croston / SBA with alpha 0.1 on 0 0 3 0 0 0 2 0 4: sizes 3, 2, 4 at
 * intervals 3, 4, 2. Sizes: 3 -> 3 + 0.1 (2 - 3) = 2.9 -> 2.9 + 0.1 (4 - 2.9)
 * = 3.01; intervals: 3 -> 3.1 -> 3.1 + 0.1 (2 - 3.1) = 2.99. */
static void test_croston_known(void **state) {
  const double y[9] = {0, 0, 3, 0, 0, 0, 2, 0, 4};
  eco_fc_result r;
  fit_one(ECO_FC_CROSTON, y, 9, 1, 3, &r);
  for (int k = 0; k < 3; k++) assert_true(fabs(r.mean[k] - 3.01 / 2.99) < 1e-12);
  eco_fc_result_destroy(&r);
  fit_one(ECO_FC_SBA, y, 9, 1, 3, &r);
  for (int k = 0; k < 3; k++) assert_true(fabs(r.mean[k] - 0.95 * 3.01 / 2.99) < 1e-12);
  eco_fc_result_destroy(&r);
}

/* ETS(A,N,N) log-likelihood and AICc by hand: alpha 0.5, l0 10 on
 * 11 9 12 10 13 11. One-step errors: 1, -1.5, 2.25, -0.875, 2.5625, -0.71875
 * (levels 10.5, 9.75, 10.875, 10.4375, 11.71875, 11.359375). */
static void test_ets_loglik_ann(void **state) {
  const double y[6] = {11, 9, 12, 10, 13, 11};
  const double e[6] = {1, -1.5, 2.25, -0.875, 2.5625, -0.71875};
  double sse = 0;
  for (int i = 0; i < 6; i++) sse += e[i] * e[i];
  const double ll = -3.0 * (log(2 * M_PI * sse / 6.0) + 1.0);
  const double k = 3; /* alpha, l0, sigma */
  const double aicc = -2 * ll + 2 * k + 2 * k * (k + 1) / (6 - k - 1);
  eco_ets_fit f;
  memset(&f, 0, sizeof f);
  f.form.error = ECO_ETS_ADD;
  f.form.trend = ECO_ETS_TN;
  f.form.season = ECO_ETS_SN;
  f.m = 1;
  f.alpha = 0.5;
  f.l0 = 10;
  const double got = eco_ets_loglik(y, 6, &f);
  assert_true(fabs(got - ll) < 1e-12);
  assert_true(fabs(f.aicc - aicc) < 1e-10);
  assert_true(fabs(f.l - 11.359375) < 1e-12);
  assert_int_equal(f.k, 3);
}

/* ETS(M,N,N): e_t = (y - l) / l, loglik adds -sum log l. */
static void test_ets_loglik_mnn(void **state) {
  const double y[5] = {10, 12, 11, 13, 12};
  double l = 10, sse = 0, slog = 0;
  const double alpha = 0.3;
  for (int t = 0; t < 5; t++) {
    const double e = (y[t] - l) / l;
    sse += e * e;
    slog += log(l);
    l = l * (1 + alpha * e);
  }
  const double ll = -2.5 * (log(2 * M_PI * sse / 5.0) + 1.0) - slog;
  eco_ets_fit f;
  memset(&f, 0, sizeof f);
  f.form.error = ECO_ETS_MUL;
  f.m = 1;
  f.alpha = alpha;
  f.l0 = 10;
  assert_true(fabs(eco_ets_loglik(y, 5, &f) - ll) < 1e-12);
  assert_true(fabs(f.l - l) < 1e-12);
}

/* ETS(A,A,N) forecast variance: c_j = alpha + beta j. */
static void test_ets_interval_aan(void **state) {
  eco_ets_fit f;
  memset(&f, 0, sizeof f);
  f.form.trend = ECO_ETS_TA;
  f.m = 1;
  f.alpha = 0.4;
  f.beta = 0.1;
  f.l = 100;
  f.b = 2;
  f.sigma2 = 4.0;
  double mean[3], q[3 * ECO_FC_NQ];
  assert_int_equal(eco_ets_forecast(&f, 3, 100, 1, 1, mean, q), ECO_OK);
  const double v3 = 4.0 * (1 + 0.5 * 0.5 + 0.6 * 0.6);
  assert_true(fabs(mean[2] - 106) < 1e-12);
  /* q90 - q50 = z_0.9 * sd */
  assert_true(fabs((q[2 * ECO_FC_NQ + 3] - q[2 * ECO_FC_NQ + 2]) - 1.2815515655446004 * sqrt(v3)) < 1e-9);
}

/* Automatic selection picks a seasonal model on a strongly seasonal series. */
static void test_ets_auto_seasonal(void **state) {
  double y[72];
  for (int t = 0; t < 72; t++)
    y[t] = 50 + 0.5 * t + 12 * sin(2 * M_PI * t / 12.0) + 0.8 * sin(1.3 * t * t);
  eco_ets_fit f;
  assert_int_equal(eco_ets_fit_auto(y, 72, 12, 2000, &f), ECO_OK);
  assert_true(f.form.season != ECO_ETS_SN);
  /* AICc of the chosen model is the lowest of the family members tried */
  eco_ets_fit g;
  eco_ets_form ann = {ECO_ETS_ADD, ECO_ETS_TN, ECO_ETS_SN};
  assert_int_equal(eco_ets_fit_form(y, 72, 12, ann, 2000, &g), ECO_OK);
  assert_true(f.aicc <= g.aicc);
}

/* M4 seasonality test and classical decomposition. */
static void test_seasonality(void **state) {
  double y[48], idx[12];
  for (int t = 0; t < 48; t++) y[t] = 100 * (1 + 0.3 * sin(2 * M_PI * t / 12.0));
  assert_true(eco_fc_seasonality_test(y, 48, 12));
  assert_int_equal(eco_fc_decompose_mul(y, 48, 12, idx), ECO_OK);
  double s = 0;
  for (int j = 0; j < 12; j++) s += idx[j];
  assert_true(fabs(s / 12 - 1) < 1e-12);
  assert_true(fabs(idx[3] - 1.3) < 0.02);
  double w[48];
  for (int t = 0; t < 48; t++) w[t] = 100 + ((t * 7919) % 13) * 0.1;
  assert_false(eco_fc_seasonality_test(w, 30, 12)); /* n < 3m */
}

/* Naive2 = naive on the seasonally adjusted series, re-seasonalised. */
static void test_naive2(void **state) {
  double y[48], idx[12];
  for (int t = 0; t < 48; t++) y[t] = (100 + t) * (1 + 0.3 * sin(2 * M_PI * t / 12.0));
  assert_true(eco_fc_seasonality_test(y, 48, 12));
  assert_int_equal(eco_fc_decompose_mul(y, 48, 12, idx), ECO_OK);
  eco_fc_result r;
  fit_one(ECO_FC_NAIVE2, y, 48, 12, 12, &r);
  for (int k = 0; k < 12; k++)
    assert_true(fabs(r.mean[k] - y[47] / idx[47 % 12] * idx[(48 + k) % 12]) < 1e-9);
  eco_fc_result_destroy(&r);
}

/* sMAPE / MASE / coverage on a small case. */
static void test_metrics(void **state) {
  const double train[5] = {1, 2, 3, 4, 5}; /* lag-1 MAE = 1 */
  const double act[2] = {6, 8}, mean[2] = {6, 6};
  double q[2 * ECO_FC_NQ] = {5, 5.5, 6, 6.5, 7, 5, 5.5, 6, 6.5, 9};
  double m[ECO_FC_NMETRICS];
  eco_fc_metrics(train, 5, 1, act, 2, mean, q, m);
  assert_true(fabs(m[ECO_FC_M_SMAPE] - 0.5 * (0 + 200.0 * 2 / 14)) < 1e-12);
  assert_true(fabs(m[ECO_FC_M_MASE] - 1.0) < 1e-12);
  assert_true(fabs(m[ECO_FC_M_RMSSE] - sqrt(2.0)) < 1e-12);
  assert_true(m[ECO_FC_M_COVER80] == 0.5);
  assert_true(m[ECO_FC_M_COVER95] == 1.0);
  /* pinball: step 1: q10 5.5 (y above: .1*.5), q50 exact, q90 6.5 (y below: .1*.5);
   * step 2: y=8: .1*2.5 + .5*2 + .9*1.5 */
  const double pin = (0.05 + 0 + 0.05 + 0.25 + 1.0 + 1.35) / 6.0;
  assert_true(fabs(m[ECO_FC_M_PINBALL] - pin) < 1e-12);
}

/* Missing values: interior gaps interpolated, results still finite. */
static void test_missing(void **state) {
  double y[20];
  for (int t = 0; t < 20; t++) y[t] = 10 + t;
  y[0] = NAN;
  y[7] = NAN;
  y[8] = NAN;
  eco_fc_result r;
  fit_one(ECO_FC_NAIVE, y, 20, 1, 3, &r);
  assert_true(r.mean[0] == 29);
  eco_fc_result_destroy(&r);
  fit_one(ECO_FC_ETS, y, 20, 1, 3, &r);
  assert_true(isfinite(r.mean[2]));
  eco_fc_result_destroy(&r);
}

/* Simulated intervals are reproducible for the same entity. */
static void test_simulation_repeatable(void **state) {
  double y[40];
  for (int t = 0; t < 40; t++) y[t] = 20 + 5 * sin(t * 0.9) + t * 0.3;
  eco_ets_form mnn = {ECO_ETS_MUL, ECO_ETS_TN, ECO_ETS_SN};
  eco_ets_fit f;
  assert_int_equal(eco_ets_fit_form(y, 40, 1, mnn, 2000, &f), ECO_OK);
  double m1[5], q1[5 * ECO_FC_NQ], m2[5], q2[5 * ECO_FC_NQ];
  assert_int_equal(eco_ets_forecast(&f, 5, 500, 3, 11, m1, q1), ECO_OK);
  assert_int_equal(eco_ets_forecast(&f, 5, 500, 3, 11, m2, q2), ECO_OK);
  assert_memory_equal(q1, q2, sizeof q1);
  for (int k = 0; k < 5; k++) assert_true(q1[k * ECO_FC_NQ] < q1[k * ECO_FC_NQ + 4]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ses_constant),      cmocka_unit_test(test_holt_line),
      cmocka_unit_test(test_snaive_pattern),    cmocka_unit_test(test_croston_known),
      cmocka_unit_test(test_ets_loglik_ann),    cmocka_unit_test(test_ets_loglik_mnn),
      cmocka_unit_test(test_ets_interval_aan),  cmocka_unit_test(test_ets_auto_seasonal),
      cmocka_unit_test(test_seasonality),       cmocka_unit_test(test_naive2),
      cmocka_unit_test(test_metrics),           cmocka_unit_test(test_missing),
      cmocka_unit_test(test_simulation_repeatable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
