/* Unit tests of the CVRP part of supply: the .vrp reader (EUC_2D and the
 * explicit formats give the same matrix; each malformed case names
 * file:line), the split against an enumeration of all segmentations, the
 * local search keeping tours valid and never worsening them, and the memetic
 * GA reaching the optimum of a tiny instance computed by brute force. */
#include "supply_test.h"

static void test_read_formats(void **state) {
  (void)state;
  eco_supply_cvrp *e = NULL, *x = NULL;
  assert_int_equal(eco_supply_cvrp_read(SUPPLY_DATA "/small5.vrp", &e), ECO_OK);
  assert_int_equal(e->n, 5);
  assert_true(e->capacity == 10);
  assert_true(e->dist[1] == 5);           /* (0,0)-(3,4): 5 */
  assert_true(e->dist[2] == 10);          /* (0,0)-(6,8): 10 */
  assert_true(e->dist[1 * 6 + 3] == 8);   /* (3,4)-(-5,2): sqrt(68) = 8.25 -> 8 */
  assert_true(e->dist[3 * 6 + 4] == 11);  /* (-5,2)-(1,-7): sqrt(117) = 10.8 -> 11 */
  assert_true(e->demand[5] == 6 && e->demand[0] == 0);
  const char *fmts[] = {"full_matrix", "lower_row", "lower_diag_row", "upper_row"};
  for (int k = 0; k < 4; k++) {
    char path[512];
    snprintf(path, sizeof(path), SUPPLY_DATA "/small5_%s.vrp", fmts[k]);
    assert_int_equal(eco_supply_cvrp_read(path, &x), ECO_OK);
    assert_int_equal(x->n, 5);
    assert_memory_equal(x->dist, e->dist, sizeof(double) * 36);
    assert_memory_equal(x->demand, e->demand, sizeof(double) * 6);
    assert_null(x->x);
    eco_supply_cvrp_destroy(&x);
  }
  eco_supply_cvrp_destroy(&e);
  assert_null(e);
}

#define HDR "NAME : t\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
#define COORD "NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\n"
#define DEM "DEMAND_SECTION\n1 0\n2 4\n3 5\n"
#define DEP "DEPOT_SECTION\n1\n-1\nEOF\n"

static void test_read_bad(void **state) {
  (void)state;
  eco_supply_cvrp *p = NULL;
  assert_int_equal(eco_supply_cvrp_read(write_tmp("ok.vrp", HDR COORD DEM DEP), &p), ECO_OK);
  assert_int_equal(p->n, 2);
  eco_supply_cvrp_destroy(&p);
  expect_input_error(eco_supply_cvrp_read("/nonexistent/a.vrp", &p), "/nonexistent/a.vrp", "cannot open");
  expect_input_error(eco_supply_cvrp_read(write_tmp("nocap.vrp",
      "TYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\n" COORD DEM DEP), &p), "nocap.vrp", "no CAPACITY");
  expect_input_error(eco_supply_cvrp_read(write_tmp("dim.vrp", "TYPE : CVRP\nDIMENSION : 2.5\n"), &p),
                     "dim.vrp:2", "DIMENSION");
  expect_input_error(eco_supply_cvrp_read(write_tmp("coord.vrp", HDR "NODE_COORD_SECTION\n1 0 0\n2 3 x\n"), &p),
                     "coord.vrp:8", "y coordinate");
  expect_input_error(eco_supply_cvrp_read(write_tmp("node.vrp", HDR "NODE_COORD_SECTION\n1 0 0\n7 3 4\n"), &p),
                     "node.vrp:8", "node number 1..3");
  expect_input_error(eco_supply_cvrp_read(write_tmp("big.vrp", HDR COORD "DEMAND_SECTION\n1 0\n2 4\n3 11\n" DEP), &p),
                     "big.vrp", "above the capacity");
  expect_input_error(eco_supply_cvrp_read(write_tmp("neg.vrp", HDR COORD "DEMAND_SECTION\n1 0\n2 -4\n3 1\n" DEP), &p),
                     "neg.vrp:12", "negative demand");
  expect_input_error(eco_supply_cvrp_read(write_tmp("dup.vrp", HDR COORD "DEMAND_SECTION\n1 0\n2 4\n2 1\n" DEP), &p),
                     "dup.vrp:13", "two demands");
  expect_input_error(eco_supply_cvrp_read(write_tmp("depot.vrp", HDR COORD "DEMAND_SECTION\n1 3\n2 4\n3 1\n" DEP), &p),
                     "depot.vrp", "depot (node 1) has demand");
  expect_input_error(eco_supply_cvrp_read(write_tmp("geo.vrp", "TYPE : CVRP\nEDGE_WEIGHT_TYPE : GEO\n"), &p),
                     "geo.vrp:2", "GEO");
  expect_input_error(eco_supply_cvrp_read(write_tmp("tsp.vrp", "TYPE : TSP\n"), &p), "tsp.vrp:1", "expected CVRP");
  expect_input_error(eco_supply_cvrp_read(write_tmp("two.vrp", HDR COORD DEM "DEPOT_SECTION\n1\n2\n-1\n"), &p),
                     "two.vrp:16", "only one depot");
  expect_input_error(eco_supply_cvrp_read(write_tmp("extra.vrp", HDR COORD "4 1 1\n" DEM DEP), &p),
                     "extra.vrp:10", "more entries than DIMENSION");
  expect_input_error(eco_supply_cvrp_read(write_tmp("nodem.vrp", HDR COORD DEP), &p), "nodem.vrp",
                     "no DEMAND_SECTION");
  expect_input_error(eco_supply_cvrp_read(write_tmp("asym.vrp",
      "TYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : FULL_MATRIX\nCAPACITY : 5\n"
      "EDGE_WEIGHT_SECTION\n0 3\n4 0\nDEMAND_SECTION\n1 0\n2 1\nEOF\n"), &p), "asym.vrp", "not symmetric");
  /* explicit weights with a DISPLAY_DATA_SECTION (as in CVRPLIB E-n13-k4) */
  assert_int_equal(eco_supply_cvrp_read(write_tmp("disp.vrp",
      "NAME : d\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : LOWER_ROW\n"
      "DISPLAY_DATA_TYPE : TWOD_DISPLAY\nCAPACITY : 5\nEDGE_WEIGHT_SECTION\n 7\n 9 4\n"
      "DISPLAY_DATA_SECTION\n 1 0 0\n 2 7 0\n 3 9 1\nDEMAND_SECTION\n1 0\n2 2\n3 3\nDEPOT_SECTION\n 1\n -1\nEOF\n"), &p),
                   ECO_OK);
  assert_true(p->dist[1] == 7 && p->dist[2] == 9 && p->dist[1 * 3 + 2] == 4 && p->dist[2 * 3 + 1] == 4);
  eco_supply_cvrp_destroy(&p);
  expect_input_error(eco_supply_cvrp_read(write_tmp("short.vrp",
      "TYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : LOWER_ROW\nCAPACITY : 5\n"
      "EDGE_WEIGHT_SECTION\n3 4\nDEMAND_SECTION\n"), &p), "short.vrp:8", "edge weight (3,2)");
  assert_null(p);
}

/* Minimal cost over all ways to cut `tour` into feasible consecutive routes. */
static double brute_split(const eco_supply_cvrp *p, const int *tour) {
  int n = p->n, N = n + 1;
  double best = INFINITY;
  for (unsigned mask = 0; mask < (1u << (n - 1)); mask++) { /* bit i: cut after position i */
    double cost = 0, load = 0;
    int prev = 0, ok = 1;
    for (int k = 0; k < n && ok; k++) {
      int c = tour[k];
      cost += p->dist[(size_t)prev * N + c];
      load += p->demand[c];
      if (load > p->capacity) ok = 0;
      prev = c;
      if (k == n - 1 || (mask >> k & 1u)) {
        cost += p->dist[(size_t)prev * N];
        prev = 0;
        load = 0;
      }
    }
    if (ok && cost < best) best = cost;
  }
  return best;
}

static int next_perm(int *a, int n) {
  int i = n - 2;
  while (i >= 0 && a[i] >= a[i + 1]) i--;
  if (i < 0) return 0;
  int j = n - 1;
  while (a[j] <= a[i]) j--;
  int t = a[i];
  a[i] = a[j];
  a[j] = t;
  for (int l = i + 1, r = n - 1; l < r; l++, r--) {
    t = a[l];
    a[l] = a[r];
    a[r] = t;
  }
  return 1;
}

/* The optimum of the tiny instance: the best split over all giant tours
 * (every solution's routes, concatenated, form a tour whose split is no
 * worse), checked against the split on random tours by segmentation. */
static double tiny_optimum(const eco_supply_cvrp *p) {
  int n = p->n;
  int *t = malloc(sizeof(int) * n), *pred = malloc(sizeof(int) * (n + 1));
  double *V = malloc(sizeof(double) * (n + 1)), best = INFINITY;
  for (int i = 0; i < n; i++) t[i] = i + 1;
  do {
    double c = eco_supply_cvrp_split(p, t, V, pred);
    if (c < best) best = c;
  } while (next_perm(t, n));
  free(t);
  free(pred);
  free(V);
  return best;
}

static void test_split(void **state) {
  (void)state;
  eco_supply_cvrp *p = NULL;
  assert_int_equal(eco_supply_cvrp_read(SUPPLY_DATA "/tiny8.vrp", &p), ECO_OK);
  int n = p->n;
  int *t = malloc(sizeof(int) * n), *pred = malloc(sizeof(int) * (n + 1)), *start = malloc(sizeof(int) * (n + 1));
  double *V = malloc(sizeof(double) * (n + 1));
  eco_rng r;
  eco_rng_init(&r, 1, ECO_RNG_TEST, 7);
  for (int trial = 0; trial < 50; trial++) {
    for (int i = 0; i < n; i++) t[i] = i + 1;
    for (int i = n - 1; i > 0; i--) {
      int j = (int)eco_rng_below(&r, (uint64_t)i + 1), x = t[i];
      t[i] = t[j];
      t[j] = x;
    }
    double c = eco_supply_cvrp_split(p, t, V, pred);
    assert_true(fabs(c - brute_split(p, t)) < 1e-9);
    int R = eco_supply_cvrp_split_routes(p, pred, start);
    assert_int_equal(start[0], 0);
    assert_int_equal(start[R], n);
    for (int k = 0; k < R; k++) {
      double l = 0;
      assert_true(start[k] < start[k + 1]);
      for (int q = start[k]; q < start[k + 1]; q++) l += p->demand[t[q]];
      assert_true(l <= p->capacity);
    }
  }
  free(t);
  free(pred);
  free(start);
  free(V);
  eco_supply_cvrp_destroy(&p);
}

static void test_local_search(void **state) {
  (void)state;
  eco_supply_cvrp *p = NULL;
  assert_int_equal(eco_supply_cvrp_read(SUPPLY_DATA "/../../../inputs/demo/supply/delivery30.vrp", &p), ECO_OK);
  int n = p->n;
  eco_supply_cvrp_ls *ls = NULL;
  assert_int_equal(eco_supply_cvrp_ls_create(p, 10, &ls), ECO_OK);
  int *t = malloc(sizeof(int) * n), *pred = malloc(sizeof(int) * (n + 1));
  double *V = malloc(sizeof(double) * (n + 1));
  unsigned char *seen = calloc((size_t)n + 1, 1);
  eco_rng r;
  eco_rng_init(&r, 2, ECO_RNG_TEST, 8);
  for (int trial = 0; trial < 20; trial++) {
    for (int i = 0; i < n; i++) t[i] = i + 1;
    for (int i = n - 1; i > 0; i--) {
      int j = (int)eco_rng_below(&r, (uint64_t)i + 1), x = t[i];
      t[i] = t[j];
      t[j] = x;
    }
    double before = eco_supply_cvrp_split(p, t, V, pred);
    double after = eco_supply_cvrp_ls_run(ls, t, &r);
    assert_true(after <= before + 1e-9);
    assert_true(fabs(after - eco_supply_cvrp_split(p, t, V, pred)) < 1e-9);
    memset(seen, 0, (size_t)n + 1);
    for (int i = 0; i < n; i++) {
      assert_true(t[i] >= 1 && t[i] <= n);
      assert_false(seen[t[i]]);
      seen[t[i]] = 1;
    }
  }
  /* OX gives a permutation that keeps a slice of the first parent */
  int *a = malloc(sizeof(int) * n), *b = malloc(sizeof(int) * n), *c = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) {
    a[i] = i + 1;
    b[i] = n - i;
  }
  eco_supply_cvrp_ox(n, a, b, c, seen, &r);
  int same = 0;
  memset(seen, 0, (size_t)n + 1);
  for (int i = 0; i < n; i++) {
    assert_false(seen[c[i]]);
    seen[c[i]] = 1;
    same += c[i] == a[i];
  }
  assert_true(same >= 1);
  free(a);
  free(b);
  free(c);
  free(t);
  free(pred);
  free(V);
  free(seen);
  eco_supply_cvrp_ls_destroy(&ls);
  eco_supply_cvrp_destroy(&p);
}

static void test_ga_reaches_optimum(void **state) {
  (void)state;
  eco_supply_cvrp *p = NULL;
  assert_int_equal(eco_supply_cvrp_read(SUPPLY_DATA "/tiny8.vrp", &p), ECO_OK);
  double opt = tiny_optimum(p);
  eco_supply_ga_params prm = {.islands = 2, .population = 10, .generations = 15, .tournament = 2,
                              .crossover = 0.9, .elite = 1, .migration_interval = 3, .migrants = 1,
                              .target = -1, .bound = opt, .seed = 3};
  eco_supply_cvrp_result res;
  assert_int_equal(eco_supply_ga_cvrp_run(eco_comm_world(), p, &prm, 20, &res), ECO_OK);
  if (fabs(res.best - opt) > 1e-9) fail_msg("GA best %.3f, brute-force optimum %.3f", res.best, opt);
  double *V = malloc(sizeof(double) * (p->n + 1));
  int *pred = malloc(sizeof(int) * (p->n + 1));
  assert_true(fabs(eco_supply_cvrp_split(p, res.best_tour, V, pred) - opt) < 1e-9);
  free(V);
  free(pred);
  eco_supply_cvrp_result_free(&res);
  eco_supply_cvrp_destroy(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_read_formats), cmocka_unit_test(test_read_bad),
      cmocka_unit_test(test_split), cmocka_unit_test(test_local_search),
      cmocka_unit_test(test_ga_reaches_optimum),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
