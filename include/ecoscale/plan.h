/* ecoscale plan: production-planning LP scenario sweeps solved with GLPK.
 *
 * A sweep is one base LP (GMPL model + data, free or fixed MPS, CPLEX LP, or
 * the built-in production-planning family) plus a set of scenarios, each a
 * list of changes to right-hand sides, objective coefficients and bounds.
 * Scenarios come from a CSV table or from a grid (cross product of axes)
 * that is decoded from the scenario index, so millions of scenarios are
 * described without being stored. Ranks take fixed chunks of neighbouring
 * scenarios dynamically; every chunk starts from the base optimal basis and
 * warm-starts scenario to scenario, so results do not depend on the number
 * of ranks (see docs/plan.md).
 */
#ifndef ECOSCALE_PLAN_H
#define ECOSCALE_PLAN_H

#include <glpk.h>

#include "ecoscale/core.h"
#include "ecoscale/run.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Models                                                                   */
/* ------------------------------------------------------------------------ */
typedef enum {
  ECO_PLAN_FORMAT_AUTO = 0, /* by extension: .mod gmpl, .lp lp, else MPS
                               (free first, then fixed) */
  ECO_PLAN_FORMAT_GMPL,
  ECO_PLAN_FORMAT_FREEMPS,
  ECO_PLAN_FORMAT_MPS, /* fixed MPS */
  ECO_PLAN_FORMAT_LP   /* CPLEX LP */
} eco_plan_format;

typedef struct eco_plan_model eco_plan_model;

/* ECO_ERR_INPUT naming `what` and path unless path names an existing,
 * readable regular file. Not collective. */
eco_status eco_plan_path_check(const char *path, const char *what);

/* Read a model through GLPK (every rank reads its own copy). data_path is
 * the GMPL data file or NULL/"" (GMPL only). GLPK's messages go to the
 * logger (debug level); a reader error is ECO_ERR_INPUT whose message holds
 * GLPK's own "file:line: ..." text. The name index is built. Not collective. */
eco_status eco_plan_model_create(const char *path, const char *data_path,
                                 eco_plan_format format, eco_plan_model **out);
/* Wrap a problem built in memory (takes ownership). Not collective. */
eco_status eco_plan_model_wrap(glp_prob *lp, const char *label,
                               eco_plan_model **out);
void eco_plan_model_destroy(eco_plan_model **m);
glp_prob *eco_plan_model_lp(eco_plan_model *m);
const char *eco_plan_model_label(const eco_plan_model *m);

/* Install GLPK's terminal hook (to the logger) and error hook (names rank
 * and the scenario being solved, see eco_plan_glpk_context). Idempotent.
 * Not collective. */
void eco_plan_glpk_hooks_install(void);
/* What this rank is doing, for the GLPK error hook ("solving scenario 42"). */
void eco_plan_glpk_context(const char *what, int64_t scenario);

/* ------------------------------------------------------------------------ */
/* The built-in production-planning family                                 */
/* ------------------------------------------------------------------------ */
typedef struct {
  int plants, products, regions, periods;
  int64_t seed;
  double carbon_price;   /* cost of one tonne CO2e: cost of column `emissions` */
  double utilization;    /* mean demand / regular capacity (e.g. 0.85) */
  double max_unmet;      /* final backlog allowed per product and region, as
                            a fraction of its total demand */
  /* Names of the regions and products in row/column names (regions and
   * products entries each; [A-Za-z0-9_.-]), or NULL for rg1.., pr1.. */
  const char *const *region_names;
  const char *const *product_names;
} eco_plan_family_params;

/* Build the LP into lp (erased first). Not collective. */
eco_status eco_plan_family_build(const eco_plan_family_params *p, glp_prob *lp);
/* Build and write as CPLEX LP (.lp) or free MPS (any other extension).
 * Not collective. */
eco_status eco_plan_family_write(const eco_plan_family_params *p,
                                 const char *path);

/* ------------------------------------------------------------------------ */
/* Scenarios                                                                */
/* ------------------------------------------------------------------------ */
typedef enum {
  ECO_PLAN_ROW_RHS = 0, /* the active side(s) of a row: FX both, LO, UP */
  ECO_PLAN_ROW_LB,
  ECO_PLAN_ROW_UB,
  ECO_PLAN_COL_COST,
  ECO_PLAN_COL_LB,
  ECO_PLAN_COL_UB
} eco_plan_field;

typedef struct eco_plan_scenarios eco_plan_scenarios;

/* Right-hand sides that a grid axis `forecast=NAME,NAME,...` sets: for each
 * named variant (e.g. "p10", "p50", "p90" of a forecast results file), one
 * value per row in `rows`. */
typedef struct {
  int nvariants;
  const char *const *names; /* nvariants */
  int nrows;
  const int *rows;          /* row numbers (1-based) */
  const double *values;     /* nvariants x nrows */
  const char *origin;       /* for messages, e.g. the forecast file */
} eco_plan_rowvalues;

/* A grid: "TARGET=VALUES; TARGET*=VALUES; ..." where TARGET is
 * row:NAME:rhs|lb|ub or col:NAME:cost|lb|ub, NAME may end in '*' (every
 * row/column with that prefix), '=' sets, '*=' multiplies; VALUES is
 * a:b:step (inclusive) or a comma list. The grid is the cross product,
 * visited in a reflected (snake) order so neighbours differ in one axis by
 * one step; the last axis changes fastest. An axis `forecast=p10,p90` sets
 * the rows of fc (may be NULL: such an axis is then an error) to the named
 * variant; its parameter value is the position in that list. origin names
 * where the text was given (for messages). Not collective (deterministic). */
eco_status eco_plan_scenarios_grid_create(const char *text, const char *origin,
                                          eco_plan_model *m,
                                          const eco_plan_rowvalues *fc,
                                          eco_plan_scenarios **out);
/* 1 if the grid has a forecast= axis. */
int eco_plan_scenarios_uses_rowvalues(const eco_plan_scenarios *s);
/* A CSV table: header of TARGET or TARGET* cells (a first column named
 * `scenario` holds labels and is ignored), one scenario per line; an empty
 * cell keeps the base value. text/len are the file's bytes (rank 0 reads and
 * broadcasts); path is used in messages. Not collective. */
eco_status eco_plan_scenarios_csv_create(const char *text, size_t len,
                                         const char *path, eco_plan_model *m,
                                         eco_plan_scenarios **out);
/* Only the base model: one scenario with no changes. Not collective. */
eco_status eco_plan_scenarios_base_create(eco_plan_scenarios **out);
void eco_plan_scenarios_destroy(eco_plan_scenarios **s);

int64_t eco_plan_scenarios_count(const eco_plan_scenarios *s);
int eco_plan_scenarios_nparams(const eco_plan_scenarios *s);
const char *eco_plan_scenarios_param_name(const eco_plan_scenarios *s, int j);
/* 1 if parameter j changes objective coefficients, else 0. */
int eco_plan_scenarios_param_is_cost(const eco_plan_scenarios *s, int j);
/* Values of the parameters of scenario k (NaN = base value for CSV cells).
 * Not collective. */
eco_status eco_plan_scenarios_params(const eco_plan_scenarios *s, int64_t k,
                                     double *values);
/* Set the data of scenario k into the model's problem: every targeted entry
 * is first restored to its base value, then the parameters are applied in
 * order, so the result does not depend on what was applied before.
 * Not collective. */
eco_status eco_plan_scenarios_apply(const eco_plan_scenarios *s, int64_t k,
                                    eco_plan_model *m);
/* Restore every targeted entry to its base value. */
void eco_plan_scenarios_restore(const eco_plan_scenarios *s, eco_plan_model *m);

/* ------------------------------------------------------------------------ */
/* Sweep                                                                    */
/* ------------------------------------------------------------------------ */
typedef enum {
  ECO_PLAN_OPTIMAL = 0,
  ECO_PLAN_INFEASIBLE = 1,
  ECO_PLAN_UNBOUNDED = 2,
  ECO_PLAN_ITLIMIT = 3,
  ECO_PLAN_TMLIMIT = 4,
  ECO_PLAN_FAILED = 5,
  ECO_PLAN_NSTATUS = 6
} eco_plan_status;

const char *eco_plan_status_name(int status);

typedef struct {
  int64_t index;       /* scenario index */
  int32_t status;      /* eco_plan_status */
  int32_t method;      /* 0 warm dual, 1 warm primal, 2 cold, 3 fallback */
  double objective;    /* NaN unless optimal */
  double cost;         /* objective - emissions cost */
  double emissions;    /* value of the emissions column (NaN if none) */
  double energy;       /* value of the energy column (NaN if none) */
  int64_t iterations;  /* simplex iterations of this solve */
  double seconds;      /* wall time of this solve (not rank-invariant) */
} eco_plan_result;

typedef struct {
  int chunk;            /* scenarios per chunk */
  int warm;             /* 1: warm starts; 0: every scenario cold */
  double time_limit;    /* seconds per scenario, 0 = none */
  int iteration_limit;  /* per scenario, 0 = none */
  int scale;            /* glp_scale_prob(GLP_SF_AUTO) once */
  char emissions_column[256]; /* "" = none */
  char energy_column[256];
} eco_plan_sweep_options;

/* Solve the base model from a standard basis and keep its optimal basis.
 * Not collective (every rank does the same). A base that is not optimal is
 * ECO_ERR_INPUT (warm starts need an optimal base). */
eco_status eco_plan_base_solve(eco_plan_model *m,
                               const eco_plan_sweep_options *o,
                               eco_plan_result *base);

/* Called after each solve of a chunk, with the solution still in the
 * model's problem (e.g. to copy primal values). */
typedef void (*eco_plan_solved_fn)(void *user, eco_plan_model *m,
                                   const eco_plan_result *r);

/* Solve scenarios [k0, k0 + n) as one chunk: start from the base basis,
 * warm-start each from the previous. out has n entries; after (may be NULL)
 * is called after every solve. Not collective.
 * Fails (ECO_ERR_SOLVER) only if GLPK itself aborted (the problem object is
 * then gone); per-scenario failures are statuses. */
eco_status eco_plan_chunk_solve(eco_plan_model *m, const eco_plan_scenarios *s,
                                const eco_plan_sweep_options *o, int64_t k0,
                                int64_t n, eco_plan_result *out,
                                eco_plan_solved_fn after, void *user);

/* Pareto front (minimise both) of the optimal results among r[0..n): fills
 * idx (n entries at most) with positions into r, sorted by cost; returns
 * the count in *nfront. Not collective. */
eco_status eco_plan_pareto(const eco_plan_result *r, int64_t n, int64_t *idx,
                           int64_t *nfront);

/* The commands "plan" and "generate lp". */
extern const eco_command eco_plan_command;
extern const eco_command eco_generate_lp_command;

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_PLAN_H */
