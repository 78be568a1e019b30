/* Fuzz target: the OR-Library capacitated facility location reader
 * (eco_supply_cflp_read_orlib), both with a capacity value for the
 * capa/capb/capc "capacity" word and without one. */
#include "fuzz_common.h"

#include "ecoscale/supply.h"

static void fuzz_setup(void) {}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = fuzz_file(data, size, "cflp", ".txt");
  for (int pass = 0; pass < 2; pass++) {
    eco_supply_cflp *p = NULL;
    if (eco_supply_cflp_read_orlib(path, pass ? 0.0 : 5000.0, &p) != ECO_OK)
      eco_error_clear();
    eco_supply_cflp_destroy(&p);
  }
  return 0;
}
