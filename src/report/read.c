/* Reading a results file for the report, defensively: every dataset and
 * attribute may be missing (the plot that needs it is skipped), but one that
 * is present must have the kind and shape the stage documents. Rank 0 only;
 * the file is opened on MPI_COMM_SELF, so the io layer's collectives are
 * local. */
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
                         rc->results, name, nd, nd == 1 ? "" : "s", want_ndims);
  return ECO_OK;
}

eco_status rp_read_vec(rp_ctx *rc, const char *name, int64_t *n, double **out) {
  int64_t dims[2] = {0, 0};
  size_t ss = 0;
  *out = NULL;
  *n = 0;
  ECO_CALL(shape_of(rc, name, 1, 0, dims, &ss));
  double *v = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * (size_t)(dims[0] > 0 ? dims[0] : 1), &v));
  eco_status st = eco_h5_dataset_read(rc->f, name, ECO_H5_DOUBLE, 0, dims[0], v);
  if (st != ECO_OK) {
    free(v);
    return st;
  }
  *n = dims[0];
  *out = v;
  return ECO_OK;
}

eco_status rp_read_mat(rp_ctx *rc, const char *name, int64_t *rows,
                       int64_t *cols, double **out) {
  int64_t dims[2] = {0, 0};
  size_t ss = 0;
  *out = NULL;
  *rows = *cols = 0;
  ECO_CALL(shape_of(rc, name, 2, 0, dims, &ss));
  size_t cells = (size_t)dims[0] * (size_t)dims[1];
  double *v = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * (cells ? cells : 1), &v));
  eco_status st = eco_h5_dataset_read(rc->f, name, ECO_H5_DOUBLE, 0, dims[0], v);
  if (st != ECO_OK) {
    free(v);
    return st;
  }
  *rows = dims[0];
  *cols = dims[1];
  *out = v;
  return ECO_OK;
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
