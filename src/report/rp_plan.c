/* Report of /plan: the cost-emissions scatter of the scenarios with the
 * Pareto front, and heat maps of emissions and of the objective over two
 * swept parameters. */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

/* ------------------------------------------------------------------------ */
/* Pareto scatter                                                           */
/* ------------------------------------------------------------------------ */

#define SCATTER_MAX 20000 /* points drawn at most (every stride-th scenario) */

typedef struct {
  int64_t n, nf, stride;
  const double *cost, *emis;    /* all scenarios (NaN unless optimal) */
  const double *cval;           /* colour of each point: a swept parameter, or NULL */
  double cmin, cmax;
  char clabel[160];
  const double *fcost, *femis;  /* the front, by increasing cost */
} pareto_arg;

static void draw_pareto(const void *v) {
  const pareto_arg *a = v;
  double x0, x1, y0, y1;
  rp_range(a->cost, a->n, &x0, &x1, 0.05);
  rp_range(a->emis, a->n, &y0, &y1, 0.05);
  if (a->cval)
    rp_axes_cbar(x0, x1, y0, y1, "cost (model currency)", "emissions (model units)",
                 "Scenarios: cost against emissions");
  else
    rp_axes(x0, x1, y0, y1, "cost (model currency)", "emissions (model units)",
            "Scenarios: cost against emissions");
  if (a->cval) { /* a sequential palette: pale green (low) to dark blue (high) */
    PLFLT pos[3] = {0, 0.5, 1}, r[3] = {0.78, 0.25, 0.03}, g[3] = {0.91, 0.67, 0.19},
          b[3] = {0.71, 0.51, 0.45};
    plscmap1n(256);
    plscmap1l(1, 3, pos, r, g, b, NULL);
  }
  plcol0(RP_C_GREEN_LIGHT);
  plschr(0.0, 0.8);
  double span = a->cmax > a->cmin ? a->cmax - a->cmin : 1;
  for (int64_t i = 0; i < a->n; i += a->stride)
    if (isfinite(a->cost[i]) && isfinite(a->emis[i])) {
      if (a->cval) {
        if (!isfinite(a->cval[i])) continue;
        plcol1((a->cval[i] - a->cmin) / span);
      }
      plstring(1, a->cost + i, a->emis + i, "●");
    }
  /* the front as a line through its points */
  rp_line(a->nf, a->fcost, a->femis, RP_C_ORANGE, 2.5, 1);
  plcol0(RP_C_ORANGE);
  plschr(0.0, 1.0);
  for (int64_t i = 0; i < a->nf; ++i)
    if (isfinite(a->fcost[i]) && isfinite(a->femis[i]))
      plstring(1, a->fcost + i, a->femis + i, "◆");
  plschr(0.0, 1.0);
  rp_legend_entry e[2] = {
      {"optimal scenario", -1, 1, -1, a->cval ? RP_C_GREY : RP_C_GREEN_LIGHT, "●"},
      {"Pareto front (cost, emissions)", RP_C_ORANGE, 1, -1, RP_C_ORANGE, "◆"}};
  rp_legend(2, e, PL_POSITION_TOP | PL_POSITION_RIGHT);
  if (a->cval) {
    PLINT labopt[1] = {PL_COLORBAR_LABEL_RIGHT};
    PLCHAR_VECTOR labs[1] = {a->clabel};
    PLCHAR_VECTOR axopt[1] = {"bcvtm"};
    PLFLT ticks[1] = {0.0};
    PLINT sub[1] = {0}, nvals[1] = {2};
    PLFLT vals0[2] = {a->cmin, a->cmax > a->cmin ? a->cmax : a->cmin + 1};
    PLFLT *vals[1] = {vals0};
    PLFLT w = 0, h = 0;
    plschr(0.0, 0.85);
    plcolorbar(&w, &h, PL_COLORBAR_GRADIENT, PL_POSITION_RIGHT, 0.03, 0.0, 0.035, 0.75,
               RP_C_BG, RP_C_FG, 1, 0.0, 0.0, 0, 0.0, 1, labopt, labs, 1, axopt, ticks, sub,
               nvals, (PLFLT_MATRIX)vals);
    plschr(0.0, 1.0);
  }
}

/* ------------------------------------------------------------------------ */
/* Heat map over two swept parameters                                       */
/* ------------------------------------------------------------------------ */

#define GRID_MAX 100
typedef struct {
  int nx, ny;
  double xg[GRID_MAX], yg[GRID_MAX];
  double z[GRID_MAX][GRID_MAX]; /* NaN: no optimal scenario there */
  char xlabel[160], ylabel[160], title[160], zlabel[80];
  int dark, light; /* colours of the palette ends (high, low) */
} heat_arg;

static const heat_arg *heat_cur; /* for the 'defined' callback of plshades */

/* Index of the grid value nearest to x. */
static int nearest(const double *g, int n, double x) {
  int b = 0;
  for (int i = 1; i < n; ++i)
    if (fabs(g[i] - x) < fabs(g[b] - x)) b = i;
  return b;
}

/* plshades asks with world coordinates (after the pltr1 mapping). */
static PLINT heat_defined(PLFLT x, PLFLT y) {
  int i = nearest(heat_cur->xg, heat_cur->nx, x);
  int j = nearest(heat_cur->yg, heat_cur->ny, y);
  return isfinite(heat_cur->z[i][j]) ? 1 : 0;
}

static void draw_heat(const void *v) {
  const heat_arg *a = v;
  heat_cur = a;
  static PLFLT zcol[GRID_MAX * GRID_MAX];
  PLFLT *zrow[GRID_MAX];
  double zmin = INFINITY, zmax = -INFINITY;
  for (int i = 0; i < a->nx; ++i) {
    zrow[i] = zcol + (size_t)i * GRID_MAX;
    for (int j = 0; j < a->ny; ++j) {
      double z = a->z[i][j];
      if (isfinite(z)) {
        if (z < zmin) zmin = z;
        if (z > zmax) zmax = z;
      }
    }
  }
  if (!(zmin < zmax)) {
    double d = isfinite(zmin) && zmin != 0 ? fabs(zmin) * 0.01 : 1;
    if (!isfinite(zmin)) zmin = 0;
    zmax = zmin + d;
    zmin -= d;
  }
  for (int i = 0; i < a->nx; ++i)
    for (int j = 0; j < a->ny; ++j) zrow[i][j] = isfinite(a->z[i][j]) ? a->z[i][j] : zmin;
  /* palette: pale (low) to the section colour (high) */
  PLFLT pos[3] = {0, 0.5, 1};
  PLINT r[3], g[3], b[3];
  if (a->dark == RP_C_GREEN_DARK) {
    r[0] = 247; g[0] = 252; b[0] = 245;
    r[1] = 116; g[1] = 196; b[1] = 118;
    r[2] = 0;   g[2] = 68;  b[2] = 27;
  } else {
    r[0] = 247; g[0] = 251; b[0] = 255;
    r[1] = 107; g[1] = 174; b[1] = 214;
    r[2] = 8;   g[2] = 48;  b[2] = 107;
  }
  PLFLT rr[3], gg[3], bb[3];
  for (int k = 0; k < 3; ++k) {
    rr[k] = r[k] / 255.0;
    gg[k] = g[k] / 255.0;
    bb[k] = b[k] / 255.0;
  }
  plscmap1n(256);
  plscmap1l(1, 3, pos, rr, gg, bb, NULL);
  enum { NL = 21 };
  PLFLT clev[NL];
  for (int k = 0; k < NL; ++k) clev[k] = zmin + (zmax - zmin) * k / (NL - 1);
  pladv(0);
  plvpor(0.10, 0.82, 0.13, 0.88);
  plwind(a->xg[0], a->xg[a->nx - 1], a->yg[0], a->yg[a->ny - 1]);
  PLcGrid cg;
  cg.xg = (PLFLT *)a->xg;
  cg.yg = (PLFLT *)a->yg;
  cg.nx = a->nx;
  cg.ny = a->ny;
  cg.zg = NULL;
  plpsty(0);
  plshades((PLFLT_MATRIX)zrow, a->nx, a->ny, heat_defined, 0, a->nx - 1, 0, a->ny - 1, clev, NL,
           0.0, 0, 0.0, plfill, 0, pltr1, &cg);
  /* grid points without an optimal scenario */
  plcol0(RP_C_FG);
  int missing = 0;
  for (int i = 0; i < a->nx; ++i)
    for (int j = 0; j < a->ny; ++j)
      if (!isfinite(a->z[i][j])) {
        PLFLT x = a->xg[i], y = a->yg[j];
        plstring(1, &x, &y, "×");
        ++missing;
      }
  plcol0(RP_C_FG);
  plwidth(1.2);
  plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
  plwidth(1.0);
  pllab(a->xlabel, a->ylabel, "");
  plschr(0.0, 1.15);
  plmtex("t", 1.6, 0.5, 0.5, a->title);
  plschr(0.0, 1.0);
  /* colour bar */
  PLINT nlab = 1, labopt[1] = {PL_COLORBAR_LABEL_RIGHT};
  PLCHAR_VECTOR labs[1] = {a->zlabel};
  PLINT naxes = 1, sub[1] = {0};
  PLCHAR_VECTOR axopt[1] = {"bcvtm"};
  PLFLT ticks[1] = {0.0};
  PLINT nvals[1] = {NL};
  PLFLT *vals[1] = {clev};
  PLFLT w = 0, h = 0;
  plschr(0.0, 0.85);
  plcolorbar(&w, &h, PL_COLORBAR_SHADE, PL_POSITION_RIGHT, 0.03, 0.0,
             0.035, 0.75, RP_C_BG, RP_C_FG, 1, 0.0, 0.0, 0, 0.0, nlab, labopt, labs, naxes,
             axopt, ticks, sub, nvals, (PLFLT_MATRIX)vals);
  plschr(0.0, 1.0);
  if (missing) {
    plschr(0.0, 0.8);
    plmtex("b", 3.2, 1.0, 1.0, "× no optimal solution");
    plschr(0.0, 1.0);
  }
}

/* "col:emissions:cost" -> "cost of column emissions"; "row:demand_*:rhs*"
 * -> "rhs scale of rows demand_*"; anything else as it is. */
static void pretty_param(const char *raw, char *out, size_t len) {
  char a[160], b[160], c[160];
  if (sscanf(raw, "%159[^:]:%159[^:]:%159s", a, b, c) == 3 &&
      (strcmp(a, "col") == 0 || strcmp(a, "row") == 0)) {
    size_t cl = strlen(c);
    int scale = cl > 0 && c[cl - 1] == '*';
    if (scale) c[cl - 1] = '\0';
    snprintf(out, len, "%s%s of %s %s", c, scale ? " scale" : "",
             strcmp(a, "col") == 0 ? "column" : "rows", b);
  } else {
    snprintf(out, len, "%s", raw);
  }
}

static int dbl_cmp(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/* Distinct finite values of column j (sorted); count (capped at cap+1). */
static int distinct(const double *p, int64_t n, int64_t P, int64_t j, double *out, int cap) {
  int k = 0;
  for (int64_t i = 0; i < n; ++i) {
    double x = p[i * P + j];
    if (!isfinite(x)) continue;
    int seen = 0;
    for (int t = 0; t < k && !seen; ++t) seen = out[t] == x;
    if (seen) continue;
    if (k == cap) return cap + 1;
    out[k++] = x;
  }
  qsort(out, (size_t)k, sizeof *out, dbl_cmp);
  return k;
}

static int find_val(const double *g, int n, double x) {
  for (int i = 0; i < n; ++i)
    if (g[i] == x) return i;
  return -1;
}

/* /plan/parameters (N rows, one a scenario; *P columns) and, when the file
 * has them, /plan/parameter_names (one a column, `*sn` bytes each; else
 * *names = NULL). The caller frees both; both NULL on error. */
static eco_status read_params(rp_ctx *rc, int64_t N, int64_t *P, double **par, char **names,
                              size_t *sn) {
  int64_t R = 0, nn = 0;
  *names = NULL;
  ECO_CALL(rp_read_mat(rc, "/plan/parameters", &R, P, par));
  eco_status st = ECO_OK;
  ECO_CHECK_GOTO(st, R == N, ECO_ERR_INPUT, fail,
                 "%s: /plan/parameters has %lld rows, /plan/status %lld", rc->results,
                 (long long)R, (long long)N);
  if (rp_exists(rc, "/plan/parameter_names")) {
    ECO_CALL_GOTO(st, rp_read_strings(rc, "/plan/parameter_names", &nn, sn, names), fail);
    ECO_CHECK_GOTO(st, nn == *P, ECO_ERR_INPUT, fail,
                   "%s: /plan/parameter_names has %lld entries, /plan/parameters %lld columns",
                   rc->results, (long long)nn, (long long)*P);
  }
  return ECO_OK;
fail:
  free(*par);
  free(*names);
  *par = NULL;
  *names = NULL;
  return st;
}

static eco_status heat_maps(rp_ctx *rc, int64_t N, const double *obj, const double *emis) {
  if (!rp_exists(rc, "/plan/parameters")) {
    rp_skip(rc, RP_PLAN, "heat maps: the file has no /plan/parameters");
    return ECO_OK;
  }
  eco_status st = ECO_OK;
  int64_t R = N, P = 0;
  double *par = NULL;
  char *names = NULL;
  size_t sn = 0;
  static heat_arg ha;
  ECO_CALL(read_params(rc, N, &P, &par, &names, &sn));
  int axis[2] = {-1, -1}, nax = 0;
  static double gx[GRID_MAX + 1], gy[GRID_MAX + 1], tmp[GRID_MAX + 1];
  for (int64_t j = 0; j < P && nax < 2; ++j) {
    int k = distinct(par, R, P, j, tmp, GRID_MAX);
    if (k > 1) axis[nax++] = (int)j;
  }
  if (nax < 2) {
    rp_skip(rc, RP_PLAN, "heat maps: the sweep varies fewer than two parameters");
    goto done;
  }
  int nx = distinct(par, R, P, axis[0], gx, GRID_MAX);
  int ny = distinct(par, R, P, axis[1], gy, GRID_MAX);
  if (nx > GRID_MAX || ny > GRID_MAX) {
    rp_skip(rc, RP_PLAN, "heat maps: more than %d distinct values of a parameter (not a grid)",
            GRID_MAX);
    goto done;
  }
  /* the other parameters are held at the first scenario's values */
  char fixed[512] = "";
  size_t used = 0;
  for (int64_t j = 0; j < P; ++j) {
    if (j == axis[0] || j == axis[1]) continue;
    int k = distinct(par, R, P, j, tmp, GRID_MAX);
    if (k <= 1) continue;
    char nm[160];
    pretty_param(names ? names + (size_t)j * sn : "parameter", nm, sizeof nm);
    if (used < sizeof fixed)
      used += (size_t)snprintf(fixed + used, sizeof fixed - used, "%s%s = %g", used ? ", " : "",
                               nm, par[j]);
  }
  for (int pass = 0; pass < 2; ++pass) {
    const double *val = pass == 0 ? emis : obj;
    if (!val) continue;
    memset(&ha, 0, sizeof ha);
    ha.nx = nx;
    ha.ny = ny;
    memcpy(ha.xg, gx, sizeof(double) * (size_t)nx);
    memcpy(ha.yg, gy, sizeof(double) * (size_t)ny);
    for (int i = 0; i < nx; ++i)
      for (int j = 0; j < ny; ++j) ha.z[i][j] = NAN;
    int cells = 0;
    for (int64_t s = 0; s < R; ++s) {
      int other_ok = 1;
      for (int64_t j = 0; j < P && other_ok; ++j)
        if (j != axis[0] && j != axis[1]) {
          double x = par[s * P + j], x0 = par[j];
          other_ok = (x == x0) || (isnan(x) && isnan(x0));
        }
      if (!other_ok) continue;
      int i = find_val(gx, nx, par[s * P + axis[0]]);
      int j = find_val(gy, ny, par[s * P + axis[1]]);
      if (i < 0 || j < 0 || !isnan(ha.z[i][j])) continue;
      ha.z[i][j] = val[s];
      if (isfinite(val[s])) ++cells;
    }
    if (cells < 4) {
      rp_skip(rc, RP_PLAN, "heat map of %s: fewer than 4 optimal grid points",
              pass == 0 ? "emissions" : "the objective");
      continue;
    }
    pretty_param(names ? names + (size_t)axis[0] * sn : "parameter 1", ha.xlabel,
                 sizeof ha.xlabel);
    pretty_param(names ? names + (size_t)axis[1] * sn : "parameter 2", ha.ylabel,
                 sizeof ha.ylabel);
    ha.dark = pass == 0 ? RP_C_GREEN_DARK : RP_C_BLUE;
    snprintf(ha.title, sizeof ha.title, "%s over the sweep",
             pass == 0 ? "Emissions" : "Objective (cost incl. carbon price)");
    snprintf(ha.zlabel, sizeof ha.zlabel, "%s",
             pass == 0 ? "emissions (model units)" : "objective (model currency)");
    char cap[640];
    snprintf(cap, sizeof cap,
             "%s of the optimal plan for each pair of values of the first two swept "
             "parameters%s%s%s.",
             pass == 0 ? "Emissions" : "Objective", fixed[0] ? ", with " : "", fixed,
             fixed[0] ? " (the first scenario's values)" : "");
    ECO_CALL_GOTO(st,
                  rp_plot(rc, RP_PLAN, pass == 0 ? "plan_heat_emissions" : "plan_heat_objective",
                          ha.title, cap, draw_heat, &ha),
                  done);
  }
done:
  free(par);
  free(names);
  return st;
}

/* ------------------------------------------------------------------------ */

/* The first swept parameter (more than one value), to colour the scatter:
 * *cval (caller frees) or NULL when there is none. */
static eco_status color_param(rp_ctx *rc, int64_t N, double **cval, double *cmin, double *cmax,
                              char *label, size_t len) {
  *cval = NULL;
  if (!rp_exists(rc, "/plan/parameters")) return ECO_OK;
  int64_t R = N, P = 0;
  double *par = NULL;
  char *names = NULL;
  size_t sn = 0;
  eco_status st = ECO_OK;
  ECO_CALL(read_params(rc, N, &P, &par, &names, &sn));
  for (int64_t j = 0; j < P && !*cval; ++j) {
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t i = 0; i < R; ++i) {
      double x = par[i * P + j];
      if (isfinite(x)) {
        lo = fmin(lo, x);
        hi = fmax(hi, x);
      }
    }
    if (!(lo < hi)) continue;
    ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(R ? R : 1), cval), done);
    for (int64_t i = 0; i < R; ++i) (*cval)[i] = par[i * P + j];
    *cmin = lo;
    *cmax = hi;
    pretty_param(names ? names + (size_t)j * sn : "first swept parameter", label, len);
  }
done:
  free(par);
  free(names);
  return st;
}

static eco_status read_same(rp_ctx *rc, const char *name, int64_t n, double **out) {
  int64_t m = 0;
  ECO_CALL(rp_read_vec(rc, name, &m, out));
  if (m != n) {
    free(*out);
    *out = NULL;
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: %s has %lld rows, /plan/status %lld", rc->results, name,
                         (long long)m, (long long)n);
  }
  return ECO_OK;
}

eco_status rp_plan(rp_ctx *rc) {
  eco_status st = ECO_OK;
  double *status = NULL, *cost = NULL, *emis = NULL, *obj = NULL, *fc = NULL, *fe = NULL;
  double *cval = NULL;
  int64_t N = 0, NF = 0;
  if (!rp_exists(rc, "/plan/status")) {
    rp_skip(rc, RP_PLAN, "all plan plots: the file has no /plan/status");
    return ECO_OK;
  }
  ECO_CALL(rp_read_vec(rc, "/plan/status", &N, &status));
  int64_t nopt = 0;
  for (int64_t i = 0; i < N; ++i) nopt += status[i] == 0;
  rp_fact_add(rc, RP_PLAN, "scenarios", "%lld (%lld optimal)", (long long)N, (long long)nopt);
  static const char *counts[] = {"count_infeasible", "count_unbounded", "count_iteration_limit",
                                 "count_time_limit", "count_failed"};
  char other[256] = "";
  size_t used = 0;
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; ++k) {
    double v = 0;
    int pr = 0;
    ECO_CALL_GOTO(st, rp_attr_double(rc, "/plan", counts[k], &v, &pr), done);
    if (pr && v > 0 && used < sizeof other)
      used += (size_t)snprintf(other + used, sizeof other - used, "%s%.0f %s", used ? ", " : "",
                               v, counts[k] + 6);
  }
  if (other[0]) rp_fact_add(rc, RP_PLAN, "not optimal", "%s", other);
  {
    double mn = 0, me = 0, mx = 0;
    int p1 = 0, p2 = 0, p3 = 0;
    ECO_CALL_GOTO(st, rp_attr_double(rc, "/plan", "objective_min", &mn, &p1), done);
    ECO_CALL_GOTO(st, rp_attr_double(rc, "/plan", "objective_mean", &me, &p2), done);
    ECO_CALL_GOTO(st, rp_attr_double(rc, "/plan", "objective_max", &mx, &p3), done);
    if (p1 && p2 && p3) {
      char a[32], b[32], c[32];
      rp_num(mn, a, sizeof a);
      rp_num(me, b, sizeof b);
      rp_num(mx, c, sizeof c);
      rp_fact_add(rc, RP_PLAN, "objective min / mean / max", "%s / %s / %s", a, b, c);
    }
  }
  if (rp_exists(rc, "/plan/objective"))
    ECO_CALL_GOTO(st, read_same(rc, "/plan/objective", N, &obj), done);
  int have_ce = rp_exists(rc, "/plan/cost") && rp_exists(rc, "/plan/emissions");
  if (have_ce) {
    ECO_CALL_GOTO(st, read_same(rc, "/plan/cost", N, &cost), done);
    ECO_CALL_GOTO(st, read_same(rc, "/plan/emissions", N, &emis), done);
  }
  int64_t finite = 0;
  for (int64_t i = 0; have_ce && i < N; ++i) finite += isfinite(cost[i]) && isfinite(emis[i]);
  if (!have_ce) {
    rp_skip(rc, RP_PLAN, "cost-emissions scatter: the file has no /plan/cost or /plan/emissions");
  } else if (finite == 0) {
    rp_skip(rc, RP_PLAN,
            "cost-emissions scatter: no optimal scenario has emissions (the model has no "
            "emissions column?)");
  } else {
    if (rp_exists(rc, "/plan/pareto/cost") && rp_exists(rc, "/plan/pareto/emissions")) {
      ECO_CALL_GOTO(st, rp_read_vec_pair(rc, "/plan/pareto/cost", "/plan/pareto/emissions", &NF,
                                         &fc, &fe),
                    done);
    } else {
      ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(N ? N : 1), &fc), done);
      ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(N ? N : 1), &fe), done);
      ECO_CALL_GOTO(st, rp_pareto_front(N, cost, emis, fc, fe, &NF), done);
    }
    if (NF > 0) {
      char a[32], b[32], c[32], d[32];
      rp_num(fc[0], a, sizeof a);
      rp_num(fe[0], b, sizeof b);
      rp_num(fc[NF - 1], c, sizeof c);
      rp_num(fe[NF - 1], d, sizeof d);
      rp_fact_add(rc, RP_PLAN, "Pareto front",
                  "%lld plans, from cost %s with emissions %s to cost %s with emissions %s",
                  (long long)NF, a, b, c, d);
    }
    int64_t stride = N > SCATTER_MAX ? (N + SCATTER_MAX - 1) / SCATTER_MAX : 1;
    static pareto_arg pa;
    memset(&pa, 0, sizeof pa);
    pa.n = N;
    pa.nf = NF;
    pa.stride = stride;
    pa.cost = cost;
    pa.emis = emis;
    pa.fcost = fc;
    pa.femis = fe;
    ECO_CALL_GOTO(st, color_param(rc, N, &cval, &pa.cmin, &pa.cmax, pa.clabel, sizeof pa.clabel),
                  done);
    pa.cval = cval;
    char cap[640], sub[96] = "";
    if (stride > 1)
      snprintf(sub, sizeof sub, " (every %lld-th scenario is drawn)", (long long)stride);
    snprintf(cap, sizeof cap,
             "Each point is the optimal plan of one scenario (%lld of %lld are optimal)%s%s%s; "
             "the orange line joins the %lld plans that no other plan beats on both cost and "
             "emissions.",
             (long long)finite, (long long)N, sub, cval ? ", coloured by " : "",
             cval ? pa.clabel : "", (long long)NF);
    ECO_CALL_GOTO(st, rp_plot(rc, RP_PLAN, "plan_pareto", "Cost and emissions of the scenarios",
                              cap, draw_pareto, &pa),
                  done);
  }
  if (!emis && !obj)
    rp_skip(rc, RP_PLAN, "heat maps: the file has neither /plan/emissions nor /plan/objective");
  else
    ECO_CALL_GOTO(st, heat_maps(rc, N, obj, finite ? emis : NULL), done);
done:
  free(cval);
  free(status);
  free(cost);
  free(emis);
  free(obj);
  free(fc);
  free(fe);
  return st;
}
