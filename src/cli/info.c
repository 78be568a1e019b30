/* `ecoscale info FILE.h5`: the provenance attributes of a results file and
 * every dataset with its shape and type. Every rank makes the same HDF5
 * calls (the file is opened with collective metadata); rank 0 prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_impl.h"

typedef struct {
  int print;     /* this rank prints */
  eco_status st; /* first failure inside a callback */
  int ndatasets;
} info_state;

/* Print a string value; lines after the first are indented under the name. */
static void print_text(const char *name, const char *v, size_t n) {
  int multiline = memchr(v, '\n', n) != NULL;
  if (!multiline) {
    if (n == 0 || !v[0])
      printf("  %-28s (empty)\n", name);
    else
      printf("  %-28s %.*s\n", name, (int)n, v);
    return;
  }
  printf("  %s:\n", name);
  const char *p = v, *end = v + n;
  while (p < end && *p) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : strnlen(p, (size_t)(end - p));
    if (len > 0)
      printf("      %.*s\n", (int)len, p);
    else
      printf("\n");
    if (!nl)
      break;
    p = nl + 1;
  }
}

static herr_t attr_cb(hid_t loc, const char *name, const H5A_info_t *ainfo,
                      void *data) {
  info_state *s = data;
  hid_t a = -1, type = -1, space = -1, mem = -1;
  herr_t rc = 0;
  if ((a = H5Aopen(loc, name, H5P_DEFAULT)) < 0 ||
      (type = H5Aget_type(a)) < 0 || (space = H5Aget_space(a)) < 0)
    goto fail;
  hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0)
    goto fail;
  H5T_class_t cls = H5Tget_class(type);
  if (cls == H5T_STRING) {
    if (H5Tis_variable_str(type) > 0) {
      char **v = calloc((size_t)(n ? n : 1), sizeof *v);
      if (!v || (mem = H5Tcopy(H5T_C_S1)) < 0 || H5Tset_size(mem, H5T_VARIABLE) < 0 ||
          H5Aread(a, mem, v) < 0) {
        free(v);
        goto fail;
      }
      for (hssize_t i = 0; i < n; ++i)
        if (s->print && v[i])
          print_text(name, v[i], strlen(v[i]));
      H5Dvlen_reclaim(mem, space, H5P_DEFAULT, v);
      free(v);
    } else {
      size_t sz = H5Tget_size(type);
      char *v = calloc((size_t)(n ? n : 1) * sz + 1, 1);
      if (!v || (mem = H5Tcopy(type)) < 0 || H5Aread(a, mem, v) < 0) {
        free(v);
        goto fail;
      }
      for (hssize_t i = 0; i < n; ++i)
        if (s->print)
          print_text(name, v + i * sz, strnlen(v + i * sz, sz));
      free(v);
    }
  } else if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
    int is_int = cls == H5T_INTEGER;
    void *v = calloc((size_t)(n ? n : 1), 8);
    if (!v || H5Aread(a, is_int ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE, v) < 0) {
      free(v);
      goto fail;
    }
    if (s->print) {
      printf("  %-28s", name);
      for (hssize_t i = 0; i < n; ++i) {
        if (is_int)
          printf(" %lld", (long long)((int64_t *)v)[i]);
        else
          printf(" %.10g", ((double *)v)[i]);
      }
      printf("\n");
    }
    free(v);
  } else if (s->print) {
    printf("  %-28s (attribute of another type)\n", name);
  }
  goto done;
fail:
  s->st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                        "cannot read attribute %s", name);
  rc = -1;
done:
  if (mem >= 0)
    H5Tclose(mem);
  if (space >= 0)
    H5Sclose(space);
  if (type >= 0)
    H5Tclose(type);
  if (a >= 0)
    H5Aclose(a);
  return rc;
}

static void type_text(hid_t type, char *buf, size_t len) {
  size_t sz = H5Tget_size(type);
  switch (H5Tget_class(type)) {
  case H5T_INTEGER:
    snprintf(buf, len, "%sint%zu", H5Tget_sign(type) == H5T_SGN_NONE ? "u" : "",
             sz * 8);
    break;
  case H5T_FLOAT:
    snprintf(buf, len, "float%zu", sz * 8);
    break;
  case H5T_STRING:
    if (H5Tis_variable_str(type) > 0)
      snprintf(buf, len, "string (variable length)");
    else
      snprintf(buf, len, "string[%zu]", sz);
    break;
  case H5T_COMPOUND:
    snprintf(buf, len, "compound (%zu bytes)", sz);
    break;
  default:
    snprintf(buf, len, "other (%zu bytes)", sz);
    break;
  }
}

static herr_t link_cb(hid_t group, const char *name, const H5L_info_t *info,
                      void *data) {
  info_state *s = data;
  if (info->type != H5L_TYPE_HARD)
    return 0;
  hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
  if (obj < 0) {
    s->st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                          "cannot open object /%s", name);
    return -1;
  }
  if (H5Iget_type(obj) == H5I_DATASET) {
    hid_t type = H5Dget_type(obj), space = H5Dget_space(obj);
    char shape[256] = "", tname[64] = "?";
    if (space >= 0) {
      hsize_t dims[H5S_MAX_RANK];
      int nd = H5Sget_simple_extent_dims(space, dims, NULL);
      size_t used = 0;
      used += (size_t)snprintf(shape + used, sizeof shape - used, "[");
      for (int i = 0; i < nd && used < sizeof shape; ++i)
        used += (size_t)snprintf(shape + used, sizeof shape - used, "%s%llu",
                                 i ? " x " : "", (unsigned long long)dims[i]);
      if (used < sizeof shape)
        snprintf(shape + used, sizeof shape - used, "]");
      if (nd == 0)
        snprintf(shape, sizeof shape, "scalar");
    }
    if (type >= 0)
      type_text(type, tname, sizeof tname);
    if (s->print)
      printf("  /%-30s %-16s %s\n", name, shape, tname);
    s->ndatasets++;
    if (type >= 0)
      H5Tclose(type);
    if (space >= 0)
      H5Sclose(space);
  }
  H5Oclose(obj);
  return 0;
}

static eco_status info_check(const eco_ctx *ctx, void *opts) {
  ECO_CHECK(ctx->ninputs == 1, ECO_ERR_USAGE,
            "'ecoscale info' takes one results file (FILE.h5), got %d "
            "arguments",
            ctx->ninputs);
  return ECO_OK;
}

static eco_status info_run(const eco_ctx *ctx, void *opts) {
  const char *path = ctx->inputs[0];
  eco_h5 *f = NULL;
  ECO_CALL(eco_h5_open(ctx->comm, path, ECO_H5_READ, &f));
  info_state s = {ctx->rank == 0, ECO_OK, 0};
  hid_t fid = eco_h5_id(f);
  if (s.print) {
    printf("%s\n", path);
    printf("provenance (attributes of /):\n");
  }
  hsize_t idx = 0;
  if (H5Aiterate2(fid, H5_INDEX_NAME, H5_ITER_INC, &idx, attr_cb, &s) < 0 &&
      s.st == ECO_OK)
    s.st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                         "cannot list the attributes of %s", path);
  if (s.st == ECO_OK) {
    if (s.print)
      printf("datasets:\n");
    if (H5Lvisit(fid, H5_INDEX_NAME, H5_ITER_INC, link_cb, &s) < 0 &&
        s.st == ECO_OK)
      s.st = eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__,
                           "cannot list the datasets of %s", path);
    if (s.st == ECO_OK && s.print && s.ndatasets == 0)
      printf("  (none)\n");
  }
  if (s.print)
    fflush(stdout);
  eco_status cst = eco_h5_close(&f);
  return s.st != ECO_OK ? s.st : cst;
}

const eco_command eco_info_command = {
    "info", "FILE.h5",
    "print a results file's provenance, footprint and datasets",
    NULL, info_check, info_run};
