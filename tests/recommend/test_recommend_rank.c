/* Unit tests of eval.c's ranking pieces against brute-force oracles:
 * eco_recommend_topk (blocks skipped by a vectorized test once the heap is
 * full) equals a full sort by (score desc, index asc) for random betas,
 * heavy ties, -0.0, and NULL eco / allowed; rec_auc (radix sort) equals the
 * count over all (positive, negative) pairs with ties counted 1/2. */
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

static double frand(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return (double)((*s >> 8) & 0xffffff) / 16777216.0;
}

static const double *o_score;
static int by_score(const void *a, const void *b) {
  const int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  if (o_score[x] != o_score[y]) return o_score[x] > o_score[y] ? -1 : 1;
  return x < y ? -1 : 1;
}

static void test_topk_oracle(void **state) {
  (void)state;
  enum { NMAX = 3000, KMAX = 40 };
  static float rel[NMAX], eco[NMAX];
  static unsigned char allowed[NMAX];
  static double s[NMAX];
  static int32_t ref[NMAX];
  unsigned seed = 11;
  const double betas[] = {0, 0.05, 0.1, 1, -0.5};
  for (int rep = 0; rep < 400; rep++) {
    const int n = 1 + (int)(frand(&seed) * NMAX);
    const int k = 1 + (int)(frand(&seed) * KMAX);
    const int kind = rep % 3; /* 0: few distinct values (ties), 1: uniform, 2: with -0.0 */
    for (int i = 0; i < n; i++) {
      rel[i] = kind == 0 ? (float)(int)(frand(&seed) * 5) * 0.25f : (float)(2 * frand(&seed) - 1);
      if (kind == 2 && frand(&seed) < 0.25) rel[i] = -0.0f;
      eco[i] = kind == 0 ? (float)(int)(frand(&seed) * 3) * 0.5f : (float)frand(&seed);
      allowed[i] = frand(&seed) >= 0.2;
    }
    const double beta = betas[rep % 5];
    const int mode = (rep / 5) % 4;
    const float *e = mode & 1 ? NULL : eco;
    const unsigned char *a = mode & 2 ? NULL : allowed;
    int m = 0;
    for (int i = 0; i < n; i++) {
      s[i] = (double)rel[i] + (e ? beta * (double)e[i] : 0.0);
      if (!a || a[i]) ref[m++] = i;
    }
    o_score = s;
    qsort(ref, (size_t)m, sizeof(int32_t), by_score);
    int32_t items[KMAX];
    float sc[KMAX];
    const int got = eco_recommend_topk(rel, e, a, n, beta, k, items, sc);
    assert_int_equal(got, m < k ? m : k);
    for (int j = 0; j < got; j++) {
      assert_int_equal(items[j], ref[j]);
      assert_true(sc[j] == (float)s[ref[j]]);
    }
  }
}

static void test_auc_oracle(void **state) {
  (void)state;
  enum { N = 1500 };
  static float sc[N];
  static unsigned char y[N];
  unsigned seed = 3;
  for (int rep = 0; rep < 20; rep++) {
    int n = 2 + (int)(frand(&seed) * (N - 2));
    for (int i = 0; i < n; i++) {
      /* many ties, both signs, -0.0 */
      sc[i] = rep % 2 ? (float)((int)(frand(&seed) * 9) - 4) * 0.5f : (float)(2 * frand(&seed) - 1);
      if (frand(&seed) < 0.05) sc[i] = -0.0f;
      y[i] = frand(&seed) < 0.4;
    }
    y[0] = 1;
    y[1] = 0;
    double num = 0, np = 0, nn = 0;
    for (int i = 0; i < n; i++) {
      if (!y[i]) continue;
      np++;
      for (int j = 0; j < n; j++) {
        if (y[j]) continue;
        num += sc[i] > sc[j] ? 1.0 : sc[i] == sc[j] ? 0.5 : 0.0;
      }
    }
    for (int j = 0; j < n; j++) nn += !y[j];
    double auc = NAN;
    assert_int_equal(rec_auc(MPI_COMM_WORLD, n, sc, y, &auc), ECO_OK);
    assert_true(fabs(auc - num / (np * nn)) < 1e-12);
  }
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_topk_oracle),
      cmocka_unit_test(test_auc_oracle),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  MPI_Finalize();
  return rc;
}
