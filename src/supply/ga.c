/* Island genetic algorithm engine: CFLP open/close bit strings (weighted or
 * NSGA-II), and CVRP giant tours (memetic, see cvrp.c).
 *
 * Islands are the unit: island k has its own population, random stream
 * eco_rng(seed, ECO_RNG_SUPPLY, k), allocation solver (GLPK problem object)
 * and cache of evaluated candidates, so what an island computes depends on
 * (seed, k, migrants received) only. Islands are dealt to ranks in blocks.
 *
 * Generation g on every island: sort; keep `elite`; fill the rest with
 * children (two tournaments, uniform crossover, bit-flip mutation),
 * evaluated through the cache. Then, if M > 0 and g % M == 0: take in the
 * migrants island k-1 sent at generation g - M (they replace the worst
 * individuals when better), and send copies of the best `migrants`
 * individuals to island k+1 (ring). Between ranks the send is an MPI_Isend
 * posted at g and received at g + M, so it overlaps M generations of work;
 * between islands on one rank the same delay is kept in memory. Finally
 * the ranks agree on the global best and the stop condition (allreduce).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/io.h"
#include "ecoscale/progress.h"
#include "supply_impl.h"

#define NEV 7 /* doubles per evaluation when packed */
#define VRP_FEAS 0.2  /* CVRP: target share of feasible local optima */
#define VRP_ADAPT 100 /* CVRP: local searches between penalty adaptations */

typedef struct {
  unsigned char *bits;
  eco_supply_cflp_eval ev;
  double key; /* NSGA-II: front rank + a crowding term in [0, 0.5); smaller is better */
} indiv;

typedef struct {
  uint64_t hash; /* 0 = empty */
  unsigned char *bits;
  eco_supply_cflp_eval ev;
} cache_slot;

typedef struct {
  int id;
  eco_rng rng;
  indiv *pop, *next;
  unsigned char *pool; /* bits of pop and next, then prebits */
  /* CFLP local search: the child before its search (prebits, preev) and
   * whether the search moved it (evaluate) */
  unsigned char *prebits;
  eco_supply_cflp_eval preev;
  int lsmoved;
  int *order;          /* sorting scratch */
  eco_supply_alloc *alloc;
  cache_slot *cache;
  unsigned char *cache_bits;
  size_t cache_cap, cache_used;
  int64_t stats[ECO_SUPPLY_ISTATS];
  double best_prev;
  int ls_ready;           /* CFLP local search: initial population done */
  eco_supply_cvrp_ls *ls; /* CVRP: local search state */
  double vpen;            /* CVRP: capacity penalty of the local search (adaptive) */
  int64_t vfeas, vruns;   /* CVRP: feasible local optima / runs since the last adaptation */
  unsigned char *seen;    /* CVRP: crossover scratch */
  /* migration */
  unsigned char *sendbuf, *recvbuf, *pending; /* packed migrants */
  int have_pending;      /* in-memory message waiting (same-rank target) */
  unsigned char *inbox;  /* migrants restored from a checkpoint, taken in at the next take-in */
  indiv *sel;            /* NSGA-II: selected individuals (own bits) */
  unsigned char *selpool;
  indiv **cand;          /* NSGA-II: candidates (2 x population) */
  int *rank_, *cnt, *ord; /* NSGA-II scratch */
  double *crowd;
  int have_inbox;
  /* CVRP survivor selection (vrp_select): route links of the candidates,
   * their broken-pairs distances, split scratch */
  int *succ, *prd;      /* [2P x (n+1)] */
  double *bdist, *vfit; /* [2P x 2P], [2P] */
  double *vwork;        /* [n+1] */
  int *vpred, *vstart;  /* [n+1] */
  unsigned char *alive; /* [2P] */
  MPI_Request sendreq;
  int64_t async_sent, async_recvd; /* async mode: messages to / from other ranks */
} island;

typedef struct {
  const eco_supply_cflp *p;   /* CFLP, or NULL */
  const eco_supply_cvrp *vrp; /* CVRP, or NULL */
  const eco_supply_ga_params *prm;
  int m;       /* genome bytes: sites (CFLP) or 4 x customers (CVRP giant tour) */
  int granular;
  int pareto; /* NSGA-II over (cost, emissions) */
  int alloc_kind;
  double carbon_price, penalty;
  size_t packsz; /* bytes per packed individual */
} ga_ctx;

const char *eco_supply_stop_reason_name(int reason) {
  switch (reason) {
  case ECO_SUPPLY_STOP_GENERATIONS: return "generations";
  case ECO_SUPPLY_STOP_STALL: return "stall";
  case ECO_SUPPLY_STOP_TARGET: return "target";
  case ECO_SUPPLY_STOP_TIME: return "time_limit";
  case ECO_SUPPLY_STOP_SIGNAL: return "signal";
  default: return "unknown";
  }
}

/* ---- cache -------------------------------------------------------------- */
static int cache_get(island *is, int m, const unsigned char *bits, uint64_t h,
                     eco_supply_cflp_eval *ev) {
  if (!is->cache_cap) return 0;
  size_t mask = is->cache_cap - 1;
  for (size_t k = h & mask;; k = (k + 1) & mask) {
    cache_slot *s = &is->cache[k];
    if (s->hash == 0) return 0;
    if (s->hash == h && memcmp(s->bits, bits, (size_t)m) == 0) {
      *ev = s->ev;
      return 1;
    }
  }
}

static void cache_put(island *is, int m, const unsigned char *bits, uint64_t h,
                      const eco_supply_cflp_eval *ev) {
  if (!is->cache_cap) return;
  if (is->cache_used * 10 >= is->cache_cap * 7) { /* full: start afresh */
    for (size_t k = 0; k < is->cache_cap; k++) is->cache[k].hash = 0;
    is->cache_used = 0;
  }
  size_t mask = is->cache_cap - 1;
  size_t k = h & mask;
  while (is->cache[k].hash != 0) k = (k + 1) & mask;
  cache_slot *s = &is->cache[k];
  s->hash = h;
  memcpy(s->bits, bits, (size_t)m);
  s->ev = *ev;
  is->cache_used++;
}

static eco_status evaluate(ga_ctx *g, island *is, indiv *x) {
  int m = g->m;
  if (g->vrp) { /* education: split, local search, split again */
    memset(&x->ev, 0, sizeof(x->ev));
    int *tour = (int *)(void *)x->bits;
    /* the local search lets routes be overloaded at the island's penalty per
     * unit and repairs an overloaded local optimum (cvrp.c); the penalty
     * adapts so that about VRP_FEAS of the local optima are feasible */
    eco_supply_cvrp_ls_set_penalty(is->ls, is->vpen);
    x->ev.objective = eco_supply_cvrp_ls_run(is->ls, tour, &is->rng);
    is->vfeas += eco_supply_cvrp_ls_feasible(is->ls);
    if (++is->vruns == VRP_ADAPT) {
      double fr = (double)is->vfeas / (double)is->vruns;
      if (fr < VRP_FEAS - 0.05 && is->vpen < 1e5) is->vpen = fmin(is->vpen * 1.2, 1e5);
      else if (fr > VRP_FEAS + 0.05 && is->vpen > 0.1) is->vpen = fmax(is->vpen * 0.85, 0.1);
      is->vfeas = is->vruns = 0;
    }
    ECO_CHECK(isfinite(x->ev.objective), ECO_ERR_MEM, "CVRP local search: out of memory");
    x->ev.assign = x->ev.objective;
    x->ev.feasible = 1;
    is->stats[ECO_SUPPLY_IST_EVALS]++;
    return ECO_OK;
  }
  is->lsmoved = 0;
  uint64_t h = eco_supply_hash_bytes(x->bits, (size_t)m) | 1u;
  if (cache_get(is, m, x->bits, h, &x->ev)) {
    is->stats[ECO_SUPPLY_IST_CACHE_HITS]++;
    return ECO_OK;
  }
  ECO_CALL(eco_supply_alloc_eval(is->alloc, x->bits, NULL, &x->ev));
  is->stats[ECO_SUPPLY_IST_EVALS]++;
  if (g->prm->local_search > 0 && !g->pareto && g->alloc_kind == ECO_SUPPLY_ALLOC_FLOW &&
      (!is->ls_ready || x->ev.objective < is->pop[g->prm->population / 10].ev.objective)) {
    /* CFLP local search (cflp_alloc.c) of the initial population and of the
     * children better than the island's 10th percentile; only the improved
     * set is cached */
    int64_t ne = 0;
    memcpy(is->prebits, x->bits, (size_t)m);
    is->preev = x->ev;
    ECO_CALL(eco_supply_alloc_improve(is->alloc, x->bits, &x->ev, g->prm->local_search,
                                      50 * g->prm->local_search, &ne));
    is->stats[ECO_SUPPLY_IST_EVALS] += ne;
    is->lsmoved = memcmp(is->prebits, x->bits, (size_t)m) != 0;
    h = eco_supply_hash_bytes(x->bits, (size_t)m) | 1u;
    eco_supply_cflp_eval cached;
    if (cache_get(is, m, x->bits, h, &cached)) return ECO_OK;
  }
  cache_put(is, m, x->bits, h, &x->ev);
  return ECO_OK;
}

/* ---- packing ------------------------------------------------------------ */
static void pack(const ga_ctx *g, const indiv *x, unsigned char *buf) {
  double v[NEV] = {x->ev.objective, x->ev.fixed, x->ev.assign, x->ev.emissions,
                   x->ev.unmet, (double)x->ev.feasible, 0};
  memcpy(buf, v, sizeof(v));
  memcpy(buf + sizeof(v), x->bits, (size_t)g->m);
}

static void unpack(const ga_ctx *g, const unsigned char *buf, indiv *x) {
  double v[NEV];
  memcpy(v, buf, sizeof(v));
  x->ev.objective = v[0];
  x->ev.fixed = v[1];
  x->ev.assign = v[2];
  x->ev.emissions = v[3];
  x->ev.unmet = v[4];
  x->ev.feasible = v[5] != 0;
  memcpy(x->bits, buf + sizeof(v), (size_t)g->m);
}

/* ---- sorting (deterministic: ties by position) ------------------------- */
static const indiv *sort_pop;
static int sort_key; /* 1: order by key (NSGA-II), 0: by objective */
#define KEY(x) (sort_key ? (x).key : (x).ev.objective)
static int cmp_order(const void *a, const void *b) {
  int i = *(const int *)a, j = *(const int *)b;
  double fi = KEY(sort_pop[i]), fj = KEY(sort_pop[j]);
  if (fi < fj) return -1;
  if (fi > fj) return 1;
  return i - j;
}

/* Reorder is->pop best first. */
static void sort_island(ga_ctx *g, island *is) {
  int P = g->prm->population, m = g->m;
  for (int k = 0; k < P; k++) is->order[k] = k;
  sort_pop = is->pop;
  sort_key = g->pareto;
  qsort(is->order, (size_t)P, sizeof(int), cmp_order);
  for (int k = 0; k < P; k++) {
    indiv *src = &is->pop[is->order[k]];
    memcpy(is->next[k].bits, src->bits, (size_t)m);
    is->next[k].ev = src->ev;
    is->next[k].key = src->key;
  }
  indiv *t = is->pop;
  is->pop = is->next;
  is->next = t;
}

static const indiv *sort_next;
static int sort_m;
static int cmp_bits(const void *a, const void *b) {
  int i = *(const int *)a, j = *(const int *)b;
  int c = memcmp(sort_next[i].bits, sort_next[j].bits, (size_t)sort_m);
  return c ? c : i - j;
}

static int tournament(ga_ctx *g, island *is) {
  int P = g->prm->population;
  int best = (int)eco_rng_below(&is->rng, (uint64_t)P);
  for (int t = 1; t < g->prm->tournament; t++) {
    int c = (int)eco_rng_below(&is->rng, (uint64_t)P);
    sort_key = g->pareto || g->vrp; /* CVRP: biased fitness (vrp_fitness) */
    if (KEY(is->pop[c]) < KEY(is->pop[best]) || (KEY(is->pop[c]) == KEY(is->pop[best]) && c < best))
      best = c;
  }
  return best;
}

/* ---- NSGA-II -------------------------------------------------------------
 * Objectives: cost (fixed + assignment) and emissions, both minimised, with
 * constraint domination: a feasible candidate dominates an infeasible one,
 * and of two infeasible ones the smaller shortfall dominates. */
static int dominates(const eco_supply_cflp_eval *a, const eco_supply_cflp_eval *b) {
  if (a->feasible != b->feasible) return a->feasible;
  if (!a->feasible) return a->unmet < b->unmet;
  double ca = a->fixed + a->assign, cb = b->fixed + b->assign;
  return ca <= cb && a->emissions <= b->emissions && (ca < cb || a->emissions < b->emissions);
}

static const double *crowd_v;
static int cmp_by_value(const void *x, const void *y) {
  int a = *(const int *)x, b = *(const int *)y;
  double va = crowd_v[a], vb = crowd_v[b];
  return va < vb ? -1 : va > vb ? 1 : a - b;
}

/* Rank the nc candidates into fronts, compute crowding distances within
 * each front, and copy the best P (by front, then crowding, then position)
 * into out with their keys. */
static void nsga_select(ga_ctx *g, island *is, indiv **cand, int nc, indiv *out, int P) {
  int *rk = is->rank_, *cnt = is->cnt, *ord = is->ord; /* cnt[a]: a is dominated */
  double *cr = is->crowd;
  /* fronts by repeated peeling: O(nc^2) per front, fine for GA populations */
  for (int a = 0; a < nc; a++) rk[a] = -1;
  int done = 0, front = 0;
  while (done < nc) {
    for (int a = 0; a < nc; a++) {
      if (rk[a] >= 0) continue;
      cnt[a] = 0;
      for (int b = 0; b < nc && !cnt[a]; b++)
        if (b != a && rk[b] < 0 && dominates(&cand[b]->ev, &cand[a]->ev))
          cnt[a] = 1;
    }
    for (int a = 0; a < nc; a++)
      if (rk[a] < 0 && !cnt[a]) rk[a] = front, done++;
    front++;
  }
  /* crowding distance per front, on (cost, emissions) */
  double *val = malloc(sizeof(double) * (size_t)nc);
  int *mem = malloc(sizeof(int) * (size_t)nc);
  for (int a = 0; a < nc; a++) cr[a] = 0;
  for (int f = 0; f < front && val && mem; f++) {
    int nm = 0;
    for (int a = 0; a < nc; a++)
      if (rk[a] == f) mem[nm++] = a;
    for (int obj = 0; obj < 2; obj++) {
      for (int a = 0; a < nc; a++)
        val[a] = obj ? cand[a]->ev.emissions : cand[a]->ev.fixed + cand[a]->ev.assign;
      crowd_v = val;
      qsort(mem, (size_t)nm, sizeof(int), cmp_by_value);
      double lo = val[mem[0]], hi = val[mem[nm - 1]];
      cr[mem[0]] = cr[mem[nm - 1]] = INFINITY;
      for (int q = 1; q + 1 < nm; q++)
        if (hi > lo) cr[mem[q]] += (val[mem[q + 1]] - val[mem[q - 1]]) / (hi - lo);
    }
  }
  free(val);
  free(mem);
  for (int a = 0; a < nc; a++) {
    cand[a]->key = rk[a] + (isinf(cr[a]) ? 0.0 : 0.5 / (1.0 + cr[a]));
    ord[a] = a;
  }
  /* order by key, ties by position */
  for (int a = 1; a < nc; a++) { /* insertion sort: stable, nc small */
    int x = ord[a], b = a - 1;
    while (b >= 0 && cand[ord[b]]->key > cand[x]->key) {
      ord[b + 1] = ord[b];
      b--;
    }
    ord[b + 1] = x;
  }
  for (int k = 0; k < P; k++) {
    const indiv *src = cand[ord[k]];
    memcpy(out[k].bits, src->bits, (size_t)g->m);
    out[k].ev = src->ev;
    out[k].key = src->key;
  }
}

/* Re-rank the population in place (after migrants came in, or a resume). */
static void nsga_rerank(ga_ctx *g, island *is) {
  int P = g->prm->population;
  for (int k = 0; k < P; k++) is->cand[k] = &is->pop[k];
  nsga_select(g, is, is->cand, P, is->sel, P);
  indiv *t = is->pop;
  is->pop = is->sel;
  is->sel = t;
}

/* ---- CVRP: diversity-aware survivor selection (as in Vidal's HGS) -------
 * Distance between two solutions: the broken-pairs distance (share of
 * customers whose route neighbours differ; the depot counts as a
 * neighbour). Biased fitness of an individual among m: its rank by cost
 * plus (1 - elite/m) x its rank by diversity contribution (mean distance to
 * its VRP_CLOSE closest others, larger is better), both scaled to [0, 1];
 * smaller is better. Parents are chosen by tournaments on it, and the next
 * population is what remains of parents + children after removing, one at a
 * time, a clone (distance 0 to a cheaper individual) or else the worst
 * biased fitness; the cheapest individual is never removed. */
#define VRP_CLOSE 5

/* Route successor / predecessor of each customer of tour (0 = depot). */
static void vrp_links(const ga_ctx *g, island *is, const int *tour, int *succ, int *prd) {
  const eco_supply_cvrp *p = g->vrp;
  eco_supply_cvrp_split(p, tour, is->vwork, is->vpred);
  int R = eco_supply_cvrp_split_routes(p, is->vpred, is->vstart);
  succ[0] = prd[0] = 0;
  for (int r = 0; r < R; r++)
    for (int k = is->vstart[r]; k < is->vstart[r + 1]; k++) {
      int c = tour[k];
      prd[c] = k > is->vstart[r] ? tour[k - 1] : 0;
      succ[c] = k + 1 < is->vstart[r + 1] ? tour[k + 1] : 0;
    }
}

static double vrp_bpd(int n, const int *s1, const int *p1, const int *s2, const int *p2) {
  int diff = 0;
  for (int j = 1; j <= n; j++) {
    if (s1[j] != s2[j] && s1[j] != p2[j]) diff++;
    if (p1[j] == 0 && p2[j] != 0 && s2[j] != 0) diff++;
  }
  return (double)diff / n;
}

/* Links of the nc candidates and their pairwise distances. */
static void vrp_distances(const ga_ctx *g, island *is, indiv **cand, int nc) {
  int n = g->vrp->n;
  size_t N = (size_t)n + 1;
  for (int a = 0; a < nc; a++)
    vrp_links(g, is, (const int *)(const void *)cand[a]->bits, is->succ + N * a, is->prd + N * a);
  for (int a = 0; a < nc; a++) {
    is->bdist[(size_t)a * nc + a] = 0;
    for (int b = a + 1; b < nc; b++) {
      double d = vrp_bpd(n, is->succ + N * a, is->prd + N * a, is->succ + N * b, is->prd + N * b);
      is->bdist[(size_t)a * nc + b] = is->bdist[(size_t)b * nc + a] = d;
    }
  }
}

/* cand[a] before cand[b] by cost (ties: position). */
static int vrp_cheaper(indiv **cand, int a, int b) {
  double fa = cand[a]->ev.objective, fb = cand[b]->ev.objective;
  return fa < fb || (fa == fb && a < b);
}

/* Biased fitness of the alive candidates into is->vfit (is->bdist filled). */
static void vrp_fitness(const ga_ctx *g, island *is, indiv **cand, int nc) {
  int *ord = is->ord, m = 0;
  double *dv = is->crowd;
  for (int a = 0; a < nc; a++)
    if (is->alive[a]) ord[m++] = a;
  for (int i = 0; i < m; i++) { /* diversity contribution */
    int a = ord[i], kc = 0;
    double close[VRP_CLOSE];
    for (int j = 0; j < m; j++) {
      if (j == i) continue;
      double d = is->bdist[(size_t)a * nc + ord[j]];
      int pos;
      if (kc < VRP_CLOSE)
        pos = kc++;
      else if (d < close[VRP_CLOSE - 1])
        pos = VRP_CLOSE - 1;
      else
        continue;
      while (pos > 0 && close[pos - 1] > d) {
        close[pos] = close[pos - 1];
        pos--;
      }
      close[pos] = d;
    }
    double s = 0;
    for (int k = 0; k < kc; k++) s += close[k];
    dv[a] = kc ? s / kc : 0;
  }
  /* rank by cost: insertion sort of ord (m small) */
  for (int i = 1; i < m; i++) {
    int x = ord[i], j = i - 1;
    while (j >= 0 && vrp_cheaper(cand, x, ord[j])) {
      ord[j + 1] = ord[j];
      j--;
    }
    ord[j + 1] = x;
  }
  double w = m > 0 ? 1.0 - (double)(g->prm->elite < m ? g->prm->elite : m) / m : 0;
  for (int i = 0; i < m; i++) is->vfit[ord[i]] = m > 1 ? (double)i / (m - 1) : 0;
  /* rank by diversity, larger first (ties: position) */
  for (int i = 1; i < m; i++) {
    int x = ord[i], j = i - 1;
    while (j >= 0 && (dv[x] > dv[ord[j]] || (dv[x] == dv[ord[j]] && x < ord[j]))) {
      ord[j + 1] = ord[j];
      j--;
    }
    ord[j + 1] = x;
  }
  for (int i = 0; i < m; i++) is->vfit[ord[i]] += m > 1 ? w * (double)i / (m - 1) : 0;
}

/* Biased fitness of the population into its keys (parent selection). */
static void vrp_keys(ga_ctx *g, island *is) {
  int P = g->prm->population;
  for (int k = 0; k < P; k++) {
    is->cand[k] = &is->pop[k];
    is->alive[k] = 1;
  }
  vrp_distances(g, is, is->cand, P);
  vrp_fitness(g, is, is->cand, P);
  for (int k = 0; k < P; k++) is->pop[k].key = is->vfit[k];
}

/* Keep P of the nc candidates (see above) in is->sel, cheapest first, with
 * their biased fitness as key; then is->sel becomes the population. */
static void vrp_select(ga_ctx *g, island *is, indiv **cand, int nc) {
  int P = g->prm->population, m = nc;
  for (int a = 0; a < nc; a++) is->alive[a] = 1;
  vrp_distances(g, is, cand, nc);
  int best = 0;
  for (int a = 1; a < nc; a++)
    if (vrp_cheaper(cand, a, best)) best = a;
  while (m > P) {
    vrp_fitness(g, is, cand, nc);
    int worst = -1, wclone = 0;
    for (int a = 0; a < nc; a++) {
      if (!is->alive[a] || a == best) continue;
      int clone = 0;
      for (int b = 0; b < nc && !clone; b++)
        clone = b != a && is->alive[b] && is->bdist[(size_t)a * nc + b] == 0 && vrp_cheaper(cand, b, a);
      if (worst < 0 || clone > wclone || (clone == wclone && is->vfit[a] > is->vfit[worst])) {
        worst = a;
        wclone = clone;
      }
    }
    is->alive[worst] = 0;
    m--;
  }
  vrp_fitness(g, is, cand, nc);
  int k = 0;
  for (int a = 0; a < nc; a++)
    if (is->alive[a]) is->ord[k++] = a;
  for (int i = 1; i < k; i++) { /* cheapest first */
    int x = is->ord[i], j = i - 1;
    while (j >= 0 && vrp_cheaper(cand, x, is->ord[j])) {
      is->ord[j + 1] = is->ord[j];
      j--;
    }
    is->ord[j + 1] = x;
  }
  for (int i = 0; i < P; i++) {
    const indiv *src = cand[is->ord[i]];
    memcpy(is->sel[i].bits, src->bits, (size_t)g->m);
    is->sel[i].ev = src->ev;
    is->sel[i].key = is->vfit[is->ord[i]];
  }
  indiv *t = is->pop;
  is->pop = is->sel;
  is->sel = t;
}

/* One CVRP generation: P - elite children (two tournaments on the biased
 * fitness, order crossover or a copy with two customers swapped, education),
 * then survivor selection over parents + children. */
static eco_status evolve_vrp(ga_ctx *g, island *is) {
  const eco_supply_ga_params *prm = g->prm;
  int P = prm->population, n = g->vrp->n;
  int L = P - prm->elite > 0 ? P - prm->elite : 1;
  vrp_keys(g, is);
  for (int k = 0; k < L; k++) {
    int a = tournament(g, is), b = tournament(g, is);
    int *c = (int *)(void *)is->next[k].bits;
    const int *pa = (const int *)(const void *)is->pop[a].bits;
    if (eco_rng_uniform(&is->rng) < prm->crossover && a != b) {
      eco_supply_cvrp_ox(n, pa, (const int *)(const void *)is->pop[b].bits, c, is->seen, &is->rng);
    } else { /* copy and swap two customers */
      memcpy(c, pa, sizeof(int) * (size_t)n);
      if (n > 1) {
        int i = (int)eco_rng_below(&is->rng, (uint64_t)n), j = (int)eco_rng_below(&is->rng, (uint64_t)n);
        int t = c[i];
        c[i] = c[j];
        c[j] = t;
      }
    }
    ECO_CALL(evaluate(g, is, &is->next[k]));
    /* no clones: a child with the cost of a parent or of an earlier child
     * has its tour shaken (a random segment of about n/8 customers
     * shuffled) and is educated again, at most twice */
    for (int tries = 0; tries < 2 && n > 3; tries++) {
      double f = is->next[k].ev.objective, tol = 1e-9 * (1 + fabs(f));
      int clone = 0;
      for (int j = 0; j < k && !clone; j++) clone = fabs(is->next[j].ev.objective - f) <= tol;
      for (int j = 0; j < P && !clone; j++) clone = fabs(is->pop[j].ev.objective - f) <= tol;
      if (!clone) break;
      int len = n / 8 < 3 ? 3 : n / 8, i0 = (int)eco_rng_below(&is->rng, (uint64_t)(n - len + 1));
      for (int i = len - 1; i > 0; i--) {
        int j = (int)eco_rng_below(&is->rng, (uint64_t)i + 1), t = c[i0 + i];
        c[i0 + i] = c[i0 + j];
        c[i0 + j] = t;
      }
      ECO_CALL(evaluate(g, is, &is->next[k]));
    }
  }
  for (int k = 0; k < P; k++) is->cand[k] = &is->pop[k];
  for (int k = 0; k < L; k++) is->cand[P + k] = &is->next[k];
  vrp_select(g, is, is->cand, P + L);
  return ECO_OK;
}

/* One generation; is->pop is sorted on entry and on exit. */
static eco_status evolve(ga_ctx *g, island *is) {
  if (g->vrp) return evolve_vrp(g, is);
  const eco_supply_ga_params *prm = g->prm;
  int P = prm->population, m = g->m;
  double pm = prm->mutation > 0 ? prm->mutation : 1.0 / m;
  int elite = g->pareto ? 0 : prm->elite; /* NSGA-II: parents compete with children */
  for (int k = 0; k < elite; k++) {
    memcpy(is->next[k].bits, is->pop[k].bits, (size_t)m);
    is->next[k].ev = is->pop[k].ev;
  }
  for (int k = elite; k < P; k++) {
    int a = tournament(g, is), b = tournament(g, is);
    unsigned char *c = is->next[k].bits;
    if (eco_rng_uniform(&is->rng) < prm->crossover) {
      uint32_t r = 0;
      for (int i = 0; i < m; i++) {
        if ((i & 31) == 0) r = eco_rng_u32(&is->rng);
        c[i] = ((r >> (i & 31)) & 1u) ? is->pop[a].bits[i] : is->pop[b].bits[i];
      }
    } else {
      memcpy(c, is->pop[a].bits, (size_t)m);
    }
    int flipped = 0;
    for (int i = 0; i < m; i++)
      if (eco_rng_uniform(&is->rng) < pm) {
        c[i] ^= 1u;
        flipped = 1;
      }
    if (!flipped && memcmp(c, is->pop[a].bits, (size_t)m) == 0) {
      int i = (int)eco_rng_below(&is->rng, (uint64_t)m); /* no clones */
      c[i] ^= 1u;
    }
  }
  /* evaluate in lexicographic order of the bit strings: consecutive LPs then
   * differ in few sites, so the warm-started simplex needs few iterations */
  int nc = 0;
  for (int k = elite; k < P; k++) is->order[nc++] = k;
  sort_next = is->next;
  sort_m = m;
  qsort(is->order, (size_t)nc, sizeof(int), cmp_bits);
  for (int t = 0; t < nc; t++) {
    indiv *x = &is->next[is->order[t]];
    ECO_CALL(evaluate(g, is, x));
    /* a child that the local search moved onto an elite or an earlier child
     * stays as it was before the search: no clones from the search, so the
     * population keeps its diversity */
    int clone = 0;
    for (int k = 0; k < elite && is->lsmoved && !clone; k++)
      clone = memcmp(is->next[k].bits, x->bits, (size_t)m) == 0;
    for (int q = 0; q < t && is->lsmoved && !clone; q++)
      clone = memcmp(is->next[is->order[q]].bits, x->bits, (size_t)m) == 0;
    if (clone) {
      memcpy(x->bits, is->prebits, (size_t)m);
      x->ev = is->preev;
    }
  }
  if (g->pareto) { /* environmental selection over parents + children */
    for (int k = 0; k < P; k++) {
      is->cand[k] = &is->pop[k];
      is->cand[P + k] = &is->next[k];
    }
    nsga_select(g, is, is->cand, 2 * P, is->sel, P);
    indiv *t = is->pop;
    is->pop = is->sel;
    is->sel = t;
    return ECO_OK;
  }
  indiv *t = is->pop;
  is->pop = is->next;
  is->next = t;
  sort_island(g, is);
  return ECO_OK;
}

/* Take in k migrants from buf: each replaces the current worst if better. */
static void take_in(ga_ctx *g, island *is, const unsigned char *buf) {
  int k = g->prm->migrants, P = g->prm->population;
  indiv tmp;
  if (g->pareto) { /* migrants replace the last-ranked, then everyone is re-ranked */
    for (int t = 0; t < k; t++) {
      is->stats[ECO_SUPPLY_IST_RECEIVED]++;
      is->stats[ECO_SUPPLY_IST_ADOPTED]++;
      indiv *w = &is->pop[P - 1 - t];
      tmp.bits = w->bits;
      unpack(g, buf + t * g->packsz, &tmp);
      w->ev = tmp.ev;
    }
    nsga_rerank(g, is);
    return;
  }
  for (int t = 0; t < k; t++) {
    is->stats[ECO_SUPPLY_IST_RECEIVED]++;
    indiv *worst = &is->pop[P - 1];
    double v;
    memcpy(&v, buf + t * g->packsz, sizeof(double));
    if (v < worst->ev.objective) {
      tmp.bits = worst->bits;
      unpack(g, buf + t * g->packsz, &tmp);
      worst->ev = tmp.ev;
      is->stats[ECO_SUPPLY_IST_ADOPTED]++;
      sort_island(g, is);
    }
  }
}

static int owner_of(int island_id, int nislands, int size) {
  for (int r = 0; r < size; r++) {
    int64_t s, c;
    eco_block_range(nislands, r, size, &s, &c);
    if (island_id >= s && island_id < s + c) return r;
  }
  return -1;
}

/* Index of the individual with the lowest objective (0 unless NSGA-II). */
static int island_best(const ga_ctx *g, const island *is) {
  int b = 0;
  if (g->pareto)
    for (int k = 1; k < g->prm->population; k++)
      if (is->pop[k].ev.objective < is->pop[b].ev.objective) b = k;
  return b;
}

static double island_mean(const ga_ctx *g, const island *is) {
  double s = 0;
  for (int k = 0; k < g->prm->population; k++) s += is->pop[k].ev.objective;
  return s / g->prm->population;
}

static eco_status island_init(ga_ctx *g, island *is, int id) {
  const eco_supply_ga_params *prm = g->prm;
  int P = prm->population, m = g->m;
  memset(is, 0, sizeof(*is));
  is->id = id;
  is->sendreq = MPI_REQUEST_NULL;
  eco_rng_init(&is->rng, prm->seed, ECO_RNG_SUPPLY, (uint64_t)id);
  ECO_CALL(eco_calloc((size_t)P, sizeof(indiv), &is->pop));
  ECO_CALL(eco_calloc((size_t)P, sizeof(indiv), &is->next));
  ECO_CALL(eco_malloc((size_t)P * sizeof(int), &is->order));
  ECO_CALL(eco_calloc((size_t)2 * P + 1, (size_t)m, &is->pool));
  for (int k = 0; k < P; k++) {
    is->pop[k].bits = is->pool + (size_t)k * m;
    is->next[k].bits = is->pool + (size_t)(P + k) * m;
  }
  is->prebits = is->pool + (size_t)2 * P * m;
  if (prm->cache_size > 0) {
    size_t cap = 16;
    while (cap < (size_t)prm->cache_size) cap <<= 1;
    ECO_CALL(eco_calloc(cap, sizeof(cache_slot), &is->cache));
    ECO_CALL(eco_malloc(cap * (size_t)m, &is->cache_bits));
    for (size_t k = 0; k < cap; k++) is->cache[k].bits = is->cache_bits + k * m;
    is->cache_cap = cap;
  }
  size_t msz = (size_t)prm->migrants * g->packsz;
  ECO_CALL(eco_malloc(msz ? msz : 1, &is->sendbuf));
  ECO_CALL(eco_malloc(msz ? msz : 1, &is->recvbuf));
  ECO_CALL(eco_malloc(msz ? msz : 1, &is->pending));
  ECO_CALL(eco_malloc(msz ? msz : 1, &is->inbox));
  if (g->vrp) { /* random giant tours, educated */
    int n = g->vrp->n;
    ECO_CALL(eco_supply_cvrp_ls_create(g->vrp, g->granular, &is->ls));
    ECO_CALL(eco_malloc((size_t)n + 1, &is->seen));
    size_t C = 2 * (size_t)P, N = (size_t)n + 1;
    ECO_CALL(eco_calloc((size_t)P, sizeof(indiv), &is->sel));
    ECO_CALL(eco_calloc((size_t)P, (size_t)m, &is->selpool));
    for (int k = 0; k < P; k++) is->sel[k].bits = is->selpool + (size_t)k * m;
    ECO_CALL(eco_malloc(sizeof(indiv *) * C, &is->cand));
    ECO_CALL(eco_malloc(sizeof(int) * C, &is->ord));
    ECO_CALL(eco_malloc(sizeof(double) * C, &is->crowd));
    ECO_CALL(eco_malloc(sizeof(double) * C, &is->vfit));
    ECO_CALL(eco_malloc(C, &is->alive));
    ECO_CALL(eco_malloc(sizeof(double) * C * C, &is->bdist));
    ECO_CALL(eco_malloc(sizeof(int) * C * N, &is->succ));
    ECO_CALL(eco_malloc(sizeof(int) * C * N, &is->prd));
    ECO_CALL(eco_malloc(sizeof(double) * N, &is->vwork));
    ECO_CALL(eco_malloc(sizeof(int) * N, &is->vpred));
    ECO_CALL(eco_malloc(sizeof(int) * N, &is->vstart));
    /* islands of even id search with the capacity penalty (initially the
     * largest distance / largest demand), odd ones with the capacity hard
     * (vpen 0 stays 0): each kind reached optima the other missed (A-n61-k9
     * the former, A-n63-k10 the latter), and migration mixes them */
    double dmax = 0, qmax = 0;
    for (size_t a = 0; a < N * N; a++) dmax = fmax(dmax, g->vrp->dist[a]);
    for (int c = 1; c <= n; c++) qmax = fmax(qmax, g->vrp->demand[c]);
    is->vpen = id % 2 ? 0 : qmax > 0 ? fmax(0.1, fmin(1000, dmax / qmax)) : 1;
    for (int k = 0; k < P; k++) {
      int *t = (int *)(void *)is->pop[k].bits;
      for (int i = 0; i < n; i++) t[i] = i + 1;
      for (int i = n - 1; i > 0; i--) {
        int j = (int)eco_rng_below(&is->rng, (uint64_t)i + 1), x = t[i];
        t[i] = t[j];
        t[j] = x;
      }
      ECO_CALL(evaluate(g, is, &is->pop[k]));
    }
    sort_island(g, is);
    is->best_prev = is->pop[0].ev.objective;
    return ECO_OK;
  }
  ECO_CALL(eco_supply_alloc_create(g->p, g->alloc_kind, g->carbon_price, g->penalty, &is->alloc));
  if (g->pareto) {
    ECO_CALL(eco_calloc((size_t)P, sizeof(indiv), &is->sel));
    ECO_CALL(eco_calloc((size_t)P, (size_t)m, &is->selpool));
    for (int k = 0; k < P; k++) is->sel[k].bits = is->selpool + (size_t)k * m;
    ECO_CALL(eco_malloc(sizeof(indiv *) * 2 * (size_t)P, &is->cand));
    ECO_CALL(eco_malloc(sizeof(int) * 2 * (size_t)P, &is->rank_));
    ECO_CALL(eco_malloc(sizeof(int) * 2 * (size_t)P, &is->cnt));
    ECO_CALL(eco_malloc(sizeof(int) * 2 * (size_t)P, &is->ord));
    ECO_CALL(eco_malloc(sizeof(double) * 2 * (size_t)P, &is->crowd));
  }
  /* initial population: each individual opens sites with its own rate */
  for (int k = 0; k < P; k++) {
    double rate = 0.1 + 0.8 * eco_rng_uniform(&is->rng);
    for (int i = 0; i < m; i++) is->pop[k].bits[i] = eco_rng_uniform(&is->rng) < rate;
    if (k == 0)
      for (int i = 0; i < m; i++) is->pop[k].bits[i] = 1; /* all open: feasible if any is */
    ECO_CALL(evaluate(g, is, &is->pop[k]));
  }
  if (g->pareto)
    nsga_rerank(g, is);
  else
    sort_island(g, is);
  is->best_prev = is->pop[island_best(g, is)].ev.objective;
  is->ls_ready = 1;
  return ECO_OK;
}

static void island_free(island *is) {
  if (is->sendreq != MPI_REQUEST_NULL) {
    MPI_Cancel(&is->sendreq);
    MPI_Request_free(&is->sendreq);
  }
  free(is->pop);
  free(is->next);
  free(is->order);
  free(is->pool);
  free(is->cache);
  free(is->cache_bits);
  free(is->sendbuf);
  free(is->recvbuf);
  free(is->pending);
  free(is->inbox);
  free(is->sel);
  free(is->selpool);
  free(is->cand);
  free(is->rank_);
  free(is->cnt);
  free(is->ord);
  free(is->crowd);
  eco_supply_alloc_destroy(&is->alloc);
  eco_supply_cvrp_ls_destroy(&is->ls);
  free(is->seen);
  free(is->succ);
  free(is->prd);
  free(is->bdist);
  free(is->vfit);
  free(is->vwork);
  free(is->vpred);
  free(is->vstart);
  free(is->alive);
}

void eco_supply_ga_result_free(eco_supply_ga_result *res) {
  if (!res) return;
  free(res->front_open);
  free(res->front_cost);
  free(res->front_emis);
  free(res->best_open);
  free(res->hist_best);
  free(res->hist_mean);
  free(res->island_stats);
  memset(res, 0, sizeof(*res));
}

/* Migration step at generation gen for all local islands. The receive of
 * the message sent at gen - M comes first (so the island's own send of this
 * generation carries the best after taking in). */
static eco_status migrate(ga_ctx *g, MPI_Comm comm, island *isl, int nloc,
                          int first, int gen, int rank, int size) {
  const eco_supply_ga_params *prm = g->prm;
  int I = prm->islands, M = prm->migration_interval, k = prm->migrants;
  int bytes = (int)((size_t)k * g->packsz);
  eco_status st = ECO_OK;
  /* 1. take in what was sent at gen - M */
  if (gen - M >= M) {
    for (int l = 0; l < nloc; l++) {
      island *is = &isl[l];
      int src = (is->id - 1 + I) % I;
      int src_rank = owner_of(src, I, size);
      if (is->have_inbox) { /* sent before a checkpoint, restored on resume */
        take_in(g, is, is->inbox);
        is->have_inbox = 0;
      } else if (src_rank == rank) {
        island *from = &isl[src - first];
        if (!from->have_pending) continue;
        take_in(g, is, from->pending);
        from->have_pending = 0;
      } else {
        int rc = MPI_Recv(is->recvbuf, bytes, MPI_BYTE, src_rank, is->id % 32000, comm,
                          MPI_STATUS_IGNORE);
        ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Recv of migrants for island %d failed", is->id);
        take_in(g, is, is->recvbuf);
      }
    }
  }
  /* 2. send the best k to the next island */
  for (int l = 0; l < nloc; l++) {
    island *is = &isl[l];
    int dst = (is->id + 1) % I;
    int dst_rank = owner_of(dst, I, size);
    if (dst_rank == rank) {
      for (int t = 0; t < k; t++) pack(g, &is->pop[t], is->pending + t * g->packsz);
      is->have_pending = 1;
    } else {
      if (is->sendreq != MPI_REQUEST_NULL) {
        int rc = MPI_Wait(&is->sendreq, MPI_STATUS_IGNORE);
        ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Wait on migrants of island %d failed", is->id);
      }
      for (int t = 0; t < k; t++) pack(g, &is->pop[t], is->sendbuf + t * g->packsz);
      int rc = MPI_Isend(is->sendbuf, bytes, MPI_BYTE, dst_rank, dst % 32000, comm, &is->sendreq);
      ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Isend of migrants of island %d failed", is->id);
    }
    is->stats[ECO_SUPPLY_IST_SENT] += k;
  }
  return st;
}

/* ---- asynchronous migration -----------------------------------------------
 * Every M generations of its own, an island takes in every message that has
 * arrived from island k-1 (MPI_Iprobe; on the same rank: the message in
 * memory, at once) and sends its best k to island k+1 unless its previous
 * message is still travelling (MPI_Test; then this send is skipped). Nothing
 * waits, so the result depends on timing: not reproducible. */
static eco_status migrate_async(ga_ctx *g, MPI_Comm comm, island *isl, int nloc, int first,
                                int rank, int size) {
  const eco_supply_ga_params *prm = g->prm;
  int I = prm->islands, k = prm->migrants;
  int bytes = (int)((size_t)k * g->packsz);
  for (int l = 0; l < nloc; l++) {
    island *is = &isl[l];
    int src = (is->id - 1 + I) % I, src_rank = owner_of(src, I, size);
    if (src_rank == rank) {
      island *from = &isl[src - first];
      if (from->have_pending) {
        take_in(g, is, from->pending);
        from->have_pending = 0;
      }
      continue;
    }
    for (;;) {
      int flag = 0;
      int rc = MPI_Iprobe(src_rank, is->id % 32000, comm, &flag, MPI_STATUS_IGNORE);
      ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Iprobe for migrants of island %d failed", is->id);
      if (!flag) break;
      rc = MPI_Recv(is->recvbuf, bytes, MPI_BYTE, src_rank, is->id % 32000, comm, MPI_STATUS_IGNORE);
      ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Recv of migrants for island %d failed", is->id);
      is->async_recvd++;
      take_in(g, is, is->recvbuf);
    }
  }
  for (int l = 0; l < nloc; l++) {
    island *is = &isl[l];
    int dst = (is->id + 1) % I, dst_rank = owner_of(dst, I, size);
    if (dst_rank == rank) {
      for (int t = 0; t < k; t++) pack(g, &is->pop[t], is->pending + t * g->packsz);
      is->have_pending = 1;
    } else {
      if (is->sendreq != MPI_REQUEST_NULL) {
        int done = 0;
        int rc = MPI_Test(&is->sendreq, &done, MPI_STATUS_IGNORE);
        ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Test on migrants of island %d failed", is->id);
        if (!done) continue; /* the previous migrants are still travelling */
      }
      for (int t = 0; t < k; t++) pack(g, &is->pop[t], is->sendbuf + t * g->packsz);
      int rc = MPI_Isend(is->sendbuf, bytes, MPI_BYTE, dst_rank, dst % 32000, comm, &is->sendreq);
      ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Isend of migrants of island %d failed", is->id);
      is->async_sent++;
    }
    is->stats[ECO_SUPPLY_IST_SENT] += k;
  }
  return ECO_OK;
}

/* Async mode, after the run: each island learns how many messages were sent
 * to it (a sum over ranks), receives and drops those not yet taken in, and
 * the sends complete. Collective. */
static eco_status migrate_drain_async(ga_ctx *g, MPI_Comm comm, island *isl, int nloc,
                                      int rank, int size) {
  const eco_supply_ga_params *prm = g->prm;
  int I = prm->islands;
  int bytes = (int)((size_t)prm->migrants * g->packsz);
  int64_t *sent = NULL, *tot = NULL;
  eco_status st = eco_calloc((size_t)I, sizeof(int64_t), &sent);
  if (st == ECO_OK) st = eco_calloc((size_t)I, sizeof(int64_t), &tot);
  for (int l = 0; l < nloc && st == ECO_OK; l++) sent[(isl[l].id + 1) % I] += isl[l].async_sent;
  st = eco_agree(comm, st);
  if (st == ECO_OK) {
    int rc = MPI_Allreduce(sent, tot, I, MPI_INT64_T, MPI_SUM, comm);
    if (rc != MPI_SUCCESS) st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Allreduce(migrant counts)");
  }
  for (int l = 0; l < nloc && st == ECO_OK; l++) {
    island *is = &isl[l];
    int src_rank = owner_of((is->id - 1 + I) % I, I, size);
    if (src_rank == rank) continue;
    for (int64_t r = is->async_recvd; r < tot[is->id] && st == ECO_OK; r++) {
      int rc = MPI_Recv(is->recvbuf, bytes, MPI_BYTE, src_rank, is->id % 32000, comm, MPI_STATUS_IGNORE);
      if (rc != MPI_SUCCESS) st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Recv (async drain)");
    }
  }
  for (int l = 0; l < nloc && st == ECO_OK; l++)
    if (isl[l].sendreq != MPI_REQUEST_NULL) {
      int rc = MPI_Wait(&isl[l].sendreq, MPI_STATUS_IGNORE);
      if (rc != MPI_SUCCESS) st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Wait (drain) failed");
    }
  free(sent);
  free(tot);
  return st;
}

/* The generation loop of the async mode. Each rank evolves its islands at
 * its own pace; one round of non-blocking reductions (global best: MINLOC;
 * stop flags: MAX) is in flight at a time, tested after every generation
 * and started again when complete, so all ranks act on the same completed
 * round and stop together (a rank that finished its generations waits for
 * the round). At the end a blocking reduction gives the final best, and the
 * history of a rank that stopped earlier is extended with its last values
 * up to the highest generation reached. */
static eco_status ga_loop_async(ga_ctx *g, MPI_Comm comm, island *isl, int nloc, int first,
                                int rank, int size, eco_supply_ga_result *res, eco_progress *prog,
                                double t0, int *gen_out, double *gbest_out, int *gbest_island_out,
                                int *reason_out) {
  const eco_supply_ga_params *prm = g->prm;
  int G = prm->generations, M = prm->migration_interval;
  struct { double v; int i; } loc, glob = {INFINITY, 0};
  int flags[5], gflags[5]; /* time limit, signal, stall, generations left, error */
  MPI_Request req[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
  double gbest = INFINITY;
  int gen = 0, last_improve = 0, posted = 0, reason = ECO_SUPPLY_STOP_GENERATIONS;
  eco_status st = ECO_OK;
  for (;;) {
    loc.v = INFINITY;
    loc.i = prm->islands;
    for (int l = 0; l < nloc; l++) {
      island *is = &isl[l];
      double bo = is->pop[island_best(g, is)].ev.objective;
      res->hist_best[(size_t)l * (G + 1) + gen] = bo;
      res->hist_mean[(size_t)l * (G + 1) + gen] = island_mean(g, is);
      if (bo < is->best_prev) {
        is->best_prev = bo;
        if (gen > 0) is->stats[ECO_SUPPLY_IST_IMPROVED]++;
      }
      if (bo < loc.v) {
        loc.v = bo;
        loc.i = is->id;
      }
    }
    eco_progress_update(prog, (int64_t)gen * nloc, loc.v);
    if (!posted) {
      flags[0] = prm->time_limit > 0 && MPI_Wtime() - t0 >= prm->time_limit;
      flags[1] = eco_signal_pending() != 0;
      flags[2] = prm->stall > 0 && gen - last_improve >= prm->stall;
      flags[3] = gen < G;
      flags[4] = st != ECO_OK;
      int rc = MPI_Iallreduce(&loc, &glob, 1, MPI_DOUBLE_INT, MPI_MINLOC, comm, &req[0]);
      if (rc == MPI_SUCCESS) rc = MPI_Iallreduce(flags, gflags, 5, MPI_INT, MPI_MAX, comm, &req[1]);
      ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Iallreduce(best, stop) failed");
      posted = 1;
    }
    /* a rank with nothing left to do (generations done, or failed) waits */
    int active = gen < G && st == ECO_OK, complete = 0;
    int rc = !active ? (complete = 1, MPI_Waitall(2, req, MPI_STATUSES_IGNORE))
                     : MPI_Testall(2, req, &complete, MPI_STATUSES_IGNORE);
    ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Testall(best, stop) failed");
    if (complete) {
      posted = 0;
      if (gflags[4]) break; /* a rank failed: all stop at this round */
      if (glob.v < gbest) {
        gbest = glob.v;
        last_improve = gen;
      }
      if (prm->target >= 0 && gbest <= prm->target) { reason = ECO_SUPPLY_STOP_TARGET; break; }
      if (gflags[2]) { reason = ECO_SUPPLY_STOP_STALL; break; }
      if (gflags[1]) { reason = ECO_SUPPLY_STOP_SIGNAL; break; }
      if (gflags[0]) { reason = ECO_SUPPLY_STOP_TIME; break; }
      if (!gflags[3]) { reason = ECO_SUPPLY_STOP_GENERATIONS; break; }
      if (rank == 0 && gen > 0 && G >= 10 && gen % (G / 10) == 0)
        eco_log(ECO_LOG_INFO, "generation %d (rank 0): best %.6f as last agreed, %.2f s", gen, gbest,
                MPI_Wtime() - t0);
    }
    if (active) {
      gen++;
      for (int l = 0; l < nloc && st == ECO_OK; l++) st = evolve(g, &isl[l]);
      if (st == ECO_OK && M > 0 && gen % M == 0) st = migrate_async(g, comm, isl, nloc, first, rank, size);
      /* a failure is announced in the next round; meanwhile this rank waits */
    }
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) return st;
  loc.v = INFINITY;
  loc.i = prm->islands;
  for (int l = 0; l < nloc; l++) {
    double bo = isl[l].pop[island_best(g, &isl[l])].ev.objective;
    if (bo < loc.v) {
      loc.v = bo;
      loc.i = isl[l].id;
    }
  }
  int gmax = gen;
  int rc = MPI_Allreduce(&loc, &glob, 1, MPI_DOUBLE_INT, MPI_MINLOC, comm);
  if (rc == MPI_SUCCESS) rc = MPI_Allreduce(&gen, &gmax, 1, MPI_INT, MPI_MAX, comm);
  if (rc != MPI_SUCCESS) return eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Allreduce(final best)");
  for (int l = 0; l < nloc; l++)
    for (int c = gen + 1; c <= gmax; c++) {
      res->hist_best[(size_t)l * (G + 1) + c] = res->hist_best[(size_t)l * (G + 1) + gen];
      res->hist_mean[(size_t)l * (G + 1) + c] = res->hist_mean[(size_t)l * (G + 1) + gen];
    }
  *gen_out = gmax;
  *gbest_out = glob.v;
  *gbest_island_out = glob.i;
  *reason_out = reason;
  return ECO_OK;
}

/* After the last generation: receive (and drop) the messages still in
 * flight, and complete the sends. */
static eco_status migrate_drain(ga_ctx *g, MPI_Comm comm, island *isl, int nloc,
                                int last_gen, int rank, int size) {
  const eco_supply_ga_params *prm = g->prm;
  int I = prm->islands, M = prm->migration_interval;
  int bytes = (int)((size_t)prm->migrants * g->packsz);
  if (prm->async_migration) return migrate_drain_async(g, comm, isl, nloc, rank, size);
  if (M <= 0 || I < 2 || last_gen < M) return ECO_OK;
  for (int l = 0; l < nloc; l++) {
    island *is = &isl[l];
    int src = (is->id - 1 + I) % I;
    int src_rank = owner_of(src, I, size);
    /* an inbox restored from a checkpoint and not yet taken in means no
     * message was sent since the resume: nothing is in flight */
    if (src_rank != rank && !is->have_inbox) {
      int rc = MPI_Recv(is->recvbuf, bytes, MPI_BYTE, src_rank, is->id % 32000, comm,
                        MPI_STATUS_IGNORE);
      ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Recv (drain) for island %d failed", is->id);
    }
  }
  for (int l = 0; l < nloc; l++) {
    if (isl[l].sendreq != MPI_REQUEST_NULL) {
      int rc = MPI_Wait(&isl[l].sendreq, MPI_STATUS_IGNORE);
      ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Wait (drain) failed");
    }
  }
  return ECO_OK;
}

/* ---- checkpoint / resume ----------------------------------------------------
 * One file per island (DIR/supply-island-K.ckpt) plus DIR/supply.ckpt with
 * the global state, each written under a temporary name and renamed; the
 * global file is written last, after every island file is complete. Islands
 * are the unit, so a run may resume on a different number of ranks. */
#define CK_MAGIC 0x4b43505553434f45ULL /* "EOCSUPCK" */
typedef struct {
  uint64_t magic, seed, instance_hash;
  int32_t version, islands, population, gsz, gen, migrants, island;
  int32_t pad;
} ck_header;

typedef struct {
  ck_header h;
  double gbest;
  int32_t stall, gbest_island;
} ck_global;

static void ck_path(char *buf, size_t len, const char *dir, int island) {
  if (island < 0)
    snprintf(buf, len, "%s/supply.ckpt", dir);
  else
    snprintf(buf, len, "%s/supply-island-%d.ckpt", dir, island);
}

static ck_header ck_make(const ga_ctx *g, int gen, int island) {
  ck_header h;
  memset(&h, 0, sizeof(h));
  h.magic = CK_MAGIC;
  h.seed = g->prm->seed;
  h.instance_hash = g->prm->instance_hash;
  h.version = 2; /* 2: CVRP capacity penalty state */
  h.islands = g->prm->islands;
  h.population = g->prm->population;
  h.gsz = g->m;
  h.gen = gen;
  h.migrants = g->prm->migrants;
  h.island = island;
  return h;
}

static int wr(FILE *f, const void *p, size_t n) { return fwrite(p, 1, n, f) == n ? 0 : -1; }
static int rd(FILE *f, void *p, size_t n) { return fread(p, 1, n, f) == n ? 0 : -1; }

static eco_status ck_write_island(const ga_ctx *g, const island *is, int gen, int G,
                                  const eco_supply_ga_result *res, int l) {
  const char *dir = g->prm->checkpoint_dir;
  char path[ECO_STR_MAX + 64], tmp[ECO_STR_MAX + 80];
  ck_path(path, sizeof(path), dir, is->id);
  snprintf(tmp, sizeof(tmp), "%s.tmp", path);
  FILE *f = fopen(tmp, "wb");
  ECO_CHECK(f != NULL, ECO_ERR_IO, "cannot write checkpoint %s: %s", tmp, strerror(errno));
  ck_header h = ck_make(g, gen, is->id);
  int P = g->prm->population, bad = 0;
  unsigned char *buf = malloc(g->packsz);
  bad |= !buf;
  bad |= wr(f, &h, sizeof(h));
  bad |= wr(f, &is->rng, sizeof(is->rng));
  bad |= wr(f, is->stats, sizeof(is->stats));
  bad |= wr(f, &is->best_prev, sizeof(double));
  bad |= wr(f, &is->vpen, sizeof(double));
  bad |= wr(f, &is->vfeas, sizeof(int64_t));
  bad |= wr(f, &is->vruns, sizeof(int64_t));
  for (int k = 0; k < P && !bad; k++) {
    pack(g, &is->pop[k], buf);
    bad |= wr(f, buf, g->packsz);
  }
  bad |= wr(f, res->hist_best + (size_t)l * (G + 1), sizeof(double) * (size_t)(gen + 1));
  bad |= wr(f, res->hist_mean + (size_t)l * (G + 1), sizeof(double) * (size_t)(gen + 1));
  int32_t hi = is->have_inbox;
  bad |= wr(f, &hi, sizeof(hi));
  if (hi) bad |= wr(f, is->inbox, (size_t)g->prm->migrants * g->packsz);
  uint64_t cap = is->cache_cap, used = is->cache_used;
  bad |= wr(f, &cap, sizeof(cap));
  bad |= wr(f, &used, sizeof(used));
  for (size_t k = 0; k < is->cache_cap && !bad; k++) {
    const cache_slot *c = &is->cache[k];
    bad |= wr(f, &c->hash, sizeof(c->hash));
    if (c->hash) {
      bad |= wr(f, &c->ev, sizeof(c->ev));
      bad |= wr(f, c->bits, (size_t)g->m);
    }
  }
  free(buf);
  if (fclose(f) != 0) bad = 1;
  if (!bad && rename(tmp, path) != 0) bad = 1;
  if (bad) remove(tmp);
  ECO_CHECK(!bad, ECO_ERR_IO, "cannot write checkpoint %s", path);
  return ECO_OK;
}

static eco_status ck_read_island(const ga_ctx *g, island *is, int gen, int G,
                                 eco_supply_ga_result *res, int l) {
  char path[ECO_STR_MAX + 64];
  ck_path(path, sizeof(path), g->prm->checkpoint_dir, is->id);
  FILE *f = fopen(path, "rb");
  ECO_CHECK(f != NULL, ECO_ERR_INPUT, "cannot open checkpoint %s: %s", path, strerror(errno));
  ck_header h, want = ck_make(g, gen, is->id);
  int P = g->prm->population, bad = 0;
  eco_status st = ECO_OK;
  unsigned char *buf = malloc(g->packsz);
  bad |= !buf;
  bad |= rd(f, &h, sizeof(h));
  if (!bad && memcmp(&h, &want, sizeof(h)) != 0) {
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "checkpoint %s does not match this run (instance, seed, islands, population, "
                       "migrants and generation must be those of the interrupted run)", path);
    goto out;
  }
  bad |= rd(f, &is->rng, sizeof(is->rng));
  bad |= rd(f, is->stats, sizeof(is->stats));
  bad |= rd(f, &is->best_prev, sizeof(double));
  bad |= rd(f, &is->vpen, sizeof(double));
  bad |= rd(f, &is->vfeas, sizeof(int64_t));
  bad |= rd(f, &is->vruns, sizeof(int64_t));
  for (int k = 0; k < P && !bad; k++) {
    bad |= rd(f, buf, g->packsz);
    if (!bad) unpack(g, buf, &is->pop[k]);
  }
  bad |= rd(f, res->hist_best + (size_t)l * (G + 1), sizeof(double) * (size_t)(gen + 1));
  bad |= rd(f, res->hist_mean + (size_t)l * (G + 1), sizeof(double) * (size_t)(gen + 1));
  int32_t hi = 0;
  bad |= rd(f, &hi, sizeof(hi));
  is->have_inbox = hi != 0;
  if (hi) bad |= rd(f, is->inbox, (size_t)g->prm->migrants * g->packsz);
  uint64_t cap = 0, used = 0;
  bad |= rd(f, &cap, sizeof(cap));
  bad |= rd(f, &used, sizeof(used));
  if (!bad && cap != is->cache_cap) {
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "checkpoint %s was written with another supply.cache size", path);
    goto out;
  }
  is->cache_used = (size_t)used;
  for (size_t k = 0; k < is->cache_cap && !bad; k++) {
    cache_slot *c = &is->cache[k];
    bad |= rd(f, &c->hash, sizeof(c->hash));
    if (!bad && c->hash) {
      bad |= rd(f, &c->ev, sizeof(c->ev));
      bad |= rd(f, c->bits, (size_t)g->m);
    }
  }
  if (bad) st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "checkpoint %s is truncated or unreadable", path);
out:
  free(buf);
  fclose(f);
  return st;
}

/* Collective: receive the migrants in flight (sent at the last migration
 * generation, due at the next) into each island's inbox, complete the sends,
 * write every island and then the global file. */
static eco_status ck_write(ga_ctx *g, MPI_Comm comm, island *isl, int nloc, int first, int gen,
                           int G, int rank, int size, double gbest, int stall, int gbest_island,
                           const eco_supply_ga_result *res) {
  const eco_supply_ga_params *prm = g->prm;
  int I = prm->islands, M = prm->migration_interval;
  int bytes = (int)((size_t)prm->migrants * g->packsz);
  eco_status st = ECO_OK;
  if (M > 0 && I >= 2 && gen >= M) {
    for (int l = 0; l < nloc; l++) {
      island *is = &isl[l];
      if (is->have_inbox) continue; /* restored and not yet taken in */
      int src = (is->id - 1 + I) % I, src_rank = owner_of(src, I, size);
      if (src_rank == rank) {
        island *from = &isl[src - first];
        if (from->have_pending) {
          memcpy(is->inbox, from->pending, (size_t)bytes);
          from->have_pending = 0;
          is->have_inbox = 1;
        }
      } else {
        int rc = MPI_Recv(is->inbox, bytes, MPI_BYTE, src_rank, is->id % 32000, comm, MPI_STATUS_IGNORE);
        ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Recv (checkpoint) for island %d failed", is->id);
        is->have_inbox = 1;
      }
    }
    for (int l = 0; l < nloc; l++)
      if (isl[l].sendreq != MPI_REQUEST_NULL) {
        int rc = MPI_Wait(&isl[l].sendreq, MPI_STATUS_IGNORE);
        ECO_CHECK(rc == MPI_SUCCESS, ECO_ERR_MPI, "MPI_Wait (checkpoint) failed");
      }
  }
  for (int l = 0; l < nloc && st == ECO_OK; l++) st = ck_write_island(g, &isl[l], gen, G, res, l);
  st = eco_agree(comm, st);
  if (st != ECO_OK) return st;
  if (rank == 0) {
    char path[ECO_STR_MAX + 64], tmp[ECO_STR_MAX + 80];
    ck_path(path, sizeof(path), prm->checkpoint_dir, -1);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    ck_global cg;
    memset(&cg, 0, sizeof(cg));
    cg.h = ck_make(g, gen, -1);
    cg.gbest = gbest;
    cg.stall = stall;
    cg.gbest_island = gbest_island;
    FILE *f = fopen(tmp, "wb");
    int bad = !f || wr(f, &cg, sizeof(cg));
    if (f && fclose(f) != 0) bad = 1;
    if (!bad && rename(tmp, path) != 0) bad = 1;
    if (bad) {
      remove(tmp);
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot write checkpoint %s", path);
    }
  }
  return eco_agree(comm, st);
}

eco_status eco_supply_ga_checkpoint_remove(MPI_Comm comm, const char *dir, int islands) {
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  if (!dir || !dir[0]) return ECO_OK;
  char path[ECO_STR_MAX + 64];
  eco_status st = ECO_OK;
  /* the global file first: without it nothing can be resumed from the rest */
  if (rank == 0) {
    ck_path(path, sizeof(path), dir, -1);
    if (remove(path) != 0 && errno != ENOENT)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot remove checkpoint %s: %s", path, strerror(errno));
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) return st;
  int64_t first, nloc;
  eco_block_range(islands, rank, size, &first, &nloc);
  for (int64_t k = first; k < first + nloc && st == ECO_OK; k++) {
    ck_path(path, sizeof(path), dir, (int)k);
    if (remove(path) != 0 && errno != ENOENT)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot remove checkpoint %s: %s", path, strerror(errno));
  }
  return eco_agree(comm, st);
}

/* Read the global file (every rank reads it; it is small). */
static eco_status ck_read_global(const ga_ctx *g, int *gen, double *gbest, int *stall,
                                 int *gbest_island) {
  char path[ECO_STR_MAX + 64];
  ck_path(path, sizeof(path), g->prm->checkpoint_dir, -1);
  FILE *f = fopen(path, "rb");
  ECO_CHECK(f != NULL, ECO_ERR_INPUT, "--resume: cannot open checkpoint %s: %s", path, strerror(errno));
  ck_global cg;
  int bad = rd(f, &cg, sizeof(cg));
  fclose(f);
  ECO_CHECK(!bad, ECO_ERR_INPUT, "checkpoint %s is truncated", path);
  ck_header want = ck_make(g, cg.h.gen, -1);
  ECO_CHECK(memcmp(&cg.h, &want, sizeof(want)) == 0, ECO_ERR_INPUT,
            "checkpoint %s does not match this run (instance, seed, islands, population and migrants "
            "must be those of the interrupted run)", path);
  ECO_CHECK(cg.h.gen < g->prm->generations, ECO_ERR_INPUT,
            "checkpoint %s is at generation %d, not before supply.generations = %d", path, cg.h.gen,
            g->prm->generations);
  *gen = cg.h.gen;
  *gbest = cg.gbest;
  *stall = cg.stall;
  *gbest_island = cg.gbest_island;
  return ECO_OK;
}

static size_t front_m;
static int cmp_front(const void *x, const void *y) {
  double a[NEV], b[NEV]; /* packed: objective, fixed, assign, emissions, ..., then bits */
  memcpy(a, x, sizeof(a));
  memcpy(b, y, sizeof(b));
  double ca = a[1] + a[2], cb = b[1] + b[2];
  if (ca != cb) return ca < cb ? -1 : 1;
  if (a[3] != b[3]) return a[3] < b[3] ? -1 : 1;
  return memcmp((const unsigned char *)x + sizeof(a), (const unsigned char *)y + sizeof(b), front_m);
}

/* The Pareto front of all islands: each rank sends its islands' feasible
 * first-front members to rank 0, which keeps the non-dominated distinct ones
 * sorted by cost, and broadcasts them. Collective. */
static eco_status gather_front(ga_ctx *g, MPI_Comm comm, island *isl, int nloc, int rank, int size,
                               eco_supply_ga_result *res) {
  int P = g->prm->population, cnt = 0;
  size_t ps = g->packsz;
  unsigned char *mine = NULL, *all = NULL;
  int *counts = NULL, *displs = NULL;
  eco_status st = ECO_OK;
  for (int l = 0; l < nloc; l++)
    for (int k = 0; k < P; k++) cnt += isl[l].pop[k].key < 1 && isl[l].pop[k].ev.feasible;
  st = eco_malloc(ps * (size_t)(cnt ? cnt : 1), &mine);
  int c = 0;
  for (int l = 0; l < nloc && st == ECO_OK; l++)
    for (int k = 0; k < P; k++)
      if (isl[l].pop[k].key < 1 && isl[l].pop[k].ev.feasible) pack(g, &isl[l].pop[k], mine + ps * c++);
  if (st == ECO_OK && rank == 0) {
    st = eco_malloc(sizeof(int) * (size_t)size, &counts);
    if (st == ECO_OK) st = eco_malloc(sizeof(int) * (size_t)size, &displs);
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  int bytes = (int)(ps * (size_t)cnt);
  ECO_CALL_MPI_GOTO(st, MPI_Gather(&bytes, 1, MPI_INT, counts, 1, MPI_INT, 0, comm), out);
  int total = 0, nf = 0;
  if (rank == 0) {
    for (int r = 0; r < size; r++) {
      displs[r] = total;
      total += counts[r];
    }
    st = eco_malloc((size_t)(total ? total : 1), &all);
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  ECO_CALL_MPI_GOTO(st, MPI_Gatherv(mine, bytes, MPI_BYTE, all, counts, displs, MPI_BYTE, 0, comm), out);
  if (rank == 0) {
    int n = total / (int)ps;
    /* sort by (cost, emissions) on a copy of the records, then filter */
    front_m = (size_t)g->m;
    qsort(all, (size_t)n, ps, cmp_front);
    double best_e = INFINITY;
    for (int a = 0; a < n; a++) {
      const unsigned char *r = all + ps * a;
      double v[NEV];
      memcpy(v, r, sizeof(v));
      if (nf > 0) { /* same point as the last kept: keep the first (smallest bits) only */
        double pv[NEV];
        memcpy(pv, all + ps * (nf - 1), sizeof(pv));
        if (pv[1] + pv[2] == v[1] + v[2] && pv[3] == v[3]) continue;
      }
      if (v[3] >= best_e) continue; /* dominated by a cheaper point */
      best_e = v[3];
      memmove(all + ps * nf, r, ps);
      nf++;
    }
  }
  ECO_CALL_MPI_GOTO(st, MPI_Bcast(&nf, 1, MPI_INT, 0, comm), out);
  if (rank != 0) st = eco_malloc(ps * (size_t)(nf ? nf : 1), &all);
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  ECO_CALL_MPI_GOTO(st, MPI_Bcast(all, (int)(ps * (size_t)nf), MPI_BYTE, 0, comm), out);
  res->nfront = nf;
  if ((st = eco_malloc((size_t)g->m * (nf ? nf : 1), &res->front_open)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * (nf ? nf : 1), &res->front_cost)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * (nf ? nf : 1), &res->front_emis)) != ECO_OK)
    goto out;
  for (int a = 0; a < nf; a++) {
    double v[NEV];
    memcpy(v, all + ps * a, sizeof(v));
    res->front_cost[a] = v[1] + v[2];
    res->front_emis[a] = v[3];
    memcpy(res->front_open + (size_t)g->m * a, all + ps * a + sizeof(v), (size_t)g->m);
  }
out:
  free(mine);
  free(all);
  free(counts);
  free(displs);
  return eco_agree(comm, st);
}

static eco_status ga_run(MPI_Comm comm, ga_ctx g, const eco_supply_ga_params *prm,
                         eco_supply_ga_result *res) {
  memset(res, 0, sizeof(*res));
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  ECO_CHECK(prm->islands >= 1 && prm->population >= 2 && prm->elite >= 0 &&
                prm->elite < prm->population && prm->tournament >= 1 &&
                prm->migrants >= 0 && prm->migrants <= prm->population - prm->elite &&
                prm->generations >= 0,
            ECO_ERR_CONFIG, "inconsistent GA parameters (population %d, elite %d, migrants %d)",
            prm->population, prm->elite, prm->migrants);
  g.packsz = NEV * sizeof(double) + (size_t)g.m;
  int64_t first64, nloc64;
  eco_block_range(prm->islands, rank, size, &first64, &nloc64);
  int first = (int)first64, nloc = (int)nloc64, G = prm->generations;
  int M = (prm->islands >= 2 && prm->migrants > 0) ? prm->migration_interval : 0;
  eco_supply_ga_params prm_local = *prm;
  prm_local.migration_interval = M;
  g.prm = &prm_local;

  island *isl = NULL;
  eco_status st = ECO_OK;
  double t0 = MPI_Wtime();
  res->first_island = first;
  res->nlocal = nloc;
  st = eco_calloc((size_t)(nloc ? nloc : 1), sizeof(island), &isl);
  if (st == ECO_OK) st = eco_malloc((size_t)g.m, &res->best_open);
  if (st == ECO_OK) st = eco_calloc((size_t)nloc * (G + 1) + 1, sizeof(double), &res->hist_best);
  if (st == ECO_OK) st = eco_calloc((size_t)nloc * (G + 1) + 1, sizeof(double), &res->hist_mean);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nloc * ECO_SUPPLY_ISTATS + 1, sizeof(int64_t), &res->island_stats);
  for (int l = 0; isl && l < nloc; l++) isl[l].sendreq = MPI_REQUEST_NULL;
  for (int l = 0; l < nloc && st == ECO_OK; l++) {
    st = island_init(&g, &isl[l], first + l);
  }
  int ninit = nloc;
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto done;

  eco_timer_begin("supply.ga");
  eco_progress *prog = NULL;
  st = eco_progress_create(comm, "supply", (int64_t)G * prm->islands, "best objective",
                           ECO_FIGURE_MIN, &prog);
  if (st != ECO_OK) goto done;

  double gbest = INFINITY;
  int gbest_island = 0, stall = 0, gen = 0, gen0 = 0, reason = ECO_SUPPLY_STOP_GENERATIONS;
  if (prm->resume) {
    st = ck_read_global(&g, &gen0, &gbest, &stall, &gbest_island);
    for (int l = 0; l < nloc && st == ECO_OK; l++) {
      st = ck_read_island(&g, &isl[l], gen0, G, res, l);
      if (st == ECO_OK && g.pareto) nsga_rerank(&g, &isl[l]);
    }
    st = eco_agree(comm, st);
    if (st != ECO_OK) {
      eco_progress_destroy(&prog);
      eco_timer_end("supply.ga");
      goto done;
    }
    eco_log_root(ECO_LOG_INFO, "supply: resuming at generation %d from %s", gen0, prm->checkpoint_dir);
    gen0++;
  }
  if (prm->async_migration)
    st = ga_loop_async(&g, comm, isl, nloc, first, rank, size, res, prog, t0, &gen, &gbest,
                       &gbest_island, &reason);
  else
  for (gen = gen0;; gen++) {
    if (gen > 0) {
      for (int l = 0; l < nloc && st == ECO_OK; l++) st = evolve(&g, &isl[l]);
      if (M > 0 && gen % M == 0) {
        /* agree first: a rank that failed must not leave others in MPI_Recv */
        st = eco_agree(comm, st);
        if (st != ECO_OK) break;
        st = migrate(&g, comm, isl, nloc, first, gen, rank, size);
      }
    }
    /* history and local best */
    struct { double v; int i; } loc = {INFINITY, prm->islands}, glob;
    for (int l = 0; l < nloc; l++) {
      island *is = &isl[l];
      double bo = is->pop[island_best(&g, is)].ev.objective;
      res->hist_best[(size_t)l * (G + 1) + gen] = bo;
      res->hist_mean[(size_t)l * (G + 1) + gen] = island_mean(&g, is);
      if (bo < is->best_prev) {
        is->best_prev = bo;
        if (gen > 0) is->stats[ECO_SUPPLY_IST_IMPROVED]++;
      }
      if (bo < loc.v) {
        loc.v = bo;
        loc.i = is->id;
      }
    }
    st = eco_agree(comm, st);
    if (st != ECO_OK) break;
    int rc = MPI_Allreduce(&loc, &glob, 1, MPI_DOUBLE_INT, MPI_MINLOC, comm);
    if (rc != MPI_SUCCESS) {
      st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Allreduce(best)");
      break;
    }
    if (glob.v < gbest) {
      gbest = glob.v;
      stall = 0;
    } else {
      stall++;
    }
    gbest_island = glob.i;
    int flags[3] = {prm->time_limit > 0 && MPI_Wtime() - t0 >= prm->time_limit,
                    eco_signal_pending() != 0,
                    rank == 0 && eco_checkpoint_clock_due(prm->checkpoint_every)};
    int gflags[3];
    rc = MPI_Allreduce(flags, gflags, 3, MPI_INT, MPI_MAX, comm);
    if (rc != MPI_SUCCESS) {
      st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Allreduce(stop)");
      break;
    }
    eco_progress_update(prog, (int64_t)gen * nloc, loc.v);
    if (gen > 0 && (gen % (G >= 10 ? G / 10 : 1) == 0 || gen == G)) {
      double mean = 0;
      for (int l = 0; l < nloc; l++) mean += res->hist_mean[(size_t)l * (G + 1) + gen];
      double gmean = 0;
      MPI_Allreduce(&mean, &gmean, 1, MPI_DOUBLE, MPI_SUM, comm);
      gmean /= prm->islands;
      if (prm->bound > 0)
        eco_log_root(ECO_LOG_INFO, "generation %d: best %.6f, mean %.6f, gap %.4f%%, %.2f s", gen,
                     gbest, gmean, 100.0 * (gbest - prm->bound) / prm->bound, MPI_Wtime() - t0);
      else
        eco_log_root(ECO_LOG_INFO, "generation %d: best %.6f, mean %.6f, %.2f s", gen, gbest,
                     gmean, MPI_Wtime() - t0);
    }
    if (gen >= G) { reason = ECO_SUPPLY_STOP_GENERATIONS; break; }
    if (prm->target >= 0 && gbest <= prm->target) { reason = ECO_SUPPLY_STOP_TARGET; break; }
    if (prm->stall > 0 && stall >= prm->stall) { reason = ECO_SUPPLY_STOP_STALL; break; }
    if (gflags[1] && prm->checkpoint_dir && prm->checkpoint_dir[0]) {
      st = ck_write(&g, comm, isl, nloc, first, gen, G, rank, size, gbest, stall, gbest_island, res);
      if (st == ECO_OK)
        st = eco_error_set(ECO_ERR_INTERRUPTED, __FILE__, __LINE__,
                           "interrupted at generation %d; checkpoint written to %s: rerun with --resume",
                           gen, prm->checkpoint_dir);
      eco_progress_destroy(&prog);
      eco_timer_end("supply.ga");
      goto done;
    }
    if (gflags[1]) { reason = ECO_SUPPLY_STOP_SIGNAL; break; }
    if (gflags[0]) { reason = ECO_SUPPLY_STOP_TIME; break; }
    if (gflags[2] && gen > 0 && prm->checkpoint_dir && prm->checkpoint_dir[0]) {
      /* periodic ([run] checkpoint_every, rank 0's clock): the same files
       * as on a signal, then go on; a run continued from them is the same */
      double tc = MPI_Wtime();
      st = ck_write(&g, comm, isl, nloc, first, gen, G, rank, size, gbest, stall, gbest_island, res);
      eco_checkpoint_clock_restart();
      if (st != ECO_OK) break;
      eco_log_root(ECO_LOG_INFO, "supply: checkpoint at generation %d in %s (%.3f s)", gen,
                   prm->checkpoint_dir, MPI_Wtime() - tc);
    }
  }
  if (st == ECO_OK && M > 0) st = migrate_drain(&g, comm, isl, nloc, gen, rank, size);
  st = eco_agree(comm, st);
  {
    eco_status pst = eco_progress_destroy(&prog);
    if (st == ECO_OK) st = pst;
  }
  eco_timer_end("supply.ga");
  if (st != ECO_OK) goto done;

  /* the best individual, from the island that holds it */
  res->generations = gen;
  res->best = gbest;
  res->best_island = gbest_island;
  res->stop_reason = reason;
  {
    int owner = owner_of(gbest_island, prm->islands, size);
    unsigned char *buf = NULL;
    st = eco_malloc(g.packsz, &buf);
    if (st == ECO_OK && owner == rank) {
      island *bi = &isl[gbest_island - first];
      pack(&g, &bi->pop[island_best(&g, bi)], buf);
    }
    st = eco_agree(comm, st);
    if (st == ECO_OK) {
      int rc = MPI_Bcast(buf, (int)g.packsz, MPI_BYTE, owner, comm);
      if (rc != MPI_SUCCESS) st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Bcast(best)");
    }
    if (st == ECO_OK) {
      indiv b;
      memset(&b, 0, sizeof(b));
      b.bits = res->best_open;
      unpack(&g, buf, &b);
      res->best_eval = b.ev;
    }
    free(buf);
  }
  /* history rows are [nloc][G+1] allocated; compact to [nloc][gen+1] */
  if (gen < G)
    for (int l = 0; l < nloc; l++) {
      memmove(res->hist_best + (size_t)l * (gen + 1), res->hist_best + (size_t)l * (G + 1),
              sizeof(double) * (gen + 1));
      memmove(res->hist_mean + (size_t)l * (gen + 1), res->hist_mean + (size_t)l * (G + 1),
              sizeof(double) * (gen + 1));
    }
  for (int l = 0; l < nloc; l++)
    memcpy(res->island_stats + (size_t)l * ECO_SUPPLY_ISTATS, isl[l].stats,
           sizeof(int64_t) * ECO_SUPPLY_ISTATS);
  res->seconds = MPI_Wtime() - t0;
  st = eco_agree(comm, st);
  if (st == ECO_OK && g.pareto) st = gather_front(&g, comm, isl, nloc, rank, size, res);
done:
  if (isl)
    for (int l = 0; l < ninit; l++) island_free(&isl[l]);
  free(isl);
  if (st != ECO_OK) eco_supply_ga_result_free(res);
  return st;
}

eco_status eco_supply_ga_cflp_run(MPI_Comm comm, const eco_supply_cflp *p,
                                  int alloc_kind, double carbon_price,
                                  double penalty,
                                  const eco_supply_ga_params *prm,
                                  eco_supply_ga_result *res) {
  ga_ctx g;
  memset(&g, 0, sizeof(g));
  g.p = p;
  g.m = p->m;
  g.alloc_kind = alloc_kind;
  g.pareto = prm->pareto;
  g.carbon_price = carbon_price;
  g.penalty = penalty;
  return ga_run(comm, g, prm, res);
}

eco_status eco_supply_ga_cvrp_run(MPI_Comm comm, const eco_supply_cvrp *p,
                                  const eco_supply_ga_params *prm, int granular,
                                  eco_supply_cvrp_result *out) {
  memset(out, 0, sizeof(*out));
  ga_ctx g;
  memset(&g, 0, sizeof(g));
  g.vrp = p;
  g.m = 4 * p->n;
  g.granular = granular;
  eco_supply_ga_params q = *prm;
  q.cache_size = 0; /* tours change under local search: nothing to cache */
  eco_supply_ga_result res;
  ECO_CALL(ga_run(comm, g, &q, &res));
  out->generations = res.generations;
  out->best = res.best;
  out->best_tour = (int *)(void *)res.best_open;
  out->best_island = res.best_island;
  out->stop_reason = res.stop_reason;
  out->seconds = res.seconds;
  out->first_island = res.first_island;
  out->nlocal = res.nlocal;
  out->hist_best = res.hist_best;
  out->hist_mean = res.hist_mean;
  out->island_stats = res.island_stats;
  return ECO_OK;
}

void eco_supply_cvrp_result_free(eco_supply_cvrp_result *res) {
  if (!res) return;
  free(res->best_tour);
  free(res->hist_best);
  free(res->hist_mean);
  free(res->island_stats);
  memset(res, 0, sizeof(*res));
}
