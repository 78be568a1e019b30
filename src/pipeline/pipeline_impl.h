/* Private to src/pipeline: options, the forecast read by the links, and the
 * derived inputs the pipeline writes into its work folder. */
#ifndef ECOSCALE_PIPELINE_IMPL_H
#define ECOSCALE_PIPELINE_IMPL_H

#include "ecoscale/config.h"
#include "ecoscale/pipeline.h"

enum { PL_FORECAST = 0, PL_PLAN, PL_SUPPLY, PL_RECOMMEND, PL_NSTAGES };

/* [pipeline] plan_model */
enum { PL_PLAN_GENERATE = 0, PL_PLAN_CONFIG, PL_PLAN_NONE };
/* [pipeline] recommend_eco */
enum { PL_ECO_NONE = 0, PL_ECO_PLAN };
/* [pipeline] supply_demand: the forecast figure summed per region, or none */
enum { PL_SUPPLY_POINT = 0, PL_SUPPLY_P10, PL_SUPPLY_P50, PL_SUPPLY_P90,
       PL_SUPPLY_NONE };

typedef struct {
  char stages[ECO_STR_MAX];
  char workdir[ECO_STR_MAX];
  char from[PL_NSTAGES][ECO_STR_MAX]; /* forecast_from ... recommend_from */
  int keep_work;
  int plan_model;
  char quantiles[ECO_STR_MAX];
  int plants;
  double utilization;
  double max_unmet;
  int supply_demand;
  int recommend_eco;
  double eco_weight;
  char eco_categories[ECO_STR_MAX];
} pl_opts;

extern const char *const pl_stage_names[PL_NSTAGES];

/* A forecast results file as the links need it: series names and the
 * quantile arrays [nseries x horizon] (NULL when the file lacks one). */
#define PL_NVAR 6 /* point, lo95, p10, p50, p90, hi95 */
extern const char *const pl_var_names[PL_NVAR];
enum { PL_V_POINT = 0, PL_V_LO95, PL_V_P10, PL_V_P50, PL_V_P90, PL_V_HI95 };

typedef struct {
  int64_t nseries, horizon;
  char **region, **product; /* nseries strings each */
  double *v[PL_NVAR];       /* [nseries x horizon]; NULL if the file lacks it */
} pl_forecast;

/* Read /forecast of a results file. Collective on comm. */
eco_status pl_forecast_read(MPI_Comm comm, const char *path, pl_forecast *fc);
void pl_forecast_free(pl_forecast *fc);

/* Write the forecast's variants with every negative value set to 0 (the
 * quantiles of demand, which cannot be negative: the q-quantile of max(0, Y)
 * is max(0, q-quantile of Y)) as a forecast-shaped file the plan reads
 * (/forecast/series/region|product, /forecast/<variant>). *nneg receives the
 * number of values raised to 0. Collective on comm. */
eco_status pl_demand_write(MPI_Comm comm, const pl_forecast *fc,
                           const char *path, int64_t *nneg);

/* Build the plan's base model from the production-planning family sized to
 * the forecast (regions x products x horizon), scaled to its demand, with
 * demand rows demand_{region}_{product}_{t} set to the P50; write it as free
 * MPS to `path`. Not collective (rank 0 calls it). *summary receives one
 * line for the record. */
eco_status pl_plan_model_write(const pl_forecast *fc, const pl_opts *o,
                               uint64_t seed, const char *path, char *summary,
                               size_t summary_len);

/* Check a customers CSV of the supply stage's CSV variant for the columns
 * the link needs (region, demand). Not collective. */
eco_status pl_customers_check(const char *path);
/* Write `out`: the customers of `in`, each customer's demand replaced by its
 * region's forecast total (the chosen figure summed over products and
 * steps) times its share of its region's demand in `in`. Not collective. */
eco_status pl_customers_write(const pl_forecast *fc, int figure,
                              const char *in, const char *out, char *summary,
                              size_t summary_len);

/* Emissions per unit of each product in a plan solution of the generated
 * model: for product i (1-based in the model, `pr<i>` in column names),
 * intensity[i-1] = sum over its make_, over_ and ship_ columns of (emissions
 * coefficient x value) / sum of its make_ and over_ values (NaN when it made
 * nothing). model_path is the derived plan_model.mps (coefficients of row
 * emissions_def); names[ncols] (strsize bytes each) and x[ncols] the saved
 * solution's columns. Not collective. */
eco_status pl_intensity(const char *model_path, int64_t ncols, const char *names,
                        size_t strsize, const double *x, int nproducts,
                        double *intensity);

/* Parse "cat=product, cat=product": *n pairs into cats/prods (malloc'd
 * arrays of malloc'd strings). Not collective. */
eco_status pl_pairs_parse(const char *text, const char *key, int *n,
                          char ***cats, char ***prods);
void pl_pairs_free(int n, char **cats, char **prods);

/* The forecast's products in the order of the generated model (pr1, pr2,
 * ...): *names[i] point into fc (free only the array). Not collective. */
eco_status pl_product_names(const pl_forecast *fc, char ***names, int *n);

/* Write `out`: the recommend item table `in` (item,eco_score[,category])
 * with each item whose category maps to a product p given the score
 * (1 - w) eco + w (1 - I_p / I_max). Not collective. */
eco_status pl_items_write(const char *in, const char *out, int npairs,
                          char **cats, char **prods, int nproducts,
                          char **products, const double *intensity, double w,
                          char *summary, size_t summary_len);

#endif /* ECOSCALE_PIPELINE_IMPL_H */
