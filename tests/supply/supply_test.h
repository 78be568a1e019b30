/* Shared by the supply unit tests (test_supply_cflp.c, test_supply_cvrp.c):
 * cmocka and the supply header, a temporary folder made by the group set-up
 * (tmpdir, removed by the tear-down, which also finalizes the runtime),
 * write_tmp and expect_input_error. */
#ifndef ECOSCALE_TESTS_SUPPLY_TEST_H
#define ECOSCALE_TESTS_SUPPLY_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/supply.h"

#ifndef SUPPLY_DATA
#error "SUPPLY_DATA must be defined"
#endif

static char tmpdir[512];

/* Write text to tmpdir/name; the path (valid until the next call). */
static inline const char *write_tmp(const char *name, const char *text) {
  static char path[1024];
  snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

/* Expect ECO_ERR_INPUT with a message containing every given fragment. */
static inline void expect_input_error(eco_status st, const char *frag1, const char *frag2) {
  assert_int_equal(st, ECO_ERR_INPUT);
  const char *msg = eco_error_message();
  if (frag1 && !strstr(msg, frag1)) fail_msg("message '%s' lacks '%s'", msg, frag1);
  if (frag2 && !strstr(msg, frag2)) fail_msg("message '%s' lacks '%s'", msg, frag2);
  eco_error_clear();
}

/* Group set-up and tear-down: tmpdir and the runtime. */
static int setup(void **state) {
  (void)state;
  int argc = 0;
  char **argv = NULL;
  snprintf(tmpdir, sizeof(tmpdir), "/tmp/eco_supply_test_XXXXXX");
  if (!mkdtemp(tmpdir)) return -1;
  return eco_init(&argc, &argv) == ECO_OK ? 0 : -1;
}
static int teardown(void **state) {
  (void)state;
  char cmd[600];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0) return -1;
  eco_finalize();
  return 0;
}

#endif /* ECOSCALE_TESTS_SUPPLY_TEST_H */
