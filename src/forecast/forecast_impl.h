/* Private declarations of the forecast module. */
#ifndef ECOSCALE_FORECAST_IMPL_H
#define ECOSCALE_FORECAST_IMPL_H

#include <stdio.h>

#include "ecoscale/forecast.h"

/* Classical additive decomposition: idx[t mod m], mean 0. */
eco_status eco_fc_decompose_add(const double *y, int n, int m, double *idx);
/* Leading NaN dropped, interior NaN interpolated, trailing NaN carried
 * forward; returns the number of values written to z (0 if none). */
int eco_fc_series_clean(const double *y, int n, double *z);
/* Type-7 quantile of a sorted array. */
double eco_fc_quantile_sorted(const double *v, int n, double p);

/* Fit every model of `mask` (bit i = model i; comb needs ses, holt, damped,
 * which are then fitted too) on one series and forecast opt->horizon steps.
 * res[i] must have been created for that horizon. ok[i] is set to 1 for
 * each model fitted. Not collective. */
eco_status eco_fc_fit_set(const double *y, int n, const eco_fc_options *opt,
                          uint64_t entity, unsigned mask, eco_fc_result *res,
                          int *ok);

/* ---- demand data ------------------------------------------------------- */
#define ECO_FC_NAME_MAX 64

typedef enum { ECO_FREQ_AUTO = 0, ECO_FREQ_DAILY, ECO_FREQ_WEEKLY, ECO_FREQ_MONTHLY,
               ECO_FREQ_NONE } eco_fc_freq;

/* A block of series held by one rank, in global order. Values in CSR form:
 * series i has values[off[i] .. off[i+1]) (NaN = missing). */
typedef struct {
  int64_t nseries;          /* local */
  int64_t first;            /* global index of the first local series */
  int64_t total;            /* global number of series */
  int64_t *off;             /* [nseries + 1], local offsets */
  double *values;           /* [off[nseries]] */
  double *price;            /* or NULL */
  double *promo;            /* or NULL */
  char (*region)[ECO_FC_NAME_MAX];
  char (*product)[ECO_FC_NAME_MAX];
  int64_t *start;           /* period index of the first value */
  int has_price, has_promo; /* same on every rank */
  eco_fc_freq freq;         /* same on every rank */
} eco_fc_data;

typedef struct {
  eco_fc_freq freq;          /* requested (AUTO = infer) */
  int negative_missing;      /* 1: negative quantity -> missing; 0: error */
} eco_fc_read_options;

void eco_fc_data_free(eco_fc_data *d);
/* Read a long or wide CSV (detected from the header) in parallel and
 * gather whole series onto ranks in blocks balanced by length. Collective. */
eco_status eco_fc_data_read_csv(MPI_Comm comm, const char *path,
                                const eco_fc_read_options *ro, eco_fc_data *d);
/* Read /demand from an HDF5 file, blocks balanced by length. Collective. */
eco_status eco_fc_data_read_h5(MPI_Comm comm, const char *path, eco_fc_data *d);
/* Write /demand (collective). */
struct eco_h5;
eco_status eco_fc_data_write_h5(struct eco_h5 *f, const eco_fc_data *d);
/* Read CSV or HDF5 by file signature. Collective. */
eco_status eco_fc_data_read(MPI_Comm comm, const char *path,
                            const eco_fc_read_options *ro, eco_fc_data *d);
const char *eco_fc_freq_name(eco_fc_freq f);
/* YYYY-MM-DD -> day number (1970-01-01 = 0) and month index 12 y + m - 1;
 * -1 if malformed. */
int eco_fc_date_parse(const char *s, int64_t *day, int64_t *month);

/* ---- pooled global model (ridge regression over all series) ------------- */
#define ECO_FC_GLOBAL_MAXP 24
typedef struct {
  int valid;                 /* 0 if too few rows to fit */
  int p, period, has_price, has_promo;
  double lambda;
  double beta[ECO_FC_GLOBAL_MAXP];
  int64_t rows, skipped;     /* global design rows used / left out */
} eco_fc_global;

/* Names of the features, comma-separated, for the given layout. */
void eco_fc_global_names(const eco_fc_global *g, char *buf, size_t len);
/* Fit on the first n_i - cut values of every series of d (all ranks):
 * Gram matrix accumulated exactly in 128-bit fixed point (the same on any
 * rank count), solved with ScaLAPACK pdposv over a block-cyclic matrix on a
 * grid of all ranks. Collective on comm. */
eco_status eco_fc_global_fit(MPI_Comm comm, const eco_fc_data *d, int cut, int period,
                             double lambda, eco_fc_global *g);
/* Forecast series i of d from its first n - cut values: recursive point
 * forecast, quantiles from residual-bootstrap paths. Not collective. */
eco_status eco_fc_global_forecast(const eco_fc_global *g, const eco_fc_data *d, int64_t i,
                                  int cut, int h, int nsim, uint64_t seed, uint64_t entity,
                                  eco_fc_result *out);

#endif
