/* Fuzz target: the forecast demand CSV reader (eco_fc_data_read_csv, long
 * or wide layout detected from the header) on one rank. The first byte
 * picks the requested frequency (auto, daily, weekly, monthly) and whether a
 * negative quantity is an error or a missing value; the rest is the file. */
#include "fuzz_common.h"

#include "forecast_impl.h"

static void fuzz_setup(void) {}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  eco_fc_read_options ro;
  ro.freq = (eco_fc_freq)(data[0] & 3);
  ro.negative_missing = (data[0] >> 2) & 1;
  const char *path = fuzz_file(data + 1, size - 1, "demand", ".csv");
  eco_fc_data d;
  memset(&d, 0, sizeof d);
  if (eco_fc_data_read_csv(eco_comm_world(), path, &ro, &d) != ECO_OK)
    eco_error_clear();
  eco_fc_data_free(&d);
  return 0;
}
