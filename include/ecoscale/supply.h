/* ecoscale supply: supply-chain design (capacitated facility location) and
 * delivery routing (capacitated vehicle routing) by an island-model genetic
 * algorithm whose islands live on the MPI ranks.
 *
 * Problems
 *   CFLP  m candidate sites (capacity s_i, fixed cost f_i), n customers
 *         (demand d_j); c_ij is the cost of serving ALL of customer j's
 *         demand from site i (OR-Library convention), e_ij the emissions of
 *         doing so. A solution opens a set of sites and serves every customer
 *         from open sites, fractions x_ij summing to 1 (multi-sourcing) or a
 *         single site (single-sourcing), within capacities. Objective
 *         sum f_i y_i + sum (c_ij + carbon_price * e_ij) x_ij.
 *   CVRP  one depot, n customers with demands, vehicles of capacity Q,
 *         symmetric distances; see eco_supply_cvrp_*.
 *
 * See docs/supply.md for the formats, options and algorithms.
 */
#ifndef ECOSCALE_SUPPLY_H
#define ECOSCALE_SUPPLY_H

#include <stdint.h>

#include "ecoscale/core.h"
#include "ecoscale/run.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* CFLP instances                                                           */
/* ------------------------------------------------------------------------ */
typedef struct {
  int m;            /* candidate sites */
  int n;            /* customers */
  double *capacity; /* [m] */
  double *fixed;    /* [m] fixed cost of opening */
  double *demand;   /* [n] */
  double *cost;     /* [m*n] row-major by site: cost of serving all of j from i */
  double *emis;     /* [m*n] emissions of serving all of j from i (0 if none given) */
  char name[256];   /* instance name (file base name) */
} eco_supply_cflp;

/* An empty instance of m sites and n customers (arrays zeroed).
 * Not collective. ECO_ERR_INPUT if m < 1 or n < 1, ECO_ERR_MEM. */
eco_status eco_supply_cflp_create(int m, int n, eco_supply_cflp **out);
/* Accepts NULL; sets *p = NULL. */
void eco_supply_cflp_destroy(eco_supply_cflp **p);

/* Read an OR-Library capacitated warehouse location file (cap41 ... cap134,
 * capa/capb/capc). Format: "m n"; m lines "capacity fixed_cost"; then per
 * customer "demand" followed by m costs (free format: numbers may wrap over
 * lines). In capa/capb/capc the capacity field is the word "capacity"; the
 * value must then be given as capacity_value (> 0), else ECO_ERR_INPUT.
 * Errors name path:line and what was expected. Not collective. */
eco_status eco_supply_cflp_read_orlib(const char *path, double capacity_value,
                                      eco_supply_cflp **out);
/* Read per-site emission factors "site,factor" (header line required;
 * site is 1-based as in the OR-Library file); e_ij = factor_i * c_ij.
 * Every site must appear exactly once. Not collective. */
eco_status eco_supply_cflp_read_emission_factors(eco_supply_cflp *p,
                                                 const char *path);
/* Read the CSV variant: sites.csv "id,x,y,capacity,fixed_cost,emission_factor"
 * and customers.csv "id,x,y,demand" (headers required, any column order,
 * extra columns ignored). c_ij = transport_cost * d_j * dist_ij and
 * e_ij = emission_factor_i * d_j * dist_ij (Euclidean distance).
 * Not collective. */
eco_status eco_supply_cflp_read_csv(const char *sites_path,
                                    const char *customers_path,
                                    double transport_cost,
                                    eco_supply_cflp **out);
/* Write in OR-Library format (for generated instances). Not collective. */
eco_status eco_supply_cflp_write_orlib(const eco_supply_cflp *p, const char *path);
/* Generate a Cornuejols-Sridharan-Thizy style instance: points in the unit
 * square, d_j ~ U[5,35], s_i ~ U[10,160] scaled so that sum s / sum d =
 * ratio, f_i = U[0,90] + U[100,110] sqrt(s_i), c_ij = 10 dist_ij d_j.
 * Deterministic for (seed, m, n, ratio). Not collective. */
eco_status eco_supply_cflp_generate(int m, int n, double ratio, uint64_t seed,
                                    eco_supply_cflp **out);

/* ------------------------------------------------------------------------ */
/* CFLP allocation: given open sites, the best way to serve the customers.   */
/* ------------------------------------------------------------------------ */
typedef struct {
  double objective;  /* fixed + assignment + carbon_price*emissions + penalty */
  double fixed;      /* sum of fixed costs of open sites */
  double assign;     /* assignment cost sum c_ij x_ij */
  double emissions;  /* sum e_ij x_ij */
  double unmet;      /* multi: demand not served; single: capacity overload */
  int feasible;      /* unmet == 0 */
} eco_supply_cflp_eval;

typedef struct eco_supply_alloc eco_supply_alloc;

/* How the allocation is computed. */
enum {
  ECO_SUPPLY_ALLOC_FLOW = 0,  /* multi-sourcing, exact: min-cost flow (successive shortest paths) */
  ECO_SUPPLY_ALLOC_LP = 1,    /* multi-sourcing, exact: the transportation LP by GLPK's simplex */
  ECO_SUPPLY_ALLOC_SINGLE = 2 /* single-sourcing: greedy + repair + local search (heuristic) */
};

/* An allocation solver for one instance. FLOW and LP solve the same
 * transportation problem exactly (the LP keeps one GLPK problem object,
 * warm-started by changing the column bounds of the sites that closed or
 * opened); SINGLE is a heuristic (the single-source allocation is a
 * generalized assignment problem). penalty: cost per unit of unmet demand
 * (multi) / overload (single). Not collective. */
eco_status eco_supply_alloc_create(const eco_supply_cflp *p, int kind,
                                   double carbon_price, double penalty,
                                   eco_supply_alloc **out);
void eco_supply_alloc_destroy(eco_supply_alloc **a);
/* Evaluate the open set `open` (m bytes, 0/1). Multi-sourcing (FLOW, LP)
 * with less open capacity than total demand solves nothing: objective =
 * fixed + sum_j min_open w_ij + penalty * (demand - open capacity), unmet =
 * the shortfall, x = the uncapacitated cheapest assignment. If x is not NULL it receives
 * the allocation fractions [m*n]. ECO_ERR_SOLVER if GLPK fails. */
eco_status eco_supply_alloc_eval(eco_supply_alloc *a, const unsigned char *open,
                                 double *x, eco_supply_cflp_eval *ev);
/* The default penalty per unit: 10 x (largest per-unit serving cost
 * including carbon + largest fixed cost per unit of capacity). */
double eco_supply_cflp_default_penalty(const eco_supply_cflp *p,
                                       double carbon_price);
/* FLOW allocation only (ECO_ERR_INTERNAL otherwise): local search on the
 * open set `open` (m bytes, changed in place) whose exact evaluation is
 * *ev. Moves: open a site, close one, or both (swap), priced with the duals
 * of the transportation problem; per step the `probe` best estimates are
 * solved exactly and the first that improves is taken; stops when none
 * does or after max_evals exact solves (counted in *evals). *ev receives
 * the evaluation of the final set. An infeasible *ev is left unchanged.
 * Deterministic. Not collective. */
eco_status eco_supply_alloc_improve(eco_supply_alloc *a, unsigned char *open,
                                    eco_supply_cflp_eval *ev, int probe, int max_evals,
                                    int64_t *evals);
/* The local search's probes so far on this allocation object: solved warm
 * (continued from the current set's flow) and solved from scratch. Not
 * collective. */
void eco_supply_alloc_probes(const eco_supply_alloc *a, int64_t *warm, int64_t *scratch);

/* Solve the whole CFLP exactly as a MIP with GLPK (strong formulation with
 * x_ij <= y_i, plus sum s_i y_i >= sum d_j). time_limit in seconds (0 =
 * none). *optimal = 1 if proven optimal; *bound = best bound. open (m) and
 * x (m*n) may be NULL. ECO_ERR_SOLVER if no integer solution was found.
 * Not collective. */
eco_status eco_supply_cflp_mip(const eco_supply_cflp *p, int single_source,
                               double carbon_price, double time_limit,
                               unsigned char *open, double *x,
                               eco_supply_cflp_eval *ev, double *bound,
                               int *optimal);

/* ------------------------------------------------------------------------ */
/* The island genetic algorithm over open/close bit strings.                 */
/* ------------------------------------------------------------------------ */
typedef struct {
  int islands;        /* number of islands (global) */
  int population;     /* individuals per island */
  int generations;    /* generation limit */
  int tournament;     /* tournament size */
  double crossover;   /* probability of uniform crossover */
  double mutation;    /* per-bit flip probability; <= 0: 1/m */
  int elite;          /* individuals kept unchanged each generation */
  int migration_interval; /* M: migrate every M generations (0 = never) */
  int migrants;       /* k: best individuals sent */
  int stall;          /* stop after this many generations without improvement (0 = off) */
  double time_limit;  /* seconds (0 = off; not reproducible) */
  double target;      /* stop when global best <= target (< 0 = off) */
  double bound;       /* known lower bound / optimum for the gap (< 0 = unknown) */
  int cache_size;     /* evaluation cache entries per island (0 = off) */
  uint64_t seed;
  /* stop and resume: on a signal, when checkpoint_dir is set, every island's
   * state is written there and the run returns ECO_ERR_INTERRUPTED; with
   * resume = 1 the run continues from that checkpoint. instance_hash ties a
   * checkpoint to its instance. */
  const char *checkpoint_dir;
  int resume;
  /* > 0: also write that checkpoint every this many seconds (rank 0's clock,
   * at a generation boundary) and go on ([run] checkpoint_every) */
  double checkpoint_every;
  /* CFLP only: NSGA-II over (cost, emissions) instead of the weighted
   * objective (elite, stall and target are not used) */
  int pareto;
  uint64_t instance_hash;
  /* asynchronous migration: islands take whatever migrants have arrived
   * (MPI_Iprobe), sends that are still travelling are skipped, and the
   * ranks agree on the best and the stop condition by non-blocking
   * reductions, so a fast rank does not wait for a slow one. Not
   * reproducible; no checkpoint. */
  int async_migration;
  /* CFLP, flow allocation, weighted objective: local search on the open
   * set of children (see eco_supply_alloc_improve in docs/supply.md):
   * the number of priced moves solved exactly per step; 0 = off */
  int local_search;
} eco_supply_ga_params;

typedef struct {
  int generations;        /* generations run (same on every rank) */
  double best;            /* global best objective */
  unsigned char *best_open; /* [m] */
  eco_supply_cflp_eval best_eval;
  int best_island;
  int stop_reason;        /* see eco_supply_stop_reason_name */
  double seconds;
  /* local islands: [nlocal], island ids first_island .. + nlocal - 1 */
  int first_island, nlocal;
  double *hist_best;      /* [nlocal * generations+1] best per generation (gen 0 = initial) */
  double *hist_mean;      /* [nlocal * generations+1] */
  int64_t *island_stats;  /* [nlocal * ECO_SUPPLY_ISTATS] */
  /* NSGA-II: the Pareto front over all islands (feasible, distinct points,
   * by increasing cost), the same on every rank */
  int nfront;
  unsigned char *front_open; /* [nfront * m] */
  double *front_cost, *front_emis; /* [nfront] cost (fixed + assignment), emissions */
} eco_supply_ga_result;

enum {
  ECO_SUPPLY_IST_EVALS = 0,     /* allocations solved */
  ECO_SUPPLY_IST_CACHE_HITS,    /* evaluations answered by the cache */
  ECO_SUPPLY_IST_SENT,          /* migrants sent */
  ECO_SUPPLY_IST_RECEIVED,      /* migrants received */
  ECO_SUPPLY_IST_ADOPTED,       /* received migrants that replaced a worse individual */
  ECO_SUPPLY_IST_IMPROVED,      /* generations where the island best improved */
  ECO_SUPPLY_ISTATS
};

enum {
  ECO_SUPPLY_STOP_GENERATIONS = 0,
  ECO_SUPPLY_STOP_STALL,
  ECO_SUPPLY_STOP_TARGET,
  ECO_SUPPLY_STOP_TIME,
  ECO_SUPPLY_STOP_SIGNAL
};
const char *eco_supply_stop_reason_name(int reason);

/* Run the island GA for a CFLP over comm: islands are dealt to ranks in
 * blocks (eco_block_range); ring migration every M generations with a delay
 * of M generations, so the result depends on (seed, islands) only, not on
 * the number of ranks (unless a time limit stops the run). alloc_kind:
 * ECO_SUPPLY_ALLOC_*. Collective on comm.
 * Errors: ECO_ERR_CONFIG (inconsistent parameters), ECO_ERR_SOLVER (GLPK),
 * ECO_ERR_MPI, ECO_ERR_MEM, ECO_ERR_IO (checkpoint), ECO_ERR_INPUT (a
 * checkpoint that does not match), ECO_ERR_INTERRUPTED (a signal arrived and
 * the checkpoint was written). */
eco_status eco_supply_ga_cflp_run(MPI_Comm comm, const eco_supply_cflp *p,
                                  int alloc_kind, double carbon_price,
                                  double penalty,
                                  const eco_supply_ga_params *prm,
                                  eco_supply_ga_result *res);
void eco_supply_ga_result_free(eco_supply_ga_result *res);
/* Remove the checkpoint a GA run wrote in dir for `islands` islands
 * (supply.ckpt first, then each rank its islands' files; missing files are
 * fine): called once the results of a complete run are committed.
 * Collective on comm. */
eco_status eco_supply_ga_checkpoint_remove(MPI_Comm comm, const char *dir, int islands);


/* ------------------------------------------------------------------------ */
/* CVRP                                                                     */
/* ------------------------------------------------------------------------ */
typedef struct {
  int n;            /* customers; node 0 is the depot, 1..n customers */
  double capacity;  /* vehicle capacity Q */
  double *dist;     /* [(n+1)*(n+1)] symmetric distances */
  double *demand;   /* [n+1], demand[0] = 0 */
  int *label;       /* [n+1] node number in the file (1-based) */
  double *x, *y;    /* [n+1] coordinates, or NULL (explicit weights) */
  char name[256];
} eco_supply_cvrp;

eco_status eco_supply_cvrp_create(int n, eco_supply_cvrp **out);
void eco_supply_cvrp_destroy(eco_supply_cvrp **p);
/* Read a TSPLIB / CVRPLIB .vrp file: TYPE CVRP, DIMENSION, CAPACITY,
 * EDGE_WEIGHT_TYPE EUC_2D (distances rounded to the nearest integer, TSPLIB
 * nint), CEIL_2D or EXPLICIT with EDGE_WEIGHT_FORMAT FULL_MATRIX (symmetric),
 * LOWER_ROW, LOWER_DIAG_ROW, UPPER_ROW or UPPER_DIAG_ROW; NODE_COORD_SECTION,
 * EDGE_WEIGHT_SECTION, DEMAND_SECTION, DEPOT_SECTION (one depot, closed by
 * -1; node 1 if absent). Errors name path:line and what was expected.
 * Not collective. */
eco_status eco_supply_cvrp_read(const char *path, eco_supply_cvrp **out);
/* Optimal split of the giant tour `tour` (n customers) into routes
 * (Bellman on the DAG of feasible route segments, unlimited fleet):
 * returns the total distance. work: n+1 doubles, pred: n+1 ints. */
double eco_supply_cvrp_split(const eco_supply_cvrp *p, const int *tour, double *work,
                             int *pred);
/* Route starts from a split's pred: start[0..R] (R routes, start[R] = n);
 * returns R. start needs n+1 ints. */
int eco_supply_cvrp_split_routes(const eco_supply_cvrp *p, const int *pred, int *start);

typedef struct eco_supply_cvrp_ls eco_supply_cvrp_ls;
/* Local search state (granular neighbourhoods of the `granular` nearest
 * customers). Not collective. */
eco_status eco_supply_cvrp_ls_create(const eco_supply_cvrp *p, int granular,
                                     eco_supply_cvrp_ls **out);
void eco_supply_cvrp_ls_destroy(eco_supply_cvrp_ls **s);
/* Split `tour`, improve the routes by relocate, swap, 2-opt and 2-opt*
 * (first improvement, customers in a random order from rng) until no move
 * improves, write the routes back into tour and return the cost of its
 * optimal split. */
double eco_supply_cvrp_ls_run(eco_supply_cvrp_ls *s, int *tour, eco_rng *rng);
/* Capacity in the local search: penalty > 0 lets routes be overloaded at
 * that cost per unit of overload (the final split still gives feasible
 * routes); 0 (the default) keeps it hard. */
void eco_supply_cvrp_ls_set_penalty(eco_supply_cvrp_ls *s, double penalty);
/* 1 if the local optimum of the last run had no overloaded route. */
int eco_supply_cvrp_ls_feasible(const eco_supply_cvrp_ls *s);
/* Order crossover of parents a and b into child. seen: n+1 bytes. */
void eco_supply_cvrp_ox(int n, const int *a, const int *b, int *child,
                        unsigned char *seen, eco_rng *rng);

typedef struct {
  int generations;
  double best;
  int *best_tour;       /* [n] */
  int best_island, stop_reason;
  double seconds;
  int first_island, nlocal;
  double *hist_best, *hist_mean; /* [nlocal * (generations+1)] */
  int64_t *island_stats;         /* [nlocal * ECO_SUPPLY_ISTATS] */
} eco_supply_cvrp_result;

/* Memetic island GA for the CVRP (giant tours, OX crossover, split, local
 * search). Parameters as for the CFLP (mutation, cache_size unused; bound,
 * target, stall, time_limit as there). granular: neighbours in the local
 * search. Same determinism: the result depends on (seed, islands) only.
 * Collective on comm. */
eco_status eco_supply_ga_cvrp_run(MPI_Comm comm, const eco_supply_cvrp *p,
                                  const eco_supply_ga_params *prm, int granular,
                                  eco_supply_cvrp_result *res);
void eco_supply_cvrp_result_free(eco_supply_cvrp_result *res);

/* The `supply` command. */
extern const eco_command eco_supply_command;
/* The `generate supply` command (OR-Library CFLP instances). */
extern const eco_command eco_supply_generate_command;

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_SUPPLY_H */
