/* Scores, metrics (AUC, RMSE / MAE, recall@K, NDCG@K) and eco-aware top-K. */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#ifdef __linux__
#include <sched.h>
#endif

#include "recommend_impl.h"

/* ------------------------------------------------------------------------ */
/* Threads within a rank                                                     */
/* ------------------------------------------------------------------------ */
static int rec_nthreads = 1;

int rec_threads(void) { return rec_nthreads; }

/* CPUs this process may run on (its affinity mask), or -1 if unknown. */
static int affinity_cpus(void) {
#if defined(__linux__) && defined(CPU_COUNT)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
#endif
  return -1;
}

eco_status rec_threads_setup(const eco_ctx *ctx, const eco_rec_options *o) {
  int n = 1;
#ifdef _OPENMP
  /* ranks on this node */
  MPI_Comm node = MPI_COMM_NULL;
  int per_node = 1;
  ECO_CALL_MPI(MPI_Comm_split_type(ctx->comm, MPI_COMM_TYPE_SHARED, ctx->rank, MPI_INFO_NULL,
                                   &node));
  MPI_Comm_size(node, &per_node);
  MPI_Comm_free(&node);
  const long online = sysconf(_SC_NPROCESSORS_ONLN);
  const int mask = affinity_cpus();
  if (o->threads > 0) {
    n = o->threads;
  } else if (getenv("OMP_NUM_THREADS") && *getenv("OMP_NUM_THREADS")) {
    n = omp_get_max_threads(); /* the standard variable wins over the default */
  } else if (mask > 0 && online > 0 && mask < online) {
    n = mask; /* bound to a set of cores (mpirun --map-by ...:PE=N, SLURM): use them */
  } else {
    n = online > 0 ? (int)(online / per_node) : 1; /* unbound: share the node */
  }
  if (n < 1) n = 1;
  if (mask > 0 && n > mask)
    eco_log_root(ECO_LOG_WARN,
                 "recommend: %d threads per rank on %d bound core(s); give each rank its "
                 "cores (mpirun --bind-to none, or --map-by slot:PE=%d; SLURM "
                 "--cpus-per-task=%d)",
                 n, mask, n, n);
#else
  if (o->threads > 1)
    eco_log_root(ECO_LOG_WARN,
                 "recommend: threads = %d ignored, this build has no OpenMP (one thread "
                 "per rank)",
                 o->threads);
#endif
  rec_nthreads = n;
  eco_log_root(ECO_LOG_DEBUG, "recommend: %d thread(s) per rank", n);
  return ECO_OK;
}

/* OpenBLAS runs single-threaded while the rank's own threads call it: every
 * call then gives the same bits whatever the thread count, and threads are
 * not oversubscribed. */
static int blas_saved = -1;

void rec_blas_single_begin(void) {
  if (blas_saved < 0) blas_saved = openblas_get_num_threads();
  openblas_set_num_threads(1);
}

void rec_blas_single_end(void) {
  if (blas_saved > 0) openblas_set_num_threads(blas_saved);
  blas_saved = -1;
}


/* ------------------------------------------------------------------------ */
/* Model front                                                               */
/* ------------------------------------------------------------------------ */
static const float *user_row(const rec_model *m, const rec_data *d, int64_t lu) {
  /* ALS keeps the whole user table, the SGD models only the owned rows */
  return m->model == REC_MODEL_ALS ? m->X + (d->user0 + lu) * m->k : m->X + lu * m->k;
}

static inline float sigmoidf(float x) {
  return x >= 0 ? 1.0f / (1.0f + expf(-x)) : expf(x) / (1.0f + expf(x));
}

float rec_model_score(const rec_model *m, const rec_data *d, int64_t lu, int32_t item) {
  const int k = m->k;
  const float *x = user_row(m, d, lu), *y = m->Y + (int64_t)item * k;
  float s = 0.0f;
  switch (m->model) {
  case REC_MODEL_ALS:
  case REC_MODEL_BPR:
    for (int a = 0; a < k; a++) s += x[a] * y[a];
    return s;
  case REC_MODEL_MF:
    for (int a = 0; a < k; a++) s += x[a] * y[a];
    return (float)m->mu + m->ubias[lu] + m->ibias[item] + s;
  default:
    s = m->wb;
    for (int a = 0; a < k; a++) s += m->w[a] * x[a] + m->w[k + a] * y[a];
    return sigmoidf(s);
  }
}

void rec_model_scores(const rec_model *m, const rec_data *d, int64_t lu, float *out) {
  const int k = m->k;
  const float *x = user_row(m, d, lu);
  if (m->model == REC_MODEL_MLP) {
    float su = m->wb;
    for (int a = 0; a < k; a++) su += m->w[a] * x[a];
    const float *w2 = m->w + k;
    for (int64_t i = 0; i < d->nitems; i++) {
      float s = su;
      if (m->item_term) {
        s += m->item_term[i];
      } else {
        const float *y = m->Y + i * k;
        for (int a = 0; a < k; a++) s += w2[a] * y[a];
      }
      out[i] = sigmoidf(s);
    }
    return;
  }
  /* Y x: the same call for every user whatever the rank, so the scores of a
   * user do not depend on the rank count */
  cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)d->nitems, k, 1.0f, m->Y, k, x, 1, 0.0f,
              out, 1);
  if (m->model == REC_MODEL_MF) {
    const float base = (float)m->mu + m->ubias[lu];
    for (int64_t i = 0; i < d->nitems; i++) out[i] += base + m->ibias[i];
  }
}

eco_status rec_model_prepare_ranking(rec_model *m, const rec_data *d) {
  if (m->model != REC_MODEL_MLP || m->item_term) return ECO_OK;
  ECO_CALL(eco_malloc(sizeof(float) * (size_t)(d->nitems + 1), &m->item_term));
  const int k = m->k;
  for (int64_t i = 0; i < d->nitems; i++) {
    const float *y = m->Y + i * k;
    float s = 0.0f;
    for (int a = 0; a < k; a++) s += m->w[k + a] * y[a];
    m->item_term[i] = s;
  }
  return ECO_OK;
}

eco_status rec_model_train(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                           rec_model *m) {
  memset(m, 0, sizeof *m);
  m->model = o->model;
  m->k = o->factors;
  m->metric_name = o->model == REC_MODEL_MF ? "rmse" : "auc";
  const size_t ne = (size_t)o->epochs + 1;
  ECO_CALL(eco_calloc(ne, sizeof(double), &m->h_loss));
  ECO_CALL(eco_calloc(ne, sizeof(double), &m->h_metric));
  ECO_CALL(eco_calloc(ne, sizeof(double), &m->h_seconds));
  ECO_CALL(eco_calloc(ne, sizeof(double), &m->h_rate));
  ECO_CALL(rec_threads_setup(ctx, o));
  eco_timer_begin("recommend.train");
  rec_blas_single_begin();
  eco_status st = o->model == REC_MODEL_ALS ? rec_als_train(ctx, o, d, m)
                                            : rec_sgd_train(ctx, o, d, m);
  rec_blas_single_end();
  eco_timer_end("recommend.train");
  return st;
}

void rec_model_free(rec_model *m) {
  free(m->X);
  free(m->Y);
  free(m->ubias);
  free(m->ibias);
  free(m->w);
  free(m->item_term);
  free(m->h_loss);
  free(m->h_metric);
  free(m->h_seconds);
  free(m->h_rate);
  memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------------ */
/* AUC                                                                       */
/* ------------------------------------------------------------------------ */
typedef struct {
  float s;
  unsigned char y;
} scored;

static int scored_cmp(const void *a, const void *b) {
  const scored *x = a, *y = b;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return (int)x->y - (int)y->y;
}

/* Order-preserving unsigned key of a float (negative floats reversed). */
static inline uint32_t float_key(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

/* Sort by score, ascending: LSD radix sort on the float key, 4 passes of 8
 * bits (linear time; qsort took ~20 % of an ALS sweep on rank 0). The AUC
 * below only needs equal scores to be adjacent and in ascending order, so it
 * is the same as with any comparison sort. Falls back to qsort without
 * memory for the second buffer. */
static void sort_scored(scored *a, int64_t n) {
  scored *t = n > 1 ? malloc(sizeof(scored) * (size_t)n) : NULL;
  if (!t) {
    qsort(a, (size_t)n, sizeof(scored), scored_cmp);
    return;
  }
  scored *src = a, *dst = t;
  for (int shift = 0; shift < 32; shift += 8) {
    int64_t cnt[257] = {0};
    for (int64_t i = 0; i < n; i++) cnt[((float_key(src[i].s) >> shift) & 255u) + 1]++;
    for (int b = 0; b < 256; b++) cnt[b + 1] += cnt[b];
    for (int64_t i = 0; i < n; i++) dst[cnt[(float_key(src[i].s) >> shift) & 255u]++] = src[i];
    scored *x = src;
    src = dst;
    dst = x;
  }
  /* 4 passes: the sorted data is back in a */
  free(t);
}

eco_status rec_auc(MPI_Comm comm, int64_t n, const float *score, const unsigned char *label,
                   double *auc) {
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  eco_status st = ECO_OK;
  scored *loc = NULL, *all = NULL;
  int *cnt = NULL, *dsp = NULL;
  ECO_CALL(eco_malloc(sizeof(scored) * (size_t)(n + 1), &loc));
  for (int64_t i = 0; i < n; i++) {
    loc[i].s = score[i];
    loc[i].y = label[i] ? 1 : 0;
  }
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &cnt), out);
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &dsp), out);
  int64_t nb = n * (int64_t)sizeof(scored);
  ECO_CHECK_GOTO(st, nb < INT32_MAX, ECO_ERR_INTERNAL, out, "AUC: too many pairs per rank");
  int mb = (int)nb;
  ECO_CALL_MPI_GOTO(st, MPI_Gather(&mb, 1, MPI_INT, cnt, 1, MPI_INT, 0, comm), out);
  int64_t tot = 0;
  if (rank == 0) {
    for (int r = 0; r < size; r++) {
      dsp[r] = (int)tot;
      tot += cnt[r];
    }
  }
  ECO_CALL_GOTO(st, eco_malloc((size_t)tot + 1, &all), out);
  ECO_CALL_MPI_GOTO(st, MPI_Gatherv(loc, mb, MPI_BYTE, all, cnt, dsp, MPI_BYTE, 0, comm),
                    out);
  double res = NAN;
  if (rank == 0) {
    int64_t na = tot / (int64_t)sizeof(scored);
    sort_scored(all, na);
    double npos = 0, nneg = 0, num = 0;
    for (int64_t i = 0; i < na;) {
      int64_t j = i;
      double p = 0, q = 0;
      while (j < na && all[j].s == all[i].s) {
        if (all[j].y)
          p++;
        else
          q++;
        j++;
      }
      num += p * nneg + 0.5 * p * q; /* positives above the negatives below */
      npos += p;
      nneg += q;
      i = j;
    }
    res = npos > 0 && nneg > 0 ? num / (npos * nneg) : NAN;
  }
  ECO_CALL_MPI_GOTO(st, MPI_Bcast(&res, 1, MPI_DOUBLE, 0, comm), out);
  *auc = res;
out:
  free(loc);
  free(all);
  free(cnt);
  free(dsp);
  return st;
}

eco_status rec_eval_auc(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                        const rec_model *m, int use_valid, double *auc) {
  const int64_t *ptr = use_valid ? d->va_ptr : d->te_ptr;
  const int32_t *it = use_valid ? d->va_item : d->te_item;
  const int64_t nh = ptr[d->nuser_local];
  float *s = NULL;
  unsigned char *y = NULL;
  eco_status st = eco_malloc(sizeof(float) * (size_t)(2 * nh + 1), &s);
  if (st == ECO_OK) st = eco_malloc((size_t)(2 * nh + 1), &y);
  /* users are independent (one stream each) and write their own slots
   * 2 (ptr[lu] - ptr[0]) ...: the threads share them out */
  const int64_t n = 2 * (nh - ptr[0]);
  eco_timer_begin("recommend.eval.scores");
  if (st == ECO_OK) {
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 64) num_threads(rec_threads())
#endif
    for (int64_t lu = 0; lu < d->nuser_local; lu++) {
      eco_rng r;
      eco_rng_init(&r, (uint64_t)ctx->run->seed, ECO_RNG_RECOMMEND,
                   (5ULL << 60) | (uint64_t)(d->user0 + lu));
      for (int64_t j = ptr[lu]; j < ptr[lu + 1]; j++) {
        const int64_t q = 2 * (j - ptr[0]);
        s[q] = rec_model_score(m, d, lu, it[j]);
        y[q] = 1;
        s[q + 1] = rec_model_score(m, d, lu, rec_sample_negative(d, lu, &r));
        y[q + 1] = 0;
      }
    }
  }
  eco_timer_end("recommend.eval.scores");
  st = eco_agree(ctx->comm, st);
  eco_timer_begin("recommend.eval.auc");
  if (st == ECO_OK) st = rec_auc(ctx->comm, n, s, y, auc);
  eco_timer_end("recommend.eval.auc");
  free(s);
  free(y);
  return st;
}

eco_status rec_eval_rmse(MPI_Comm comm, const rec_data *d, const rec_model *m,
                         int use_valid, double *rmse, double *mae) {
  const int64_t *ptr = use_valid ? d->va_ptr : d->te_ptr;
  const int32_t *it = use_valid ? d->va_item : d->te_item;
  const float *val = use_valid ? d->va_val : d->te_val;
  double acc[3] = {0, 0, 0}, g[3];
  /* a predicted rating outside the range of the training ratings is taken
   * at the nearest end of the range (as rating predictors do: a 5.3 is a 5) */
  const double lo = d->value_min, hi = d->value_max;
  for (int64_t lu = 0; lu < d->nuser_local; lu++)
    for (int64_t j = ptr[lu]; j < ptr[lu + 1]; j++) {
      double p = rec_model_score(m, d, lu, it[j]);
      if (lo <= hi) p = p < lo ? lo : p > hi ? hi : p;
      double e = (double)val[j] - p;
      acc[0] += e * e;
      acc[1] += fabs(e);
      acc[2] += 1;
    }
  ECO_CALL_MPI(MPI_Allreduce(acc, g, 3, MPI_DOUBLE, MPI_SUM, comm));
  *rmse = g[2] > 0 ? sqrt(g[0] / g[2]) : NAN;
  *mae = g[2] > 0 ? g[1] / g[2] : NAN;
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Ranking                                                                   */
/* ------------------------------------------------------------------------ */
void rec_list_metrics(const int32_t *list, int nlist, const int32_t *held, int64_t nheld,
                      int k, double *recall, double *ndcg) {
  *recall = 0.0;
  *ndcg = 0.0;
  if (nheld <= 0) return;
  double dcg = 0.0, idcg = 0.0;
  int hits = 0;
  for (int p = 0; p < nlist && p < k; p++) {
    int64_t lo = 0, hi = nheld;
    while (lo < hi) {
      int64_t mid = (lo + hi) / 2;
      if (held[mid] < list[p])
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < nheld && held[lo] == list[p]) {
      hits++;
      dcg += 1.0 / log2(p + 2.0);
    }
  }
  for (int p = 0; p < k && p < nheld; p++) idcg += 1.0 / log2(p + 2.0);
  *recall = (double)hits / (double)nheld;
  *ndcg = dcg / idcg;
}

/* Lists and trade-off sums of users [0, nuser_local): see recommend_impl.h.
 * Users are independent: the threads of the rank take them in chunks, each
 * thread with its own score and mask buffers; each user's contributions go
 * to its own slot and are summed in user order afterwards, so the sums do
 * not depend on the thread count. */
eco_status rec_rank_users(const eco_rec_options *o, const rec_data *d, const rec_model *m,
                          int nbeta, const double *betas, int32_t *top_items,
                          float *top_scores, double *acc) {
  enum { CHUNK = 1024 };
  const int K = o->topk, na = 3 * nbeta + 2;
  const int64_t nul = d->nuser_local;
  double *uacc = NULL;
  ECO_CALL(eco_calloc((size_t)CHUNK * (size_t)na, sizeof(double), &uacc));
  memset(acc, 0, sizeof(double) * (size_t)na);
  int nomem = 0;
  rec_blas_single_begin();
#ifdef _OPENMP
#pragma omp parallel num_threads(rec_threads())
#endif
  {
    float *rel = malloc(sizeof(float) * (size_t)(d->nitems + 1));
    float *sc = malloc(sizeof(float) * (size_t)K);
    int32_t *list = malloc(sizeof(int32_t) * (size_t)K);
    unsigned char *allowed = malloc((size_t)d->nitems + 1);
    const int ok = rel && sc && list && allowed;
    if (allowed) memset(allowed, 1, (size_t)d->nitems);
    for (int64_t c0 = 0; c0 < nul; c0 += CHUNK) {
      const int64_t c1 = c0 + CHUNK < nul ? c0 + CHUNK : nul;
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 8)
#endif
      for (int64_t lu = c0; lu < c1; lu++) {
        double *ua = uacc + (lu - c0) * na;
        memset(ua, 0, sizeof(double) * (size_t)na);
        int n = ok ? 0 : -1;
        if (ok) {
          rec_model_scores(m, d, lu, rel);
          for (int64_t j = d->tr_ptr[lu]; j < d->tr_ptr[lu + 1]; j++) allowed[d->tr_item[j]] = 0;
          for (int64_t j = d->va_ptr[lu]; j < d->va_ptr[lu + 1]; j++) allowed[d->va_item[j]] = 0;
          n = eco_recommend_topk(rel, d->eco, allowed, d->nitems, o->beta, K,
                                 top_items + lu * K, top_scores + lu * K);
        }
        if (n < 0) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
          nomem = 1;
          continue;
        }
        for (int j = n; j < K; j++) {
          top_items[lu * K + j] = -1;
          top_scores[lu * K + j] = NAN;
        }
        const int64_t nheld = d->te_ptr[lu + 1] - d->te_ptr[lu];
        for (int b = 0; b < nbeta; b++) {
          /* the written list's beta is on the curve (at least as its extra
           * last entry): the same call with the same inputs, so reuse it */
          int nl = n;
          if (betas[b] == o->beta)
            memcpy(list, top_items + lu * K, sizeof(int32_t) * (size_t)n);
          else
            nl = eco_recommend_topk(rel, d->eco, allowed, d->nitems, betas[b], K, list, sc);
          if (nl < 0) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
            nomem = 1;
            break;
          }
          if (nheld > 0) {
            double r, g;
            rec_list_metrics(list, nl, d->te_item + d->te_ptr[lu], nheld, K, &r, &g);
            ua[3 * b] = r;
            ua[3 * b + 1] = g;
          }
          if (nl > 0) {
            double e = 0;
            for (int j = 0; j < nl; j++) e += d->eco[list[j]];
            ua[3 * b + 2] = e / nl;
          }
        }
        ua[3 * nbeta] = nheld > 0;
        ua[3 * nbeta + 1] = d->nitems > (d->tr_ptr[lu + 1] - d->tr_ptr[lu]) +
                                            (d->va_ptr[lu + 1] - d->va_ptr[lu]);
        for (int64_t j = d->tr_ptr[lu]; j < d->tr_ptr[lu + 1]; j++) allowed[d->tr_item[j]] = 1;
        for (int64_t j = d->va_ptr[lu]; j < d->va_ptr[lu + 1]; j++) allowed[d->va_item[j]] = 1;
      }
      /* the implicit barrier of the loop: the chunk is complete */
#ifdef _OPENMP
#pragma omp single
#endif
      for (int64_t lu = c0; lu < c1; lu++)
        for (int a = 0; a < na; a++) acc[a] += uacc[(lu - c0) * na + a];
    }
    free(rel);
    free(sc);
    free(list);
    free(allowed);
  }
  rec_blas_single_end();
  free(uacc);
  if (nomem) return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "top-K: out of memory");
  return ECO_OK;
}

/* "a ranks before b": larger score, then smaller item index */
static inline int better(double sa, int32_t ia, double sb, int32_t ib) {
  return sa > sb || (sa == sb && ia < ib);
}

static void sift_down(double *hs, int32_t *hi, int n, int i) {
  /* min-heap on "better": the root is the worst kept item */
  for (;;) {
    int l = 2 * i + 1, r = l + 1, w = i;
    if (l < n && better(hs[w], hi[w], hs[l], hi[l])) w = l;
    if (r < n && better(hs[w], hi[w], hs[r], hi[r])) w = r;
    if (w == i) return;
    double ts = hs[i];
    hs[i] = hs[w];
    hs[w] = ts;
    int32_t ti = hi[i];
    hi[i] = hi[w];
    hi[w] = ti;
    i = w;
  }
}

/* Does any of the m items from i pass "allowed and score >= thr"? Branch
 * free, so that the compiler vectorizes it; the scores are computed exactly
 * as in the item loop of eco_recommend_topk (the same double operations). */
static inline int block_any(const float *restrict rel, const float *restrict eco,
                            const unsigned char *restrict allowed, int64_t i, int m,
                            double beta, double thr) {
  int any = 0;
  if (eco && allowed) {
    for (int j = 0; j < m; j++)
      any |= ((double)rel[i + j] + beta * (double)eco[i + j] >= thr) & (allowed[i + j] != 0);
  } else if (eco) {
    for (int j = 0; j < m; j++) any |= (double)rel[i + j] + beta * (double)eco[i + j] >= thr;
  } else if (allowed) {
    for (int j = 0; j < m; j++) any |= ((double)rel[i + j] + 0.0 >= thr) & (allowed[i + j] != 0);
  } else {
    for (int j = 0; j < m; j++) any |= (double)rel[i + j] + 0.0 >= thr;
  }
  return any;
}

int eco_recommend_topk(const float *relevance, const float *eco,
                       const unsigned char *allowed, int64_t nitems, double beta, int k,
                       int32_t *items_out, float *scores_out) {
  if (k <= 0) return 0;
  double hsbuf[256];
  double *hs = k <= 256 ? hsbuf : malloc(sizeof(double) * (size_t)k);
  if (!hs) return -1;
  int n = 0;
  int64_t i = 0;
  /* fill the heap with the first k allowed items */
  for (; i < nitems && n < k; i++) {
    if (allowed && !allowed[i]) continue;
    const double s = (double)relevance[i] + (eco ? beta * (double)eco[i] : 0.0);
    /* append, then sift up */
    int c = n++;
    hs[c] = s;
    items_out[c] = (int32_t)i;
    while (c > 0) {
      int p = (c - 1) / 2;
      if (!better(hs[p], items_out[p], hs[c], items_out[c])) break;
      double ts = hs[p];
      hs[p] = hs[c];
      hs[c] = ts;
      int32_t ti = items_out[p];
      items_out[p] = items_out[c];
      items_out[c] = ti;
      c = p;
    }
  }
  /* then an item enters only if it ranks before the root (the worst kept
   * item). A block of items none of which is allowed with a score >= the
   * root's cannot (the root only rises), so it is skipped after one
   * vectorized test; the others go item by item as before: the same list */
  enum { BLK = 32 };
  while (i < nitems) {
    const int64_t end = nitems - i > BLK ? i + BLK : nitems;
    if (end - i == BLK && !block_any(relevance, eco, allowed, i, BLK, beta, hs[0])) {
      i = end;
      continue;
    }
    for (; i < end; i++) {
      if (allowed && !allowed[i]) continue;
      const double s = (double)relevance[i] + (eco ? beta * (double)eco[i] : 0.0);
      if (better(s, (int32_t)i, hs[0], items_out[0])) {
        hs[0] = s;
        items_out[0] = (int32_t)i;
        sift_down(hs, items_out, n, 0);
      }
    }
  }
  /* heap sort: repeatedly move the worst to the end -> best first */
  for (int end = n - 1; end > 0; end--) {
    double ts = hs[0];
    hs[0] = hs[end];
    hs[end] = ts;
    int32_t ti = items_out[0];
    items_out[0] = items_out[end];
    items_out[end] = ti;
    sift_down(hs, items_out, end, 0);
  }
  for (int j = 0; j < n; j++) scores_out[j] = (float)hs[j];
  if (hs != hsbuf) free(hs);
  return n;
}
