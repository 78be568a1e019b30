/* Fuzz target: the plan scenario grid syntax
 * ("TARGET=VALUES; TARGET*=VALUES; ...", eco_plan_scenarios_grid_create) on
 * the bundled production model; for a grid that parses, the parameters of
 * the first, middle and last scenarios are read and applied to the model. */
#include "fuzz_common.h"

#include <math.h>

#include "ecoscale/plan.h"

static eco_plan_model *model;

static void fuzz_setup(void) {
  if (eco_plan_model_create(ECO_FUZZ_PLAN_MODEL, NULL, ECO_PLAN_FORMAT_AUTO,
                            &model) != ECO_OK) {
    fprintf(stderr, "fuzz: cannot load %s: %s\n", ECO_FUZZ_PLAN_MODEL,
            eco_error_message());
    abort();
  }
}

/* Shared with fuzz_plan_csv.c (included there). */
static void exercise(eco_plan_scenarios *s) {
  int64_t n = eco_plan_scenarios_count(s);
  int np = eco_plan_scenarios_nparams(s);
  if (n <= 0 || np < 0)
    abort(); /* a parsed set has at least one scenario */
  for (int j = 0; j < np; j++) {
    if (!eco_plan_scenarios_param_name(s, j))
      abort();
    (void)eco_plan_scenarios_param_is_cost(s, j);
  }
  double *v = calloc((size_t)np + 1, sizeof(double));
  if (!v)
    abort();
  int64_t ks[3] = {0, n / 2, n - 1};
  for (int t = 0; t < 3; t++) {
    if (eco_plan_scenarios_params(s, ks[t], v) != ECO_OK)
      eco_error_clear();
    if (eco_plan_scenarios_apply(s, ks[t], model) != ECO_OK)
      eco_error_clear();
  }
  eco_plan_scenarios_restore(s, model);
  free(v);
}

#ifndef ECO_FUZZ_PLAN_CSV
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fuzz_cstr(data, size);
  eco_plan_scenarios *s = NULL;
  if (eco_plan_scenarios_grid_create(text, "fuzz grid", model, NULL, &s) == ECO_OK)
    exercise(s);
  else
    eco_error_clear();
  eco_plan_scenarios_destroy(&s);
  free(text);
  return 0;
}
#endif
