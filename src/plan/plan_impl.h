/* Private to src/plan. */
#ifndef ECOSCALE_PLAN_IMPL_H
#define ECOSCALE_PLAN_IMPL_H

#include <setjmp.h>

#include "ecoscale/plan.h"

struct eco_plan_model {
  glp_prob *lp;
  char label[512];
  int *base_rstat; /* 1..m: optimal basis of the base model */
  int *base_cstat; /* 1..n */
  int have_basis;
};

/* GLPK terminal capture: forget what was captured / the text since then. */
void plan_glpk_capture_reset(void);
const char *plan_glpk_captured(void);
/* While a jump buffer is set, a GLPK fatal error jumps there (after the
 * error hook logged rank and scenario) instead of aborting the process. */
void plan_glpk_jump_set(jmp_buf *buf);

/* Results writers shared by `plan` and `merge plan` (command.c). */
/* Rows of every per-scenario field as <group>/<field> (scenario, status,
 * method, objective, cost, emissions, energy, iterations, seconds), this
 * rank's rows at row0 of total (row0 < 0: in rank order). Collective. */
eco_status plan_fields_write(eco_h5 *f, const char *group,
                             const eco_plan_result *r, int64_t n,
                             int64_t total, int64_t row0);
/* Read rows [row0, row0 + n) of those fields into r. Collective. */
eco_status plan_fields_read(eco_h5 *f, const char *group, int64_t row0,
                            int64_t n, eco_plan_result *r);
/* Create /plan, write the fields and their `meaning` attributes. Collective. */
eco_status plan_rows_write(eco_h5 *f, const eco_plan_result *blk,
                           int64_t nblk, int64_t nscen, int64_t row0);
/* Status counts, objective min/mean/max, iterations per scenario, base
 * model, sweep times (attributes of /plan) and the Pareto front
 * (/plan/pareto/...) over the rows held by all ranks. Collective. */
eco_status plan_summary_write(const eco_ctx *ctx, eco_h5 *f,
                              const eco_plan_result *blk, int64_t nblk,
                              int64_t nscen, const eco_plan_result *base,
                              double sweep_seconds, double sweep_cpu,
                              int64_t nsolved);
/* Name of row i (0-based); called on rank 0 only. */
typedef const char *(*plan_row_name_fn)(void *user, int i);
/* /plan/binding/...: the 20 rows binding most often, from per-row counts
 * (summed over ranks) and largest |dual| (maximum over ranks). Collective. */
eco_status plan_binding_write(const eco_ctx *ctx, eco_h5 *f,
                              const int64_t *bind_count,
                              const double *bind_max, int nr,
                              plan_row_name_fn row_name, void *user,
                              int64_t nscen);
/* /plan/track/values (nscen x K; this rank's eco_block_range block).
 * Collective. */
eco_status plan_track_values_write(const eco_ctx *ctx, eco_h5 *f,
                                   const double *x, int64_t nblk,
                                   int64_t nscen, int K);

#endif
