/* The built-in production-planning LP family (see docs/plan.md, "Model").
 *
 * Plants pl1..plP make products pr1..prI in periods 1..T, ship them to
 * regions rg1..rgR, keep stock, work overtime and backlog unmet demand.
 * Energy per unit drives per-period energy columns (priced per period) and,
 * with each plant's grid intensity, the `emissions` column whose cost is the
 * carbon price: objective = cost + carbon_price * emissions. Dirtier plants
 * are cheaper, so the carbon price moves production between plants. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plan_impl.h"

typedef struct {
  int P, I, R, T;
  /* rows */
  int r_cap, r_ot, r_store, r_bal, r_dem, r_en, r_entot, r_em, nrows;
  /* columns */
  int c_make, c_over, c_stock, c_ship, c_back, c_en, c_entot, c_em, ncols;
} layout;

static void layout_init(layout *L, const eco_plan_family_params *p) {
  L->P = p->plants;
  L->I = p->products;
  L->R = p->regions;
  L->T = p->periods;
  int P = L->P, I = L->I, R = L->R, T = L->T;
  int r = 1;
  L->r_cap = r, r += P * T;
  L->r_ot = r, r += P * T;
  L->r_store = r, r += P * T;
  L->r_bal = r, r += P * I * T;
  L->r_dem = r, r += I * R * T;
  L->r_en = r, r += T;
  L->r_entot = r, r += 1;
  L->r_em = r, r += 1;
  L->nrows = r - 1;
  int c = 1;
  L->c_make = c, c += P * I * T;
  L->c_over = c, c += P * I * T;
  L->c_stock = c, c += P * I * T;
  L->c_ship = c, c += P * I * R * T;
  L->c_back = c, c += I * R * T;
  L->c_en = c, c += T;
  L->c_entot = c, c += 1;
  L->c_em = c, c += 1;
  L->ncols = c - 1;
}

#define PT(p, t) ((p) * L->T + (t))
#define PIT(p, i, t) (((p) * L->I + (i)) * L->T + (t))
#define IRT(i, r, t) (((i) * L->R + (r)) * L->T + (t))
#define PIRT(p, i, r, t) ((((p) * L->I + (i)) * L->R + (r)) * L->T + (t))

#define NAME_MAX_LEN 64

/* Names of n entities: the given ones (checked: 1..63 characters of
 * [A-Za-z0-9_.-], no duplicates) or prefix1..prefixN. */
static eco_status name_table(const char *const *given, int n, const char *prefix,
                             char (**out)[NAME_MAX_LEN]) {
  char(*t)[NAME_MAX_LEN] = NULL;
  ECO_CALL(eco_calloc((size_t)n, NAME_MAX_LEN, &t));
  for (int i = 0; i < n; i++) {
    if (!given) {
      snprintf(t[i], NAME_MAX_LEN, "%s%d", prefix, i + 1);
      continue;
    }
    const char *g = given[i];
    size_t L = strlen(g);
    int ok = L > 0 && L < NAME_MAX_LEN;
    for (size_t k = 0; ok && k < L; k++)
      ok = isalnum((unsigned char)g[k]) || g[k] == '_' || g[k] == '.' ||
           g[k] == '-';
    for (int j = 0; ok && j < i; j++)
      ok = strcmp(t[j], g) != 0;
    if (!ok) {
      eco_free(&t);
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "name '%s' (%s names): 1 to %d characters of "
                           "letters, digits, '_', '.', '-', each name once",
                           g, prefix[0] == 'r' ? "region" : "product",
                           NAME_MAX_LEN - 1);
    }
    memcpy(t[i], g, L + 1);
  }
  *out = t;
  return ECO_OK;
}

/* 6 significant digits: short, exact text in the written files. */
static double strtod_round(double x) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.6g", x);
  return strtod(buf, NULL);
}

static double unif(eco_rng *g, double a, double b) {
  return a + (b - a) * eco_rng_uniform(g);
}

eco_status eco_plan_family_build(const eco_plan_family_params *p,
                                 glp_prob *lp) {
  ECO_CHECK(p && lp, ECO_ERR_INTERNAL, "eco_plan_family_build: NULL argument");
  ECO_CHECK(p->plants >= 1 && p->products >= 1 && p->regions >= 1 &&
                p->periods >= 1,
            ECO_ERR_INPUT, "plants, products, regions and periods must be >= 1");
  ECO_CHECK(p->utilization > 0 && p->max_unmet >= 0 && p->carbon_price >= 0,
            ECO_ERR_INPUT,
            "utilization must be > 0, max_unmet and carbon_price >= 0");
  layout Lv, *L = &Lv;
  layout_init(L, p);
  int P = L->P, I = L->I, R = L->R, T = L->T;
  ECO_CHECK((double)P * I * R * T < 5e7, ECO_ERR_INPUT,
            "model too large: %d plants x %d products x %d regions x %d "
            "periods shipping columns",
            P, I, R, T);

  /* region and product names: given, or rg1.. / pr1.. */
  char (*rn)[NAME_MAX_LEN] = NULL, (*pn)[NAME_MAX_LEN] = NULL;
  ECO_CALL(name_table(p->region_names, R, "rg", &rn));
  eco_status nst = name_table(p->product_names, I, "pr", &pn);
  if (nst != ECO_OK) {
    eco_free(&rn);
    return nst;
  }
#define RN(r) rn[r]
#define PN(i) pn[i]

  /* ---- data, all from counter-based streams keyed by entity ---- */
  double *cap = NULL, *hours = NULL, *cost = NULL, *kwh = NULL, *proc = NULL,
         *grid = NULL, *hold = NULL, *pen = NULL, *dist = NULL, *dem = NULL,
         *price = NULL, *store = NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(double), &cap), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(double), &grid), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(double), &store), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P * I, sizeof(double), &hours), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P * I, sizeof(double), &cost), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P * I, sizeof(double), &kwh), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P * I, sizeof(double), &proc), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)I, sizeof(double), &hold), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)I, sizeof(double), &pen), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P * R, sizeof(double), &dist), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)I * R * T, sizeof(double), &dem), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)T, sizeof(double), &price), done);

  uint64_t seed = (uint64_t)p->seed;
  eco_rng g;
  double mean_hours = 0;
  for (int i = 0; i < I; i++) {
    eco_rng_init(&g, seed, ECO_RNG_GENERATE, 1000000u + (uint64_t)i);
    double base_cost = unif(&g, 5, 20);
    double base_kwh = unif(&g, 1, 10);
    hold[i] = unif(&g, 0.05, 0.15) * base_cost;
    pen[i] = unif(&g, 1.5, 3.0) * base_cost;
    for (int q = 0; q < P; q++) {
      eco_rng h;
      eco_rng_init(&h, seed, ECO_RNG_GENERATE,
                   2000000u + (uint64_t)q * (uint64_t)I + (uint64_t)i);
      hours[q * I + i] = unif(&h, 0.5, 2.0);
      kwh[q * I + i] = base_kwh * unif(&h, 0.7, 1.3);
      proc[q * I + i] = unif(&h, 0.0, 0.004);
      cost[q * I + i] = base_cost * unif(&h, 0.9, 1.1); /* scaled below */
      mean_hours += hours[q * I + i] / (P * I);
    }
  }
  double total_cap = 0;
  for (int q = 0; q < P; q++) {
    eco_rng_init(&g, seed, ECO_RNG_GENERATE, 3000000u + (uint64_t)q);
    cap[q] = unif(&g, 500, 1500);
    grid[q] = unif(&g, 0.0001, 0.0009); /* t CO2e per kWh */
    store[q] = cap[q] * unif(&g, 0.5, 1.0);
    /* dirtier plants are cheaper */
    double f = 1.3 - 0.5 * (grid[q] - 0.0001) / 0.0008;
    for (int i = 0; i < I; i++)
      cost[q * I + i] *= f;
    for (int r = 0; r < R; r++)
      dist[q * R + r] = unif(&g, 50, 1000);
    total_cap += cap[q];
  }
  for (int t = 0; t < T; t++) {
    eco_rng_init(&g, seed, ECO_RNG_GENERATE, 4000000u + (uint64_t)t);
    price[t] = unif(&g, 0.08, 0.30); /* per kWh */
  }
  /* demand: mean total per period = utilization * capacity / mean hours */
  double per_period = p->utilization * total_cap / mean_hours;
  for (int i = 0; i < I; i++)
    for (int r = 0; r < R; r++) {
      eco_rng_init(&g, seed, ECO_RNG_GENERATE,
                   5000000u + (uint64_t)i * (uint64_t)R + (uint64_t)r);
      double share = unif(&g, 0.5, 1.5) / (I * R);
      double phase = unif(&g, 0, 2 * M_PI);
      for (int t = 0; t < T; t++) {
        double season = 1 + 0.3 * sin(2 * M_PI * t / 12.0 + phase);
        double noise = 1 + 0.1 * eco_rng_normal(&g);
        double d = per_period * share * season * (noise > 0.2 ? noise : 0.2);
        dem[IRT(i, r, t)] = round(d * 100) / 100;
      }
    }

  /* ---- the LP ---- */
  glp_erase_prob(lp);
  glp_set_prob_name(lp, "ecoscale_production_planning");
  glp_set_obj_name(lp, "total_cost");
  glp_set_obj_dir(lp, GLP_MIN);
  glp_add_rows(lp, L->nrows);
  glp_add_cols(lp, L->ncols);
  char name[320];
  for (int q = 0; q < P; q++)
    for (int t = 0; t < T; t++) {
      snprintf(name, sizeof name, "cap_pl%d_%d", q + 1, t + 1);
      glp_set_row_name(lp, L->r_cap + PT(q, t), name);
      glp_set_row_bnds(lp, L->r_cap + PT(q, t), GLP_UP, 0, cap[q]);
      snprintf(name, sizeof name, "overtime_pl%d_%d", q + 1, t + 1);
      glp_set_row_name(lp, L->r_ot + PT(q, t), name);
      glp_set_row_bnds(lp, L->r_ot + PT(q, t), GLP_UP, 0, 0.2 * cap[q]);
      snprintf(name, sizeof name, "storage_pl%d_%d", q + 1, t + 1);
      glp_set_row_name(lp, L->r_store + PT(q, t), name);
      glp_set_row_bnds(lp, L->r_store + PT(q, t), GLP_UP, 0, store[q]);
    }
  for (int q = 0; q < P; q++)
    for (int i = 0; i < I; i++)
      for (int t = 0; t < T; t++) {
        snprintf(name, sizeof name, "balance_pl%d_%s_%d", q + 1, PN(i), t + 1);
        glp_set_row_name(lp, L->r_bal + PIT(q, i, t), name);
        glp_set_row_bnds(lp, L->r_bal + PIT(q, i, t), GLP_FX, 0, 0);
      }
  for (int i = 0; i < I; i++)
    for (int r = 0; r < R; r++)
      for (int t = 0; t < T; t++) {
        snprintf(name, sizeof name, "demand_%s_%s_%d", RN(r), PN(i), t + 1);
        glp_set_row_name(lp, L->r_dem + IRT(i, r, t), name);
        double d = dem[IRT(i, r, t)];
        glp_set_row_bnds(lp, L->r_dem + IRT(i, r, t), GLP_FX, d, d);
      }
  for (int t = 0; t < T; t++) {
    snprintf(name, sizeof name, "energy_def_%d", t + 1);
    glp_set_row_name(lp, L->r_en + t, name);
    glp_set_row_bnds(lp, L->r_en + t, GLP_FX, 0, 0);
  }
  glp_set_row_name(lp, L->r_entot, "energy_total");
  glp_set_row_bnds(lp, L->r_entot, GLP_FX, 0, 0);
  glp_set_row_name(lp, L->r_em, "emissions_def");
  glp_set_row_bnds(lp, L->r_em, GLP_FX, 0, 0);

  size_t nzmax = (size_t)P * I * T * (4 + 4 + 3) + (size_t)P * I * R * T * 3 +
                 (size_t)I * R * T * 2 + (size_t)T * 2 + 4;
  int *ia = NULL, *ja = NULL;
  double *ar = NULL;
  ECO_CALL_GOTO(st, eco_malloc((nzmax + 1) * sizeof(int), &ia), done);
  ECO_CALL_GOTO(st, eco_malloc((nzmax + 1) * sizeof(int), &ja), done);
  ECO_CALL_GOTO(st, eco_malloc((nzmax + 1) * sizeof(double), &ar), done);
  size_t nz = 0;
#define NZ(row, col, val)                                                      \
  do {                                                                         \
    nz++;                                                                      \
    ia[nz] = (row);                                                            \
    ja[nz] = (col);                                                            \
    ar[nz] = (val);                                                            \
  } while (0)
  for (int q = 0; q < P; q++)
    for (int i = 0; i < I; i++) {
      double h = hours[q * I + i], e = kwh[q * I + i];
      double em = proc[q * I + i] + e * grid[q];
      for (int t = 0; t < T; t++) {
        int cm = L->c_make + PIT(q, i, t), co = L->c_over + PIT(q, i, t);
        int cs = L->c_stock + PIT(q, i, t);
        snprintf(name, sizeof name, "make_pl%d_%s_%d", q + 1, PN(i), t + 1);
        glp_set_col_name(lp, cm, name);
        glp_set_col_bnds(lp, cm, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, cm, round(cost[q * I + i] * 1e4) / 1e4);
        NZ(L->r_cap + PT(q, t), cm, h);
        NZ(L->r_bal + PIT(q, i, t), cm, 1);
        NZ(L->r_en + t, cm, e);
        NZ(L->r_em, cm, em);
        snprintf(name, sizeof name, "over_pl%d_%s_%d", q + 1, PN(i), t + 1);
        glp_set_col_name(lp, co, name);
        glp_set_col_bnds(lp, co, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, co, round(1.5 * cost[q * I + i] * 1e4) / 1e4);
        NZ(L->r_ot + PT(q, t), co, h);
        NZ(L->r_bal + PIT(q, i, t), co, 1);
        NZ(L->r_en + t, co, 1.1 * e);
        NZ(L->r_em, co, proc[q * I + i] + 1.1 * e * grid[q]);
        snprintf(name, sizeof name, "stock_pl%d_%s_%d", q + 1, PN(i), t + 1);
        glp_set_col_name(lp, cs, name);
        glp_set_col_bnds(lp, cs, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, cs, round(hold[i] * 1e4) / 1e4);
        NZ(L->r_bal + PIT(q, i, t), cs, -1);
        if (t + 1 < T)
          NZ(L->r_bal + PIT(q, i, t + 1), cs, 1);
        NZ(L->r_store + PT(q, t), cs, 1);
        for (int r = 0; r < R; r++) {
          int cp = L->c_ship + PIRT(q, i, r, t);
          snprintf(name, sizeof name, "ship_pl%d_%s_%s_%d", q + 1, PN(i), RN(r),
                   t + 1);
          glp_set_col_name(lp, cp, name);
          glp_set_col_bnds(lp, cp, GLP_LO, 0, 0);
          glp_set_obj_coef(lp, cp, round(dist[q * R + r] * 0.004 * 1e4) / 1e4);
          NZ(L->r_bal + PIT(q, i, t), cp, -1);
          NZ(L->r_dem + IRT(i, r, t), cp, 1);
          NZ(L->r_em, cp, dist[q * R + r] * 0.00005);
        }
      }
    }
  for (int i = 0; i < I; i++)
    for (int r = 0; r < R; r++) {
      double total = 0;
      for (int t = 0; t < T; t++)
        total += dem[IRT(i, r, t)];
      for (int t = 0; t < T; t++) {
        int cb = L->c_back + IRT(i, r, t);
        snprintf(name, sizeof name, "backlog_%s_%s_%d", RN(r), PN(i), t + 1);
        glp_set_col_name(lp, cb, name);
        if (t + 1 == T)
          glp_set_col_bnds(lp, cb, p->max_unmet > 0 ? GLP_DB : GLP_FX, 0,
                           round(p->max_unmet * total * 100) / 100);
        else
          glp_set_col_bnds(lp, cb, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, cb, round(pen[i] * 1e4) / 1e4);
        NZ(L->r_dem + IRT(i, r, t), cb, 1);
        if (t + 1 < T)
          NZ(L->r_dem + IRT(i, r, t + 1), cb, -1);
      }
    }
  for (int t = 0; t < T; t++) {
    int ce = L->c_en + t;
    snprintf(name, sizeof name, "energy_%d", t + 1);
    glp_set_col_name(lp, ce, name);
    glp_set_col_bnds(lp, ce, GLP_LO, 0, 0);
    glp_set_obj_coef(lp, ce, round(price[t] * 1e4) / 1e4);
    NZ(L->r_en + t, ce, -1);
    NZ(L->r_entot, ce, 1);
  }
  glp_set_col_name(lp, L->c_entot, "energy");
  glp_set_col_bnds(lp, L->c_entot, GLP_LO, 0, 0);
  NZ(L->r_entot, L->c_entot, -1);
  glp_set_col_name(lp, L->c_em, "emissions");
  glp_set_col_bnds(lp, L->c_em, GLP_LO, 0, 0);
  glp_set_obj_coef(lp, L->c_em, p->carbon_price);
  NZ(L->r_em, L->c_em, -1);
#undef NZ
  /* keep coefficients short in text files (exactly representable there) */
  for (size_t k = 1; k <= nz; k++)
    ar[k] = (fabs(ar[k]) == 1) ? ar[k] : strtod_round(ar[k]);
  glp_load_matrix(lp, (int)nz, ia, ja, ar);

done:
  eco_free(&rn);
  eco_free(&pn);
  eco_free(&ia);
  eco_free(&ja);
  eco_free(&ar);
  eco_free(&cap);
  eco_free(&hours);
  eco_free(&cost);
  eco_free(&kwh);
  eco_free(&proc);
  eco_free(&grid);
  eco_free(&hold);
  eco_free(&pen);
  eco_free(&dist);
  eco_free(&dem);
  eco_free(&price);
  eco_free(&store);
  return st;
}

eco_status eco_plan_family_write(const eco_plan_family_params *p,
                                 const char *path) {
  ECO_CHECK(path && path[0], ECO_ERR_USAGE, "no output file given (-o)");
  eco_plan_glpk_hooks_install();
  eco_plan_glpk_context("writing the model", -1);
  glp_prob *lp = glp_create_prob();
  eco_status st = eco_plan_family_build(p, lp);
  if (st != ECO_OK) {
    glp_delete_prob(lp);
    eco_error_trace(__FILE__, __LINE__, "eco_plan_family_build(p, lp)");
    return st;
  }
  size_t n = strlen(path);
  int is_lp = n >= 3 && strcasecmp(path + n - 3, ".lp") == 0;
  for (int k = 0; is_lp && k < 2; k++) {
    const char *const *names = k ? p->product_names : p->region_names;
    int cnt = k ? p->products : p->regions;
    for (int i = 0; names && i < cnt; i++)
      if (strchr(names[i], '-')) {
        glp_delete_prob(lp);
        return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                             "name '%s' has a '-', which CPLEX LP files "
                             "cannot hold (GLPK would rename it): write "
                             "free MPS (-o NAME.mps)",
                             names[i]);
      }
  }
  plan_glpk_capture_reset();
  int rc = is_lp ? glp_write_lp(lp, NULL, path)
                 : glp_write_mps(lp, GLP_MPS_FILE, NULL, path);
  glp_delete_prob(lp);
  ECO_CHECK(rc == 0, ECO_ERR_IO, "cannot write %s: %s", path,
            plan_glpk_captured());
  return ECO_OK;
}
