/* Test program for eco_h5_copy_tree (src/io/copy.c), run under mpiexec.
 *
 *   copy_tree make SRC.h5         write a group /g with every supported type,
 *                                 chunked + deflated and contiguous datasets,
 *                                 an empty dataset, nested groups and
 *                                 attributes of several kinds (scalar, array,
 *                                 variable-length string)
 *   copy_tree copy SRC.h5 DST.h5  copy /g of SRC to /copy/g of a new DST with
 *                                 a 4 KiB block (many collective rounds)
 *   copy_tree again SRC.h5 DST.h5 copy /g onto /copy/g of DST again: must fail
 *                                 with ECO_ERR_INPUT (exit code 2)
 *   copy_tree big SRC.h5 ROWS [L] (benchmark) /g/x double ROWS x 16 and /g/id
 *                                 int64 ROWS, chunks of 65536 rows, deflate L
 *                                 (default 4)
 *   copy_tree time SRC.h5 DST.h5  (benchmark) copy /g with the default block
 *                                 and print the seconds
 *
 * The script (copy.sh) compares SRC:/g and DST:/copy/g with h5diff and
 * checks the storage (chunks, deflate) with h5dump -p. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/h5copy.h"

static eco_status put(eco_h5 *f, const char *name, eco_h5_type t, size_t ss,
                      int64_t n, int64_t m, int64_t chunk, int deflate) {
  int rank = eco_rank(), size = eco_size();
  eco_h5_layout lay = {chunk, deflate};
  ECO_CALL(eco_h5_dataset_create(f, name, t, ss, n, m, chunk ? &lay : NULL));
  int64_t r0, cnt;
  eco_block_range(n, rank, size, &r0, &cnt);
  int64_t w = m > 0 ? m : 1;
  size_t el = t == ECO_H5_STRING ? ss : (t == ECO_H5_FLOAT || t == ECO_H5_INT32) ? 4 : 8;
  char *buf = calloc((size_t)(cnt * w + 1), el);
  if (!buf) return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "calloc");
  for (int64_t k = 0; k < cnt * w; k++) {
    int64_t g = r0 * w + k; /* global element index */
    switch (t) {
    case ECO_H5_DOUBLE: ((double *)buf)[k] = 0.001 * (double)g * (double)g - 7.25; break;
    case ECO_H5_FLOAT: ((float *)buf)[k] = (float)g / 3.0f; break;
    case ECO_H5_INT32: ((int32_t *)buf)[k] = (int32_t)(g * 7919 % 100003) - 5000; break;
    case ECO_H5_INT64: ((int64_t *)buf)[k] = g * 1000000007LL; break;
    case ECO_H5_STRING: snprintf(buf + k * (int64_t)ss, ss, "s%lld-%s", (long long)g,
                                 g % 3 ? "x" : "longer"); break;
    }
  }
  eco_status st = eco_h5_dataset_write(f, name, t, r0, cnt, buf);
  free(buf);
  return st;
}

/* Raw attributes the eco_h5 layer does not write: an int array and a
 * variable-length string (same on every rank). */
static eco_status raw_attrs(eco_h5 *f, const char *obj) {
  hid_t o = H5Oopen(eco_h5_id(f), obj, H5P_DEFAULT);
  if (o < 0) return eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__, "open %s", obj);
  int v[3] = {3, -1, 42};
  hsize_t d = 3;
  hid_t sp = H5Screate_simple(1, &d, NULL);
  hid_t a = H5Acreate2(o, "ints", H5T_STD_I32LE, sp, H5P_DEFAULT, H5P_DEFAULT);
  herr_t rc = H5Awrite(a, H5T_NATIVE_INT, v);
  H5Aclose(a);
  H5Sclose(sp);
  hid_t vt = H5Tcopy(H5T_C_S1);
  H5Tset_size(vt, H5T_VARIABLE);
  sp = H5Screate(H5S_SCALAR);
  const char *txt = "a variable-length\nstring";
  a = H5Acreate2(o, "vlen", vt, sp, H5P_DEFAULT, H5P_DEFAULT);
  if (rc >= 0) rc = H5Awrite(a, vt, &txt);
  H5Aclose(a);
  H5Sclose(sp);
  H5Tclose(vt);
  H5Oclose(o);
  return rc < 0 ? eco_error_set(ECO_ERR_HDF5, __FILE__, __LINE__, "attrs") : ECO_OK;
}

static eco_status make(const char *path) {
  eco_h5 *f = NULL;
  ECO_CALL(eco_h5_create(eco_comm_world(), path, &f));
  eco_status st = ECO_OK;
  if (st == ECO_OK) st = put(f, "/g/a", ECO_H5_DOUBLE, 0, 1000, 3, 64, 4);
  if (st == ECO_OK) st = put(f, "/g/f", ECO_H5_FLOAT, 0, 777, 0, 100, 1);
  if (st == ECO_OK) st = put(f, "/g/sub/i32", ECO_H5_INT32, 0, 500, 2, 0, 0);
  if (st == ECO_OK) st = put(f, "/g/sub/deeper/i64", ECO_H5_INT64, 0, 1001, 0, 50, 9);
  if (st == ECO_OK) st = put(f, "/g/s", ECO_H5_STRING, 12, 333, 0, 40, 2);
  if (st == ECO_OK) st = put(f, "/g/one", ECO_H5_DOUBLE, 0, 1, 5, 0, 0);
  if (st == ECO_OK) st = eco_h5_dataset_create(f, "/g/empty", ECO_H5_DOUBLE, 0, 0, 0, NULL);
  if (st == ECO_OK) st = eco_h5_group_create(f, "/g/emptygroup");
  if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/g", "title", "copy test");
  if (st == ECO_OK) st = eco_h5_attr_set_int64(f, "/g", "n", -12345678901LL);
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/g/a", "scale", 0.125);
  if (st == ECO_OK) st = eco_h5_attr_set_string(f, "/g/sub/deeper", "note", "deep");
  if (st == ECO_OK) st = raw_attrs(f, "/g/s");
  if (st == ECO_OK) st = eco_h5_dataset_create(f, "/other", ECO_H5_INT32, 0, 4, 0, NULL);
  eco_status cs = eco_h5_close(&f);
  return st != ECO_OK ? st : cs;
}

static eco_status make_big(const char *path, int64_t rows, int deflate) {
  eco_h5 *f = NULL;
  ECO_CALL(eco_h5_create(eco_comm_world(), path, &f));
  eco_status st = put(f, "/g/x", ECO_H5_DOUBLE, 0, rows, 16, 65536, deflate);
  if (st == ECO_OK) st = put(f, "/g/id", ECO_H5_INT64, 0, rows, 0, 65536, deflate);
  eco_status cs = eco_h5_close(&f);
  return st != ECO_OK ? st : cs;
}

static eco_status time_copy(const char *src, const char *dst) {
  eco_h5 *s = NULL, *d = NULL;
  MPI_Barrier(eco_comm_world());
  double t0 = MPI_Wtime();
  ECO_CALL(eco_h5_open(eco_comm_world(), src, ECO_H5_READ, &s));
  eco_status st = eco_h5_create(eco_comm_world(), dst, &d);
  if (st == ECO_OK) st = eco_h5_copy_tree(s, "/g", d, "/g", 0);
  eco_h5_close(&d);
  eco_h5_close(&s);
  double t = MPI_Wtime() - t0;
  if (st == ECO_OK && eco_rank() == 0)
    printf("eco_h5_copy_tree: %.3f s on %d rank(s)\n", t, eco_size());
  return st;
}

static eco_status copy(const char *src, const char *dst, int again) {
  eco_h5 *s = NULL, *d = NULL;
  ECO_CALL(eco_h5_open(eco_comm_world(), src, ECO_H5_READ, &s));
  eco_status st = again ? eco_h5_open(eco_comm_world(), dst, ECO_H5_READWRITE, &d)
                        : eco_h5_create(eco_comm_world(), dst, &d);
  if (st == ECO_OK) st = eco_h5_copy_tree(s, "/g", d, "/copy/g", 4096);
  eco_h5_close(&d);
  eco_h5_close(&s);
  return st;
}

int main(int argc, char **argv) {
  eco_status st = eco_init(&argc, &argv);
  if (st != ECO_OK) return 1;
  if (argc >= 3 && strcmp(argv[1], "make") == 0)
    st = make(argv[2]);
  else if (argc >= 4 && strcmp(argv[1], "copy") == 0)
    st = copy(argv[2], argv[3], 0);
  else if (argc >= 4 && strcmp(argv[1], "big") == 0)
    st = make_big(argv[2], atoll(argv[3]), argc >= 5 ? atoi(argv[4]) : 4);
  else if (argc >= 4 && strcmp(argv[1], "time") == 0)
    st = time_copy(argv[2], argv[3]);
  else if (argc >= 4 && strcmp(argv[1], "again") == 0)
    st = copy(argv[2], argv[3], 1);
  else
    st = eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__, "usage: copy_tree make|copy|again ...");
  st = eco_agree(eco_comm_world(), st);
  if (st != ECO_OK && eco_rank() == 0) eco_error_report();
  int code = eco_status_exit_code(st);
  eco_finalize();
  return code;
}
