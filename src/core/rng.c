/* Counter-based random streams: Random123 Philox4x32-10.
 *
 * Layout (see docs/design.md, "Random streams"):
 *   key = (seed low 32 bits, seed high 32 bits)
 *   ctr = (block low 32 bits,
 *          kind (low 16 bits) | block high 16 bits << 16,
 *          entity low 32 bits, entity high 32 bits)
 * Distinct (seed, kind, entity, block) give distinct (key, counter) inputs,
 * so streams never overlap: each holds 2^48 blocks of four 32-bit words.
 * Kinds must be below 65536. */
#include "core_impl.h"

#include <Random123/philox.h>
#include <math.h>

void eco_rng_init(eco_rng *r, uint64_t seed, uint32_t kind, uint64_t entity) {
  r->key[0] = (uint32_t)seed;
  r->key[1] = (uint32_t)(seed >> 32);
  r->ctr[0] = 0;
  r->ctr[1] = kind & 0xffffu;
  r->ctr[2] = (uint32_t)entity;
  r->ctr[3] = (uint32_t)(entity >> 32);
  r->buf[0] = r->buf[1] = r->buf[2] = r->buf[3] = 0;
  r->used = 4; /* nothing buffered */
}

static void refill(eco_rng *r) {
  philox4x32_ctr_t c = {{r->ctr[0], r->ctr[1], r->ctr[2], r->ctr[3]}};
  philox4x32_key_t k = {{r->key[0], r->key[1]}};
  philox4x32_ctr_t out = philox4x32(c, k);
  for (int i = 0; i < 4; i++)
    r->buf[i] = out.v[i];
  r->used = 0;
  /* Next block: carry from the low word into the high 16 bits of ctr[1]. */
  if (++r->ctr[0] == 0)
    r->ctr[1] += 0x10000u;
}

uint32_t eco_rng_u32(eco_rng *r) {
  if (r->used >= 4)
    refill(r);
  return r->buf[r->used++];
}

/* Block `block` of the stream (k, kind, entity) into w[0 .. 4): the counter
 * of the layout above, for the batched loops below. */
static inline void block_words(philox4x32_key_t k, uint32_t kind, uint64_t block,
                               uint64_t entity, uint32_t *w) {
  const philox4x32_ctr_t c = {{(uint32_t)block, (kind & 0xffffu) | ((uint32_t)(block >> 32) << 16),
                               (uint32_t)entity, (uint32_t)(entity >> 32)}};
  const philox4x32_ctr_t o = philox4x32(c, k);
  w[0] = o.v[0];
  w[1] = o.v[1];
  w[2] = o.v[2];
  w[3] = o.v[3];
}

/* One lane per block: the loop has no dependence between blocks, so that
 * the vectorized clones compute several Philox blocks at once (the
 * 32 x 32 -> 64-bit products are vpmuludq); the words are Random123's, bit
 * for bit. */
ECO_CLONES
void eco_rng_blocks(uint64_t seed, uint32_t kind, const uint64_t *restrict entity,
                    const uint64_t *restrict block, int64_t n, uint32_t *restrict out) {
  const philox4x32_key_t k = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
  for (int64_t i = 0; i < n; i++)
    block_words(k, kind, block[i], entity[i], out + 4 * i);
}

void eco_rng_seek(eco_rng *r, uint64_t block) {
  r->ctr[0] = (uint32_t)block;
  r->ctr[1] = (r->ctr[1] & 0xffffu) | ((uint32_t)(block >> 32) << 16);
  r->used = 4; /* nothing buffered */
}

/* Blocks b0 .. b0 + n - 1 of r's stream into out: one lane per block (the
 * same vectorization). */
ECO_CLONES
static void blocks_from(const eco_rng *r, uint64_t b0, int64_t n, uint32_t *restrict out) {
  const philox4x32_key_t k = {{r->key[0], r->key[1]}};
  const uint64_t entity = ((uint64_t)r->ctr[3] << 32) | r->ctr[2];
  for (int64_t i = 0; i < n; i++)
    block_words(k, r->ctr[1], b0 + (uint64_t)i, entity, out + 4 * i);
}

void eco_rng_fill(eco_rng *r, uint32_t *out, int64_t n) {
  int64_t i = 0;
  while (i < n && r->used < 4)
    out[i++] = r->buf[r->used++];
  const int64_t nb = (n - i) / 4;
  if (nb > 0) {
    /* the next block's index: ctr[0] and the high 16 bits of ctr[1] */
    const uint64_t b = ((uint64_t)(r->ctr[1] >> 16) << 32) | r->ctr[0];
    blocks_from(r, b, nb, out + i);
    i += 4 * nb;
    const uint64_t e = b + (uint64_t)nb;
    r->ctr[0] = (uint32_t)e;
    r->ctr[1] = (r->ctr[1] & 0xffffu) | ((uint32_t)(e >> 32) << 16);
  }
  while (i < n)
    out[i++] = eco_rng_u32(r);
}

uint64_t eco_rng_u64(eco_rng *r) {
  uint64_t hi = eco_rng_u32(r);
  uint64_t lo = eco_rng_u32(r);
  return (hi << 32) | lo;
}

double eco_rng_uniform(eco_rng *r) {
  return (double)(eco_rng_u64(r) >> 11) * 0x1.0p-53;
}

uint64_t eco_rng_below(eco_rng *r, uint64_t n) {
  if (n <= 1)
    return 0;
  /* Reject the lowest 2^64 mod n values: what is left is a whole number of
   * copies of [0, n), so x % n is exactly uniform. */
  uint64_t threshold = (0 - n) % n;
  for (;;) {
    uint64_t x = eco_rng_u64(r);
    if (x >= threshold)
      return x % n;
  }
}

double eco_rng_normal(eco_rng *r) {
  /* Box-Muller; the second value of the pair is dropped so that every call
   * consumes exactly four words. u1 in (0, 1] keeps log finite. */
  double u1 = 1.0 - eco_rng_uniform(r);
  double u2 = eco_rng_uniform(r);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586476925 * u2);
}
