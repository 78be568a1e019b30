/* Unit tests of the supply module: CFLP readers (good and each malformed
 * case), allocation (LP against the MIP, single-source feasibility), the
 * GLPK MIP reference, and the GA reaching the MIP optimum on a tiny
 * instance (one rank). */
#include "supply_test.h"

static void test_orlib_good(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_orlib(SUPPLY_DATA "/small_orlib.txt", 30, &p), ECO_OK);
  assert_int_equal(p->m, 3);
  assert_int_equal(p->n, 4);
  assert_true(p->capacity[0] == 100 && p->capacity[1] == 80 && p->capacity[2] == 30);
  assert_true(p->fixed[0] == 50.5 && p->fixed[2] == 30 * 0 + p->fixed[2]);
  assert_true(p->demand[0] == 10 && p->demand[1] == 20 && p->demand[2] == 15 && p->demand[3] == 5);
  /* cost[i*n + j]: customer 2 (j = 1) has costs 4, 5, 6 wrapped over two lines */
  assert_true(p->cost[0 * 4 + 1] == 4 && p->cost[1 * 4 + 1] == 5 && p->cost[2 * 4 + 1] == 6);
  assert_true(p->cost[2 * 4 + 3] == 12);
  assert_true(p->emis[0] == 0);
  assert_int_equal(eco_supply_cflp_read_emission_factors(p, SUPPLY_DATA "/small_emissions.csv"), ECO_OK);
  assert_true(fabs(p->emis[0 * 4 + 1] - 0.5 * 4) < 1e-12);
  assert_true(fabs(p->emis[2 * 4 + 3] - 1.0 * 12) < 1e-12);
  eco_supply_cflp_destroy(&p);
  assert_null(p);
}

static void test_orlib_bad(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  /* the word 'capacity' without a value */
  expect_input_error(eco_supply_cflp_read_orlib(SUPPLY_DATA "/small_orlib.txt", 0, &p),
                     "small_orlib.txt:4", "[supply] capacity");
  assert_null(p);
  expect_input_error(eco_supply_cflp_read_orlib("/nonexistent/x.txt", 0, &p), "/nonexistent/x.txt",
                     "cannot open");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("empty.txt", ""), 0, &p), "empty.txt:1",
                     "number of sites");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("hdr.txt", "3 x\n"), 0, &p), "hdr.txt:1",
                     "number of customers");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("frac.txt", "2.5 3\n"), 0, &p), "frac.txt:1",
                     "whole number");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("zero.txt", "0 3\n"), 0, &p), "zero.txt:1",
                     "number of sites");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("cap.txt", "2 1\n10 5\n-3 4\n"), 0, &p),
                     "cap.txt:3", "capacity of site 2");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("fix.txt", "2 1\n10 5\n3 abc\n"), 0, &p),
                     "fix.txt:3", "fixed cost of site 2");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("dem.txt", "1 2\n10 5\n4\n1.0\n-1\n"), 0, &p),
                     "dem.txt:5", "demand of customer 2");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("cost.txt", "2 1\n10 5\n10 5\n4\n1.0 nan\n"), 0, &p),
                     "cost.txt:5", "cost 2 of 2 of customer 1");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("trunc.txt", "2 2\n10 5\n10 5\n4\n1.0 2.0\n3\n1.0\n"), 0, &p),
                     "trunc.txt", "unexpected end of file");
  expect_input_error(eco_supply_cflp_read_orlib(write_tmp("extra.txt", "1 1\n10 5\n4\n1.0\n7\n"), 0, &p),
                     "extra.txt:5", "after the last customer");
  assert_null(p);
}

static void test_emission_factors_bad(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_orlib(SUPPLY_DATA "/small_orlib.txt", 30, &p), ECO_OK);
  expect_input_error(eco_supply_cflp_read_emission_factors(p, write_tmp("e1.csv", "site,f\n1,2\n")),
                     "e1.csv:1", "'factor'");
  expect_input_error(eco_supply_cflp_read_emission_factors(p, write_tmp("e2.csv", "site,factor\n1,2\n4,1\n")),
                     "e2.csv:3", "site number 1..3");
  expect_input_error(eco_supply_cflp_read_emission_factors(p, write_tmp("e3.csv", "site,factor\n1,2\n1,1\n")),
                     "e3.csv:3", "listed twice");
  expect_input_error(eco_supply_cflp_read_emission_factors(p, write_tmp("e4.csv", "site,factor\n1,2\n2,-1\n")),
                     "e4.csv:3", "emission factor");
  expect_input_error(eco_supply_cflp_read_emission_factors(p, write_tmp("e5.csv", "site,factor\n1,2\n2,1\n")),
                     "e5.csv", "no emission factor for site 3");
  eco_supply_cflp_destroy(&p);
}

static void test_csv_good_and_bad(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_csv(SUPPLY_DATA "/sites.csv", SUPPLY_DATA "/customers.csv", 2.0, &p),
                   ECO_OK);
  assert_int_equal(p->m, 3);
  assert_int_equal(p->n, 5);
  /* S2 (10,0) to C2 (9,1): distance sqrt(2), demand 40, cost 2 per unit-distance */
  double d = sqrt(2.0);
  assert_true(fabs(p->cost[1 * 5 + 1] - 2.0 * 40 * d) < 1e-9);
  assert_true(fabs(p->emis[1 * 5 + 1] - 0.1 * 40 * d) < 1e-9);
  assert_true(p->capacity[2] == 150 && p->fixed[1] == 400);
  eco_supply_cflp_destroy(&p);
  const char *cu = SUPPLY_DATA "/customers.csv";
  expect_input_error(eco_supply_cflp_read_csv(write_tmp("s1.csv", "id,x,y,capacity,fixed_cost\nA,0,0,1,1\n"), cu, 1, &p),
                     "s1.csv:1", "missing column 'emission_factor'");
  expect_input_error(eco_supply_cflp_read_csv(write_tmp("s2.csv", "id,x,y,capacity,fixed_cost,emission_factor\nA,0,0,0,1,1\n"), cu, 1, &p),
                     "s2.csv:2", "capacity > 0");
  expect_input_error(eco_supply_cflp_read_csv(write_tmp("s3.csv", "id,x,y,capacity,fixed_cost,emission_factor\nA,0,0,5,1,1\n\nA,1,1,5,1,1\n"), cu, 1, &p),
                     "s3.csv:4", "duplicate site id 'A'");
  expect_input_error(eco_supply_cflp_read_csv(write_tmp("s4.csv", "id,x,y,capacity,fixed_cost,emission_factor\nA,0,zero,5,1,1\n"), cu, 1, &p),
                     "s4.csv:2", "column 'y'");
  expect_input_error(eco_supply_cflp_read_csv(write_tmp("s5.csv", "id,x,y,capacity,fixed_cost,emission_factor\n"), cu, 1, &p),
                     "s5.csv", "no data rows");
  expect_input_error(eco_supply_cflp_read_csv(SUPPLY_DATA "/sites.csv", write_tmp("c1.csv", "id,x,y,demand\nC1,1,1,-4\n"), 1, &p),
                     "c1.csv:2", "demand >= 0");
  expect_input_error(eco_supply_cflp_read_csv(SUPPLY_DATA "/sites.csv", write_tmp("c2.csv", "id,x,y,demand\nC1,1,1\n"), 1, &p),
                     "c2.csv:2", "column 'demand'");
  assert_null(p);
}

/* The LP allocation of the MIP's open set gives the MIP objective, and the
 * MIP is no worse than any allocation the GA evaluator finds. */
static void test_alloc_against_mip(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_orlib(SUPPLY_DATA "/tiny10x30.txt", 0, &p), ECO_OK);
  unsigned char *open = malloc((size_t)p->m);
  eco_supply_cflp_eval mev, ev;
  double bound;
  int optimal;
  assert_int_equal(eco_supply_cflp_mip(p, 0, 0.0, 60, open, NULL, &mev, &bound, &optimal), ECO_OK);
  assert_true(optimal);
  for (int kind = ECO_SUPPLY_ALLOC_FLOW; kind <= ECO_SUPPLY_ALLOC_LP; kind++) {
    eco_supply_alloc *a = NULL;
    assert_int_equal(eco_supply_alloc_create(p, kind, 0.0, eco_supply_cflp_default_penalty(p, 0), &a), ECO_OK);
    /* evaluate a few other open sets first so the MIP's set is a warm start */
    unsigned char *tmp = malloc((size_t)p->m);
    for (int k = 0; k < 5; k++) {
      for (int i = 0; i < p->m; i++) tmp[i] = (unsigned char)((i + k) % 3 != 0);
      assert_int_equal(eco_supply_alloc_eval(a, tmp, NULL, &ev), ECO_OK);
      assert_true(ev.objective >= mev.objective - 1e-6);
    }
    double *x = malloc(sizeof(double) * p->m * p->n);
    assert_int_equal(eco_supply_alloc_eval(a, open, x, &ev), ECO_OK);
    assert_true(ev.feasible);
    assert_true(fabs(ev.objective - mev.objective) <= 1e-6 * mev.objective);
    /* the allocation serves every customer once and respects capacities */
    for (int j = 0; j < p->n; j++) {
      double s = 0;
      for (int i = 0; i < p->m; i++) s += x[(size_t)i * p->n + j];
      assert_true(fabs(s - 1) < 1e-9);
    }
    for (int i = 0; i < p->m; i++) {
      double l = 0;
      for (int j = 0; j < p->n; j++) l += x[(size_t)i * p->n + j] * p->demand[j];
      assert_true(l <= p->capacity[i] * (1 + 1e-9) + 1e-9);
      if (!open[i]) assert_true(l == 0);
    }
    /* all closed: graded penalty, infeasible */
    memset(tmp, 0, (size_t)p->m);
    assert_int_equal(eco_supply_alloc_eval(a, tmp, NULL, &ev), ECO_OK);
    assert_false(ev.feasible);
    assert_true(ev.unmet > 0);
    eco_supply_alloc_destroy(&a);
    assert_null(a);
    free(x);
    free(tmp);
  }
  double *x = malloc(sizeof(double) * p->m * p->n);
  eco_supply_alloc *a = NULL;

  /* single sourcing: every customer at exactly one open site; the single
   * MIP is >= the multi MIP; the heuristic is >= the single MIP */
  eco_supply_cflp_eval sev;
  unsigned char *sopen = malloc((size_t)p->m);
  assert_int_equal(eco_supply_cflp_mip(p, 1, 0.0, 60, sopen, NULL, &sev, &bound, &optimal), ECO_OK);
  assert_true(optimal);
  assert_true(sev.objective >= mev.objective - 1e-6);
  assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_SINGLE, 0.0, eco_supply_cflp_default_penalty(p, 0), &a), ECO_OK);
  assert_int_equal(eco_supply_alloc_eval(a, sopen, x, &ev), ECO_OK);
  assert_true(ev.objective >= sev.objective - 1e-6);
  if (ev.feasible)
    for (int j = 0; j < p->n; j++) {
      int cnt = 0;
      for (int i = 0; i < p->m; i++)
        if (x[(size_t)i * p->n + j] == 1.0) cnt++, assert_true(sopen[i]);
      assert_int_equal(cnt, 1);
    }
  eco_supply_alloc_destroy(&a);
  free(x);
  free(open);
  free(sopen);
  eco_supply_cflp_destroy(&p);
}

/* The min-cost flow and GLPK's simplex solve the same transportation
 * problem: equal objectives on many random open sets (tight capacities,
 * infeasible sets with unmet demand included), with emissions priced. */
static void test_flow_equals_lp(void **state) {
  (void)state;
  const char *files[] = {SUPPLY_DATA "/tiny10x30.txt", SUPPLY_DATA "/tight12x40.txt", NULL};
  eco_supply_cflp *p = NULL;
  for (int f = 0; f < 3; f++) {
    if (files[f])
      assert_int_equal(eco_supply_cflp_read_orlib(files[f], 0, &p), ECO_OK);
    else
      assert_int_equal(eco_supply_cflp_read_csv(SUPPLY_DATA "/sites.csv", SUPPLY_DATA "/customers.csv", 1.0, &p), ECO_OK);
    double cp = files[f] ? 0.0 : 30.0, pen = eco_supply_cflp_default_penalty(p, cp);
    eco_supply_cflp_eval opt;
    double bnd;
    int isopt;
    assert_int_equal(eco_supply_cflp_mip(p, 0, cp, 60, NULL, NULL, &opt, &bnd, &isopt), ECO_OK);
    eco_supply_alloc *fa = NULL, *la = NULL;
    assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_FLOW, cp, pen, &fa), ECO_OK);
    assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_LP, cp, pen, &la), ECO_OK);
    unsigned char *open = malloc((size_t)p->m);
    eco_rng r;
    eco_rng_init(&r, 3, ECO_RNG_TEST, (uint64_t)f);
    int infeasible = 0;
    for (int t = 0; t < 300; t++) {
      double rate = eco_rng_uniform(&r);
      for (int i = 0; i < p->m; i++) open[i] = eco_rng_uniform(&r) < rate;
      eco_supply_cflp_eval e1, e2;
      assert_int_equal(eco_supply_alloc_eval(fa, open, NULL, &e1), ECO_OK);
      assert_int_equal(eco_supply_alloc_eval(la, open, NULL, &e2), ECO_OK);
      if (fabs(e1.objective - e2.objective) > 1e-7 * (1 + e2.objective))
        fail_msg("flow %.10f != lp %.10f (trial %d)", e1.objective, e2.objective, t);
      assert_true(fabs(e1.unmet - e2.unmet) <= 1e-7 * (1 + e2.unmet));
      assert_int_equal(e1.feasible, e2.feasible);
      infeasible += !e1.feasible;
      /* an infeasible candidate never looks better than the optimum, even
       * when it lacks a single unit of capacity */
      if (!e1.feasible) assert_true(e1.objective > opt.objective);
      else assert_true(e1.objective >= opt.objective * (1 - 1e-9));
    }
    assert_true(infeasible > 0 && infeasible < 300); /* both kinds of sets were tried */
    /* the optimum minus one site: often just short of capacity */
    unsigned char *oo = malloc((size_t)p->m);
    assert_int_equal(eco_supply_cflp_mip(p, 0, cp, 60, oo, NULL, &opt, &bnd, &isopt), ECO_OK);
    for (int i = 0; i < p->m; i++) {
      if (!oo[i]) continue;
      oo[i] = 0;
      eco_supply_cflp_eval e1;
      assert_int_equal(eco_supply_alloc_eval(fa, oo, NULL, &e1), ECO_OK);
      if (!e1.feasible) assert_true(e1.objective > opt.objective);
      else assert_true(e1.objective >= opt.objective * (1 - 1e-9));
      oo[i] = 1;
    }
    free(oo);
    free(open);
    eco_supply_alloc_destroy(&fa);
    eco_supply_alloc_destroy(&la);
    eco_supply_cflp_destroy(&p);
  }
}

/* A candidate one unit short of capacity saves a whole fixed cost, far more
 * than the per-unit penalty: it must still rank behind every feasible one. */
static void test_infeasible_ranks_last(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_orlib(write_tmp("short.txt", "2 1\n99 100\n99 100\n100\n1 1\n"), 0, &p), ECO_OK);
  unsigned char both[2] = {1, 1}, one[2] = {1, 0};
  for (int kind = ECO_SUPPLY_ALLOC_FLOW; kind <= ECO_SUPPLY_ALLOC_LP; kind++) {
    eco_supply_alloc *a = NULL;
    assert_int_equal(eco_supply_alloc_create(p, kind, 0, eco_supply_cflp_default_penalty(p, 0), &a), ECO_OK);
    eco_supply_cflp_eval eb, e1;
    assert_int_equal(eco_supply_alloc_eval(a, both, NULL, &eb), ECO_OK);
    assert_int_equal(eco_supply_alloc_eval(a, one, NULL, &e1), ECO_OK);
    assert_true(eb.feasible); /* 201: both open, the customer split */
    assert_true(fabs(eb.objective - 201) < 1e-9);
    assert_false(e1.feasible);
    assert_true(e1.objective > eb.objective);
    eco_supply_alloc_destroy(&a);
  }
  /* single sourcing: one site with room for the customer vs an overload */
  eco_supply_cflp_destroy(&p);
  assert_int_equal(eco_supply_cflp_read_orlib(write_tmp("short1.txt", "2 2\n60 100\n60 100\n50\n1 1\n50\n1 1\n"), 0, &p), ECO_OK);
  eco_supply_alloc *a = NULL;
  assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_SINGLE, 0, eco_supply_cflp_default_penalty(p, 0), &a), ECO_OK);
  eco_supply_cflp_eval eb, e1;
  assert_int_equal(eco_supply_alloc_eval(a, both, NULL, &eb), ECO_OK);
  assert_int_equal(eco_supply_alloc_eval(a, one, NULL, &e1), ECO_OK);
  assert_true(eb.feasible && fabs(eb.objective - 202) < 1e-9);
  assert_false(e1.feasible);
  assert_true(e1.unmet == 40);
  assert_true(e1.objective > eb.objective);
  eco_supply_alloc_destroy(&a);
  eco_supply_cflp_destroy(&p);
}

/* With emissions and a carbon price, the objective is cost + price * emissions. */
static void test_carbon_price(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_csv(SUPPLY_DATA "/sites.csv", SUPPLY_DATA "/customers.csv", 1.0, &p),
                   ECO_OK);
  eco_supply_cflp_eval e0, e1;
  double b;
  int opt;
  assert_int_equal(eco_supply_cflp_mip(p, 0, 0.0, 60, NULL, NULL, &e0, &b, &opt), ECO_OK);
  assert_int_equal(eco_supply_cflp_mip(p, 0, 50.0, 60, NULL, NULL, &e1, &b, &opt), ECO_OK);
  assert_true(fabs(e1.objective - (e1.fixed + e1.assign + 50.0 * e1.emissions)) < 1e-6 * e1.objective);
  assert_true(e1.emissions <= e0.emissions + 1e-9); /* a carbon price never raises emissions */
  eco_supply_cflp_destroy(&p);
}

/* The generator is deterministic and writes a file the reader reads back. */
static void test_generate_roundtrip(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL, *q = NULL;
  assert_int_equal(eco_supply_cflp_generate(7, 13, 2.5, 42, &p), ECO_OK);
  char path[1024];
  snprintf(path, sizeof(path), "%s/gen.txt", tmpdir);
  assert_int_equal(eco_supply_cflp_write_orlib(p, path), ECO_OK);
  assert_int_equal(eco_supply_cflp_read_orlib(path, 0, &q), ECO_OK);
  assert_int_equal(q->m, 7);
  assert_int_equal(q->n, 13);
  double sd = 0, ss = 0;
  for (int j = 0; j < 13; j++) sd += q->demand[j];
  for (int i = 0; i < 7; i++) ss += q->capacity[i];
  assert_true(fabs(ss / sd - 2.5) < 0.1);
  for (size_t k = 0; k < 7 * 13; k++) assert_true(fabs(p->cost[k] - q->cost[k]) <= 1e-9 * (1 + p->cost[k]));
  eco_supply_cflp_destroy(&q);
  assert_int_equal(eco_supply_cflp_generate(7, 13, 2.5, 42, &q), ECO_OK);
  assert_memory_equal(p->cost, q->cost, sizeof(double) * 7 * 13);
  eco_supply_cflp_destroy(&p);
  eco_supply_cflp_destroy(&q);
  expect_input_error(eco_supply_cflp_generate(7, 13, 0.5, 42, &p), "ratio", NULL);
}

/* The GA reaches the MIP optimum on the tiny instance, and its history is
 * non-increasing in the best objective (elitism). */
static void test_ga_reaches_mip(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_orlib(SUPPLY_DATA "/tiny10x30.txt", 0, &p), ECO_OK);
  eco_supply_cflp_eval mev;
  double bound;
  int optimal;
  assert_int_equal(eco_supply_cflp_mip(p, 0, 0.0, 60, NULL, NULL, &mev, &bound, &optimal), ECO_OK);
  eco_supply_ga_params prm = {.islands = 3, .population = 20, .generations = 40, .tournament = 2,
                              .crossover = 0.9, .mutation = 0, .elite = 2, .migration_interval = 5,
                              .migrants = 2, .stall = 0, .time_limit = 0, .target = -1, .bound = -1,
                              .cache_size = 1024, .seed = 11};
  eco_supply_ga_result res;
  assert_int_equal(eco_supply_ga_cflp_run(eco_comm_world(), p, ECO_SUPPLY_ALLOC_FLOW, 0.0,
                                          eco_supply_cflp_default_penalty(p, 0), &prm, &res),
                   ECO_OK);
  assert_int_equal(res.generations, 40);
  assert_int_equal(res.nlocal, 3);
  assert_true(res.best_eval.feasible);
  assert_true(fabs(res.best - mev.objective) <= 1e-6 * mev.objective);
  for (int l = 0; l < 3; l++) {
    for (int g = 1; g <= 40; g++)
      assert_true(res.hist_best[l * 41 + g] <= res.hist_best[l * 41 + g - 1]);
    /* migration happened: sent and received counts */
    assert_int_equal(res.island_stats[l * ECO_SUPPLY_ISTATS + ECO_SUPPLY_IST_SENT], 2 * 8);
    assert_int_equal(res.island_stats[l * ECO_SUPPLY_ISTATS + ECO_SUPPLY_IST_RECEIVED], 2 * 7);
  }
  eco_supply_ga_result_free(&res);
  /* target stop: as soon as the best is <= the optimum */
  prm.target = mev.objective * (1 + 1e-9);
  assert_int_equal(eco_supply_ga_cflp_run(eco_comm_world(), p, ECO_SUPPLY_ALLOC_FLOW, 0.0,
                                          eco_supply_cflp_default_penalty(p, 0), &prm, &res),
                   ECO_OK);
  assert_int_equal(res.stop_reason, ECO_SUPPLY_STOP_TARGET);
  assert_true(res.generations < 40);
  eco_supply_ga_result_free(&res);
  eco_supply_cflp_destroy(&p);
}

/* Local search on the open set (priced add/drop/swap moves): from random
 * feasible open sets of the tight instance it never worsens the objective,
 * improves some, returns a feasible set whose evaluation a fresh solver
 * confirms, and solves its probes both ways (warm-started and from
 * scratch); from the all-open set with every move probed, no single drop
 * of its result improves it; the glpk allocation is refused. */
static void test_local_search(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_orlib(SUPPLY_DATA "/tight12x40.txt", 0, &p), ECO_OK);
  int m = p->m;
  double pen = eco_supply_cflp_default_penalty(p, 0);
  eco_supply_alloc *a = NULL, *fresh = NULL;
  assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_FLOW, 0, pen, &a), ECO_OK);
  assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_FLOW, 0, pen, &fresh), ECO_OK);
  eco_rng r;
  eco_rng_init(&r, 7, ECO_RNG_SUPPLY, 99);
  unsigned char open[64];
  int improved = 0, tried = 0;
  for (int t = 0; t < 1000 && tried < 60; t++) {
    for (int i = 0; i < m; i++) open[i] = eco_rng_uniform(&r) < 0.85;
    eco_supply_cflp_eval ev, ev0, chk;
    assert_int_equal(eco_supply_alloc_eval(a, open, NULL, &ev), ECO_OK);
    if (!ev.feasible) continue;
    tried++;
    ev0 = ev;
    int64_t ne = 0;
    assert_int_equal(eco_supply_alloc_improve(a, open, &ev, 4, 200, &ne), ECO_OK);
    assert_true(ne >= 0 && ne <= 200);
    assert_true(ev.feasible);
    assert_true(ev.objective <= ev0.objective);
    improved += ev.objective < ev0.objective;
    assert_int_equal(eco_supply_alloc_eval(fresh, open, NULL, &chk), ECO_OK);
    assert_true(fabs(chk.objective - ev.objective) <= 1e-9 * ev.objective);
  }
  assert_true(tried >= 30);
  assert_true(improved > 0);
  /* both ways of solving a probe ran (so the warm start is checked above) */
  int64_t warm = 0, scratch = 0;
  eco_supply_alloc_probes(a, &warm, &scratch);
  print_message("local search probes: %lld warm, %lld from scratch\n", (long long)warm, (long long)scratch);
  assert_true(warm > 0);
  assert_true(scratch > 0);
  /* from all open: no single drop of the result improves it */
  for (int i = 0; i < m; i++) open[i] = 1;
  eco_supply_cflp_eval ev, e2;
  int64_t ne = 0;
  assert_int_equal(eco_supply_alloc_eval(a, open, NULL, &ev), ECO_OK);
  assert_int_equal(eco_supply_alloc_improve(a, open, &ev, m * m, 100000, &ne), ECO_OK);
  for (int i = 0; i < m; i++) {
    if (!open[i]) continue;
    open[i] = 0;
    assert_int_equal(eco_supply_alloc_eval(fresh, open, NULL, &e2), ECO_OK);
    assert_true(!e2.feasible || e2.objective >= ev.objective * (1 - 1e-9));
    open[i] = 1;
  }
  /* the glpk allocation has no duals to price with: refused */
  eco_supply_alloc *lp = NULL;
  assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_LP, 0, pen, &lp), ECO_OK);
  assert_int_equal(eco_supply_alloc_improve(lp, open, &ev, 4, 10, &ne), ECO_ERR_INTERNAL);
  eco_supply_alloc_destroy(&lp);
  eco_supply_alloc_destroy(&a);
  eco_supply_alloc_destroy(&fresh);
  eco_supply_cflp_destroy(&p);
}

/* NSGA-II: the front found equals the exact Pareto front of (cost,
 * emissions) over all 2^10 open sets of the tiny instance, each evaluated
 * exactly; every front member is feasible and none dominates another. */
static void test_pareto_front(void **state) {
  (void)state;
  eco_supply_cflp *p = NULL;
  assert_int_equal(eco_supply_cflp_read_orlib(SUPPLY_DATA "/tiny10x30.txt", 0, &p), ECO_OK);
  assert_int_equal(eco_supply_cflp_read_emission_factors(p, SUPPLY_DATA "/tiny10x30_emissions.csv"), ECO_OK);
  int m = p->m;
  double pen = eco_supply_cflp_default_penalty(p, 0);
  eco_supply_alloc *a = NULL;
  assert_int_equal(eco_supply_alloc_create(p, ECO_SUPPLY_ALLOC_FLOW, 0, pen, &a), ECO_OK);
  int N = 1 << m, ne = 0;
  double *ec = malloc(sizeof(double) * N), *ee = malloc(sizeof(double) * N);
  unsigned char open[32];
  for (int mask = 0; mask < N; mask++) {
    for (int i = 0; i < m; i++) open[i] = (unsigned char)((mask >> i) & 1);
    eco_supply_cflp_eval ev;
    assert_int_equal(eco_supply_alloc_eval(a, open, NULL, &ev), ECO_OK);
    if (!ev.feasible) continue;
    ec[ne] = ev.fixed + ev.assign;
    ee[ne] = ev.emissions;
    ne++;
  }
  int nexact = 0;
  for (int u = 0; u < ne; u++) {
    int dominated = 0;
    for (int v = 0; v < ne && !dominated; v++)
      if (ec[v] <= ec[u] && ee[v] <= ee[u] && (ec[v] < ec[u] || ee[v] < ee[u])) dominated = 1;
    if (dominated) continue;
    int dup = 0;
    for (int v = 0; v < u && !dup; v++) dup = ec[v] == ec[u] && ee[v] == ee[u];
    nexact += !dup;
  }
  eco_supply_ga_params prm = {.islands = 4, .population = 20, .generations = 60, .tournament = 2,
                              .crossover = 0.9, .elite = 0, .migration_interval = 5, .migrants = 2,
                              .target = -1, .bound = -1, .cache_size = 1024, .seed = 2, .pareto = 1};
  eco_supply_ga_result res;
  assert_int_equal(eco_supply_ga_cflp_run(eco_comm_world(), p, ECO_SUPPLY_ALLOC_FLOW, 0, pen, &prm, &res), ECO_OK);
  assert_true(res.nfront >= 2);
  for (int k = 0; k < res.nfront; k++) {
    /* on the exact front */
    int found = 0;
    for (int u = 0; u < ne && !found; u++)
      found = fabs(ec[u] - res.front_cost[k]) <= 1e-9 * ec[u] && fabs(ee[u] - res.front_emis[k]) <= 1e-9 * (1 + ee[u]);
    assert_true(found);
    for (int u = 0; u < ne; u++)
      assert_false(ec[u] < res.front_cost[k] * (1 - 1e-12) && ee[u] < res.front_emis[k] * (1 - 1e-12));
    if (k) assert_true(res.front_cost[k] > res.front_cost[k - 1] && res.front_emis[k] < res.front_emis[k - 1]);
    /* the open set reproduces the point */
    eco_supply_cflp_eval ev;
    assert_int_equal(eco_supply_alloc_eval(a, res.front_open + (size_t)k * m, NULL, &ev), ECO_OK);
    assert_true(ev.feasible && fabs(ev.fixed + ev.assign - res.front_cost[k]) <= 1e-9 * res.front_cost[k]);
  }
  if (res.nfront != nexact) fail_msg("GA front has %d points, the exact front %d", res.nfront, nexact);
  eco_supply_ga_result_free(&res);
  free(ec);
  free(ee);
  eco_supply_alloc_destroy(&a);
  eco_supply_cflp_destroy(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_orlib_good),       cmocka_unit_test(test_orlib_bad),
      cmocka_unit_test(test_emission_factors_bad), cmocka_unit_test(test_csv_good_and_bad),
      cmocka_unit_test(test_alloc_against_mip), cmocka_unit_test(test_flow_equals_lp),
      cmocka_unit_test(test_infeasible_ranks_last), cmocka_unit_test(test_carbon_price),
      cmocka_unit_test(test_generate_roundtrip), cmocka_unit_test(test_ga_reaches_mip),
      cmocka_unit_test(test_pareto_front), cmocka_unit_test(test_local_search),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
