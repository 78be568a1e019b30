/* Unit tests of the plan module: grid decoding (snake order), scenario
 * tables, application semantics, Pareto front. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ecoscale/plan.h"

/* A tiny LP: min x + 2y, r1: x + y >= 4 (LO), r2: x - y = 1 (FX),
 * r3: y <= 10 (UP); 0 <= x <= 8, y >= 0. */
static eco_plan_model *tiny(void) {
  glp_prob *lp = glp_create_prob();
  glp_add_rows(lp, 3);
  glp_add_cols(lp, 2);
  glp_set_row_name(lp, 1, "r1");
  glp_set_row_bnds(lp, 1, GLP_LO, 4, 0);
  glp_set_row_name(lp, 2, "r2");
  glp_set_row_bnds(lp, 2, GLP_FX, 1, 1);
  glp_set_row_name(lp, 3, "r3");
  glp_set_row_bnds(lp, 3, GLP_UP, 0, 10);
  glp_set_col_name(lp, 1, "x");
  glp_set_col_bnds(lp, 1, GLP_DB, 0, 8);
  glp_set_obj_coef(lp, 1, 1);
  glp_set_col_name(lp, 2, "y");
  glp_set_col_bnds(lp, 2, GLP_LO, 0, 0);
  glp_set_obj_coef(lp, 2, 2);
  int ia[] = {0, 1, 1, 2, 2, 3}, ja[] = {0, 1, 2, 1, 2, 2};
  double ar[] = {0, 1, 1, 1, -1, 1};
  glp_load_matrix(lp, 5, ia, ja, ar);
  eco_plan_model *m = NULL;
  assert_int_equal(eco_plan_model_wrap(lp, "tiny", &m), ECO_OK);
  return m;
}

static void grid_snake_order(void **state) {
  (void)state;
  eco_plan_model *m = tiny();
  eco_plan_scenarios *s = NULL;
  assert_int_equal(eco_plan_scenarios_grid_create(
                       "col:x:cost=1:3:1; row:r1:rhs*=0.5,1; col:y:ub=2:8:2",
                       "test", m, NULL, &s),
                   ECO_OK);
  assert_int_equal(eco_plan_scenarios_count(s), 3 * 2 * 4);
  assert_int_equal(eco_plan_scenarios_nparams(s), 3);
  assert_string_equal(eco_plan_scenarios_param_name(s, 1), "row:r1:rhs*");
  assert_true(eco_plan_scenarios_param_is_cost(s, 0));
  assert_false(eco_plan_scenarios_param_is_cost(s, 1));
  double prev[3], cur[3];
  int seen[3][2][4] = {{{0}}};
  for (int64_t k = 0; k < 24; k++) {
    assert_int_equal(eco_plan_scenarios_params(s, k, cur), ECO_OK);
    int a = (int)cur[0] - 1, b = cur[1] == 1, c = (int)cur[2] / 2 - 1;
    seen[a][b][c]++;
    if (k > 0) { /* exactly one parameter moves, by one step */
      int changed = 0;
      for (int j = 0; j < 3; j++)
        changed += cur[j] != prev[j];
      assert_int_equal(changed, 1);
    }
    memcpy(prev, cur, sizeof cur);
  }
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 2; b++)
      for (int c = 0; c < 4; c++)
        assert_int_equal(seen[a][b][c], 1);
  /* the first scenarios: last axis fastest, then back */
  eco_plan_scenarios_params(s, 3, cur);
  assert_true(cur[0] == 1 && cur[1] == 0.5 && cur[2] == 8);
  eco_plan_scenarios_params(s, 4, cur);
  assert_true(cur[0] == 1 && cur[1] == 1 && cur[2] == 8);
  eco_plan_scenarios_destroy(&s);
  eco_plan_model_destroy(&m);
}

static void grid_range_values(void **state) {
  (void)state;
  eco_plan_model *m = tiny();
  eco_plan_scenarios *s = NULL;
  assert_int_equal(
      eco_plan_scenarios_grid_create("row:r1:rhs*=0.9:1.1:0.05", "t", m, NULL, &s),
      ECO_OK);
  assert_int_equal(eco_plan_scenarios_count(s), 5);
  double v;
  eco_plan_scenarios_params(s, 2, &v);
  assert_true(v == 1.0); /* 0.9 + 2 * 0.05 without float noise */
  eco_plan_scenarios_params(s, 4, &v);
  assert_true(v == 1.1);
  eco_plan_scenarios_destroy(&s);
  eco_plan_model_destroy(&m);
}

static void grid_errors(void **state) {
  (void)state;
  eco_plan_model *m = tiny();
  eco_plan_scenarios *s = NULL;
  const char *bad[] = {"row:r9:rhs=1",     "col:x:rhs=1",     "x:cost=1",
                       "col:x:cost",       "col:x:cost=1:2",  "col:x:cost=2:1:1",
                       "col:x:cost=1,,2",  "col:x:lb=inf",    "col:x:ub=-inf",
                       "col:q*:cost=1",    "col:x:cost=nan",  "; ;"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    eco_status st = eco_plan_scenarios_grid_create(bad[i], "t", m, NULL, &s);
    assert_int_equal(st, ECO_ERR_INPUT);
    assert_null(s);
    eco_error_clear();
  }
  eco_plan_model_destroy(&m);
}

static void apply_semantics(void **state) {
  (void)state;
  eco_plan_model *m = tiny();
  glp_prob *lp = eco_plan_model_lp(m);
  eco_plan_scenarios *s = NULL;
  const char *csv = "scenario,row:r1:rhs,row:r*:rhs*,\"col:x:cost\",col:y:ub\n"
                    "a,6,2,,5\n"
                    "\n"
                    "b,,,3,\n";
  assert_int_equal(
      eco_plan_scenarios_csv_create(csv, strlen(csv), "s.csv", m, &s), ECO_OK);
  assert_int_equal(eco_plan_scenarios_count(s), 2);
  /* a: r1 set to 6 then every r* scaled by 2: r1 = 12, r2 = 2, r3 ub = 20 */
  assert_int_equal(eco_plan_scenarios_apply(s, 0, m), ECO_OK);
  assert_true(glp_get_row_lb(lp, 1) == 12 && glp_get_row_type(lp, 1) == GLP_LO);
  assert_true(glp_get_row_lb(lp, 2) == 2 && glp_get_row_ub(lp, 2) == 2);
  assert_true(glp_get_row_ub(lp, 3) == 20 && glp_get_row_type(lp, 3) == GLP_UP);
  assert_true(glp_get_col_ub(lp, 2) == 5 && glp_get_col_type(lp, 2) == GLP_DB);
  assert_true(glp_get_obj_coef(lp, 1) == 1);
  /* b: everything else back to base, cost of x = 3 */
  assert_int_equal(eco_plan_scenarios_apply(s, 1, m), ECO_OK);
  assert_true(glp_get_row_lb(lp, 1) == 4 && glp_get_row_lb(lp, 2) == 1);
  assert_true(glp_get_row_ub(lp, 3) == 10);
  assert_true(glp_get_col_type(lp, 2) == GLP_LO);
  assert_true(glp_get_obj_coef(lp, 1) == 3);
  double p[4];
  eco_plan_scenarios_params(s, 1, p);
  assert_true(isnan(p[0]) && p[2] == 3);
  eco_plan_scenarios_restore(s, m);
  assert_true(glp_get_obj_coef(lp, 1) == 1);
  eco_plan_scenarios_destroy(&s);

  /* solving: warm chunk equals cold, crossed bounds are infeasible */
  eco_plan_sweep_options o;
  memset(&o, 0, sizeof o);
  o.chunk = 4;
  o.warm = 1;
  o.scale = 1;
  eco_plan_result base, r[3], c[3];
  assert_int_equal(eco_plan_base_solve(m, &o, &base), ECO_OK);
  assert_int_equal(base.status, ECO_PLAN_OPTIMAL);
  assert_true(fabs(base.objective - (2.5 + 2 * 1.5)) < 1e-12);
  assert_int_equal(eco_plan_scenarios_grid_create("col:x:lb=0,9,1", "t", m, NULL, &s),
                   ECO_OK);
  assert_int_equal(eco_plan_chunk_solve(m, s, &o, 0, 3, r, NULL, NULL), ECO_OK);
  o.warm = 0;
  assert_int_equal(eco_plan_chunk_solve(m, s, &o, 0, 3, c, NULL, NULL), ECO_OK);
  assert_int_equal(r[1].status, ECO_PLAN_INFEASIBLE); /* lb 9 > ub 8 */
  for (int i = 0; i < 3; i += 2) {
    assert_int_equal(r[i].status, ECO_PLAN_OPTIMAL);
    assert_true(fabs(r[i].objective - c[i].objective) < 1e-12);
  }
  eco_plan_scenarios_destroy(&s);
  eco_plan_model_destroy(&m);
}

static void csv_errors(void **state) {
  (void)state;
  eco_plan_model *m = tiny();
  eco_plan_scenarios *s = NULL;
  const char *bad[] = {"row:r1:rhs\nabc\n", "row:r1:rhs,col:x:cost\n1\n",
                       "row:zz:rhs\n1\n", "row:r1:rhs\n", "",
                       "row:r1:rhs\n\"1\n"};
  const char *where[] = {"s.csv:2:1", "s.csv:2", "s.csv:1:1", "no scenarios",
                         "empty", "s.csv:2"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    eco_status st =
        eco_plan_scenarios_csv_create(bad[i], strlen(bad[i]), "s.csv", m, &s);
    assert_int_equal(st, ECO_ERR_INPUT);
    assert_non_null(strstr(eco_error_message(), where[i]));
    eco_error_clear();
  }
  eco_plan_model_destroy(&m);
}

static void forecast_axis(void **state) {
  (void)state;
  eco_plan_model *m = tiny();
  glp_prob *lp = eco_plan_model_lp(m);
  const char *names[] = {"p10", "p50", "p90"};
  int rows[] = {1, 3}; /* r1 (LO), r3 (UP) */
  double values[] = {3, 9, 4, 10, 5, 11};
  eco_plan_rowvalues fc = {3, names, 2, rows, values, "test forecast"};
  eco_plan_scenarios *s = NULL;
  assert_int_equal(eco_plan_scenarios_grid_create(
                       "col:x:cost=1,2; forecast=p90,p10", "t", m, &fc, &s),
                   ECO_OK);
  assert_true(eco_plan_scenarios_uses_rowvalues(s));
  assert_int_equal(eco_plan_scenarios_count(s), 4);
  assert_string_equal(eco_plan_scenarios_param_name(s, 1), "forecast:p90|p10");
  double p[2];
  eco_plan_scenarios_params(s, 1, p); /* x cost 1, second variant: p10 */
  assert_true(p[0] == 1 && p[1] == 1);
  assert_int_equal(eco_plan_scenarios_apply(s, 1, m), ECO_OK);
  assert_true(glp_get_row_lb(lp, 1) == 3 && glp_get_row_ub(lp, 3) == 9);
  assert_int_equal(eco_plan_scenarios_apply(s, 0, m), ECO_OK); /* p90 */
  assert_true(glp_get_row_lb(lp, 1) == 5 && glp_get_row_ub(lp, 3) == 11);
  eco_plan_scenarios_destroy(&s);
  /* unknown variant, no forecast */
  assert_int_equal(eco_plan_scenarios_grid_create("forecast=p99", "t", m, &fc, &s),
                   ECO_ERR_INPUT);
  eco_error_clear();
  assert_int_equal(eco_plan_scenarios_grid_create("forecast=p50", "t", m, NULL, &s),
                   ECO_ERR_INPUT);
  eco_error_clear();
  eco_plan_model_destroy(&m);
}

static void pareto_front(void **state) {
  (void)state;
  eco_plan_result r[6];
  memset(r, 0, sizeof r);
  double cost[] = {10, 8, 12, 8, 20, 5};
  double em[] = {5, 7, 4, 6, 1, 9};
  for (int i = 0; i < 6; i++) {
    r[i].index = i;
    r[i].cost = cost[i];
    r[i].emissions = em[i];
  }
  r[5].status = ECO_PLAN_INFEASIBLE;
  int64_t idx[6], n = 0;
  eco_plan_pareto(r, 6, idx, &n);
  /* (8,6) (10,5) (12,4) (20,1); (8,7) is dominated, 5 not optimal */
  assert_int_equal(n, 4);
  assert_int_equal(idx[0], 3);
  assert_int_equal(idx[1], 0);
  assert_int_equal(idx[2], 2);
  assert_int_equal(idx[3], 4);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(grid_snake_order), cmocka_unit_test(grid_range_values),
      cmocka_unit_test(grid_errors),      cmocka_unit_test(apply_semantics),
      cmocka_unit_test(csv_errors),       cmocka_unit_test(forecast_axis),
      cmocka_unit_test(pareto_front),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  MPI_Finalize();
  return rc;
}
