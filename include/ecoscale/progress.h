/* ecoscale progress reporting, named timers and the run's compute footprint. */
#ifndef ECOSCALE_PROGRESS_H
#define ECOSCALE_PROGRESS_H

#include "ecoscale/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Progress: items done / total, rate, ETA and one stage-specific figure,   */
/* global across ranks. Rank 0 decides when to report (every interval s);   */
/* it posts a non-blocking broadcast and every rank answers with a          */
/* non-blocking reduce of (done, figure) at its next update call, so no     */
/* rank ever waits. On a terminal the line is redrawn in place; otherwise a */
/* plain line is printed per interval (batch logs). Silent at -q.           */
/* ------------------------------------------------------------------------ */
typedef struct eco_progress eco_progress;

typedef enum { ECO_FIGURE_MIN, ECO_FIGURE_MAX, ECO_FIGURE_SUM } eco_figure_op;

/* label: "forecast"; total: global number of items (sum over ranks; 0 if
 * unknown); figure_name: e.g. "best cost" (NULL for none); op: how figures of
 * the ranks combine. Collective on comm. */
eco_status eco_progress_create(MPI_Comm comm, const char *label, int64_t total,
                               const char *figure_name, eco_figure_op op,
                               eco_progress **out);
/* Report that this rank has now done `done_local` items in total and its
 * current figure. Cheap; call as often as you like. Not collective. */
void eco_progress_update(eco_progress *p, int64_t done_local, double figure);
/* Seconds between reports (default 1 on a terminal, 10 otherwise; the
 * ECOSCALE_PROGRESS_INTERVAL environment variable overrides). */
void eco_progress_set_interval(eco_progress *p, double seconds);
/* Finish outstanding reductions, print the final line, free. Collective. */
eco_status eco_progress_destroy(eco_progress **p);

/* ------------------------------------------------------------------------ */
/* Named timers, summarized at exit at -v (min / mean / max over ranks).    */
/* ------------------------------------------------------------------------ */
void eco_timer_begin(const char *name);
void eco_timer_end(const char *name);
/* Print the table (rank 0). Collective on comm: every rank must call it;
 * names are matched across ranks. */
eco_status eco_timer_summary(MPI_Comm comm, eco_log_level level);
/* Seconds accumulated on this rank for a name (0 if unknown). */
double eco_timer_seconds(const char *name);

/* ------------------------------------------------------------------------ */
/* Footprint                                                                */
/* ------------------------------------------------------------------------ */
typedef struct {
  double watts_per_core;     /* used when RAPL is not readable */
  double grid_gco2_per_kwh;  /* grid carbon intensity */
} eco_footprint_config;

typedef struct {
  double wall_seconds;     /* since eco_init, max over ranks */
  double cpu_seconds;      /* user+system, summed over ranks */
  double peak_rss_bytes;   /* max over ranks (getrusage ru_maxrss) */
  double energy_joules;    /* RAPL delta if readable on every node, else model */
  double gco2e;            /* energy * grid intensity */
  int energy_from_rapl;    /* 1 if measured by RAPL */
  int nranks;
} eco_footprint;

/* Read the RAPL counters at start (called by eco_init). Not collective. */
void eco_footprint_start(void);
/* Measure the run so far. Collective on comm. */
eco_status eco_footprint_measure(MPI_Comm comm, const eco_footprint_config *cfg,
                                 eco_footprint *out);
/* One human line: "wall 12.3 s, cpu 24.1 core-s, peak 210 MiB/rank, energy
 * 0.24 Wh (model 10 W/core), 0.05 gCO2e (200 g/kWh)". */
void eco_footprint_format(const eco_footprint *fp, const eco_footprint_config *cfg,
                          char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_PROGRESS_H */
