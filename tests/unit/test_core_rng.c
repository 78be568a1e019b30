/* Philox streams: known answer, reproducibility, independence, moments,
 * unbiased below(), exact stream positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ecoscale/core.h"

static void test_known_answer(void **state) {
  (void)state;
  /* Random123's published Philox4x32-10 vector for counter 0, key 0:
   * seed 0, kind 0, entity 0 is exactly that input (see rng.c). */
  eco_rng r;
  eco_rng_init(&r, 0, ECO_RNG_TEST, 0);
  assert_int_equal(eco_rng_u32(&r), 0x6627e8d5u);
  assert_int_equal(eco_rng_u32(&r), 0xe169c58du);
  assert_int_equal(eco_rng_u32(&r), 0xbc57ac4cu);
  assert_int_equal(eco_rng_u32(&r), 0x9b00dbd8u);
}

static void test_reproducible(void **state) {
  (void)state;
  eco_rng a, b;
  eco_rng_init(&a, 20240601, ECO_RNG_FORECAST, 123456789012ull);
  eco_rng_init(&b, 20240601, ECO_RNG_FORECAST, 123456789012ull);
  for (int i = 0; i < 10000; i++)
    assert_int_equal(eco_rng_u64(&a), eco_rng_u64(&b));
  /* Re-initializing restarts the stream. */
  eco_rng_init(&a, 20240601, ECO_RNG_FORECAST, 123456789012ull);
  eco_rng_init(&b, 20240601, ECO_RNG_FORECAST, 123456789012ull);
  double x = eco_rng_normal(&a);
  assert_true(x == eco_rng_normal(&b));
}

/* Correlation of the uniforms of two streams. */
static double correlation(eco_rng *a, eco_rng *b, int n) {
  double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
  for (int i = 0; i < n; i++) {
    double x = eco_rng_uniform(a), y = eco_rng_uniform(b);
    sa += x;
    sb += y;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  double cov = sab / n - (sa / n) * (sb / n);
  return cov / sqrt((saa / n - (sa / n) * (sa / n)) *
                    (sbb / n - (sb / n) * (sb / n)));
}

static void test_independent(void **state) {
  (void)state;
  const int n = 200000;
  const double tol = 5.0 / sqrt((double)n); /* five standard errors */
  struct {
    uint64_t seed;
    uint32_t kind;
    uint64_t entity;
  } s[] = {{1, ECO_RNG_PLAN, 0},          {2, ECO_RNG_PLAN, 0},
           {1, ECO_RNG_SUPPLY, 0},        {1, ECO_RNG_PLAN, 1},
           {1ull << 32, ECO_RNG_PLAN, 0}, {1, ECO_RNG_PLAN, 1ull << 32}};
  int ns = (int)(sizeof s / sizeof s[0]);
  for (int i = 0; i < ns; i++)
    for (int j = i + 1; j < ns; j++) {
      eco_rng a, b;
      eco_rng_init(&a, s[i].seed, s[i].kind, s[i].entity);
      eco_rng_init(&b, s[j].seed, s[j].kind, s[j].entity);
      /* Different streams: not equal word for word... */
      int same = 0;
      for (int k = 0; k < 64; k++)
        same += eco_rng_u32(&a) == eco_rng_u32(&b);
      assert_true(same < 4);
      /* ...and uncorrelated. */
      double c = correlation(&a, &b, n);
      assert_true(fabs(c) < tol);
    }
  /* Neighbouring entities are not shifted copies of each other. */
  eco_rng a, b;
  eco_rng_init(&a, 9, ECO_RNG_GENERATE, 10);
  eco_rng_init(&b, 9, ECO_RNG_GENERATE, 11);
  uint32_t wa[64], wb[64];
  for (int k = 0; k < 64; k++) {
    wa[k] = eco_rng_u32(&a);
    wb[k] = eco_rng_u32(&b);
  }
  for (int shift = 1; shift < 32; shift++)
    assert_memory_not_equal(wa + shift, wb, 8);
}

static void test_moments(void **state) {
  (void)state;
  const int n = 400000;
  eco_rng r;
  eco_rng_init(&r, 42, ECO_RNG_TEST, 7);
  double s = 0, ss = 0, mn = 1, mx = 0;
  for (int i = 0; i < n; i++) {
    double u = eco_rng_uniform(&r);
    assert_true(u >= 0.0 && u < 1.0);
    s += u;
    ss += u * u;
    if (u < mn)
      mn = u;
    if (u > mx)
      mx = u;
  }
  double mean = s / n, var = ss / n - mean * mean;
  assert_true(fabs(mean - 0.5) < 5 * sqrt(1.0 / 12 / n));
  /* var of the sample variance of U(0,1): (1/80 - 1/144) / n */
  assert_true(fabs(var - 1.0 / 12) < 5 * sqrt((1.0 / 80 - 1.0 / 144) / n));
  assert_true(mn < 1e-4 && mx > 1 - 1e-4);

  s = ss = 0;
  double s4 = 0;
  for (int i = 0; i < n; i++) {
    double z = eco_rng_normal(&r);
    assert_true(isfinite(z));
    s += z;
    ss += z * z;
    s4 += z * z * z * z;
  }
  mean = s / n;
  var = ss / n - mean * mean;
  assert_true(fabs(mean) < 5 / sqrt((double)n));
  assert_true(fabs(var - 1) < 5 * sqrt(2.0 / n));
  assert_true(fabs(s4 / n - 3) < 5 * sqrt(96.0 / n)); /* kurtosis of N(0,1) */
}

static void test_below(void **state) {
  (void)state;
  eco_rng r;
  eco_rng_init(&r, 3, ECO_RNG_SPLIT, 99);
  assert_int_equal(eco_rng_below(&r, 1), 0);
  /* Chi-square over 7 bins, 6 degrees of freedom: 99.99% quantile 27.9. */
  const int n = 700000;
  long cnt[7] = {0};
  for (int i = 0; i < n; i++) {
    uint64_t v = eco_rng_below(&r, 7);
    assert_true(v < 7);
    cnt[v]++;
  }
  double chi = 0;
  for (int k = 0; k < 7; k++)
    chi += (cnt[k] - n / 7.0) * (cnt[k] - n / 7.0) / (n / 7.0);
  assert_true(chi < 27.9);

  /* n = 1.5 * 2^63: plain modulo would put 5/8 of the draws in the lower
   * half of [0, n); the unbiased draw puts half there. */
  const uint64_t big = (1ull << 63) + (1ull << 62);
  int low = 0;
  for (int i = 0; i < 20000; i++) {
    uint64_t v = eco_rng_below(&r, big);
    assert_true(v < big);
    low += v < (big >> 1);
  }
  assert_true(fabs(low / 20000.0 - 0.5) < 0.02);
  uint64_t v = eco_rng_below(&r, UINT64_MAX);
  assert_true(v < UINT64_MAX);
}

static void test_positions(void **state) {
  (void)state;
  /* normal() uses exactly four words, uniform() and u64() two: the stream
   * position after a mix of calls is known. */
  eco_rng a, b;
  eco_rng_init(&a, 5, ECO_RNG_RECOMMEND, 77);
  eco_rng_init(&b, 5, ECO_RNG_RECOMMEND, 77);
  (void)eco_rng_normal(&a);
  (void)eco_rng_uniform(&a);
  (void)eco_rng_u64(&a);
  for (int i = 0; i < 8; i++)
    (void)eco_rng_u32(&b);
  assert_int_equal(eco_rng_u32(&a), eco_rng_u32(&b));
  /* The block counter carries past 2^32 blocks into a fresh block. */
  eco_rng c;
  eco_rng_init(&c, 5, ECO_RNG_RECOMMEND, 77);
  c.ctr[0] = 0xffffffffu;
  uint32_t last = eco_rng_u32(&c);
  (void)last;
  for (int i = 0; i < 3; i++)
    (void)eco_rng_u32(&c);
  assert_int_equal(c.ctr[0], 0);
  assert_int_equal(c.ctr[1], ECO_RNG_RECOMMEND | 0x10000u);
  eco_rng d;
  eco_rng_init(&d, 5, ECO_RNG_RECOMMEND, 77);
  assert_int_not_equal(eco_rng_u32(&c), eco_rng_u32(&d));
}

static void test_blocks(void **state) {
  (void)state;
  /* The batched blocks (vectorized) are the streams' own words, for counts
   * that are not a multiple of the vector width, entities with high bits
   * set, and block numbers past the carry into ctr[1]'s high 16 bits; a
   * stream moved to a block by eco_rng_seek continues from there exactly. */
  enum { N = 37 };
  uint64_t ent[N], blk[N];
  uint32_t w[4 * N];
  for (int i = 0; i < N; i++) {
    ent[i] = ((uint64_t)(i * 2654435761u) << 32) ^ (uint64_t)(i * 40503u + 7u);
    blk[i] = i % 3 == 2 ? 0xffffffffULL + (uint64_t)(i % 4) : (uint64_t)(i % 5);
  }
  const uint64_t seed = 0x9e3779b97f4a7c15ULL;
  eco_rng_blocks(seed, ECO_RNG_RECOMMEND, ent, blk, N, w);
  for (int i = 0; i < N; i++) {
    eco_rng a;
    eco_rng_init(&a, seed, ECO_RNG_RECOMMEND, ent[i]);
    if (blk[i] < 8) {
      for (uint64_t j = 0; j < 4 * blk[i]; j++) (void)eco_rng_u32(&a);
    } else {
      /* the same position by a stream that crossed the carry word by word
       * from block 2^32 - 2 */
      eco_rng_seek(&a, 0xfffffffeULL);
      for (uint64_t j = 0; j < 4 * (blk[i] - 0xfffffffeULL); j++) (void)eco_rng_u32(&a);
    }
    eco_rng b;
    eco_rng_init(&b, seed, ECO_RNG_RECOMMEND, ent[i]);
    eco_rng_seek(&b, blk[i]);
    for (int j = 0; j < 4; j++) {
      const uint32_t x = eco_rng_u32(&a);
      assert_int_equal(w[4 * i + j], x);
      assert_int_equal(eco_rng_u32(&b), x);
    }
    for (int j = 0; j < 9; j++) assert_int_equal(eco_rng_u32(&b), eco_rng_u32(&a));
  }
}

static void test_fill(void **state) {
  (void)state;
  /* eco_rng_fill continues a stream exactly as eco_rng_u32 does: from any
   * position in a block, for lengths that are not whole blocks, and across
   * the carry of the block counter into its high 16 bits. */
  enum { N = 203 };
  uint32_t w[N];
  for (int start = 0; start < 6; start++)
    for (int carry = 0; carry < 2; carry++) {
      eco_rng a, b;
      eco_rng_init(&a, 77, ECO_RNG_RECOMMEND, 0x123456789ULL + (uint64_t)start);
      eco_rng_init(&b, 77, ECO_RNG_RECOMMEND, 0x123456789ULL + (uint64_t)start);
      if (carry)
        a.ctr[0] = b.ctr[0] = 0xfffffff0u;
      for (int j = 0; j < start; j++)
        assert_int_equal(eco_rng_u32(&a), eco_rng_u32(&b));
      for (int n = 0; n < N; n += 1 + n / 3) {
        eco_rng_fill(&a, w, n);
        for (int j = 0; j < n; j++)
          assert_int_equal(w[j], eco_rng_u32(&b));
      }
      for (int j = 0; j < 9; j++)
        assert_int_equal(eco_rng_u32(&a), eco_rng_u32(&b));
    }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_known_answer), cmocka_unit_test(test_reproducible),
      cmocka_unit_test(test_independent),  cmocka_unit_test(test_moments),
      cmocka_unit_test(test_below),        cmocka_unit_test(test_positions),
      cmocka_unit_test(test_blocks), cmocka_unit_test(test_fill),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
