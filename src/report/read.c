/* Reading a results file for the report, defensively: every dataset and
 * attribute may be missing (the plot that needs it is skipped), but one that
 * is present must have the kind and shape the stage documents. Rank 0 only;
 * the file is opened on MPI_COMM_SELF, so the io layer's collectives are
 * local. */
#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

const char *const rp_section_title[RP_NSECTIONS] = {
    "Run", "Footprint", "Forecast", "Plan", "Supply", "Recommend"};

int rp_exists(rp_ctx *rc, const char *name) {
  int e = 0;
  if (eco_h5_exists(rc->f, name, &e) != ECO_OK) {
    eco_error_clear();
    return 0;
  }
  return e;
}

/* Shape and kind: ndims 1 or 2, numbers (want_str 0) or strings. */
static eco_status shape_of(rp_ctx *rc, const char *name, int want_ndims,
                           int want_str, int64_t dims[2], size_t *strsize) {
  int nd = 0;
  ECO_CALL(eco_h5_dataset_shape(rc->f, name, &nd, dims, strsize));
  if (want_str && *strsize == 0)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: dataset %s holds numbers, expected strings",
                         rc->results, name);
  if (!want_str && *strsize != 0)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: dataset %s holds strings, expected numbers",
                         rc->results, name);
  if (nd != want_ndims)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: dataset %s has %d dimension%s, expected %d",
                         rc->results, name, nd, eco_plural(nd), want_ndims);
  return ECO_OK;
}

/* A numeric dataset of ndims dimensions, all of it as doubles (caller frees
 * *out). */
static eco_status read_doubles(rp_ctx *rc, const char *name, int ndims, int64_t dims[2],
                               double **out) {
  size_t ss = 0;
  *out = NULL;
  ECO_CALL(shape_of(rc, name, ndims, 0, dims, &ss));
  size_t cells = (size_t)dims[0] * (size_t)(ndims == 2 ? dims[1] : 1);
  double *v = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * (cells ? cells : 1), &v));
  eco_status st = eco_h5_dataset_read(rc->f, name, ECO_H5_DOUBLE, 0, dims[0], v);
  if (st != ECO_OK) {
    free(v);
    return st;
  }
  *out = v;
  return ECO_OK;
}

eco_status rp_read_vec(rp_ctx *rc, const char *name, int64_t *n, double **out) {
  int64_t dims[2] = {0, 0};
  *n = 0;
  ECO_CALL(read_doubles(rc, name, 1, dims, out));
  *n = dims[0];
  return ECO_OK;
}

eco_status rp_read_vec_pair(rp_ctx *rc, const char *name_a, const char *name_b, int64_t *n,
                            double **a, double **b) {
  int64_t na = 0, nb = 0;
  *b = NULL;
  ECO_CALL(rp_read_vec(rc, name_a, &na, a));
  eco_status st = rp_read_vec(rc, name_b, &nb, b);
  if (st == ECO_OK && na != nb)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: %s has %lld rows, %s %lld",
                       rc->results, name_a, (long long)na, name_b, (long long)nb);
  if (st != ECO_OK) {
    free(*a);
    free(*b);
    *a = *b = NULL;
    return st;
  }
  *n = na;
  return ECO_OK;
}

eco_status rp_read_mat(rp_ctx *rc, const char *name, int64_t *rows,
                       int64_t *cols, double **out) {
  int64_t dims[2] = {0, 0};
  *rows = *cols = 0;
  ECO_CALL(read_doubles(rc, name, 2, dims, out));
  *rows = dims[0];
  *cols = dims[1];
  return ECO_OK;
}

eco_status rp_mat_shape(rp_ctx *rc, const char *name, int64_t *rows, int64_t *cols) {
  int64_t dims[2] = {0, 0};
  size_t ss = 0;
  ECO_CALL(shape_of(rc, name, 2, 0, dims, &ss));
  *rows = dims[0];
  *cols = dims[1];
  return ECO_OK;
}

eco_status rp_read_rows(rp_ctx *rc, const char *name, int64_t row0, int64_t nrows,
                        double *out) {
  return eco_h5_dataset_read(rc->f, name, ECO_H5_DOUBLE, row0, nrows, out);
}

eco_status rp_read_strings(rp_ctx *rc, const char *name, int64_t *n,
                           size_t *stride, char **out) {
  int64_t dims[2] = {0, 0};
  size_t ss = 0;
  *out = NULL;
  *n = 0;
  ECO_CALL(shape_of(rc, name, 1, 1, dims, &ss));
  size_t cnt = (size_t)dims[0];
  char *raw = NULL, *s = NULL;
  ECO_CALL(eco_malloc(ss * (cnt ? cnt : 1), &raw));
  eco_status st = eco_h5_dataset_read(rc->f, name, ECO_H5_STRING, 0, dims[0], raw);
  if (st == ECO_OK)
    st = eco_malloc((ss + 1) * (cnt ? cnt : 1), &s);
  if (st != ECO_OK) {
    free(raw);
    return st;
  }
  for (size_t i = 0; i < cnt; ++i) {
    memcpy(s + i * (ss + 1), raw + i * ss, ss);
    s[i * (ss + 1) + ss] = '\0';
  }
  free(raw);
  *n = dims[0];
  *stride = ss + 1;
  *out = s;
  return ECO_OK;
}

/* Open attribute obj@name; *a = -1 when missing. */
static eco_status attr_open(rp_ctx *rc, const char *obj, const char *name,
                            hid_t *a) {
  *a = -1;
  hid_t fid = eco_h5_id(rc->f);
  if (strcmp(obj, "/") != 0 && !rp_exists(rc, obj))
    return ECO_OK;
  htri_t e = H5Aexists_by_name(fid, obj, name, H5P_DEFAULT);
  if (e <= 0)
    return ECO_OK;
  *a = H5Aopen_by_name(fid, obj, name, H5P_DEFAULT, H5P_DEFAULT);
  ECO_CHECK(*a >= 0, ECO_ERR_INPUT, "%s: cannot open attribute %s of %s",
            rc->results, name, obj);
  return ECO_OK;
}

eco_status rp_attr_double(rp_ctx *rc, const char *obj, const char *name,
                          double *v, int *present) {
  hid_t a = -1, t = -1, sp = -1;
  *present = 0;
  ECO_CALL(attr_open(rc, obj, name, &a));
  if (a < 0)
    return ECO_OK;
  eco_status st = ECO_OK;
  t = H5Aget_type(a);
  sp = H5Aget_space(a);
  H5T_class_t cls = t >= 0 ? H5Tget_class(t) : H5T_NO_CLASS;
  if ((cls != H5T_FLOAT && cls != H5T_INTEGER) || sp < 0 ||
      H5Sget_simple_extent_npoints(sp) != 1)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: attribute %s of %s is not a number", rc->results,
                       name, obj);
  else if (H5Aread(a, H5T_NATIVE_DOUBLE, v) < 0)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: cannot read attribute %s of %s", rc->results, name,
                       obj);
  else
    *present = 1;
  if (sp >= 0) H5Sclose(sp);
  if (t >= 0) H5Tclose(t);
  H5Aclose(a);
  return st;
}

eco_status rp_attr_string(rp_ctx *rc, const char *obj, const char *name,
                          char *buf, size_t len, int *present) {
  hid_t a = -1, t = -1, mt = -1, sp = -1;
  *present = 0;
  buf[0] = '\0';
  ECO_CALL(attr_open(rc, obj, name, &a));
  if (a < 0)
    return ECO_OK;
  eco_status st = ECO_OK;
  t = H5Aget_type(a);
  sp = H5Aget_space(a);
  if (t < 0 || H5Tget_class(t) != H5T_STRING || H5Tis_variable_str(t) > 0 ||
      sp < 0 || H5Sget_simple_extent_npoints(sp) != 1) {
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: attribute %s of %s is not a fixed-length string",
                       rc->results, name, obj);
  } else {
    size_t sz = H5Tget_size(t);
    char *tmp = NULL;
    st = eco_malloc(sz + 1, &tmp);
    if (st == ECO_OK) {
      mt = H5Tcopy(t);
      if (mt < 0 || H5Aread(a, mt, tmp) < 0) {
        st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s: cannot read attribute %s of %s", rc->results,
                           name, obj);
      } else {
        tmp[sz] = '\0';
        snprintf(buf, len, "%s", tmp);
        *present = 1;
      }
      free(tmp);
    }
  }
  if (mt >= 0) H5Tclose(mt);
  if (sp >= 0) H5Sclose(sp);
  if (t >= 0) H5Tclose(t);
  H5Aclose(a);
  return st;
}

void rp_fact_add(rp_ctx *rc, rp_section sec, const char *label,
                 const char *fmt, ...) {
  if (rc->nfacts >= RP_MAX_ITEMS)
    return;
  rp_fact *f = &rc->facts[rc->nfacts++];
  f->sec = sec;
  snprintf(f->label, sizeof f->label, "%s", label);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(f->value, sizeof f->value, fmt, ap);
  va_end(ap);
}

void rp_skip(rp_ctx *rc, rp_section sec, const char *fmt, ...) {
  if (rc->nnotes >= RP_MAX_ITEMS)
    return;
  rp_note *n = &rc->notes[rc->nnotes++];
  n->sec = sec;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(n->text, sizeof n->text, fmt, ap);
  va_end(ap);
  eco_log(ECO_LOG_DEBUG, "report: skipped: %s", n->text);
}

void rp_num(double v, char *buf, size_t len) {
  if (!isfinite(v)) {
    snprintf(buf, len, "n/a");
    return;
  }
  double a = fabs(v);
  if (a != 0 && (a >= 1e9 || a < 1e-3))
    snprintf(buf, len, "%.3g", v);
  else if (a >= 1000)
    snprintf(buf, len, "%.0f", v);
  else if (a >= 100)
    snprintf(buf, len, "%.1f", v);
  else if (a >= 1)
    snprintf(buf, len, "%.3g", v);
  else
    snprintf(buf, len, "%.3g", v);
}

/* ------------------------------------------------------------------------ */
/* Input files named in the provenance                                      */
/* ------------------------------------------------------------------------ */

eco_status rp_stage_inputs(rp_ctx *rc, const char *stage, char *buf, size_t len,
                           int *present) {
  char obj[128];
  snprintf(obj, sizeof obj, "/pipeline/provenance/%s", stage);
  *present = 0;
  if (rp_exists(rc, obj)) {
    ECO_CALL(rp_attr_string(rc, obj, "inputs", buf, len, present));
    if (*present)
      return ECO_OK;
  }
  return rp_attr_string(rc, "/", "inputs", buf, len, present);
}

int rp_inputs_next(const char **cursor, char *path, size_t plen, char sha[65]) {
  const char *s = *cursor;
  while (s && *s) {
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    const char *line = s;
    s = nl ? nl + 1 : NULL;
    while (len > 0 && (*line == ' ' || *line == '\t')) { /* indented lines */
      ++line;
      --len;
    }
    if (len < 67 || line[64] != ' ' || line[65] != ' ')
      continue;
    memcpy(sha, line, 64);
    sha[64] = '\0';
    size_t pl = len - 66;
    snprintf(path, plen, "%.*s", (int)(pl < plen - 1 ? pl : plen - 1), line + 66);
    *cursor = s;
    return 1;
  }
  *cursor = s;
  return 0;
}

int rp_input_check(const char *path, const char *sha, char *why, size_t wl) {
  char hex[65];
  if (eco_file_sha256(path, hex) != ECO_OK) {
    eco_error_clear();
    snprintf(why, wl,
             "the input %s cannot be read (a relative path is taken from the current "
             "folder)",
             path);
    return 0;
  }
  if (strncmp(hex, sha, 64) != 0) {
    snprintf(why, wl, "the input %s changed since the run (sha256 differs)", path);
    return 0;
  }
  return 1;
}

/* CSV with a header: the numeric columns `names`. */
typedef struct {
  int k;
  const char *const *names;
  int col[16];
  int field, row, bad;
  double cur[16];
  double *out;
  int64_t n, cap;
} csvcol_state;

static void cc_field(void *data, size_t len, void *ctx) {
  csvcol_state *c = ctx;
  const char *s = data ? data : "";
  char txt[64];
  snprintf(txt, sizeof txt, "%.*s", (int)(len < 63 ? len : 63), s);
  for (int j = 0; j < c->k; ++j) {
    if (c->row == 0) {
      if (strcmp(txt, c->names[j]) == 0) c->col[j] = c->field;
    } else if (c->field == c->col[j]) {
      char *end = NULL;
      double v = strtod(txt, &end);
      c->cur[j] = end && end != txt && *end == '\0' ? v : NAN;
    }
  }
  c->field++;
}

static void cc_record(int term, void *ctx) {
  (void)term;
  csvcol_state *c = ctx;
  if (c->row > 0 && !c->bad) {
    if (c->n == c->cap) {
      int64_t nc = c->cap ? 2 * c->cap : 256;
      double *no = realloc(c->out, sizeof(double) * (size_t)(nc * c->k));
      if (!no) {
        c->bad = 1;
        return;
      }
      c->out = no;
      c->cap = nc;
    }
    for (int j = 0; j < c->k; ++j) c->out[c->n * c->k + j] = c->cur[j];
    c->n++;
  }
  c->row++;
  c->field = 0;
  for (int j = 0; j < c->k; ++j) c->cur[j] = NAN;
}

eco_status rp_csv_columns(const char *path, int k, const char *const *names, double **out,
                          int64_t *rows, int *ok) {
  *out = NULL;
  *rows = 0;
  *ok = 0;
  ECO_CHECK(k > 0 && k <= 16, ECO_ERR_INTERNAL, "rp_csv_columns: %d columns", k);
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return ECO_OK;
  csvcol_state c;
  memset(&c, 0, sizeof c);
  c.k = k;
  c.names = names;
  for (int j = 0; j < k; ++j) {
    c.col[j] = -1;
    c.cur[j] = NAN;
  }
  struct csv_parser p;
  csv_init(&p, CSV_APPEND_NULL);
  char buf[65536];
  size_t n;
  int bad = 0;
  /* stop early if the header lacks a column */
  while (!bad && (n = fread(buf, 1, sizeof buf, fp)) > 0) {
    if (csv_parse(&p, buf, n, cc_field, cc_record, &c) != n) bad = 1;
    if (c.row > 0)
      for (int j = 0; j < k; ++j) bad |= c.col[j] < 0;
  }
  if (!bad) csv_fini(&p, cc_field, cc_record, &c);
  csv_free(&p);
  fclose(fp);
  for (int j = 0; j < k; ++j) bad |= c.col[j] < 0;
  if (bad || c.bad) {
    free(c.out);
    return ECO_OK;
  }
  *out = c.out;
  *rows = c.n;
  *ok = 1;
  return ECO_OK;
}
