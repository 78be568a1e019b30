/* Report of /forecast: fan charts of sample series (history, point forecast,
 * 80 % and 95 % intervals) and accuracy by model (sMAPE, MASE, OWA). */
#include <csv.h>
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

#define FAN_MAX 9
#define LABEL_MAX 160

/* ------------------------------------------------------------------------ */
/* History of the sample series                                             */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *region[FAN_MAX], *product[FAN_MAX];
  int n;
  int freq;             /* 1 daily, 2 weekly, 3 monthly, 0 unknown (CSV dates) */
  double *val[FAN_MAX]; /* history values in time order (malloc'd) */
  int64_t *t[FAN_MAX];  /* their period indices (as /demand/start), or NO_TIME */
  int64_t len[FAN_MAX];
  int64_t cap[FAN_MAX];
} hist_set;

#define NO_TIME RP_NO_TIME

static void hist_free(hist_set *h) {
  for (int i = 0; i < FAN_MAX; ++i) {
    free(h->val[i]);
    free(h->t[i]);
  }
  memset(h, 0, sizeof *h);
}

static int hist_push(hist_set *h, int i, double v, int64_t t) {
  if (h->len[i] == h->cap[i]) {
    int64_t c = h->cap[i] ? 2 * h->cap[i] : 128;
    double *nv = realloc(h->val[i], sizeof(double) * (size_t)c);
    if (!nv) return -1;
    h->val[i] = nv;
    int64_t *nt = realloc(h->t[i], sizeof(int64_t) * (size_t)c);
    if (!nt) return -1;
    h->t[i] = nt;
    h->cap[i] = c;
  }
  h->t[i][h->len[i]] = t;
  h->val[i][h->len[i]++] = v;
  return 0;
}

/* History from /demand in the results file (the `import demand` layout:
 * values, offsets [S+1], region, product). 1 if found. */
static eco_status hist_from_demand(rp_ctx *rc, hist_set *h, int *found) {
  *found = 0;
  if (!rp_exists(rc, "/demand/values") || !rp_exists(rc, "/demand/offsets") ||
      !rp_exists(rc, "/demand/region") || !rp_exists(rc, "/demand/product"))
    return ECO_OK;
  eco_status st = ECO_OK;
  double *vals = NULL, *offs = NULL, *start = NULL;
  char *reg = NULL, *prod = NULL;
  int64_t nv = 0, no = 0, nr = 0, np = 0;
  size_t sr = 0, sp = 0;
  {
    int nd = 0;
    int64_t dims[2];
    size_t ss = 0;
    ECO_CALL_GOTO(st, eco_h5_dataset_shape(rc->f, "/demand/values", &nd, dims, &ss), done);
    ECO_CHECK_GOTO(st, nd == 1 && ss == 0, ECO_ERR_INPUT, done,
                   "%s: /demand/values is not a 1-D numeric dataset", rc->results);
    nv = dims[0];
  }
  ECO_CALL_GOTO(st, rp_read_vec(rc, "/demand/offsets", &no, &offs), done);
  ECO_CALL_GOTO(st, rp_read_strings(rc, "/demand/region", &nr, &sr, &reg), done);
  ECO_CALL_GOTO(st, rp_read_strings(rc, "/demand/product", &np, &sp, &prod), done);
  if (rp_exists(rc, "/demand/start")) {
    int64_t nst = 0;
    ECO_CALL_GOTO(st, rp_read_vec(rc, "/demand/start", &nst, &start), done);
    ECO_CHECK_GOTO(st, nst == nr, ECO_ERR_INPUT, done,
                   "%s: /demand/start has %lld rows, /demand/region %lld", rc->results,
                   (long long)nst, (long long)nr);
  }
  ECO_CHECK_GOTO(st, nr == np && no == nr + 1, ECO_ERR_INPUT, done,
                 "%s: /demand/offsets has %lld rows, /demand/region %lld and "
                 "/demand/product %lld (expected S+1, S, S)",
                 rc->results, (long long)no, (long long)nr, (long long)np);
  for (int64_t s = 0; s < nr; ++s) {
    ECO_CHECK_GOTO(st, offs[s] >= 0 && offs[s] <= offs[s + 1] && offs[s + 1] <= (double)nv,
                   ECO_ERR_INPUT, done,
                   "%s: /demand/offsets is not increasing within the %lld values at row %lld",
                   rc->results, (long long)nv, (long long)s);
    for (int i = 0; i < h->n; ++i) {
      if (strcmp(reg + s * sr, h->region[i]) != 0 || strcmp(prod + s * sp, h->product[i]) != 0)
        continue;
      int64_t o0 = (int64_t)offs[s], len = (int64_t)offs[s + 1] - o0;
      ECO_CALL_GOTO(st, eco_realloc(sizeof(double) * (size_t)(len > 0 ? len : 1), &vals), done);
      ECO_CALL_GOTO(st, rp_read_rows(rc, "/demand/values", o0, len, vals), done);
      for (int64_t k = 0; k < len; ++k)
        ECO_CHECK_GOTO(st,
                       hist_push(h, i, vals[k],
                                 start && isfinite(start[s]) ? (int64_t)start[s] + k : NO_TIME) ==
                           0,
                       ECO_ERR_MEM, done, "out of memory reading /demand");
    }
  }
  *found = 1;
done:
  free(vals);
  free(offs);
  free(start);
  free(reg);
  free(prod);
  return st;
}

/* History from the long CSV input recorded in the provenance
 * (region,product,date,quantity[,...] with a header), if it is still there
 * with the same checksum. Rows of a series are taken in date order. */
typedef struct {
  hist_set *h;
  int col_region, col_product, col_date, col_qty;
  int field, row;
  int header_ok;
  char reg[LABEL_MAX], prod[LABEL_MAX], date[32];
  double qty;
  int has_qty;
  /* rows of the sample series: (series, date, value) */
  struct crow { int s; char date[32]; double v; } *rows;
  size_t nrows, cap;
  int oom;
} csv_state;

static void csv_field(void *data, size_t len, void *ctx) {
  csv_state *c = ctx;
  const char *s = data ? data : "";
  if (c->row == 0) {
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), s);
    if (strcmp(name, "region") == 0) c->col_region = c->field;
    else if (strcmp(name, "product") == 0) c->col_product = c->field;
    else if (strcmp(name, "date") == 0) c->col_date = c->field;
    else if (strcmp(name, "quantity") == 0) c->col_qty = c->field;
  } else if (c->header_ok) {
    size_t n = len < LABEL_MAX - 1 ? len : LABEL_MAX - 1;
    if (c->field == c->col_region) snprintf(c->reg, sizeof c->reg, "%.*s", (int)n, s);
    else if (c->field == c->col_product) snprintf(c->prod, sizeof c->prod, "%.*s", (int)n, s);
    else if (c->field == c->col_date) snprintf(c->date, sizeof c->date, "%.*s", (int)(len < 31 ? len : 31), s);
    else if (c->field == c->col_qty) {
      char num[64];
      snprintf(num, sizeof num, "%.*s", (int)(len < 63 ? len : 63), s);
      char *end = NULL;
      c->qty = strtod(num, &end);
      c->has_qty = end && end != num;
    }
  }
  c->field++;
}

static void csv_record(int term, void *ctx) {
  (void)term;
  csv_state *c = ctx;
  if (c->row == 0) {
    c->header_ok = c->col_region >= 0 && c->col_product >= 0 && c->col_date >= 0 &&
                   c->col_qty >= 0;
  } else if (c->header_ok) {
    for (int i = 0; i < c->h->n; ++i) {
      if (strcmp(c->reg, c->h->region[i]) != 0 || strcmp(c->prod, c->h->product[i]) != 0)
        continue;
      if (c->nrows == c->cap) {
        size_t nc = c->cap ? 2 * c->cap : 256;
        void *nr = realloc(c->rows, nc * sizeof *c->rows);
        if (!nr) {
          c->oom = 1;
          break;
        }
        c->rows = nr;
        c->cap = nc;
      }
      struct crow *r = &c->rows[c->nrows++];
      r->s = i;
      snprintf(r->date, sizeof r->date, "%s", c->date);
      r->v = c->has_qty ? c->qty : NAN;
    }
  }
  c->row++;
  c->field = 0;
  c->reg[0] = c->prod[0] = c->date[0] = '\0';
  c->has_qty = 0;
}

static int crow_cmp(const void *a, const void *b) {
  const struct crow *x = a, *y = b;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return strcmp(x->date, y->date);
}

static void hist_from_csv(rp_ctx *rc, hist_set *h, const char *inputs, int *found,
                          char *why, size_t whylen) {
  *found = 0;
  snprintf(why, whylen, "no input file recorded");
  const char *cur = inputs;
  char path[ECO_STR_MAX], sha[65];
  while (!*found && rp_inputs_next(&cur, path, sizeof path, sha)) {
    size_t pl = strlen(path);
    int is_h5 = pl > 3 && strcmp(path + pl - 3, ".h5") == 0;
    if (!is_h5 &&
        (pl < 4 || (strcmp(path + pl - 4, ".csv") != 0 && strcmp(path + pl - 4, ".txt") != 0))) {
      snprintf(why, whylen, "the input %s is not a CSV or HDF5 file", path);
      continue;
    }
    if (!rp_input_check(path, sha, why, whylen)) continue;
    if (is_h5) { /* `ecoscale import demand` output: /demand */
      static rp_ctx sub; /* large: not on the stack */
      sub = *rc;
      sub.results = path;
      sub.f = NULL;
      eco_status st = eco_h5_open(MPI_COMM_SELF, path, ECO_H5_READ, &sub.f);
      if (st == ECO_OK) st = hist_from_demand(&sub, h, found);
      eco_h5_close(&sub.f);
      if (st != ECO_OK || !*found) /* forget what a failed read collected */
        for (int i = 0; i < h->n; ++i) h->len[i] = 0;
      if (st != ECO_OK) {
        snprintf(why, whylen, "%s", eco_error_message());
        eco_error_clear();
        *found = 0;
      } else if (*found) {
        snprintf(why, whylen, "history read from %s", path);
      } else {
        snprintf(why, whylen, "the input %s has no /demand", path);
      }
      continue;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) continue;
    csv_state c;
    memset(&c, 0, sizeof c);
    c.h = h;
    c.col_region = c.col_product = c.col_date = c.col_qty = -1;
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    char buf[65536];
    size_t n;
    int bad = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
      if (csv_parse(&p, buf, n, csv_field, csv_record, &c) != n) {
        bad = 1;
        break;
      }
    if (!bad) csv_fini(&p, csv_field, csv_record, &c);
    csv_free(&p);
    fclose(fp);
    if (bad || c.oom || !c.header_ok) {
      snprintf(why, whylen, "the input %s is not a long CSV with region, product, date, quantity",
               path);
      free(c.rows);
      continue;
    }
    qsort(c.rows, c.nrows, sizeof *c.rows, crow_cmp);
    int ok = 1;
    for (size_t k = 0; k < c.nrows && ok; ++k)
      ok = hist_push(h, c.rows[k].s, c.rows[k].v, rp_period_index(c.rows[k].date, h->freq)) == 0;
    free(c.rows);
    if (!ok) return;
    *found = 1;
    snprintf(why, whylen, "history read from %s", path);
  }
}

/* ------------------------------------------------------------------------ */
/* Fan charts                                                               */
/* ------------------------------------------------------------------------ */

typedef struct {
  int n, H;
  char label[FAN_MAX][LABEL_MAX];
  const double *point[FAN_MAX], *lo95[FAN_MAX], *p10[FAN_MAX], *p90[FAN_MAX],
      *hi95[FAN_MAX];
  const double *hist[FAN_MAX];
  int64_t hlen[FAN_MAX];
  char xlabel[64];
} fan_arg;

static void band(int H, const double *x, const double *lo, const double *hi, int color) {
  PLFLT px[2 * 512 + 2], py[2 * 512 + 2];
  int m = 0;
  if (H > 512) H = 512;
  for (int k = 0; k < H; ++k)
    if (isfinite(lo[k]) && isfinite(hi[k])) {
      px[m] = x[k];
      py[m++] = hi[k];
    }
  int top = m;
  for (int k = H - 1; k >= 0; --k)
    if (isfinite(lo[k]) && isfinite(hi[k])) {
      px[m] = x[k];
      py[m++] = lo[k];
    }
  if (top >= 2) {
    plcol0(color);
    plfill(m, px, py);
  }
}

static void draw_fans(const void *v) {
  const fan_arg *a = v;
  int nx = a->n <= 1 ? 1 : a->n <= 4 ? 2 : 3;
  int ny = (a->n + nx - 1) / nx;
  plssub(nx, ny);
  double fx[512];
  int H = a->H < 512 ? a->H : 512;
  for (int k = 0; k < H; ++k) fx[k] = k + 1;
  for (int i = 0; i < a->n; ++i) {
    double lo, hi;
    rp_range(a->point[i], H, &lo, &hi, 0.0);
    const double *qs[4] = {a->lo95[i], a->p10[i], a->p90[i], a->hi95[i]};
    for (int q = 0; q < 4; ++q)
      if (qs[q]) {
        double l2, h2;
        rp_range(qs[q], H, &l2, &h2, 0.0);
        rp_range_merge(&lo, &hi, l2, h2);
      }
    int64_t hl = a->hlen[i];
    if (hl > 0) {
      double l2, h2;
      rp_range(a->hist[i], hl, &l2, &h2, 0.0);
      rp_range_merge(&lo, &hi, l2, h2);
    }
    if (lo > 0 && lo < 0.25 * hi) lo = 0; /* demand: start at zero when close */
    if (i == 0) hi += 0.45 * (hi - lo); /* room for the legend */
    double pad = 0.06 * (hi - lo);
    pladv(0);
    plschr(0.0, a->n > 4 ? 0.8 : 0.95);
    rp_axes_sub(hl > 0 ? -(double)hl + 0.5 : 0.5, H + 0.5, lo - (lo == 0 ? 0 : pad), hi + pad,
                a->xlabel, "demand (units)", a->label[i]);
    if (a->hi95[i] && a->lo95[i]) band(H, fx, a->lo95[i], a->hi95[i], RP_C_GREEN_PALE);
    if (a->p90[i] && a->p10[i]) band(H, fx, a->p10[i], a->p90[i], RP_C_GREEN_LIGHT);
    if (hl > 0) {
      double *hx = malloc(sizeof(double) * (size_t)(hl + 1));
      double *hy = malloc(sizeof(double) * (size_t)(hl + 1));
      if (hx && hy) {
        for (int64_t k = 0; k < hl; ++k) {
          hx[k] = (double)(k - hl + 1);
          hy[k] = a->hist[i][k];
        }
        rp_line(hl, hx, hy, RP_C_BLUE, 1.5, 1);
        /* join the last observation to the first forecast */
        double jx[2] = {0, 1}, jy[2] = {a->hist[i][hl - 1], a->point[i][0]};
        rp_line(2, jx, jy, RP_C_GREEN_DARK, 1.0, 2);
      }
      free(hx);
      free(hy);
    }
    rp_line(H, fx, a->point[i], RP_C_GREEN_DARK, 2.5, 1);
    /* the forecast origin */
    double ox[2] = {0.5, 0.5}, oy[2] = {lo - pad, hi + pad};
    rp_line(2, ox, oy, RP_C_GREY, 1.0, 3);
    if (i == 0) {
      rp_legend_entry e[4];
      int ne = 0;
      if (hl > 0) e[ne++] = (rp_legend_entry){"history", RP_C_BLUE, 1, -1, -1, NULL};
      e[ne++] = (rp_legend_entry){"point forecast", RP_C_GREEN_DARK, 1, -1, -1, NULL};
      if (a->p90[i]) e[ne++] = (rp_legend_entry){"80% interval", -1, 1, RP_C_GREEN_LIGHT, -1, NULL};
      if (a->hi95[i]) e[ne++] = (rp_legend_entry){"95% interval", -1, 1, RP_C_GREEN_PALE, -1, NULL};
      rp_legend(ne, e, PL_POSITION_TOP | PL_POSITION_LEFT);
    }
    plschr(0.0, 1.0);
  }
  plssub(1, 1);
}

/* ------------------------------------------------------------------------ */
/* Accuracy by model                                                        */
/* ------------------------------------------------------------------------ */

#define ACC_MAX 32
typedef struct {
  int n;
  char name[ACC_MAX][32];
  double metric[3][ACC_MAX]; /* smape, mase, owa; in display order */
  int has[3];
} acc_arg;

/* 1, 2 or 5 times a power of ten, near x. */
static double nice_step(double x) {
  if (!(x > 0) || !isfinite(x)) return 1;
  double p = pow(10, floor(log10(x))), f = x / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

static void draw_accuracy(const void *v) {
  const acc_arg *a = v;
  static const char *titles[3] = {"sMAPE (%)", "MASE", "OWA (Naive2 = 1)"};
  int panels = 0;
  for (int m = 0; m < 3; ++m) panels += a->has[m];
  plssub(panels, 1);
  for (int m = 0; m < 3; ++m) {
    if (!a->has[m]) continue;
    const double *x = a->metric[m];
    double lo = 0, hi;
    rp_range(x, a->n, &lo, &hi, 0.0);
    lo = 0;
    if (m >= 1 && hi < 1.05) hi = 1.05;
    hi *= 1.3; /* room for the value labels */
    double step = nice_step(hi / 3);
    int best = -1;
    for (int i = 0; i < a->n; ++i)
      if (isfinite(x[i]) && (best < 0 || x[i] < x[best])) best = i;
    pladv(0);
    plschr(0.0, 0.9);
    plvpor(0.30, 0.97, 0.12, 0.86);
    plwind(lo, hi, a->n + 0.5, 0.5);
    plcol0(RP_C_GRID);
    plbox("g", step, 0, "", 0.0, 0);
    for (int i = 0; i < a->n; ++i) {
      if (!isfinite(x[i])) continue;
      double y0 = i + 1 - 0.38, y1 = i + 1 + 0.38;
      PLFLT px[4] = {0, x[i], x[i], 0}, py[4] = {y0, y0, y1, y1};
      plcol0(i == best ? RP_C_GREEN_DARK : RP_C_GREEN_LIGHT);
      plfill(4, px, py);
      char t[32];
      snprintf(t, sizeof t, m == 0 ? " %.1f" : " %.3f", x[i]);
      plcol0(RP_C_FG);
      plschr(0.0, 0.65);
      plptex(x[i], i + 1, 1, 0, 0.0, t);
      plschr(0.0, 0.9);
    }
    if (m >= 1) { /* scaled errors: 1 = the naive reference */
      double rx[2] = {1, 1}, ry[2] = {0.5, a->n + 0.5};
      rp_line(2, rx, ry, RP_C_ORANGE, 1.5, 2);
    }
    plcol0(RP_C_FG);
    plbox("bcnst", step, 0, "bc", 0.0, 0);
    plschr(0.0, a->n > 16 ? 0.6 : 0.8);
    for (int i = 0; i < a->n; ++i)
      plmtex("lv", 0.6, 1.0 - (i + 0.5) / a->n, 1.0, a->name[i]);
    plschr(0.0, 0.9);
    plschr(0.0, 1.05);
    plmtex("t", 1.2, 0.5, 0.5, titles[m]);
    plschr(0.0, 1.0);
  }
  plssub(1, 1);
}

/* ------------------------------------------------------------------------ */

static const char *freq_unit(const char *f) {
  if (strcmp(f, "daily") == 0) return "days";
  if (strcmp(f, "weekly") == 0) return "weeks";
  if (strcmp(f, "monthly") == 0) return "months";
  return "periods";
}

/* Index of name in a comma-separated list, or -1. */
static int list_index(const char *list, const char *name) {
  int i = 0;
  const char *s = list;
  size_t nl = strlen(name);
  while (*s) {
    const char *c = strchr(s, ',');
    size_t len = c ? (size_t)(c - s) : strlen(s);
    if (len == nl && strncmp(s, name, nl) == 0) return i;
    ++i;
    if (!c) break;
    s = c + 1;
  }
  return -1;
}

static eco_status list_item(const char *list, int idx, char *out, size_t len) {
  const char *s = list;
  for (int i = 0; i < idx && s; ++i) {
    s = strchr(s, ',');
    if (s) ++s;
  }
  if (!s) {
    snprintf(out, len, "model %d", idx);
    return ECO_OK;
  }
  const char *c = strchr(s, ',');
  size_t n = c ? (size_t)(c - s) : strlen(s);
  snprintf(out, len, "%.*s", (int)(n < len - 1 ? n : len - 1), s);
  return ECO_OK;
}

static eco_status accuracy(rp_ctx *rc) {
  const char *ds = "/forecast/summary";
  if (!rp_exists(rc, ds)) {
    rp_skip(rc, RP_FORECAST, "accuracy by model: the file has no %s", ds);
    return ECO_OK;
  }
  char cols[512], rows[1024];
  int pc = 0, pr = 0;
  ECO_CALL(rp_attr_string(rc, ds, "columns", cols, sizeof cols, &pc));
  ECO_CALL(rp_attr_string(rc, ds, "rows", rows, sizeof rows, &pr));
  if (!pc) {
    rp_skip(rc, RP_FORECAST, "accuracy by model: %s has no 'columns' attribute", ds);
    return ECO_OK;
  }
  int64_t R = 0, C = 0;
  double *m = NULL;
  ECO_CALL(rp_read_mat(rc, ds, &R, &C, &m));
  eco_status st = ECO_OK;
  int ci[3] = {list_index(cols, "smape"), list_index(cols, "mase"), list_index(cols, "owa")};
  int cchosen = list_index(cols, "chosen");
  for (int k = 0; k < 3; ++k)
    ECO_CHECK_GOTO(st, ci[k] < C, ECO_ERR_INPUT, done,
                   "%s: %s has %lld columns but its 'columns' attribute names more",
                   rc->results, ds, (long long)C);
  ECO_CHECK_GOTO(st, cchosen < C, ECO_ERR_INPUT, done,
                 "%s: %s has %lld columns but its 'columns' attribute names more",
                 rc->results, ds, (long long)C);
  if (ci[0] < 0 && ci[1] < 0 && ci[2] < 0) {
    rp_skip(rc, RP_FORECAST, "accuracy by model: %s has no smape, mase or owa column", ds);
    goto done;
  }
  static acc_arg a;
  memset(&a, 0, sizeof a);
  /* a metric is shown if some model has a finite value of it (OWA needs
   * Naive2 among the models) */
  int has[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k)
    for (int64_t r = 0; r < R && ci[k] >= 0 && !has[k]; ++r) has[k] = isfinite(m[r * C + ci[k]]);
  if (!has[0] && !has[1] && !has[2]) {
    rp_skip(rc, RP_FORECAST, "accuracy by model: no model has a finite score in %s", ds);
    goto done;
  }
  /* models with a finite value, sorted by OWA (else sMAPE, else MASE) */
  int key = has[2] ? ci[2] : has[0] ? ci[0] : ci[1];
  int order[ACC_MAX], n = 0;
  for (int64_t r = 0; r < R && n < ACC_MAX; ++r)
    if (isfinite(m[r * C + key])) order[n++] = (int)r;
  for (int i = 1; i < n; ++i)
    for (int j = i; j > 0 && m[order[j] * C + key] < m[order[j - 1] * C + key]; --j) {
      int t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  if (n == 0) {
    rp_skip(rc, RP_FORECAST, "accuracy by model: no model has a finite score in %s", ds);
    goto done;
  }
  a.n = n;
  for (int i = 0; i < n; ++i) {
    if (pr)
      list_item(rows, order[i], a.name[i], sizeof a.name[i]);
    else
      snprintf(a.name[i], sizeof a.name[i], "model %d", order[i]);
    for (int k = 0; k < 3; ++k) a.metric[k][i] = ci[k] >= 0 ? m[order[i] * C + ci[k]] : NAN;
  }
  for (int k = 0; k < 3; ++k) a.has[k] = has[k];
  {
    char best[160];
    snprintf(best, sizeof best, "%s", a.name[0]);
    if (has[2])
      rp_fact_add(rc, RP_FORECAST, "most accurate model", "%s (OWA %.3f, sMAPE %.1f%%, MASE %.3f)",
                  best, a.metric[2][0], a.metric[0][0], a.metric[1][0]);
    else
      rp_fact_add(rc, RP_FORECAST, "most accurate model", "%s (sMAPE %.1f%%, MASE %.3f)", best,
                  a.metric[0][0], a.metric[1][0]);
    if (cchosen >= 0) {
      char text[512] = "";
      size_t used = 0;
      for (int64_t r = 0; r < R; ++r) {
        double c = m[r * C + cchosen];
        if (isfinite(c) && c > 0) {
          char nm[32];
          if (pr) list_item(rows, (int)r, nm, sizeof nm);
          else snprintf(nm, sizeof nm, "model %lld", (long long)r);
          used += (size_t)snprintf(text + used, used < sizeof text ? sizeof text - used : 0,
                                   "%s%s %.0f", used ? ", " : "", nm, c);
          if (used >= sizeof text) break;
        }
      }
      if (text[0]) rp_fact_add(rc, RP_FORECAST, "models chosen", "%s", text);
    }
  }
  {
    char cap[640];
    snprintf(cap, sizeof cap,
             "Holdout accuracy over all series (lower is better), models sorted by %s; the "
             "best in dark green. MASE%s relative to naive methods (the dashed line at 1).",
             has[2] ? "OWA" : has[0] ? "sMAPE" : "MASE", has[2] ? " and OWA are" : " is");
    st = rp_plot(rc, RP_FORECAST, "forecast_accuracy", "Forecast accuracy by model", cap,
                 draw_accuracy, &a);
  }
done:
  free(m);
  return st;
}

static eco_status fans(rp_ctx *rc, const char *inputs) {
  const char *need[] = {"/forecast/point"};
  if (!rp_exists(rc, need[0])) {
    rp_skip(rc, RP_FORECAST, "fan charts: the file has no /forecast/point");
    return ECO_OK;
  }
  eco_status st = ECO_OK;
  int64_t S = 0, H = 0;
  double *point = NULL, *q[4] = {NULL, NULL, NULL, NULL};
  char *reg = NULL, *prod = NULL, *mname = NULL;
  size_t sr = 0, sp = 0, sm = 0;
  hist_set hs;
  memset(&hs, 0, sizeof hs);
  double *dense = NULL;
  static fan_arg a;
  memset(&a, 0, sizeof a);
  ECO_CALL_GOTO(st, rp_read_mat(rc, "/forecast/point", &S, &H, &point), done);
  if (S == 0 || H == 0) {
    rp_skip(rc, RP_FORECAST, "fan charts: /forecast/point is empty");
    goto done;
  }
  /* quantiles: shapes checked now, only the sample series' rows read later */
  static const char *qn[4] = {"/forecast/lo95", "/forecast/p10", "/forecast/p90", "/forecast/hi95"};
  int hasq[4] = {0, 0, 0, 0};
  for (int k = 0; k < 4; ++k) {
    if (!rp_exists(rc, qn[k])) continue;
    int64_t r = 0, c = 0;
    ECO_CALL_GOTO(st, rp_mat_shape(rc, qn[k], &r, &c), done);
    ECO_CHECK_GOTO(st, r == S && c == H, ECO_ERR_INPUT, done,
                   "%s: %s is %lld x %lld but /forecast/point is %lld x %lld", rc->results,
                   qn[k], (long long)r, (long long)c, (long long)S, (long long)H);
    hasq[k] = 1;
  }
  if (rp_exists(rc, "/forecast/series/region") && rp_exists(rc, "/forecast/series/product")) {
    int64_t n1 = 0, n2 = 0;
    ECO_CALL_GOTO(st, rp_read_strings(rc, "/forecast/series/region", &n1, &sr, &reg), done);
    ECO_CALL_GOTO(st, rp_read_strings(rc, "/forecast/series/product", &n2, &sp, &prod), done);
    ECO_CHECK_GOTO(st, n1 == S && n2 == S, ECO_ERR_INPUT, done,
                   "%s: /forecast/series/region and product have %lld and %lld rows, "
                   "/forecast/point %lld",
                   rc->results, (long long)n1, (long long)n2, (long long)S);
  }
  if (rp_exists(rc, "/forecast/model_name")) {
    int64_t n3 = 0;
    ECO_CALL_GOTO(st, rp_read_strings(rc, "/forecast/model_name", &n3, &sm, &mname), done);
    ECO_CHECK_GOTO(st, n3 == S, ECO_ERR_INPUT, done,
                   "%s: /forecast/model_name has %lld rows, /forecast/point %lld", rc->results,
                   (long long)n3, (long long)S);
  }
  /* the series with the largest mean point forecast */
  int pick[FAN_MAX], np = 0, want = rc->o->series < FAN_MAX ? rc->o->series : FAN_MAX;
  double *mean = NULL;
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)S, &mean), done);
  for (int64_t s = 0; s < S; ++s) {
    double sum = 0;
    int64_t cnt = 0;
    for (int64_t k = 0; k < H; ++k)
      if (isfinite(point[s * H + k])) {
        sum += point[s * H + k];
        ++cnt;
      }
    mean[s] = cnt ? sum / (double)cnt : -INFINITY;
  }
  while (np < want) {
    int64_t b = -1;
    for (int64_t s = 0; s < S; ++s) {
      int used = 0;
      for (int i = 0; i < np; ++i) used |= pick[i] == s;
      if (!used && isfinite(mean[s]) && (b < 0 || mean[s] > mean[b])) b = s;
    }
    if (b < 0) break;
    pick[np++] = (int)b;
  }
  free(mean);
  if (np == 0) {
    rp_skip(rc, RP_FORECAST, "fan charts: no series has a finite point forecast");
    goto done;
  }
  a.n = np;
  a.H = (int)(H < 512 ? H : 512);
  char freq[32] = "";
  int pf = 0, pp = 0;
  double period = 0;
  ECO_CALL_GOTO(st, rp_attr_string(rc, "/forecast", "frequency", freq, sizeof freq, &pf), done);
  ECO_CALL_GOTO(st, rp_attr_double(rc, "/forecast", "period", &period, &pp), done);
  snprintf(a.xlabel, sizeof a.xlabel, "%s from the forecast origin", freq_unit(freq));
  for (int k = 0; k < 4; ++k) {
    if (!hasq[k]) continue;
    ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(np * H), &q[k]), done);
    for (int i = 0; i < np; ++i)
      ECO_CALL_GOTO(st, rp_read_rows(rc, qn[k], pick[i], 1, q[k] + (int64_t)i * H), done);
  }
  for (int i = 0; i < np; ++i) {
    int s = pick[i];
    a.point[i] = point + (int64_t)s * H;
    a.lo95[i] = q[0] ? q[0] + (int64_t)i * H : NULL;
    a.p10[i] = q[1] ? q[1] + (int64_t)i * H : NULL;
    a.p90[i] = q[2] ? q[2] + (int64_t)i * H : NULL;
    a.hi95[i] = q[3] ? q[3] + (int64_t)i * H : NULL;
    if (reg)
      snprintf(a.label[i], LABEL_MAX, "%s / %s%s%s%s", reg + (size_t)s * sr, prod + (size_t)s * sp,
               mname ? " (" : "", mname ? mname + (size_t)s * sm : "", mname ? ")" : "");
    else
      snprintf(a.label[i], LABEL_MAX, "series %d", s);
    if (reg) {
      hs.region[i] = reg + (size_t)s * sr;
      hs.product[i] = prod + (size_t)s * sp;
    }
  }
  /* history: /demand in this file, else the CSV input of the run */
  char why[ECO_STR_MAX + 128] = "series names are not stored";
  int found = 0;
  if (reg) {
    hs.n = np;
    hs.freq = strcmp(freq, "daily") == 0 ? 1 : strcmp(freq, "weekly") == 0 ? 2
              : strcmp(freq, "monthly") == 0 ? 3 : 0;
    ECO_CALL_GOTO(st, hist_from_demand(rc, &hs, &found), done);
    if (found)
      snprintf(why, sizeof why, "history from /demand");
    else
      hist_from_csv(rc, &hs, inputs, &found, why, sizeof why);
  }
  if (found) {
    int64_t show = 3 * H;
    if (pp && period > 1 && period + H > show) show = (int64_t)period + H;
    if (show > 100000) show = 100000;
    /* place the history by period index against the forecast origin when
     * both are known (gaps stay gaps); else the last `show` values */
    double *orig = NULL;
    if (rp_exists(rc, "/forecast/series/origin")) {
      int64_t no = 0;
      ECO_CALL_GOTO(st, rp_read_vec(rc, "/forecast/series/origin", &no, &orig), done);
      if (no != S) {
        free(orig);
        ECO_CHECK_GOTO(st, 0, ECO_ERR_INPUT, done,
                       "%s: /forecast/series/origin has %lld rows, /forecast/point %lld",
                       rc->results, (long long)no, (long long)S);
      }
    }
    st = eco_malloc(sizeof(double) * (size_t)(np * show), &dense);
    int timed_all = 1;
    for (int i = 0; i < np && st == ECO_OK; ++i) {
      double *d = dense + (int64_t)i * show;
      int64_t L = hs.len[i];
      int timed = orig && isfinite(orig[pick[i]]) && L > 0;
      for (int64_t k = 0; k < L && timed; ++k) timed = hs.t[i][k] != NO_TIME;
      timed_all &= timed;
      if (timed) {
        int64_t o = (int64_t)orig[pick[i]];
        for (int64_t k = 0; k < show; ++k) d[k] = NAN;
        for (int64_t k = 0; k < L; ++k) {
          int64_t x = hs.t[i][k] - o + 1; /* 0 = the last period before the origin */
          if (x <= 0 && x > -show) d[x + show - 1] = hs.val[i][k];
        }
        a.hist[i] = d;
        a.hlen[i] = show;
      } else {
        int64_t k = L < show ? L : show;
        if (k > 0) memcpy(d, hs.val[i] + (L - k), sizeof(double) * (size_t)k);
        a.hist[i] = k > 0 ? d : NULL;
        a.hlen[i] = k;
      }
    }
    free(orig);
    ECO_CALL_GOTO(st, st, done);
    rp_fact_add(rc, RP_FORECAST, "fan chart history", "%s%s", why,
                timed_all ? " (placed by date)" : " (the last values, in order)");
  } else {
    rp_skip(rc, RP_FORECAST, "history in the fan charts: %s", why);
  }
  char cap[640];
  snprintf(cap, sizeof cap,
           "The %d series with the largest forecast demand%s: point forecast (dark green) "
           "with its 80%% (P10-P90) and 95%% intervals, %lld %s ahead%s.",
           np, reg ? " (region / product, chosen model)" : "", (long long)H, freq_unit(freq),
           found ? "; the observed history in blue" : "");
  st = rp_plot(rc, RP_FORECAST, "forecast_fans", "Forecast fan charts", cap, draw_fans, &a);
done:
  free(dense);
  hist_free(&hs);
  free(point);
  for (int k = 0; k < 4; ++k) free(q[k]);
  free(reg);
  free(prod);
  free(mname);
  return st;
}

eco_status rp_forecast(rp_ctx *rc) {
  int pr = 0;
  double v = 0;
  ECO_CALL(rp_attr_double(rc, "/forecast", "horizon", &v, &pr));
  if (pr) rp_fact_add(rc, RP_FORECAST, "horizon", "%.0f steps", v);
  if (rp_exists(rc, "/forecast/point")) {
    int nd = 0;
    int64_t dims[2];
    size_t ss = 0;
    ECO_CALL(eco_h5_dataset_shape(rc->f, "/forecast/point", &nd, dims, &ss));
    rp_fact_add(rc, RP_FORECAST, "series", "%lld", (long long)dims[0]);
  }
  char freq[32];
  ECO_CALL(rp_attr_string(rc, "/forecast", "frequency", freq, sizeof freq, &pr));
  if (pr) rp_fact_add(rc, RP_FORECAST, "frequency", "%s", freq);
  char sel[64];
  ECO_CALL(rp_attr_string(rc, "/forecast", "select", sel, sizeof sel, &pr));
  if (pr) rp_fact_add(rc, RP_FORECAST, "model selection", "%s", sel);
  static char inputs[65536];
  ECO_CALL(rp_stage_inputs(rc, "forecast", inputs, sizeof inputs, &pr));
  ECO_CALL(fans(rc, inputs));
  ECO_CALL(accuracy(rc));
  return ECO_OK;
}
