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

static void bars(int n, const double *v, int color, const int *site, const char *xlabel,
                 const char *ylabel, const char *title, double at_least) {
  double lo = 0, hi;
  rp_range(v, n, &lo, &hi, 0.0);
  lo = 0;
  if (isfinite(at_least) && at_least > hi) hi = at_least;
  hi *= 1.1;
  pladv(0);
  plvpor(0.12, 0.96, 0.18, 0.84);
  plwind(0.4, n + 0.6, lo, hi);
  plcol0(RP_C_GRID);
  plbox("", 0.0, 0, "g", 0.0, 0);
  for (int i = 0; i < n; ++i) {
    double x0 = i + 1 - 0.35, x1 = i + 1 + 0.35;
    if (!isfinite(v[i])) continue;
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
  plmtex("b", 2.8, 0.5, 0.5, xlabel);
  plschr(0.0, 1.1);
  plmtex("t", 1.2, 0.5, 0.5, title);
  plschr(0.0, 1.0);
}

static void draw_sites(const void *v) {
  const sites_arg *a = v;
  plssub(1, 2);
  bars(a->n, a->qty, RP_C_BLUE, a->site, "open site (index in the instance)", "units shipped",
       "Demand served by each open site", NAN);
  bars(a->n, a->emis, RP_C_GREEN_DARK, a->site, "open site (index in the instance)",
       "emissions (instance units)",
       "Transport emissions of each open site", NAN);
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
/* The chosen network on a map (coordinates from the run's CSV inputs)       */
/* ------------------------------------------------------------------------ */

typedef struct {
  int64_t m, n, k;
  const double *site; /* m x 3: x, y, capacity */
  const double *cust; /* n x 3: x, y, demand */
  const double *open; /* m */
  const double *flows; /* k x 6 */
  rp_box box;
} map_arg;

static void draw_map(const void *v) {
  const map_arg *a = v;
  rp_axes_aspect(a->box.x0, a->box.x1, a->box.y0, a->box.y1, "x (coordinate units of the instance)",
                 "y", "The chosen network");
  /* deliveries: customer -> site, thicker for a larger share */
  for (int64_t r = 0; r < a->k; ++r) {
    int64_t c = (int64_t)a->flows[r * 6], s = (int64_t)a->flows[r * 6 + 1];
    double f = a->flows[r * 6 + 2];
    double lx[2] = {a->cust[c * 3], a->site[s * 3]}, ly[2] = {a->cust[c * 3 + 1], a->site[s * 3 + 1]};
    rp_line(2, lx, ly, RP_C_GREEN_LIGHT, 0.6 + 1.6 * (isfinite(f) ? f : 1), 1);
  }
  plschr(0.0, 0.6);
  plcol0(RP_C_BLUE);
  for (int64_t c = 0; c < a->n; ++c)
    plstring(1, a->cust + c * 3, a->cust + c * 3 + 1, "●");
  for (int64_t s = 0; s < a->m; ++s) {
    int open = a->open[s] != 0;
    plschr(0.0, open ? 1.5 : 1.1);
    plcol0(open ? RP_C_GREEN_DARK : RP_C_GREY);
    plstring(1, a->site + s * 3, a->site + s * 3 + 1, open ? "■" : "□");
  }
  plschr(0.0, 1.0);
  rp_legend_entry e[4] = {{"open site", -1, 1, -1, RP_C_GREEN_DARK, "■"},
                          {"closed site", -1, 1, -1, RP_C_GREY, "□"},
                          {"customer", -1, 1, -1, RP_C_BLUE, "●"},
                          {"delivery", RP_C_GREEN_LIGHT, 1, -1, -1, NULL}};
  rp_legend(4, e, PL_POSITION_RIGHT | PL_POSITION_OUTSIDE);
}

/* Coordinates of sites and customers from the CSV inputs of the run (the
 * CSV variant: sites.csv id,x,y,capacity,...; customers.csv id,x,y,demand),
 * checked against their recorded sha256. */
static eco_status network_map(rp_ctx *rc, int64_t k, const double *flows) {
  if (!rp_exists(rc, "/supply/open") || !rp_exists(rc, "/supply/assignment")) {
    rp_skip(rc, RP_SUPPLY, "network map: the file has no /supply/open or /supply/assignment");
    return ECO_OK;
  }
  eco_status st = ECO_OK;
  double *open = NULL, *asg = NULL, *site = NULL, *cust = NULL;
  int64_t m = 0, n = 0, ms = 0, nc = 0;
  static char inputs[65536];
  int pr = 0;
  char why[ECO_STR_MAX + 128] = "the run recorded no CSV input with coordinates";
  ECO_CALL_GOTO(st, rp_read_vec(rc, "/supply/open", &m, &open), done);
  ECO_CALL_GOTO(st, rp_read_vec(rc, "/supply/assignment", &n, &asg), done);
  ECO_CALL_GOTO(st, rp_stage_inputs(rc, "supply", inputs, sizeof inputs, &pr), done);
  const char *cur = inputs;
  char path[ECO_STR_MAX], sha[65];
  static const char *const sn[3] = {"x", "y", "capacity"}, *const cn[3] = {"x", "y", "demand"};
  while ((!site || !cust) && rp_inputs_next(&cur, path, sizeof path, sha)) {
    if (!rp_input_check(path, sha, why, sizeof why)) continue;
    double *t = NULL;
    int64_t rows = 0;
    int ok = 0;
    if (!site) {
      ECO_CALL_GOTO(st, rp_csv_columns(path, 3, sn, &t, &rows, &ok), done);
      if (ok && rows == m) {
        site = t;
        ms = rows;
        continue;
      }
      free(t);
      t = NULL;
    }
    if (!cust) {
      ECO_CALL_GOTO(st, rp_csv_columns(path, 3, cn, &t, &rows, &ok), done);
      if (ok && rows == n) {
        cust = t;
        nc = rows;
        continue;
      }
      free(t);
    }
  }
  if (!site || !cust) {
    if (site || cust)
      snprintf(why, sizeof why, "only the %s of the instance have coordinates in its inputs",
               site ? "sites" : "customers");
    rp_skip(rc, RP_SUPPLY, "network map: %s", why);
    goto done;
  }
  static map_arg a;
  memset(&a, 0, sizeof a);
  a.m = ms;
  a.n = nc;
  a.k = k;
  a.site = site;
  a.cust = cust;
  a.open = open;
  a.flows = flows;
  a.box = RP_BOX_EMPTY;
  for (int pass = 0; pass < 2; ++pass) {
    const double *t = pass ? cust : site;
    int64_t rows = pass ? nc : ms;
    for (int64_t i = 0; i < rows; ++i) {
      double x = t[i * 3], y = t[i * 3 + 1];
      ECO_CHECK_GOTO(st, isfinite(x) && isfinite(y), ECO_ERR_INPUT, done,
                     "supply input: %s %lld has no numeric x, y", pass ? "customer" : "site",
                     (long long)i + 1);
      rp_box_add(&a.box, x, y);
    }
  }
  rp_box_pad(&a.box);
  for (int64_t r = 0; r < k; ++r) {
    double c = flows[r * 6], sidx = flows[r * 6 + 1];
    ECO_CHECK_GOTO(st, isfinite(c) && c >= 0 && c < (double)nc && c == floor(c), ECO_ERR_INPUT,
                   done, "%s: /supply/flows row %lld: customer %g is not an index below %lld",
                   rc->results, (long long)r, c, (long long)nc);
    ECO_CHECK_GOTO(st, sidx < (double)ms, ECO_ERR_INPUT, done,
                   "%s: /supply/flows row %lld: site %g is not an index below %lld",
                   rc->results, (long long)r, sidx, (long long)ms);
  }
  int64_t nopen = 0;
  for (int64_t i = 0; i < m; ++i) nopen += open[i] != 0;
  char cap[640];
  snprintf(cap, sizeof cap,
           "Candidate sites (%lld open of %lld) and the %lld customers at the coordinates of the "
           "run's input files; a line is a delivery, thicker for a larger share of the "
           "customer's demand.",
           (long long)nopen, (long long)m, (long long)nc);
  st = rp_plot(rc, RP_SUPPLY, "supply_map", "The chosen network", cap, draw_map, &a);
done:
  free(open);
  free(asg);
  free(site);
  free(cust);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Pareto front of cost and emissions (objective = pareto)                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  int64_t n;
  const double *cost, *emis;
  double best_cost, best_emis; /* the chosen solution; NaN if unknown */
} front_arg;

static void draw_front(const void *v) {
  const front_arg *a = v;
  double x0, x1, y0, y1;
  rp_range(a->cost, a->n, &x0, &x1, 0.08);
  rp_range(a->emis, a->n, &y0, &y1, 0.08);
  rp_axes(x0, x1, y0, y1, "cost: fixed + transport (instance units)",
          "emissions (instance units)", "Network designs: cost against emissions");
  rp_line(a->n, a->cost, a->emis, RP_C_ORANGE, 2.0, 1);
  plcol0(RP_C_GREEN_DARK);
  for (int64_t i = 0; i < a->n; ++i)
    if (isfinite(a->cost[i]) && isfinite(a->emis[i]))
      plstring(1, a->cost + i, a->emis + i, "●");
  int chosen = isfinite(a->best_cost) && isfinite(a->best_emis);
  if (chosen) {
    plschr(0.0, 1.8);
    plcol0(RP_C_BLUE);
    plstring(1, &a->best_cost, &a->best_emis, "○");
    plschr(0.0, 1.0);
  }
  rp_legend_entry e[2] = {{"Pareto front of the islands", RP_C_ORANGE, 1, -1, RP_C_GREEN_DARK, "●"},
                          {"written solution (lowest priced objective)", -1, 1, -1, RP_C_BLUE, "○"}};
  rp_legend(chosen ? 2 : 1, e, PL_POSITION_TOP | PL_POSITION_RIGHT);
}

static eco_status supply_front(rp_ctx *rc) {
  if (!rp_exists(rc, "/supply/pareto/cost") || !rp_exists(rc, "/supply/pareto/emissions"))
    return ECO_OK; /* only with objective = pareto */
  eco_status st = ECO_OK;
  double *c = NULL, *e = NULL;
  int64_t nc = 0;
  ECO_CALL(rp_read_vec_pair(rc, "/supply/pareto/cost", "/supply/pareto/emissions", &nc, &c, &e));
  if (nc == 0) {
    rp_skip(rc, RP_SUPPLY, "Pareto front: /supply/pareto/cost is empty");
    goto done;
  }
  front_arg a = {nc, c, e, NAN, NAN};
  double v = 0, w = 0;
  int p = 0, q = 0;
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/supply", "cost", &v, &p), done);
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/supply", "emissions", &w, &q), done);
  if (p && q) {
    a.best_cost = v;
    a.best_emis = w;
  }
  rp_fact_add(rc, RP_SUPPLY, "Pareto front", "%lld network designs", (long long)nc);
  char cap[640];
  snprintf(cap, sizeof cap,
           "The %lld non-dominated network designs found by the NSGA-II islands, by "
           "increasing cost: no other design is both cheaper and cleaner.",
           (long long)nc);
  st = rp_plot(rc, RP_SUPPLY, "supply_pareto", "Supply network: cost and emissions", cap,
               draw_front, &a);
done:
  free(c);
  free(e);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Routes (CVRP): load and length of each vehicle's route                   */
/* ------------------------------------------------------------------------ */

typedef struct {
  int n;
  int id[SITE_MAX];
  double load[SITE_MAX], dist[SITE_MAX];
  double capacity; /* NaN if unknown */
} routes_arg;

static void draw_routes(const void *v) {
  const routes_arg *a = v;
  plssub(1, 2);
  bars(a->n, a->load, RP_C_BLUE, a->id, "route", "load (demand units)", "Load of each route",
       a->capacity);
  if (isfinite(a->capacity)) {
    double x[2] = {0.4, a->n + 0.6}, y[2] = {a->capacity, a->capacity};
    rp_line(2, x, y, RP_C_ORANGE, 1.5, 2);
  }
  bars(a->n, a->dist, RP_C_GREEN_DARK, a->id, "route", "distance (instance units)",
       "Length of each route", NAN);
  plssub(1, 1);
}

/* Node coordinates of a TSPLIB/CVRPLIB file (NODE_COORD_SECTION "id x y"),
 * indexed by id (1..dim); NaN where absent. */
static eco_status vrp_coords(const char *path, int64_t maxid, double *xy, int *ok) {
  *ok = 0;
  FILE *fp = fopen(path, "r");
  if (!fp) return ECO_OK;
  for (int64_t i = 0; i <= maxid; ++i) xy[2 * i] = xy[2 * i + 1] = NAN;
  char line[1024];
  int in = 0, n = 0;
  while (fgets(line, sizeof line, fp)) {
    const char *t = line;
    while (*t == ' ' || *t == '\t') ++t;
    if (strncmp(t, "NODE_COORD_SECTION", 18) == 0) {
      in = 1;
      continue;
    }
    if (!in) continue;
    long id;
    double x, y;
    if (sscanf(t, "%ld %lf %lf", &id, &x, &y) != 3) break; /* next section */
    if (id >= 1 && id <= maxid) {
      xy[2 * id] = x;
      xy[2 * id + 1] = y;
      ++n;
    }
  }
  fclose(fp);
  *ok = n > 0;
  return ECO_OK;
}

typedef struct {
  int64_t n, R, maxid;
  const int64_t *start;
  const double *cust; /* customer ids in route order */
  const double *xy;   /* by id */
  int64_t depot;
  rp_box box;
} rmap_arg;

static void draw_route_map(const void *v) {
  const rmap_arg *a = v;
  rp_axes_aspect(a->box.x0, a->box.x1, a->box.y0, a->box.y1, "x (coordinate units of the instance)", "y",
                 "Vehicle routes");
  const double *d = a->xy + 2 * a->depot;
  for (int64_t r = 0; r < a->R; ++r) {
    double px[2050], py[2050];
    int m = 0;
    px[m] = d[0];
    py[m++] = d[1];
    for (int64_t k = a->start[r]; k < a->start[r + 1] && m < 2048; ++k) {
      int64_t id = (int64_t)a->cust[k];
      px[m] = a->xy[2 * id];
      py[m++] = a->xy[2 * id + 1];
    }
    px[m] = d[0];
    py[m++] = d[1];
    rp_line(m, px, py, rp_cat_color((int)r), 2.0, 1);
    plschr(0.0, 0.8);
    plcol0(rp_cat_color((int)r));
    for (int i = 1; i < m - 1; ++i) plstring(1, px + i, py + i, "●");
  }
  plschr(0.0, 1.8);
  plcol0(RP_C_FG);
  plstring(1, d, d + 1, "■");
  plschr(0.0, 1.0);
  rp_legend_entry e[16];
  static char names[16][32];
  int ne = 0;
  e[ne++] = (rp_legend_entry){"depot", -1, 1, -1, RP_C_FG, "■"};
  for (int64_t r = 0; r < a->R && ne < 13; ++r) {
    snprintf(names[ne], sizeof names[ne], "route %lld", (long long)r + 1);
    e[ne] = (rp_legend_entry){names[ne], rp_cat_color((int)r), 1, -1, rp_cat_color((int)r), "●"};
    ++ne;
  }
  rp_legend(ne, e, PL_POSITION_RIGHT | PL_POSITION_OUTSIDE);
}

/* Routes on a map: coordinates from the run's .vrp input (sha256 checked). */
static eco_status route_map(rp_ctx *rc) {
  if (!rp_exists(rc, "/supply/routes/customers") || !rp_exists(rc, "/supply/routes/start")) {
    rp_skip(rc, RP_SUPPLY, "route map: the file has no /supply/routes/customers or start");
    return ECO_OK;
  }
  eco_status st = ECO_OK;
  double *cust = NULL, *startd = NULL, *xy = NULL;
  int64_t *start = NULL;
  int64_t n = 0, ns = 0;
  ECO_CALL_GOTO(st, rp_read_vec(rc, "/supply/routes/customers", &n, &cust), done);
  ECO_CALL_GOTO(st, rp_read_vec(rc, "/supply/routes/start", &ns, &startd), done);
  double dep = 0;
  int pd = 0;
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/supply", "depot", &dep, &pd), done);
  int64_t maxid = pd ? (int64_t)dep : 0;
  for (int64_t k = 0; k < n; ++k) {
    ECO_CHECK_GOTO(st, isfinite(cust[k]) && cust[k] >= 1 && cust[k] < 1e9, ECO_ERR_INPUT, done,
                   "%s: /supply/routes/customers row %lld: %g is not a node id", rc->results,
                   (long long)k, cust[k]);
    if ((int64_t)cust[k] > maxid) maxid = (int64_t)cust[k];
  }
  ECO_CHECK_GOTO(st, ns >= 1 && startd[0] == 0 && startd[ns - 1] == (double)n, ECO_ERR_INPUT,
                 done, "%s: /supply/routes/start does not run from 0 to %lld", rc->results,
                 (long long)n);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int64_t) * (size_t)ns, &start), done);
  for (int64_t r = 0; r < ns; ++r) {
    start[r] = (int64_t)startd[r];
    ECO_CHECK_GOTO(st, r == 0 || start[r] >= start[r - 1], ECO_ERR_INPUT, done,
                   "%s: /supply/routes/start is not increasing at row %lld", rc->results,
                   (long long)r);
  }
  if (!pd) {
    rp_skip(rc, RP_SUPPLY, "route map: /supply has no 'depot' attribute");
    goto done;
  }
  static char inputs[65536];
  int pr = 0, ok = 0;
  char why[ECO_STR_MAX + 128] = "the run recorded no .vrp input";
  ECO_CALL_GOTO(st, rp_stage_inputs(rc, "supply", inputs, sizeof inputs, &pr), done);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * 2 * (size_t)(maxid + 1), &xy), done);
  const char *cur = inputs;
  char path[ECO_STR_MAX], sha[65];
  while (!ok && rp_inputs_next(&cur, path, sizeof path, sha)) {
    size_t pl = strlen(path);
    if (pl < 4 || strcmp(path + pl - 4, ".vrp") != 0) continue;
    if (!rp_input_check(path, sha, why, sizeof why)) continue;
    ECO_CALL_GOTO(st, vrp_coords(path, maxid, xy, &ok), done);
    if (!ok) snprintf(why, sizeof why, "the input %s has no NODE_COORD_SECTION", path);
  }
  if (ok) { /* every node of a route needs its coordinates */
    for (int64_t k = 0; k < n && ok; ++k) ok = isfinite(xy[2 * (int64_t)cust[k]]);
    if (!isfinite(xy[2 * (int64_t)dep])) ok = 0;
    if (!ok) snprintf(why, sizeof why, "the .vrp input lacks coordinates of some routed nodes");
  }
  if (!ok) {
    rp_skip(rc, RP_SUPPLY, "route map: %s", why);
    goto done;
  }
  static rmap_arg a;
  memset(&a, 0, sizeof a);
  a.n = n;
  a.R = ns - 1;
  a.maxid = maxid;
  a.start = start;
  a.cust = cust;
  a.xy = xy;
  a.depot = (int64_t)dep;
  a.box = RP_BOX_EMPTY;
  for (int64_t i = 0; i <= maxid; ++i)
    if (isfinite(xy[2 * i])) rp_box_add(&a.box, xy[2 * i], xy[2 * i + 1]);
  rp_box_pad(&a.box);
  char cap[640];
  snprintf(cap, sizeof cap,
           "The %lld routes of the best solution, each from the depot (black square) through its "
           "customers and back, at the coordinates of the run's .vrp input.",
           (long long)a.R);
  st = rp_plot(rc, RP_SUPPLY, "supply_route_map", "Vehicle routes on a map", cap, draw_route_map,
               &a);
done:
  free(cust);
  free(startd);
  free(start);
  free(xy);
  return st;
}

static eco_status routes(rp_ctx *rc) {
  if (!rp_exists(rc, "/supply/routes/load") || !rp_exists(rc, "/supply/routes/distance")) {
    rp_skip(rc, RP_SUPPLY, "routes: the file has no /supply/routes/load or distance");
    return ECO_OK;
  }
  eco_status st = ECO_OK;
  double *load = NULL, *dist = NULL;
  int64_t nl = 0;
  ECO_CALL(rp_read_vec_pair(rc, "/supply/routes/load", "/supply/routes/distance", &nl, &load,
                            &dist));
  if (nl == 0) {
    rp_skip(rc, RP_SUPPLY, "routes: no routes stored");
    goto done;
  }
  static routes_arg a;
  memset(&a, 0, sizeof a);
  a.n = nl < SITE_MAX ? (int)nl : SITE_MAX;
  for (int i = 0; i < a.n; ++i) {
    a.id[i] = i + 1;
    a.load[i] = load[i];
    a.dist[i] = dist[i];
  }
  double capv = 0;
  int pc = 0;
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/supply", "capacity", &capv, &pc), done);
  a.capacity = pc ? capv : NAN;
  double total = 0;
  for (int64_t i = 0; i < nl; ++i) total += dist[i];
  rp_fact_add(rc, RP_SUPPLY, "routes", "%lld, total distance %.1f", (long long)nl, total);
  char cap[640];
  snprintf(cap, sizeof cap,
           "Load (top%s) and length (bottom) of each vehicle route of the best solution%s.",
           pc ? ", vehicle capacity dashed" : "", nl > SITE_MAX ? " (the first 60 routes)" : "");
  st = rp_plot(rc, RP_SUPPLY, "supply_routes", "Vehicle routes", cap, draw_routes, &a);
done:
  free(load);
  free(dist);
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
  char problem[32] = "";
  ECO_CALL(rp_attr_string(rc, g, "problem", problem, sizeof problem, &p));
  if (strcmp(problem, "cvrp") == 0) {
    ECO_CALL(routes(rc));
    ECO_CALL(route_map(rc));
    return ECO_OK;
  }
  ECO_CALL(supply_front(rc));
  ECO_CALL(sites(rc));
  if (rp_exists(rc, "/supply/flows")) {
    int64_t k = 0, c = 0;
    double *fl = NULL;
    ECO_CALL(rp_read_mat(rc, "/supply/flows", &k, &c, &fl)); /* shape checked by sites() */
    st = network_map(rc, k, fl);
    free(fl);
    ECO_CALL(st);
  } else {
    rp_skip(rc, RP_SUPPLY, "network map: the file has no /supply/flows");
  }
  return ECO_OK;
}
