/* Fuzz target: the plan scenario CSV table (eco_plan_scenarios_csv_create)
 * on the bundled production model. The bytes are passed with their length,
 * in a buffer of exactly that size (the reader is given text/len, as rank 0
 * broadcasts them); parsed tables are exercised as in fuzz_plan_grid.c. */
#define ECO_FUZZ_PLAN_CSV 1
#include "fuzz_plan_grid.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  eco_plan_scenarios *s = NULL;
  if (eco_plan_scenarios_csv_create((const char *)data, size, "fuzz.csv", model,
                                    &s) == ECO_OK)
    exercise(s);
  else
    eco_error_clear();
  eco_plan_scenarios_destroy(&s);
  return 0;
}
