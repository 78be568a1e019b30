/* Fuzz target: the model loading path of plan (eco_plan_model_create), which
 * hands the file to GLPK's readers. The first byte picks the format: CPLEX
 * LP, free MPS, fixed MPS, or MPS of unknown flavour (free, then fixed, as
 * for a model given without a format); the rest is the file. GLPK must
 * never abort the process: whatever reaches it must be validated first. */
#include "fuzz_common.h"

#include "ecoscale/plan.h"

static void fuzz_setup(void) {}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  static const eco_plan_format formats[4] = {
      ECO_PLAN_FORMAT_LP, ECO_PLAN_FORMAT_FREEMPS, ECO_PLAN_FORMAT_MPS,
      ECO_PLAN_FORMAT_AUTO};
  int which = data[0] & 3;
  const char *path =
      fuzz_file(data + 1, size - 1, "model", which == 0 ? ".lp" : ".mps");
  eco_plan_model *m = NULL;
  if (eco_plan_model_create(path, NULL, formats[which], &m) != ECO_OK)
    eco_error_clear();
  eco_plan_model_destroy(&m);
  return 0;
}
