/* `ecoscale selftest`: checks an installation where it will run.
 *
 * - MPI: a sum over ranks and a ring exchange;
 * - parallel HDF5 on the target file system: every rank writes its rows of
 *   a 2-D double dataset and a fixed-length string dataset in one
 *   collective, deflate-compressed write, then reads back the rows written
 *   by the next rank and checks every value;
 * - random streams: Random123 Philox4x32-10 known-answer vectors, and the
 *   ecoscale streams give the same numbers on every rank;
 * - the results path: the file is written as an atomic results file with
 *   provenance (default outputs/selftest.h5).
 * Datasets are documented in docs/formats.md, "selftest". */
#include <Random123/philox.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_impl.h"

typedef struct {
  int64_t rows_per_rank;
} selftest_opts;

static const eco_option selftest_opt_list[] = {
    {"rows_per_rank", ECO_OPT_INT64, "1000", 1, 1e8, NULL,
     "rows of the test datasets each rank writes and another rank verifies",
     offsetof(selftest_opts, rows_per_rank)},
};

static const eco_option_table selftest_options =
    ECO_OPTION_TABLE("selftest", selftest_opt_list, selftest_opts);

#define NCOLS 8
#define LABEL_SIZE 24

/* The value every rank expects at (global row g, column j): exact in double. */
static double cell_value(int64_t g, int j) { return (double)g + (double)j / 8.0; }

static void label_of(int64_t g, char out[LABEL_SIZE]) {
  memset(out, 0, LABEL_SIZE);
  snprintf(out, LABEL_SIZE, "row %" PRId64, g);
}

static eco_status check_mpi(const eco_ctx *ctx) {
  long long mine = ctx->rank + 1, sum = 0;
  ECO_CALL_MPI(MPI_Allreduce(&mine, &sum, 1, MPI_LONG_LONG, MPI_SUM, ctx->comm));
  long long want = (long long)ctx->size * (ctx->size + 1) / 2;
  eco_status st = ECO_OK;
  if (sum != want)
    st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__,
                       "selftest: MPI_Allreduce gave %lld, expected %lld", sum, want);
  int next = (ctx->rank + 1) % ctx->size, prev = (ctx->rank + ctx->size - 1) % ctx->size;
  int got = -1;
  int e = MPI_Sendrecv(&ctx->rank, 1, MPI_INT, next, 17, &got, 1, MPI_INT, prev, 17,
                       ctx->comm, MPI_STATUS_IGNORE);
  if (st == ECO_OK && e != MPI_SUCCESS) st = eco_error_mpi(e, __FILE__, __LINE__, "MPI_Sendrecv");
  if (st == ECO_OK && got != prev)
    st = eco_error_set(ECO_ERR_MPI, __FILE__, __LINE__,
                       "selftest: ring exchange on rank %d got %d, expected %d",
                       ctx->rank, got, prev);
  return eco_agree(ctx->comm, st);
}

static eco_status check_rng(const eco_ctx *ctx) {
  /* Known answers of Philox4x32-10 (Random123's kat_vectors). */
  static const uint32_t kat[2][10] = {
      {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
      {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
       0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}};
  eco_status st = ECO_OK;
  for (int t = 0; t < 2 && st == ECO_OK; t++) {
    philox4x32_ctr_t c = {{kat[t][0], kat[t][1], kat[t][2], kat[t][3]}};
    philox4x32_key_t k = {{kat[t][4], kat[t][5]}};
    philox4x32_ctr_t o = philox4x32(c, k);
    for (int i = 0; i < 4; i++)
      if (o.v[i] != kat[t][6 + i])
        st = eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                           "selftest: Philox4x32-10 known-answer vector %d word %d "
                           "is %08x, expected %08x on rank %d (miscompiled Random123?)",
                           t, i, o.v[i], kat[t][6 + i], ctx->rank);
  }
  /* The streams of 16 entities, folded to one number: the same on every
   * rank, whatever rank computes them; uniforms in [0, 1). */
  uint64_t fold = 0;
  for (uint64_t ent = 0; ent < 16 && st == ECO_OK; ent++) {
    eco_rng r;
    eco_rng_init(&r, (uint64_t)(ctx->run ? ctx->run->seed : 1), ECO_RNG_TEST, ent);
    for (int i = 0; i < 256; i++) fold = fold * 6364136223846793005ull + eco_rng_u64(&r);
    for (int i = 0; i < 256; i++) {
      double u = eco_rng_uniform(&r);
      if (!(u >= 0.0 && u < 1.0)) {
        st = eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                           "selftest: eco_rng_uniform gave %g, outside [0, 1)", u);
        break;
      }
    }
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) return st;
  unsigned long long lo = fold, hi = fold, mn = 0, mx = 0;
  ECO_CALL_MPI(MPI_Allreduce(&lo, &mn, 1, MPI_UNSIGNED_LONG_LONG, MPI_MIN, ctx->comm));
  ECO_CALL_MPI(MPI_Allreduce(&hi, &mx, 1, MPI_UNSIGNED_LONG_LONG, MPI_MAX, ctx->comm));
  ECO_CHECK(mn == mx, ECO_ERR_INTERNAL,
            "selftest: random streams differ between ranks (%llx vs %llx)", mn, mx);
  return ECO_OK;
}

/* Write, read back another rank's rows, verify; records the rates. */
static eco_status check_h5(const eco_ctx *ctx, eco_h5 *f, int64_t n,
                           double *write_mbs, double *read_mbs) {
  double *vals = NULL, *back = NULL;
  char *labels = NULL, *lback = NULL;
  eco_status st = eco_malloc(sizeof(double) * (size_t)n * NCOLS, &vals);
  if (st == ECO_OK) st = eco_malloc(sizeof(double) * (size_t)n * NCOLS, &back);
  if (st == ECO_OK) st = eco_malloc((size_t)n * LABEL_SIZE, &labels);
  if (st == ECO_OK) st = eco_malloc((size_t)n * LABEL_SIZE, &lback);
  int64_t first = (int64_t)ctx->rank * n;
  if (st == ECO_OK) {
    for (int64_t i = 0; i < n; i++) {
      for (int j = 0; j < NCOLS; j++) vals[i * NCOLS + j] = cell_value(first + i, j);
      label_of(first + i, labels + i * LABEL_SIZE);
    }
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;

  const eco_h5_layout layout = {n < 4096 ? n : 4096, 4};
  const double bytes = (double)n * ctx->size * (NCOLS * sizeof(double) + LABEL_SIZE);
  ECO_CALL_GOTO(st, eco_h5_group_create(f, "/selftest"), done);
  MPI_Barrier(ctx->comm);
  double t0 = MPI_Wtime();
  int64_t row0 = -1;
  ECO_CALL_GOTO(st, eco_h5_rows_write(f, "/selftest/values", ECO_H5_DOUBLE, 0, n,
                                      NCOLS, vals, &layout, &row0), done);
  ECO_CALL_GOTO(st, eco_h5_rows_write(f, "/selftest/labels", ECO_H5_STRING,
                                      LABEL_SIZE, n, 0, labels, &layout, NULL), done);
  ECO_CALL_H5_GOTO(st, H5Fflush(eco_h5_id(f), H5F_SCOPE_GLOBAL), done);
  MPI_Barrier(ctx->comm);
  double t1 = MPI_Wtime();
  if (row0 != first)
    st = eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                       "selftest: rank %d got first row %" PRId64 ", expected %" PRId64,
                       ctx->rank, row0, first);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;

  /* Read the rows of the next rank. */
  int other = (ctx->rank + 1) % ctx->size;
  int64_t ofirst = (int64_t)other * n;
  int ndims = 0;
  int64_t dims[2] = {0, 0};
  size_t ss = 0;
  ECO_CALL_GOTO(st, eco_h5_dataset_shape(f, "/selftest/values", &ndims, dims, &ss), done);
  if (ndims != 2 || dims[0] != n * ctx->size || dims[1] != NCOLS)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                       "selftest: /selftest/values has shape %" PRId64 " x %" PRId64
                       ", expected %" PRId64 " x %d",
                       dims[0], dims[1], n * ctx->size, NCOLS);
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;
  MPI_Barrier(ctx->comm);
  double t2 = MPI_Wtime();
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/selftest/values", ECO_H5_DOUBLE, ofirst,
                                        n, back), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/selftest/labels", ECO_H5_STRING, ofirst,
                                        n, lback), done);
  MPI_Barrier(ctx->comm);
  double t3 = MPI_Wtime();
  for (int64_t i = 0; i < n && st == ECO_OK; i++) {
    for (int j = 0; j < NCOLS; j++) {
      double want = cell_value(ofirst + i, j);
      if (back[i * NCOLS + j] != want) {
        st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                           "selftest: rank %d read row %" PRId64 " column %d of %s as "
                           "%.17g, but rank %d wrote %.17g",
                           ctx->rank, ofirst + i, j, eco_h5_path(f),
                           back[i * NCOLS + j], other, want);
        break;
      }
    }
    char want[LABEL_SIZE];
    label_of(ofirst + i, want);
    if (st == ECO_OK && memcmp(want, lback + i * LABEL_SIZE, LABEL_SIZE) != 0)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "selftest: rank %d read label of row %" PRId64 " of %s as "
                         "\"%.24s\", expected \"%s\"",
                         ctx->rank, ofirst + i, eco_h5_path(f),
                         lback + i * LABEL_SIZE, want);
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) goto done;
  *write_mbs = bytes / 1e6 / (t1 - t0 > 1e-9 ? t1 - t0 : 1e-9);
  *read_mbs = bytes / 1e6 / (t3 - t2 > 1e-9 ? t3 - t2 : 1e-9);
done:
  free(vals);
  free(back);
  free(labels);
  free(lback);
  return st;
}

static eco_status selftest_run(const eco_ctx *ctx, void *opts_) {
  const selftest_opts *opts = opts_;
  ECO_CALL(check_mpi(ctx));
  ECO_CALL(check_rng(ctx));
  eco_results *r = NULL;
  ECO_CALL(eco_results_create(ctx, ctx->run->output, &r));
  eco_h5 *f = eco_results_h5(r);
  double wmbs = 0, rmbs = 0;
  eco_status st = check_h5(ctx, f, opts->rows_per_rank, &wmbs, &rmbs);
  if (st == ECO_OK) st = eco_h5_attr_set_int64(f, "/selftest", "rows_per_rank", opts->rows_per_rank);
  if (st == ECO_OK) st = eco_h5_attr_set_int64(f, "/selftest", "ranks", ctx->size);
  /* Rank 0's measured rates (all ranks must write the same value). */
  double rates[2] = {wmbs, rmbs};
  if (st == ECO_OK) {
    int e = MPI_Bcast(rates, 2, MPI_DOUBLE, 0, ctx->comm);
    if (e != MPI_SUCCESS) st = eco_error_mpi(e, __FILE__, __LINE__, "MPI_Bcast");
  }
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/selftest", "write_mb_per_s", rates[0]);
  if (st == ECO_OK) st = eco_h5_attr_set_double(f, "/selftest", "read_mb_per_s", rates[1]);
  if (st == ECO_OK)
    st = eco_h5_attr_set_string(f, "/selftest", "checks",
                                "mpi allreduce+ring; hdf5 collective deflate write, "
                                "cross-rank read-back; philox4x32-10 known answers; "
                                "rng streams equal on all ranks");
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(&r);
    return st;
  }
  ECO_CALL(eco_results_commit(&r));
  if (ctx->rank == 0) {
    printf("selftest: OK (%d rank%s, %" PRId64 " rows per rank, write %.1f MB/s, "
           "read %.1f MB/s) -> %s\n",
           ctx->size, eco_plural(ctx->size), opts->rows_per_rank, rates[0],
           rates[1], ctx->run->output);
    fflush(stdout);
  }
  return ECO_OK;
}

const eco_command eco_selftest_command = {
    "selftest", "",
    "check this installation: MPI, parallel HDF5 on the output file system, "
    "random streams, results files",
    &selftest_options, NULL, selftest_run};
