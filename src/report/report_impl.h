/* Private to src/report: the state of one report being written, reading
 * helpers (rank 0 only; the file is opened on MPI_COMM_SELF) and the PLplot
 * drawing helpers. */
#ifndef ECOSCALE_REPORT_IMPL_H
#define ECOSCALE_REPORT_IMPL_H

#include <math.h>
#include <stdint.h>

#include "ecoscale/report.h"

/* Sections of the report, in page order. */
typedef enum {
  RP_RUN = 0,
  RP_FOOTPRINT,
  RP_FORECAST,
  RP_PLAN,
  RP_SUPPLY,
  RP_RECOMMEND,
  RP_NSECTIONS
} rp_section;

extern const char *const rp_section_title[RP_NSECTIONS];

#define RP_MAX_FIGS 64
#define RP_MAX_ITEMS 256

typedef struct {
  rp_section sec;
  char stem[64];     /* file name without extension */
  char title[160];
  char caption[640];
  int svg;           /* an SVG was written too */
} rp_fig;

typedef struct {
  rp_section sec;
  char label[96];
  char value[512];
} rp_fact;

typedef struct {
  rp_section sec;
  char text[512];
} rp_note;

typedef struct {
  eco_h5 *f;                 /* the results file (rank 0, MPI_COMM_SELF) */
  const char *results;       /* its path */
  const char *dir;           /* the folder being written (DIR.tmp) */
  const eco_report_options *o;
  int present[RP_NSECTIONS]; /* which stage groups the file holds */
  rp_fig figs[RP_MAX_FIGS];
  int nfigs;
  rp_fact facts[RP_MAX_ITEMS];
  int nfacts;
  rp_note notes[RP_MAX_ITEMS]; /* plots skipped, and why */
  int nnotes;
} rp_ctx;

/* ---- read.c: defensive reading. A missing dataset is not an error (the
 * caller skips its plot); one of the wrong kind or shape is ECO_ERR_INPUT
 * naming the file and the dataset. ----------------------------------------*/

/* 1 if a link exists at name (dataset or group). */
int rp_exists(rp_ctx *rc, const char *name);
/* A numeric 1-D dataset as doubles (caller frees *out). */
eco_status rp_read_vec(rp_ctx *rc, const char *name, int64_t *n, double **out);
/* Two numeric 1-D datasets of the same length as doubles (caller frees *a
 * and *b; both NULL on error). Lengths that differ are ECO_ERR_INPUT naming
 * both datasets. */
eco_status rp_read_vec_pair(rp_ctx *rc, const char *name_a, const char *name_b, int64_t *n,
                            double **a, double **b);
/* A numeric 2-D dataset as doubles, row-major (caller frees *out). */
eco_status rp_read_mat(rp_ctx *rc, const char *name, int64_t *rows,
                       int64_t *cols, double **out);
/* Shape of a numeric 2-D dataset (ECO_ERR_INPUT if it is not one). */
eco_status rp_mat_shape(rp_ctx *rc, const char *name, int64_t *rows, int64_t *cols);
/* Rows [row0, row0 + nrows) of a numeric dataset as doubles (1-D: values). */
eco_status rp_read_rows(rp_ctx *rc, const char *name, int64_t row0, int64_t nrows,
                        double *out);
/* A 1-D string dataset: n strings of `stride` bytes each, NUL terminated
 * (caller frees *out). */
eco_status rp_read_strings(rp_ctx *rc, const char *name, int64_t *n,
                           size_t *stride, char **out);
/* Attributes: *present = 0 if the object or attribute is missing. A string
 * where a number is expected (or the reverse) is ECO_ERR_INPUT. */
eco_status rp_attr_double(rp_ctx *rc, const char *obj, const char *name,
                          double *v, int *present);
eco_status rp_attr_string(rp_ctx *rc, const char *obj, const char *name,
                          char *buf, size_t len, int *present);

/* The "inputs" provenance of a stage: /pipeline/provenance/<stage> in a
 * pipeline file, else the file's own. */
eco_status rp_stage_inputs(rp_ctx *rc, const char *stage, char *buf, size_t len,
                           int *present);
/* Next "<sha256>  <path>" line of an inputs text: 1 and path/sha, or 0. */
int rp_inputs_next(const char **cursor, char *path, size_t plen, char sha[65]);
/* 1 if path is readable and has the recorded sha256; else 0 and why. */
int rp_input_check(const char *path, const char *sha, char *why, size_t wl);
/* Numeric columns `names` of a CSV file with a header: *out is rows x k
 * (NaN where a cell is not a number; caller frees). *ok = 0 (and nothing
 * read) if the file cannot be read or lacks a column. */
eco_status rp_csv_columns(const char *path, int k, const char *const *names,
                          double **out, int64_t *rows, int *ok);

/* Record a key figure / a skipped plot of a section. */
void rp_fact_add(rp_ctx *rc, rp_section sec, const char *label,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void rp_skip(rp_ctx *rc, rp_section sec, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "1 234 567" style number with `digits` significant digits. */
void rp_num(double v, char *buf, size_t len);

/* ---- plot.c: PLplot with the cairo drivers. ------------------------------*/

/* Colours of cmap0 set by rp_plot for every picture. */
enum {
  RP_C_BG = 0,
  RP_C_FG,          /* axes, text */
  RP_C_GRID,        /* light grey */
  RP_C_GREEN_DARK,  /* emissions, the chosen / best */
  RP_C_GREEN,
  RP_C_GREEN_LIGHT,
  RP_C_GREEN_PALE,
  RP_C_BLUE,        /* observed data, history */
  RP_C_ORANGE,      /* highlight: Pareto front, reference lines */
  RP_C_GREY,        /* other points */
  RP_C_PURPLE,
  RP_C_TEAL,
  RP_C_BROWN,
  RP_C_PINK,
  RP_C_COUNT
};
/* A categorical colour for series i (islands, lines). */
int rp_cat_color(int i);

typedef void (*rp_draw_fn)(const void *arg);

/* Check that PLplot's cairo drivers are available (ECO_ERR_IO naming the
 * Debian package otherwise). */
eco_status rp_plot_check_drivers(void);
/* Draw one picture with `draw` to DIR/stem.png (and .svg), on a fresh
 * PLplot stream, and record it in the report. */
eco_status rp_plot(rp_ctx *rc, rp_section sec, const char *stem,
                   const char *title, const char *caption, rp_draw_fn draw,
                   const void *arg);

/* Helpers for draw functions (the current stream). */
/* A finite, non-empty range of the finite values of v[0..n); pads by frac. */
void rp_range(const double *v, int64_t n, double *lo, double *hi, double frac);
/* Widen [*lo, *hi] to include [lo2, hi2]. */
void rp_range_merge(double *lo, double *hi, double lo2, double hi2);
/* Viewport (with room for labels) and window, light grid, box, labels. */
void rp_axes(double xmin, double xmax, double ymin, double ymax,
             const char *xlabel, const char *ylabel, const char *title);
/* Same with room for a colour bar on the right. */
void rp_axes_cbar(double xmin, double xmax, double ymin, double ymax, const char *xlabel,
                  const char *ylabel, const char *title);
/* Same with equal scales on both axes (maps). */
void rp_axes_aspect(double xmin, double xmax, double ymin, double ymax,
                    const char *xlabel, const char *ylabel, const char *title);
/* Same inside the current subpage (after pladv). */
void rp_axes_sub(double xmin, double xmax, double ymin, double ymax,
                 const char *xlabel, const char *ylabel, const char *title);
/* The extent of a map: rp_box_add widens it to each point (a NaN
 * coordinate is passed over), rp_box_pad pads it by 4% of its larger side
 * (by 1 when that is 0) for rp_axes_aspect. */
typedef struct {
  double x0, x1, y0, y1;
} rp_box;
#define RP_BOX_EMPTY ((rp_box){INFINITY, -INFINITY, INFINITY, -INFINITY})
void rp_box_add(rp_box *b, double x, double y);
void rp_box_pad(rp_box *b);
/* Line through the finite points only (breaks at NaN). */
void rp_line(int64_t n, const double *x, const double *y, int color,
             double width, int style);
/* A legend in the corner `pos` (PL_POSITION_* flags) with n entries: lines
 * (line_color >= 0) or filled boxes (box_color >= 0) or symbols. */
typedef struct {
  const char *text;
  int line_color; /* -1: no line */
  int line_style; /* 1 solid, 2.. dashed */
  int box_color;  /* -1: no box */
  int sym_color;  /* -1: no symbol */
  const char *sym;
} rp_legend_entry;
void rp_legend(int n, const rp_legend_entry *e, int pos);

/* ---- util.c ------------------------------------------------------------ */

#define RP_NO_TIME INT64_MIN
/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t rp_days_from_civil(int64_t y, int m, int d);
/* Period index of an ISO date "YYYY-MM-DD" as the forecast numbers periods
 * (/demand/start): freq 1 daily = days, 2 weekly = floor(days / 7),
 * 3 monthly = 12 year + month - 1; RP_NO_TIME for another frequency or a
 * date that does not parse. */
int64_t rp_period_index(const char *date, int freq);
/* Cost-emissions Pareto front (both minimised) of the points with finite
 * c and e: fc, fe (room for n) get the front by increasing cost; a point is
 * on it if it is strictly cleaner than every cheaper-or-equal point before
 * it (ties in cost: the cleanest). */
eco_status rp_pareto_front(int64_t n, const double *c, const double *e, double *fc, double *fe,
                           int64_t *nfront);

/* ---- stages ----------------------------------------------------------- */
eco_status rp_forecast(rp_ctx *rc);
eco_status rp_plan(rp_ctx *rc);
eco_status rp_supply(rp_ctx *rc);
eco_status rp_recommend(rp_ctx *rc);

#endif /* ECOSCALE_REPORT_IMPL_H */
