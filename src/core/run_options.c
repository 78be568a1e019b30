/* Options every run has ([run], [footprint]) and the program version. */
#include <stddef.h>

#include "ecoscale/run.h"
#include "ecoscale/version.h"

static const eco_option run_opts[] = {
    {"seed", ECO_OPT_INT64, "1", 0, 9007199254740992.0 /* 2^53 */, NULL,
     "seed of every random stream; also --seed",
     offsetof(eco_run_options, seed)},
    {"output", ECO_OPT_STRING, "", 0, 0, NULL,
     "results file, also -o; empty: outputs/<command>.h5",
     offsetof(eco_run_options, output)},
    {"resume", ECO_OPT_BOOL, "false", 0, 0, NULL,
     "continue from the checkpoint of an interrupted run; also --resume",
     offsetof(eco_run_options, resume)},
    {"checkpoint_dir", ECO_OPT_STRING, "", 0, 0, NULL,
     "folder for checkpoints; empty: next to the results file",
     offsetof(eco_run_options, checkpoint_dir)},
};

const eco_option_table eco_run_option_table =
    ECO_OPTION_TABLE("run", run_opts, eco_run_options);

static const eco_option footprint_opts[] = {
    {"watts_per_core", ECO_OPT_DOUBLE, "10", 0, 1000, NULL,
     "power per busy core in W, used when RAPL counters are not readable",
     offsetof(eco_footprint_config, watts_per_core)},
    {"grid_gco2_per_kwh", ECO_OPT_DOUBLE, "300", 0, 5000, NULL,
     "carbon intensity of the electricity grid in gCO2e/kWh",
     offsetof(eco_footprint_config, grid_gco2_per_kwh)},
};

const eco_option_table eco_footprint_option_table =
    ECO_OPTION_TABLE("footprint", footprint_opts, eco_footprint_config);

const char *eco_version(void) { return ECO_VERSION; }
const char *eco_git_revision(void) { return ECO_GIT_REVISION; }
