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
    {"checkpoint_every", ECO_OPT_DOUBLE, "0", 0, 1e9, NULL,
     "also write a checkpoint every this many seconds and go on (0: only on a "
     "signal), so that a killed run can --resume",
     offsetof(eco_run_options, checkpoint_every)},
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

/* ---- periodic checkpoints -------------------------------------------- */
static double checkpoint_clock = 0; /* eco_wtime() of the start or last save */

int eco_checkpoint_clock_due(double every) {
  return every > 0 && eco_wtime() - checkpoint_clock >= every;
}

void eco_checkpoint_clock_restart(void) { checkpoint_clock = eco_wtime(); }

double eco_checkpoint_poll_seconds(const eco_ctx *ctx) {
  const double every = ctx->run->checkpoint_every;
  return every <= 0 ? 0 : every / 4 < 1 ? every / 4 : 1;
}

eco_status eco_checkpoint_due(const eco_ctx *ctx, int *stop, int *save) {
  int mine[2] = {eco_signal_pending() != 0,
                 ctx->rank == 0 && eco_checkpoint_clock_due(ctx->run->checkpoint_every)};
  int all[2] = {0, 0};
  *stop = *save = 0;
  ECO_CALL_MPI(MPI_Allreduce(mine, all, 2, MPI_INT, MPI_MAX, ctx->comm));
  *stop = all[0];
  *save = !all[0] && all[1];
  if (*save) eco_checkpoint_clock_restart();
  return ECO_OK;
}

const char *eco_version(void) { return ECO_VERSION; }
const char *eco_git_revision(void) { return ECO_GIT_REVISION; }
