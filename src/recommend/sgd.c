/* Mini-batch models with users sharded and item parameters sharded or
 * replicated ([recommend] item_params):
 *   - MF: explicit ratings, r_ui ~ mu + b_u + b_i + p_u . q_i, SGD or Adam
 *     with L2;
 *   - MLP: the embedding + linear click model,
 *       P(click) = sigmoid(w_u . e_u + w_i . e_i + b),
 *     binary cross-entropy, Adam, implicit labels with negative sampling;
 *   - BPR: pairwise ranking loss with sampled negatives, Adam.
 *
 * Each step every rank takes its next ceil(batch / P) local samples (a
 * per-epoch permutation keyed by seed, epoch and rank). User parameters live
 * only on their owner and are updated there. Item gradients (and the linear
 * layer's) are summed over ranks in rank order and applied by the item's
 * owner (sharded: rows fetched from and gradients sent to owners, two
 * MPI_Alltoallv per step) or on every rank (replicated: dense allreduce or
 * allgather of touched rows). Training repeats exactly for the same seed and
 * rank count, and both modes give the same bits when the replicated one
 * exchanges sparse rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recommend_impl.h"

/* Where the training time goes, per rank: wall seconds of the phases of the
 * steps (MPI_Wtime, cheap), thread CPU seconds of each epoch's training and
 * of the exchanges (a system call each, so only read around collectives). */
enum { PH_DRAW, PH_SAMPLES, PH_UPDATE, PH_EXCHANGE, PH_N };
typedef struct {
  double wall[PH_N];
  double cpu_exchange, cpu_train; /* summed over the epochs */
  double t, c;                    /* start of the current phase / exchange */
  int cur;
} phase_clock;

static double thread_cpu(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) return 0.0;
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline void phase_to(phase_clock *p, int next) {
  const double t = MPI_Wtime();
  p->wall[p->cur] += t - p->t;
  p->t = t;
  p->cur = next;
}

/* An exchange starts (size > 1: CPU time read) / ends (back to `next`). */
static inline void exchange_begin(phase_clock *p, int size) {
  phase_to(p, PH_EXCHANGE);
  if (size > 1) p->c = thread_cpu();
}
static inline void exchange_end(phase_clock *p, int size, int next) {
  if (size > 1) p->cpu_exchange += thread_cpu() - p->c;
  phase_to(p, next);
}

double rec_mf_predict(int k, double mu, float bu, float bi, const float *p,
                      const float *q) {
  float s = 0.0f;
  for (int a = 0; a < k; a++) s += p[a] * q[a];
  return mu + bu + bi + s;
}

double rec_mf_loss(int k, double mu, float bu, float bi, const float *p, const float *q,
                   double r, double reg, float *gp, float *gq, float *gbu, float *gbi) {
  const double e = r - rec_mf_predict(k, mu, bu, bi, p, q);
  double n2 = (double)bu * bu + (double)bi * bi;
  for (int a = 0; a < k; a++) {
    n2 += (double)p[a] * p[a] + (double)q[a] * q[a];
    /* the SGD step of rec_sgd_train is x -= lr * g with these g */
    if (gp) gp[a] = (float)(-e * q[a] + reg * p[a]);
    if (gq) gq[a] = (float)(-e * p[a] + reg * q[a]);
  }
  if (gbu) *gbu = (float)(-e + reg * bu);
  if (gbi) *gbi = (float)(-e + reg * bi);
  return 0.5 * e * e + 0.5 * reg * n2;
}

double rec_bpr_loss(int k, const float *p, const float *qi, const float *qj, double reg,
                    float *gp, float *gqi, float *gqj) {
  double z = 0, n2 = 0;
  for (int a = 0; a < k; a++) {
    z += (double)p[a] * (qi[a] - qj[a]);
    n2 += (double)p[a] * p[a] + (double)qi[a] * qi[a] + (double)qj[a] * qj[a];
  }
  const double sm = 1.0 / (1.0 + exp(z)); /* sigmoid(-z) */
  for (int a = 0; a < k; a++) {
    /* the gradients rec_sgd_train accumulates (before the 1/batch scale) */
    if (gp) gp[a] = (float)(-sm * (qi[a] - qj[a]) + reg * p[a]);
    if (gqi) gqi[a] = (float)(-sm * p[a] + reg * qi[a]);
    if (gqj) gqj[a] = (float)(sm * p[a] + reg * qj[a]);
  }
  return log1p(exp(-fabs(z))) + fmax(-z, 0.0) + 0.5 * reg * n2;
}

/* x = m * 2^e with m in [1, 2): keep m, add e (x > 0, normal). */
static inline void bce_renorm(double *x, int64_t *e) {
  uint64_t b;
  memcpy(&b, x, sizeof b);
  *e += (int64_t)((b >> 52) & 0x7ff) - 1023;
  b = (b & 0x800fffffffffffffULL) | (1023ULL << 52);
  memcpy(x, &b, sizeof b);
}

static inline float sigmoidf(float x) {
  return x >= 0 ? 1.0f / (1.0f + expf(-x)) : expf(x) / (1.0f + expf(x));
}

double rec_mlp_loss(int k, const float *eu, const float *ei, const float *w,
                    float b, double y, float *geu, float *gei, float *gw,
                    float *gb) {
  float z = b;
  for (int a = 0; a < k; a++) z += w[a] * eu[a] + w[k + a] * ei[a];
  /* log(1 + e^-|z|) form: stable for large |z| */
  double l = fmax(z, 0.0) - z * y + log1p(exp(-fabs((double)z)));
  float g = sigmoidf(z) - (float)y;
  for (int a = 0; a < k; a++) {
    if (geu) geu[a] = g * w[a];
    if (gei) gei[a] = g * w[k + a];
    if (gw) {
      gw[a] = g * eu[a];
      gw[k + a] = g * ei[a];
    }
  }
  if (gb) *gb = g;
  return l;
}

/* A sample: local user, item, and the rating (mf) or the positive's
 * training index (mlp, bpr: where its negatives are, see draw_negatives). */
typedef struct {
  int32_t lu, item;
  union {
    float y;
    int32_t j;
  };
} sample;

/* Fisher-Yates over the samples, in chunks: a chunk's swap positions are
 * drawn first (32-bit words of the stream, taken in bulk, mapped to [0, j]
 * by Lemire's multiply-shift with rejection, exactly uniform), so that the
 * swap loop can prefetch the random sample it will swap a few positions
 * ahead (the loads of random samples stalled the loop). */
static void shuffle(sample *s, int64_t n, uint64_t seed, int epoch, int rank) {
  enum { CHUNK = 256, AHEAD = 8 };
  eco_rng r;
  eco_rng_init(&r, seed, ECO_RNG_RECOMMEND,
               (3ULL << 60) | ((uint64_t)epoch << 24) | (uint64_t)rank);
  uint32_t w[CHUNK];
  int64_t pick[CHUNK];
  int iw = CHUNK; /* the next word of w (none yet) */
  for (int64_t j = n - 1; j > 0;) {
    const int64_t nc = j < CHUNK ? j : CHUNK; /* positions j, j - 1, ..., j - nc + 1 */
    for (int64_t c = 0; c < nc; c++) {
      const uint64_t m = (uint64_t)(j - c) + 1;
      if (m > UINT32_MAX) {
        pick[c] = (int64_t)eco_rng_below(&r, m);
        continue;
      }
      if (iw == CHUNK) {
        eco_rng_fill(&r, w, CHUNK);
        iw = 0;
      }
      uint64_t x = (uint64_t)w[iw++] * m;
      if ((uint32_t)x < (uint32_t)m) {
        const uint32_t lim = (0u - (uint32_t)m) % (uint32_t)m;
        while ((uint32_t)x < lim) {
          if (iw == CHUNK) {
            eco_rng_fill(&r, w, CHUNK);
            iw = 0;
          }
          x = (uint64_t)w[iw++] * m;
        }
      }
      pick[c] = (int64_t)(x >> 32);
    }
    for (int64_t c = 0; c < nc; c++) {
      if (c + AHEAD < nc) __builtin_prefetch(&s[pick[c + AHEAD]], 1, 3);
      const int64_t t = pick[c];
      const sample x = s[j - c];
      s[j - c] = s[t];
      s[t] = x;
    }
    j -= nc;
  }
}

static int in_sorted(const int32_t *a, int64_t n, int32_t v) {
  int64_t lo = 0, hi = n;
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    if (a[mid] < v)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && a[lo] == v;
}

/* An item the user has not interacted with (train, validation or test), or a
 * uniform one after 32 tries (a user who has seen almost everything). */
int32_t rec_sample_negative(const rec_data *d, int64_t lu, eco_rng *r) {
  const int32_t *seen = d->seen_item + d->seen_ptr[lu];
  const int64_t ns = d->seen_ptr[lu + 1] - d->seen_ptr[lu];
  int32_t j = 0;
  if (d->seen_bits) {
    const int64_t base = lu * d->nitems;
    for (int t = 0; t < 32; t++) {
      j = (int32_t)eco_rng_below(r, (uint64_t)d->nitems);
      const int64_t b = base + j;
      if (!((d->seen_bits[b >> 6] >> (b & 63)) & 1)) return j;
    }
    return j;
  }
  for (int t = 0; t < 32; t++) {
    j = (int32_t)eco_rng_below(r, (uint64_t)d->nitems);
    if (!in_sorted(seen, ns, j)) return j;
  }
  return j;
}

/* The key of an epoch's negative streams (see draw_negatives). */
static uint64_t negative_key(uint64_t seed, int epoch) {
  uint64_t z = seed ^ (0x6a09e667f3bcc909ULL + (uint64_t)epoch * 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void init_rows(float *F, int64_t n, int k, int64_t first, uint64_t tag,
                      uint64_t seed, double scale) {
  for (int64_t i = 0; i < n; i++) {
    eco_rng r;
    eco_rng_init(&r, seed, ECO_RNG_RECOMMEND, tag | (uint64_t)(first + i));
    for (int a = 0; a < k; a++) F[i * k + a] = (float)(scale * eco_rng_normal(&r));
  }
}

/* y += sum over t of c[idx[t] * cs] R[idx[t]] (rows of k floats), in
 * groups of four rows added to y together: the chain of dependent stores
 * into y is a quarter as long as with one axpy per row. */
static inline void rows_axpy(float *restrict y, const float *c, int64_t cs, const float *R,
                             const int32_t *idx, int64_t n, int k) {
  int64_t t = 0;
  for (; t + 4 <= n; t += 4) {
    const float *x0 = R + (int64_t)idx[t] * k, *x1 = R + (int64_t)idx[t + 1] * k;
    const float *x2 = R + (int64_t)idx[t + 2] * k, *x3 = R + (int64_t)idx[t + 3] * k;
    const float c0 = c[idx[t] * cs], c1 = c[idx[t + 1] * cs];
    const float c2 = c[idx[t + 2] * cs], c3 = c[idx[t + 3] * cs];
    for (int j = 0; j < k; j++) y[j] += (c0 * x0[j] + c1 * x1[j]) + (c2 * x2[j] + c3 * x3[j]);
  }
  for (; t < n; t++) {
    const float *x = R + (int64_t)idx[t] * k;
    const float ct = c[idx[t] * cs];
    for (int j = 0; j < k; j++) y[j] += ct * x[j];
  }
}

/* Prefetch the n floats at p into the cache (rows are not line aligned). */
static inline void prefetch_row(const float *p, int64_t n) {
  const char *c = (const char *)p, *e = (const char *)(p + n) - 1;
  for (; c <= e; c += 64) __builtin_prefetch(c, 1, 3);
  __builtin_prefetch(e, 1, 3);
}

/* Dot product with 8 fixed partial sums (vectorizes, same order every run). */
static inline float dot8(const float *restrict a, const float *restrict b, int k) {
  float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int j = 0;
  for (; j + 8 <= k; j += 8)
    for (int l = 0; l < 8; l++) s[l] += a[j + l] * b[j + l];
  float t = 0.0f;
  for (; j < k; j++) t += a[j] * b[j];
  return (((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]))) + t;
}

/* The squared norm of g = e q - c p (the negative gradient of an mf row),
 * with dot8's partial sums. */
static inline float gradsq8(const float *restrict q, const float *restrict p, float e,
                            float c, int k) {
  float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int j = 0;
  for (; j + 8 <= k; j += 8)
    for (int l = 0; l < 8; l++) {
      const float g = e * q[j + l] - c * p[j + l];
      s[l] += g * g;
    }
  float t = 0.0f;
  for (; j < k; j++) {
    const float g = e * q[j] - c * p[j];
    t += g * g;
  }
  return (((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]))) + t;
}

/* mf with adagrad, one rating of error e: dimensions [a0, a1) of the user
 * row p step at the rate lr / sqrt(*G) and add their squared gradient's mean
 * to *G; the item's negative gradient is summed into gi. */
static inline void adagrad_dims(float *restrict p, const float *restrict q, float *restrict gi,
                                float *G, float e, float reg, float lr, int a0, int a1) {
  const float gs = gradsq8(q + a0, p + a0, e, reg, a1 - a0);
  const float l = lr / sqrtf(*G);
  for (int a = a0; a < a1; a++) {
    const float pa = p[a];
    gi[a] += e * pa - reg * q[a];
    p[a] += l * (e * q[a] - reg * pa);
  }
  *G += gs / (float)(a1 - a0);
}

/* mf with adagrad, an item row q after a step: dimensions [a0, a1) move by
 * the step's summed negative gradient gi at the rate lr / sqrt(*G), which
 * then adds the gradient's mean square. */
static inline void adagrad_item_dims(float *restrict q, const float *restrict gi, float *G,
                                     float lr, int a0, int a1) {
  const float l = lr / sqrtf(*G);
  for (int a = a0; a < a1; a++) q[a] += l * gi[a];
  *G += dot8(gi + a0, gi + a0, a1 - a0) / (float)(a1 - a0);
}

/* Adam step of the k parameters p with the gradient c g (c = 1: g itself,
 * exactly; the click model's rows: their summed dL/dz times their half of the
 * linear layer). */
static inline void adam_row(float *restrict p, float c, const float *restrict g,
                            float *restrict m, float *restrict v, int k, float lr, float bc1,
                            float bc2) {
  const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
  const float step = lr / bc1, ib2 = 1.0f / bc2;
  for (int a = 0; a < k; a++) {
    const float ga = c * g[a];
    m[a] = b1 * m[a] + (1.0f - b1) * ga;
    v[a] = b2 * v[a] + (1.0f - b2) * ga * ga;
    p[a] -= step * m[a] / (sqrtf(v[a] * ib2) + eps);
  }
}

/* Buffers of the sparse exchange of item gradient rows. */
typedef struct {
  float *send, *recv;
  int *counts, *displs;
  int64_t send_cap, recv_cap;
} exchange;

/* Gather every rank's touched rows of gbuf (row floats each: the row - 1
 * gradient floats, and the index in place of the count) and
 * rebuild gbuf as their sum in rank order; *nti and touched become the union.
 * The linear layer's nlin gradients are summed by allreduce. Collective. */
static eco_status exchange_rows(MPI_Comm comm, int64_t row, float *gbuf,
                                int32_t *touched, int64_t *nti, float *glin, int64_t nlin,
                                exchange *x) {
  int size;
  MPI_Comm_size(comm, &size);
  const int64_t n = *nti;
  /* buffers first, agreed before the gathers: one rank short of memory
   * must not leave the others waiting in MPI_Allgather */
  eco_status st = ECO_OK;
  if (!x->counts) {
    st = eco_malloc(sizeof(int) * (size_t)size, &x->counts);
    if (st == ECO_OK) st = eco_malloc(sizeof(int) * (size_t)size, &x->displs);
  }
  if (st == ECO_OK && n * row + nlin > x->send_cap) {
    const int64_t cap = (n * row + nlin) * 2 + 64;
    st = eco_realloc(sizeof(float) * (size_t)cap, &x->send);
    if (st == ECO_OK) x->send_cap = cap;
  }
  ECO_CALL(eco_agree(comm, st));
  const int64_t gd = row - 1;
  for (int64_t t = 0; t < n; t++) {
    float *g = gbuf + (int64_t)touched[t] * row;
    float *o = x->send + nlin + t * row;
    /* the gradient floats; the count slot carries the index */
    memcpy(o, g, sizeof(float) * (size_t)gd);
    const int32_t idx = touched[t];
    memcpy(&o[gd], &idx, sizeof idx);
    memset(g, 0, sizeof(float) * (size_t)row);
  }
  /* the linear layer's gradient leads each rank's block */
  memcpy(x->send, glin, sizeof(float) * (size_t)nlin);
  memset(glin, 0, sizeof(float) * (size_t)nlin);
  int mine = (int)(n * row + nlin);
  ECO_CALL_MPI(MPI_Allgather(&mine, 1, MPI_INT, x->counts, 1, MPI_INT, comm));
  int64_t tot = 0;
  for (int r = 0; r < size; r++) {
    x->displs[r] = (int)tot;
    tot += x->counts[r];
  }
  ECO_CHECK(tot < INT32_MAX, ECO_ERR_INTERNAL, "gradient exchange larger than 2^31 floats");
  if (tot > x->recv_cap) {
    st = eco_realloc(sizeof(float) * (size_t)(tot * 2 + 64), &x->recv);
    if (st == ECO_OK) x->recv_cap = tot * 2 + 64;
  }
  ECO_CALL(eco_agree(comm, st));
  ECO_CALL_MPI(MPI_Allgatherv(x->send, mine, MPI_FLOAT, x->recv, x->counts, x->displs,
                              MPI_FLOAT, comm));
  int64_t m = 0;
  for (int r = 0; r < size; r++) {
    const float *blk = x->recv + x->displs[r];
    for (int64_t a = 0; a < nlin; a++) glin[a] += blk[a];
    const int64_t rows = (x->counts[r] - nlin) / row;
    for (int64_t e = 0; e < rows; e++) {
      const float *in = blk + nlin + e * row;
      int32_t idx;
      memcpy(&idx, &in[gd], sizeof idx);
      float *g = gbuf + (int64_t)idx * row;
      if (g[gd] == 0.0f) touched[m++] = idx;
      for (int64_t a = 0; a < gd; a++) g[a] += in[a];
      g[gd] += 1.0f;
    }
  }
  *nti = m;
  return ECO_OK;
}

/* Item parameters of the rows this rank updates: every item (replicated) or
 * its owned block (sharded). Row r is item i0 + r. */
typedef struct {
  int64_t i0, n;
  float *Y;       /* n x k factors */
  float *b;       /* n biases (mf) */
  float *m, *v;   /* n x k Adam moments */
  float *bm, *bv; /* n Adam moments of the biases (mf with adam) */
  float *G, *Gb;  /* accumulated squared gradients (mf with adagrad): 2 per row (its
                   * leading dimensions, the rest) and 1 per bias */
  int ks, kk;     /* adagrad: leading dimensions; dimensions trained this epoch */
  float *g;       /* n x row gradients (k, bias, count) of the current step */
} item_state;

/* item_params = auto shards the item parameters of mf, mlp and bpr at
 * several ranks from this many item floats on (256 KiB; ALS keeps
 * REC_ITEMS_SHARD_MIN_FLOATS). Measured on 20k x 32 items, mlp, batch 16384,
 * 2 ranks: 20.8 training CPU-seconds an epoch sharded against 34.3
 * replicated, where every rank applies every touched row's update and sums
 * every rank's rows; tiny catalogues stay replicated. */
#define REC_SGD_SHARD_MIN_FLOATS (INT64_C(1) << 16)

/* mf with adagrad on raw ratings (center = no): the leading dimensions of
 * every factor row have their own accumulator, the other k - REC_ADAGRAD_LEAD
 * theirs, and the first epoch trains the leading dimensions (and the biases)
 * only. The first epoch, facing the whole rating (errors of ~3.5 on a 1-5
 * scale), fits a model of rank 8 and raises those dimensions' accumulators,
 * so their rates are already small when the other dimensions join, with
 * fresh rates, to fit what is left. Measured on four dense generated sets
 * (k = 32, 20 epochs, docs/recommend.md): test RMSE 1.4-5.6 % below centred
 * adagrad's and 1.4-8 % below LIBMF's, which trains its factors the same
 * way; 3.6 % above centred adagrad's on a sparse set (~23 ratings per user),
 * hence an option. */
#define REC_ADAGRAD_LEAD 8

/* How many samples ahead the training loop prefetches rows. */
#define REC_PREFETCH 6

/* Update helpers are inlined into rec_sgd_train, so that they are compiled
 * for each of its targets (AVX2 / baseline). */
#if defined(__GNUC__)
#define REC_INLINE static inline __attribute__((always_inline))
#else
#define REC_INLINE static inline
#endif

/* Buffers of the sharded exchange. Steps are pipelined with two collectives
 * per step (see shard_post and shard_rows); the item lists of three steps
 * (previous, current, next: generation step % 3) are kept. Every buffer has
 * its largest size from the start (bounded by ranks x batch x k), so the
 * exchange cannot fail on one rank only. */
typedef struct {
  int32_t *slot;      /* nitems: slot of an item in the current step, -1 if none */
  int32_t *sit[3];    /* items (then slots) of each virtual sample of a step */
  int32_t *need[3];   /* distinct items of a step, ascending (= grouped by owner) */
  int64_t nneed[3];
  int64_t cap;        /* most distinct items of a step */
  int *sc[3], *rc[3]; /* items this rank requests from / is requested by each rank */
  int32_t *req[3];    /* items requested from this rank, in rank order */
  int *cnt;           /* scratch: received counts of the next step */
  float *Yf, *bf;     /* fetched rows (cap x k) and biases (cap) of the current step */
  float *gw;          /* cap x row gradients of the fetched rows, then nlin */
  float *glin;        /* linear-layer gradient summed over ranks (nlin) */
  int *scf, *rcf, *sdf, *rdf; /* floats to / from each rank */
  float *sbuf, *rbuf;
  int32_t *touched;   /* owned rows that received gradients */
  int64_t nto;
  uint64_t *bits;     /* nitems bits, all clear between steps */
} shard_buf;

static int cmp_i32(const void *a, const void *b) {
  const int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

/* Philox blocks computed together for the negative draws of several users
 * (draw_negatives), and the words a user draws from at a time past them. */
#define REC_DRAW_BLOCKS 2048
#define REC_DRAW_WORDS REC_DRAW_SLACK

/* Scratch of draw_negatives: REC_DRAW_BLOCKS entities, block numbers and
 * blocks of words. */
typedef struct {
  uint64_t *ent, *blk;
  uint32_t *w;
} draw_buf;

static eco_status draw_buf_alloc(draw_buf *db) {
  ECO_CALL(eco_malloc(sizeof(uint64_t) * REC_DRAW_BLOCKS, &db->ent));
  ECO_CALL(eco_malloc(sizeof(uint64_t) * REC_DRAW_BLOCKS, &db->blk));
  return eco_malloc(sizeof(uint32_t) * 4 * REC_DRAW_BLOCKS, &db->w);
}

static void draw_buf_free(draw_buf *db) {
  free(db->ent);
  free(db->blk);
  free(db->w);
}

/* The draws of local user lu from the words w[0, nw) of its stream, then
 * from the stream itself (r, at block nw / 4) until need are taken, into
 * out: each word mapped to [0, n) by Lemire's multiply-shift with rejection
 * (exactly uniform); an item the user has seen (train, validation or test)
 * is skipped. A user who has seen more than 7/8 of the items keeps the
 * 32nd seen draw in a row (one who has seen almost everything would draw for
 * long). With a seen bitmap the common case has no branch per draw (a draw
 * is written, and counted when unseen: the branch on a seen item
 * mispredicted). out needs REC_DRAW_WORDS entries of slack. */
REC_INLINE void user_draws(const rec_data *d, int64_t lu, const uint32_t *w, int64_t nw,
                           eco_rng *r, int64_t need, int32_t *out) {
  const uint32_t n = (uint32_t)d->nitems, lim = (0u - n) % n;
  const uint64_t *bits = d->seen_bits;
  const int64_t base = lu * d->nitems;
  const int32_t *seen = d->seen_item + d->seen_ptr[lu];
  const int64_t ns = d->seen_ptr[lu + 1] - d->seen_ptr[lu];
  const int light = 8 * ns <= 7 * (int64_t)n; /* at most 8 words a draw, on average */
  uint32_t more[REC_DRAW_WORDS];
  int64_t c = 0;
  unsigned run = 0; /* seen draws in a row */
  for (int first = 1; c < need; first = 0) {
    if (!first) { /* past the batched blocks: a few more words than still needed */
      nw = need - c + (need - c) / 8 + 4;
      nw = nw < REC_DRAW_WORDS ? (nw + 3) & ~(int64_t)3 : REC_DRAW_WORDS;
      eco_rng_fill(r, more, nw);
      w = more;
    }
    if (bits && light) {
      /* in chunks of REC_DRAW_WORDS: at most that many past need are written */
      for (int64_t e0 = 0; e0 < nw && c < need; e0 += REC_DRAW_WORDS) {
        const int64_t e1 = nw - e0 < REC_DRAW_WORDS ? nw : e0 + REC_DRAW_WORDS;
        for (int64_t e = e0; e < e1; e++) {
          const uint64_t x = (uint64_t)w[e] * n;
          const int64_t j = (int64_t)(x >> 32), b = base + j;
          out[c] = (int32_t)j;
          c += (int64_t)((~bits[b >> 6] >> (b & 63)) & ((uint32_t)x >= lim));
        }
      }
      continue;
    }
    for (int64_t e = 0; e < nw && c < need; e++) {
      const uint64_t x = (uint64_t)w[e] * n;
      if ((uint32_t)x < lim) continue; /* rejected (rare): not a draw */
      const int32_t j = (int32_t)(x >> 32);
      const int64_t b = base + j;
      const int hit = bits ? (int)((bits[b >> 6] >> (b & 63)) & 1) : in_sorted(seen, ns, j);
      const int take = !hit || (!light && run == 31);
      run = take ? 0 : run + 1;
      out[c] = j;
      c += take;
    }
  }
}

/* Philox blocks batched for local user lu: about 9/8 of the words its
 * negatives need. */
static inline int64_t draw_blocks(const rec_data *d, int64_t lu, int nneg) {
  const int64_t need = (d->tr_ptr[lu + 1] - d->tr_ptr[lu]) * nneg;
  const int64_t m = need > 0 ? (need + need / 8 + 7) / 4 : 0;
  return m < REC_DRAW_BLOCKS ? m : REC_DRAW_BLOCKS;
}

/* The epoch's negatives of every local positive, nneg each, into neg (the
 * positive of training index j: neg[j nneg .. (j + 1) nneg)). Each user
 * draws all of its negatives from its own stream (key, ECO_RNG_RECOMMEND,
 * 2^63 + global user), in the order of its training items (user_draws), so
 * any rank count gives the same negatives. The first blocks of the streams
 * of consecutive users (about 9/8 of what each needs, up to
 * REC_DRAW_BLOCKS in all) are computed together (eco_rng_blocks); a user
 * who needs more continues its stream. neg needs REC_DRAW_WORDS
 * entries of slack. */
ECO_CLONES
static void draw_negatives(const rec_data *d, uint64_t key, int nneg, int32_t *neg,
                           draw_buf *db) {
  const int64_t nul = d->nuser_local;
  for (int64_t u0 = 0, u1; u0 < nul; u0 = u1) {
    int64_t nb = 0;
    for (u1 = u0; u1 < nul; u1++) {
      const int64_t m = draw_blocks(d, u1, nneg);
      if (nb + m > REC_DRAW_BLOCKS) break;
      for (int64_t b = 0; b < m; b++) {
        db->ent[nb + b] = (1ULL << 63) | (uint64_t)(d->user0 + u1);
        db->blk[nb + b] = (uint64_t)b;
      }
      nb += m;
    }
    eco_rng_blocks(key, ECO_RNG_RECOMMEND, db->ent, db->blk, nb, db->w);
    for (int64_t lu = u0, off = 0; lu < u1; lu++) {
      const int64_t need = (d->tr_ptr[lu + 1] - d->tr_ptr[lu]) * nneg;
      if (need == 0) continue;
      const int64_t m = draw_blocks(d, lu, nneg);
      eco_rng r;
      eco_rng_init(&r, key, ECO_RNG_RECOMMEND, (1ULL << 63) | (uint64_t)(d->user0 + lu));
      eco_rng_seek(&r, (uint64_t)m);
      user_draws(d, lu, db->w + 4 * off, 4 * m, &r, need, neg + d->tr_ptr[lu] * nneg);
      off += m;
    }
  }
}

eco_status rec_draw_negatives(const rec_data *d, uint64_t key, int nneg, int32_t *neg) {
  draw_buf db = {NULL, NULL, NULL};
  const eco_status st = draw_buf_alloc(&db);
  if (st == ECO_OK) draw_negatives(d, key, nneg, neg, &db);
  draw_buf_free(&db);
  return st;
}

/* Samples [q0, q1) of positive x's group into o: mlp, the positive (q = 0)
 * then its negatives g; bpr, pairs (positive, g[q]). */
static inline void group_items(const sample *x, const int32_t *g, int is_bpr, int q0, int q1,
                               int32_t *o) {
  for (int q = q0; q < q1; q++, o += 1 + is_bpr) {
    if (is_bpr) {
      o[0] = x->item;
      o[1] = g[q];
    } else {
      o[0] = q > 0 ? g[q - 1] : x->item;
    }
  }
}

/* The items of the virtual samples [s0, s1) in sample order (per samples a
 * positive; is_bpr: two items a sample), the negatives from draw_negatives:
 * a group cut by s0, the whole groups (mlp: the positive, then its
 * negatives as one block), a group cut by s1; mf (per = 1, no negatives):
 * the ratings' items. */
static void step_items(const sample *S, int per, int is_bpr, const int32_t *neg, int64_t s0,
                       int64_t s1, int32_t *out) {
  const int nneg = is_bpr ? per : per - 1, ips = 1 + is_bpr;
  if (s1 <= s0) return; /* a rank with fewer samples than the others' steps */
  if (nneg == 0) { /* mf: the ratings' items */
    for (int64_t t = s0; t < s1; t++) out[t - s0] = S[t].item;
    return;
  }
  int64_t pos = s0 / per, s = s0;
  const int q = (int)(s0 % per);
  if (q > 0) {
    const int q1 = s1 - s0 < per - q ? q + (int)(s1 - s0) : per;
    group_items(S + pos, neg + (int64_t)S[pos].j * nneg, is_bpr, q, q1, out);
    s += q1 - q;
    pos++;
  }
  for (; s + per <= s1; s += per, pos++) {
    /* the negatives of a later positive (random rows of the epoch's array) */
    if (s + 16 * per < s1) __builtin_prefetch(neg + (int64_t)S[pos + 16].j * nneg, 0, 3);
    const int32_t *g = neg + (int64_t)S[pos].j * nneg;
    int32_t *o = out + (s - s0) * ips;
    if (is_bpr) {
      group_items(S + pos, g, 1, 0, per, o);
    } else {
      o[0] = S[pos].item;
      if (nneg == 4) /* the default: a fixed-size copy, inlined */
        memcpy(o + 1, g, sizeof(int32_t) * 4);
      else
        memcpy(o + 1, g, sizeof(int32_t) * (size_t)nneg);
    }
  }
  if (s < s1)
    group_items(S + pos, neg + (int64_t)S[pos].j * nneg, is_bpr, 0, (int)(s1 - s),
                out + (s - s0) * ips);
}

/* Generation g: the distinct items of sit[g] (nit entries), ascending, and
 * how many belong to each owner. */
static void shard_prepare(int size, int64_t ni, shard_buf *sh, int g, int64_t nit) {
  int32_t *nd = sh->need[g];
  const int32_t *it = sh->sit[g];
  int64_t m = 0;
  if ((ni >> 6) <= 4 * nit) {
    /* a bitmap of the catalogue: set, then read out in ascending order
     * (O(nit + ni / 64), the step's sort was a sixth of its CPU) */
    uint64_t *b = sh->bits;
    for (int64_t t = 0; t < nit; t++) b[it[t] >> 6] |= 1ULL << (it[t] & 63);
    for (int64_t w = 0; w <= (ni - 1) >> 6; w++)
      for (uint64_t x = b[w]; x; x &= x - 1) nd[m++] = (int32_t)((w << 6) + __builtin_ctzll(x));
    for (int64_t t = 0; t < nit; t++) b[it[t] >> 6] = 0;
  } else {
    memcpy(nd, it, sizeof(int32_t) * (size_t)nit);
    qsort(nd, (size_t)nit, sizeof(int32_t), cmp_i32);
    for (int64_t t = 0; t < nit; t++)
      if (m == 0 || nd[t] != nd[m - 1]) nd[m++] = nd[t];
  }
  sh->nneed[g] = m;
  for (int r = 0; r < size; r++) sh->sc[g][r] = 0;
  for (int64_t t = 0; t < m; t++) sh->sc[g][rec_block_owner(ni, size, nd[t])]++;
}

/* First collective of step s (generation c = s % 3, previous p, next x):
 * one MPI_Alltoallv that carries to each owner
 *   - the gradients of step s - 1 of its items (grads: the same items in the
 *     same order as that step's requests, so no indices travel), then this
 *     rank's linear-layer gradient;
 *   - the items this rank requests for step s (req);
 *   - how many it will request for step s + 1 (so that no separate count
 *     exchange is needed).
 * Owners add the gradients up in rank order into it->g (the order of the
 * replicated exchange: both modes give the same bits) and list the touched
 * owned rows; every rank sums the linear gradients in rank order. */
static eco_status shard_post(MPI_Comm comm, int size, int64_t row, int64_t nlin,
                             item_state *it, shard_buf *sh, int c, int grads, int req,
                             int next) {
  const int p = (c + 2) % 3, x = (c + 1) % 3;
  const int64_t kw = row - 1, nl = grads ? nlin : 0; /* gradient floats per row */
  int64_t so = 0, ro = 0;
  for (int r = 0; r < size; r++) {
    sh->scf[r] = (int)((grads ? sh->sc[p][r] * kw : 0) + nl + (req ? sh->sc[c][r] : 0) + 1);
    sh->rcf[r] = (int)((grads ? sh->rc[p][r] * kw : 0) + nl + (req ? sh->rc[c][r] : 0) + 1);
    sh->sdf[r] = (int)so;
    sh->rdf[r] = (int)ro;
    so += sh->scf[r];
    ro += sh->rcf[r];
  }
  const float *glin = sh->gw + sh->cap * row;
  int64_t t = 0, q = 0;
  for (int r = 0; r < size; r++) {
    float *o = sh->sbuf + sh->sdf[r];
    if (grads) {
      for (int64_t e = 0; e < sh->sc[p][r]; e++, t++, o += kw) {
        float *g = sh->gw + t * row;
        memcpy(o, g, sizeof(float) * (size_t)kw);
        memset(g, 0, sizeof(float) * (size_t)row);
      }
      memcpy(o, glin, sizeof(float) * (size_t)nl);
      o += nl;
    }
    if (req) {
      memcpy(o, sh->need[c] + q, sizeof(int32_t) * (size_t)sh->sc[c][r]);
      o += sh->sc[c][r];
      q += sh->sc[c][r];
    }
    const int32_t nx = next ? sh->sc[x][r] : 0;
    memcpy(o, &nx, sizeof nx);
  }
  ECO_CALL_MPI(MPI_Alltoallv(sh->sbuf, sh->scf, sh->sdf, MPI_FLOAT, sh->rbuf, sh->rcf, sh->rdf,
                             MPI_FLOAT, comm));
  memset(sh->gw + sh->cap * row, 0, sizeof(float) * (size_t)nl);
  memset(sh->glin, 0, sizeof(float) * (size_t)nlin);
  sh->nto = 0;
  int64_t jp = 0, jc = 0;
  for (int r = 0; r < size; r++) {
    const float *in = sh->rbuf + sh->rdf[r];
    if (grads) {
      for (int64_t e = 0; e < sh->rc[p][r]; e++, jp++, in += kw) {
        const int64_t rr = sh->req[p][jp] - it->i0;
        float *g = it->g + rr * row;
        if (g[kw] == 0.0f) sh->touched[sh->nto++] = (int32_t)rr;
        for (int64_t a = 0; a < kw; a++) g[a] += in[a];
        g[kw] += 1.0f;
      }
      for (int64_t a = 0; a < nl; a++) sh->glin[a] += in[a];
      in += nl;
    }
    if (req) {
      memcpy(sh->req[c] + jc, in, sizeof(int32_t) * (size_t)sh->rc[c][r]);
      jc += sh->rc[c][r];
      in += sh->rc[c][r];
    }
    int32_t nx;
    memcpy(&nx, in, sizeof nx);
    sh->cnt[r] = nx;
  }
  for (int r = 0; r < size; r++) sh->rc[x][r] = sh->cnt[r];
  return ECO_OK;
}

/* Second collective of step s: owners answer the requests of step s with
 * their current rows (k factors and the bias), MPI_Alltoallv; the rows land
 * in slot order (= the order of need[c]). */
static eco_status shard_rows(MPI_Comm comm, int size, int k, const item_state *it,
                             shard_buf *sh, int c) {
  const int64_t kw = k + 1;
  int64_t so = 0, ro = 0;
  for (int r = 0; r < size; r++) {
    sh->scf[r] = (int)(sh->rc[c][r] * kw);
    sh->rcf[r] = (int)(sh->sc[c][r] * kw);
    sh->sdf[r] = (int)so;
    sh->rdf[r] = (int)ro;
    so += sh->scf[r];
    ro += sh->rcf[r];
  }
  for (int64_t j = 0; j < so / kw; j++) {
    const int64_t r = sh->req[c][j] - it->i0;
    memcpy(sh->sbuf + j * kw, it->Y + r * k, sizeof(float) * (size_t)k);
    sh->sbuf[j * kw + k] = it->b ? it->b[r] : 0.0f;
  }
  ECO_CALL_MPI(MPI_Alltoallv(sh->sbuf, sh->scf, sh->sdf, MPI_FLOAT, sh->rbuf, sh->rcf, sh->rdf,
                             MPI_FLOAT, comm));
  for (int64_t t = 0; t < sh->nneed[c]; t++) {
    memcpy(sh->Yf + t * k, sh->rbuf + t * kw, sizeof(float) * (size_t)k);
    sh->bf[t] = sh->rbuf[t * kw + k];
  }
  return ECO_OK;
}

/* The sums of one step of the click model. */
typedef struct {
  double loss, bce_prod;
  int64_t bce_exp, ntu, nti;
} mlp_sums;

/* The end of the group that starts at sample t of a step of n samples whose
 * first group has q0 samples in an earlier step (groups of per samples; the
 * first and last may be cut by the step's ends). */
static inline int64_t group_end(int64_t t, int per, int q0, int64_t n) {
  const int64_t e = t + per - (t == 0 ? q0 : 0);
  return e < n ? e : n;
}

/* One step of the click model on the virtual samples [s0, s1), in passes
 * over the step: the logits, then the sigmoids and the loss (a vectorized
 * loop), then the sums of dL/dz, then the linear layer's gradient per
 * touched row; the logit and dL/dz passes loop over the groups (a positive
 * and its negatives: one user), every sum in sample order. A group computes
 * its user's half of the logit once (w and the user rows change only
 * between steps) and sums its dL/dz once into the user's and the bias's
 * sums.
 * The gradient of a row is dL/dz summed over the row's samples times its half
 * of the linear layer (w[0, k) for users, w[k, 2k) for items): the step sums
 * one float per touched row (gu[user]; gw[slot * row], row = 2: the sum and
 * the count) instead of k, sends that float to the row's owner, and the
 * update multiplies (adam_row's c). The linear layer's gradient,
 * sum over samples of dL/dz times the sample's user and item rows, is summed
 * per touched row from the same floats.
 * The item half of a logit, w[k, 2k) . Y[item], is the same for all of a
 * step's samples of the item: when the rows a step can address (nrows: the
 * item table, or the step's fetched rows) are no more than its samples, it is
 * computed once per row, in row order, into zi (the same bits as per sample).
 * The touched item rows (touched_i) are listed in first-touch order, or,
 * with scan (the whole item table is no more than the step's samples: then
 * so are the rows addressed), by one pass over the rows after the samples,
 * in row order: no test per sample. Row order is ascending item order both
 * replicated and sharded (the fetched rows are in item order), so both sum
 * the linear layer's gradient in the same order.
 * Yw / gw: item rows and gradient rows indexed by sit; lab: the labels of
 * the samples (1 for a group's positive, else 0); scr: 3 (s1 - s0) floats of
 * scratch; zi: nrows floats of scratch. */
REC_INLINE void mlp_step(const sample *S, int per, int64_t s0, int64_t s1, const int32_t *sit,
                         rec_model *m, const float *Yw, int64_t nrows, float *gw, int64_t row,
                         float *gu, float *glin, int k, float inv_b, const float *lab,
                         float *scr, float *zi, int scan, unsigned char *umark,
                         int32_t *touched_u, int32_t *touched_i, mlp_sums *a) {
  const float *w = m->w;
  const int64_t n = s1 - s0, pos0 = s0 / per;
  const int q0 = (int)(s0 % per);
  const int cached = nrows <= n;
  float *zg = scr, *gz = scr + n, *pl = scr + 2 * n; /* logits, dL/dz, label probabilities */
  /* 1. logits */
  if (cached)
    for (int64_t r = 0; r < nrows; r++) zi[r] = dot8(w + k, Yw + r * k, k);
  for (int64_t t = 0, pos = pos0; t < n; pos++) {
    const int64_t te = group_end(t, per, q0, n);
    /* the random rows of the next group's user and of later samples (their
     * loads stalled the loop) */
    if (te < n) prefetch_row(m->X + (int64_t)S[pos + 1].lu * k, k);
    const float z_u = m->wb + dot8(w, m->X + (int64_t)S[pos].lu * k, k);
    if (cached) {
      for (; t < te; t++) zg[t] = z_u + zi[sit[t]];
    } else {
      for (; t < te; t++) {
        if (t + REC_PREFETCH < n) prefetch_row(Yw + (int64_t)sit[t + REC_PREFETCH] * k, k);
        zg[t] = z_u + dot8(w + k, Yw + (int64_t)sit[t] * k, k);
      }
    }
  }
  /* 2. p = sigmoid(z) and 1 - p without cancellation, dL/dz of the batch
   * mean into gz, and the probability of the sample's label into pl (one
   * vectorized loop: rec_exp_neg); lab: the samples' labels */
  int rare = 0;
  for (int64_t t = 0; t < n; t++) {
    const float z = zg[t], y = lab[t];
    const float ez = rec_exp_neg(-fabsf(z)), inv = 1.0f / (1.0f + ez), small = ez * inv;
    const float pr = z >= 0.0f ? inv : small;
    const float p = (y > 0.5f) == (z >= 0.0f) ? inv : small;
    pl[t] = p;
    rare |= !(p >= 1e-30f);
    gz[t] = (pr - y) * inv_b;
  }
  if (rare) /* a confident mistake: its loss |z| + log(1 + e^-|z|) directly */
    for (int64_t t = 0; t < n; t++)
      if (!(pl[t] >= 1e-30f)) {
        const double z = fabs((double)zg[t]);
        a->loss += z + log1p(exp(-z));
        pl[t] = 1.0f;
      }
  /* the BCE sum is -log of the product of the label probabilities: products
   * in 8 lanes (vectorized), their binary exponents moved out every 64
   * samples and at the end of the step (no log per sample) */
  double pp[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  int64_t t = 0;
  for (; t + 8 <= n; t += 8) {
    for (int l = 0; l < 8; l++) pp[l] *= (double)pl[t + l];
    if ((t & 63) == 56)
      for (int l = 0; l < 8; l++) bce_renorm(&pp[l], &a->bce_exp);
  }
  for (int l = 0; t < n; t++, l++) pp[l] *= (double)pl[t];
  for (int l = 0; l < 8; l++) {
    bce_renorm(&pp[l], &a->bce_exp);
    a->bce_prod *= pp[l];
    bce_renorm(&a->bce_prod, &a->bce_exp);
  }
  /* 3. dL/dz summed per item row and per group's user */
  float g_all = 0.0f;
  for (int64_t t = 0, pos = pos0; t < n; pos++) {
    const int64_t te = group_end(t, per, q0, n);
    const int32_t lu = S[pos].lu;
    if (!umark[lu]) {
      umark[lu] = 1;
      touched_u[a->ntu++] = lu;
    }
    float g_grp = 0.0f;
    for (; t < te; t++) {
      const int64_t li = sit[t];
      const float g = gz[t];
      float *gi = gw + li * row;
      g_grp += g;
      /* a row's first touch appends it (no branch: first touches are
       * random), unless the rows are listed after the pass */
      if (!scan) {
        touched_i[a->nti] = (int32_t)li;
        a->nti += gi[1] == 0.0f;
      }
      gi[0] += g;
      gi[1] += 1.0f;
    }
    gu[lu] += g_grp;
    g_all += g_grp;
  }
  if (scan) /* the touched rows in row order */
    for (int64_t r = 0; r < nrows; r++) {
      touched_i[a->nti] = (int32_t)r;
      a->nti += gw[r * row + 1] != 0.0f;
    }
  /* 4. the linear layer: each touched user's and item's row times its sum */
  rows_axpy(glin, gu, 1, m->X, touched_u, a->ntu, k);
  rows_axpy(glin + k, gw, row, Yw, touched_i, a->nti, k);
  glin[2 * k] += g_all;
}

/* Apply the summed gradients of the touched rows r (row i0 + r of it):
 * SGD (mf: q += lr g, the buffer holds the negative gradient) or lazy Adam
 * with the step's bias corrections; the gradient rows are cleared. wi: the
 * item half of the click model's linear layer (the gradient of row r is
 * g[r * row] wi), else NULL. */
REC_INLINE void apply_items(item_state *it, const int32_t *touched, int64_t nt, int k,
                               int64_t row, int adam, int is_mf, const float *wi, float lr,
                               float bc1, float bc2) {
  for (int64_t t = 0; t < nt; t++) {
    const int64_t r = touched[t];
    float *gi = it->g + r * row;
    if (t + 4 < nt) {
      const int64_t rf = touched[t + 4];
      prefetch_row(it->Y + rf * k, k);
      prefetch_row(it->g + rf * row, row);
      if (adam) {
        prefetch_row(it->m + rf * k, k);
        prefetch_row(it->v + rf * k, k);
      }
    }
    if (!adam && it->G) {
      /* adagrad: the rates of the row's two parts from the squared gradients
       * before this step (in the first epoch the other dimensions' gradients
       * are 0) */
      float *q = it->Y + r * k, *G = it->G + 2 * r;
      const float lb = lr / sqrtf(it->Gb[r]);
      if (it->ks == k) {
        adagrad_item_dims(q, gi, G, lr, 0, k);
      } else {
        adagrad_item_dims(q, gi, G, lr, 0, REC_ADAGRAD_LEAD);
        if (it->kk > REC_ADAGRAD_LEAD) adagrad_item_dims(q, gi, G + 1, lr, REC_ADAGRAD_LEAD, k);
      }
      it->b[r] += lb * gi[k];
      it->Gb[r] += gi[k] * gi[k];
    } else if (!adam) {
      float *q = it->Y + r * k;
      for (int a = 0; a < k; a++) q[a] += lr * gi[a];
      it->b[r] += lr * gi[k];
    } else {
      if (wi)
        adam_row(it->Y + r * k, gi[0], wi, it->m + r * k, it->v + r * k, k, lr, bc1, bc2);
      else
        adam_row(it->Y + r * k, 1.0f, gi, it->m + r * k, it->v + r * k, k, lr, bc1, bc2);
      if (is_mf) adam_row(&it->b[r], 1.0f, &gi[k], &it->bm[r], &it->bv[r], 1, lr, bc1, bc2);
    }
    if (row == 2) /* the click model's rows: no call per row */
      gi[0] = gi[1] = 0.0f;
    else
      memset(gi, 0, sizeof(float) * (size_t)row);
  }
}

/* Adam step of the linear layer (2k weights and the bias). */
REC_INLINE void apply_linear(rec_model *m, float *glin, float *wm, float *wv, int k,
                                int64_t nlin, float lr, float bc1, float bc2) {
  adam_row(m->w, 1.0f, glin, wm, wv, 2 * k, lr, bc1, bc2);
  adam_row(&m->wb, 1.0f, glin + 2 * k, wm + 2 * k, wv + 2 * k, 1, lr, bc1, bc2);
  memset(glin, 0, sizeof(float) * (size_t)nlin);
}

/* mf: users and items without a training rating (cold rows: no gradient
 * ever reaches them) take the mean factor row and bias of the others, so
 * their predictions are the mean prediction of the known users (items); the
 * ratings are not centred, so a cold row left at its initial values would
 * predict about 0. iwarm flags the rows of it (1: trained). Collective: one
 * allreduce of 2 (k + 2) doubles. */
static eco_status fill_cold_rows(MPI_Comm comm, const rec_data *d, rec_model *m,
                                 item_state *it, int k, int sharded, int rank,
                                 const unsigned char *iwarm) {
  const int64_t nul = d->nuser_local;
  const int n2 = 2 * (k + 2);
  double sum[2 * (REC_MAX_FACTORS + 2)], g[2 * (REC_MAX_FACTORS + 2)];
  memset(sum, 0, sizeof(double) * (size_t)n2);
  double *su = sum, *si = sum + k + 2;
  for (int64_t lu = 0; lu < nul; lu++) {
    if (d->tr_ptr[lu + 1] == d->tr_ptr[lu]) continue;
    const float *x = m->X + lu * k;
    for (int a = 0; a < k; a++) su[a] += x[a];
    su[k] += m->ubias[lu];
    su[k + 1] += 1.0;
  }
  /* the item rows: each owned block once (sharded), rank 0's copy (replicated) */
  if (sharded || rank == 0)
    for (int64_t r = 0; r < it->n; r++) {
      if (!iwarm[r]) continue;
      const float *y = it->Y + r * k;
      for (int a = 0; a < k; a++) si[a] += y[a];
      si[k] += it->b[r];
      si[k + 1] += 1.0;
    }
  ECO_CALL_MPI(MPI_Allreduce(sum, g, n2, MPI_DOUBLE, MPI_SUM, comm));
  const double *gu = g, *gi = g + k + 2;
  for (int64_t lu = 0; lu < nul; lu++) {
    if (d->tr_ptr[lu + 1] != d->tr_ptr[lu]) continue;
    for (int a = 0; a < k; a++) m->X[lu * k + a] = (float)(gu[a] / gu[k + 1]);
    m->ubias[lu] = (float)(gu[k] / gu[k + 1]);
  }
  for (int64_t r = 0; r < it->n; r++) {
    if (iwarm[r]) continue;
    for (int a = 0; a < k; a++) it->Y[r * k + a] = (float)(gi[a] / gi[k + 1]);
    it->b[r] = (float)(gi[k] / gi[k + 1]);
  }
  return ECO_OK;
}

/* The training state of the mini-batch models. */
typedef struct {
  rec_model *m;
  int64_t *adam_t;
  float *mu_m, *mu_v, *ub_m, *ub_v, *wm, *wv;
  float *ug, *ubg; /* adagrad accumulators of the user rows and biases */
  item_state *it;
  int sharded, adam;
} ckpt_buffers;

/* Write (write = 1) or read the state: owned user rows by their owner, item
 * rows by their owner (sharded) or by rank 0 and read by every rank
 * (replicated), the linear layer by rank 0 and read by every rank.
 * Collective. */
static eco_status ckpt_state(const eco_ctx *ctx, const rec_data *d, int k, int is_mf,
                             eco_h5 *f, ckpt_buffers *b, int write) {
  const int64_t ni = d->nitems, u0 = d->user0, nul = d->nuser_local;
  const int64_t rep = write ? (ctx->rank == 0 ? 1 : 0) : 1; /* replicated rows factor */
  rec_model *m = b->m;
  item_state *it = b->it;
  const int64_t ir0 = b->sharded ? it->i0 : 0, irn = b->sharded ? it->n : rep * ni;
  ECO_CALL(rec_ckpt_rows(f, "/user_factors", d->nusers, k, u0, nul, m->X, write));
  ECO_CALL(rec_ckpt_rows(f, "/item_factors", ni, k, ir0, irn, it->Y, write));
  if (is_mf) {
    ECO_CALL(rec_ckpt_rows(f, "/user_bias", d->nusers, 0, u0, nul, m->ubias, write));
    ECO_CALL(rec_ckpt_rows(f, "/item_bias", ni, 0, ir0, irn, it->b, write));
  }
  if (b->ug) {
    ECO_CALL(rec_ckpt_rows(f, "/adagrad/user", d->nusers, 2, u0, nul, b->ug, write));
    ECO_CALL(rec_ckpt_rows(f, "/adagrad/user_bias", d->nusers, 0, u0, nul, b->ubg, write));
    ECO_CALL(rec_ckpt_rows(f, "/adagrad/item", ni, 2, ir0, irn, it->G, write));
    ECO_CALL(rec_ckpt_rows(f, "/adagrad/item_bias", ni, 0, ir0, irn, it->Gb, write));
  }
  if (!b->adam) return ECO_OK;
  if (write)
    ECO_CALL(eco_h5_attr_set_int64(f, "/", "adam_steps", *b->adam_t));
  else
    ECO_CALL(eco_h5_attr_get_int64(f, "/", "adam_steps", b->adam_t));
  ECO_CALL(rec_ckpt_rows(f, "/adam/user_m", d->nusers, k, u0, nul, b->mu_m, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/user_v", d->nusers, k, u0, nul, b->mu_v, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/item_m", ni, k, ir0, irn, it->m, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/item_v", ni, k, ir0, irn, it->v, write));
  if (is_mf) {
    ECO_CALL(rec_ckpt_rows(f, "/adam/user_bias_m", d->nusers, 0, u0, nul, b->ub_m, write));
    ECO_CALL(rec_ckpt_rows(f, "/adam/user_bias_v", d->nusers, 0, u0, nul, b->ub_v, write));
    ECO_CALL(rec_ckpt_rows(f, "/adam/item_bias_m", ni, 0, ir0, irn, it->bm, write));
    ECO_CALL(rec_ckpt_rows(f, "/adam/item_bias_v", ni, 0, ir0, irn, it->bv, write));
  }
  if (!m->w) return ECO_OK;
  float lin[2 * 1024 + 1];
  if (write) {
    memcpy(lin, m->w, sizeof(float) * 2 * (size_t)k);
    lin[2 * k] = m->wb;
  }
  ECO_CALL(rec_ckpt_rows(f, "/linear", 2 * k + 1, 0, 0, rep * (2 * k + 1), lin, write));
  if (!write) {
    memcpy(m->w, lin, sizeof(float) * 2 * (size_t)k);
    m->wb = lin[2 * k];
  }
  ECO_CALL(rec_ckpt_rows(f, "/adam/linear_m", 2 * k + 2, 0, 0, rep * (2 * k + 2), b->wm, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/linear_v", 2 * k + 2, 0, 0, rep * (2 * k + 2), b->wv, write));
  return ECO_OK;
}

ECO_CLONES
eco_status rec_sgd_train(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                         rec_model *m) {
  MPI_Comm comm = ctx->comm;
  const int size = ctx->size;
  const int k = o->factors;
  const int is_mf = o->model == REC_MODEL_MF;
  const uint64_t seed = (uint64_t)ctx->run->seed;
  const int64_t nul = d->nuser_local, ni = d->nitems;
  const int64_t ntr = d->tr_ptr[nul];
  const int is_bpr = o->model == REC_MODEL_BPR;
  const int adam = !is_mf || o->optimizer == REC_OPT_ADAM;
  const int adagrad = is_mf && o->optimizer == REC_OPT_ADAGRAD;
  const int neg = is_mf ? 0 : o->negatives;
  /* virtual samples per positive: the positive and its negatives (mlp), the
   * (positive, negative) pairs (bpr), the rating (mf) */
  const int per = is_bpr ? neg : 1 + neg;
  const int ips = is_bpr ? 2 : 1; /* items per virtual sample */
  const float lr = (float)(o->lr > 0 ? o->lr : (adagrad ? 0.1 : is_mf ? 0.01 : 0.001));
  const float reg = (float)o->reg;
  /* the linear layer of the click model: 2k weights and the bias */
  const int64_t nlin = is_mf || is_bpr ? 0 : 2 * (int64_t)k + 1;
  /* item gradient buffer row: k gradients and 1 bias gradient (mf, bpr) or
   * the summed dL/dz (mlp, see mlp_step), then 1 count */
  const int64_t row = nlin ? 2 : k + 2;
  const int sharded = o->item_params == REC_ITEMS_SHARDED ||
                      (o->item_params == REC_ITEMS_AUTO && size > 1 &&
                       ni * k >= REC_SGD_SHARD_MIN_FLOATS);
  const int64_t bloc = (o->batch + size - 1) / size;
  eco_status st = ECO_OK;
  sample *S = NULL;
  float *gbuf = NULL, *gu = NULL, *gub = NULL, *mu_m = NULL, *mu_v = NULL;
  float *ub_m = NULL, *ub_v = NULL, *wm = NULL, *wv = NULL;
  float *ug = NULL, *ubg = NULL;
  int32_t *touched_u = NULL, *touched_i = NULL, *sit_buf = NULL;
  float *zg_buf = NULL, *zi_buf = NULL, *lab = NULL;
  exchange xch;
  memset(&xch, 0, sizeof xch);
  item_state it;
  memset(&it, 0, sizeof it);
  shard_buf sh;
  memset(&sh, 0, sizeof sh);
  int32_t *negs = NULL; /* the epoch's negatives (mlp, bpr), see draw_negatives */
  draw_buf db = {NULL, NULL, NULL};
  unsigned char *umark = NULL;
  unsigned char *iwarm = NULL; /* mf: 1 for every item with a training rating */
  eco_progress *prog = NULL;

  m->k = k;
  const int64_t nsamp = ntr * per;
  it.i0 = sharded ? d->item0 : 0;
  it.n = sharded ? d->nitem_local : ni;
  const int raw = is_mf && o->center == REC_CENTER_NO;
  /* the leading dimensions with their own accumulator: on raw ratings only
   * (with centred ratings the split changes nothing measurable, and the one
   * part is the faster loop) */
  it.ks = it.kk = raw && adagrad && k > REC_ADAGRAD_LEAD ? REC_ADAGRAD_LEAD : k;
  /* touched rows: item rows (replicated), fetched slots then owned rows (sharded) */
  const int64_t ntmax = sharded && bloc * ips > it.n ? bloc * ips : it.n;
  /* every allocation first, agreed before the first collective: one rank
   * short of memory must not leave the others waiting in MPI_Allreduce */
  ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(nul * k + 1), &m->X), agreed);
  init_rows(m->X, nul, k, d->user0, 2ULL << 40, seed, o->init_scale);
  if (sharded) {
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(it.n * k + 1), &it.Y), agreed);
  } else {
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(ni * k + 1), &m->Y), agreed);
    it.Y = m->Y;
  }
  init_rows(it.Y, it.n, k, it.i0, 1ULL << 40, seed, o->init_scale);
  if (is_mf) {
    ECO_CALL_GOTO(st, eco_calloc((size_t)nul + 1, sizeof(float), &m->ubias), agreed);
    if (sharded) {
      ECO_CALL_GOTO(st, eco_calloc((size_t)it.n + 1, sizeof(float), &it.b), agreed);
    } else {
      ECO_CALL_GOTO(st, eco_calloc((size_t)ni + 1, sizeof(float), &m->ibias), agreed);
      it.b = m->ibias;
    }
  } else if (!is_bpr) {
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(2 * k), &m->w), agreed);
    eco_rng r;
    eco_rng_init(&r, seed, ECO_RNG_RECOMMEND, 4ULL << 40);
    const double bound = 1.0 / sqrt(2.0 * k);
    for (int a = 0; a < 2 * k; a++) m->w[a] = (float)((2.0 * eco_rng_uniform(&r) - 1.0) * bound);
    m->wb = 0.0f;
  }

  ECO_CALL_GOTO(st, eco_malloc(sizeof(sample) * (size_t)(ntr + 1), &S), agreed);
  ECO_CALL_GOTO(st, eco_calloc((size_t)(it.n * row + nlin + 1), sizeof(float), &gbuf), agreed);
  it.g = gbuf;
  /* user gradients: k per user, or the summed dL/dz (mlp) */
  ECO_CALL_GOTO(st, eco_calloc((size_t)(nul * (nlin ? 1 : k) + 1), sizeof(float), &gu), agreed);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(nul + 1), &touched_u), agreed);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(ntmax + 1), &touched_i), agreed);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(bloc * ips + 1), &sit_buf), agreed);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(3 * bloc + 1), &zg_buf), agreed);
  /* labels of the click model's samples: 1 at a group's positive (every per
   * samples from 0), read from offset s0 % per in a step */
  ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(bloc + per), &lab), agreed);
  for (int64_t t = 0; t < bloc + per; t++) lab[t] = t % per == 0 ? 1.0f : 0.0f;
  ECO_CALL_GOTO(st, eco_calloc((size_t)nul + 1, 1, &umark), agreed);
  if (!is_mf) {
    /* a sample keeps its positive's training index in 32 bits */
    ECO_CHECK_GOTO(st, ntr < INT32_MAX, ECO_ERR_CONFIG, agreed,
                   "recommend: %lld training interactions on rank %d; mlp and bpr take at most "
                   "2^31 - 1 per rank: run with more ranks",
                   (long long)ntr, ctx->rank);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(ntr * neg + REC_DRAW_WORDS), &negs),
                  agreed);
    ECO_CALL_GOTO(st, draw_buf_alloc(&db), agreed);
  }
  if (adam) {
    ECO_CALL_GOTO(st, eco_calloc((size_t)(nul * k + 1), sizeof(float), &mu_m), agreed);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(nul * k + 1), sizeof(float), &mu_v), agreed);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(it.n * k + 1), sizeof(float), &it.m), agreed);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(it.n * k + 1), sizeof(float), &it.v), agreed);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(2 * k + 2), sizeof(float), &wm), agreed);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(2 * k + 2), sizeof(float), &wv), agreed);
    if (is_mf) {
      ECO_CALL_GOTO(st, eco_calloc((size_t)nul + 1, sizeof(float), &gub), agreed);
      ECO_CALL_GOTO(st, eco_calloc((size_t)nul + 1, sizeof(float), &ub_m), agreed);
      ECO_CALL_GOTO(st, eco_calloc((size_t)nul + 1, sizeof(float), &ub_v), agreed);
      ECO_CALL_GOTO(st, eco_calloc((size_t)it.n + 1, sizeof(float), &it.bm), agreed);
      ECO_CALL_GOTO(st, eco_calloc((size_t)it.n + 1, sizeof(float), &it.bv), agreed);
    }
  }
  if (adagrad) {
    /* the accumulators start at 1: a row's first step is lr */
    float **acc[4] = {&ug, &ubg, &it.G, &it.Gb};
    const int64_t nacc[4] = {2 * nul, nul, 2 * it.n, it.n};
    for (int j = 0; j < 4; j++) {
      ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(nacc[j] + 1), acc[j]), agreed);
      for (int64_t r = 0; r < nacc[j]; r++) (*acc[j])[r] = 1.0f;
    }
  }
  if (sharded) {
    const int64_t nit_max = bloc * ips;
    sh.cap = nit_max < ni ? nit_max : ni;
    /* the largest messages: rows for every rank's requests, or gradients,
     * requests and counts (floats) */
    const int64_t kw = k + 1, bufn = (int64_t)size * sh.cap * (kw + 1) + size * (nlin + 1) + 1;
    ECO_CHECK_GOTO(st, bufn < INT32_MAX, ECO_ERR_CONFIG, agreed,
                   "[recommend] batch x factors too large for the sharded item exchange "
                   "(%lld floats); lower batch or factors, or use item_params = replicated",
                   (long long)bufn);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(ni + 1), &sh.slot), agreed);
    for (int64_t i = 0; i < ni; i++) sh.slot[i] = -1;
    ECO_CALL_GOTO(st, eco_calloc((size_t)(ni >> 6) + 2, sizeof(uint64_t), &sh.bits), agreed);
    for (int g = 0; g < 3; g++) {
      ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(nit_max + 1), &sh.sit[g]), agreed);
      ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(nit_max + 1), &sh.need[g]), agreed);
      ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(size * sh.cap + 1), &sh.req[g]),
                    agreed);
      ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &sh.sc[g]), agreed);
      ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &sh.rc[g]), agreed);
    }
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(sh.cap * k + 1), &sh.Yf), agreed);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(sh.cap + 1), &sh.bf), agreed);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(sh.cap * row + nlin + 1), sizeof(float), &sh.gw), agreed);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(nlin + 1), sizeof(float), &sh.glin), agreed);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)bufn, &sh.sbuf), agreed);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)bufn, &sh.rbuf), agreed);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(it.n + 1), &sh.touched), agreed);
    int **ia[5] = {&sh.cnt, &sh.scf, &sh.rcf, &sh.sdf, &sh.rdf};
    for (int j = 0; j < 5; j++)
      ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), ia[j]), agreed);
  }
  if (nlin > 0) /* the item halves of the click model's logits (mlp_step) */
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)((sharded ? sh.cap : it.n) + 1), &zi_buf),
                  agreed);
  if (raw) ECO_CALL_GOTO(st, eco_calloc((size_t)ni + 1, 1, &iwarm), agreed);
agreed:
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  if (is_mf && !raw) {
    double s[2] = {0, (double)ntr}, g[2];
    for (int64_t j = 0; j < ntr; j++) s[0] += d->tr_val[j];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(s, g, 2, MPI_DOUBLE, MPI_SUM, comm), out);
    m->mu = g[0] / g[1];
  }
  /* center = no: the biases and the factors learn the mean (mu = 0; see the
   * comment of REC_ADAGRAD_LEAD) */
  if (raw) {
    m->mu = 0.0;
    for (int64_t j = 0; j < ntr; j++) iwarm[d->tr_item[j]] = 1;
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(MPI_IN_PLACE, iwarm, (int)ni, MPI_UNSIGNED_CHAR, MPI_MAX,
                                        comm), out);
    int64_t cold[2] = {0, 0};
    for (int64_t lu = 0; lu < nul; lu++) cold[0] += d->tr_ptr[lu + 1] == d->tr_ptr[lu];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(MPI_IN_PLACE, cold, 1, MPI_INT64_T, MPI_SUM, comm), out);
    for (int64_t i = 0; i < ni; i++) cold[1] += !iwarm[i];
    if (cold[0] + cold[1] == 0) {
      free(iwarm);
      iwarm = NULL;
    } else {
      if (sharded) memmove(iwarm, iwarm + it.i0, (size_t)it.n);
      eco_log_root(ECO_LOG_INFO,
                   "recommend mf: %lld user(s) and %lld item(s) without a training rating "
                   "take the mean row and bias of the others",
                   (long long)cold[0], (long long)cold[1]);
    }
  }
  {
    /* training state per rank: user rows, item rows (owned or all), buffers */
    const double users_b = (double)nul * k * 4 * (adam ? 3 : 1) + (double)nul * 4 * (nlin ? 1 : k) +
                           (double)nul * 12 * adagrad +
                           (double)ntr * sizeof(sample);
    double items_b =
        (double)it.n * 4 * (k * (adam ? 3 : 1) + row + (is_mf ? 1 + 2 * adam + 3 * adagrad : 0));
    if (sharded)
      items_b += (double)ni * 4.125 + (double)sh.cap * 4 * (k + 1 + row) +
                 (double)bloc * ips * 4 * 6 + (double)size * sh.cap * 4 * (2 * k + 7);
    double mb[2] = {users_b / 1048576.0, items_b / 1048576.0}, mx[2];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(mb, mx, 2, MPI_DOUBLE, MPI_MAX, comm), out);
    eco_log_root(ECO_LOG_INFO,
                 "recommend: item parameters %s (%s), %s; training state per rank (largest): "
                 "users %.1f MiB, items %.1f MiB",
                 sharded ? "sharded" : "replicated",
                 o->item_params == REC_ITEMS_AUTO ? "auto" : "option",
                 adam ? "adam" : adagrad ? "adagrad" : "sgd", mx[0], mx[1]);
  }
  /* replicated item gradients travel as sparse rows (allgather of each
   * rank's touched rows) unless those could exceed twice the catalogue, then
   * densely (one allreduce of the whole gradient table, and a scan of it for
   * the touched rows: per-step work proportional to the catalogue). Every
   * rank makes the same choice. */
  const int sparse = (int64_t)size * bloc * ips <= 2 * ni;
  int64_t nsteps = (nsamp + bloc - 1) / bloc, gsteps = 0;
  ECO_CALL_MPI_GOTO(st, MPI_Allreduce(&nsteps, &gsteps, 1, MPI_INT64_T, MPI_MAX, comm), out);
  int64_t gsamp = 0;
  ECO_CALL_MPI_GOTO(st, MPI_Allreduce(&nsamp, &gsamp, 1, MPI_INT64_T, MPI_SUM, comm), out);
  ECO_CALL_GOTO(st, eco_progress_create(comm,
                                        is_mf    ? "recommend mf"
                                        : is_bpr ? "recommend bpr"
                                                 : "recommend mlp",
                                        gsamp * o->epochs, "loss", ECO_FIGURE_MAX, &prog),
                out);
  int64_t adam_t = 0;
  char fp[ECO_STR_MAX + 512];
  int ep0 = 0;
  ckpt_buffers cb = {m, &adam_t, mu_m, mu_v, ub_m, ub_v, wm, wv, ug, ubg, &it, sharded, adam};
  ECO_CALL_GOTO(st, rec_ckpt_fingerprint(ctx, o, d, fp, sizeof fp), out);
  if (ctx->run->resume) {
    eco_h5 *cf = NULL;
    ECO_CALL_GOTO(st, rec_ckpt_open(ctx, fp, m, &cf, &ep0), out);
    if (cf) {
      st = eco_agree(comm, ckpt_state(ctx, d, k, is_mf, cf, &cb, 0));
      eco_status s2 = eco_h5_close(&cf);
      if (st == ECO_OK) st = s2;
      ECO_CALL_GOTO(st, eco_agree(comm, st), out);
    }
  }
  /* the rows a step reads and updates: the item table itself (replicated) or
   * the rows fetched from their owners (sharded, by slot) */
  float *const Yw = sharded ? sh.Yf : it.Y;
  /* the item half of the linear layer: with the summed dL/dz, the item rows'
   * gradients (mlp) */
  const float *const wi = nlin ? m->w + k : NULL;
  float *const bw = sharded ? sh.bf : it.b;
  float *const gw = sharded ? sh.gw : gbuf;
  const int64_t gwrows = sharded ? sh.cap : it.n;
  double t0 = MPI_Wtime();
  phase_clock pc;
  memset(&pc, 0, sizeof pc);
  for (int ep = ep0; ep < o->epochs; ep++) {
    double te = MPI_Wtime();
    const double ce = thread_cpu();
    pc.t = te;
    pc.cur = PH_DRAW;
    /* this epoch's order of the positives; each is followed by its `neg`
     * negatives, drawn for the epoch from a stream keyed by (epoch, user) */
    for (int64_t lu = 0, n = 0; lu < nul; lu++)
      for (int64_t j = d->tr_ptr[lu]; j < d->tr_ptr[lu + 1]; j++)
        S[n++] = is_mf ? (sample){(int32_t)lu, d->tr_item[j], {.y = d->tr_val[j]}}
                       : (sample){(int32_t)lu, d->tr_item[j], {.j = (int32_t)j}};
    if (negs) draw_negatives(d, negative_key(seed, ep), neg, negs, &db);
    shuffle(S, ntr, seed, ep, ctx->rank);
    /* adagrad on raw ratings: the first epoch trains the leading dimensions only */
    const int kk = it.kk = ep == 0 && raw ? it.ks : k;
    const int64_t n = nsamp;
    double loss = 0.0, bce_prod = 1.0;
    int64_t bce_exp = 0;
    const float inv_b = 1.0f / (float)o->batch;
    for (int64_t step = 0; step < gsteps; step++) {
      const int64_t s0 = step * bloc, s1 = s0 + bloc < n ? s0 + bloc : n;
      int64_t ntu = 0, nti = 0;
      float *glin = gw + gwrows * row;
      int32_t *sit = sit_buf; /* the step's items (replicated) or slots (sharded) */
      int64_t nrows = it.n;   /* the rows sit addresses */
      phase_to(&pc, PH_DRAW);
      if (!sharded) {
        step_items(S, per, is_bpr, negs, s0, s1, sit);
        phase_to(&pc, PH_SAMPLES);
      } else {
        /* pipelined exchange: the next step's items are drawn first, so that
         * its request count travels with this step's requests */
        const int c = (int)(step % 3), x = (int)((step + 1) % 3);
        eco_timer_begin("recommend.sgd.exchange");
        if (step == 0) {
          step_items(S, per, is_bpr, negs, s0, s1, sh.sit[c]);
          shard_prepare(size, ni, &sh, c, s1 > s0 ? (s1 - s0) * ips : 0);
          ECO_CALL_MPI_GOTO(st, MPI_Alltoall(sh.sc[c], 1, MPI_INT, sh.rc[c], 1, MPI_INT, comm),
                            out);
        }
        const int has_next = step + 1 < gsteps;
        if (has_next) {
          const int64_t n0 = s0 + bloc, n1 = n0 + bloc < n ? n0 + bloc : n;
          step_items(S, per, is_bpr, negs, n0, n1, sh.sit[x]);
          shard_prepare(size, ni, &sh, x, n1 > n0 ? (n1 - n0) * ips : 0);
        }
        /* gradients of the previous step to their owners, who apply them
         * before answering this step's requests */
        exchange_begin(&pc, size);
        ECO_CALL_GOTO(st, shard_post(comm, size, row, nlin, &it, &sh, c, step > 0, 1, has_next),
                      out);
        exchange_end(&pc, size, PH_UPDATE);
        if (step > 0) {
          const float bc1 = 1.0f - powf(0.9f, (float)adam_t);
          const float bc2 = 1.0f - powf(0.999f, (float)adam_t);
          apply_items(&it, sh.touched, sh.nto, k, row, adam, is_mf, wi, lr, bc1, bc2);
          if (nlin > 0) apply_linear(m, sh.glin, wm, wv, k, nlin, lr, bc1, bc2);
        }
        exchange_begin(&pc, size);
        ECO_CALL_GOTO(st, shard_rows(comm, size, k, &it, &sh, c), out);
        exchange_end(&pc, size, PH_SAMPLES);
        eco_timer_end("recommend.sgd.exchange");
        /* samples address the fetched rows by slot */
        const int64_t nit = s1 > s0 ? (s1 - s0) * ips : 0;
        for (int64_t t = 0; t < sh.nneed[c]; t++) sh.slot[sh.need[c][t]] = (int32_t)t;
        for (int64_t t = 0; t < nit; t++) sh.sit[c][t] = sh.slot[sh.sit[c][t]];
        for (int64_t t = 0; t < sh.nneed[c]; t++) sh.slot[sh.need[c][t]] = -1;
        sit = sh.sit[c];
        nrows = sh.nneed[c];
      }
      if (!is_mf && !is_bpr) {
        mlp_sums ms = {loss, bce_prod, bce_exp, 0, 0};
        mlp_step(S, per, s0, s1, sit, m, Yw, nrows, gw, row, gu, glin,
                 k, inv_b, lab + s0 % per, zg_buf, zi_buf, ni <= s1 - s0, umark, touched_u,
                 touched_i, &ms);
        loss = ms.loss;
        bce_prod = ms.bce_prod;
        bce_exp = ms.bce_exp;
        ntu = ms.ntu;
        nti = ms.nti;
      }
      /* mf (one virtual sample per rating) and bpr (pairs): one pass */
      for (int64_t s = s0, pos = s0 / per, q_ = s0 % per; s < s1 && (is_mf || is_bpr);
           s++, q_ = q_ + 1 == per ? (pos++, 0) : q_ + 1) {
        const sample xs = S[pos];
        if (s + REC_PREFETCH < s1) {
          /* the random rows of a later sample (their loads stalled the
           * loop); mf: a new user every sample */
          const int64_t tf = (s + REC_PREFETCH - s0) * ips;
          for (int e = 0; e < ips; e++) {
            prefetch_row(Yw + (int64_t)sit[tf + e] * k, k);
            prefetch_row(gw + (int64_t)sit[tf + e] * row, row);
          }
          if (is_mf) {
            const int64_t uf = S[pos + REC_PREFETCH].lu;
            prefetch_row(m->X + uf * k, k);
            if (adam) prefetch_row(gu + uf * k, k);
          }
        }
        if (is_bpr) {
          /* pair (positive item, negative item j): maximize p.(q_i - q_j) */
          const int64_t li = sit[2 * (s - s0)], lj = sit[2 * (s - s0) + 1];
          float *p = m->X + (int64_t)xs.lu * k;
          float *qi = Yw + li * k, *qj = Yw + lj * k;
          float *gi = gw + li * row, *gj = gw + lj * row;
          const float z = dot8(p, qi, k) - dot8(p, qj, k);
          /* loss softplus(-z); dL/dz = -sigmoid(-z) */
          const float ez = expf(-fabsf(z));
          loss += (double)(fmaxf(-z, 0.0f) + log1pf(ez));
          const float sm = z >= 0.0f ? ez / (1.0f + ez) : 1.0f / (1.0f + ez);
          const float g = -sm * inv_b, rb = reg * inv_b;
          float *gup = gu + (int64_t)xs.lu * k;
          if (!umark[xs.lu]) {
            umark[xs.lu] = 1;
            touched_u[ntu++] = xs.lu;
          }
          for (int a = 0; a < k; a++) {
            gup[a] += g * (qi[a] - qj[a]) + rb * p[a];
            gi[a] += g * p[a] + rb * qi[a];
            gj[a] += -g * p[a] + rb * qj[a];
          }
          if (gi[k + 1] == 0.0f) touched_i[nti++] = (int32_t)li;
          gi[k + 1] += 1.0f;
          if (gj[k + 1] == 0.0f) touched_i[nti++] = (int32_t)lj;
          gj[k + 1] += 1.0f;
          continue;
        }
        /* mf */
        const int64_t li = sit[s - s0];
        const sample *x = &xs;
        float *p = m->X + (int64_t)x->lu * k;
        float *q = Yw + li * k;
        float *gi = gw + li * row;
        {
          const float dot = dot8(p, q, k);
          const float bi = bw[li];
          const float e = x->y - ((float)m->mu + m->ubias[x->lu] + bi + dot);
          loss += (double)e * e;
          if (adagrad) {
            /* the user row and bias now, each at its own rate; the item's
             * negative gradient summed for the step */
            float *G = ug + 2 * (int64_t)x->lu;
            if (it.ks == k) {
              adagrad_dims(p, q, gi, G, e, reg, lr, 0, k);
            } else {
              /* the leading dimensions (bounds known here: one vector) */
              adagrad_dims(p, q, gi, G, e, reg, lr, 0, REC_ADAGRAD_LEAD);
              if (kk > REC_ADAGRAD_LEAD)
                adagrad_dims(p, q, gi, G + 1, e, reg, lr, REC_ADAGRAD_LEAD, k);
            }
            gi[k] += e - reg * bi;
            const float gb = e - reg * m->ubias[x->lu];
            m->ubias[x->lu] += lr / sqrtf(ubg[x->lu]) * gb;
            ubg[x->lu] += gb * gb;
          } else if (!adam) {
            for (int a = 0; a < k; a++) {
              const float pa = p[a];
              gi[a] += e * pa - reg * q[a];
              p[a] += lr * (e * q[a] - reg * pa);
            }
            gi[k] += e - reg * bi;
            m->ubias[x->lu] += lr * (e - reg * m->ubias[x->lu]);
          } else {
            /* gradients of the batch mean of rec_mf_loss; Adam per step */
            const float ge = -e * inv_b, rb = reg * inv_b;
            float *gup = gu + (int64_t)x->lu * k;
            if (!umark[x->lu]) {
              umark[x->lu] = 1;
              touched_u[ntu++] = x->lu;
            }
            for (int a = 0; a < k; a++) {
              gup[a] += ge * q[a] + rb * p[a];
              gi[a] += ge * p[a] + rb * q[a];
            }
            gi[k] += ge + rb * bi;
            gub[x->lu] += ge + rb * m->ubias[x->lu];
          }
          if (gi[k + 1] == 0.0f) touched_i[nti++] = (int32_t)li;
          gi[k + 1] += 1.0f;
        }
      }
      if (sharded || size == 1) {
        /* sharded: the gradients go to their owners with the next step's
         * requests */
        phase_to(&pc, PH_UPDATE);
      } else if (!sparse) {
        /* small catalogue: one dense allreduce of the item gradients and the
         * linear layer; the touched rows are those with a count */
        eco_timer_begin("recommend.sgd.exchange");
        exchange_begin(&pc, size);
        int mpierr = MPI_Allreduce(MPI_IN_PLACE, gbuf, (int)(ni * row + nlin), MPI_FLOAT,
                                   MPI_SUM, comm);
        exchange_end(&pc, size, PH_UPDATE);
        eco_timer_end("recommend.sgd.exchange");
        if (mpierr != MPI_SUCCESS) {
          st = eco_error_mpi(mpierr, __FILE__, __LINE__, "MPI_Allreduce");
          goto out;
        }
        nti = 0;
        for (int64_t i = 0; i < ni; i++)
          if (gbuf[i * row + row - 1] != 0.0f) touched_i[nti++] = (int32_t)i;
      } else {
        /* large catalogue: every rank's touched rows (index + gradient) and
         * its linear-layer gradient, gathered and summed in rank order.
         * Traffic grows with the batch, not with the catalogue. */
        eco_timer_begin("recommend.sgd.exchange");
        exchange_begin(&pc, size);
        st = exchange_rows(comm, row, gbuf, touched_i, &nti, glin, nlin, &xch);
        exchange_end(&pc, size, PH_UPDATE);
        eco_timer_end("recommend.sgd.exchange");
        if (st != ECO_OK) goto out;
      }
      /* user rows (Adam) now; item rows and the linear layer now when
       * replicated (it.* row r is item r), with the next exchange when
       * sharded */
      float bc1 = 1.0f, bc2 = 1.0f;
      if (adam) {
        adam_t++;
        bc1 = 1.0f - powf(0.9f, (float)adam_t);
        bc2 = 1.0f - powf(0.999f, (float)adam_t);
        for (int64_t t = 0; t < ntu; t++) {
          const int64_t lu = touched_u[t];
          if (t + 4 < ntu) {
            const int64_t uf = touched_u[t + 4];
            prefetch_row(m->X + uf * k, k);
            if (!nlin) prefetch_row(gu + uf * k, k);
            prefetch_row(mu_m + uf * k, k);
            prefetch_row(mu_v + uf * k, k);
          }
          if (nlin) {
            adam_row(m->X + lu * k, gu[lu], m->w, mu_m + lu * k, mu_v + lu * k, k, lr, bc1, bc2);
            gu[lu] = 0.0f;
          } else {
            adam_row(m->X + lu * k, 1.0f, gu + lu * k, mu_m + lu * k, mu_v + lu * k, k, lr, bc1,
                     bc2);
            memset(gu + lu * k, 0, sizeof(float) * (size_t)k);
          }
          if (is_mf) {
            adam_row(&m->ubias[lu], 1.0f, &gub[lu], &ub_m[lu], &ub_v[lu], 1, lr, bc1, bc2);
            gub[lu] = 0.0f;
          }
          umark[lu] = 0;
        }
      }
      if (!sharded) {
        apply_items(&it, touched_i, nti, k, row, adam, is_mf, wi, lr, bc1, bc2);
        if (nlin > 0) apply_linear(m, glin, wm, wv, k, nlin, lr, bc1, bc2);
      }
      if ((step & 63) == 0) eco_progress_update(prog, (int64_t)ep * n + s1, NAN);
    }
    if (sharded && gsteps > 0) {
      /* the last step's gradients to their owners */
      eco_timer_begin("recommend.sgd.exchange");
      exchange_begin(&pc, size);
      ECO_CALL_GOTO(st, shard_post(comm, size, row, nlin, &it, &sh, (int)(gsteps % 3), 1, 0, 0),
                    out);
      exchange_end(&pc, size, PH_UPDATE);
      eco_timer_end("recommend.sgd.exchange");
      const float bc1 = 1.0f - powf(0.9f, (float)adam_t);
      const float bc2 = 1.0f - powf(0.999f, (float)adam_t);
      apply_items(&it, sh.touched, sh.nto, k, row, adam, is_mf, wi, lr, bc1, bc2);
      if (nlin > 0) apply_linear(m, sh.glin, wm, wv, k, nlin, lr, bc1, bc2);
    }
    if (!is_mf && !is_bpr) loss -= log(bce_prod) + (double)bce_exp * M_LN2;
    phase_to(&pc, PH_DRAW);
    const double cpu_ep = thread_cpu() - ce;
    pc.cpu_train += cpu_ep;
    double lsum[3] = {loss, (double)n, cpu_ep}, lg[3];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(lsum, lg, 3, MPI_DOUBLE, MPI_SUM, comm), out);
    const double tl = is_mf ? sqrt(lg[0] / lg[1]) : lg[0] / lg[1];
    /* the same sum on every rank: all stop together, before an evaluation of
     * non-finite parameters */
    ECO_CHECK_GOTO(st, isfinite(tl), ECO_ERR_NUMERIC, out,
                   "recommend %s: the training loss is not finite after epoch %d (the model "
                   "diverged); lower [recommend] lr (%g) or init_scale (%g)",
                   is_mf ? "mf" : is_bpr ? "bpr" : "mlp", ep + 1, (double)lr, o->init_scale);
    const double secs = MPI_Wtime() - te;
    double metric = NAN, mae = NAN;
    const int use_valid = d->nvalid_global > 0;
    /* sharded: the whole item table for the evaluation (and, after the last
     * epoch, the ranking), freed while training goes on */
    /* sharded: the evaluation reads the owned rows in place, the other
     * ranks' pass round the ranks (eval.c) */
    if (sharded) {
      m->Y = it.Y;
      m->ibias = it.b;
      m->items_sharded = 1;
    }
    if (iwarm)
      ECO_CALL_GOTO(st, fill_cold_rows(comm, d, m, &it, k, sharded, ctx->rank, iwarm), out);
    if (is_mf)
      ECO_CALL_GOTO(st, rec_eval_rmse(comm, d, m, use_valid, &metric, &mae), out);
    else
      ECO_CALL_GOTO(st, rec_eval_auc(ctx, o, d, m, use_valid, &metric), out);
    if (sharded) {
      m->Y = NULL;
      m->ibias = NULL;
    }
    m->h_loss[ep] = tl;
    m->h_metric[ep] = metric;
    m->h_seconds[ep] = secs;
    m->h_rate[ep] = lg[1] / secs;
    m->nepochs = ep + 1;
    eco_progress_update(prog, (int64_t)(ep + 1) * n, tl);
    const double eta = (MPI_Wtime() - t0) / (ep + 1 - ep0) * (o->epochs - ep - 1);
    eco_log_root(ECO_LOG_INFO,
                 "%s epoch %d/%d: %s %.6f, %s %s %.4f, %.3g samples/s (%.3g per CPU-second), "
                 "ETA %.1f s",
                 is_mf ? "mf" : is_bpr ? "bpr" : "mlp", ep + 1, o->epochs,
                 is_mf ? "train RMSE" : is_bpr ? "BPR loss" : "BCE", tl,
                 use_valid ? "validation" : "test", is_mf ? "RMSE" : "AUC", metric,
                 m->h_rate[ep], lg[2] > 0 ? lg[1] / lg[2] : 0.0, eta);
    int want = 0;
    ECO_CALL_GOTO(st, rec_ckpt_wanted(ctx, ep + 1, o->epochs, &want), out);
    if (want) {
      eco_h5 *cf = NULL;
      ECO_CALL_GOTO(st, rec_ckpt_create(ctx, fp, ep + 1, m, &cf), out);
      st = eco_agree(comm, ckpt_state(ctx, d, k, is_mf, cf, &cb, 1));
      if (st != ECO_OK) {
        eco_h5_close(&cf);
        goto out;
      }
      ECO_CALL_GOTO(st, rec_ckpt_commit(ctx, &cf), out);
      if (want == REC_CKPT_SAVE) continue; /* periodic ([run] checkpoint_every): train on */
      st = eco_agree(comm, rec_ckpt_interrupted(ctx, ep + 1, o->epochs));
      goto out;
    }
  }
  {
    /* the phases of training per rank (the bench script reads this line) */
    double v[6] = {pc.wall[PH_DRAW], pc.wall[PH_SAMPLES], pc.wall[PH_UPDATE],
                   pc.wall[PH_EXCHANGE], pc.cpu_train, pc.cpu_exchange};
    double vmax[6], vsum[6];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(v, vmax, 6, MPI_DOUBLE, MPI_MAX, comm), out);
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(v, vsum, 6, MPI_DOUBLE, MPI_SUM, comm), out);
    eco_log_root(ECO_LOG_INFO,
                 "recommend %s: training phases per rank, s (max / mean): wall draw %.3f / "
                 "%.3f, samples %.3f / %.3f, updates %.3f / %.3f, exchange %.3f / %.3f; "
                 "CPU all %.3f / %.3f, exchange %.3f / %.3f",
                 is_mf ? "mf" : is_bpr ? "bpr" : "mlp", vmax[0], vsum[0] / size, vmax[1],
                 vsum[1] / size, vmax[2], vsum[2] / size, vmax[3], vsum[3] / size, vmax[4],
                 vsum[4] / size, vmax[5], vsum[5] / size);
  }
  if (sharded) { /* the model keeps the owned rows for the ranking */
    m->Y = it.Y;
    m->ibias = it.b;
    m->items_sharded = 1;
    it.Y = NULL;
    it.b = NULL;
  }
  if (ctx->run->resume || ctx->run->checkpoint_every > 0) rec_ckpt_remove(ctx);
out:
  st = eco_agree(comm, st);
  eco_progress_destroy(&prog);
  free(S);
  free(gbuf);
  free(gu);
  free(gub);
  free(touched_u);
  free(touched_i);
  free(sit_buf);
  free(zg_buf);
  free(zi_buf);
  free(lab);
  free(xch.send);
  free(xch.recv);
  free(xch.counts);
  free(xch.displs);
  free(umark);
  free(negs);
  draw_buf_free(&db);
  free(mu_m);
  free(mu_v);
  free(ub_m);
  free(ub_v);
  free(ug);
  free(ubg);
  free(it.G);
  free(it.Gb);
  free(iwarm);
  free(it.m);
  free(it.v);
  free(it.bm);
  free(it.bv);
  if (sharded) { /* unless the model holds them (a failed evaluation) */
    if (m->Y != it.Y) free(it.Y);
    if (m->ibias != it.b) free(it.b);
  }
  free(sh.slot);
  free(sh.bits);
  for (int g = 0; g < 3; g++) {
    free(sh.sit[g]);
    free(sh.need[g]);
    free(sh.req[g]);
    free(sh.sc[g]);
    free(sh.rc[g]);
  }
  free(sh.cnt);
  free(sh.Yf);
  free(sh.bf);
  free(sh.gw);
  free(sh.glin);
  free(sh.scf);
  free(sh.rcf);
  free(sh.sdf);
  free(sh.rdf);
  free(sh.sbuf);
  free(sh.rbuf);
  free(sh.touched);
  free(wm);
  free(wv);
  return st;
}
