/* Report of /recommend: training curves per epoch (loss, metric) and the
 * eco trade-off curve (recall@K against the mean eco-score of the lists, one
 * point per beta). */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

typedef struct {
  int64_t n;
  const double *loss, *metric; /* metric may be NULL */
  char metric_label[96];
  char metric_name[32];
} train_arg;

static void panel(int64_t n, const double *x, const double *y, int color, const char *ylabel,
                  const char *title) {
  double y0, y1;
  rp_range(y, n, &y0, &y1, 0.08);
  pladv(0);
  rp_axes_sub(0.5, (double)n + 0.5, y0, y1, "epoch", ylabel, title);
  rp_line(n, x, y, color, 2.5, 1);
  plcol0(color);
  for (int64_t i = 0; i < n; ++i)
    if (isfinite(y[i])) plstring(1, x + i, y + i, "●");
  plcol0(RP_C_FG);
}

static void draw_training(const void *v) {
  const train_arg *a = v;
  double *x = malloc(sizeof(double) * (size_t)(a->n ? a->n : 1));
  if (!x) return;
  for (int64_t i = 0; i < a->n; ++i) x[i] = (double)(i + 1);
  plssub(a->metric ? 2 : 1, 1);
  panel(a->n, x, a->loss, RP_C_BLUE, "loss", "Training loss");
  if (a->metric) panel(a->n, x, a->metric, RP_C_GREEN_DARK, a->metric_name, a->metric_label);
  plssub(1, 1);
  free(x);
}

typedef struct {
  int64_t n;
  const double *beta, *recall, *eco;
  double catalog; /* NaN if unknown */
  int k;
} trade_arg;

static void draw_tradeoff(const void *v) {
  const trade_arg *a = v;
  double x0, x1, y0, y1;
  rp_range(a->eco, a->n, &x0, &x1, 0.12);
  if (isfinite(a->catalog)) rp_range_merge(&x0, &x1, a->catalog - 0.02 * (x1 - x0), a->catalog);
  rp_range(a->recall, a->n, &y0, &y1, 0.12);
  char ylab[64];
  snprintf(ylab, sizeof ylab, "recall@%d (test set)", a->k);
  rp_axes(x0, x1, y0, y1, "mean eco-score of the recommended lists (0 = worst, 1 = greenest)",
          ylab, "Accuracy against greenness of the recommendations");
  if (isfinite(a->catalog)) {
    double cx[2] = {a->catalog, a->catalog}, cy[2] = {y0, y1};
    rp_line(2, cx, cy, RP_C_GREY, 1.5, 2);
  }
  rp_line(a->n, a->eco, a->recall, RP_C_GREEN, 2.5, 1);
  plschr(0.0, 1.3);
  plcol0(RP_C_GREEN_DARK);
  for (int64_t i = 0; i < a->n; ++i)
    if (isfinite(a->eco[i]) && isfinite(a->recall[i]))
      plstring(1, a->eco + i, a->recall + i, "●");
  plschr(0.0, 0.85);
  plcol0(RP_C_FG);
  double lx = -1e9, ly = -1e9; /* last labelled point, as page fractions */
  for (int64_t i = 0; i < a->n; ++i)
    if (isfinite(a->eco[i]) && isfinite(a->recall[i])) {
      double fx = (a->eco[i] - x0) / (x1 - x0), fy = (a->recall[i] - y0) / (y1 - y0);
      if (hypot(fx - lx, fy - ly) < 0.08) continue; /* would overlap */
      lx = fx;
      ly = fy;
      char t[32];
      snprintf(t, sizeof t, "  #gb = %g", a->beta[i]);
      plptex(a->eco[i], a->recall[i], 1, 0, 0.0, t);
    }
  plschr(0.0, 1.0);
  rp_legend_entry e[2] = {{"eco re-ranking, one point per #gb", RP_C_GREEN, 1, -1,
                           RP_C_GREEN_DARK, "●"},
                          {"catalogue mean eco-score", RP_C_GREY, 2, -1, -1, NULL}};
  rp_legend(isfinite(a->catalog) ? 2 : 1, e, PL_POSITION_TOP | PL_POSITION_RIGHT);
}

static eco_status training(rp_ctx *rc) {
  if (!rp_exists(rc, "/recommend/history/loss")) {
    rp_skip(rc, RP_RECOMMEND, "training curves: the file has no /recommend/history/loss");
    return ECO_OK;
  }
  eco_status st = ECO_OK;
  train_arg a;
  memset(&a, 0, sizeof a);
  double *loss = NULL, *metric = NULL;
  ECO_CALL(rp_read_vec(rc, "/recommend/history/loss", &a.n, &loss));
  a.loss = loss;
  if (rp_exists(rc, "/recommend/history/metric")) {
    int64_t m = 0;
    ECO_CALL_GOTO(st, rp_read_vec(rc, "/recommend/history/metric", &m, &metric), done);
    ECO_CHECK_GOTO(st, m == a.n, ECO_ERR_INPUT, done,
                   "%s: /recommend/history/metric has %lld rows, /recommend/history/loss %lld",
                   rc->results, (long long)m, (long long)a.n);
    char name[32] = "", set[32] = "";
    int p1 = 0, p2 = 0;
    ECO_CALL_GOTO(st, rp_attr_string(rc, "/recommend/history", "metric", name, sizeof name, &p1),
                  done);
    ECO_CALL_GOTO(st, rp_attr_string(rc, "/recommend/history", "metric_set", set, sizeof set, &p2),
                  done);
    for (char *c = name; *c; ++c)
      if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
    snprintf(a.metric_name, sizeof a.metric_name, "%s", p1 ? name : "metric");
    snprintf(a.metric_label, sizeof a.metric_label, "%s%s%s%s", p1 ? name : "metric",
             p2 ? " (" : "", p2 ? set : "", p2 ? " set)" : "");
    int finite = 0;
    for (int64_t i = 0; i < m; ++i) finite += isfinite(metric[i]) != 0;
    a.metric = finite ? metric : NULL;
  }
  if (a.n == 0) {
    rp_skip(rc, RP_RECOMMEND, "training curves: /recommend/history/loss is empty");
    goto done;
  }
  char cap[640];
  snprintf(cap, sizeof cap, "Training loss%s%s after each of the %lld epochs.",
           a.metric ? " and " : "", a.metric ? a.metric_label : "", (long long)a.n);
  st = rp_plot(rc, RP_RECOMMEND, "recommend_training", "Training curves", cap, draw_training, &a);
done:
  free(loss);
  free(metric);
  return st;
}

static eco_status tradeoff(rp_ctx *rc) {
  const char *need[3] = {"/recommend/tradeoff/beta", "/recommend/tradeoff/recall",
                         "/recommend/tradeoff/mean_eco"};
  for (int i = 0; i < 3; ++i)
    if (!rp_exists(rc, need[i])) {
      rp_skip(rc, RP_RECOMMEND, "trade-off curve: the file has no %s", need[i]);
      return ECO_OK;
    }
  eco_status st = ECO_OK;
  double *beta = NULL, *recall = NULL, *eco = NULL;
  int64_t nb = 0, nr = 0, ne = 0;
  ECO_CALL_GOTO(st, rp_read_vec(rc, need[0], &nb, &beta), done);
  ECO_CALL_GOTO(st, rp_read_vec(rc, need[1], &nr, &recall), done);
  ECO_CALL_GOTO(st, rp_read_vec(rc, need[2], &ne, &eco), done);
  /* recall and mean_eco may carry one extra entry: the written lists */
  ECO_CHECK_GOTO(st, nr >= nb && ne >= nb && nr <= nb + 1 && ne <= nb + 1, ECO_ERR_INPUT, done,
                 "%s: /recommend/tradeoff: beta has %lld entries, recall %lld, mean_eco %lld",
                 rc->results, (long long)nb, (long long)nr, (long long)ne);
  if (nb == 0) {
    rp_skip(rc, RP_RECOMMEND, "trade-off curve: no beta values");
    goto done;
  }
  trade_arg a = {nb, beta, recall, eco, NAN, 10};
  double v = 0;
  int p = 0;
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/recommend/tradeoff", "catalog_mean_eco", &v, &p), done);
  if (p) a.catalog = v;
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/recommend/tradeoff", "k", &v, &p), done);
  if (p) a.k = (int)v;
  char cap[640];
  snprintf(cap, sizeof cap,
           "Each point re-ranks the model's lists with weight beta on the items' eco-scores: "
           "recall@%d on the held-out test interactions against the mean eco-score of the "
           "top-%d lists%s.",
           a.k, a.k, isfinite(a.catalog) ? "; the dashed line is the catalogue's mean eco-score" : "");
  st = rp_plot(rc, RP_RECOMMEND, "recommend_tradeoff", "Recommendation trade-off: recall and eco-score",
               cap, draw_tradeoff, &a);
done:
  free(beta);
  free(recall);
  free(eco);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Eco-scores of the recommended items against the catalogue                */
/* ------------------------------------------------------------------------ */

#define ECO_BINS 10
#define LIST_ROWS_MAX 100000 /* users whose lists are counted, at most */

typedef struct {
  double lo, hi;
  double cat[ECO_BINS], rec[ECO_BINS]; /* shares, % */
  double beta;                          /* NaN if unknown */
} ecohist_arg;

static void draw_ecohist(const void *v) {
  const ecohist_arg *a = v;
  double w = (a->hi - a->lo) / ECO_BINS, top = 0;
  for (int b = 0; b < ECO_BINS; ++b) top = fmax(top, fmax(a->cat[b], a->rec[b]));
  rp_axes(a->lo, a->hi, 0, top > 0 ? top * 1.15 : 1, "eco-score (0 = worst, 1 = greenest)",
          "share of items (%)", "Eco-scores: recommended products against the catalogue");
  for (int b = 0; b < ECO_BINS; ++b) {
    double x0 = a->lo + b * w;
    PLFLT px[4] = {x0 + 0.08 * w, x0 + 0.08 * w, x0 + 0.48 * w, x0 + 0.48 * w};
    PLFLT py[4] = {0, a->cat[b], a->cat[b], 0};
    plcol0(RP_C_GREEN_LIGHT);
    plfill(4, px, py);
    PLFLT qx[4] = {x0 + 0.52 * w, x0 + 0.52 * w, x0 + 0.92 * w, x0 + 0.92 * w};
    PLFLT qy[4] = {0, a->rec[b], a->rec[b], 0};
    plcol0(RP_C_GREEN_DARK);
    plfill(4, qx, qy);
  }
  plcol0(RP_C_FG);
  plbox("bc", 0.0, 0, "bc", 0.0, 0);
  static char rec_label[64];
  if (isfinite(a->beta))
    snprintf(rec_label, sizeof rec_label, "recommended (top-K lists, #gb = %g)", a->beta);
  else
    snprintf(rec_label, sizeof rec_label, "recommended (top-K lists)");
  rp_legend_entry e[2] = {{"catalogue", -1, 1, RP_C_GREEN_LIGHT, -1, NULL},
                          {rec_label, -1, 1, RP_C_GREEN_DARK, -1, NULL}};
  rp_legend(2, e, PL_POSITION_TOP | PL_POSITION_LEFT);
}

static eco_status eco_histogram(rp_ctx *rc) {
  if (!rp_exists(rc, "/recommend/items/eco_score") || !rp_exists(rc, "/recommend/topk/items")) {
    rp_skip(rc, RP_RECOMMEND,
            "eco-score histogram: the file has no /recommend/items/eco_score or topk/items");
    return ECO_OK;
  }
  eco_status st = ECO_OK;
  double *eco = NULL, *lists = NULL;
  int64_t ni = 0, U = 0, K = 0;
  ECO_CALL_GOTO(st, rp_read_vec(rc, "/recommend/items/eco_score", &ni, &eco), done);
  ECO_CALL_GOTO(st, rp_mat_shape(rc, "/recommend/topk/items", &U, &K), done);
  int64_t rows = U < LIST_ROWS_MAX ? U : LIST_ROWS_MAX;
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(rows * K > 0 ? rows * K : 1), &lists),
                done);
  if (rows > 0) ECO_CALL_GOTO(st, rp_read_rows(rc, "/recommend/topk/items", 0, rows, lists), done);
  static ecohist_arg a;
  memset(&a, 0, sizeof a);
  double lo = INFINITY, hi = -INFINITY;
  for (int64_t i = 0; i < ni; ++i)
    if (isfinite(eco[i])) {
      lo = fmin(lo, eco[i]);
      hi = fmax(hi, eco[i]);
    }
  if (!(lo <= hi)) {
    rp_skip(rc, RP_RECOMMEND, "eco-score histogram: no item has a finite eco-score");
    goto done;
  }
  a.lo = lo >= 0 && hi <= 1 ? 0 : lo;
  a.hi = lo >= 0 && hi <= 1 ? 1 : (hi > lo ? hi : lo + 1);
  double w = (a.hi - a.lo) / ECO_BINS, ncat = 0, nrec = 0;
  for (int64_t i = 0; i < ni; ++i)
    if (isfinite(eco[i])) {
      int b = (int)((eco[i] - a.lo) / w);
      a.cat[b < 0 ? 0 : b >= ECO_BINS ? ECO_BINS - 1 : b] += 1;
      ncat += 1;
    }
  for (int64_t k = 0; k < rows * K; ++k) {
    double it = lists[k];
    if (it == -1) continue; /* padding of a short list */
    ECO_CHECK_GOTO(st, isfinite(it) && it >= 0 && it < (double)ni && it == floor(it),
                   ECO_ERR_INPUT, done,
                   "%s: /recommend/topk/items row %lld: %g is not an item index below %lld",
                   rc->results, (long long)(k / K), it, (long long)ni);
    double e = eco[(int64_t)it];
    if (!isfinite(e)) continue;
    int b = (int)((e - a.lo) / w);
    a.rec[b < 0 ? 0 : b >= ECO_BINS ? ECO_BINS - 1 : b] += 1;
    nrec += 1;
  }
  if (nrec == 0) {
    rp_skip(rc, RP_RECOMMEND, "eco-score histogram: the top-K lists are empty");
    goto done;
  }
  for (int b = 0; b < ECO_BINS; ++b) {
    a.cat[b] *= 100.0 / ncat;
    a.rec[b] *= 100.0 / nrec;
  }
  double bv = 0;
  int pb = 0;
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/recommend/topk", "beta", &bv, &pb), done);
  a.beta = pb ? bv : NAN;
  char cap[640];
  snprintf(cap, sizeof cap,
           "Distribution of the eco-score over the %lld products of the catalogue (light) and "
           "over the %.0f recommendations in the written top-%lld lists%s (dark).",
           (long long)ni, nrec, (long long)K,
           rows < U ? " of the first 100000 users" : "");
  st = rp_plot(rc, RP_RECOMMEND, "recommend_eco", "Eco-scores of the recommendations", cap,
               draw_ecohist, &a);
done:
  free(eco);
  free(lists);
  return st;
}

eco_status rp_recommend(rp_ctx *rc) {
  const char *g = "/recommend";
  char s[128];
  int p = 0, q = 0;
  double v = 0, w = 0;
  ECO_CALL(rp_attr_string(rc, g, "model", s, sizeof s, &p));
  if (p) rp_fact_add(rc, RP_RECOMMEND, "model", "%s", s);
  ECO_CALL(rp_attr_double(rc, g, "users", &v, &p));
  ECO_CALL(rp_attr_double(rc, g, "items", &w, &q));
  if (p && q) rp_fact_add(rc, RP_RECOMMEND, "users x items", "%.0f x %.0f", v, w);
  double k = 10;
  int pk = 0;
  ECO_CALL(rp_attr_double(rc, "/recommend/tradeoff", "k", &k, &pk));
  static const struct { const char *attr, *label; } nums[] = {
      {"test_recall_at_k", "recall@K (written lists)"},
      {"test_ndcg_at_k", "NDCG@K (written lists)"},
      {"list_mean_eco", "mean eco-score of the lists"},
      {"test_auc", "test AUC"},
      {"test_rmse", "test RMSE"}};
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; ++i) {
    ECO_CALL(rp_attr_double(rc, g, nums[i].attr, &v, &p));
    if (p && isfinite(v)) rp_fact_add(rc, RP_RECOMMEND, nums[i].label, "%.4f", v);
  }
  if (pk) rp_fact_add(rc, RP_RECOMMEND, "K", "%.0f", k);
  ECO_CALL(rp_attr_double(rc, "/recommend/tradeoff", "catalog_mean_eco", &v, &p));
  if (p) rp_fact_add(rc, RP_RECOMMEND, "catalogue mean eco-score", "%.4f", v);
  ECO_CALL(rp_attr_double(rc, "/recommend/topk", "beta", &v, &p));
  if (p) rp_fact_add(rc, RP_RECOMMEND, "beta of the written lists", "%g", v);
  ECO_CALL(training(rc));
  ECO_CALL(tradeoff(rc));
  ECO_CALL(eco_histogram(rc));
  return ECO_OK;
}
