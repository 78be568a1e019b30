/* The `supply` command: read an instance, run the island GA, write
 * /supply/... into the results file. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ecoscale/io.h"
#include "ecoscale/run.h"
#include "supply_impl.h"

typedef struct {
  char input[ECO_STR_MAX];
  char customers[ECO_STR_MAX];
  char emission_factors[ECO_STR_MAX];
  double capacity;
  double transport_cost;
  double carbon_price;
  int allocation; /* ECO_SUPPLY_ALLOC_* */
  double penalty;
  int islands, population, generations, tournament;
  double crossover, mutation;
  int elite, migration_interval, migrants, stall;
  double time_limit, target, bound;
  int cache;
  int mip;
  double mip_time_limit;
  int granular;
  int objective; /* 0 weighted, 1 pareto */
  int migration; /* 0 sync (delayed, reproducible), 1 async */
  double vehicle_emissions; /* CVRP: emissions per unit of distance */
  int local_search; /* CFLP: priced moves solved exactly per local-search step (0: off) */
} supply_opts;

#define OFF(f) offsetof(supply_opts, f)
static const eco_option supply_options[] = {
    {"input", ECO_OPT_STRING, "", 0, 0, NULL,
     "instance: OR-Library CFLP file, sites.csv of the CSV variant, or a .vrp file (CVRP); a positional argument wins", OFF(input)},
    {"customers", ECO_OPT_STRING, "", 0, 0, NULL,
     "customers.csv of the CSV variant (second positional argument); empty: input is an OR-Library file", OFF(customers)},
    {"emission_factors", ECO_OPT_STRING, "", 0, 0, NULL,
     "OR-Library input only: CSV 'site,factor', emissions e_ij = factor_i * c_ij", OFF(emission_factors)},
    {"capacity", ECO_OPT_DOUBLE, "0", 0, 1e300, NULL,
     "capacity of every site whose capacity is the word 'capacity' (capa/capb/capc)", OFF(capacity)},
    {"transport_cost", ECO_OPT_DOUBLE, "1", 0, 1e300, NULL,
     "CSV variant: cost per unit of demand per unit of distance", OFF(transport_cost)},
    {"carbon_price", ECO_OPT_DOUBLE, "0", 0, 1e300, NULL,
     "cost per unit of emissions added to the objective", OFF(carbon_price)},
    {"allocation", ECO_OPT_ENUM, "flow", 0, 0, "flow|glpk|single",
     "flow / glpk: multi-sourcing, solved exactly by min-cost flow / by GLPK's simplex; "
     "single: one site per customer (greedy + local search heuristic)", OFF(allocation)},
    {"penalty", ECO_OPT_DOUBLE, "0", 0, 1e300, NULL,
     "cost per unit of unserved demand / overload (infeasible candidates also rank behind all feasible ones); 0: automatic", OFF(penalty)},
    {"islands", ECO_OPT_INT, "4", 1, 100000, NULL, "number of GA islands (results depend on it, not on ranks)", OFF(islands)},
    {"population", ECO_OPT_INT, "40", 2, 1000000, NULL, "individuals per island", OFF(population)},
    {"generations", ECO_OPT_INT, "200", 0, 100000000, NULL, "generation limit", OFF(generations)},
    {"tournament", ECO_OPT_INT, "2", 1, 1000, NULL, "tournament size", OFF(tournament)},
    {"crossover", ECO_OPT_DOUBLE, "0.9", 0, 1, NULL, "probability of crossover (uniform for CFLP, OX for CVRP)", OFF(crossover)},
    {"mutation", ECO_OPT_DOUBLE, "0", 0, 1, NULL, "CFLP: per-bit flip probability; 0: 1/sites", OFF(mutation)},
    {"elite", ECO_OPT_INT, "2", 0, 1000000, NULL, "best individuals kept each generation", OFF(elite)},
    {"migration_interval", ECO_OPT_INT, "10", 0, 100000000, NULL,
     "migrate every M generations (0: never); migrants arrive M generations later", OFF(migration_interval)},
    {"migrants", ECO_OPT_INT, "2", 0, 1000000, NULL, "best individuals sent to the next island", OFF(migrants)},
    {"stall", ECO_OPT_INT, "0", 0, 100000000, NULL, "stop after this many generations without improvement (0: off)", OFF(stall)},
    {"time_limit", ECO_OPT_DOUBLE, "0", 0, 1e9, NULL, "stop after this many seconds (0: off; not reproducible)", OFF(time_limit)},
    {"target", ECO_OPT_DOUBLE, "-1", -1, 1e300, NULL, "stop when the best objective <= target (-1: off)", OFF(target)},
    {"bound", ECO_OPT_DOUBLE, "-1", -1, 1e300, NULL, "known optimum or lower bound, for the gap in progress lines (-1: unknown)", OFF(bound)},
    {"cache", ECO_OPT_INT, "8192", 0, 100000000, NULL, "CFLP: evaluated candidates remembered per island (0: off)", OFF(cache)},
    {"mip", ECO_OPT_BOOL, "false", 0, 0, NULL,
     "also solve the CFLP exactly with GLPK's MIP on rank 0 (reference optimum and gap)", OFF(mip)},
    {"objective", ECO_OPT_ENUM, "weighted", 0, 0, "weighted|pareto",
     "CFLP: weighted = cost + carbon_price x emissions; pareto = NSGA-II front of (cost, emissions)", OFF(objective)},
    {"granular", ECO_OPT_INT, "20", 1, 1000, NULL,
     "CVRP: nearest customers considered by each local-search move", OFF(granular)},
    {"mip_time_limit", ECO_OPT_DOUBLE, "60", 0, 1e9, NULL, "time limit of the MIP in seconds (0: none)", OFF(mip_time_limit)},
    {"migration", ECO_OPT_ENUM, "sync", 0, 0, "sync|async",
     "sync: migrants sent at generation g are taken in at g + M and ranks agree every generation (reproducible); "
     "async: islands take whatever has arrived and ranks do not wait for each other (faster on uneven nodes, "
     "not reproducible, no checkpoint)", OFF(migration)},
    {"vehicle_emissions", ECO_OPT_DOUBLE, "0", 0, 1e300, NULL,
     "CVRP: emissions per unit of distance driven (e.g. kg CO2e per km); priced by carbon_price", OFF(vehicle_emissions)},
    {"local_search", ECO_OPT_INT, "0", 0, 1000000, NULL,
     "CFLP (flow allocation, weighted objective): local search on each new child's open set, add/drop/swap moves "
     "priced by the transportation duals; the best N estimates are solved exactly per step (0: off)", OFF(local_search)},
};
static const eco_option_table supply_table = ECO_OPTION_TABLE("supply", supply_options, supply_opts);

static int is_vrp(const char *path);
static const char *opt_input(const eco_ctx *ctx, const supply_opts *o) {
  return ctx->ninputs >= 1 ? ctx->inputs[0] : o->input;
}
static const char *opt_customers(const eco_ctx *ctx, const supply_opts *o) {
  return ctx->ninputs >= 2 ? ctx->inputs[1] : o->customers;
}

static eco_status supply_check(const eco_ctx *ctx, void *vopts) {
  supply_opts *o = vopts;
  ECO_CHECK(ctx->ninputs <= 2, ECO_ERR_USAGE,
            "supply takes at most two inputs (an OR-Library file, or sites.csv customers.csv), got %d",
            ctx->ninputs);
  ECO_CHECK(opt_input(ctx, o)[0] != '\0', ECO_ERR_USAGE,
            "supply needs an instance: give it as an argument or as [supply] input");
  ECO_CHECK(!ctx->run->resume || ctx->run->checkpoint_dir[0], ECO_ERR_CONFIG,
            "--resume needs run.checkpoint_dir (where the interrupted run wrote its checkpoint)");
  ECO_CHECK(ctx->run->checkpoint_every == 0 || ctx->run->checkpoint_dir[0], ECO_ERR_CONFIG,
            "run.checkpoint_every needs run.checkpoint_dir for supply (where its checkpoints go)");
  ECO_CHECK(o->elite < o->population, ECO_ERR_CONFIG,
            "supply.elite (%d) must be smaller than supply.population (%d)", o->elite, o->population);
  ECO_CHECK(o->migrants <= o->population - o->elite, ECO_ERR_CONFIG,
            "supply.migrants (%d) must be at most population - elite (%d)", o->migrants,
            o->population - o->elite);
  ECO_CHECK(o->tournament <= o->population, ECO_ERR_CONFIG,
            "supply.tournament (%d) must be at most supply.population (%d)", o->tournament, o->population);
  ECO_CHECK(!(is_vrp(opt_input(ctx, o)) && (ctx->ninputs > 1 || o->customers[0])), ECO_ERR_USAGE,
            "a .vrp instance (CVRP) takes no customers file");
  ECO_CHECK(!(o->objective == 1 && is_vrp(opt_input(ctx, o))), ECO_ERR_CONFIG,
            "supply.objective = pareto is for facility location, not for a .vrp (CVRP) instance");
  ECO_CHECK(!(o->objective == 1 && (o->stall > 0 || o->target >= 0)), ECO_ERR_CONFIG,
            "supply.stall and supply.target do not apply to supply.objective = pareto");
  ECO_CHECK(!(o->migration == 1 && ctx->run->checkpoint_dir[0]), ECO_ERR_CONFIG,
            "supply.migration = async cannot be checkpointed (its state depends on timing): "
            "drop run.checkpoint_dir or use supply.migration = sync");
  ECO_CHECK(!(opt_customers(ctx, o)[0] && o->emission_factors[0]), ECO_ERR_CONFIG,
            "supply.emission_factors is for OR-Library inputs; the CSV variant has an emission_factor column");
  ECO_CHECK(o->local_search == 0 || (o->allocation == ECO_SUPPLY_ALLOC_FLOW && o->objective == 0 &&
                                     !is_vrp(opt_input(ctx, o))),
            ECO_ERR_CONFIG,
            "supply.local_search is for facility location with allocation = flow and objective = weighted");
  return ECO_OK;
}

/* Rank 0 reads; everyone gets a copy. Collective. */
static eco_status load_instance(const eco_ctx *ctx, const supply_opts *o,
                                eco_supply_cflp **out) {
  *out = NULL;
  eco_supply_cflp *p = NULL;
  eco_status st = ECO_OK;
  int mn[2] = {0, 0};
  if (ctx->rank == 0) {
    const char *in = opt_input(ctx, o), *cu = opt_customers(ctx, o);
    if (cu[0])
      st = eco_supply_cflp_read_csv(in, cu, o->transport_cost, &p);
    else {
      st = eco_supply_cflp_read_orlib(in, o->capacity, &p);
      if (st == ECO_OK && o->emission_factors[0])
        st = eco_supply_cflp_read_emission_factors(p, o->emission_factors);
    }
    if (st == ECO_OK) {
      mn[0] = p->m;
      mn[1] = p->n;
    }
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    eco_supply_cflp_destroy(&p);
    return st;
  }
  ECO_CALL_MPI(MPI_Bcast(mn, 2, MPI_INT, 0, ctx->comm));
  if (ctx->rank != 0) st = eco_supply_cflp_create(mn[0], mn[1], &p);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    eco_supply_cflp_destroy(&p);
    return st;
  }
  int m = mn[0], n = mn[1], rc = MPI_SUCCESS;
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->capacity, m, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->fixed, m, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->demand, n, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->cost, m * n, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->emis, m * n, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->name, (int)sizeof(p->name), MPI_CHAR, 0, ctx->comm);
  if (rc != MPI_SUCCESS) {
    eco_supply_cflp_destroy(&p);
    return eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Bcast(instance)");
  }
  *out = p;
  return ECO_OK;
}

typedef struct {
  double objective, bound, seconds;
  int optimal, ran;
} mip_info;

/* Write the results (collective). x is the allocation on rank 0. */
static eco_status write_results(const eco_ctx *ctx, const supply_opts *o,
                                const eco_supply_cflp *p, double penalty,
                                const eco_supply_ga_result *res,
                                const eco_supply_cflp_eval *ev, const double *x,
                                const mip_info *mip, eco_h5 *f) {
  int m = p->m, n = p->n, root = ctx->rank == 0;
  eco_status st = ECO_OK;
  int32_t *open = NULL, *assign = NULL;
  double *flows = NULL;
  int64_t nflows = 0;
  if (root) {
    st = eco_malloc(sizeof(int32_t) * m, &open);
    if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * n, &assign);
    for (int i = 0; i < m && st == ECO_OK; i++) open[i] = res->best_open[i];
    for (size_t k = 0; k < (size_t)m * n; k++) nflows += x[k] > 0;
    if (st == ECO_OK) st = eco_malloc(sizeof(double) * 6 * (size_t)(nflows ? nflows : 1), &flows);
    int64_t r = 0;
    for (int j = 0; j < n && st == ECO_OK; j++) {
      double bx = 0;
      assign[j] = -1;
      for (int i = 0; i < m; i++) {
        size_t k = (size_t)i * n + j;
        if (x[k] <= 0) continue;
        if (x[k] > bx) {
          bx = x[k];
          assign[j] = i;
        }
        double *row = flows + 6 * r++;
        row[0] = j;
        row[1] = i;
        row[2] = x[k];
        row[3] = x[k] * p->demand[j];
        row[4] = x[k] * p->cost[k];
        row[5] = x[k] * p->emis[k];
      }
    }
  }
  /* agreed: rank 0 short of memory must not leave the others in the writes */
  st = eco_agree(ctx->comm, st);
  int rc = st == ECO_OK ? MPI_Bcast(&nflows, 1, MPI_INT64_T, 0, ctx->comm) : MPI_SUCCESS;
  if (rc != MPI_SUCCESS) st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Bcast(nflows)");
  double dummy = 0;
  if (st == ECO_OK) st = eco_h5_dataset_create(f, "/supply/open", ECO_H5_INT32, 0, m, 0, NULL);
  if (st == ECO_OK)
    st = eco_h5_dataset_write(f, "/supply/open", ECO_H5_INT32, 0, root ? m : 0,
                              root ? (void *)open : (void *)&dummy);
  if (st == ECO_OK) st = eco_h5_dataset_create(f, "/supply/assignment", ECO_H5_INT32, 0, n, 0, NULL);
  if (st == ECO_OK)
    st = eco_h5_dataset_write(f, "/supply/assignment", ECO_H5_INT32, 0, root ? n : 0,
                              root ? (void *)assign : (void *)&dummy);
  if (st == ECO_OK) st = eco_h5_dataset_create(f, "/supply/flows", ECO_H5_DOUBLE, 0, nflows, 6, NULL);
  if (st == ECO_OK)
    st = eco_h5_dataset_write(f, "/supply/flows", ECO_H5_DOUBLE, 0, root ? nflows : 0,
                              root ? (void *)flows : (void *)&dummy);
  free(open);
  free(assign);
  free(flows);
  ECO_CALL(st);
  int G1 = res->generations + 1;
  ECO_CALL(eco_h5_rows_write(f, "/supply/history/best", ECO_H5_DOUBLE, 0, res->nlocal, G1,
                             res->hist_best, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/supply/history/mean", ECO_H5_DOUBLE, 0, res->nlocal, G1,
                             res->hist_mean, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/supply/islands/stats", ECO_H5_INT64, 0, res->nlocal,
                             ECO_SUPPLY_ISTATS, res->island_stats, NULL, NULL));
  ECO_CALL(eco_h5_attr_set_string(f, "/supply/islands/stats", "columns",
                                  "evaluations,cache_hits,migrants_sent,migrants_received,"
                                  "migrants_adopted,generations_improved"));
  ECO_CALL(eco_h5_attr_set_string(f, "/supply/flows", "columns",
                                  "customer,site,fraction,quantity,cost,emissions"));
  /* totals over islands */
  int64_t loc[ECO_SUPPLY_ISTATS] = {0}, tot[ECO_SUPPLY_ISTATS];
  for (int l = 0; l < res->nlocal; l++)
    for (int s = 0; s < ECO_SUPPLY_ISTATS; s++) loc[s] += res->island_stats[l * ECO_SUPPLY_ISTATS + s];
  ECO_CALL_MPI(MPI_Allreduce(loc, tot, ECO_SUPPLY_ISTATS, MPI_INT64_T, MPI_SUM, ctx->comm));

  const char *g = "/supply";
  ECO_CALL(eco_h5_attr_set_string(f, g, "problem", "cflp"));
  ECO_CALL(eco_h5_attr_set_string(f, g, "mode", o->objective == 1 ? "pareto" : "weighted"));
  ECO_CALL(eco_h5_attr_set_string(f, g, "instance", p->name));
  ECO_CALL(eco_h5_attr_set_string(f, g, "sourcing", o->allocation == ECO_SUPPLY_ALLOC_SINGLE ? "single" : "multi"));
  ECO_CALL(eco_h5_attr_set_string(f, g, "allocation",
                                  o->allocation == ECO_SUPPLY_ALLOC_FLOW ? "flow"
                                  : o->allocation == ECO_SUPPLY_ALLOC_LP ? "glpk" : "single"));
  ECO_CALL(eco_h5_attr_set_int64(f, g, "sites", m));
  ECO_CALL(eco_h5_attr_set_int64(f, g, "customers", n));
  ECO_CALL(eco_h5_attr_set_double(f, g, "objective", ev->objective));
  ECO_CALL(eco_h5_attr_set_double(f, g, "cost", ev->fixed + ev->assign));
  ECO_CALL(eco_h5_attr_set_double(f, g, "fixed_cost", ev->fixed));
  ECO_CALL(eco_h5_attr_set_double(f, g, "assignment_cost", ev->assign));
  ECO_CALL(eco_h5_attr_set_double(f, g, "emissions", ev->emissions));
  ECO_CALL(eco_h5_attr_set_double(f, g, "carbon_price", o->carbon_price));
  ECO_CALL(eco_h5_attr_set_double(f, g, "penalty", penalty));
  ECO_CALL(eco_h5_attr_set_double(f, g, "unmet", ev->unmet));
  ECO_CALL(eco_h5_attr_set_int64(f, g, "feasible", ev->feasible));
  int nopen = 0;
  for (int i = 0; i < m; i++) nopen += res->best_open[i] != 0;
  ECO_CALL(eco_h5_attr_set_int64(f, g, "open_sites", nopen));
  const char *s = "/supply/stats";
  ECO_CALL(eco_h5_group_create(f, s));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "islands", o->islands));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "population", o->population));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "generations", res->generations));
  ECO_CALL(eco_h5_attr_set_string(f, s, "stop_reason", eco_supply_stop_reason_name(res->stop_reason)));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "best_island", res->best_island));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "evaluations", tot[ECO_SUPPLY_IST_EVALS]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "cache_hits", tot[ECO_SUPPLY_IST_CACHE_HITS]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "migrants_sent", tot[ECO_SUPPLY_IST_SENT]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "migrants_received", tot[ECO_SUPPLY_IST_RECEIVED]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "migrants_adopted", tot[ECO_SUPPLY_IST_ADOPTED]));
  double secs = res->seconds;
  ECO_CALL_MPI(MPI_Bcast(&secs, 1, MPI_DOUBLE, 0, ctx->comm));
  ECO_CALL(eco_h5_attr_set_double(f, s, "ga_seconds", secs));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "nranks", ctx->size));
  if (o->objective == 1) {
    int F = res->nfront;
    int32_t *fo = NULL;
    /* agreed: the writes below are collective */
    ECO_CALL(eco_malloc_all(ctx->comm, sizeof(int32_t) * (size_t)m * (F ? F : 1), &fo));
    for (size_t k = 0; k < (size_t)m * F; k++) fo[k] = res->front_open[k];
    eco_status ws = eco_h5_dataset_create(f, "/supply/pareto/cost", ECO_H5_DOUBLE, 0, F, 0, NULL);
    if (ws == ECO_OK) ws = eco_h5_dataset_write(f, "/supply/pareto/cost", ECO_H5_DOUBLE, 0, root ? F : 0, res->front_cost);
    if (ws == ECO_OK) ws = eco_h5_dataset_create(f, "/supply/pareto/emissions", ECO_H5_DOUBLE, 0, F, 0, NULL);
    if (ws == ECO_OK) ws = eco_h5_dataset_write(f, "/supply/pareto/emissions", ECO_H5_DOUBLE, 0, root ? F : 0, res->front_emis);
    if (ws == ECO_OK) ws = eco_h5_dataset_create(f, "/supply/pareto/open", ECO_H5_INT32, 0, F, m, NULL);
    if (ws == ECO_OK) ws = eco_h5_dataset_write(f, "/supply/pareto/open", ECO_H5_INT32, 0, root ? F : 0, fo);
    free(fo);
    ECO_CALL(ws);
  }
  if (mip->ran) {
    const char *q = "/supply/mip";
    ECO_CALL(eco_h5_group_create(f, q));
    ECO_CALL(eco_h5_attr_set_double(f, q, "objective", mip->objective));
    ECO_CALL(eco_h5_attr_set_double(f, q, "bound", mip->bound));
    ECO_CALL(eco_h5_attr_set_int64(f, q, "optimal", mip->optimal));
    ECO_CALL(eco_h5_attr_set_double(f, q, "seconds", mip->seconds));
    ECO_CALL(eco_h5_attr_set_double(f, q, "gap", (ev->objective - mip->objective) / mip->objective));
  }
  return st;
}

static uint64_t mix(uint64_t h, const void *p, size_t n) {
  return (h * 0x9e3779b97f4a7c15ULL) ^ eco_supply_hash_bytes((const unsigned char *)p, n);
}

/* Remove the checkpoint of a run whose results are committed. A failure is
 * a warning: the results stand (a later --resume would find a finished
 * run's checkpoint). Collective. */
static void checkpoint_spent(const eco_ctx *ctx, int islands) {
  if (eco_supply_ga_checkpoint_remove(ctx->comm, ctx->run->checkpoint_dir, islands) != ECO_OK) {
    eco_log_root(ECO_LOG_WARN, "supply: results written, but %s", eco_error_message());
    eco_error_clear();
  }
}

static int is_vrp(const char *path) {
  size_t l = strlen(path);
  return l >= 4 && strcasecmp(path + l - 4, ".vrp") == 0;
}

/* ---- CVRP --------------------------------------------------------------- */
static eco_status load_vrp(const eco_ctx *ctx, const char *path, eco_supply_cvrp **out) {
  *out = NULL;
  eco_supply_cvrp *p = NULL;
  eco_status st = ECO_OK;
  int hdr[2] = {0, 0};
  if (ctx->rank == 0) {
    st = eco_supply_cvrp_read(path, &p);
    if (st == ECO_OK) {
      hdr[0] = p->n;
      hdr[1] = p->x != NULL;
    }
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) return st;
  ECO_CALL_MPI(MPI_Bcast(hdr, 2, MPI_INT, 0, ctx->comm));
  int n = hdr[0], N = n + 1;
  if (ctx->rank != 0) {
    st = eco_supply_cvrp_create(n, &p);
    if (st == ECO_OK && hdr[1]) {
      st = eco_malloc(sizeof(double) * N, &p->x);
      if (st == ECO_OK) st = eco_malloc(sizeof(double) * N, &p->y);
    }
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    eco_supply_cvrp_destroy(&p);
    return st;
  }
  int rc = MPI_Bcast(p->dist, N * N, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->demand, N, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->label, N, MPI_INT, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(&p->capacity, 1, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS) rc = MPI_Bcast(p->name, (int)sizeof(p->name), MPI_CHAR, 0, ctx->comm);
  if (rc == MPI_SUCCESS && hdr[1]) rc = MPI_Bcast(p->x, N, MPI_DOUBLE, 0, ctx->comm);
  if (rc == MPI_SUCCESS && hdr[1]) rc = MPI_Bcast(p->y, N, MPI_DOUBLE, 0, ctx->comm);
  if (rc != MPI_SUCCESS) {
    eco_supply_cvrp_destroy(&p);
    return eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Bcast(vrp)");
  }
  *out = p;
  return ECO_OK;
}

static eco_status write_common(const eco_ctx *ctx, const supply_opts *o, eco_h5 *f, int G1, int nlocal,
                               const double *hb, const double *hm, const int64_t *istats,
                               int generations, int stop_reason, int best_island, double seconds) {
  ECO_CALL(eco_h5_rows_write(f, "/supply/history/best", ECO_H5_DOUBLE, 0, nlocal, G1, hb, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/supply/history/mean", ECO_H5_DOUBLE, 0, nlocal, G1, hm, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/supply/islands/stats", ECO_H5_INT64, 0, nlocal, ECO_SUPPLY_ISTATS,
                             istats, NULL, NULL));
  ECO_CALL(eco_h5_attr_set_string(f, "/supply/islands/stats", "columns",
                                  "evaluations,cache_hits,migrants_sent,migrants_received,"
                                  "migrants_adopted,generations_improved"));
  int64_t loc[ECO_SUPPLY_ISTATS] = {0}, tot[ECO_SUPPLY_ISTATS];
  for (int l = 0; l < nlocal; l++)
    for (int s = 0; s < ECO_SUPPLY_ISTATS; s++) loc[s] += istats[l * ECO_SUPPLY_ISTATS + s];
  ECO_CALL_MPI(MPI_Allreduce(loc, tot, ECO_SUPPLY_ISTATS, MPI_INT64_T, MPI_SUM, ctx->comm));
  const char *s = "/supply/stats";
  ECO_CALL(eco_h5_group_create(f, s));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "islands", o->islands));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "population", o->population));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "generations", generations));
  ECO_CALL(eco_h5_attr_set_string(f, s, "stop_reason", eco_supply_stop_reason_name(stop_reason)));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "best_island", best_island));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "evaluations", tot[ECO_SUPPLY_IST_EVALS]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "cache_hits", tot[ECO_SUPPLY_IST_CACHE_HITS]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "migrants_sent", tot[ECO_SUPPLY_IST_SENT]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "migrants_received", tot[ECO_SUPPLY_IST_RECEIVED]));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "migrants_adopted", tot[ECO_SUPPLY_IST_ADOPTED]));
  double secs = seconds;
  ECO_CALL_MPI(MPI_Bcast(&secs, 1, MPI_DOUBLE, 0, ctx->comm));
  ECO_CALL(eco_h5_attr_set_double(f, s, "ga_seconds", secs));
  ECO_CALL(eco_h5_attr_set_int64(f, s, "nranks", ctx->size));
  return ECO_OK;
}

static eco_status write_cvrp(const eco_ctx *ctx, const supply_opts *o, const eco_supply_cvrp *p,
                             const eco_supply_cvrp_result *res, eco_h5 *f) {
  int n = p->n, N = n + 1;
  /* routes of the best tour (every rank has it) */
  double *V = NULL, *rload = NULL, *rdist = NULL;
  int *pred = NULL, *start = NULL, *labels = NULL;
  int64_t *start64 = NULL;
  eco_status st = ECO_OK;
  st = eco_malloc(sizeof(double) * N, &V);
  if (st == ECO_OK) st = eco_malloc(sizeof(int) * N, &pred);
  if (st == ECO_OK) st = eco_malloc(sizeof(int) * N, &start);
  if (st == ECO_OK) st = eco_malloc(sizeof(int) * N, &labels);
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * N, &start64);
  if (st == ECO_OK) st = eco_malloc(sizeof(double) * N, &rload);
  if (st == ECO_OK) st = eco_malloc(sizeof(double) * N, &rdist);
  /* agreed: one rank short of memory must not leave the others in the writes */
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;
  double total = eco_supply_cvrp_split(p, res->best_tour, V, pred);
  int R = eco_supply_cvrp_split_routes(p, pred, start);
  for (int r = 0; r <= R; r++) start64[r] = start[r];
  for (int r = 0; r < R; r++) {
    double l = 0, d = 0;
    int prev = 0;
    for (int k = start[r]; k < start[r + 1]; k++) {
      int c = res->best_tour[k];
      l += p->demand[c];
      d += p->dist[(size_t)prev * N + c];
      prev = c;
    }
    d += p->dist[(size_t)prev * N];
    rload[r] = l;
    rdist[r] = d;
  }
  for (int k = 0; k < n; k++) labels[k] = p->label[res->best_tour[k]];
  int root = ctx->rank == 0;
  ECO_CALL_GOTO(st, eco_h5_dataset_create(f, "/supply/routes/customers", ECO_H5_INT32, 0, n, 0, NULL), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_write(f, "/supply/routes/customers", ECO_H5_INT32, 0, root ? n : 0, labels), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_create(f, "/supply/routes/start", ECO_H5_INT64, 0, R + 1, 0, NULL), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_write(f, "/supply/routes/start", ECO_H5_INT64, 0, root ? R + 1 : 0, start64), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_create(f, "/supply/routes/load", ECO_H5_DOUBLE, 0, R, 0, NULL), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_write(f, "/supply/routes/load", ECO_H5_DOUBLE, 0, root ? R : 0, rload), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_create(f, "/supply/routes/distance", ECO_H5_DOUBLE, 0, R, 0, NULL), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_write(f, "/supply/routes/distance", ECO_H5_DOUBLE, 0, root ? R : 0, rdist), done);
  /* emissions of each route: vehicle_emissions x its distance (rload reused) */
  for (int r = 0; r < R; r++) rload[r] = o->vehicle_emissions * rdist[r];
  ECO_CALL_GOTO(st, eco_h5_dataset_create(f, "/supply/routes/emissions", ECO_H5_DOUBLE, 0, R, 0, NULL), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_write(f, "/supply/routes/emissions", ECO_H5_DOUBLE, 0, root ? R : 0, rload), done);
  ECO_CALL_GOTO(st, write_common(ctx, o, f, res->generations + 1, res->nlocal, res->hist_best, res->hist_mean,
                                 res->island_stats, res->generations, res->stop_reason, res->best_island,
                                 res->seconds), done);
  const char *g = "/supply";
  ECO_CALL_GOTO(st, eco_h5_attr_set_string(f, g, "problem", "cvrp"), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_string(f, g, "instance", p->name), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_int64(f, g, "customers", n), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_int64(f, g, "depot", p->label[0]), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_double(f, g, "capacity", p->capacity), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_double(f, g, "objective", total), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_double(f, g, "emissions", o->vehicle_emissions * total), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_double(f, g, "vehicle_emissions", o->vehicle_emissions), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_double(f, g, "carbon_price", o->carbon_price), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_double(f, g, "cost",
                                          total + o->carbon_price * o->vehicle_emissions * total), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_int64(f, g, "routes", R), done);
  ECO_CALL_GOTO(st, eco_h5_attr_set_int64(f, g, "feasible", 1), done);
  if (o->bound > 0)
    ECO_CALL_GOTO(st, eco_h5_attr_set_double(f, g, "gap", (total - o->bound) / o->bound), done);
done:
  free(V);
  free(pred);
  free(start);
  free(labels);
  free(start64);
  free(rload);
  free(rdist);
  return st;
}

static eco_status run_cvrp(const eco_ctx *ctx, supply_opts *o, const char *path) {
  eco_supply_cvrp *p = NULL;
  ECO_CALL(load_vrp(ctx, path, &p));
  eco_log_root(ECO_LOG_INFO, "supply: CVRP %s, %d customers, capacity %g, %d island%s on %d rank%s", p->name,
               p->n, p->capacity, o->islands, eco_plural(o->islands), ctx->size, eco_plural(ctx->size));
  eco_supply_ga_params prm = {
      .islands = o->islands, .population = o->population, .generations = o->generations,
      .tournament = o->tournament, .crossover = o->crossover, .mutation = o->mutation,
      .elite = o->elite, .migration_interval = o->migration_interval, .migrants = o->migrants,
      .stall = o->stall, .time_limit = o->time_limit, .target = o->target, .bound = o->bound,
      .cache_size = 0, .seed = (uint64_t)ctx->run->seed,
      .checkpoint_every = ctx->run->checkpoint_every,
      .checkpoint_dir = ctx->run->checkpoint_dir, .resume = ctx->run->resume,
      .async_migration = o->migration == 1};
  size_t N = (size_t)p->n + 1;
  prm.instance_hash = mix(mix(mix(1, p->dist, sizeof(double) * N * N), p->demand, sizeof(double) * N),
                          &p->capacity, sizeof(double));
  prm.instance_hash = mix(prm.instance_hash, &o->granular, sizeof(int));
  eco_supply_cvrp_result res;
  eco_status st = eco_supply_ga_cvrp_run(ctx->comm, p, &prm, o->granular, &res);
  if (st != ECO_OK) {
    eco_supply_cvrp_destroy(&p);
    return st;
  }
  eco_log_root(ECO_LOG_INFO, "supply: best total distance %.6f after %d generations (%s), %.2f s", res.best,
               res.generations, eco_supply_stop_reason_name(res.stop_reason), res.seconds);
  if (o->vehicle_emissions > 0)
    eco_log_root(ECO_LOG_INFO, "supply: emissions %.6f (%g per unit distance), cost with carbon %.6f",
                 o->vehicle_emissions * res.best, o->vehicle_emissions,
                 res.best * (1 + o->carbon_price * o->vehicle_emissions));
  eco_results *r = NULL;
  st = eco_results_create(ctx, ctx->run->output, &r);
  if (st == ECO_OK) {
    if (ctx->ninputs < 1 && o->input[0]) st = eco_results_add_input(r, o->input);
    if (st == ECO_OK) st = write_cvrp(ctx, o, p, &res, eco_results_h5(r));
    st = eco_agree(ctx->comm, st);
    if (st != ECO_OK)
      eco_results_abort(&r);
    else
      st = eco_results_commit(&r);
  }
  /* a complete run: its checkpoint (periodic, or the one it resumed from) is spent */
  if (st == ECO_OK) checkpoint_spent(ctx, o->islands);
  eco_supply_cvrp_result_free(&res);
  eco_supply_cvrp_destroy(&p);
  return st;
}

static eco_status supply_run(const eco_ctx *ctx, void *vopts) {
  supply_opts *o = vopts;
  if (is_vrp(opt_input(ctx, o))) return run_cvrp(ctx, o, opt_input(ctx, o));
  eco_supply_cflp *p = NULL;
  eco_status st = ECO_OK;
  ECO_CALL(load_instance(ctx, o, &p));
  eco_log_root(ECO_LOG_INFO, "supply: CFLP %s, %d sites, %d customers, %s-sourcing, %d island%s on %d rank%s",
               p->name, p->m, p->n, o->allocation == ECO_SUPPLY_ALLOC_SINGLE ? "single" : "multi", o->islands,
               eco_plural(o->islands), ctx->size, eco_plural(ctx->size));
  double penalty = o->penalty > 0 ? o->penalty : eco_supply_cflp_default_penalty(p, o->carbon_price);

  mip_info mip = {0};
  if (o->mip) {
    double mb[4] = {0, 0, 0, 0};
    if (ctx->rank == 0) {
      eco_supply_cflp_eval mev;
      int optimal = 0;
      double bound = 0, t = MPI_Wtime();
      eco_timer_begin("supply.mip");
      st = eco_supply_cflp_mip(p, o->allocation == ECO_SUPPLY_ALLOC_SINGLE, o->carbon_price, o->mip_time_limit, NULL, NULL,
                               &mev, &bound, &optimal);
      eco_timer_end("supply.mip");
      mb[0] = mev.objective;
      mb[1] = bound;
      mb[2] = optimal;
      mb[3] = MPI_Wtime() - t;
    }
    st = eco_agree(ctx->comm, st);
    if (st != ECO_OK) goto done;
    ECO_CALL_MPI_GOTO(st, MPI_Bcast(mb, 4, MPI_DOUBLE, 0, ctx->comm), done);
    mip.objective = mb[0];
    mip.bound = mb[1];
    mip.optimal = mb[2] != 0;
    mip.seconds = mb[3];
    mip.ran = 1;
    eco_log_root(ECO_LOG_INFO, "supply: GLPK MIP objective %.6f (%s) in %.2f s", mip.objective,
                 mip.optimal ? "optimal" : "time limit, not proven optimal", mip.seconds);
  }

  eco_supply_ga_params prm = {
      .islands = o->islands, .population = o->population, .generations = o->generations,
      .tournament = o->tournament, .crossover = o->crossover, .mutation = o->mutation,
      .elite = o->elite, .migration_interval = o->migration_interval, .migrants = o->migrants,
      .stall = o->stall, .time_limit = o->time_limit, .target = o->target,
      .bound = o->bound >= 0 ? o->bound : (mip.ran && mip.optimal ? mip.objective : -1),
      .cache_size = o->cache, .seed = (uint64_t)ctx->run->seed,
      .checkpoint_every = ctx->run->checkpoint_every,
      .checkpoint_dir = ctx->run->checkpoint_dir, .resume = ctx->run->resume,
      .pareto = o->objective == 1, .async_migration = o->migration == 1,
      .local_search = o->local_search};
  {
    size_t mn = (size_t)p->m * p->n;
    uint64_t h = mix(1, p->cost, sizeof(double) * mn);
    h = mix(h, p->emis, sizeof(double) * mn);
    h = mix(h, p->capacity, sizeof(double) * p->m);
    h = mix(h, p->fixed, sizeof(double) * p->m);
    h = mix(h, p->demand, sizeof(double) * p->n);
    double knobs[5] = {o->carbon_price, penalty, (double)o->allocation, (double)o->objective,
                       (double)o->local_search};
    prm.instance_hash = mix(h, knobs, sizeof(knobs));
  }
  eco_supply_ga_result res;
  ECO_CALL_GOTO(st, eco_supply_ga_cflp_run(ctx->comm, p, o->allocation, o->carbon_price, penalty,
                                           &prm, &res), done);

  /* Re-evaluate the best with a fresh solver on rank 0 (the allocation x and
   * a result that does not depend on any warm-start history). */
  double *x = NULL;
  eco_supply_cflp_eval ev = {0};
  if (ctx->rank == 0) {
    eco_supply_alloc *a = NULL;
    st = eco_malloc(sizeof(double) * (size_t)p->m * p->n, &x);
    if (st == ECO_OK) st = eco_supply_alloc_create(p, o->allocation, o->carbon_price, penalty, &a);
    if (st == ECO_OK) st = eco_supply_alloc_eval(a, res.best_open, x, &ev);
    eco_supply_alloc_destroy(&a);
  }
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    double v[6] = {ev.objective, ev.fixed, ev.assign, ev.emissions, ev.unmet, ev.feasible};
    int rc = MPI_Bcast(v, 6, MPI_DOUBLE, 0, ctx->comm);
    if (rc != MPI_SUCCESS) st = eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Bcast(eval)");
    ev.objective = v[0], ev.fixed = v[1], ev.assign = v[2], ev.emissions = v[3], ev.unmet = v[4];
    ev.feasible = v[5] != 0;
  }
  if (st == ECO_OK) {
    eco_log_root(ECO_LOG_INFO,
                 "supply: best objective %.6f (fixed %.6f + assignment %.6f, emissions %.6f)%s after %d "
                 "generations (%s), %.2f s",
                 ev.objective, ev.fixed, ev.assign, ev.emissions, ev.feasible ? "" : " INFEASIBLE",
                 res.generations, eco_supply_stop_reason_name(res.stop_reason), res.seconds);
    if (mip.ran)
      eco_log_root(ECO_LOG_INFO, "supply: gap to the GLPK MIP %.4f%%",
                   100.0 * (ev.objective - mip.objective) / mip.objective);
    eco_results *r = NULL;
    st = eco_results_create(ctx, ctx->run->output, &r);
    if (st == ECO_OK) {
      if (ctx->ninputs < 1 && o->input[0]) st = eco_results_add_input(r, o->input);
      if (st == ECO_OK && ctx->ninputs < 2 && o->customers[0]) st = eco_results_add_input(r, o->customers);
      if (st == ECO_OK && o->emission_factors[0]) st = eco_results_add_input(r, o->emission_factors);
      if (st == ECO_OK)
        st = write_results(ctx, o, p, penalty, &res, &ev, x, &mip, eco_results_h5(r));
      st = eco_agree(ctx->comm, st);
      if (st != ECO_OK)
        eco_results_abort(&r);
      else
        st = eco_results_commit(&r);
    }
    if (st == ECO_OK) checkpoint_spent(ctx, o->islands);
  }
  free(x);
  eco_supply_ga_result_free(&res);
done:
  eco_supply_cflp_destroy(&p);
  return st;
}

const eco_command eco_supply_command = {
    "supply", "[INSTANCE.txt | SITES.csv CUSTOMERS.csv | ROUTES.vrp]",
    "facility location (CFLP) or delivery routing (CVRP, .vrp input) by island genetic algorithms",
    &supply_table, supply_check, supply_run};

/* ------------------------------------------------------------------------ */
/* `generate supply`: a CFLP instance in OR-Library format                  */
/* ------------------------------------------------------------------------ */
typedef struct {
  int sites, customers;
  double ratio;
  char file[ECO_STR_MAX];
} gen_opts;

static const eco_option gen_options[] = {
    {"sites", ECO_OPT_INT, "50", 1, 100000, NULL, "candidate sites m", offsetof(gen_opts, sites)},
    {"customers", ECO_OPT_INT, "50", 1, 10000000, NULL, "customers n", offsetof(gen_opts, customers)},
    {"ratio", ECO_OPT_DOUBLE, "3", 1.000001, 1000, NULL,
     "total capacity / total demand (tighter near 1)", offsetof(gen_opts, ratio)},
    {"file", ECO_OPT_STRING, "", 0, 0, NULL,
     "the OR-Library file to write (a positional argument wins)", offsetof(gen_opts, file)},
};
static const eco_option_table gen_table = ECO_OPTION_TABLE("generate_supply", gen_options, gen_opts);

static const char *gen_path(const eco_ctx *ctx, const gen_opts *o) {
  return ctx->ninputs >= 1 ? ctx->inputs[0] : o->file;
}

static eco_status gen_check(const eco_ctx *ctx, void *vopts) {
  gen_opts *o = vopts;
  ECO_CHECK(ctx->ninputs <= 1, ECO_ERR_USAGE, "generate supply takes one file name");
  ECO_CHECK(gen_path(ctx, o)[0] != '\0', ECO_ERR_USAGE,
            "generate supply needs the file to write: an argument or [generate_supply] file");
  return ECO_OK;
}

static eco_status gen_run(const eco_ctx *ctx, void *vopts) {
  gen_opts *o = vopts;
  eco_status st = ECO_OK;
  if (ctx->rank == 0) {
    eco_supply_cflp *p = NULL;
    const char *path = gen_path(ctx, o);
    char tmp[ECO_STR_MAX + 8];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    st = eco_supply_cflp_generate(o->sites, o->customers, o->ratio, (uint64_t)ctx->run->seed, &p);
    if (st == ECO_OK) st = eco_supply_cflp_write_orlib(p, tmp);
    if (st == ECO_OK && rename(tmp, path) != 0)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot rename %s to %s", tmp, path);
    if (st != ECO_OK) remove(tmp);
    if (st == ECO_OK)
      eco_log_root(ECO_LOG_INFO, "generate supply: wrote %s (%d sites, %d customers, capacity ratio %g)",
                   path, o->sites, o->customers, o->ratio);
    eco_supply_cflp_destroy(&p);
  }
  return eco_agree(ctx->comm, st);
}

const eco_command eco_supply_generate_command = {
    "generate supply", "[FILE]",
    "a random capacitated facility location instance in OR-Library format",
    &gen_table, gen_check, gen_run};
