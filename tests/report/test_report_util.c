/* Unit tests of the report's small computations: calendar period indices
 * (against dates computed independently with Python's datetime) and the
 * cost-emissions Pareto front (against a brute-force dominance check). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "report_impl.h"

static void test_days(void **state) {
  (void)state;
  /* date.toordinal() - date(1970,1,1).toordinal() */
  assert_int_equal(rp_days_from_civil(1970, 1, 1), 0);
  assert_int_equal(rp_days_from_civil(1969, 12, 31), -1);
  assert_int_equal(rp_days_from_civil(2000, 2, 29), 11016);
  assert_int_equal(rp_days_from_civil(2000, 3, 1), 11017);
  assert_int_equal(rp_days_from_civil(2023, 1, 2), 19359);
  assert_int_equal(rp_days_from_civil(2024, 12, 31), 20088);
  assert_int_equal(rp_days_from_civil(1900, 3, 1), -25508);
}

static void test_period_index(void **state) {
  (void)state;
  assert_int_equal(rp_period_index("2023-01-02", 1), 19359);
  assert_int_equal(rp_period_index("2023-01-02", 2), 19359 / 7); /* 2765 */
  /* weeks of floor(days / 7) start on Thursdays (1970-01-01 was one) */
  assert_int_equal(rp_period_index("2023-01-04", 2), 2765); /* Wednesday */
  assert_int_equal(rp_period_index("2023-01-05", 2), 2766); /* Thursday */
  assert_int_equal(rp_period_index("1969-12-31", 2), -1);       /* floor, not truncation */
  assert_int_equal(rp_period_index("2023-03-15", 3), 12 * 2023 + 2);
  assert_true(rp_period_index("2023-01-02", 0) == RP_NO_TIME);
  assert_true(rp_period_index("02/01/2023", 2) == RP_NO_TIME);
  assert_true(rp_period_index("2023-13-01", 3) == RP_NO_TIME);
}

/* brute force: i is on the front if no finite j has c_j <= c_i, e_j <= e_i
 * with one strict (duplicates: the first by index only) */
static int on_front(int n, const double *c, const double *e, int i) {
  for (int j = 0; j < n; ++j) {
    if (j == i || !isfinite(c[j]) || !isfinite(e[j])) continue;
    if (c[j] <= c[i] && e[j] <= e[i] && (c[j] < c[i] || e[j] < e[i])) return 0;
    if (c[j] == c[i] && e[j] == e[i] && j < i) return 0;
  }
  return 1;
}

static void test_front(void **state) {
  (void)state;
  enum { N = 400 };
  double c[N], e[N], fc[N], fe[N];
  unsigned x = 12345;
  for (int trial = 0; trial < 20; ++trial) {
    for (int i = 0; i < N; ++i) {
      x = x * 1103515245u + 12345u;
      c[i] = (double)((x >> 8) % 50);
      x = x * 1103515245u + 12345u;
      e[i] = (double)((x >> 8) % 50);
      if (i % 37 == 5) e[i] = NAN; /* not optimal: ignored */
    }
    int64_t nf = 0;
    assert_int_equal(rp_pareto_front(N, c, e, fc, fe, &nf), ECO_OK);
    int expect = 0;
    for (int i = 0; i < N; ++i)
      if (isfinite(c[i]) && isfinite(e[i]) && on_front(N, c, e, i)) ++expect;
    assert_int_equal(nf, expect);
    for (int64_t k = 1; k < nf; ++k) {
      assert_true(fc[k] > fc[k - 1]); /* by increasing cost */
      assert_true(fe[k] < fe[k - 1]); /* and decreasing emissions */
    }
  }
  int64_t nf = -1;
  assert_int_equal(rp_pareto_front(0, c, e, fc, fe, &nf), ECO_OK);
  assert_int_equal(nf, 0);
}

static void test_range(void **state) {
  (void)state;
  double lo, hi;
  double v[4] = {NAN, 2.0, INFINITY, 2.0};
  rp_range(v, 4, &lo, &hi, 0.0); /* one finite value: widened, never empty */
  assert_true(lo < 2.0 && hi > 2.0);
  double none[2] = {NAN, NAN};
  rp_range(none, 2, &lo, &hi, 0.0);
  assert_true(isfinite(lo) && isfinite(hi) && lo < hi);
  double w[3] = {1, 5, 3};
  rp_range(w, 3, &lo, &hi, 0.25);
  assert_true(fabs(lo - 0.0) < 1e-12 && fabs(hi - 6.0) < 1e-12);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_days),
      cmocka_unit_test(test_period_index),
      cmocka_unit_test(test_front),
      cmocka_unit_test(test_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
