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
int rec_items_sharded(const eco_rec_options *o, int size, int64_t rows) {
  return o->item_params == REC_ITEMS_SHARDED ||
         (o->item_params == REC_ITEMS_AUTO && size > 1 &&
          rows * o->factors >= REC_ITEMS_SHARD_MIN_FLOATS);
}

static const float *user_row(const rec_model *m, const rec_data *d, int64_t lu) {
  return m->users_all ? m->X + (d->user0 + lu) * m->k : m->X + lu * m->k;
}

const float *rec_model_user_rows(const rec_model *m, const rec_data *d) {
  return m->users_all ? m->X + d->user0 * m->k : m->X;
}

const float *rec_model_item_rows(const rec_model *m, const rec_data *d) {
  return m->items_sharded ? m->Y : m->Y + d->item0 * m->k;
}

const float *rec_model_item_bias(const rec_model *m, const rec_data *d) {
  return !m->ibias || m->items_sharded ? m->ibias : m->ibias + d->item0;
}

static inline float sigmoidf(float x) {
  return x >= 0 ? 1.0f / (1.0f + expf(-x)) : expf(x) / (1.0f + expf(x));
}

/* Relevance of user row x (owned user lu) for item row y with item bias ib
 * (mf): the same operations wherever the row comes from. */
static inline float pair_score(const rec_model *m, int64_t lu, const float *x, const float *y,
                               float ib) {
  const int k = m->k;
  float s = 0.0f;
  switch (m->model) {
  case REC_MODEL_ALS:
  case REC_MODEL_BPR:
    for (int a = 0; a < k; a++) s += x[a] * y[a];
    return s;
  case REC_MODEL_MF:
    for (int a = 0; a < k; a++) s += x[a] * y[a];
    return (float)m->mu + m->ubias[lu] + ib + s;
  default:
    s = m->wb;
    for (int a = 0; a < k; a++) s += m->w[a] * x[a] + m->w[k + a] * y[a];
    return sigmoidf(s);
  }
}

/* ------------------------------------------------------------------------ */
/* Item rows round the ranks                                                 */
/* ------------------------------------------------------------------------ */
/* With sharded item parameters, the rows travel round the ranks in slices
 * of at most REC_RING_BYTES: in round q every rank starts with slice q of
 * its own item block and, in P - 1 steps, receives each other rank's slice
 * q from its left neighbour while it passes the one it holds to its right
 * one (MPI_Isend / MPI_Irecv, in flight while the caller scores the current
 * slice); rounds go on until every block is through. Besides its own rows a
 * rank holds at most two slices (one at 2 ranks). Not sharded: one slice,
 * every item, no communication. Slices carry the item rows and, for mf,
 * the item biases, for mlp the item terms w_item . y (computed by the
 * owner). */
#define REC_RING_BYTES (16 << 20)
typedef struct {
  int64_t i0, n; /* the current slice: items [i0, i0 + n) */
  int owner, slice; /* its owner rank; slice id owner x rounds + round */
  const float *Y, *aux; /* n x k rows, n aux values (or NULL) */
  int nslices;
  /* private */
  MPI_Comm comm;
  int size, rank, step, nsteps, round, rounds, k, naux;
  int64_t nitems, maxn, chunk;
  const float *ownY;
  float *own_aux, *buf[2], *abuf[2];
  MPI_Request req[4];
  MPI_Datatype rowt;
} ring;

static void ring_free(ring *g) {
  free(g->own_aux);
  for (int j = 0; j < 2; j++) {
    free(g->buf[j]);
    free(g->abuf[j]);
  }
  if (g->rowt != MPI_DATATYPE_NULL) MPI_Type_free(&g->rowt);
  memset(g, 0, sizeof *g);
  g->rowt = MPI_DATATYPE_NULL;
}

/* Items [*i0, *i0 + *n) of slice `round` of rank o's block. */
static void ring_slice(const ring *g, int o, int round, int64_t *i0, int64_t *n) {
  int64_t s0, c;
  eco_block_range(g->nitems, o, g->size, &s0, &c);
  const int64_t a = (int64_t)round * g->chunk < c ? (int64_t)round * g->chunk : c;
  const int64_t e = a + g->chunk < c ? a + g->chunk : c;
  *i0 = s0 + a;
  *n = e - a;
}

/* Slice id of an item (for grouping work by slice). */
static int ring_slice_of(const ring *g, int32_t item) {
  if (g->nsteps == 1) return 0;
  const int o = rec_block_owner(g->nitems, g->size, item);
  int64_t s0, c;
  eco_block_range(g->nitems, o, g->size, &s0, &c);
  return o * g->rounds + (int)((item - s0) / g->chunk);
}

/* The buffers (collective: agrees on them). */
static eco_status ring_create(MPI_Comm comm, const rec_data *d, const rec_model *m, ring *g) {
  memset(g, 0, sizeof *g);
  g->rowt = MPI_DATATYPE_NULL;
  g->comm = comm;
  MPI_Comm_size(comm, &g->size);
  MPI_Comm_rank(comm, &g->rank);
  g->k = m->k;
  g->nitems = d->nitems;
  g->nsteps = m->items_sharded ? g->size : 1;
  g->naux = m->model == REC_MODEL_MF || m->model == REC_MODEL_MLP;
  const int64_t nown = m->items_sharded ? d->nitem_local : d->nitems;
  g->ownY = m->Y;
  g->rounds = 1;
  g->chunk = nown > 0 ? nown : 1;
  g->maxn = nown;
  g->nslices = 1;
  if (g->nsteps > 1) {
    int64_t s0, big;
    eco_block_range(d->nitems, 0, g->size, &s0, &big); /* the first block is the largest */
    g->chunk = REC_RING_BYTES / (4 * (int64_t)(g->k + g->naux));
    if (g->chunk < 1) g->chunk = 1;
    if (g->chunk > big) g->chunk = big > 0 ? big : 1;
    g->rounds = (int)((big + g->chunk - 1) / g->chunk);
    if (g->rounds < 1) g->rounds = 1;
    g->maxn = g->chunk;
    g->nslices = g->size * g->rounds;
  }
  eco_status st = ECO_OK;
  if (g->naux) {
    st = eco_malloc(sizeof(float) * (size_t)(nown + 1), &g->own_aux);
    if (st == ECO_OK && m->model == REC_MODEL_MF) {
      memcpy(g->own_aux, m->ibias, sizeof(float) * (size_t)nown);
    } else if (st == ECO_OK) {
      const int k = m->k;
      for (int64_t i = 0; i < nown; i++) {
        const float *y = m->Y + i * k;
        float s = 0.0f;
        for (int a = 0; a < k; a++) s += m->w[k + a] * y[a];
        g->own_aux[i] = s;
      }
    }
  }
  /* receive buffers: step t of a round receives into buf[t % 2]; the last
   * step receives nothing (one buffer at 2 ranks) */
  for (int j = 0; j < 2 && j < g->nsteps - 1 && st == ECO_OK; j++) {
    st = eco_malloc(sizeof(float) * (size_t)(g->maxn * g->k + 1), &g->buf[j]);
    if (st == ECO_OK && g->naux) st = eco_malloc(sizeof(float) * (size_t)(g->maxn + 1), &g->abuf[j]);
  }
  if (st == ECO_OK && g->nsteps > 1) {
    if (MPI_Type_contiguous(g->k, MPI_FLOAT, &g->rowt) == MPI_SUCCESS)
      MPI_Type_commit(&g->rowt);
    else
      st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__, "MPI_Type_contiguous");
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) ring_free(g);
  return st;
}

/* Post the transfers of step g->step: the slice held goes right, the next
 * one comes from the left into buf[step % 2]. */
static eco_status ring_post(ring *g) {
  for (int j = 0; j < 4; j++) g->req[j] = MPI_REQUEST_NULL;
  if (g->step + 1 >= g->nsteps) return ECO_OK;
  const int right = (g->rank + 1) % g->size, left = (g->rank + g->size - 1) % g->size;
  const int nxt = (g->rank - g->step - 1 + 2 * g->size) % g->size;
  int64_t s0, c;
  ring_slice(g, nxt, g->round, &s0, &c);
  float *rb = g->buf[g->step % 2], *ra = g->abuf[g->step % 2];
  int e = MPI_Irecv(rb, (int)c, g->rowt, left, 71, g->comm, &g->req[0]);
  if (e == MPI_SUCCESS)
    e = MPI_Isend(g->Y, (int)g->n, g->rowt, right, 71, g->comm, &g->req[1]);
  if (e == MPI_SUCCESS && g->naux) {
    e = MPI_Irecv(ra, (int)c, MPI_FLOAT, left, 72, g->comm, &g->req[2]);
    if (e == MPI_SUCCESS)
      e = MPI_Isend(g->aux, (int)g->n, MPI_FLOAT, right, 72, g->comm, &g->req[3]);
  }
  return e == MPI_SUCCESS ? ECO_OK : eco_error_mpi(e, __FILE__, __LINE__, "ring exchange");
}

/* Step 0 of a round: this rank's own slice. */
static eco_status ring_own(ring *g, int round) {
  g->round = round;
  g->step = 0;
  if (g->nsteps > 1) {
    g->owner = g->rank;
    ring_slice(g, g->rank, round, &g->i0, &g->n);
    int64_t s0, c;
    eco_block_range(g->nitems, g->rank, g->size, &s0, &c);
    g->Y = g->ownY + (g->i0 - s0) * g->k;
    g->aux = g->own_aux ? g->own_aux + (g->i0 - s0) : NULL;
    g->slice = g->owner * g->rounds + round;
  } else {
    g->owner = g->slice = 0;
    g->i0 = 0;
    g->n = g->nitems;
    g->Y = g->ownY;
    g->aux = g->own_aux;
  }
  return ring_post(g);
}

/* The first slice. */
static eco_status ring_start(ring *g) { return ring_own(g, 0); }

/* The next slice (collective); *more = 0 when every slice was seen. */
static eco_status ring_next(ring *g, int *more) {
  *more = 0;
  if (g->step + 1 >= g->nsteps) {
    if (g->round + 1 >= g->rounds) return ECO_OK;
    *more = 1;
    return ring_own(g, g->round + 1);
  }
  ECO_CALL_MPI(MPI_Waitall(4, g->req, MPI_STATUSES_IGNORE));
  const int j = g->step % 2;
  g->step++;
  g->owner = (g->rank - g->step + g->size) % g->size;
  ring_slice(g, g->owner, g->round, &g->i0, &g->n);
  g->slice = g->owner * g->rounds + g->round;
  g->Y = g->buf[j];
  g->aux = g->naux ? g->abuf[j] : NULL;
  *more = 1;
  return ring_post(g);
}

/* Scores of n (owned user lu, item) pairs into out (pairs with any item
 * order; each pair scored from its item's slice). Collective. */
static eco_status score_pairs(MPI_Comm comm, const rec_data *d, const rec_model *m,
                              int64_t n, const int32_t *pu, const int32_t *pi, float *out) {
  ring g;
  int64_t *order = NULL, *start = NULL, *fill = NULL;
  eco_status st = ring_create(comm, d, m, &g);
  if (st != ECO_OK) return st;
  /* pairs grouped by the slice of their item (stable counting sort) */
  const int ns = g.nslices;
  st = eco_malloc(sizeof(int64_t) * (size_t)(n + 1), &order);
  if (st == ECO_OK) st = eco_calloc((size_t)ns + 1, sizeof(int64_t), &start);
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * (size_t)(ns + 1), &fill);
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  for (int64_t j = 0; j < n; j++) start[ring_slice_of(&g, pi[j]) + 1]++;
  for (int s = 0; s < ns; s++) start[s + 1] += start[s];
  memcpy(fill, start, sizeof(int64_t) * (size_t)ns);
  for (int64_t j = 0; j < n; j++) order[fill[ring_slice_of(&g, pi[j])]++] = j;
  ECO_CALL_GOTO(st, ring_start(&g), out);
  for (int more = 1; more;) {
    const int64_t b0 = start[g.slice], b1 = start[g.slice + 1];
    const int k = m->k;
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(rec_threads())
#endif
    for (int64_t q = b0; q < b1; q++) {
      const int64_t j = order[q], r = pi[j] - g.i0;
      out[j] = pair_score(m, pu[j], user_row(m, d, pu[j]), g.Y + r * k,
                          m->model == REC_MODEL_MF ? g.aux[r] : 0.0f);
    }
    ECO_CALL_GOTO(st, ring_next(&g, &more), out);
  }
out:
  ring_free(&g);
  free(order);
  free(start);
  free(fill);
  return st;
}

eco_status rec_model_train(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                           rec_model *m) {
  memset(m, 0, sizeof *m);
  m->model = o->model;
  m->k = o->factors;
  m->metric_name = o->model == REC_MODEL_MF ? "rmse" : "auc";
  const size_t ne = (size_t)o->epochs + 1;
  eco_status st = eco_calloc(ne, sizeof(double), &m->h_loss);
  if (st == ECO_OK) st = eco_calloc(ne, sizeof(double), &m->h_metric);
  if (st == ECO_OK) st = eco_calloc(ne, sizeof(double), &m->h_seconds);
  if (st == ECO_OK) st = eco_calloc(ne, sizeof(double), &m->h_rate);
  /* agreed before training's collectives: one rank short of memory hung the others */
  ECO_CALL(eco_agree(ctx->comm, st));
  ECO_CALL(rec_threads_setup(ctx, o));
  eco_timer_begin("recommend.train");
  rec_blas_single_begin();
  st = o->model == REC_MODEL_ALS ? rec_als_train(ctx, o, d, m)
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
  const int64_t nb = n * (int64_t)sizeof(scored);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(scored) * (size_t)(n + 1), &loc), agreed);
  for (int64_t i = 0; i < n; i++) {
    loc[i].s = score[i];
    loc[i].y = label[i] ? 1 : 0;
  }
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &cnt), agreed);
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &dsp), agreed);
  ECO_CHECK_GOTO(st, nb < INT32_MAX, ECO_ERR_INTERNAL, agreed, "AUC: too many pairs per rank");
agreed: /* local steps: one rank's failure must not leave the others in the gather */
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  int mb = (int)nb;
  ECO_CALL_MPI_GOTO(st, MPI_Gather(&mb, 1, MPI_INT, cnt, 1, MPI_INT, 0, comm), out);
  int64_t tot = 0;
  if (rank == 0) {
    for (int r = 0; r < size; r++) {
      dsp[r] = (int)tot;
      tot += cnt[r];
    }
  }
  st = eco_malloc((size_t)tot + 1, &all);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
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
      do { /* a tie group (at least one pair: a NaN equals nothing) */
        if (all[j].y)
          p++;
        else
          q++;
        j++;
      } while (j < na && all[j].s == all[i].s);
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
  (void)o;
  const int64_t *ptr = use_valid ? d->va_ptr : d->te_ptr;
  const int32_t *it = use_valid ? d->va_item : d->te_item;
  const int64_t nh = ptr[d->nuser_local];
  float *s = NULL;
  unsigned char *y = NULL;
  int32_t *pu = NULL, *pi = NULL;
  eco_status st = eco_malloc(sizeof(float) * (size_t)(2 * nh + 1), &s);
  if (st == ECO_OK) st = eco_malloc((size_t)(2 * nh + 1), &y);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)(2 * nh + 1), &pu);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)(2 * nh + 1), &pi);
  /* the pairs: each held-out item of a user, then one item the user never
   * interacted with; users are independent (one stream each) and write
   * their own slots 2 (ptr[lu] - ptr[0]) ...: the threads share them out */
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
        pu[q] = pu[q + 1] = (int32_t)lu;
        pi[q] = it[j];
        y[q] = 1;
        pi[q + 1] = rec_sample_negative(d, lu, &r);
        y[q + 1] = 0;
      }
    }
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) st = score_pairs(ctx->comm, d, m, n, pu, pi, s);
  eco_timer_end("recommend.eval.scores");
  eco_timer_begin("recommend.eval.auc");
  if (st == ECO_OK) st = rec_auc(ctx->comm, n, s, y, auc);
  eco_timer_end("recommend.eval.auc");
  free(s);
  free(y);
  free(pu);
  free(pi);
  return st;
}

eco_status rec_eval_rmse(MPI_Comm comm, const rec_data *d, const rec_model *m,
                         int use_valid, double *rmse, double *mae) {
  const int64_t *ptr = use_valid ? d->va_ptr : d->te_ptr;
  const int32_t *it = use_valid ? d->va_item : d->te_item;
  const float *val = use_valid ? d->va_val : d->te_val;
  const int64_t p0 = ptr[0], n = ptr[d->nuser_local] - p0;
  double acc[3] = {0, 0, 0}, g[3];
  int32_t *pu = NULL;
  float *sc = NULL;
  eco_status st = eco_malloc(sizeof(int32_t) * (size_t)(n + 1), &pu);
  if (st == ECO_OK) st = eco_malloc(sizeof(float) * (size_t)(n + 1), &sc);
  st = eco_agree(comm, st);
  if (st == ECO_OK) {
    for (int64_t lu = 0; lu < d->nuser_local; lu++)
      for (int64_t j = ptr[lu]; j < ptr[lu + 1]; j++) pu[j - p0] = (int32_t)lu;
    st = score_pairs(comm, d, m, n, pu, it + p0, sc);
  }
  /* a predicted rating outside the range of the training ratings is taken
   * at the nearest end of the range (as rating predictors do: a 5.3 is a 5) */
  const double lo = d->value_min, hi = d->value_max;
  for (int64_t j = 0; st == ECO_OK && j < n; j++) {
    double p = sc[j];
    if (lo <= hi) p = p < lo ? lo : p > hi ? hi : p;
    double e = (double)val[p0 + j] - p;
    acc[0] += e * e;
    acc[1] += fabs(e);
    acc[2] += 1;
  }
  free(pu);
  free(sc);
  ECO_CALL(st);
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

/* Push the n items of a slice (item i0 + j: relevance rel[j], eco-score
 * eco[j], allowed[j]) into the heap of at most k kept items (scores hs,
 * items hi, *hn kept): the K best by "better" over every slice pushed, in
 * any order of the slices (the order is total). */
static void topk_push(const float *relevance, const float *eco, const unsigned char *allowed,
                      int64_t nitems, int64_t i0, double beta, int k, double *hs,
                      int32_t *items_out, int *hn) {
  int n = *hn;
  int64_t i = 0;
  /* fill the heap with the first allowed items */
  for (; i < nitems && n < k; i++) {
    if (allowed && !allowed[i]) continue;
    const double s = (double)relevance[i] + (eco ? beta * (double)eco[i] : 0.0);
    /* append, then sift up */
    int c = n++;
    hs[c] = s;
    items_out[c] = (int32_t)(i0 + i);
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
  *hn = n;
  if (n < k) return;
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
      if (better(s, (int32_t)(i0 + i), hs[0], items_out[0])) {
        hs[0] = s;
        items_out[0] = (int32_t)(i0 + i);
        sift_down(hs, items_out, n, 0);
      }
    }
  }
}

/* Heap sort: repeatedly move the worst to the end -> best first. */
static void topk_sort(double *hs, int32_t *items_out, int n) {
  for (int end = n - 1; end > 0; end--) {
    double ts = hs[0];
    hs[0] = hs[end];
    hs[end] = ts;
    int32_t ti = items_out[0];
    items_out[0] = items_out[end];
    items_out[end] = ti;
    sift_down(hs, items_out, end, 0);
  }
}

int eco_recommend_topk(const float *relevance, const float *eco,
                       const unsigned char *allowed, int64_t nitems, double beta, int k,
                       int32_t *items_out, float *scores_out) {
  if (k <= 0) return 0;
  double hsbuf[256];
  double *hs = k <= 256 ? hsbuf : malloc(sizeof(double) * (size_t)k);
  if (!hs) return -1;
  int n = 0;
  topk_push(relevance, eco, allowed, nitems, 0, beta, k, hs, items_out, &n);
  topk_sort(hs, items_out, n);
  for (int j = 0; j < n; j++) scores_out[j] = (float)hs[j];
  if (hs != hsbuf) free(hs);
  return n;
}

/* out[j] = x . Y[j] for the n rows of a slice. Each dot product has a fixed
 * order: 8 lanes over k (lane l sums the products a = l, l + 8, ...), then
 * ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)), then the tail a >= k & ~7
 * in order; so a row gets the same bits wherever it is and whichever
 * version runs (AVX2, four rows at a time in registers, or plain C; no
 * FMA). */
static inline float lanes_sum(const float *acc) {
  return ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
}

static inline float row_dot(const float *restrict x, const float *restrict y, int k) {
  const int k8 = k & ~7;
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int a = 0; a < k8; a += 8)
    for (int l = 0; l < 8; l++) acc[l] += x[a + l] * y[a + l];
  float s = lanes_sum(acc);
  for (int a = k8; a < k; a++) s += x[a] * y[a];
  return s;
}

static void slice_dots_plain(const float *Y, int64_t n, int k, const float *x, float *out) {
  for (int64_t j = 0; j < n; j++) out[j] = row_dot(x, Y + j * k, k);
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
__attribute__((target("avx2"))) static void slice_dots_avx2(const float *Y, int64_t n, int k,
                                                              const float *x, float *out) {
  const int k8 = k & ~7;
  int64_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const float *y = Y + j * k;
    __m256 v0 = _mm256_setzero_ps(), v1 = v0, v2 = v0, v3 = v0;
    for (int a = 0; a < k8; a += 8) {
      const __m256 xv = _mm256_loadu_ps(x + a);
      v0 = _mm256_add_ps(v0, _mm256_mul_ps(xv, _mm256_loadu_ps(y + a)));
      v1 = _mm256_add_ps(v1, _mm256_mul_ps(xv, _mm256_loadu_ps(y + k + a)));
      v2 = _mm256_add_ps(v2, _mm256_mul_ps(xv, _mm256_loadu_ps(y + 2 * k + a)));
      v3 = _mm256_add_ps(v3, _mm256_mul_ps(xv, _mm256_loadu_ps(y + 3 * k + a)));
    }
    /* h_r = lanes l + l + 4 of row r; transposed, lane r of t_l is h_r[l] */
    __m128 h0 = _mm_add_ps(_mm256_castps256_ps128(v0), _mm256_extractf128_ps(v0, 1));
    __m128 h1 = _mm_add_ps(_mm256_castps256_ps128(v1), _mm256_extractf128_ps(v1, 1));
    __m128 h2 = _mm_add_ps(_mm256_castps256_ps128(v2), _mm256_extractf128_ps(v2, 1));
    __m128 h3 = _mm_add_ps(_mm256_castps256_ps128(v3), _mm256_extractf128_ps(v3, 1));
    _MM_TRANSPOSE4_PS(h0, h1, h2, h3);
    float s[4];
    _mm_storeu_ps(s, _mm_add_ps(_mm_add_ps(h0, h2), _mm_add_ps(h1, h3)));
    for (int r = 0; r < 4; r++) {
      for (int a = k8; a < k; a++) s[r] += x[a] * y[r * k + a];
      out[j + r] = s[r];
    }
  }
  for (; j < n; j++) out[j] = row_dot(x, Y + j * k, k);
}
#endif

static void slice_dots(const float *Y, int64_t n, int k, const float *x, float *out) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx2")) {
    slice_dots_avx2(Y, n, k, x, out);
    return;
  }
#endif
  slice_dots_plain(Y, n, k, x, out);
}

/* Relevance of owned user lu for the items of slice g into out. */
static void slice_scores(const rec_model *m, const rec_data *d, int64_t lu, const ring *g,
                         float *out) {
  const int k = m->k;
  const float *x = user_row(m, d, lu);
  if (m->model == REC_MODEL_MLP) {
    float su = m->wb;
    for (int a = 0; a < k; a++) su += m->w[a] * x[a];
    for (int64_t j = 0; j < g->n; j++) out[j] = sigmoidf(su + g->aux[j]);
    return;
  }
  slice_dots(g->Y, g->n, k, x, out);
  if (m->model == REC_MODEL_MF) {
    const float base = (float)m->mu + m->ubias[lu];
    for (int64_t j = 0; j < g->n; j++) out[j] += base + g->aux[j];
  }
}

/* First position of [p0, p1) of a sorted index list with a value >= v. */
static int64_t lower_bound(const int32_t *a, int64_t p0, int64_t p1, int64_t v) {
  while (p0 < p1) {
    const int64_t mid = p0 + (p1 - p0) / 2;
    if (a[mid] < v)
      p0 = mid + 1;
    else
      p1 = mid;
  }
  return p0;
}

/* allowed[i - i0] = val for the items of a sorted list in [i0, i0 + n). */
static void mark(unsigned char *allowed, const int32_t *items, int64_t p0, int64_t p1,
                 int64_t i0, int64_t n, unsigned char val) {
  for (int64_t j = lower_bound(items, p0, p1, i0); j < p1 && items[j] < i0 + n; j++)
    allowed[items[j] - i0] = val;
}

/* Lists and trade-off sums of users [0, nuser_local): see recommend_impl.h.
 * Users go in groups whose running top-K heaps (one per distinct beta, K
 * scores and items each) fit in REC_RANK_STATE bytes; for each group the
 * item slices pass round the ranks once (one slice: every item, no
 * communication), and every user of the group pushes the slice's items into
 * its heaps. The K best by (score, smaller index) do not depend on the
 * order of the slices, and a row's score not on its slice, so the lists are
 * those of one pass over the whole table. The threads take users in dynamic
 * chunks, each with its own score and mask buffers; each user's
 * contributions go to its own slot and are summed in user order, so the sums
 * depend neither on the thread count nor on the rank count. */
#define REC_RANK_STATE (64 << 20)
eco_status rec_rank_users(MPI_Comm comm, const eco_rec_options *o, const rec_data *d,
                          const rec_model *m, int nbeta, const double *betas,
                          int32_t *top_items, float *top_scores, double *acc) {
  const int K = o->topk, na = 3 * nbeta + 2;
  const int64_t nul = d->nuser_local;
  /* one heap per distinct beta; hw keeps the written lists (beta = o->beta) */
  double ub[REC_MAX_BETAS + 2];
  int hmap[REC_MAX_BETAS + 1], nh = 0, hw = -1;
  for (int b = 0; b <= nbeta; b++) {
    const double v = b < nbeta ? betas[b] : o->beta;
    int h = 0;
    while (h < nh && ub[h] != v) h++;
    if (h == nh) ub[nh++] = v;
    if (b < nbeta) hmap[b] = h; else hw = h;
  }
  const int64_t per_user = (int64_t)nh * K * 12 + nh * 4 + na * 8;
  int64_t G = REC_RANK_STATE / per_user;
  if (G < 1) G = 1;
  int64_t nul_max = 0;
  ECO_CALL_MPI(MPI_Allreduce(&nul, &nul_max, 1, MPI_INT64_T, MPI_MAX, comm));
  if (G > nul_max) G = nul_max > 0 ? nul_max : 1;
  const int64_t ngroups = (nul_max + G - 1) / G;
  const int nt = rec_threads();
  ring g;
  ECO_CALL(ring_create(comm, d, m, &g));
  double *hs = NULL, *uacc = NULL;
  int32_t *hi = NULL;
  int *hn = NULL;
  float *rel = NULL;
  unsigned char *allowed = NULL;
  const int64_t mx = g.maxn + 1;
  eco_status st = eco_malloc(sizeof(double) * (size_t)(G * nh * K + 1), &hs);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)(G * nh * K + 1), &hi);
  if (st == ECO_OK) st = eco_malloc(sizeof(int) * (size_t)(G * nh + 1), &hn);
  if (st == ECO_OK) st = eco_calloc((size_t)(G * na + 1), sizeof(double), &uacc);
  if (st == ECO_OK) st = eco_malloc(sizeof(float) * (size_t)(nt * mx), &rel);
  if (st == ECO_OK) st = eco_malloc((size_t)(nt * mx), &allowed);
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  memset(allowed, 1, (size_t)(nt * mx));
  memset(acc, 0, sizeof(double) * (size_t)na);
  rec_blas_single_begin();
  for (int64_t gr = 0; gr < ngroups && st == ECO_OK; gr++) {
    const int64_t u0 = gr * G < nul ? gr * G : nul;
    const int64_t u1 = u0 + G < nul ? u0 + G : nul;
    for (int64_t j = 0; j < (u1 - u0) * nh; j++) hn[j] = 0;
    st = ring_start(&g);
    for (int more = 1; more && st == ECO_OK;) {
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 8) num_threads(nt)
#endif
      for (int64_t lu = u0; lu < u1; lu++) {
#ifdef _OPENMP
        const int t = omp_get_thread_num();
#else
        const int t = 0;
#endif
        float *r = rel + t * mx;
        unsigned char *al = allowed + t * mx;
        const int64_t gu = lu - u0;
        slice_scores(m, d, lu, &g, r);
        mark(al, d->tr_item, d->tr_ptr[lu], d->tr_ptr[lu + 1], g.i0, g.n, 0);
        mark(al, d->va_item, d->va_ptr[lu], d->va_ptr[lu + 1], g.i0, g.n, 0);
        for (int h = 0; h < nh; h++)
          topk_push(r, d->eco + g.i0, al, g.n, g.i0, ub[h], K, hs + (gu * nh + h) * K,
                    hi + (gu * nh + h) * K, hn + gu * nh + h);
        mark(al, d->tr_item, d->tr_ptr[lu], d->tr_ptr[lu + 1], g.i0, g.n, 1);
        mark(al, d->va_item, d->va_ptr[lu], d->va_ptr[lu + 1], g.i0, g.n, 1);
      }
      st = ring_next(&g, &more);
    }
    if (st != ECO_OK) break;
    /* the lists, each user's metrics into its own slot */
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 8) num_threads(nt)
#endif
    for (int64_t lu = u0; lu < u1; lu++) {
      const int64_t gu = lu - u0;
      double *ua = uacc + gu * na;
      memset(ua, 0, sizeof(double) * (size_t)na);
      for (int h = 0; h < nh; h++)
        topk_sort(hs + (gu * nh + h) * K, hi + (gu * nh + h) * K, hn[gu * nh + h]);
      const int n = hn[gu * nh + hw];
      for (int j = 0; j < K; j++) {
        top_items[lu * K + j] = j < n ? hi[(gu * nh + hw) * K + j] : -1;
        top_scores[lu * K + j] = j < n ? (float)hs[(gu * nh + hw) * K + j] : NAN;
      }
      const int64_t nheld = d->te_ptr[lu + 1] - d->te_ptr[lu];
      for (int b = 0; b < nbeta; b++) {
        const int32_t *list = hi + (gu * nh + hmap[b]) * K;
        const int nl = hn[gu * nh + hmap[b]];
        if (nheld > 0) {
          double rr, gg;
          rec_list_metrics(list, nl, d->te_item + d->te_ptr[lu], nheld, K, &rr, &gg);
          ua[3 * b] = rr;
          ua[3 * b + 1] = gg;
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
    }
    for (int64_t lu = u0; lu < u1; lu++)
      for (int a = 0; a < na; a++) acc[a] += uacc[(lu - u0) * na + a];
  }
  rec_blas_single_end();
out:
  ring_free(&g);
  free(hs);
  free(hi);
  free(hn);
  free(uacc);
  free(rel);
  free(allowed);
  return st;
}

