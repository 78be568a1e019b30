/* Energy from RAPL counters, on a fake powercap tree (ECOSCALE_POWERCAP_DIR):
 * package domains only, wrap-around, fallback to the model when a counter
 * cannot be read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecoscale/progress.h"

static char root[256];

static void put(const char *domain, const char *file, unsigned long long v) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", root, domain);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/%s/%s", root, domain, file);
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fprintf(f, "%llu\n", v);
  fclose(f);
}

static void test_rapl(void **state) {
  (void)state;
  eco_footprint_config cfg = {10.0, 400.0};
  /* Counters after eco_init: package 0 +0.5 J; package 1 wrapped
   * (1,990,000 -> 10,000 with range 2,000,000: +20,001 uJ); the sub-domain
   * and the MMIO copy of the package must not be counted. */
  put("intel-rapl:0", "energy_uj", 1500000);
  put("intel-rapl:1", "energy_uj", 10000);
  put("intel-rapl:0:0", "energy_uj", 900000000);
  put("intel-rapl-mmio:0", "energy_uj", 900000000);
  eco_footprint fp;
  assert_int_equal(eco_footprint_measure(eco_comm_world(), &cfg, &fp), ECO_OK);
  assert_int_equal(fp.energy_from_rapl, 1);
  assert_true(fabs(fp.energy_joules - 0.520001) < 1e-9);
  assert_true(fabs(fp.gco2e - 0.520001 / 3.6e6 * 400.0) < 1e-15);
  char line[256];
  eco_footprint_format(&fp, &cfg, line, sizeof line);
  assert_non_null(strstr(line, "(RAPL)"));

  /* A package that cannot be read: the model, never a partial sum. */
  char p[512];
  snprintf(p, sizeof p, "%s/intel-rapl:1/energy_uj", root);
  assert_int_equal(unlink(p), 0);
  assert_int_equal(eco_footprint_measure(eco_comm_world(), &cfg, &fp), ECO_OK);
  assert_int_equal(fp.energy_from_rapl, 0);
  assert_true(fp.energy_joules == fp.cpu_seconds * 10.0);
}

static int setup(void **state) {
  (void)state;
  snprintf(root, sizeof root, "%s/ecoscale-powercap-XXXXXX",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!mkdtemp(root))
    return -1;
  put("intel-rapl:0", "energy_uj", 1000000);
  put("intel-rapl:0", "max_energy_range_uj", 262143328850ull);
  put("intel-rapl:1", "energy_uj", 1990000);
  put("intel-rapl:1", "max_energy_range_uj", 2000000);
  put("intel-rapl:0:0", "energy_uj", 5);
  put("intel-rapl-mmio:0", "energy_uj", 7);
  setenv("ECOSCALE_POWERCAP_DIR", root, 1);
  int argc = 0;
  char **argv = NULL;
  return eco_init(&argc, &argv) == ECO_OK ? 0 : -1; /* reads the start */
}

static int teardown(void **state) {
  (void)state;
  eco_finalize();
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_rapl)};
  return cmocka_run_group_tests(tests, setup, teardown);
}
