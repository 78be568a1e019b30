/* `generate interactions`: synthetic interaction logs of any size, written
 * in parallel straight to the HDF5 layout of `import interactions`.
 *
 * Items: a category (uniform), an eco-score around the category's level
 * (greener categories are a bit less popular), a Zipf popularity over a
 * random order of the items, latent tastes. Users: Pareto activity with a
 * floor, latent tastes. A user's items are drawn from the popularity
 * distribution and kept with probability sigmoid(2 taste u.v / sqrt(r))
 * (no repeats); the rating is round(3.6 + 0.9 u.v / sqrt(r) + N(0, 0.7^2))
 * clipped to 1..5; timestamps increase per user. Every draw comes from a
 * stream keyed by (seed, user) or (seed, item), so the file is the same at
 * any rank count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recommend_impl.h"

typedef struct {
  int64_t users, items;
  double mean_activity;
  int min_activity;
  double pareto_shape;
  double zipf;
  int rank;
  double taste;
  int categories;
  double noise;
} gen_opts;

static const eco_option gen_options[] = {
    {"users", ECO_OPT_INT64, "943", 1, 2e9, NULL, "number of users", offsetof(gen_opts, users)},
    {"items", ECO_OPT_INT64, "1682", 2, 2e9, NULL, "number of items", offsetof(gen_opts, items)},
    {"mean_activity", ECO_OPT_DOUBLE, "100", 1, 1e7, NULL,
     "mean interactions per user (Pareto tail above min_activity)",
     offsetof(gen_opts, mean_activity)},
    {"min_activity", ECO_OPT_INT, "20", 1, 10000000, NULL, "interactions of the least active users",
     offsetof(gen_opts, min_activity)},
    {"pareto_shape", ECO_OPT_DOUBLE, "1.6", 1.05, 100, NULL,
     "shape of the user-activity power law (smaller: heavier tail)",
     offsetof(gen_opts, pareto_shape)},
    {"zipf", ECO_OPT_DOUBLE, "0.9", 0, 5, NULL, "item popularity exponent",
     offsetof(gen_opts, zipf)},
    {"rank", ECO_OPT_INT, "8", 1, 256, NULL, "dimensions of the latent tastes",
     offsetof(gen_opts, rank)},
    {"taste", ECO_OPT_DOUBLE, "1", 0, 100, NULL, "how strongly tastes steer the choice of items",
     offsetof(gen_opts, taste)},
    {"categories", ECO_OPT_INT, "10", 1, 100000, NULL, "item categories (eco-score levels)",
     offsetof(gen_opts, categories)},
    {"noise", ECO_OPT_DOUBLE, "0.7", 0, 100, NULL, "standard deviation of the rating noise",
     offsetof(gen_opts, noise)},
};

static const eco_option_table gen_table =
    ECO_OPTION_TABLE("generate_interactions", gen_options, gen_opts);

static void item_props(uint64_t seed, int64_t i, const gen_opts *o, int *cat, double *eco,
                       uint64_t *key) {
  eco_rng r;
  eco_rng_init(&r, seed, ECO_RNG_GENERATE, (1ULL << 40) | (uint64_t)i);
  *cat = (int)eco_rng_below(&r, (uint64_t)o->categories);
  double base = o->categories > 1 ? 0.1 + 0.8 * *cat / (o->categories - 1) : 0.5;
  double e = base + 0.08 * eco_rng_normal(&r);
  *eco = e < 0 ? 0 : e > 1 ? 1 : e;
  *key = eco_rng_u64(&r); /* the item's place in the popularity order */
}

static void latent(uint64_t seed, uint64_t tag, int64_t id, int k, double *v) {
  eco_rng r;
  eco_rng_init(&r, seed, ECO_RNG_GENERATE, tag | (uint64_t)id);
  for (int a = 0; a < k; a++) v[a] = eco_rng_normal(&r);
}

typedef struct {
  uint64_t key;
  int64_t item;
} keyed;

static int keyed_cmp(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->item < y->item ? -1 : (x->item > y->item);
}

static int i32_cmp(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

static eco_status gen_check(const eco_ctx *ctx, void *vo) {
  gen_opts *o = vo;
  ECO_CHECK(ctx->ninputs == 0, ECO_ERR_USAGE, "generate interactions takes no input files (got '%s')",
            ctx->ninputs ? ctx->inputs[0] : "");
  ECO_CHECK(o->mean_activity >= o->min_activity, ECO_ERR_CONFIG,
            "[generate_interactions] mean_activity (%g) must be >= min_activity (%d)",
            o->mean_activity, o->min_activity);
  ECO_CHECK(o->min_activity <= o->items / 4, ECO_ERR_CONFIG,
            "[generate_interactions] min_activity (%d) must be at most items / 4 (%lld)",
            o->min_activity, (long long)(o->items / 4));
  return ECO_OK;
}

static eco_status gen_run(const eco_ctx *ctx, void *vo) {
  gen_opts *o = vo;
  const uint64_t seed = (uint64_t)ctx->run->seed;
  const int64_t ni = o->items, k = o->rank;
  const int64_t cap = ni / 4 > o->min_activity ? ni / 4 : o->min_activity;
  eco_status st = ECO_OK;
  double *cdf = NULL, *uv = NULL, *iv = NULL, *eco_blk = NULL;
  keyed *order = NULL;
  int32_t *u = NULL, *it = NULL, *mine = NULL;
  double *val = NULL;
  int64_t *ts = NULL;
  char *uid = NULL, *iid = NULL, *cat_blk = NULL;
  int64_t n = 0, ncap = 0;
  eco_results *res = NULL;

  /* popularity: Zipf over the items ordered by a random key, times
   * exp(-eco); cumulative for drawing by binary search (replicated) */
  ECO_CALL_GOTO(st, eco_malloc_all(ctx->comm, sizeof(keyed) * (size_t)ni, &order), out);
  ECO_CALL_GOTO(st, eco_malloc_all(ctx->comm, sizeof(double) * (size_t)ni, &cdf), out);
  for (int64_t i = 0; i < ni; i++) {
    int c;
    double e;
    item_props(seed, i, o, &c, &e, &order[i].key);
    order[i].item = i;
    cdf[i] = e; /* eco, temporarily */
  }
  qsort(order, (size_t)ni, sizeof(keyed), keyed_cmp);
  {
    double *w = NULL;
    ECO_CALL_GOTO(st, eco_malloc_all(ctx->comm, sizeof(double) * (size_t)ni, &w), out);
    for (int64_t r = 0; r < ni; r++)
      w[order[r].item] = pow((double)r + 1.0, -o->zipf) * exp(-cdf[order[r].item]);
    double acc = 0;
    for (int64_t i = 0; i < ni; i++) {
      acc += w[i];
      cdf[i] = acc;
    }
    for (int64_t i = 0; i < ni; i++) cdf[i] /= acc;
    free(w);
  }
  free(order);
  order = NULL;

  /* this rank's users */
  int64_t u0, nu;
  eco_block_range(o->users, ctx->rank, ctx->size, &u0, &nu);
  /* agreed before the collective progress meter */
  st = eco_malloc(sizeof(double) * (size_t)k, &uv);
  if (st == ECO_OK) st = eco_malloc(sizeof(double) * (size_t)k, &iv);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)cap, &mine);
  ECO_CALL_GOTO(st, eco_agree(ctx->comm, st), out);
  const double sk = sqrt((double)k);
  eco_progress *prog = NULL;
  ECO_CALL_GOTO(st, eco_progress_create(ctx->comm, "generate interactions", o->users, NULL,
                                        ECO_FIGURE_SUM, &prog),
                out);
  for (int64_t j = 0; j < nu && st == ECO_OK; j++) {
    const int64_t user = u0 + j;
    eco_rng r;
    eco_rng_init(&r, seed, ECO_RNG_GENERATE, (2ULL << 40) | (uint64_t)user);
    /* Pareto(xm, a) activity above the floor: its excess X - xm has mean
     * xm / (a - 1) = mean_activity - min_activity (before the cap) */
    const double a = o->pareto_shape;
    const double xm = (o->mean_activity - o->min_activity) * (a - 1);
    const double x = xm > 0 ? xm / pow(1.0 - eco_rng_uniform(&r), 1.0 / a) : 0.0;
    int64_t na = o->min_activity + (int64_t)(x - xm + 0.5);
    if (na > cap) na = cap;
    if (na < o->min_activity) na = o->min_activity;
    latent(seed, 3ULL << 40, user, (int)k, uv);
    int64_t got = 0, tries = 0;
    while (got < na && tries < 1000 * na) {
      tries++;
      const double q = eco_rng_uniform(&r);
      int64_t lo = 0, hi = ni - 1;
      while (lo < hi) {
        int64_t mid = (lo + hi) / 2;
        if (cdf[mid] <= q)
          lo = mid + 1;
        else
          hi = mid;
      }
      latent(seed, 4ULL << 40, lo, (int)k, iv);
      double s = 0;
      for (int a2 = 0; a2 < k; a2++) s += uv[a2] * iv[a2];
      const double keep = 1.0 / (1.0 + exp(-2.0 * o->taste * s / sk));
      if (eco_rng_uniform(&r) >= keep) continue;
      int dup = 0;
      for (int64_t t = 0; t < got && !dup; t++) dup = mine[t] == (int32_t)lo;
      if (dup) continue;
      mine[got++] = (int32_t)lo;
    }
    if (n + got > ncap) {
      int64_t nc = ncap ? ncap : 1024;
      while (nc < n + got) nc *= 2;
      if ((st = eco_realloc(sizeof(int32_t) * (size_t)nc, &u)) != ECO_OK) break;
      if ((st = eco_realloc(sizeof(int32_t) * (size_t)nc, &it)) != ECO_OK) break;
      if ((st = eco_realloc(sizeof(double) * (size_t)nc, &val)) != ECO_OK) break;
      if ((st = eco_realloc(sizeof(int64_t) * (size_t)nc, &ts)) != ECO_OK) break;
      ncap = nc;
    }
    /* timestamps: sorted offsets within 200 days */
    int64_t t0 = 874724710 + user * 37;
    int64_t *off = ts + n;
    for (int64_t t = 0; t < got; t++) off[t] = (int64_t)eco_rng_below(&r, 200 * 86400);
    for (int64_t t = 1; t < got; t++) /* insertion sort: per-user lists are short */
      for (int64_t q = t; q > 0 && off[q] < off[q - 1]; q--) {
        int64_t z = off[q];
        off[q] = off[q - 1];
        off[q - 1] = z;
      }
    qsort(mine, (size_t)got, sizeof(int32_t), i32_cmp);
    for (int64_t t = 0; t < got; t++) {
      latent(seed, 4ULL << 40, mine[t], (int)k, iv);
      double s = 0;
      for (int a2 = 0; a2 < k; a2++) s += uv[a2] * iv[a2];
      double z = rint(3.6 + 0.9 * s / sk + o->noise * eco_rng_normal(&r));
      u[n + t] = (int32_t)user;
      it[n + t] = mine[t];
      val[n + t] = z < 1 ? 1 : z > 5 ? 5 : z;
      ts[n + t] = t0 + off[t];
    }
    n += got;
    eco_progress_update(prog, j + 1, NAN);
  }
  eco_progress_destroy(&prog);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto out;

  /* ids and item table of this rank's blocks */
  int64_t i0, nib;
  eco_block_range(ni, ctx->rank, ctx->size, &i0, &nib);
  ECO_CALL_GOTO(st, eco_calloc((size_t)(nu + 1), REC_ID_LEN, &uid), fail);
  ECO_CALL_GOTO(st, eco_calloc((size_t)(nib + 1), REC_ID_LEN, &iid), fail);
  ECO_CALL_GOTO(st, eco_calloc((size_t)(nib + 1), REC_ID_LEN, &cat_blk), fail);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(nib + 1), &eco_blk), fail);
  for (int64_t j = 0; j < nu; j++) snprintf(uid + j * REC_ID_LEN, REC_ID_LEN, "u%lld", (long long)(u0 + j + 1));
  for (int64_t j = 0; j < nib; j++) {
    int c;
    uint64_t key;
    snprintf(iid + j * REC_ID_LEN, REC_ID_LEN, "i%lld", (long long)(i0 + j + 1));
    item_props(seed, i0 + j, o, &c, &eco_blk[j], &key);
    snprintf(cat_blk + j * REC_ID_LEN, REC_ID_LEN, "cat%d", c);
  }
fail:
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto out;
  ECO_CALL_GOTO(st, eco_results_create(ctx, ctx->run->output, &res), out);
  {
    eco_h5 *f = eco_results_h5(res);
    int64_t tot = 0;
    MPI_Allreduce(&n, &tot, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
    eco_h5_layout lay = {1 << 20, 0};
    const eco_h5_layout *L = tot > (1 << 20) ? &lay : NULL;
    st = eco_h5_rows_write(f, "/interactions/user", ECO_H5_INT32, 0, n, 0, u, L, NULL);
    if (st == ECO_OK) st = eco_h5_rows_write(f, "/interactions/item", ECO_H5_INT32, 0, n, 0, it, L, NULL);
    if (st == ECO_OK) st = eco_h5_rows_write(f, "/interactions/value", ECO_H5_DOUBLE, 0, n, 0, val, L, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/interactions/timestamp", ECO_H5_INT64, 0, n, 0, ts, L, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/interactions/user_id", ECO_H5_STRING, REC_ID_LEN, nu, 0, uid, NULL, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/interactions/item_id", ECO_H5_STRING, REC_ID_LEN, nib, 0, iid, NULL, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/items/eco_score", ECO_H5_DOUBLE, 0, nib, 0, eco_blk, NULL, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/items/category", ECO_H5_STRING, REC_ID_LEN, nib, 0, cat_blk, NULL, NULL);
    if (st == ECO_OK) st = eco_h5_attr_set_int64(f, "/interactions", "users", o->users);
    if (st == ECO_OK) st = eco_h5_attr_set_int64(f, "/interactions", "items", ni);
    st = eco_agree(ctx->comm, st);
    if (st == ECO_OK)
      eco_log_root(ECO_LOG_INFO, "generated %lld interactions of %lld users and %lld items",
                   (long long)tot, (long long)o->users, (long long)ni);
  }
  if (st != ECO_OK) {
    eco_results_abort(&res);
    goto out;
  }
  st = eco_results_commit(&res);
out:
  free(cdf);
  free(uv);
  free(iv);
  free(order);
  free(u);
  free(it);
  free(mine);
  free(val);
  free(ts);
  free(uid);
  free(iid);
  free(cat_blk);
  free(eco_blk);
  return st;
}

const eco_command eco_generate_interactions_command = {
    "generate interactions", "",
    "synthetic interaction log (power-law activity and popularity, latent tastes, eco-scores "
    "by category) as HDF5 /interactions, /items",
    &gen_table, gen_check, gen_run};
