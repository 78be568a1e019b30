/* Fuzz target: the TSPLIB / CVRPLIB .vrp reader (eco_supply_cvrp_read). */
#include "fuzz_common.h"

#include "ecoscale/supply.h"

static void fuzz_setup(void) {}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = fuzz_file(data, size, "cvrp", ".vrp");
  eco_supply_cvrp *p = NULL;
  if (eco_supply_cvrp_read(path, &p) != ECO_OK)
    eco_error_clear();
  eco_supply_cvrp_destroy(&p);
  return 0;
}
