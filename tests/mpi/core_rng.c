/* Random streams do not depend on which rank draws them. Entities are dealt
 * to ranks round-robin; each rank hashes the first draws of its entities'
 * streams; rank 0 recomputes every entity alone and compares. Also checks
 * that no two entities share a stream prefix. Exit 0 if all agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/core.h"

enum { NENT = 257 };

static uint64_t digest(uint64_t entity) {
  eco_rng r;
  eco_rng_init(&r, 0x5eedf00dull, ECO_RNG_SUPPLY, entity * 1000003ull);
  uint64_t h = 1469598103934665603ull; /* FNV-1a over the draws */
  for (int i = 0; i < 100; i++) {
    uint64_t v = eco_rng_u64(&r) ^ eco_rng_below(&r, 1000 + (uint64_t)i);
    double z = eco_rng_normal(&r);
    uint64_t zb;
    memcpy(&zb, &z, sizeof zb);
    h = (h ^ v) * 1099511628211ull;
    h = (h ^ zb) * 1099511628211ull;
  }
  return h;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK)
    return 1;
  MPI_Comm w = eco_comm_world();
  int rank = eco_rank(), size = eco_size();
  uint64_t mine[NENT], all[NENT];
  memset(mine, 0, sizeof mine);
  /* Walk this rank's entities backwards: order of use must not matter. */
  for (int e = NENT - 1; e >= 0; e--)
    if (e % size == (size - 1 - rank))
      mine[e] = digest((uint64_t)e);
  MPI_Reduce(mine, all, NENT, MPI_UINT64_T, MPI_BXOR, 0, w);
  int bad = 0;
  if (rank == 0) {
    for (int e = 0; e < NENT; e++)
      if (all[e] != digest((uint64_t)e)) {
        fprintf(stderr, "core_rng: entity %d differs with %d ranks\n", e, size);
        bad++;
      }
    qsort(all, NENT, sizeof all[0], cmp_u64);
    for (int e = 1; e < NENT; e++)
      if (all[e] == all[e - 1]) {
        fprintf(stderr, "core_rng: two entities share a stream\n");
        bad++;
      }
    printf("core_rng: %d entities on %d ranks, %d mismatches\n", NENT, size,
           bad);
  }
  MPI_Bcast(&bad, 1, MPI_INT, 0, w);
  eco_finalize();
  return bad ? 1 : 0;
}
