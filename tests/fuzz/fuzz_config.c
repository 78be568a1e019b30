/* Fuzz target: the INI configuration reader (eco_config_read_file) and the
 * application of option tables to what it read (every option type: int,
 * int64, double, bool, string, enum), the dump of the effective
 * configuration, the unknown-key check, and the "section.key=value" word
 * reader used for ECOSCALE_OPTIONS (eco_config_read_env) on the same bytes. */
#include "fuzz_common.h"

#include "ecoscale/config.h"
#include "ecoscale/pipeline.h"
#include "ecoscale/recommend.h"
#include "ecoscale/report.h"
#include "ecoscale/run.h"

typedef struct {
  int i;
  int64_t i64;
  double d;
  int b;
  char s[ECO_STR_MAX];
  int e;
} fuzz_opts;

static const eco_option fuzz_options[] = {
    {"i", ECO_OPT_INT, "3", -5, 1000, NULL, "an int", offsetof(fuzz_opts, i)},
    {"big", ECO_OPT_INT64, "0", -1e15, 1e15, NULL, "an int64", offsetof(fuzz_opts, i64)},
    {"x", ECO_OPT_DOUBLE, "0.5", -1e300, 1e300, NULL, "a double", offsetof(fuzz_opts, d)},
    {"flag", ECO_OPT_BOOL, "false", 0, 1, NULL, "a bool", offsetof(fuzz_opts, b)},
    {"name", ECO_OPT_STRING, "", 0, 0, NULL, "a string", offsetof(fuzz_opts, s)},
    {"mode", ECO_OPT_ENUM, "a", 0, 0, "a|bb|ccc", "an enum", offsetof(fuzz_opts, e)},
};
static const eco_option_table fuzz_table =
    ECO_OPTION_TABLE("fuzz", fuzz_options, fuzz_opts);

static void fuzz_setup(void) {}

static void apply_all(eco_config *cfg) {
  const eco_option_table *tables[] = {
      &fuzz_table, &eco_run_option_table, &eco_footprint_option_table,
      &eco_recommend_option_table, &eco_pipeline_option_table};
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
    void *out = calloc(1, tables[t]->struct_size);
    if (!out)
      abort();
    if (eco_config_apply(cfg, tables[t], out) != ECO_OK)
      eco_error_clear();
    free(out);
  }
  if (eco_config_check_table(cfg, &eco_report_option_table) != ECO_OK)
    eco_error_clear();
  if (eco_config_check_unused(cfg) != ECO_OK)
    eco_error_clear();
  char *dump = NULL;
  if (eco_config_dump(cfg, &dump) != ECO_OK)
    eco_error_clear();
  eco_free(&dump);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = fuzz_file(data, size, "config", ".ini");
  eco_config *cfg = NULL;
  if (eco_config_create(&cfg) != ECO_OK)
    abort();
  if (eco_config_read_file(cfg, path) == ECO_OK)
    apply_all(cfg);
  else
    eco_error_clear();
  eco_config_destroy(&cfg);

  char *text = fuzz_cstr(data, size);
  if (eco_config_create(&cfg) != ECO_OK)
    abort();
  if (eco_config_read_env(cfg, text, "ECOSCALE_OPTIONS") == ECO_OK)
    apply_all(cfg);
  else
    eco_error_clear();
  eco_config_destroy(&cfg);
  free(text);
  return 0;
}
