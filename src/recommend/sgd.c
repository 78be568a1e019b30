/* Mini-batch models with users sharded and items replicated:
 *   - MF: explicit ratings, r_ui ~ mu + b_u + b_i + p_u . q_i, SGD with L2;
 *   - MLP: the embedding + linear click model,
 *       P(click) = sigmoid(w_u . e_u + w_i . e_i + b),
 *     binary cross-entropy, Adam, implicit labels with negative sampling.
 *
 * Each step every rank takes its next ceil(batch / P) local samples (a
 * per-epoch permutation keyed by seed, epoch and rank). User parameters live
 * only on their owner and are updated there; item gradients (and the linear
 * layer's) are accumulated in a dense buffer, summed over ranks with one
 * MPI_Allreduce per step and applied identically on every rank. Training
 * repeats exactly for the same seed and rank count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "recommend_impl.h"

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

/* A sample: local user, item, label / rating. */
typedef struct {
  int32_t lu, item;
  float y;
} sample;

static void shuffle(sample *s, int64_t n, uint64_t seed, int epoch, int rank) {
  eco_rng r;
  eco_rng_init(&r, seed, ECO_RNG_RECOMMEND,
               (3ULL << 60) | ((uint64_t)epoch << 24) | (uint64_t)rank);
  for (int64_t j = n - 1; j > 0; j--) {
    int64_t t = (int64_t)eco_rng_below(&r, (uint64_t)(j + 1));
    sample x = s[j];
    s[j] = s[t];
    s[t] = x;
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

/* The stream of the negatives of one positive (user, item) in one epoch. */
static void negative_stream(eco_rng *r, uint64_t seed, int epoch, int64_t user,
                            int32_t item) {
  uint64_t z = seed ^ (0x6a09e667f3bcc909ULL + (uint64_t)epoch * 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  eco_rng_init(r, z, ECO_RNG_RECOMMEND, ((uint64_t)user << 32) | (uint32_t)item);
}

static void init_rows(float *F, int64_t n, int k, int64_t first, uint64_t tag,
                      uint64_t seed, double scale) {
  for (int64_t i = 0; i < n; i++) {
    eco_rng r;
    eco_rng_init(&r, seed, ECO_RNG_RECOMMEND, tag | (uint64_t)(first + i));
    for (int a = 0; a < k; a++) F[i * k + a] = (float)(scale * eco_rng_normal(&r));
  }
}

typedef struct {
  float *m, *v;
} adam_state;

static inline void axpy(float *restrict y, float a, const float *restrict x, int k) {
  for (int j = 0; j < k; j++) y[j] += a * x[j];
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

static inline void adam_row(float *restrict p, const float *restrict g, float *restrict m,
                            float *restrict v, int k, float lr, float bc1, float bc2) {
  const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
  const float step = lr / bc1, ib2 = 1.0f / bc2;
  for (int a = 0; a < k; a++) {
    m[a] = b1 * m[a] + (1.0f - b1) * g[a];
    v[a] = b2 * v[a] + (1.0f - b2) * g[a] * g[a];
    p[a] -= step * m[a] / (sqrtf(v[a] * ib2) + eps);
  }
}

/* Buffers of the sparse exchange of item gradient rows. */
typedef struct {
  float *send, *recv;
  int *counts, *displs;
  int64_t send_cap, recv_cap;
} exchange;

/* Gather every rank's touched rows of gbuf (row floats each: gradient,
 * bias gradient, and the index in place of the count) and
 * rebuild gbuf as their sum in rank order; *nti and touched become the union.
 * The linear layer's nlin gradients are summed by allreduce. Collective. */
static eco_status exchange_rows(MPI_Comm comm, int k, int64_t row, float *gbuf,
                                int32_t *touched, int64_t *nti, float *glin, int64_t nlin,
                                exchange *x) {
  int size;
  MPI_Comm_size(comm, &size);
  const int64_t n = *nti;
  if (!x->counts) {
    ECO_CALL(eco_malloc(sizeof(int) * (size_t)size, &x->counts));
    ECO_CALL(eco_malloc(sizeof(int) * (size_t)size, &x->displs));
  }
  if (n * row + nlin > x->send_cap) {
    x->send_cap = (n * row + nlin) * 2 + 64;
    ECO_CALL(eco_realloc(sizeof(float) * (size_t)x->send_cap, &x->send));
  }
  for (int64_t t = 0; t < n; t++) {
    float *g = gbuf + (int64_t)touched[t] * row;
    float *o = x->send + nlin + t * row;
    /* gradient and bias gradient; the count slot carries the index */
    memcpy(o, g, sizeof(float) * (size_t)(k + 1));
    const int32_t idx = touched[t];
    memcpy(&o[k + 1], &idx, sizeof idx);
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
    x->recv_cap = tot * 2 + 64;
    ECO_CALL(eco_realloc(sizeof(float) * (size_t)x->recv_cap, &x->recv));
  }
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
      memcpy(&idx, &in[k + 1], sizeof idx);
      float *g = gbuf + (int64_t)idx * row;
      if (g[k + 1] == 0.0f) touched[m++] = idx;
      for (int a = 0; a <= k; a++) g[a] += in[a];
      g[k + 1] += 1.0f;
    }
  }
  *nti = m;
  return ECO_OK;
}

/* The training state of the mini-batch models. */
typedef struct {
  rec_model *m;
  int64_t *adam_t;
  float *mu_m, *mu_v, *mi_m, *mi_v, *wm, *wv;
} ckpt_buffers;

/* Write (write = 1) or read the state: owned user rows by their owner,
 * replicated arrays written by rank 0 and read by every rank. Collective. */
static eco_status ckpt_state(const eco_ctx *ctx, const rec_data *d, int k, int is_mf,
                             eco_h5 *f, ckpt_buffers *b, int write) {
  const int64_t ni = d->nitems, u0 = d->user0, nul = d->nuser_local;
  const int64_t rep = write ? (ctx->rank == 0 ? 1 : 0) : 1; /* replicated rows factor */
  rec_model *m = b->m;
  ECO_CALL(rec_ckpt_rows(f, "/user_factors", d->nusers, k, u0, nul, m->X, write));
  ECO_CALL(rec_ckpt_rows(f, "/item_factors", ni, k, 0, rep * ni, m->Y, write));
  if (is_mf) {
    ECO_CALL(rec_ckpt_rows(f, "/user_bias", d->nusers, 0, u0, nul, m->ubias, write));
    ECO_CALL(rec_ckpt_rows(f, "/item_bias", ni, 0, 0, rep * ni, m->ibias, write));
    return ECO_OK;
  }
  float lin[2 * 1024 + 2];
  const int has_lin = m->w != NULL;
  if (!has_lin) {
    /* bpr: factors and their Adam moments only */
    if (write) ECO_CALL(eco_h5_attr_set_int64(f, "/", "adam_steps", *b->adam_t));
    else ECO_CALL(eco_h5_attr_get_int64(f, "/", "adam_steps", b->adam_t));
  }
  if (has_lin && write) {
    memcpy(lin, m->w, sizeof(float) * 2 * (size_t)k);
    lin[2 * k] = m->wb;
    lin[2 * k + 1] = (float)*b->adam_t; /* exact below 2^24 steps; also stored as int */
    ECO_CALL(eco_h5_attr_set_int64(f, "/", "adam_steps", *b->adam_t));
  }
  if (has_lin)
    ECO_CALL(rec_ckpt_rows(f, "/linear", 2 * k + 2, 0, 0, rep * (2 * k + 2), lin, write));
  if (has_lin && !write) {
    memcpy(m->w, lin, sizeof(float) * 2 * (size_t)k);
    m->wb = lin[2 * k];
    ECO_CALL(eco_h5_attr_get_int64(f, "/", "adam_steps", b->adam_t));
  }
  ECO_CALL(rec_ckpt_rows(f, "/adam/user_m", d->nusers, k, u0, nul, b->mu_m, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/user_v", d->nusers, k, u0, nul, b->mu_v, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/item_m", ni, k, 0, rep * ni, b->mi_m, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/item_v", ni, k, 0, rep * ni, b->mi_v, write));
  if (!has_lin) return ECO_OK;
  ECO_CALL(rec_ckpt_rows(f, "/adam/linear_m", 2 * k + 2, 0, 0, rep * (2 * k + 2), b->wm, write));
  ECO_CALL(rec_ckpt_rows(f, "/adam/linear_v", 2 * k + 2, 0, 0, rep * (2 * k + 2), b->wv, write));
  return ECO_OK;
}

/* Compiled for AVX2 and for baseline x86-64, picked at load time (no FMA:
 * -std=c11 keeps -ffp-contract=off; the same operations per element). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define REC_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define REC_CLONES
#endif
REC_CLONES
eco_status rec_sgd_train(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                         rec_model *m) {
  MPI_Comm comm = ctx->comm;
  const int k = o->factors;
  const int is_mf = o->model == REC_MODEL_MF;
  const uint64_t seed = (uint64_t)ctx->run->seed;
  const int64_t nul = d->nuser_local, ni = d->nitems;
  const int64_t ntr = d->tr_ptr[nul];
  const int is_bpr = o->model == REC_MODEL_BPR;
  const int neg = is_mf ? 0 : o->negatives;
  /* virtual samples per positive: the positive and its negatives (mlp), the
   * (positive, negative) pairs (bpr), the rating (mf) */
  const int per = is_bpr ? neg : 1 + neg;
  const float lr = (float)(o->lr > 0 ? o->lr : (is_mf ? 0.01 : 0.001));
  const float reg = (float)o->reg;
  /* item buffer row: k gradients, 1 bias gradient, 1 count */
  const int64_t row = k + 2;
  const int64_t nlin = is_mf || is_bpr ? 0 : 2 * (int64_t)k + 1;
  eco_status st = ECO_OK;
  sample *S = NULL;
  float *gbuf = NULL, *gu = NULL, *mu_m = NULL, *mu_v = NULL, *mi_m = NULL, *mi_v = NULL;
  float *wm = NULL, *wv = NULL;
  int32_t *touched_u = NULL, *touched_i = NULL;
  exchange xch;
  memset(&xch, 0, sizeof xch);
  unsigned char *umark = NULL;
  eco_progress *prog = NULL;

  m->k = k;
  ECO_CALL(eco_malloc(sizeof(float) * (size_t)(nul * k + 1), &m->X));
  ECO_CALL(eco_malloc(sizeof(float) * (size_t)(ni * k + 1), &m->Y));
  init_rows(m->X, nul, k, d->user0, 2ULL << 40, seed, o->init_scale);
  init_rows(m->Y, ni, k, 0, 1ULL << 40, seed, o->init_scale);
  if (is_mf) {
    ECO_CALL(eco_calloc((size_t)nul + 1, sizeof(float), &m->ubias));
    ECO_CALL(eco_calloc((size_t)ni + 1, sizeof(float), &m->ibias));
    double s[2] = {0, (double)ntr}, g[2];
    for (int64_t j = 0; j < ntr; j++) s[0] += d->tr_val[j];
    ECO_CALL_MPI(MPI_Allreduce(s, g, 2, MPI_DOUBLE, MPI_SUM, comm));
    m->mu = g[0] / g[1];
  } else if (!is_bpr) {
    ECO_CALL(eco_malloc(sizeof(float) * (size_t)(2 * k), &m->w));
    eco_rng r;
    eco_rng_init(&r, seed, ECO_RNG_RECOMMEND, 4ULL << 40);
    const double bound = 1.0 / sqrt(2.0 * k);
    for (int a = 0; a < 2 * k; a++) m->w[a] = (float)((2.0 * eco_rng_uniform(&r) - 1.0) * bound);
    m->wb = 0.0f;
  }

  const int64_t nsamp = ntr * per;
  ECO_CALL_GOTO(st, eco_malloc(sizeof(sample) * (size_t)(ntr + 1), &S), out);
  ECO_CALL_GOTO(st, eco_calloc((size_t)(ni * row + nlin + 1), sizeof(float), &gbuf), out);
  ECO_CALL_GOTO(st, eco_calloc((size_t)(nul * k + 1), sizeof(float), &gu), out);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(nul + 1), &touched_u), out);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(ni + 1), &touched_i), out);
  ECO_CALL_GOTO(st, eco_calloc((size_t)nul + 1, 1, &umark), out);
  if (!is_mf) {
    ECO_CALL_GOTO(st, eco_calloc((size_t)(nul * k + 1), sizeof(float), &mu_m), out);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(nul * k + 1), sizeof(float), &mu_v), out);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(ni * (k + 1) + 1), sizeof(float), &mi_m), out);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(ni * (k + 1) + 1), sizeof(float), &mi_v), out);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(2 * k + 2), sizeof(float), &wm), out);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(2 * k + 2), sizeof(float), &wv), out);
  }
  const int64_t bloc = (o->batch + ctx->size - 1) / ctx->size;
  /* item gradients travel densely (allreduce) while the catalogue is at most
   * 4 global batches of rows, else as sparse rows (allgather); the choice
   * depends on the data and the batch only */
  const int sparse = ni > 4 * (int64_t)o->batch;
  int64_t nsteps = (nsamp + bloc - 1) / bloc, gsteps = 0;
  ECO_CALL_MPI_GOTO(st, MPI_Allreduce(&nsteps, &gsteps, 1, MPI_INT64_T, MPI_MAX, comm), out);
  int64_t gsamp = 0;
  ECO_CALL_MPI_GOTO(st, MPI_Allreduce(&nsamp, &gsamp, 1, MPI_INT64_T, MPI_SUM, comm), out);
  ECO_CALL_GOTO(st, eco_progress_create(comm, is_mf ? "recommend mf" : is_bpr ? "recommend bpr" : "recommend mlp",
                                        gsamp * o->epochs, "loss", ECO_FIGURE_MAX, &prog),
                out);
  int64_t adam_t = 0;
  char fp[ECO_STR_MAX + 512];
  int ep0 = 0;
  ECO_CALL_GOTO(st, rec_ckpt_fingerprint(ctx, o, d, fp, sizeof fp), out);
  if (ctx->run->resume) {
    eco_h5 *cf = NULL;
    ECO_CALL_GOTO(st, rec_ckpt_open(ctx, fp, m, &cf, &ep0), out);
    if (cf) {
      ckpt_buffers cb = {m, &adam_t, mu_m, mu_v, mi_m, mi_v, wm, wv};
      st = eco_agree(comm, ckpt_state(ctx, d, k, is_mf, cf, &cb, 0));
      eco_status s2 = eco_h5_close(&cf);
      if (st == ECO_OK) st = s2;
      ECO_CALL_GOTO(st, eco_agree(comm, st), out);
    }
  }
  double t0 = MPI_Wtime();
  for (int ep = ep0; ep < o->epochs; ep++) {
    double te = MPI_Wtime();
    /* this epoch's order of the positives; each is followed by its `neg`
     * negatives, drawn from a stream keyed by (epoch, user, item) */
    for (int64_t lu = 0, n = 0; lu < nul; lu++)
      for (int64_t j = d->tr_ptr[lu]; j < d->tr_ptr[lu + 1]; j++)
        S[n++] = (sample){(int32_t)lu, d->tr_item[j], is_mf ? d->tr_val[j] : 1.0f};
    shuffle(S, ntr, seed, ep, ctx->rank);
    const int64_t n = nsamp;
    eco_rng nr;
    double loss = 0.0, bce_prod = 1.0;
    int64_t bce_exp = 0, bce_n = 0;
    const float inv_b = 1.0f / (float)o->batch;
    for (int64_t step = 0; step < gsteps; step++) {
      const int64_t s0 = step * bloc, s1 = s0 + bloc < n ? s0 + bloc : n;
      int64_t ntu = 0, nti = 0;
      float *glin = gbuf + ni * row;
      for (int64_t s = s0; s < s1; s++) {
        sample xs = S[s / per];
        const int q_ = (int)(s % per);
        if (q_ == (is_bpr ? 0 : 1)) negative_stream(&nr, seed, ep, d->user0 + xs.lu, xs.item);
        if (is_bpr) {
          /* pair (positive item, negative item j): maximize p.(q_i - q_j) */
          const int32_t j = rec_sample_negative(d, xs.lu, &nr);
          float *p = m->X + (int64_t)xs.lu * k;
          float *qi = m->Y + (int64_t)xs.item * k, *qj = m->Y + (int64_t)j * k;
          float *gi = gbuf + (int64_t)xs.item * row, *gj = gbuf + (int64_t)j * row;
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
          if (gi[k + 1] == 0.0f) touched_i[nti++] = xs.item;
          gi[k + 1] += 1.0f;
          if (gj[k + 1] == 0.0f) touched_i[nti++] = j;
          gj[k + 1] += 1.0f;
          continue;
        }
        if (q_ > 0) {
          xs.item = rec_sample_negative(d, xs.lu, &nr);
          xs.y = 0.0f;
        }
        const sample *x = &xs;
        float *p = m->X + (int64_t)x->lu * k;
        float *q = m->Y + (int64_t)x->item * k;
        float *gi = gbuf + (int64_t)x->item * row;
        if (is_mf) {
          const float dot = dot8(p, q, k);
          const float e = x->y - ((float)m->mu + m->ubias[x->lu] + m->ibias[x->item] + dot);
          loss += (double)e * e;
          for (int a = 0; a < k; a++) {
            const float pa = p[a];
            gi[a] += e * pa - reg * q[a];
            p[a] += lr * (e * q[a] - reg * pa);
          }
          gi[k] += e - reg * m->ibias[x->item];
          if (gi[k + 1] == 0.0f) touched_i[nti++] = x->item;
          gi[k + 1] += 1.0f;
          m->ubias[x->lu] += lr * (e - reg * m->ubias[x->lu]);
        } else {
          const float *w = m->w;
          const float z = m->wb + dot8(w, p, k) + dot8(w + k, q, k);
          /* p = sigmoid(z) and 1 - p without cancellation; BCE = -log of
           * the label's probability */
          const float ez = expf(-fabsf(z)), inv = 1.0f / (1.0f + ez);
          const float pr = z >= 0.0f ? inv : ez * inv;
          const float qr = z >= 0.0f ? ez * inv : inv;
          /* the BCE sum is -log of the product of the label
           * probabilities: multiply, and move the binary exponent out of the
           * product every 8 samples (no log per sample) */
          const float pl = x->y > 0.5f ? pr : qr;
          if (pl >= 1e-30f) {
            bce_prod *= (double)pl;
            if ((++bce_n & 7) == 0) bce_renorm(&bce_prod, &bce_exp);
          } else {
            loss -= log((double)pl); /* rare: a confident mistake */
          }
          const float g = (pr - x->y) * inv_b;
          float *gup = gu + (int64_t)x->lu * k;
          if (!umark[x->lu]) {
            umark[x->lu] = 1;
            touched_u[ntu++] = x->lu;
          }
          axpy(gup, g, w, k);
          axpy(gi, g, w + k, k);
          axpy(glin, g, p, k);
          axpy(glin + k, g, q, k);
          if (gi[k + 1] == 0.0f) touched_i[nti++] = x->item;
          gi[k + 1] += 1.0f;
          glin[2 * k] += g;
        }
      }
      if (ctx->size > 1 && !sparse) {
        /* small catalogue: one dense allreduce of the item gradients and the
         * linear layer; the touched rows are those with a count */
        eco_timer_begin("recommend.sgd.exchange");
        int mpierr = MPI_Allreduce(MPI_IN_PLACE, gbuf, (int)(ni * row + nlin), MPI_FLOAT,
                                   MPI_SUM, comm);
        eco_timer_end("recommend.sgd.exchange");
        if (mpierr != MPI_SUCCESS) {
          st = eco_error_mpi(mpierr, __FILE__, __LINE__, "MPI_Allreduce");
          goto out;
        }
        nti = 0;
        for (int64_t i = 0; i < ni; i++)
          if (gbuf[i * row + k + 1] != 0.0f) touched_i[nti++] = (int32_t)i;
      } else if (ctx->size > 1) {
        /* large catalogue: every rank's touched rows (index + gradient) and
         * its linear-layer gradient, gathered and summed in rank order.
         * Traffic grows with the batch, not with the catalogue. */
        eco_timer_begin("recommend.sgd.exchange");
        st = exchange_rows(comm, k, row, gbuf, touched_i, &nti, glin, nlin, &xch);
        eco_timer_end("recommend.sgd.exchange");
        if (st != ECO_OK) goto out;
      }
      if (is_mf) {
        for (int64_t t = 0; t < nti; t++) {
          const int64_t i = touched_i[t];
          float *gi = gbuf + i * row;
          float *q = m->Y + i * k;
          for (int a = 0; a < k; a++) q[a] += lr * gi[a];
          m->ibias[i] += lr * gi[k];
          memset(gi, 0, sizeof(float) * (size_t)row);
        }
      } else {
        adam_t++;
        const float bc1 = 1.0f - powf(0.9f, (float)adam_t);
        const float bc2 = 1.0f - powf(0.999f, (float)adam_t);
        for (int64_t t = 0; t < ntu; t++) {
          const int64_t lu = touched_u[t];
          adam_row(m->X + lu * k, gu + lu * k, mu_m + lu * k, mu_v + lu * k, k, lr, bc1, bc2);
          memset(gu + lu * k, 0, sizeof(float) * (size_t)k);
          umark[lu] = 0;
        }
        for (int64_t t = 0; t < nti; t++) {
          const int64_t i = touched_i[t];
          float *gi = gbuf + i * row;
          adam_row(m->Y + i * k, gi, mi_m + i * k, mi_v + i * k, k, lr, bc1, bc2);
          memset(gi, 0, sizeof(float) * (size_t)row);
        }
        if (!is_bpr) {
          float *glin = gbuf + ni * row;
          adam_row(m->w, glin, wm, wv, 2 * k, lr, bc1, bc2);
          adam_row(&m->wb, glin + 2 * k, wm + 2 * k, wv + 2 * k, 1, lr, bc1, bc2);
          memset(glin, 0, sizeof(float) * (size_t)nlin);
        }
      }
      if ((step & 63) == 0) eco_progress_update(prog, (int64_t)ep * n + s1, NAN);
    }
    if (!is_mf && !is_bpr) loss -= log(bce_prod) + (double)bce_exp * M_LN2;
    double lsum[2] = {loss, (double)n}, lg[2];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(lsum, lg, 2, MPI_DOUBLE, MPI_SUM, comm), out);
    const double tl = is_mf ? sqrt(lg[0] / lg[1]) : lg[0] / lg[1];
    const double secs = MPI_Wtime() - te;
    double metric = NAN, mae = NAN;
    const int use_valid = d->nvalid_global > 0;
    if (is_mf)
      ECO_CALL_GOTO(st, rec_eval_rmse(comm, d, m, use_valid, &metric, &mae), out);
    else
      ECO_CALL_GOTO(st, rec_eval_auc(ctx, o, d, m, use_valid, &metric), out);
    m->h_loss[ep] = tl;
    m->h_metric[ep] = metric;
    m->h_seconds[ep] = secs;
    m->h_rate[ep] = lg[1] / secs;
    m->nepochs = ep + 1;
    eco_progress_update(prog, (int64_t)(ep + 1) * n, tl);
    const double eta = (MPI_Wtime() - t0) / (ep + 1 - ep0) * (o->epochs - ep - 1);
    eco_log_root(ECO_LOG_INFO, "%s epoch %d/%d: %s %.6f, %s %s %.4f, %.3g samples/s, ETA %.1f s",
                 is_mf ? "mf" : is_bpr ? "bpr" : "mlp", ep + 1, o->epochs,
                 is_mf ? "train RMSE" : is_bpr ? "BPR loss" : "BCE", tl,
                 use_valid ? "validation" : "test", is_mf ? "RMSE" : "AUC", metric,
                 m->h_rate[ep], eta);
    int want = 0;
    ECO_CALL_GOTO(st, rec_ckpt_wanted(ctx, ep + 1, o->epochs, &want), out);
    if (want) {
      eco_h5 *cf = NULL;
      ECO_CALL_GOTO(st, rec_ckpt_create(ctx, fp, ep + 1, m, &cf), out);
      ckpt_buffers cb = {m, &adam_t, mu_m, mu_v, mi_m, mi_v, wm, wv};
      st = eco_agree(comm, ckpt_state(ctx, d, k, is_mf, cf, &cb, 1));
      if (st != ECO_OK) {
        eco_h5_close(&cf);
        goto out;
      }
      ECO_CALL_GOTO(st, rec_ckpt_commit(ctx, &cf), out);
      st = eco_agree(comm, rec_ckpt_interrupted(ctx, ep + 1, o->epochs));
      goto out;
    }
  }
  if (ctx->run->resume) rec_ckpt_remove(ctx);
out:
  st = eco_agree(comm, st);
  eco_progress_destroy(&prog);
  free(S);
  free(gbuf);
  free(gu);
  free(touched_u);
  free(touched_i);
  free(xch.send);
  free(xch.recv);
  free(xch.counts);
  free(xch.displs);
  free(umark);
  free(mu_m);
  free(mu_v);
  free(mi_m);
  free(mi_v);
  free(wm);
  free(wv);
  return st;
}
