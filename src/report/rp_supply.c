/* Report of /supply: GA convergence per island, and what the chosen
 * network ships from each open site (quantity, emissions). */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

/* ------------------------------------------------------------------------ */
/* Convergence                                                              */
/* ------------------------------------------------------------------------ */

typedef struct {
  int64_t islands, G1;
  const double *best; /* islands x G1 */
  double mip;         /* NaN if none */
  int mip_optimal;
  int best_island;    /* -1 if unknown */
} conv_arg;

static void draw_convergence(const void *v) {
  const conv_arg *a = v;
  double y0, y1;
  rp_range(a->best, a->islands * a->G1, &y0, &y1, 0.0);
  if (isfinite(a->mip)) rp_range_merge(&y0, &y1, a->mip, a->mip);
  double pad = 0.05 * (y1 - y0);
  y0 -= pad;
  y1 += pad;
  double *x = malloc(sizeof(double) * (size_t)a->G1);
  if (!x) return;
  for (int64_t g = 0; g < a->G1; ++g) x[g] = (double)g;
  rp_axes(0, (double)(a->G1 > 1 ? a->G1 - 1 : 1), y0, y1, "generation",
          "best objective (cost incl. carbon price)", "Genetic algorithm: best objective per island");
  rp_legend_entry e[24];
  int ne = 0;
  for (int64_t i = 0; i < a->islands; ++i) {
    int col = rp_cat_color((int)i);
    rp_line(a->G1, x, a->best + i * a->G1, col, i == a->best_island ? 2.8 : 1.8, 1);
    if (ne < 20) {
      static char names[20][48];
      snprintf(names[ne], sizeof names[ne], "island %lld%s", (long long)i,
               i == a->best_island ? " (best)" : "");
      e[ne] = (rp_legend_entry){names[ne], col, 1, -1, -1, NULL};
      ++ne;
    }
  }
  if (isfinite(a->mip)) {
    double mx[2] = {0, (double)(a->G1 > 1 ? a->G1 - 1 : 1)}, my[2] = {a->mip, a->mip};
    rp_line(2, mx, my, RP_C_GREY, 1.5, 2);
    e[ne++] = (rp_legend_entry){a->mip_optimal ? "GLPK MIP optimum" : "GLPK MIP (best found)",
                                RP_C_GREY, 2, -1, -1, NULL};
  }
  rp_legend(ne, e, PL_POSITION_TOP | PL_POSITION_RIGHT);
  free(x);
}

/* ------------------------------------------------------------------------ */
/* Open sites: quantity and emissions shipped                               */
/* ------------------------------------------------------------------------ */

#define SITE_MAX 60
typedef struct {
  int n;
  int site[SITE_MAX];
  double qty[SITE_MAX], emis[SITE_MAX];
  int customers[SITE_MAX];
} sites_arg;

static void bars(int n, const double *v, int color, const int *site, const char *ylabel,
                 const char *title) {
  double lo = 0, hi;
  rp_range(v, n, &lo, &hi, 0.0);
  lo = 0;
  hi *= 1.1;
  pladv(0);
  plvpor(0.12, 0.96, 0.18, 0.84);
  plwind(0.4, n + 0.6, lo, hi);
  plcol0(RP_C_GRID);
  plbox("", 0.0, 0, "g", 0.0, 0);
  for (int i = 0; i < n; ++i) {
    double x0 = i + 1 - 0.35, x1 = i + 1 + 0.35;
    PLFLT px[4] = {x0, x0, x1, x1}, py[4] = {0, v[i], v[i], 0};
    plcol0(color);
    plfill(4, px, py);
  }
  plcol0(RP_C_FG);
  plbox("bc", 0.0, 0, "bcnstv", 0.0, 0);
  plschr(0.0, n > 20 ? 0.6 : 0.85);
  for (int i = 0; i < n; ++i) {
    char t[16];
    snprintf(t, sizeof t, "%d", site[i]);
    plmtex("b", 1.2, (i + 1 - 0.4) / (n + 0.2), 0.5, t);
  }
  plschr(0.0, 1.0);
  pllab("", ylabel, "");
  plmtex("b", 2.8, 0.5, 0.5, "open site (index in the instance)");
  plschr(0.0, 1.1);
  plmtex("t", 1.2, 0.5, 0.5, title);
  plschr(0.0, 1.0);
}

static void draw_sites(const void *v) {
  const sites_arg *a = v;
  plssub(1, 2);
  bars(a->n, a->qty, RP_C_BLUE, a->site, "units shipped", "Demand served by each open site");
  bars(a->n, a->emis, RP_C_GREEN_DARK, a->site, "emissions (instance units)",
       "Transport emissions of each open site");
  plssub(1, 1);
}

static eco_status sites(rp_ctx *rc) {
  if (!rp_exists(rc, "/supply/flows")) {
    rp_skip(rc, RP_SUPPLY, "site loads: the file has no /supply/flows");
    return ECO_OK;
  }
  int64_t k = 0, c = 0;
  double *fl = NULL;
  ECO_CALL(rp_read_mat(rc, "/supply/flows", &k, &c, &fl));
  eco_status st = ECO_OK;
  ECO_CHECK_GOTO(st, c == 6, ECO_ERR_INPUT, done,
                 "%s: /supply/flows has %lld columns, expected 6 (customer, site, fraction, "
                 "quantity, cost, emissions)",
                 rc->results, (long long)c);
  static sites_arg a;
  memset(&a, 0, sizeof a);
  int overflow = 0;
  for (int64_t r = 0; r < k; ++r) {
    double s = fl[r * 6 + 1];
    ECO_CHECK_GOTO(st, isfinite(s) && s >= 0 && s == floor(s) && s < 1e9, ECO_ERR_INPUT, done,
                   "%s: /supply/flows row %lld: site %g is not an index", rc->results,
                   (long long)r, s);
    int i = 0;
    while (i < a.n && a.site[i] != (int)s) ++i;
    if (i == a.n) {
      if (a.n == SITE_MAX) {
        overflow = 1;
        continue;
      }
      a.site[a.n++] = (int)s;
    }
    a.qty[i] += isfinite(fl[r * 6 + 3]) ? fl[r * 6 + 3] : 0;
    a.emis[i] += isfinite(fl[r * 6 + 5]) ? fl[r * 6 + 5] : 0;
    a.customers[i]++;
  }
  if (a.n == 0) {
    rp_skip(rc, RP_SUPPLY, "site loads: /supply/flows is empty");
    goto done;
  }
  /* by site index */
  for (int i = 1; i < a.n; ++i)
    for (int j = i; j > 0 && a.site[j] < a.site[j - 1]; --j) {
      int ts = a.site[j];
      a.site[j] = a.site[j - 1];
      a.site[j - 1] = ts;
      double tq = a.qty[j];
      a.qty[j] = a.qty[j - 1];
      a.qty[j - 1] = tq;
      double te = a.emis[j];
      a.emis[j] = a.emis[j - 1];
      a.emis[j - 1] = te;
      int tc = a.customers[j];
      a.customers[j] = a.customers[j - 1];
      a.customers[j - 1] = tc;
    }
  char cap[640];
  snprintf(cap, sizeof cap,
           "Units shipped (top) and their transport emissions (bottom) from each open site "
           "of the best solution, summed over the %lld customer-site flows%s.",
           (long long)k, overflow ? " (the first 60 sites only)" : "");
  st = rp_plot(rc, RP_SUPPLY, "supply_sites", "What each open site ships", cap, draw_sites, &a);
done:
  free(fl);
  return st;
}

/* ------------------------------------------------------------------------ */

eco_status rp_supply(rp_ctx *rc) {
  eco_status st = ECO_OK;
  const char *g = "/supply";
  double v = 0, w = 0;
  int p = 0, q = 0;
  char s[256];
  ECO_CALL(rp_attr_string(rc, g, "instance", s, sizeof s, &p));
  if (p) rp_fact_add(rc, RP_SUPPLY, "instance", "%s", s);
  ECO_CALL(rp_attr_double(rc, g, "open_sites", &v, &p));
  ECO_CALL(rp_attr_double(rc, g, "sites", &w, &q));
  if (p && q) rp_fact_add(rc, RP_SUPPLY, "open sites", "%.0f of %.0f", v, w);
  ECO_CALL(rp_attr_double(rc, g, "customers", &v, &p));
  if (p) rp_fact_add(rc, RP_SUPPLY, "customers", "%.0f", v);
  static const struct { const char *attr, *label; } nums[] = {
      {"objective", "objective"},         {"cost", "cost (fixed + transport)"},
      {"emissions", "emissions"},         {"carbon_price", "carbon price"}};
  for (size_t k = 0; k < sizeof nums / sizeof nums[0]; ++k) {
    ECO_CALL(rp_attr_double(rc, g, nums[k].attr, &v, &p));
    if (p) {
      char a[32];
      rp_num(v, a, sizeof a);
      rp_fact_add(rc, RP_SUPPLY, nums[k].label, "%s", a);
    }
  }
  ECO_CALL(rp_attr_double(rc, g, "feasible", &v, &p));
  if (p) rp_fact_add(rc, RP_SUPPLY, "feasible", "%s", v != 0 ? "yes" : "no (unmet demand or overload)");
  ECO_CALL(rp_attr_double(rc, "/supply/mip", "gap", &v, &p));
  if (p) rp_fact_add(rc, RP_SUPPLY, "gap to the GLPK MIP", "%.3f%%", 100.0 * v);
  ECO_CALL(rp_attr_string(rc, "/supply/stats", "stop_reason", s, sizeof s, &p));
  if (p) rp_fact_add(rc, RP_SUPPLY, "GA stopped by", "%s", s);

  if (!rp_exists(rc, "/supply/history/best")) {
    rp_skip(rc, RP_SUPPLY, "convergence: the file has no /supply/history/best");
  } else {
    conv_arg a;
    memset(&a, 0, sizeof a);
    double *best = NULL;
    ECO_CALL(rp_read_mat(rc, "/supply/history/best", &a.islands, &a.G1, &best));
    a.best = best;
    a.mip = NAN;
    a.best_island = -1;
    double mo = 0, opt = 0, bi = 0;
    int pm = 0, po = 0, pb = 0;
    st = rp_attr_double(rc, "/supply/mip", "objective", &mo, &pm);
    if (st == ECO_OK) st = rp_attr_double(rc, "/supply/mip", "optimal", &opt, &po);
    if (st == ECO_OK) st = rp_attr_double(rc, "/supply/stats", "best_island", &bi, &pb);
    if (pm) a.mip = mo;
    a.mip_optimal = po && opt != 0;
    if (pb) a.best_island = (int)bi;
    if (st == ECO_OK && (a.islands == 0 || a.G1 == 0)) {
      rp_skip(rc, RP_SUPPLY, "convergence: /supply/history/best is empty");
    } else if (st == ECO_OK) {
      char cap[640];
      snprintf(cap, sizeof cap,
               "Best objective on each of the %lld islands after each generation "
               "(generation 0 = the initial population); islands exchange their best "
               "individuals around a ring%s.",
               (long long)a.islands,
               isfinite(a.mip) ? "; the dashed line is GLPK's exact MIP objective" : "");
      st = rp_plot(rc, RP_SUPPLY, "supply_convergence", "Genetic algorithm convergence", cap,
                   draw_convergence, &a);
    }
    free(best);
    ECO_CALL(st);
  }
  ECO_CALL(sites(rc));
  rp_skip(rc, RP_SUPPLY,
          "network map: the results file stores no site or customer coordinates");
  return ECO_OK;
}
