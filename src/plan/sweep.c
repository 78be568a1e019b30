/* Solving scenarios: the base solve and one chunk of neighbouring scenarios
 * with warm starts. A chunk's results depend only on the chunk (it starts
 * from the base basis, freshly factorized), never on the rank or on what the
 * rank solved before. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan_impl.h"

static const char *status_names[ECO_PLAN_NSTATUS] = {
    "optimal", "infeasible", "unbounded", "iteration_limit", "time_limit",
    "failed"};

const char *eco_plan_status_name(int status) {
  return (status >= 0 && status < ECO_PLAN_NSTATUS) ? status_names[status]
                                                     : "unknown";
}

/* glp_simplex behind a jump buffer: returns 1 if GLPK aborted (the error
 * hook jumped back here), 0 otherwise with GLPK's return code in *ret. */
static int guarded_simplex(glp_prob *lp, const glp_smcp *parm, int *ret) {
  jmp_buf jb;
  if (setjmp(jb)) {
    plan_glpk_jump_set(NULL);
    return 1;
  }
  plan_glpk_jump_set(&jb);
  *ret = glp_simplex(lp, parm);
  plan_glpk_jump_set(NULL);
  return 0;
}

static void smcp_init(glp_smcp *p, const eco_plan_sweep_options *o, int meth,
                      int limits) {
  glp_init_smcp(p);
  p->msg_lev = GLP_MSG_ERR;
  p->presolve = GLP_OFF;
  p->meth = meth;
  if (limits) {
    if (o->iteration_limit > 0)
      p->it_lim = o->iteration_limit;
    if (o->time_limit > 0) {
      double ms = o->time_limit * 1000.0;
      p->tm_lim = ms > 2e9 ? 2000000000 : (int)ceil(ms);
    }
  }
}

static int column_of(glp_prob *lp, const char *name) {
  return (name && name[0]) ? glp_find_col(lp, name) : 0;
}

static void fill_values(glp_prob *lp, const eco_plan_sweep_options *o,
                        eco_plan_result *r) {
  int ce = column_of(lp, o->emissions_column);
  int cg = column_of(lp, o->energy_column);
  r->emissions = ce > 0 ? glp_get_col_prim(lp, ce) : NAN;
  r->energy = cg > 0 ? glp_get_col_prim(lp, cg) : NAN;
  if (r->status == ECO_PLAN_OPTIMAL) {
    r->objective = glp_get_obj_val(lp);
    r->cost = ce > 0 ? r->objective - glp_get_obj_coef(lp, ce) * r->emissions
                     : r->objective;
  } else {
    r->objective = r->cost = NAN;
    r->emissions = r->energy = NAN;
  }
}

static int status_of(glp_prob *lp) {
  int s = glp_get_status(lp);
  if (s == GLP_OPT)
    return ECO_PLAN_OPTIMAL;
  if (s == GLP_NOFEAS)
    return ECO_PLAN_INFEASIBLE;
  if (s == GLP_UNBND)
    return ECO_PLAN_UNBOUNDED;
  if (glp_get_prim_stat(lp) == GLP_FEAS && glp_get_dual_stat(lp) == GLP_NOFEAS)
    return ECO_PLAN_UNBOUNDED;
  return ECO_PLAN_FAILED;
}

/* One scenario: simplex with method meth from the current basis; on a
 * numerical failure an advanced then a standard basis with the primal
 * simplex. Returns 1 if GLPK aborted. */
static int solve_one(glp_prob *lp, const eco_plan_sweep_options *o, int meth,
                     int limits, eco_plan_result *r) {
  glp_smcp parm;
  smcp_init(&parm, o, meth, limits);
  double t0 = eco_wtime();
  int ret = 0;
  int64_t iters = 0;
  for (int attempt = 0; attempt < 3; attempt++) {
    if (attempt == 1) {
      glp_adv_basis(lp, 0);
      smcp_init(&parm, o, GLP_PRIMAL, limits);
      r->method = 3;
    } else if (attempt == 2) {
      glp_std_basis(lp);
    }
    plan_glpk_capture_reset();
    glp_set_it_cnt(lp, 0);
    if (guarded_simplex(lp, &parm, &ret))
      return 1;
    iters += glp_get_it_cnt(lp);
    if (ret == 0 || ret == GLP_EITLIM || ret == GLP_ETMLIM || ret == GLP_EBOUND)
      break;
    eco_log(ECO_LOG_DEBUG, "scenario %lld: glp_simplex returned %d (%s)",
            (long long)r->index, ret,
            attempt == 0 ? "retrying from an advanced basis"
                         : "retrying from a standard basis");
  }
  r->seconds = eco_wtime() - t0;
  r->iterations = iters;
  if (ret == 0)
    r->status = status_of(lp);
  else if (ret == GLP_EITLIM)
    r->status = ECO_PLAN_ITLIMIT;
  else if (ret == GLP_ETMLIM)
    r->status = ECO_PLAN_TMLIMIT;
  else if (ret == GLP_EBOUND)
    r->status = ECO_PLAN_INFEASIBLE; /* crossed bounds: empty feasible set */
  else
    r->status = ECO_PLAN_FAILED;
  fill_values(lp, o, r);
  return 0;
}

static eco_status glpk_aborted(eco_plan_model *m, int64_t k) {
  /* The environment is unusable after a fatal error: free it (this frees
   * every problem object) and forget ours. */
  char text[1024];
  snprintf(text, sizeof text, "%s", plan_glpk_captured());
  glp_free_env();
  m->lp = NULL;
  return eco_error_set(ECO_ERR_SOLVER, __FILE__, __LINE__,
                       "GLPK internal error on rank %d while solving "
                       "scenario %lld: %s",
                       eco_rank(), (long long)k, text);
}

eco_status eco_plan_base_solve(eco_plan_model *m,
                               const eco_plan_sweep_options *o,
                               eco_plan_result *base) {
  ECO_CHECK(m && m->lp && o && base, ECO_ERR_INTERNAL,
            "base_solve: NULL argument");
  glp_prob *lp = m->lp;
  ECO_CHECK(!o->emissions_column[0] || glp_find_col(lp, o->emissions_column) > 0,
            ECO_ERR_INPUT, "emissions column '%s' is not in model %s",
            o->emissions_column, m->label);
  ECO_CHECK(!o->energy_column[0] || glp_find_col(lp, o->energy_column) > 0,
            ECO_ERR_INPUT, "energy column '%s' is not in model %s",
            o->energy_column, m->label);
  eco_plan_glpk_context("solving the base model", -1);
  if (o->scale)
    glp_scale_prob(lp, GLP_SF_AUTO);
  glp_adv_basis(lp, 0);
  memset(base, 0, sizeof *base);
  base->index = -1;
  base->method = 2;
  if (solve_one(lp, o, GLP_PRIMAL, 0, base))
    return glpk_aborted(m, -1);
  int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
  for (int i = 1; i <= nr; i++)
    m->base_rstat[i] = glp_get_row_stat(lp, i);
  for (int j = 1; j <= nc; j++)
    m->base_cstat[j] = glp_get_col_stat(lp, j);
  m->have_basis = 1;
  return ECO_OK;
}

/* Put the base basis back and factorize it afresh: the basis header is then
 * rebuilt in index order, whatever was solved before. */
static void base_basis_restore(eco_plan_model *m) {
  glp_prob *lp = m->lp;
  int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
  for (int i = 1; i <= nr; i++)
    glp_set_row_stat(lp, i, m->base_rstat[i]);
  for (int j = 1; j <= nc; j++)
    glp_set_col_stat(lp, j, m->base_cstat[j]);
  if (glp_factorize(lp) != 0)
    glp_adv_basis(lp, 0);
}

eco_status eco_plan_chunk_solve(eco_plan_model *m, const eco_plan_scenarios *s,
                                const eco_plan_sweep_options *o, int64_t k0,
                                int64_t n, eco_plan_result *out,
                                eco_plan_solved_fn after, void *user) {
  ECO_CHECK(m && m->lp && m->have_basis && s && o && out, ECO_ERR_INTERNAL,
            "chunk_solve: no model, base basis or output");
  glp_prob *lp = m->lp;
  int np = eco_plan_scenarios_nparams(s);
  int has_cost = 0;
  for (int j = 0; j < np; j++)
    has_cost |= eco_plan_scenarios_param_is_cost(s, j);
  double *prev = NULL, *cur = NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_calloc((size_t)np + 1, sizeof(double), &prev), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)np + 1, sizeof(double), &cur), done);
  for (int64_t i = 0; i < n; i++) {
    int64_t k = k0 + i;
    eco_plan_result *r = &out[i];
    memset(r, 0, sizeof *r);
    r->index = k;
    eco_plan_glpk_context("solving", k);
    ECO_CALL_GOTO(st, eco_plan_scenarios_apply(s, k, m), done);
    ECO_CALL_GOTO(st, eco_plan_scenarios_params(s, k, cur), done);
    int meth;
    if (!o->warm) {
      glp_adv_basis(lp, 0);
      meth = GLP_PRIMAL;
      r->method = 2;
    } else {
      int cost_changed = 0;
      if (i == 0) {
        base_basis_restore(m);
        cost_changed = has_cost;
      } else {
        for (int j = 0; j < np; j++)
          if (eco_plan_scenarios_param_is_cost(s, j) &&
              memcmp(&cur[j], &prev[j], sizeof(double)) != 0)
            cost_changed = 1;
      }
      meth = cost_changed ? GLP_PRIMAL : GLP_DUALP;
      r->method = cost_changed ? 1 : 0;
    }
    if (solve_one(lp, o, meth, 1, r)) {
      st = glpk_aborted(m, k);
      goto done;
    }
    if (after)
      after(user, m, r);
    memcpy(prev, cur, sizeof(double) * (size_t)np);
  }
done:
  eco_plan_glpk_context("working", -1);
  eco_free(&prev);
  eco_free(&cur);
  return st;
}

/* ------------------------------------------------------------------------ */
static const eco_plan_result *g_sort_base;
static int by_cost(const void *a, const void *b) {
  const eco_plan_result *x = &g_sort_base[*(const int64_t *)a];
  const eco_plan_result *y = &g_sort_base[*(const int64_t *)b];
  if (x->cost != y->cost)
    return x->cost < y->cost ? -1 : 1;
  if (x->emissions != y->emissions)
    return x->emissions < y->emissions ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

eco_status eco_plan_pareto(const eco_plan_result *r, int64_t n, int64_t *idx,
                           int64_t *nfront) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; i++)
    if (r[i].status == ECO_PLAN_OPTIMAL && isfinite(r[i].cost) &&
        isfinite(r[i].emissions))
      idx[c++] = i;
  g_sort_base = r;
  qsort(idx, (size_t)c, sizeof(int64_t), by_cost);
  int64_t f = 0;
  double best = INFINITY;
  for (int64_t i = 0; i < c; i++) {
    if (r[idx[i]].emissions < best) {
      best = r[idx[i]].emissions;
      idx[f++] = idx[i];
    }
  }
  *nfront = f;
  return ECO_OK;
}
