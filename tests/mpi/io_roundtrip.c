/* Collective HDF5 round trip across rank counts.
 *   io_roundtrip write FILE   every rank writes its rows of each dataset
 *   io_roundtrip read FILE    every rank reads a balanced block of rows
 *                             (another rank count than the writer) and
 *                             checks every value; the blocks cover all rows.
 * Values are a function of the global row index only. Exit 0 when every
 * check passes on every rank. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/io.h"

#define N 1001     /* rows of the block-written datasets */
#define C2 5       /* columns of the double dataset */
#define C3 3       /* columns of the int32 dataset */
#define SS 16      /* string size */
#define RC 2       /* columns of the rows_write dataset */

static double dval(int64_t g, int j) { return sin((double)g * 0.37 + j) * 1e3 + g; }
static float fval(int64_t g) { return (float)g * 0.5f - 7.25f; }
static int32_t ival(int64_t g, int j) { return (int32_t)(g * 31 + j * 7 - 5000); }
static int64_t lval(int64_t g) { return (g << 33) + g * 12345 - 1; }
static void sval(int64_t g, char out[SS]) {
  memset(out, 0, SS);
  snprintf(out, SS, "s%" PRId64 "%s", g, g % 3 ? "-x" : "");
}
/* rows_write: rank r of the writer contributes rows(r); rank 1 none. */
static int64_t rows_of(int r) { return r == 1 ? 0 : 3 * r + 5; }
static double rval(int64_t g, int j) { return g * 10.0 + j; }

static int fails = 0;
#define EXPECT(cond, ...)                                                      \
  do {                                                                         \
    if (!(cond)) {                                                             \
      if (fails++ < 10) {                                                      \
        fprintf(stderr, "rank %d: ", eco_rank());                              \
        fprintf(stderr, __VA_ARGS__);                                          \
        fputc('\n', stderr);                                                   \
      }                                                                        \
    }                                                                          \
  } while (0)
#define OK(expr)                                                               \
  do {                                                                         \
    eco_status s_ = (expr);                                                    \
    if (s_ != ECO_OK) {                                                        \
      fprintf(stderr, "rank %d: %s failed: %s\n", eco_rank(), #expr,           \
              eco_error_message());                                            \
      fails++;                                                                 \
      goto out;                                                                \
    }                                                                          \
  } while (0)

static void do_write(const char *path) {
  MPI_Comm comm = eco_comm_world();
  int rank = eco_rank(), size = eco_size();
  int64_t s, c;
  eco_block_range(N, rank, size, &s, &c);
  double *d = malloc(sizeof(double) * (c * C2 + 1));
  float *fl = malloc(sizeof(float) * (c + 1));
  int32_t *in = malloc(sizeof(int32_t) * (c * C3 + 1));
  int64_t *lg = malloc(sizeof(int64_t) * (c + 1));
  char *st = malloc(SS * (c + 1));
  int64_t nr = rows_of(rank);
  double *rw = malloc(sizeof(double) * (nr * RC + 1));
  eco_h5 *f = NULL;
  for (int64_t i = 0; i < c; i++) {
    int64_t g = s + i;
    for (int j = 0; j < C2; j++) d[i * C2 + j] = dval(g, j);
    fl[i] = fval(g);
    for (int j = 0; j < C3; j++) in[i * C3 + j] = ival(g, j);
    lg[i] = lval(g);
    sval(g, st + i * SS);
  }
  int64_t before = 0;
  for (int r = 0; r < rank; r++) before += rows_of(r);
  for (int64_t i = 0; i < nr; i++)
    for (int j = 0; j < RC; j++) rw[i * RC + j] = rval(before + i, j);

  OK(eco_h5_create(comm, path, &f));
  eco_h5_layout deflate = {7, 6}, chunked = {64, 0};
  OK(eco_h5_dataset_create(f, "/rt/d2", ECO_H5_DOUBLE, 0, N, C2, &deflate));
  OK(eco_h5_dataset_create(f, "/rt/f1", ECO_H5_FLOAT, 0, N, 0, &chunked));
  OK(eco_h5_dataset_create(f, "/rt/i32", ECO_H5_INT32, 0, N, C3, NULL));
  OK(eco_h5_dataset_create(f, "/rt/i64", ECO_H5_INT64, 0, N, 0, NULL));
  OK(eco_h5_dataset_create(f, "/rt/s", ECO_H5_STRING, SS, N, 0, &deflate));
  OK(eco_h5_dataset_write(f, "/rt/d2", ECO_H5_DOUBLE, s, c, d));
  OK(eco_h5_dataset_write(f, "/rt/f1", ECO_H5_FLOAT, s, c, fl));
  OK(eco_h5_dataset_write(f, "/rt/i32", ECO_H5_INT32, s, c, in));
  OK(eco_h5_dataset_write(f, "/rt/i64", ECO_H5_INT64, s, c, lg));
  OK(eco_h5_dataset_write(f, "/rt/s", ECO_H5_STRING, s, c, st));
  int64_t row0 = -1;
  eco_h5_layout small = {4, 1};
  OK(eco_h5_rows_write(f, "/rt/rows", ECO_H5_DOUBLE, 0, nr, RC, rw, &small, &row0));
  EXPECT(row0 == before, "rows_write row0 %" PRId64 " != %" PRId64, row0, before);
  OK(eco_h5_attr_set_string(f, "/", "writer", "io_roundtrip"));
  OK(eco_h5_attr_set_int64(f, "/", "writer_ranks", size));
  OK(eco_h5_attr_set_double(f, "/rt/d2", "scale", 1e3));
  /* A bad row range on one rank is caught on every rank, without a hang. */
  {
    eco_status bad = eco_h5_dataset_write(f, "/rt/f1", ECO_H5_FLOAT,
                                          rank == size - 1 ? N - 1 : s, rank == size - 1 ? 5 : 0, fl);
    EXPECT(bad == ECO_ERR_INPUT, "out-of-range write on one rank gave %d on rank %d", bad, rank);
    eco_error_clear();
  }
out:
  if (f) eco_h5_close(&f);
  free(d); free(fl); free(in); free(lg); free(st); free(rw);
}

static void do_read(const char *path) {
  MPI_Comm comm = eco_comm_world();
  int rank = eco_rank(), size = eco_size();
  eco_h5 *f = NULL;
  double *d = NULL, *fd = NULL, *rw = NULL;
  int32_t *in = NULL;
  int64_t *lg = NULL;
  char *st = NULL;
  OK(eco_h5_open(comm, path, ECO_H5_READ, &f));
  int nd;
  int64_t dims[2];
  size_t ss;
  OK(eco_h5_dataset_shape(f, "/rt/d2", &nd, dims, &ss));
  EXPECT(nd == 2 && dims[0] == N && dims[1] == C2, "d2 shape %d %" PRId64 " %" PRId64, nd, dims[0], dims[1]);
  OK(eco_h5_dataset_shape(f, "/rt/s", &nd, dims, &ss));
  EXPECT(nd == 1 && dims[0] == N && ss == SS, "s shape");
  int64_t wr = 0;
  OK(eco_h5_attr_get_int64(f, "/", "writer_ranks", &wr));
  int64_t s, c;
  eco_block_range(N, rank, size, &s, &c);
  d = malloc(sizeof(double) * (c * C2 + 1));
  fd = malloc(sizeof(double) * (c + 1));
  in = malloc(sizeof(int32_t) * (c * C3 + 1));
  lg = malloc(sizeof(int64_t) * (c + 1));
  st = malloc(SS * (c + 1));
  OK(eco_h5_dataset_read(f, "/rt/d2", ECO_H5_DOUBLE, s, c, d));
  OK(eco_h5_dataset_read(f, "/rt/f1", ECO_H5_DOUBLE, s, c, fd)); /* float read as double */
  OK(eco_h5_dataset_read(f, "/rt/i32", ECO_H5_INT32, s, c, in));
  OK(eco_h5_dataset_read(f, "/rt/i64", ECO_H5_INT64, s, c, lg));
  OK(eco_h5_dataset_read(f, "/rt/s", ECO_H5_STRING, s, c, st));
  int64_t checked = 0;
  for (int64_t i = 0; i < c; i++) {
    int64_t g = s + i;
    for (int j = 0; j < C2; j++)
      EXPECT(d[i * C2 + j] == dval(g, j), "d2[%" PRId64 ",%d] = %.17g", g, j, d[i * C2 + j]);
    EXPECT(fd[i] == (double)fval(g), "f1[%" PRId64 "] = %g", g, fd[i]);
    for (int j = 0; j < C3; j++)
      EXPECT(in[i * C3 + j] == ival(g, j), "i32[%" PRId64 ",%d] = %d", g, j, in[i * C3 + j]);
    EXPECT(lg[i] == lval(g), "i64[%" PRId64 "]", g);
    char want[SS];
    sval(g, want);
    EXPECT(memcmp(want, st + i * SS, SS) == 0, "s[%" PRId64 "] = %.16s", g, st + i * SS);
    checked++;
  }
  /* rows_write dataset: total rows depend on the writer's rank count. */
  int64_t total = 0;
  for (int r = 0; r < wr; r++) total += rows_of(r);
  OK(eco_h5_dataset_shape(f, "/rt/rows", &nd, dims, &ss));
  EXPECT(nd == 2 && dims[0] == total && dims[1] == RC, "rows shape %" PRId64 " (want %" PRId64 ")", dims[0], total);
  int64_t rs, rc;
  eco_block_range(total, rank, size, &rs, &rc);
  rw = malloc(sizeof(double) * (rc * RC + 1));
  OK(eco_h5_dataset_read(f, "/rt/rows", ECO_H5_DOUBLE, rs, rc, rw));
  for (int64_t i = 0; i < rc; i++)
    for (int j = 0; j < RC; j++)
      EXPECT(rw[i * RC + j] == rval(rs + i, j), "rows[%" PRId64 ",%d] = %g", rs + i, j, rw[i * RC + j]);
  double scale = 0;
  OK(eco_h5_attr_get_double(f, "/rt/d2", "scale", &scale));
  EXPECT(scale == 1e3, "scale attribute %g", scale);
  char *w = NULL;
  OK(eco_h5_attr_get_string(f, "/", "writer", &w));
  EXPECT(strcmp(w, "io_roundtrip") == 0, "writer attribute '%s'", w);
  free(w);
  int64_t all = 0;
  MPI_Allreduce(&checked, &all, 1, MPI_INT64_T, MPI_SUM, comm);
  EXPECT(all == N, "rows checked over all ranks %" PRId64 " != %d", all, N);
  /* A missing dataset fails on every rank with a message naming it. */
  {
    eco_status e = eco_h5_dataset_read(f, "/rt/none", ECO_H5_DOUBLE, 0, 0, d);
    EXPECT(e == ECO_ERR_INPUT && strstr(eco_error_message(), "/rt/none"),
           "missing dataset gave %d: %s", e, eco_error_message());
    eco_error_clear();
  }
  if (rank == 0)
    printf("read %" PRId64 " rows written by %" PRId64 " ranks with %d ranks\n", all, wr, size);
out:
  if (f) eco_h5_close(&f);
  free(d); free(fd); free(in); free(lg); free(st); free(rw);
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK) return 1;
  if (argc != 3) {
    fprintf(stderr, "usage: io_roundtrip write|read FILE\n");
    eco_finalize();
    return 1;
  }
  if (strcmp(argv[1], "write") == 0) do_write(argv[2]);
  else do_read(argv[2]);
  int all = 0;
  MPI_Allreduce(&fails, &all, 1, MPI_INT, MPI_SUM, eco_comm_world());
  if (eco_rank() == 0) printf("%s: %s\n", argv[1], all ? "FAILED" : "OK");
  eco_finalize();
  return all ? 1 : 0;
}
