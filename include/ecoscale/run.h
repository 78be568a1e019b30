/* ecoscale runs: the context a command runs in, the command table, and
 * atomic results files with provenance. */
#ifndef ECOSCALE_RUN_H
#define ECOSCALE_RUN_H

#include "ecoscale/config.h"
#include "ecoscale/core.h"
#include "ecoscale/io.h"
#include "ecoscale/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options every run has: section [run] and [footprint]. */
typedef struct {
  int64_t seed;           /* run.seed (also --seed) */
  char output[ECO_STR_MAX]; /* run.output (also -o) */
  int resume;             /* run.resume (also --resume) */
  char checkpoint_dir[ECO_STR_MAX]; /* run.checkpoint_dir */
  double checkpoint_every; /* run.checkpoint_every: seconds (0 = only on a signal) */
} eco_run_options;

extern const eco_option_table eco_run_option_table;
extern const eco_option_table eco_footprint_option_table; /* fills eco_footprint_config */

/* What a command gets: built by the CLI, same on every rank. */
typedef struct {
  MPI_Comm comm;          /* the ecoscale world communicator */
  int rank, size;
  eco_config *cfg;        /* all settings; tables already applied */
  const eco_run_options *run;
  const eco_footprint_config *footprint;
  int ninputs;            /* positional arguments after the command */
  char **inputs;
  const char *command;    /* "forecast", "import demand" ... */
  double t_start;         /* epoch seconds at start */
} eco_ctx;

/* A command: "forecast", "import demand", "generate lp" ... A new command is
 * one line in src/cli/commands.c. */
typedef struct {
  const char *name;     /* one or two words */
  const char *args;     /* usage of positionals, e.g. "[DEMAND.csv|.h5]" */
  const char *summary;  /* one line for `ecoscale help` */
  const eco_option_table *options; /* this command's section, or NULL */
  /* Validate inputs and options before any output is touched; collective.
   * May be NULL. opts points to a struct of options->struct_size bytes. */
  eco_status (*check)(const eco_ctx *ctx, void *opts);
  /* Do the work; collective. */
  eco_status (*run)(const eco_ctx *ctx, void *opts);
} eco_command;

/* ------------------------------------------------------------------------ */
/* Results files: written under "<path>.tmp" and renamed on commit, so an   */
/* interrupted run leaves any previous file intact. Provenance attributes   */
/* on "/": ecoscale_version, git_revision, command, config (effective INI), */
/* seed, nranks, inputs (name + sha256 per line), start_time, end_time,     */
/* footprint_* (see docs/formats.md).                                       */
/* ------------------------------------------------------------------------ */
typedef struct eco_results eco_results;

/* Create the temporary file and write the start provenance. Input files of
 * ctx->inputs are checksummed (plus any added with eco_results_add_input).
 * Collective on ctx->comm. */
eco_status eco_results_create(const eco_ctx *ctx, const char *path,
                              eco_results **out);
/* The open HDF5 file to write datasets into. */
eco_h5 *eco_results_h5(eco_results *r);
/* Record one more input file (name and sha256) in the provenance. */
eco_status eco_results_add_input(eco_results *r, const char *path);
/* Measure the footprint, write end provenance, close, rename to the final
 * name (rank 0, after all ranks closed). Collective. */
eco_status eco_results_commit(eco_results **r);
/* Close and delete the temporary file; the final name is untouched.
 * Accepts NULL. Collective. */
void eco_results_abort(eco_results **r);

/* ------------------------------------------------------------------------ */
/* Periodic checkpoints ([run] checkpoint_every = SECONDS). A stage calls    */
/* eco_checkpoint_due at a safe point where every rank is; all ranks get the */
/* same answer: *stop = 1 if any rank received a signal (write a checkpoint  */
/* and return ECO_ERR_INTERRUPTED), else *save = 1 if checkpoint_every       */
/* seconds have passed on rank 0's clock since the start of the run or the   */
/* last periodic checkpoint (write a checkpoint and go on), else neither.    */
/* ------------------------------------------------------------------------ */
/* Collective on ctx->comm (one allreduce). */
eco_status eco_checkpoint_due(const eco_ctx *ctx, int *stop, int *save);
/* Not collective: 1 if every > 0 and every seconds have passed on this
 * rank's clock since the start or the last restart. For stages that decide
 * on rank 0 and tell the others themselves (an RMA flag, an allreduce they
 * make anyway). */
int eco_checkpoint_clock_due(double every);
/* Restart the clock of eco_checkpoint_clock_due: call after a periodic
 * checkpoint is written (eco_checkpoint_due restarts it when it says save). */
void eco_checkpoint_clock_restart(void);
/* How often (seconds) a stage whose ranks do not meet at every unit of work
 * should meet to call eco_checkpoint_due: checkpoint_every / 4, at most 1 s;
 * 0 when checkpoint_every is 0 (do not meet). */
double eco_checkpoint_poll_seconds(const eco_ctx *ctx);

/* Version string "0.1.0" and git revision at configure time. */
const char *eco_version(void);
const char *eco_git_revision(void);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_RUN_H */
