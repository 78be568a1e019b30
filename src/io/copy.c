/* Collective copy of an HDF5 group tree between two files open on the same
 * communicator (see include/ecoscale/h5copy.h).
 *
 * Why not H5Ocopy: with parallel HDF5 1.10 a filtered (deflated) dataset
 * can only be written collectively, and H5Ocopy writes raw chunks from one
 * process's view. Here every dataset is recreated through
 * eco_h5_dataset_create and filled with collective eco_h5_dataset_write
 * calls, each rank moving its eco_block_range share of a bounded block of
 * rows per round, so any number of ranks copies any size of data with
 * bounded memory.
 *
 * Every rank makes the same metadata calls in the same order: the list of
 * objects is taken first (H5Lvisit in name order, no collective calls in the
 * callback) and processed afterwards, agreeing on the status after every
 * object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/h5copy.h"
#include "io_fault.h"

#define DEFAULT_BLOCK_BYTES ((size_t)16 << 20)

/* ------------------------------------------------------------------------ */
/* Lists of names                                                            */
/* ------------------------------------------------------------------------ */

typedef struct {
  char *name;
  int is_group;
} item;

typedef struct {
  item *v;
  size_t n, cap;
  eco_status st;
} item_list;

static eco_status list_push(item_list *l, const char *name, int is_group) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 32;
    item *v = l->v;
    ECO_CALL(eco_realloc(cap * sizeof *v, &v));
    l->v = v;
    l->cap = cap;
  }
  char *s = NULL;
  ECO_CALL(eco_strdup(name, &s));
  l->v[l->n].name = s;
  l->v[l->n].is_group = is_group;
  l->n++;
  return ECO_OK;
}

static void list_free(item_list *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i].name);
  free(l->v);
  l->v = NULL;
  l->n = l->cap = 0;
}

static herr_t visit_cb(hid_t g, const char *name, const H5L_info_t *info,
                       void *data) {
  item_list *l = data;
  if (info->type != H5L_TYPE_HARD) {
    eco_log(ECO_LOG_DEBUG, "copy: link %s is not a hard link; skipped", name);
    return 0;
  }
  H5O_info_t oi;
  if (H5Oget_info_by_name(g, name, &oi, H5P_DEFAULT) < 0) {
    l->st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                          "cannot query object %s", name);
    return -1;
  }
  if (oi.type != H5O_TYPE_GROUP && oi.type != H5O_TYPE_DATASET) {
    eco_log(ECO_LOG_DEBUG, "copy: %s is a named datatype; skipped", name);
    return 0;
  }
  l->st = list_push(l, name, oi.type == H5O_TYPE_GROUP);
  return l->st == ECO_OK ? 0 : -1;
}

static herr_t attr_name_cb(hid_t loc, const char *name, const H5A_info_t *ai,
                           void *data) {
  item_list *l = data;
  l->st = list_push(l, name, 0);
  return l->st == ECO_OK ? 0 : -1;
}

/* "a" + "/" + "b" without doubled slashes. */
static eco_status join(const char *a, const char *b, char **out) {
  size_t la = strlen(a);
  while (la > 0 && a[la - 1] == '/')
    la--;
  size_t n = la + 1 + strlen(b) + 1;
  ECO_CALL(eco_malloc(n, out));
  snprintf(*out, n, "%.*s/%s", (int)la, a, b);
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Attributes                                                                */
/* ------------------------------------------------------------------------ */

/* Copy one attribute `name` from object so to object dobj. Not collective
 * by itself, but every rank calls it with the same arguments. */
static eco_status copy_one_attr(hid_t so, hid_t dobj, const char *name,
                                const char *what) {
  hid_t a = -1, t = -1, sp = -1, da = -1, mt = -1;
  void *buf = NULL;
  int vlen_str = 0;
  hssize_t npts = 0;
  eco_status st = ECO_OK;
  a = H5Aopen(so, name, H5P_DEFAULT);
  ECO_CHECK_GOTO(st, a >= 0, ECO_ERR_HDF5, done,
                 "%s: cannot open attribute %s", what, name);
  ECO_CALL_H5_GOTO(st, t = H5Aget_type(a), done);
  ECO_CALL_H5_GOTO(st, sp = H5Aget_space(a), done);
  npts = H5Sget_simple_extent_npoints(sp);
  ECO_CHECK_GOTO(st, npts >= 0, ECO_ERR_HDF5, done,
                 "%s: attribute %s: cannot get its size", what, name);
  vlen_str = H5Tget_class(t) == H5T_STRING && H5Tis_variable_str(t) > 0;
  if (!vlen_str)
    ECO_CHECK_GOTO(st, H5Tdetect_class(t, H5T_VLEN) <= 0 &&
                           H5Tdetect_class(t, H5T_REFERENCE) <= 0,
                   ECO_ERR_INPUT, done,
                   "%s: attribute %s has a variable-length or reference type "
                   "(not copied by ecoscale)",
                   what, name);
  if (vlen_str) {
    ECO_CALL_H5_GOTO(st, mt = H5Tcopy(H5T_C_S1), done);
    ECO_CALL_H5_GOTO(st, H5Tset_size(mt, H5T_VARIABLE), done);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(npts ? npts : 1), sizeof(char *), &buf),
                  done);
  } else {
    ECO_CALL_H5_GOTO(st, mt = H5Tcopy(t), done);
    size_t sz = H5Tget_size(t);
    /* 0 is HDF5's failure value: a 1-byte buffer would then be overrun */
    ECO_CHECK_GOTO(st, sz > 0, ECO_ERR_HDF5, done,
                   "%s: attribute %s: cannot get the size of its type", what, name);
    ECO_CALL_GOTO(st, eco_calloc((size_t)(npts ? npts : 1), sz, &buf), done);
  }
  ECO_CHECK_GOTO(st, H5Aread(a, mt, buf) >= 0, ECO_ERR_HDF5, done,
                 "%s: cannot read attribute %s", what, name);
  if (H5Aexists(dobj, name) > 0)
    ECO_CALL_H5_GOTO(st, H5Adelete(dobj, name), done);
  da = H5Acreate2(dobj, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
  ECO_CHECK_GOTO(st, da >= 0, ECO_ERR_HDF5, done,
                 "%s: cannot create attribute %s in the copy", what, name);
  ECO_CHECK_GOTO(st, H5Awrite(da, mt, buf) >= 0, ECO_ERR_HDF5, done,
                 "%s: cannot write attribute %s in the copy", what, name);
done:
  if (vlen_str && buf && mt >= 0 && sp >= 0)
    (void)H5Dvlen_reclaim(mt, sp, H5P_DEFAULT, buf);
  free(buf);
  if (da >= 0) H5Aclose(da);
  if (mt >= 0) H5Tclose(mt);
  if (sp >= 0) H5Sclose(sp);
  if (t >= 0) H5Tclose(t);
  if (a >= 0) H5Aclose(a);
  return st;
}

eco_status eco_h5_copy_attrs(eco_h5 *src, const char *src_obj, eco_h5 *dst,
                             const char *dst_obj) {
  MPI_Comm comm = eco_h5_comm(dst);
  hid_t so = -1, dobj = -1;
  item_list names = {0};
  eco_status st = ECO_OK;
  int e1 = 0, e2 = 0;
  ECO_CALL(eco_h5_exists(src, src_obj, &e1));
  ECO_CALL(eco_h5_exists(dst, dst_obj, &e2));
  ECO_CHECK(e1, ECO_ERR_INPUT, "%s: no object %s", eco_h5_path(src), src_obj);
  ECO_CHECK(e2, ECO_ERR_INPUT, "%s: no object %s", eco_h5_path(dst), dst_obj);
  so = H5Oopen(eco_h5_id(src), src_obj, H5P_DEFAULT);
  dobj = H5Oopen(eco_h5_id(dst), dst_obj, H5P_DEFAULT);
  if (so < 0 || dobj < 0)
    st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                       "cannot open %s:%s or %s:%s", eco_h5_path(src), src_obj,
                       eco_h5_path(dst), dst_obj);
  if (st == ECO_OK) {
    hsize_t idx = 0;
    if (H5Aiterate2(so, H5_INDEX_NAME, H5_ITER_INC, &idx, attr_name_cb,
                    &names) < 0)
      st = names.st != ECO_OK
               ? names.st
               : eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                               "%s: cannot list the attributes of %s",
                               eco_h5_path(src), src_obj);
  }
  st = eco_agree(comm, st);
  char what[1024];
  snprintf(what, sizeof what, "%s:%s", eco_h5_path(src), src_obj);
  for (size_t i = 0; i < names.n && st == ECO_OK; i++)
    st = eco_agree(comm, copy_one_attr(so, dobj, names.v[i].name, what));
  list_free(&names);
  if (so >= 0) H5Oclose(so);
  if (dobj >= 0) H5Oclose(dobj);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Datasets                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  eco_h5_type type;
  size_t strsize; /* strings */
  size_t elem;    /* bytes per element in memory */
  int ndims;
  hsize_t dims[2];
  eco_h5_layout layout;
} ds_info;

/* Type, shape and storage of a source dataset (same on every rank). */
static eco_status inspect(eco_h5 *src, const char *name, ds_info *di) {
  memset(di, 0, sizeof *di);
  hid_t d = -1, t = -1, sp = -1, dcpl = -1;
  eco_status st = ECO_OK;
  d = H5Dopen2(eco_h5_id(src), name, H5P_DEFAULT);
  ECO_CHECK_GOTO(st, d >= 0, ECO_ERR_INPUT, done, "%s: cannot open dataset %s",
                 eco_h5_path(src), name);
  ECO_CALL_H5_GOTO(st, t = H5Dget_type(d), done);
  ECO_CALL_H5_GOTO(st, sp = H5Dget_space(d), done);
  ECO_CALL_H5_GOTO(st, dcpl = H5Dget_create_plist(d), done);
  int nd = H5Sget_simple_extent_ndims(sp);
  ECO_CHECK_GOTO(st, nd == 1 || nd == 2, ECO_ERR_INPUT, done,
                 "%s: dataset %s has %d dimensions (the copy handles 1 or 2)",
                 eco_h5_path(src), name, nd);
  di->ndims = nd;
  ECO_CHECK_GOTO(st, H5Sget_simple_extent_dims(sp, di->dims, NULL) >= 0,
                 ECO_ERR_HDF5, done, "%s: cannot query dataset %s",
                 eco_h5_path(src), name);
  if (nd == 1) di->dims[1] = 0;
  H5T_class_t cls = H5Tget_class(t);
  size_t sz = H5Tget_size(t);
  /* 0 is HDF5's failure value, not a type of size 0 */
  ECO_CHECK_GOTO(st, sz > 0, ECO_ERR_HDF5, done, "%s: dataset %s: cannot get the size of its type",
                 eco_h5_path(src), name);
  if (cls == H5T_FLOAT && (sz == 8 || sz == 4)) {
    di->type = sz == 8 ? ECO_H5_DOUBLE : ECO_H5_FLOAT;
    di->elem = sz;
  } else if (cls == H5T_INTEGER && H5Tget_sign(t) == H5T_SGN_2 &&
             (sz == 4 || sz == 8)) {
    di->type = sz == 8 ? ECO_H5_INT64 : ECO_H5_INT32;
    di->elem = sz;
  } else if (cls == H5T_STRING && H5Tis_variable_str(t) <= 0) {
    di->type = ECO_H5_STRING;
    di->strsize = sz;
    di->elem = sz;
  } else {
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s: dataset %s: type not copied (ecoscale copies double, "
                       "float, int32, int64 and fixed-length strings)",
                       eco_h5_path(src), name);
    goto done;
  }
  if (H5Pget_layout(dcpl) == H5D_CHUNKED) {
    hsize_t chunk[2] = {0, 0};
    if (H5Pget_chunk(dcpl, 2, chunk) >= 1)
      di->layout.chunk_rows = (int64_t)chunk[0];
    int nf = H5Pget_nfilters(dcpl);
    for (int i = 0; i < nf; i++) {
      unsigned flags = 0, cd[8] = {0};
      size_t ncd = 8;
      unsigned conf = 0;
      char fname[64];
      H5Z_filter_t f = H5Pget_filter2(dcpl, (unsigned)i, &flags, &ncd, cd,
                                      sizeof fname, fname, &conf);
      if (f == H5Z_FILTER_DEFLATE)
        di->layout.deflate = ncd > 0 && cd[0] <= 9 ? (int)cd[0] : 6;
      else if (f >= 0)
        eco_log(ECO_LOG_DEBUG, "copy: %s: filter %s (%d) not kept", name, fname,
                (int)f);
    }
  }
done:
  if (dcpl >= 0) H5Pclose(dcpl);
  if (sp >= 0) H5Sclose(sp);
  if (t >= 0) H5Tclose(t);
  if (d >= 0) H5Dclose(d);
  return st;
}

/* An empty dataset of the source's exact type and shape (nothing to move;
 * also keeps an N x 0 shape, which eco_h5_dataset_create would make 1-D). */
static eco_status create_empty(eco_h5 *src, const char *sname, eco_h5 *dst,
                               const char *dname) {
  hid_t d = -1, t = -1, sp = -1, lcpl = -1, nd = -1;
  eco_status st = ECO_OK;
  d = H5Dopen2(eco_h5_id(src), sname, H5P_DEFAULT);
  ECO_CHECK_GOTO(st, d >= 0, ECO_ERR_INPUT, done, "%s: cannot open dataset %s",
                 eco_h5_path(src), sname);
  ECO_CALL_H5_GOTO(st, t = H5Dget_type(d), done);
  ECO_CALL_H5_GOTO(st, sp = H5Dget_space(d), done);
  ECO_CALL_H5_GOTO(st, lcpl = H5Pcreate(H5P_LINK_CREATE), done);
  ECO_CALL_H5_GOTO(st, H5Pset_create_intermediate_group(lcpl, 1), done);
  nd = H5Dcreate2(eco_h5_id(dst), dname, t, sp, lcpl, H5P_DEFAULT, H5P_DEFAULT);
  ECO_CHECK_GOTO(st, nd >= 0, ECO_ERR_HDF5, done, "%s: cannot create dataset %s",
                 eco_h5_path(dst), dname);
done:
  if (nd >= 0) H5Dclose(nd);
  if (lcpl >= 0) H5Pclose(lcpl);
  if (sp >= 0) H5Sclose(sp);
  if (t >= 0) H5Tclose(t);
  if (d >= 0) H5Dclose(d);
  return st;
}

static eco_status copy_dataset(eco_h5 *src, const char *sname, eco_h5 *dst,
                               const char *dname, size_t max_bytes) {
  MPI_Comm comm = eco_h5_comm(dst);
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  ds_info di;
  eco_status st = eco_agree(comm, inspect(src, sname, &di));
  if (st != ECO_OK) return st;
  int64_t nrows = (int64_t)di.dims[0];
  int64_t ncols = di.ndims == 2 ? (int64_t)di.dims[1] : 0;
  if (nrows == 0 || (di.ndims == 2 && ncols == 0))
    return eco_agree(comm, create_empty(src, sname, dst, dname));

  ECO_CALL(eco_h5_dataset_create(dst, dname, di.type, di.strsize, nrows, ncols,
                                 &di.layout));
  size_t row_bytes = di.elem * (size_t)(ncols > 0 ? ncols : 1);
  int64_t per_rank = (int64_t)(max_bytes / row_bytes);
  if (per_rank < 1) per_rank = 1;
  if (per_rank > nrows) per_rank = nrows;
  void *buf = NULL;
  st = eco_malloc_all(comm, (size_t)per_rank * row_bytes, &buf);
  if (st != ECO_OK) return st;
  int64_t step = per_rank * (int64_t)size;
  for (int64_t base = 0; base < nrows && st == ECO_OK; base += step) {
    int64_t n = nrows - base < step ? nrows - base : step;
    int64_t r0 = 0, cnt = 0;
    eco_block_range(n, rank, size, &r0, &cnt);
    st = eco_h5_dataset_read(src, sname, di.type, base + r0, cnt, buf);
    st = eco_agree(comm, st);
    if (st == ECO_OK)
      st = eco_h5_dataset_write(dst, dname, di.type, base + r0, cnt, buf);
    st = eco_agree(comm, st);
  }
  free(buf);
  return st;
}

/* ------------------------------------------------------------------------ */

eco_status eco_h5_copy_tree(eco_h5 *src, const char *src_path, eco_h5 *dst,
                            const char *dst_path, size_t max_block_bytes) {
  MPI_Comm comm = eco_h5_comm(dst);
  if (max_block_bytes == 0) max_block_bytes = DEFAULT_BLOCK_BYTES;
  int exists = 0;
  ECO_CALL(eco_h5_exists(src, src_path, &exists));
  ECO_CHECK(exists, ECO_ERR_INPUT, "%s: no group %s", eco_h5_path(src), src_path);
  if (strcmp(dst_path, "/") != 0) {
    ECO_CALL(eco_h5_exists(dst, dst_path, &exists));
    ECO_CHECK(!exists, ECO_ERR_INPUT, "%s: %s exists already; not copied over",
              eco_h5_path(dst), dst_path);
  }

  /* The list of objects, the same on every rank. */
  item_list l = {0};
  eco_status st = ECO_OK;
  hid_t g = H5Gopen2(eco_h5_id(src), src_path, H5P_DEFAULT);
  if (g < 0) {
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: %s is not a group",
                       eco_h5_path(src), src_path);
  } else {
    if (H5Lvisit(g, H5_INDEX_NAME, H5_ITER_INC, visit_cb, &l) < 0)
      st = l.st != ECO_OK ? l.st
                          : eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                                          "%s: cannot walk group %s",
                                          eco_h5_path(src), src_path);
    H5Gclose(g);
  }
  st = eco_agree(comm, st);
  if (st == ECO_OK) st = eco_agree(comm, eco_h5_group_create(dst, dst_path));
  if (st == ECO_OK) st = eco_h5_copy_attrs(src, src_path, dst, dst_path);

  /* Groups first (so that their attributes have a home), then datasets. */
  for (int pass = 0; pass < 2 && st == ECO_OK; pass++) {
    for (size_t i = 0; i < l.n && st == ECO_OK; i++) {
      if (l.v[i].is_group != (pass == 0)) continue;
      char *s = NULL, *d = NULL;
      st = join(src_path, l.v[i].name, &s);
      if (st == ECO_OK) st = join(dst_path, l.v[i].name, &d);
      st = eco_agree(comm, st);
      if (st == ECO_OK && pass == 0)
        st = eco_agree(comm, eco_h5_group_create(dst, d));
      if (st == ECO_OK && pass == 1) {
        int ex = 0;
        st = eco_h5_exists(dst, d, &ex);
        if (st == ECO_OK && ex)
          st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                             "%s: %s exists already; not copied over",
                             eco_h5_path(dst), d);
        st = eco_agree(comm, st);
        if (st == ECO_OK) st = copy_dataset(src, s, dst, d, max_block_bytes);
      }
      if (st == ECO_OK) st = eco_h5_copy_attrs(src, s, dst, d);
      free(s);
      free(d);
    }
  }
  list_free(&l);
  return st;
}
