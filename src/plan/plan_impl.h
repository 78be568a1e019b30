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

#endif
