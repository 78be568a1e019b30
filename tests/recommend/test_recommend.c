/* Unit tests of the recommend module: log parsing, gradients against finite
 * differences, the ALS row solve, ranking metrics, AUC, eco re-ranking and
 * the training negatives. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <mpi.h>

#include "recommend_impl.h"

static void test_parse_line(void **state) {
  (void)state;
  char u[REC_ID_LEN], i[REC_ID_LEN], err[256];
  double v;
  int64_t ts;
  int has;
  const char *l1 = "u1,i9,4.5,874965758";
  assert_int_equal(rec_parse_line(l1, strlen(l1), REC_FMT_CSV, u, i, &v, &ts, &has, err, 256), 0);
  assert_string_equal(u, "u1");
  assert_string_equal(i, "i9");
  assert_true(v == 4.5);
  assert_int_equal(has, 1);
  assert_int_equal(ts, 874965758);
  const char *l2 = "196::242::3::881250949\r";
  assert_int_equal(rec_parse_line(l2, strlen(l2), REC_FMT_ML, u, i, &v, &ts, &has, err, 256), 0);
  assert_string_equal(u, "196");
  assert_string_equal(i, "242");
  assert_true(v == 3.0);
  const char *l3 = "a b\tsku 7\t1";
  assert_int_equal(rec_parse_line(l3, strlen(l3), REC_FMT_TSV, u, i, &v, &ts, &has, err, 256), 0);
  assert_string_equal(u, "a b");
  assert_string_equal(i, "sku 7");
  assert_int_equal(has, 0);
  const char *l4 = "\"x,1\", \"say \"\"hi\"\"\" ,2";
  assert_int_equal(rec_parse_line(l4, strlen(l4), REC_FMT_CSV, u, i, &v, &ts, &has, err, 256), 0);
  assert_string_equal(u, "x,1");
  assert_string_equal(i, "say \"hi\"");
  assert_true(v == 2.0);
  assert_int_equal(rec_parse_line("  \r", 3, REC_FMT_CSV, u, i, &v, &ts, &has, err, 256), 1);
  const char *bad[] = {"u1,i2", "u1,i2,x", "u1,i2,inf", "u1,,3", "u1,i2,3,4,5",
                       "u1,i2,3,12.5", "\"u1,i2,3"};
  for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
    err[0] = '\0';
    assert_int_equal(rec_parse_line(bad[b], strlen(bad[b]), REC_FMT_CSV, u, i, &v, &ts, &has,
                                    err, 256), -1);
    assert_true(strlen(err) > 0);
  }
  char longid[200];
  memset(longid, 'a', 100);
  strcpy(longid + 100, ",i,1");
  assert_int_equal(rec_parse_line(longid, strlen(longid), REC_FMT_CSV, u, i, &v, &ts, &has,
                                  err, 256), -1);
}

static double frand(unsigned *s) {
  *s = *s * 1664525u + 1013904223u;
  return ((*s >> 8) & 0xffffff) / (double)0x1000000;
}

static void test_mlp_gradient(void **state) {
  (void)state;
  enum { K = 6 };
  unsigned s = 7;
  float eu[K], ei[K], w[2 * K], b = 0.3f;
  for (int a = 0; a < K; a++) {
    eu[a] = (float)(frand(&s) - 0.5);
    ei[a] = (float)(frand(&s) - 0.5);
    w[a] = (float)(frand(&s) - 0.5);
    w[K + a] = (float)(frand(&s) - 0.5);
  }
  for (int y = 0; y <= 1; y++) {
    float geu[K], gei[K], gw[2 * K], gb;
    rec_mlp_loss(K, eu, ei, w, b, y, geu, gei, gw, &gb);
    const float h = 1e-3f;
    for (int a = 0; a < K; a++) {
      float *ps[3] = {&eu[a], &ei[a], &w[a]};
      float gs[3] = {geu[a], gei[a], gw[a]};
      for (int t = 0; t < 3; t++) {
        float keep = *ps[t];
        *ps[t] = keep + h;
        double lp = rec_mlp_loss(K, eu, ei, w, b, y, NULL, NULL, NULL, NULL);
        *ps[t] = keep - h;
        double lm = rec_mlp_loss(K, eu, ei, w, b, y, NULL, NULL, NULL, NULL);
        *ps[t] = keep;
        assert_true(fabs((lp - lm) / (2 * h) - gs[t]) < 2e-3);
      }
    }
    double lp = rec_mlp_loss(K, eu, ei, w, b + 1e-3f, y, NULL, NULL, NULL, NULL);
    double lm = rec_mlp_loss(K, eu, ei, w, b - 1e-3f, y, NULL, NULL, NULL, NULL);
    assert_true(fabs((lp - lm) / 2e-3 - gb) < 2e-3);
  }
}

static void test_exp_neg(void **state) {
  (void)state;
  /* the training loop's e^x (x <= 0): within 2 ulp of e^x down to -87, e^-87
   * below, NaN kept */
  double worst = 0.0;
  for (int i = 0; i <= 2000000; i++) {
    const float x = -87.0f * (float)i / 2000000.0f;
    const double e = exp((double)x);
    const double rel = fabs((double)rec_exp_neg(x) - e) / e;
    if (rel > worst) worst = rel;
  }
  assert_true(worst < 2.0 * 0x1.0p-24);
  assert_true(rec_exp_neg(0.0f) == 1.0f);
  assert_true(fabs(rec_exp_neg(-1000.0f) / exp(-87.0) - 1.0) < 2.0 * 0x1.0p-24);
  assert_true(isnan(rec_exp_neg(NAN)));
}

static void test_mf_gradient(void **state) {
  (void)state;
  enum { K = 5 };
  unsigned s = 11;
  float p[K], q[K], bu = 0.2f, bi = -0.1f;
  for (int a = 0; a < K; a++) {
    p[a] = (float)(frand(&s) - 0.5);
    q[a] = (float)(frand(&s) - 0.5);
  }
  float gp[K], gq[K], gbu, gbi;
  const double mu = 3.5, r = 4.0, reg = 0.07;
  rec_mf_loss(K, mu, bu, bi, p, q, r, reg, gp, gq, &gbu, &gbi);
  const float h = 1e-3f;
  for (int a = 0; a < K; a++) {
    float keep = p[a];
    p[a] = keep + h;
    double lp = rec_mf_loss(K, mu, bu, bi, p, q, r, reg, NULL, NULL, NULL, NULL);
    p[a] = keep - h;
    double lm = rec_mf_loss(K, mu, bu, bi, p, q, r, reg, NULL, NULL, NULL, NULL);
    p[a] = keep;
    assert_true(fabs((lp - lm) / (2 * h) - gp[a]) < 2e-3);
    keep = q[a];
    q[a] = keep + h;
    lp = rec_mf_loss(K, mu, bu, bi, p, q, r, reg, NULL, NULL, NULL, NULL);
    q[a] = keep - h;
    lm = rec_mf_loss(K, mu, bu, bi, p, q, r, reg, NULL, NULL, NULL, NULL);
    q[a] = keep;
    assert_true(fabs((lp - lm) / (2 * h) - gq[a]) < 2e-3);
  }
  double lp = rec_mf_loss(K, mu, bu + h, bi, p, q, r, reg, NULL, NULL, NULL, NULL);
  double lm = rec_mf_loss(K, mu, bu - h, bi, p, q, r, reg, NULL, NULL, NULL, NULL);
  assert_true(fabs((lp - lm) / (2 * h) - gbu) < 2e-3);
  lp = rec_mf_loss(K, mu, bu, bi + h, p, q, r, reg, NULL, NULL, NULL, NULL);
  lm = rec_mf_loss(K, mu, bu, bi - h, p, q, r, reg, NULL, NULL, NULL, NULL);
  assert_true(fabs((lp - lm) / (2 * h) - gbi) < 2e-3);
}

static void test_bpr_gradient(void **state) {
  (void)state;
  enum { K = 6 };
  unsigned s = 13;
  float p[K], qi[K], qj[K];
  for (int a = 0; a < K; a++) {
    p[a] = (float)(frand(&s) - 0.5);
    qi[a] = (float)(frand(&s) - 0.5);
    qj[a] = (float)(frand(&s) - 0.5);
  }
  float gp[K], gi[K], gj[K];
  const double reg = 0.05;
  rec_bpr_loss(K, p, qi, qj, reg, gp, gi, gj);
  const float h = 1e-3f;
  for (int a = 0; a < K; a++) {
    float *ps[3] = {&p[a], &qi[a], &qj[a]};
    float gs[3] = {gp[a], gi[a], gj[a]};
    for (int t = 0; t < 3; t++) {
      float keep = *ps[t];
      *ps[t] = keep + h;
      double lp = rec_bpr_loss(K, p, qi, qj, reg, NULL, NULL, NULL);
      *ps[t] = keep - h;
      double lm = rec_bpr_loss(K, p, qi, qj, reg, NULL, NULL, NULL);
      *ps[t] = keep;
      assert_true(fabs((lp - lm) / (2 * h) - gs[t]) < 2e-3);
    }
  }
}

/* The ALS row solve against the normal equations built densely. */
static void test_als_solve(void **state) {
  (void)state;
  enum { K = 4, NI = 600 };
  unsigned s = 3;
  static float Y[NI * K];
  for (int j = 0; j < NI * K; j++) Y[j] = (float)(frand(&s) - 0.5);
  double G[K * K] = {0};
  for (int i = 0; i < NI; i++)
    for (int a = 0; a < K; a++)
      for (int c = 0; c < K; c++) G[a * K + c] += (double)Y[i * K + a] * Y[i * K + c];
  /* a short row (rank-1 updates) and a long one (dsyrk by blocks) */
  for (int nrow = 3; nrow <= 300; nrow += 297) {
  int32_t idx[300];
  float val[300];
  for (int j = 0; j < nrow; j++) {
    idx[j] = 1 + 2 * j;
    val[j] = (float)(0.5 + 3 * frand(&s));
  }
  const double alpha = 2.0, reg = 0.1;
  double A[K * K], b[K], Z[REC_ALS_BLOCK * K];
  float x[K];
  assert_int_equal(rec_als_solve_row(K, G, Y, idx, val, nrow, alpha, reg, A, b, Z, x), 0);
  /* residual of (G + sum (c-1) y y^T + reg I) x = sum c y */
  for (int a = 0; a < K; a++) {
    double lhs = reg * x[a], rhs = 0;
    for (int c = 0; c < K; c++) lhs += G[a * K + c] * x[c];
    for (int j = 0; j < nrow; j++) {
      const float *y = Y + idx[j] * K;
      double conf = 1 + alpha * val[j], d = 0;
      for (int c = 0; c < K; c++) d += (double)y[c] * x[c];
      lhs += (conf - 1) * y[a] * d;
      rhs += conf * y[a];
    }
    assert_true(fabs(lhs - rhs) < 1e-4 * (1 + fabs(rhs)));
  }
  }
}

static void test_list_metrics(void **state) {
  (void)state;
  int32_t list[4] = {5, 2, 9, 1};
  int32_t held[2] = {1, 2};
  double r, n;
  rec_list_metrics(list, 4, held, 2, 4, &r, &n);
  assert_true(fabs(r - 1.0) < 1e-12);
  double dcg = 1 / log2(3.0) + 1 / log2(5.0), idcg = 1 + 1 / log2(3.0);
  assert_true(fabs(n - dcg / idcg) < 1e-12);
  rec_list_metrics(list, 2, held, 2, 2, &r, &n);
  assert_true(fabs(r - 0.5) < 1e-12);
  rec_list_metrics(list, 4, held, 0, 4, &r, &n);
  assert_true(r == 0 && n == 0);
}

static void test_auc(void **state) {
  (void)state;
  float s[4] = {0.9f, 0.5f, 0.5f, 0.1f};
  unsigned char y[4] = {1, 1, 0, 0};
  double auc;
  assert_int_equal(rec_auc(MPI_COMM_SELF, 4, s, y, &auc), ECO_OK);
  assert_true(fabs(auc - 0.875) < 1e-12);
}

static int ref_cmp_rel;
static const float *ref_score;
static int by_score(const void *a, const void *b) {
  int32_t i = *(const int32_t *)a, j = *(const int32_t *)b;
  if (ref_score[i] != ref_score[j]) return ref_score[i] > ref_score[j] ? -1 : 1;
  return i < j ? -1 : 1;
}

/* beta = 0 is the plain ranking; larger beta never lowers the mean eco-score. */
static void test_topk_eco(void **state) {
  (void)state;
  enum { N = 300, K = 12 };
  unsigned s = 5;
  float rel[N], eco[N];
  unsigned char allowed[N];
  for (int rep = 0; rep < 50; rep++) {
    for (int i = 0; i < N; i++) {
      rel[i] = (float)frand(&s);
      if (i % 17 == 0) rel[i] = 0.5f; /* ties */
      eco[i] = (float)frand(&s);
      allowed[i] = (i % 7) != 3;
    }
    int32_t items[K], ref[N];
    float sc[K];
    int n = eco_recommend_topk(rel, eco, allowed, N, 0.0, K, items, sc);
    assert_int_equal(n, K);
    int m = 0;
    for (int i = 0; i < N; i++)
      if (allowed[i]) ref[m++] = i;
    ref_score = rel;
    (void)ref_cmp_rel;
    qsort(ref, (size_t)m, sizeof(int32_t), by_score);
    for (int j = 0; j < K; j++) {
      assert_int_equal(items[j], ref[j]);
      assert_true(sc[j] == rel[ref[j]]);
    }
    double prev = -1;
    const double betas[] = {0, 0.01, 0.05, 0.1, 0.3, 1, 3, 10};
    for (size_t b = 0; b < sizeof betas / sizeof betas[0]; b++) {
      n = eco_recommend_topk(rel, eco, allowed, N, betas[b], K, items, sc);
      double e = 0;
      for (int j = 0; j < n; j++) {
        assert_true(allowed[items[j]]);
        if (j) assert_true(sc[j] <= sc[j - 1]);
        e += eco[items[j]];
      }
      e /= n;
      assert_true(e >= prev - 1e-9);
      prev = e;
    }
  }
  /* fewer allowed items than K */
  memset(allowed, 0, N);
  allowed[10] = allowed[20] = 1;
  int32_t items[K];
  float sc[K];
  assert_int_equal(eco_recommend_topk(rel, eco, allowed, N, 0.2, K, items, sc), 2);
}

/* The training negatives against a word-by-word draw written here from the
 * stream's definition: each user's stream (key, ECO_RNG_RECOMMEND, 2^63 +
 * global user), each word mapped to [0, n) by Lemire's multiply-shift with
 * rejection, seen items skipped, and, for a user who has seen more than 7/8
 * of the items, the 32nd seen draw in a row kept. Users cover: no training
 * item, a few seen, 2/3 seen (still the common path), 7/8 + 1 seen (the
 * capped path), everything seen, and one needing more words than the
 * batched blocks hold; the same with and without the seen bitmap, at a
 * non-zero first user (a rank's block). */
static void oracle_draws(const rec_data *d, int64_t lu, uint64_t key, int64_t need,
                         int32_t *out) {
  const uint32_t n = (uint32_t)d->nitems, lim = (0u - n) % n;
  const int32_t *seen = d->seen_item + d->seen_ptr[lu];
  const int64_t ns = d->seen_ptr[lu + 1] - d->seen_ptr[lu];
  eco_rng r;
  eco_rng_init(&r, key, ECO_RNG_RECOMMEND, (1ULL << 63) | (uint64_t)(d->user0 + lu));
  int run = 0;
  for (int64_t c = 0; c < need;) {
    const uint64_t x = (uint64_t)eco_rng_u32(&r) * n;
    if ((uint32_t)x < lim) continue;
    const int32_t j = (int32_t)(x >> 32);
    int hit = 0;
    for (int64_t t = 0; t < ns; t++) hit |= seen[t] == j;
    if (!hit || (8 * ns > 7 * (int64_t)n && run == 31)) {
      out[c++] = j;
      run = 0;
    } else {
      run++;
    }
  }
}

static void test_draw_negatives(void **state) {
  (void)state;
  enum { NU = 6, NI = 301, NNEG = 4 };
  const int64_t ntr_u[NU] = {0, 3, 40, 2, 1, 2000};     /* training items per user */
  const int64_t nseen_u[NU] = {0, 5, 200, 265, NI, 100}; /* 7/8 of 301 is 263.4 */
  rec_data d;
  memset(&d, 0, sizeof d);
  d.nusers = 100;
  d.nitems = NI;
  d.user0 = 17;
  d.nuser_local = NU;
  int64_t tr_ptr[NU + 1] = {0}, seen_ptr[NU + 1] = {0};
  for (int u = 0; u < NU; u++) {
    tr_ptr[u + 1] = tr_ptr[u] + ntr_u[u];
    seen_ptr[u + 1] = seen_ptr[u] + nseen_u[u];
  }
  int32_t *seen = malloc(sizeof(int32_t) * (size_t)seen_ptr[NU]);
  uint64_t *bits = calloc((NU * NI + 63) / 64 + 1, sizeof(uint64_t));
  assert_non_null(seen);
  assert_non_null(bits);
  for (int u = 0; u < NU; u++) { /* the items i with (37 i + 11 u) mod NI < m: m of them */
    const int64_t m = seen_ptr[u + 1] - seen_ptr[u];
    int32_t *s = seen + seen_ptr[u];
    for (int i = 0, t = 0; i < NI; i++)
      if ((37 * i + 11 * u) % NI < m) s[t++] = i;
    for (int64_t t = 0; t < m; t++) {
      const int64_t b = (int64_t)u * NI + s[t];
      bits[b >> 6] |= 1ULL << (b & 63);
    }
  }
  d.tr_ptr = tr_ptr;
  d.seen_ptr = seen_ptr;
  d.seen_item = seen;
  const int64_t nneg = tr_ptr[NU] * NNEG;
  int32_t *a = malloc(sizeof(int32_t) * (size_t)(nneg + REC_DRAW_SLACK));
  int32_t *b = malloc(sizeof(int32_t) * (size_t)(nneg + REC_DRAW_SLACK));
  int32_t *o = malloc(sizeof(int32_t) * (size_t)nneg);
  assert_non_null(a);
  assert_non_null(b);
  assert_non_null(o);
  for (uint64_t key = 1; key <= 3; key++) {
    d.seen_bits = bits;
    assert_int_equal(rec_draw_negatives(&d, key * 0x9e3779b97f4a7c15ULL, NNEG, a), ECO_OK);
    d.seen_bits = NULL;
    assert_int_equal(rec_draw_negatives(&d, key * 0x9e3779b97f4a7c15ULL, NNEG, b), ECO_OK);
    for (int u = 0; u < NU; u++) {
      const int64_t need = ntr_u[u] * NNEG;
      oracle_draws(&d, u, key * 0x9e3779b97f4a7c15ULL, need, o + tr_ptr[u] * NNEG);
      for (int64_t t = tr_ptr[u] * NNEG; t < tr_ptr[u + 1] * NNEG; t++) {
        assert_int_equal(a[t], o[t]);
        assert_int_equal(b[t], o[t]);
        assert_true(a[t] >= 0 && a[t] < NI);
        if (nseen_u[u] < NI) { /* never a seen item while any is unseen */
          const int64_t bit = (int64_t)u * NI + a[t];
          assert_false((bits[bit >> 6] >> (bit & 63)) & 1);
        }
      }
    }
  }
  /* the last user's 8000 draws (more than the batched blocks hold) cover
   * its 201 unseen items about uniformly (40 expected each) */
  int cnt[NI] = {0};
  for (int64_t t = tr_ptr[5] * NNEG; t < tr_ptr[6] * NNEG; t++) cnt[a[t]]++;
  int nz = 0, lo = 1 << 30, hi = 0;
  for (int i = 0; i < NI; i++)
    if (cnt[i] > 0) {
      nz++;
      lo = cnt[i] < lo ? cnt[i] : lo;
      hi = cnt[i] > hi ? cnt[i] : hi;
    }
  assert_int_equal(nz, NI - 100);
  assert_true(lo >= 15 && hi <= 75);
  free(a);
  free(b);
  free(o);
  free(seen);
  free(bits);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_line),  cmocka_unit_test(test_mlp_gradient),
      cmocka_unit_test(test_exp_neg),
      cmocka_unit_test(test_mf_gradient), cmocka_unit_test(test_bpr_gradient),
      cmocka_unit_test(test_als_solve),
      cmocka_unit_test(test_list_metrics), cmocka_unit_test(test_auc),
      cmocka_unit_test(test_topk_eco),      cmocka_unit_test(test_draw_negatives),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  MPI_Finalize();
  return rc;
}
