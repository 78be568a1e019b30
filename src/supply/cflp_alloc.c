/* CFLP allocation for a given set of open sites:
 *  - multi-sourcing: the transportation LP solved exactly by GLPK's simplex,
 *    one problem object warm-started across calls (only the column bounds of
 *    sites whose state changed are touched and the simplex restarts from the
 *    previous optimal basis; the GA evaluates a generation's children in
 *    lexicographic order so consecutive LPs differ in few sites). When every
 *    customer's cheapest open site has room for all its customers, that
 *    assignment is optimal and no LP is solved;
 *  - single-sourcing: greedy by demand + repair of overloads + local search
 *    (shift and swap moves). A heuristic: the single-source allocation is a
 *    generalized assignment problem, NP-hard in general.
 * Unserved demand (multi) or overload (single) costs `penalty` per unit, so
 * infeasible candidates are graded by how far they are from feasibility.
 * Also: the whole CFLP as a MIP through glp_intopt (the reference optimum).
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "supply_impl.h"

struct eco_supply_alloc {
  const eco_supply_cflp *p;
  int kind; /* ECO_SUPPLY_ALLOC_* */
  double carbon_price, penalty;
  double big; /* above any feasible objective: added to every infeasible one */
  double dem;  /* total demand */
  double *w; /* [m*n] combined cost c + carbon_price * e */
  /* LP */
  glp_prob *lp;
  glp_smcp smcp;
  unsigned char *state; /* [m] current column state in the LP (1 open) */
  int solved_once;
  int64_t shortcut, lp_solves; /* statistics */
  int64_t probes_warm, probes_scratch; /* local search probes (flow) */
  /* single-source work arrays */
  int *assign;   /* [n] */
  double *load;  /* [m] */
  int *order;    /* [n] */
  int *openlist; /* [m] */
  /* min-cost flow work arrays, by slot (the open sites, 1 virtual "unmet"
   * site, 1 site a probe opens: at most m+2 slots; see the min-cost flow section) */
  double *flow;  /* [n * (m+2)] units of customer j's demand at each slot */
  double *pot, *dist, *spare; /* [m+2] */
  double *key;                /* [m+2] Dijkstra's queue: dist of a slot not yet done, else infinity */
  int *pred, *predj;          /* [m+2] shortest-path tree: previous slot, customer moved (on the path) */
  double *ut;                 /* [n*m] unit cost w_ij / d_j, by customer */
  double *uk;                 /* [n*(m+2)] unit cost of each customer at each slot (this candidate) */
  int *mem, *mcnt, *mpos;     /* customers with flow at each slot: lists [(m+2)*n], counts, positions [n*(m+2)] */
  /* arc v -> t of the flow's residual graph, [(m+2)*(m+2)]: the cheapest
   * unit cost change min_j (u_tj - u_vj) over the customers j that v serves,
   * and that j; a row is valid (arcok[v]) until a customer leaves v */
  double *arc;
  int *arcj;
  unsigned char *arcok; /* [m+2] */
  unsigned char *last_open;   /* [m] the open set the flow arrays describe (if last_valid) */
  int last_valid;
  int fk, fks, fka;      /* layout: virtual slot, row stride (m + 2), slots in use */
  int fpaths;            /* augmenting paths of the last solve from scratch */
  unsigned char *fdead;  /* [m+2] slot of a site the local search closed */
  double feps;           /* flow below this is zero (1e-12 of the total demand) */
  /* the solved flow of the local search's current open set, kept while a
   * probe changes the arrays (allocated by the first local search) */
  double *sv_flow, *sv_arc, *sv_small;
  int *sv_mpos, *sv_mem, *sv_arcj, *sv_cnt, *sv_open, sv_fk, sv_fka, sv_fpaths;
  unsigned char *sv_arcok, *sv_dead;
};

double eco_supply_cflp_default_penalty(const eco_supply_cflp *p,
                                       double carbon_price) {
  double unit = 0, fixu = 0;
  for (int i = 0; i < p->m; i++) {
    for (int j = 0; j < p->n; j++) {
      if (p->demand[j] <= 0) continue;
      size_t k = (size_t)i * p->n + j;
      double u = (p->cost[k] + carbon_price * p->emis[k]) / p->demand[j];
      if (u > unit) unit = u;
    }
    double f = p->fixed[i] / p->capacity[i];
    if (f > fixu) fixu = f;
  }
  double pen = 10.0 * (unit + fixu);
  return pen > 0 ? pen : 1.0;
}

static eco_status build_lp(eco_supply_alloc *a) {
  const eco_supply_cflp *p = a->p;
  int m = p->m, n = p->n;
  glp_prob *lp = glp_create_prob();
  a->lp = lp;
  glp_set_obj_dir(lp, GLP_MIN);
  glp_add_rows(lp, n + m);
  for (int j = 0; j < n; j++) glp_set_row_bnds(lp, 1 + j, GLP_FX, 1.0, 1.0);
  for (int i = 0; i < m; i++) glp_set_row_bnds(lp, 1 + n + i, GLP_UP, 0.0, p->capacity[i]);
  int ncols = m * n + n;
  glp_add_cols(lp, ncols);
  int ind[3];
  double val[3];
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      int col = 1 + i * n + j;
      glp_set_col_bnds(lp, col, GLP_LO, 0.0, 0.0);
      glp_set_obj_coef(lp, col, a->w[(size_t)i * n + j]);
      int k = 0;
      ind[++k] = 1 + j;
      val[k] = 1.0;
      if (p->demand[j] > 0) {
        ind[++k] = 1 + n + i;
        val[k] = p->demand[j];
      }
      glp_set_mat_col(lp, col, k, ind, val);
    }
  for (int j = 0; j < n; j++) {
    int col = 1 + m * n + j;
    glp_set_col_bnds(lp, col, GLP_DB, 0.0, 1.0);
    glp_set_obj_coef(lp, col, a->penalty * p->demand[j]);
    ind[1] = 1 + j;
    val[1] = 1.0;
    glp_set_mat_col(lp, col, 1, ind, val);
  }
  for (int i = 0; i < m; i++) a->state[i] = 1;
  glp_init_smcp(&a->smcp);
  a->smcp.msg_lev = GLP_MSG_OFF;
  a->smcp.meth = GLP_PRIMAL; /* measured: fewer iterations than the dual here */
  a->smcp.presolve = GLP_OFF;
  return ECO_OK;
}

eco_status eco_supply_alloc_create(const eco_supply_cflp *p, int kind,
                                   double carbon_price, double penalty,
                                   eco_supply_alloc **out) {
  *out = NULL;
  ECO_CHECK(penalty > 0 && isfinite(penalty), ECO_ERR_INPUT, "penalty must be > 0 (got %g)", penalty);
  eco_supply_alloc *a = NULL;
  ECO_CALL(eco_calloc(1, sizeof(*a), &a));
  a->p = p;
  ECO_CHECK(kind == ECO_SUPPLY_ALLOC_FLOW || kind == ECO_SUPPLY_ALLOC_LP ||
                kind == ECO_SUPPLY_ALLOC_SINGLE,
            ECO_ERR_INTERNAL, "unknown allocation kind %d", kind);
  a->kind = kind;
  a->carbon_price = carbon_price;
  a->penalty = penalty;
  size_t mn = (size_t)p->m * p->n;
  eco_status st = ECO_OK;
  if ((st = eco_malloc(mn * sizeof(double), &a->w)) != ECO_OK ||
      (st = eco_calloc((size_t)p->m, 1, &a->state)) != ECO_OK ||
      (st = eco_malloc((size_t)p->n * sizeof(int), &a->assign)) != ECO_OK ||
      (st = eco_malloc((size_t)p->m * sizeof(double), &a->load)) != ECO_OK ||
      (st = eco_malloc((size_t)p->n * sizeof(int), &a->order)) != ECO_OK ||
      (st = eco_malloc((size_t)(p->m + 2) * sizeof(int), &a->openlist)) != ECO_OK ||
      (kind == ECO_SUPPLY_ALLOC_FLOW &&
       ((st = eco_malloc((size_t)p->n * (p->m + 2) * sizeof(double), &a->flow)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * sizeof(double), &a->pot)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * sizeof(double), &a->dist)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * sizeof(double), &a->spare)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * sizeof(double), &a->key)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * sizeof(int), &a->pred)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * sizeof(int), &a->predj)) != ECO_OK ||
        (st = eco_malloc((size_t)p->n * p->m * sizeof(double), &a->ut)) != ECO_OK ||
        (st = eco_malloc((size_t)p->n * (p->m + 2) * sizeof(double), &a->uk)) != ECO_OK ||
        (st = eco_malloc((size_t)p->n * (p->m + 2) * sizeof(int), &a->mem)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * sizeof(int), &a->mcnt)) != ECO_OK ||
        (st = eco_malloc((size_t)p->n * (p->m + 2) * sizeof(int), &a->mpos)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * (p->m + 2) * sizeof(double), &a->arc)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2) * (p->m + 2) * sizeof(int), &a->arcj)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2), &a->arcok)) != ECO_OK ||
        (st = eco_malloc((size_t)(p->m + 2), &a->fdead)) != ECO_OK ||
        (st = eco_malloc((size_t)p->m, &a->last_open)) != ECO_OK))) {
    eco_supply_alloc_destroy(&a);
    return st;
  }
  for (size_t k = 0; k < mn; k++) a->w[k] = p->cost[k] + carbon_price * p->emis[k];
  /* every feasible solution costs at most: all sites open, each customer at
   * its most expensive site */
  a->big = 1.0;
  for (int i = 0; i < p->m; i++) a->big += p->fixed[i];
  for (int j = 0; j < p->n; j++) {
    double mx = 0;
    for (int i = 0; i < p->m; i++)
      if (a->w[(size_t)i * p->n + j] > mx) mx = a->w[(size_t)i * p->n + j];
    a->big += mx;
  }
  a->fks = p->m + 2;
  for (int j = 0; j < p->n; j++) a->dem += p->demand[j];
  a->feps = 1e-12 * (a->dem > 1 ? a->dem : 1);
  if (kind == ECO_SUPPLY_ALLOC_LP) build_lp(a);
  if (kind == ECO_SUPPLY_ALLOC_FLOW)
    for (int j = 0; j < p->n; j++)
      for (int i = 0; i < p->m; i++)
        a->ut[(size_t)j * p->m + i] = p->demand[j] > 0 ? a->w[(size_t)i * p->n + j] / p->demand[j] : 0;
  *out = a;
  return ECO_OK;
}

static void flow_save_free(eco_supply_alloc *a);

void eco_supply_alloc_destroy(eco_supply_alloc **pa) {
  if (!pa || !*pa) return;
  eco_supply_alloc *a = *pa;
  if (a->lp) glp_delete_prob(a->lp);
  free(a->w);
  free(a->state);
  free(a->assign);
  free(a->load);
  free(a->order);
  free(a->openlist);
  free(a->flow);
  free(a->pot);
  free(a->dist);
  free(a->spare);
  free(a->key);
  free(a->pred);
  free(a->predj);
  free(a->ut);
  free(a->uk);
  free(a->mem);
  free(a->mcnt);
  free(a->mpos);
  free(a->arc);
  free(a->arcj);
  free(a->arcok);
  free(a->fdead);
  free(a->last_open);
  flow_save_free(a);
  free(a);
  *pa = NULL;
}

/* If every customer's cheapest open site has room for all of them, that
 * assignment is optimal for the LP (it attains the uncapacitated bound):
 * no simplex needed. Returns 1 and fills ev/x in that case. */
static int eval_uncapacitated(eco_supply_alloc *a, const unsigned char *open,
                              double *x, eco_supply_cflp_eval *ev) {
  const eco_supply_cflp *p = a->p;
  int m = p->m, n = p->n, no = 0;
  for (int i = 0; i < m; i++) {
    a->load[i] = 0;
    if (open[i]) a->openlist[no++] = i;
  }
  if (no == 0) return 0;
  for (int j = 0; j < n; j++) {
    int best = a->openlist[0];
    for (int k = 1; k < no; k++) {
      int i = a->openlist[k];
      if (a->w[(size_t)i * n + j] < a->w[(size_t)best * n + j]) best = i;
    }
    a->assign[j] = best;
    a->load[best] += p->demand[j];
  }
  for (int k = 0; k < no; k++) {
    int i = a->openlist[k];
    if (a->load[i] > p->capacity[i]) return 0;
  }
  double fixed = 0, assign = 0, emis = 0;
  for (int k = 0; k < no; k++) fixed += p->fixed[a->openlist[k]];
  if (x) memset(x, 0, sizeof(double) * (size_t)m * n);
  for (int j = 0; j < n; j++) {
    size_t kk = (size_t)a->assign[j] * n + j;
    assign += p->cost[kk];
    emis += p->emis[kk];
    if (x) x[kk] = 1.0;
  }
  ev->fixed = fixed;
  ev->assign = assign;
  ev->emissions = emis;
  ev->unmet = 0;
  ev->feasible = 1;
  ev->objective = fixed + assign + a->carbon_price * emis;
  return 1;
}

static eco_status eval_lp(eco_supply_alloc *a, const unsigned char *open,
                          double *x, eco_supply_cflp_eval *ev) {
  const eco_supply_cflp *p = a->p;
  int m = p->m, n = p->n;
  if (eval_uncapacitated(a, open, x, ev)) {
    a->shortcut++;
    return ECO_OK;
  }
  a->lp_solves++;
  for (int i = 0; i < m; i++) {
    int o = open[i] ? 1 : 0;
    if (o == a->state[i]) continue;
    for (int j = 0; j < n; j++) {
      int col = 1 + i * n + j;
      if (o)
        glp_set_col_bnds(a->lp, col, GLP_LO, 0.0, 0.0);
      else
        glp_set_col_bnds(a->lp, col, GLP_FX, 0.0, 0.0);
    }
    a->state[i] = (unsigned char)o;
  }
  int term = glp_term_out(GLP_OFF);
  if (!a->solved_once) {
    glp_adv_basis(a->lp, 0);
    a->solved_once = 1;
  }
  int ret = glp_simplex(a->lp, &a->smcp);
  if (ret != 0 || glp_get_status(a->lp) != GLP_OPT) {
    /* a singular or ill-conditioned warm basis: restart from a fresh one */
    glp_adv_basis(a->lp, 0);
    ret = glp_simplex(a->lp, &a->smcp);
  }
  glp_term_out(term);
  ECO_CHECK(ret == 0 && glp_get_status(a->lp) == GLP_OPT, ECO_ERR_SOLVER,
            "GLPK simplex failed on the allocation LP of %s (return %d, status %d)", p->name,
            ret, glp_get_status(a->lp));
  double fixed = 0, assign = 0, emis = 0, unmet = 0;
  if (x) memset(x, 0, sizeof(double) * (size_t)m * n);
  for (int i = 0; i < m; i++) {
    if (!open[i]) continue;
    fixed += p->fixed[i];
    for (int j = 0; j < n; j++) {
      double v = glp_get_col_prim(a->lp, 1 + i * n + j);
      if (v <= 0) continue;
      size_t k = (size_t)i * n + j;
      assign += p->cost[k] * v;
      emis += p->emis[k] * v;
      if (x) x[k] = v;
    }
  }
  for (int j = 0; j < n; j++) {
    double u = glp_get_col_prim(a->lp, 1 + m * n + j);
    if (u > 0) unmet += u * p->demand[j];
  }
  /* fractions below 1e-9 of a customer are round-off of the simplex */
  const double tot = a->dem;
  if (unmet <= 1e-9 * (tot > 1 ? tot : 1)) unmet = 0;
  ev->fixed = fixed;
  ev->assign = assign;
  ev->emissions = emis;
  ev->unmet = unmet;
  ev->feasible = unmet == 0;
  ev->objective = fixed + assign + a->carbon_price * emis + (unmet > 0 ? a->big + a->penalty * unmet : 0);
  return ECO_OK;
}

/* ---- single sourcing ---------------------------------------------------- */
static const eco_supply_cflp *sort_p;
static int cmp_demand_desc(const void *x, const void *y) {
  int a = *(const int *)x, b = *(const int *)y;
  double da = sort_p->demand[a], db = sort_p->demand[b];
  if (da > db) return -1;
  if (da < db) return 1;
  return a - b;
}

static inline double over(double load, double cap) {
  return load > cap ? load - cap : 0.0;
}

static void eval_single(eco_supply_alloc *a, const unsigned char *open,
                        double *x, eco_supply_cflp_eval *ev) {
  const eco_supply_cflp *p = a->p;
  int m = p->m, n = p->n;
  const double *w = a->w, *d = p->demand, *s = p->capacity;
  double P = a->penalty;
  int no = 0;
  double fixed = 0;
  for (int i = 0; i < m; i++)
    if (open[i]) {
      a->openlist[no++] = i;
      fixed += p->fixed[i];
    }
  if (x) memset(x, 0, sizeof(double) * (size_t)m * n);
  if (no == 0) {
    const double tot = a->dem;
    ev->fixed = 0;
    ev->assign = 0;
    ev->emissions = 0;
    ev->unmet = tot;
    ev->feasible = tot == 0;
    ev->objective = tot > 0 ? a->big + P * tot : 0;
    return;
  }
  int *as = a->assign;
  double *load = a->load;
  for (int i = 0; i < m; i++) load[i] = 0;
  for (int j = 0; j < n; j++) a->order[j] = j;
  sort_p = p;
  qsort(a->order, (size_t)n, sizeof(int), cmp_demand_desc);
  /* greedy: cheapest open site with room, else the one with most room */
  for (int t = 0; t < n; t++) {
    int j = a->order[t], best = -1, roomiest = a->openlist[0];
    for (int k = 0; k < no; k++) {
      int i = a->openlist[k];
      if (load[i] + d[j] <= s[i] && (best < 0 || w[(size_t)i * n + j] < w[(size_t)best * n + j]))
        best = i;
      if (s[i] - load[i] > s[roomiest] - load[roomiest]) roomiest = i;
    }
    if (best < 0) best = roomiest;
    as[j] = best;
    load[best] += d[j];
  }
  /* local search: shift (repairs overloads too, since they cost P per unit)
   * then swap; first improvement, bounded number of passes */
  for (int pass = 0; pass < 50; pass++) {
    int improved = 0;
    for (int j = 0; j < n; j++) {
      int i0 = as[j];
      double base_o = over(load[i0], s[i0]) - over(load[i0] - d[j], s[i0]);
      int bi = -1;
      double bdelta = -1e-9;
      for (int k = 0; k < no; k++) {
        int i = a->openlist[k];
        if (i == i0) continue;
        double dw = w[(size_t)i * n + j] - w[(size_t)i0 * n + j];
        double dov = over(load[i] + d[j], s[i]) - over(load[i], s[i]) - base_o;
        double delta = dw + P * dov;
        if (delta < bdelta) {
          bdelta = delta;
          bi = i;
        }
      }
      if (bi >= 0) {
        load[i0] -= d[j];
        load[bi] += d[j];
        as[j] = bi;
        improved = 1;
      }
    }
    if (improved) continue;
    /* swap: customers j1, j2 at different sites exchange sites */
    for (int j1 = 0; j1 < n && !improved; j1++) {
      int i1 = as[j1];
      for (int j2 = j1 + 1; j2 < n; j2++) {
        int i2 = as[j2];
        if (i1 == i2) continue;
        double dw = w[(size_t)i2 * n + j1] + w[(size_t)i1 * n + j2] -
                    w[(size_t)i1 * n + j1] - w[(size_t)i2 * n + j2];
        if (dw >= 0 && over(load[i1], s[i1]) == 0 && over(load[i2], s[i2]) == 0) continue;
        double l1 = load[i1] - d[j1] + d[j2], l2 = load[i2] - d[j2] + d[j1];
        double dov = over(l1, s[i1]) + over(l2, s[i2]) - over(load[i1], s[i1]) -
                     over(load[i2], s[i2]);
        if (dw + P * dov < -1e-9) {
          load[i1] = l1;
          load[i2] = l2;
          as[j1] = i2;
          as[j2] = i1;
          improved = 1;
          break;
        }
      }
    }
    if (!improved) break;
  }
  double assign = 0, emis = 0, ov = 0;
  for (int j = 0; j < n; j++) {
    size_t k = (size_t)as[j] * n + j;
    assign += p->cost[k];
    emis += p->emis[k];
    if (x) x[k] = 1.0;
  }
  for (int k = 0; k < no; k++) ov += over(load[a->openlist[k]], s[a->openlist[k]]);
  ev->fixed = fixed;
  ev->assign = assign;
  ev->emissions = emis;
  ev->unmet = ov;
  ev->feasible = ov == 0;
  ev->objective = fixed + assign + a->carbon_price * emis + (ov > 0 ? a->big + P * ov : 0);
}

/* Helpers of the min-cost flow below. Customer j (unit costs ukj at the K
 * slots) served by slot v: the arcs v -> t it offers, min-updated into the
 * arc row av / jv. */
static inline void arc_take(double *restrict av, int *restrict jv, const double *restrict ukj, int v,
                            int K, int j) {
  const double uv = ukj[v];
  for (int t = 0; t < K; t++) { /* branch-free, so it vectorizes */
    const double c = ukj[t] - uv;
    const int up = c < av[t];
    av[t] = up ? c : av[t];
    jv[t] = up ? j : jv[t];
  }
}

/* The smallest of key[0..K) (no NaN). */
static inline double key_min(const double *key, int K) {
  double m0 = INFINITY, m1 = INFINITY, m2 = INFINITY, m3 = INFINITY;
  int t = 0;
  for (; t + 4 <= K; t += 4) {
    m0 = key[t] < m0 ? key[t] : m0;
    m1 = key[t + 1] < m1 ? key[t + 1] : m1;
    m2 = key[t + 2] < m2 ? key[t + 2] : m2;
    m3 = key[t + 3] < m3 ? key[t + 3] : m3;
  }
  for (; t < K; t++) m0 = key[t] < m0 ? key[t] : m0;
  m0 = m1 < m0 ? m1 : m0;
  m2 = m3 < m2 ? m3 : m2;
  return m2 < m0 ? m2 : m0;
}

/* ---- multi sourcing by min-cost flow ------------------------------------
 * Successive shortest paths on the graph of open sites. Units of demand flow
 * from customers to sites; slot k (= number of open sites) is a virtual site
 * of unlimited capacity whose unit cost is the penalty (unserved demand).
 * Start: every customer entirely at its cheapest slot (optimal without
 * capacities, so every residual arc has a non-negative cost). While a site
 * holds more than its capacity, find the cheapest way to move one unit from
 * the first overloaded site to a site with spare room (or the virtual site): a path
 * a -> b -> ... where arc a -> b moves a customer j that a serves to b at
 * cost u_bj - u_aj per unit (u = cost per unit of demand). Dijkstra with
 * potentials (reduced costs stay >= 0), augment by the bottleneck, repeat.
 * Each augmentation empties an overload, fills a site, or moves a whole
 * customer share, so the number of paths is about the number of customers
 * that must leave their cheapest site. Exact, like the LP.
 *
 * The potentials are the duals: every slot with room (the virtual one
 * always) has the same potential P, a full slot one <= P. A solved flow is
 * therefore a warm start for the local search's probes (flow_probe):
 *  - closing a site = its capacity to 0: it becomes an overloaded slot, and
 *    the same paths move its units out (the residual graph only loses arcs,
 *    so the potentials stay valid);
 *  - opening a site = a new slot s whose room is first taken as filled from
 *    the sink's side (its potential: the cheapest way in, at most P), then
 *    routed by shortest paths from every loaded slot (entry cost P - pot,
 *    the price of a unit leaving it) to s; a path that ends on the direct
 *    entry of s is room left unused. Customers cheaper at s move there, in
 *    chains.
 * The local search uses the warm start where few customers must move
 * (ls_try); a solve from scratch is cheaper where each site serves many.
 *
 * Layout: a solve from scratch puts the open sites in increasing order in
 * slots 0..k-1 (openlist) and the virtual site in slot fk = k. A site the
 * local search opens gets the next slot (fka grows); one it closes keeps its
 * slot, empty and marked dead (fdead). Slots [0, fka) are in use; per-
 * customer rows (flow, uk, mpos) and arc rows have stride fks = m + 2. */

/* A customer joining slot t: a valid arc row of t takes it in (the row is
 * built by scanning t's list in order with strict <, and joiners are
 * appended, so the row stays what a rebuild would give). */
static inline void mem_add(eco_supply_alloc *a, int j, int t) {
  const size_t S = (size_t)a->fks, n = (size_t)a->p->n;
  a->mpos[j * S + t] = a->mcnt[t];
  a->mem[t * n + a->mcnt[t]++] = j;
  if (a->arcok[t]) arc_take(a->arc + t * S, a->arcj + t * S, a->uk + j * S, t, a->fka, j);
}

/* A customer leaving slot t: the arc row of t is rebuilt when next needed. */
static inline void mem_del(eco_supply_alloc *a, int j, int t) {
  const size_t S = (size_t)a->fks, n = (size_t)a->p->n;
  int q = a->mpos[j * S + t], last = a->mem[t * n + --a->mcnt[t]];
  a->mem[t * n + q] = last;
  a->mpos[(size_t)last * S + t] = q;
  a->arcok[t] = 0;
}

/* Dijkstra over the slots in use from the keys set by the caller (dist =
 * key, pred = -1), with reduced costs. Stops at the first slot popped that
 * is target_slot (if >= 0) or else has room (dead slots excepted), and
 * returns it; -1 if none is reachable. */
ECO_CLONES
static int flow_dijkstra(eco_supply_alloc *a, int target_slot) {
  const int Ka = a->fka, n = a->p->n;
  const size_t S = (size_t)a->fks;
  double *pot = a->pot, *dist = a->dist, *key = a->key;
  const double eps = a->feps;
  for (;;) {
    /* the smallest key (four independent min chains), then its first slot */
    double kv = key_min(key, Ka);
    if (!(kv < INFINITY)) return -1;
    int v = 0;
    while (key[v] != kv) v++;
    key[v] = INFINITY;
    if (target_slot >= 0 ? v == target_slot : (a->spare[v] > eps && !a->fdead[v]))
      return v; /* shortest path found */
    /* relax every arc v -> t (through the customer j of v that moves
     * cheapest to t). A slot already done has dist <= dist[v] <= nd, so it
     * is never updated. */
    double *av = a->arc + (size_t)v * S;
    int *jv = a->arcj + (size_t)v * S;
    if (!a->arcok[v]) {
      for (int t = 0; t < Ka; t++) {
        av[t] = INFINITY;
        jv[t] = -1;
      }
      for (int q = 0; q < a->mcnt[v]; q++) {
        int j = a->mem[(size_t)v * n + q];
        arc_take(av, jv, a->uk + (size_t)j * S, v, Ka, j);
      }
      a->arcok[v] = 1;
    }
    const double dv = dist[v], base = dv + pot[v];
    int *restrict pred = a->pred;
    double *restrict dd = dist, *restrict kk = key;
    const double *restrict pp = pot, *restrict aa = av;
    for (int t = 0; t < Ka; t++) { /* branch-free, so it vectorizes. No arc: av[t] and nd are infinite */
      double nd = base + aa[t] - pp[t];
      nd = nd < dv ? dv : nd; /* round-off: reduced costs are >= 0 */
      const int up = nd < dd[t];
      dd[t] = up ? nd : dd[t];
      kk[t] = up ? nd : kk[t];
      pred[t] = up ? v : pred[t];
    }
  }
}

/* Move delta units along the path ending at `target` (pred chain). */
ECO_CLONES
static void flow_augment(eco_supply_alloc *a, int target, double delta) {
  const size_t S = (size_t)a->fks;
  double *f = a->flow;
  int v = target;
  while (a->pred[v] >= 0) {
    int u = a->pred[v], j = a->predj[v];
    f[(size_t)j * S + u] -= delta;
    if (f[(size_t)j * S + u] < a->feps) {
      f[(size_t)j * S + u] = 0;
      mem_del(a, j, u);
    }
    if (f[(size_t)j * S + v] == 0) mem_add(a, j, v);
    f[(size_t)j * S + v] += delta;
    v = u;
  }
}

/* The customer moved by each arc of the path ending at `target` (predj,
 * read off the arc rows before the path changes them), the smallest flow on
 * the path, and its first slot. */
static double flow_path_min(eco_supply_alloc *a, int target, double delta, int *first) {
  const size_t S = (size_t)a->fks;
  int v = target;
  while (a->pred[v] >= 0) {
    int u = a->pred[v], j = a->arcj[(size_t)u * S + v];
    a->predj[v] = j;
    double fj = a->flow[(size_t)j * S + u];
    if (fj < delta) delta = fj;
    v = u;
  }
  *first = v;
  return delta;
}

/* Successive shortest paths from overloaded slots to slots with room: the
 * number of paths, or -1 if a path could not be found or moved nothing
 * (cannot happen). */
static int flow_ssp(eco_supply_alloc *a) {
  const int Ka = a->fka, k = a->fk;
  double *pot = a->pot, *dist = a->dist, *spare = a->spare, *key = a->key;
  const double eps = a->feps;
  for (int paths = 0;; paths++) {
    /* the source: the first overloaded slot (successive shortest paths may
     * start from any one; from one, Dijkstra pops fewer slots) */
    int any = 0;
    for (int t = 0; t < Ka; t++) {
      a->pred[t] = -1;
      if (!any && t != k && spare[t] < -eps) {
        dist[t] = 0;
        any = 1;
      } else {
        dist[t] = INFINITY;
      }
      key[t] = dist[t];
    }
    if (!any) return paths;
    int target = flow_dijkstra(a, -1), src;
    if (target < 0) return -1; /* the virtual site is always reachable */
    double delta = flow_path_min(a, target, spare[target] > 0 ? spare[target] : 0, &src);
    if (-spare[src] < delta) delta = -spare[src];
    if (!(delta > 0)) return -1;
    flow_augment(a, target, delta);
    spare[target] -= delta;
    spare[src] += delta;
    double dt = dist[target];
    for (int t = 0; t < Ka; t++) pot[t] += dist[t] < dt ? dist[t] : dt;
  }
}

/* Units at slot t (sum of its customers' flows). */
static double flow_load(const eco_supply_alloc *a, int t) {
  const size_t S = (size_t)a->fks;
  double l = 0;
  for (int q = 0; q < a->mcnt[t]; q++) l += a->flow[(size_t)a->mem[(size_t)t * a->p->n + q] * S + t];
  return l;
}

/* Open site b as a new slot in a solved flow (see the section comment).
 * 0 if a path could not be found or moved nothing (cannot happen). */
static int flow_add(eco_supply_alloc *a, int b) {
  const eco_supply_cflp *p = a->p;
  const int m = p->m, n = p->n, k = a->fk, s = a->fka++;
  const size_t S = (size_t)a->fks;
  double *pot = a->pot, *dist = a->dist, *spare = a->spare, *key = a->key, *uk = a->uk;
  const double eps = a->feps, P = pot[k];
  a->openlist[s] = b;
  for (int j = 0; j < n; j++) {
    uk[(size_t)j * S + s] = a->ut[(size_t)j * m + b];
    a->flow[(size_t)j * S + s] = 0;
  }
  a->mcnt[s] = 0;
  a->arcok[s] = 0;
  a->fdead[s] = 0;
  /* the arcs into s; s's potential makes their reduced costs >= 0 */
  double ps = P;
  for (int v = 0; v < s; v++) {
    double c = INFINITY;
    int cj = -1;
    for (int q = 0; q < a->mcnt[v]; q++) {
      int j = a->mem[(size_t)v * n + q];
      double cc = uk[(size_t)j * S + s] - uk[(size_t)j * S + v];
      if (cc < c) {
        c = cc;
        cj = j;
      }
    }
    if (a->arcok[v]) {
      a->arc[(size_t)v * S + s] = c;
      a->arcj[(size_t)v * S + s] = cj;
    }
    if (c + pot[v] < ps) ps = c + pot[v];
  }
  double D = p->capacity[b], unused = 0;
  pot[s] = ps;
  spare[s] = 0;
  if (!(ps < P)) D = 0, unused = p->capacity[b]; /* no customer is cheaper at s */
  while (D > eps) {
    for (int t = 0; t < s + 1; t++) {
      a->pred[t] = -1;
      double d0 = INFINITY;
      if (t == s || a->mcnt[t] > 0) d0 = P - pot[t] > 0 ? P - pot[t] : 0;
      dist[t] = key[t] = d0;
    }
    if (flow_dijkstra(a, s) != s) return 0;
    int first;
    double delta = flow_path_min(a, s, D, &first);
    if (first != s) {
      double l = flow_load(a, first);
      if (l < delta) delta = l;
    }
    if (!(delta > 0)) return 0;
    flow_augment(a, s, delta);
    if (first == s) unused += delta;
    else if (first != k) spare[first] += delta;
    D -= delta;
    double dt = dist[s];
    for (int t = 0; t <= s; t++) pot[t] += dist[t] < dt ? dist[t] : dt;
    /* slots with room and no customer: back at the sink's potential */
    for (int t = 0; t < s; t++)
      if (a->mcnt[t] == 0 && (t == k || spare[t] > eps)) pot[t] = P;
  }
  spare[s] = unused + (D > 0 ? D : 0);
  if (spare[s] > eps) pot[s] = P;
  return 1;
}

/* Cost of the flow in the arrays (x: the fractions, if wanted). */
static void flow_result(eco_supply_alloc *a, double *x, eco_supply_cflp_eval *ev) {
  const eco_supply_cflp *p = a->p;
  const int m = p->m, n = p->n, k = a->fk, Ka = a->fka;
  const size_t S = (size_t)a->fks;
  const double *d = p->demand, *f = a->flow;
  const double tot = a->dem;
  double fixed = 0;
  for (int t = 0; t < Ka; t++)
    if (t != k && !a->fdead[t]) fixed += p->fixed[a->openlist[t]];
  double assign = 0, emis = 0, unmet = 0;
  if (x) memset(x, 0, sizeof(double) * (size_t)m * n);
  for (int j = 0; j < n; j++) {
    if (d[j] <= 0) { /* zero demand: its cheapest open site */
      int h = -1;
      for (int t = 0; t < Ka; t++)
        if (t != k && !a->fdead[t] &&
            (h < 0 || a->w[(size_t)a->openlist[t] * n + j] < a->w[(size_t)a->openlist[h] * n + j]))
          h = t;
      if (h >= 0) {
        size_t kk = (size_t)a->openlist[h] * n + j;
        assign += p->cost[kk];
        emis += p->emis[kk];
        if (x) x[kk] = 1.0;
      }
      continue;
    }
    for (int t = 0; t < Ka; t++) {
      double fl = f[(size_t)j * S + t];
      if (t == k || fl <= 0) continue;
      double frac = fl / d[j];
      size_t kk = (size_t)a->openlist[t] * n + j;
      assign += p->cost[kk] * frac;
      emis += p->emis[kk] * frac;
      if (x) x[kk] = frac;
    }
    unmet += f[(size_t)j * S + k];
  }
  if (unmet <= 1e-9 * (tot > 1 ? tot : 1)) unmet = 0;
  ev->fixed = fixed;
  ev->assign = assign;
  ev->emissions = emis;
  ev->unmet = unmet;
  ev->feasible = unmet == 0;
  ev->objective = fixed + assign + a->carbon_price * emis + (unmet > 0 ? a->big + a->penalty * unmet : 0);
}

/* Solve the flow of `open` from scratch into the arrays. */
static void flow_solve(eco_supply_alloc *a, const unsigned char *open) {
  const eco_supply_cflp *p = a->p;
  int m = p->m, n = p->n, k = 0;
  const double *d = p->demand;
  for (int i = 0; i < m; i++)
    if (open[i]) a->openlist[k++] = i;
  const int K = k + 1; /* slots in use; slot k is the virtual site */
  const size_t S = (size_t)a->fks;
  a->fk = k;
  a->fka = K;
  double *f = a->flow, *uk = a->uk;
  for (int j = 0; j < n; j++) { /* unit cost of slot t for customer j */
    const double *uj = a->ut + (size_t)j * m;
    double *ukj = uk + (size_t)j * S;
    for (int t = 0; t < k; t++) ukj[t] = uj[a->openlist[t]];
    ukj[k] = a->penalty;
  }
  for (int t = 0; t < K; t++) {
    a->mcnt[t] = 0;
    a->arcok[t] = 0;
    a->fdead[t] = 0;
    a->spare[t] = t == k ? INFINITY : p->capacity[a->openlist[t]];
    a->pot[t] = 0;
  }
  for (int j = 0; j < n; j++) memset(f + (size_t)j * S, 0, sizeof(double) * (size_t)K);
  for (int j = 0; j < n; j++) {
    if (d[j] <= 0) continue;
    int bt = k;
    double bu = a->penalty;
    for (int t = 0; t < k; t++) {
      double u = uk[(size_t)j * S + t];
      if (u < bu) {
        bu = u;
        bt = t;
      }
    }
    f[(size_t)j * S + bt] = d[j];
    a->spare[bt] -= d[j];
    mem_add(a, j, bt);
  }
  a->fpaths = flow_ssp(a);
}

static void eval_flow(eco_supply_alloc *a, const unsigned char *open, double *x,
                      eco_supply_cflp_eval *ev) {
  flow_solve(a, open);
  flow_result(a, x, ev);
  memcpy(a->last_open, open, (size_t)a->p->m);
  a->last_valid = 1;
}

static void flow_save_free(eco_supply_alloc *a) {
  free(a->sv_flow);
  free(a->sv_arc);
  free(a->sv_small);
  free(a->sv_mpos);
  free(a->sv_mem);
  free(a->sv_arcj);
  free(a->sv_cnt);
  free(a->sv_open);
  free(a->sv_dead);
  free(a->sv_arcok);
  a->sv_flow = a->sv_arc = a->sv_small = NULL;
  a->sv_mpos = a->sv_mem = a->sv_arcj = a->sv_cnt = a->sv_open = NULL;
  a->sv_dead = a->sv_arcok = NULL;
}

/* The arrays of flow_save, once per allocation object (sv_arcok, allocated
 * last, says they are there). */
static eco_status flow_save_alloc(eco_supply_alloc *a) {
  if (a->sv_arcok) return ECO_OK;
  const size_t n = (size_t)a->p->n, S = (size_t)a->p->m + 2;
  eco_status st;
  if ((st = eco_malloc(sizeof(double) * n * S, &a->sv_flow)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * n * S, &a->sv_mpos)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * n * S, &a->sv_mem)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * S * S, &a->sv_arc)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * S * S, &a->sv_arcj)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * 2 * S, &a->sv_small)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * S, &a->sv_cnt)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * S, &a->sv_open)) != ECO_OK ||
      (st = eco_malloc(S, &a->sv_dead)) != ECO_OK ||
      (st = eco_malloc(S, &a->sv_arcok)) != ECO_OK)
    flow_save_free(a);
  return st;
}

/* The solved flow of the current open set, kept while probes change it:
 * the slots in use and their layout, copied to the saved arrays (back = 0,
 * flow_save) or from them (back = 1, flow_restore). */
static void flow_copy(eco_supply_alloc *a, int back) {
#define FLOW_CP(live, saved, bytes) \
  memcpy(back ? (void *)(live) : (void *)(saved), back ? (const void *)(saved) : (const void *)(live), (bytes))
  if (back) {
    a->fk = a->sv_fk;
    a->fka = a->sv_fka;
    a->fpaths = a->sv_fpaths;
  } else {
    a->sv_fk = a->fk;
    a->sv_fka = a->fka;
    a->sv_fpaths = a->fpaths;
  }
  const size_t n = (size_t)a->p->n, S = (size_t)a->fks, K = (size_t)a->fka;
  FLOW_CP(a->mcnt, a->sv_cnt, sizeof(int) * K); /* first: the lists' lengths */
  FLOW_CP(a->arcok, a->sv_arcok, K);
  FLOW_CP(a->pot, a->sv_small, sizeof(double) * K);
  FLOW_CP(a->spare, a->sv_small + K, sizeof(double) * K);
  FLOW_CP(a->openlist, a->sv_open, sizeof(int) * K);
  FLOW_CP(a->fdead, a->sv_dead, K);
  for (size_t j = 0; j < n; j++) {
    FLOW_CP(a->flow + j * S, a->sv_flow + j * S, sizeof(double) * K);
    FLOW_CP(a->mpos + j * S, a->sv_mpos + j * S, sizeof(int) * K);
  }
  for (size_t t = 0; t < K; t++) {
    FLOW_CP(a->mem + t * n, a->sv_mem + t * n, sizeof(int) * (size_t)a->mcnt[t]);
    if (a->arcok[t]) {
      FLOW_CP(a->arc + t * S, a->sv_arc + t * S, sizeof(double) * K);
      FLOW_CP(a->arcj + t * S, a->sv_arcj + t * S, sizeof(int) * K);
    }
  }
#undef FLOW_CP
}

static void flow_save(eco_supply_alloc *a) { flow_copy(a, 0); }
static void flow_restore(eco_supply_alloc *a) { flow_copy(a, 1); }

/* The solved flow of the current open set changed by closing the site of
 * slot `drop` and/or opening site `add` (-1: none): with warm set, solved by
 * continuing from it (see the section comment), else (or if the warm start
 * fails: no free slot left, or no path, which cannot happen) the new open
 * set `cand` solved from scratch. */
static void flow_probe(eco_supply_alloc *a, int drop, int add, const unsigned char *cand,
                       int warm, eco_supply_cflp_eval *ev) {
  int ok = warm && (a->fka < a->fks || add < 0);
  if (ok && add >= 0) ok = flow_add(a, add);
  if (ok && drop >= 0) {
    a->fdead[drop] = 1;
    a->spare[drop] -= a->p->capacity[a->openlist[drop]];
    ok = flow_ssp(a) >= 0;
  }
  if (!ok) flow_solve(a, cand);
  if (ok) a->probes_warm++;
  else a->probes_scratch++;
  flow_result(a, NULL, ev);
}

void eco_supply_alloc_probes(const eco_supply_alloc *a, int64_t *warm, int64_t *scratch) {
  *warm = a->probes_warm;
  *scratch = a->probes_scratch;
}

/* Multi-sourcing with less open capacity than demand: no allocation can
 * serve everyone, and none is solved. The graded penalty is
 * fixed + sum_j min_open w_ij + penalty * (demand - open capacity), a lower
 * bound on the best allocation with unserved demand priced at the penalty.
 * x (if wanted) gets the uncapacitated cheapest assignment. */
static int eval_short(eco_supply_alloc *a, const unsigned char *open, double *x,
                      eco_supply_cflp_eval *ev) {
  const eco_supply_cflp *p = a->p;
  int m = p->m, n = p->n, no = 0;
  double cap = 0, dem = a->dem, fixed = 0;
  for (int i = 0; i < m; i++)
    if (open[i]) {
      cap += p->capacity[i];
      fixed += p->fixed[i];
      a->openlist[no++] = i;
    }
  if (cap >= dem) return 0;
  double assign = 0, emis = 0, wsum = 0;
  if (x) memset(x, 0, sizeof(double) * (size_t)m * n);
  for (int j = 0; j < n && no > 0; j++) {
    int b = a->openlist[0];
    for (int k = 1; k < no; k++)
      if (a->w[(size_t)a->openlist[k] * n + j] < a->w[(size_t)b * n + j]) b = a->openlist[k];
    size_t kk = (size_t)b * n + j;
    wsum += a->w[kk];
    assign += p->cost[kk];
    emis += p->emis[kk];
    if (x) x[kk] = 1.0;
  }
  ev->fixed = fixed;
  ev->assign = assign;
  ev->emissions = emis;
  ev->unmet = dem - cap;
  ev->feasible = 0;
  ev->objective = a->big + fixed + wsum + a->penalty * (dem - cap);
  return 1;
}

eco_status eco_supply_alloc_eval(eco_supply_alloc *a, const unsigned char *open,
                                 double *x, eco_supply_cflp_eval *ev) {
  if (a->kind != ECO_SUPPLY_ALLOC_SINGLE && eval_short(a, open, x, ev)) return ECO_OK;
  if (a->kind == ECO_SUPPLY_ALLOC_SINGLE) {
    eval_single(a, open, x, ev);
    return ECO_OK;
  }
  if (a->kind == ECO_SUPPLY_ALLOC_FLOW) {
    eval_flow(a, open, x, ev);
    return ECO_OK;
  }
  return eval_lp(a, open, x, ev);
}

/* ---- the exact MIP ------------------------------------------------------ */
typedef struct {
  double bound;
  int have;
} mip_cb_data;

static void mip_callback(glp_tree *tree, void *info) {
  mip_cb_data *cb = info;
  if (glp_ios_reason(tree) == GLP_ISELECT || glp_ios_reason(tree) == GLP_IBRANCH) {
    int best = glp_ios_best_node(tree);
    if (best) {
      cb->bound = glp_ios_node_bound(tree, best);
      cb->have = 1;
    }
  }
}

eco_status eco_supply_cflp_mip(const eco_supply_cflp *p, int single_source,
                               double carbon_price, double time_limit,
                               unsigned char *open, double *x,
                               eco_supply_cflp_eval *ev, double *bound,
                               int *optimal) {
  int m = p->m, n = p->n;
  glp_prob *lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  /* rows: n demand, m capacity, m*n linking, 1 aggregate capacity */
  int nrows = n + m + m * n + 1;
  glp_add_rows(lp, nrows);
  double tot = 0;
  for (int j = 0; j < n; j++) {
    glp_set_row_bnds(lp, 1 + j, GLP_FX, 1.0, 1.0);
    tot += p->demand[j];
  }
  for (int i = 0; i < m; i++) glp_set_row_bnds(lp, 1 + n + i, GLP_UP, 0.0, 0.0);
  for (int k = 0; k < m * n; k++) glp_set_row_bnds(lp, 1 + n + m + k, GLP_UP, 0.0, 0.0);
  glp_set_row_bnds(lp, nrows, GLP_LO, tot, 0.0);
  /* cols: y_i (1..m), x_ij (m+1 ..) */
  glp_add_cols(lp, m + m * n);
  int ind[4 + 1];
  double val[4 + 1];
  int *yind = NULL;
  double *yval = NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int) * (size_t)(n + 3), &yind), done);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(n + 3), &yval), done);
  for (int i = 0; i < m; i++) {
    int col = 1 + i;
    glp_set_col_kind(lp, col, GLP_BV);
    glp_set_obj_coef(lp, col, p->fixed[i]);
    int k = 0;
    yind[++k] = 1 + n + i;
    yval[k] = -p->capacity[i];
    for (int j = 0; j < n; j++) {
      yind[++k] = 1 + n + m + i * n + j;
      yval[k] = -1.0;
    }
    yind[++k] = nrows;
    yval[k] = p->capacity[i];
    glp_set_mat_col(lp, col, k, yind, yval);
  }
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      int col = 1 + m + i * n + j;
      size_t kk = (size_t)i * n + j;
      if (single_source)
        glp_set_col_kind(lp, col, GLP_BV);
      else
        glp_set_col_bnds(lp, col, GLP_DB, 0.0, 1.0);
      glp_set_obj_coef(lp, col, p->cost[kk] + carbon_price * p->emis[kk]);
      int k = 0;
      ind[++k] = 1 + j;
      val[k] = 1.0;
      if (p->demand[j] > 0) {
        ind[++k] = 1 + n + i;
        val[k] = p->demand[j];
      }
      ind[++k] = 1 + n + m + i * n + j;
      val[k] = 1.0;
      glp_set_mat_col(lp, col, k, ind, val);
    }
  {
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = GLP_MSG_OFF;
    iocp.presolve = GLP_ON;
    iocp.mir_cuts = GLP_ON;
    if (time_limit > 0) iocp.tm_lim = (int)(time_limit * 1000 > 2e9 ? 2e9 : time_limit * 1000);
    mip_cb_data cb = {0, 0};
    iocp.cb_func = mip_callback;
    iocp.cb_info = &cb;
    int term = glp_term_out(GLP_OFF);
    int ret = glp_intopt(lp, &iocp);
    glp_term_out(term);
    int mst = glp_mip_status(lp);
    ECO_CHECK_GOTO(st, (ret == 0 || ret == GLP_ETMLIM) && (mst == GLP_OPT || mst == GLP_FEAS),
                   ECO_ERR_SOLVER, done,
                   "GLPK MIP on %s found no integer solution (return %d, status %d)", p->name, ret, mst);
    *optimal = (ret == 0 && mst == GLP_OPT);
    double obj = glp_mip_obj_val(lp);
    *bound = *optimal ? obj : (cb.have ? cb.bound : -INFINITY);
    double fixed = 0, assign = 0, emis = 0;
    if (x) memset(x, 0, sizeof(double) * (size_t)m * n);
    for (int i = 0; i < m; i++) {
      int o = glp_mip_col_val(lp, 1 + i) > 0.5;
      if (open) open[i] = (unsigned char)o;
      if (o) fixed += p->fixed[i];
      for (int j = 0; j < n; j++) {
        double v = glp_mip_col_val(lp, 1 + m + i * n + j);
        if (v <= 0) continue;
        size_t kk = (size_t)i * n + j;
        assign += p->cost[kk] * v;
        emis += p->emis[kk] * v;
        if (x) x[kk] = v;
      }
    }
    ev->fixed = fixed;
    ev->assign = assign;
    ev->emissions = emis;
    ev->unmet = 0;
    ev->feasible = 1;
    ev->objective = obj;
  }
done:
  free(yind);
  free(yval);
  glp_delete_prob(lp);
  return st;
}

/* ---- local search on the open set (multi-sourcing, min-cost flow) -------
 * Moves: open a closed site (add), close an open one (drop), or both (swap).
 * They are priced with the duals of the current transportation problem,
 * read off the last min-cost flow: beta_t = pot_t - pot_virtual (<= 0, the
 * value of a unit of capacity at slot t; 0 where there is room) and
 * alpha_j = min_t (u_tj - beta_t) (the marginal cost of a unit of j's
 * demand). Estimates:
 *   drop a:   -f_a + sum_j x_aj (alpha2_j - u_aj), alpha2_j the best price of
 *             j at another slot (the units of a move there);
 *   add b:    f_b - best fractional knapsack of the units whose price
 *             alpha_j exceeds u_bj, within s_b;
 *   swap a,b: the drop of a with b as a further option for a's units, plus
 *             b's knapsack scaled by the capacity those units leave.
 * Moves with a negative estimate are solved exactly in increasing order of
 * the estimate, at most `probe` per step, warm-started from the current
 * set's flow where few customers must move (flow_probe); the first that
 * lowers the exact objective is taken (first improvement). Stops when no
 * probed move improves or after max_evals exact solves. Deterministic. */
typedef struct {
  double est;
  int a, b; /* site to close (-1: none), site to open (-1: none) */
} ls_move;

static int move_before(const ls_move *p, const ls_move *q) {
  if (p->est != q->est) return p->est < q->est;
  if (p->a != q->a) return p->a < q->a;
  return p->b < q->b;
}

/* Keep the `cap` best moves (smallest estimates) in top[0..*nt), sorted. */
static void top_push(ls_move *top, int *nt, int cap, ls_move mv) {
  if (*nt == cap && !move_before(&mv, &top[cap - 1])) return;
  int q = *nt < cap ? (*nt)++ : cap - 1;
  while (q > 0 && move_before(&mv, &top[q - 1])) {
    top[q] = top[q - 1];
    q--;
  }
  top[q] = mv;
}

static int cmp_gain_desc(const void *x, const void *y) {
  const double *p = x, *q = y; /* pairs (gain per unit, units) */
  if (p[0] != q[0]) return p[0] > q[0] ? -1 : 1;
  return p[1] < q[1] ? -1 : p[1] > q[1];
}

typedef struct {
  double *alpha, *alpha2, *knap, *pairs, *dropc; /* [n], [n], [m], [2n], [m] */
  int *slot_of, *arg1, *attract;                 /* [m], [n], [m] */
  unsigned char *cur;                            /* [m] */
  ls_move *top;                                  /* [probe] */
} ls_work;

/* Solve the probed moves in order, from the flow of the current set where
 * that pays (saved, and restored after a probe that does not improve); 1
 * if one improved: open, *cur_ev and the flow arrays are then the new set's. */
static int ls_try(eco_supply_alloc *a, ls_work *w, unsigned char *open, const ls_move *top, int nt,
                  eco_supply_cflp_eval *cur_ev, int max_evals, int64_t *evals) {
  int m = a->p->m;
  double tol = 1e-9 * (fabs(cur_ev->objective) + 1);
  if (nt > 0) flow_save(a);
  for (int q = 0; q < nt && *evals < max_evals; q++) {
    memcpy(w->cur, open, (size_t)m);
    if (top[q].a >= 0) w->cur[top[q].a] = 0;
    if (top[q].b >= 0) w->cur[top[q].b] = 1;
    eco_supply_cflp_eval e;
    /* warm start when the customers that must move (out of the closed
     * site, into the opened one) are few against the paths of the last
     * solve from scratch: tight instances with many open sites. Where few
     * open sites serve many customers each (the capa class), a solve from
     * scratch is cheaper. */
    const int drop = top[q].a >= 0 ? w->slot_of[top[q].a] : -1;
    const int moves = (drop >= 0 ? a->mcnt[drop] : 0) + (top[q].b >= 0 ? w->attract[top[q].b] : 0);
    flow_probe(a, drop, top[q].b, w->cur, 2 * moves < a->fpaths, &e);
    (*evals)++;
    if (e.feasible && e.objective < cur_ev->objective - tol) {
      memcpy(open, w->cur, (size_t)m);
      memcpy(a->last_open, open, (size_t)m);
      *cur_ev = e;
      return 1;
    }
    flow_restore(a);
  }
  return 0;
}

eco_status eco_supply_alloc_improve(eco_supply_alloc *a, unsigned char *open,
                                    eco_supply_cflp_eval *ev, int probe, int max_evals,
                                    int64_t *evals) {
  const eco_supply_cflp *p = a->p;
  int m = p->m, n = p->n;
  *evals = 0;
  ECO_CHECK(a->kind == ECO_SUPPLY_ALLOC_FLOW, ECO_ERR_INTERNAL, "local search needs the flow allocation");
  if (!ev->feasible || probe < 1) return ECO_OK;
  ls_work w;
  memset(&w, 0, sizeof(w));
  eco_status st = ECO_OK;
  if ((st = eco_malloc(sizeof(double) * (size_t)n, &w.alpha)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * (size_t)n, &w.alpha2)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * (size_t)m, &w.knap)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * 2 * (size_t)n, &w.pairs)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * (size_t)m, &w.dropc)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * (size_t)m, &w.slot_of)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * (size_t)m, &w.attract)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * (size_t)n, &w.arg1)) != ECO_OK ||
      (st = eco_malloc((size_t)m, &w.cur)) != ECO_OK ||
      (st = eco_malloc(sizeof(ls_move) * (size_t)probe, &w.top)) != ECO_OK ||
      (st = flow_save_alloc(a)) != ECO_OK)
    goto out;
  const double dem = a->dem;
  eco_supply_cflp_eval cur_ev = *ev;
  /* the flow arrays must describe the current open set */
  if (!a->last_valid || memcmp(a->last_open, open, (size_t)m) != 0) {
    eval_flow(a, open, NULL, &cur_ev);
    (*evals)++;
  }
  while (*evals < max_evals) {
    /* the flow's slots (see the min-cost flow section's layout) */
    const int Ka = a->fka, k = a->fk;
    double cap = 0;
    for (int i = 0; i < m; i++) {
      w.slot_of[i] = -1;
      if (open[i]) cap += p->capacity[i];
    }
    for (int t = 0; t < Ka; t++)
      if (t != k && !a->fdead[t]) w.slot_of[a->openlist[t]] = t;
    const size_t S = (size_t)a->fks;
    const double *uk = a->uk, *f = a->flow, *pot = a->pot;
    double tol = 1e-9 * (fabs(cur_ev.objective) + 1);
    /* customer prices: best and second best slot by u_tj - beta_t */
    for (int j = 0; j < n; j++) {
      double b1 = INFINITY, b2 = INFINITY;
      int t1 = -1;
      for (int t = 0; t < Ka; t++) {
        if (a->fdead[t]) continue;
        double v = uk[(size_t)j * S + t] - (pot[t] - pot[k]);
        if (v < b1) {
          b2 = b1;
          b1 = v;
          t1 = t;
        } else if (v < b2) {
          b2 = v;
        }
      }
      w.alpha[j] = b1;
      w.alpha2[j] = b2;
      w.arg1[j] = t1;
    }
    int nt = 0;
    /* add b: knapsack of the positive gains alpha_j - u_bj */
    for (int b = 0; b < m; b++) {
      if (open[b]) continue;
      int np = 0;
      double units = 0, gain = 0;
      for (int j = 0; j < n; j++) {
        if (p->demand[j] <= 0) continue;
        double gj = w.alpha[j] - a->ut[(size_t)j * m + b];
        if (gj <= 0) continue;
        w.pairs[2 * np] = gj;
        w.pairs[2 * np + 1] = p->demand[j];
        np++;
        units += p->demand[j];
        gain += gj * p->demand[j];
      }
      if (units > p->capacity[b]) {
        qsort(w.pairs, (size_t)np, 2 * sizeof(double), cmp_gain_desc);
        double room = p->capacity[b];
        gain = 0;
        for (int q = 0; q < np && room > 0; q++) {
          double take = w.pairs[2 * q + 1] < room ? w.pairs[2 * q + 1] : room;
          gain += take * w.pairs[2 * q];
          room -= take;
        }
      }
      w.knap[b] = gain;
      w.attract[b] = np;
      ls_move mv = {p->fixed[b] - gain, -1, b};
      if (mv.est < -tol) top_push(w.top, &nt, probe, mv);
    }
    /* drop a: a's units move to their second best price */
    for (int i = 0; i < m; i++) {
      if (!open[i]) continue;
      int t = w.slot_of[i];
      double c = -p->fixed[i];
      for (int q = 0; q < a->mcnt[t]; q++) {
        int j = a->mem[(size_t)t * n + q];
        double alt = w.arg1[j] == t ? w.alpha2[j] : w.alpha[j];
        c += f[(size_t)j * S + t] * (alt - uk[(size_t)j * S + t]);
      }
      w.dropc[i] = c;
      ls_move mv = {c, i, -1};
      if (cap - p->capacity[i] >= dem && c < -tol) top_push(w.top, &nt, probe, mv);
    }
    if (ls_try(a, &w, open, w.top, nt, &cur_ev, max_evals, evals)) continue;
    /* swap: close i, open b (only when no single add or drop improved) */
    nt = 0;
    for (int i = 0; i < m; i++) {
      if (!open[i]) continue;
      int t = w.slot_of[i];
      for (int b = 0; b < m; b++) {
        if (open[b] || cap - p->capacity[i] + p->capacity[b] < dem) continue;
        double c = w.dropc[i] + p->fixed[b], used = 0;
        for (int q = 0; q < a->mcnt[t]; q++) {
          int j = a->mem[(size_t)t * n + q];
          double alt = w.arg1[j] == t ? w.alpha2[j] : w.alpha[j];
          double ub = a->ut[(size_t)j * m + b];
          if (ub < alt) {
            double x = f[(size_t)j * S + t];
            c += x * (ub - alt);
            used += x;
          }
        }
        double left = p->capacity[b] - used;
        c -= left > 0 ? w.knap[b] * left / p->capacity[b] : 0;
        ls_move mv = {c, i, b};
        if (c < -tol) top_push(w.top, &nt, probe, mv);
      }
    }
    if (!ls_try(a, &w, open, w.top, nt, &cur_ev, max_evals, evals)) break;
  }
  *ev = cur_ev;
out:
  free(w.alpha);
  free(w.alpha2);
  free(w.knap);
  free(w.pairs);
  free(w.dropc);
  free(w.slot_of);
  free(w.attract);
  free(w.arg1);
  free(w.cur);
  free(w.top);
  return st;
}
