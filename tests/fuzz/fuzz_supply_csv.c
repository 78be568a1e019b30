/* Fuzz target: the supply CSV readers. The input is split at the first line
 * "----": the part before is sites.csv
 * (id,x,y,capacity,fixed_cost,emission_factor), the part after is
 * customers.csv (id,x,y,demand) for eco_supply_cflp_read_csv; without the
 * separator both files hold the whole input. The whole input is also read as
 * an emission factor table (site,factor) onto a fixed 10 x 30 instance. */
#include "fuzz_common.h"

#include "ecoscale/supply.h"

static char orlib_path[512];

static void fuzz_setup(void) {
  snprintf(orlib_path, sizeof orlib_path, "%s", ECO_FUZZ_CFLP_INSTANCE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *sep = NULL;
  for (size_t i = 0; i + 5 <= size; i++)
    if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, "----\n", 5) == 0) {
      sep = data + i;
      break;
    }
  const char *sites, *customers;
  if (sep) {
    sites = fuzz_file(data, (size_t)(sep - data), "sites", ".csv");
    customers = fuzz_file(sep + 5, size - (size_t)(sep - data) - 5, "customers", ".csv");
  } else {
    sites = fuzz_file(data, size, "sites", ".csv");
    customers = fuzz_file(data, size, "customers", ".csv");
  }
  eco_supply_cflp *p = NULL;
  if (eco_supply_cflp_read_csv(sites, customers, 1.0, &p) != ECO_OK)
    eco_error_clear();
  eco_supply_cflp_destroy(&p);

  if (eco_supply_cflp_read_orlib(orlib_path, 0.0, &p) != ECO_OK) {
    fprintf(stderr, "fuzz: cannot read %s: %s\n", orlib_path, eco_error_message());
    abort();
  }
  const char *factors = fuzz_file(data, size, "factors", ".csv");
  if (eco_supply_cflp_read_emission_factors(p, factors) != ECO_OK)
    eco_error_clear();
  eco_supply_cflp_destroy(&p);
  return 0;
}
