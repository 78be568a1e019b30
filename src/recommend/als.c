/* ALS for implicit feedback (Hu, Koren, Volinsky 2008).
 *
 * Confidence c_ui = 1 + alpha * r_ui, preference p_ui = 1 for observed pairs
 * (0 with confidence 1 elsewhere). Each half-step solves, for every row,
 *   (G + sum_i (c_ui - 1) y_i y_i^T + reg I) x_u = sum_i c_ui y_i,  G = Y^T Y,
 * by Cholesky (LAPACKE dpotrf / dpotrs) in double precision; factors are
 * stored as contiguous float32 rows.
 *
 * Distribution: users are solved by their owner rank, items by theirs (the
 * train set is also held by item, see data.c). After each half-step the
 * factor rows are allgathered, so every rank holds both factor tables (the
 * "small tables" regime: memory (users + items) x k floats per rank). Every
 * row's solve reads the same numbers in the same order whatever the rank
 * count, and the Gram matrices are computed from the full tables in row
 * order on every rank, so the factors are bitwise identical at any rank
 * count (for a fixed BLAS thread count). */
#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "recommend_impl.h"

int rec_als_solve_row(int k, const double *G, const float *Y, const int32_t *idx,
                      const float *val, int64_t n, double alpha, double reg,
                      double *A, double *b, double *Z, float *out) {
  for (int a = 0; a < k; a++) {
    for (int c = 0; c <= a; c++) A[a * k + c] = G[a * k + c];
    A[a * k + a] += reg;
    b[a] = 0.0;
  }
  if (n >= REC_ALS_SYRK_MIN) {
    /* many interactions: A += Z^T Z with rows sqrt(c - 1) y, by blocks
     * (BLAS 3); the choice depends only on n, never on the rank count */
    for (int64_t j0 = 0; j0 < n; j0 += REC_ALS_BLOCK) {
      const int nb = (int)(n - j0 < REC_ALS_BLOCK ? n - j0 : REC_ALS_BLOCK);
      for (int j = 0; j < nb; j++) {
        const float *yr = Y + (int64_t)idx[j0 + j] * k;
        const double conf = 1.0 + alpha * (double)val[j0 + j];
        const double sq = sqrt(conf - 1.0);
        double *zr = Z + (int64_t)j * k;
        for (int a = 0; a < k; a++) {
          zr[a] = sq * yr[a];
          b[a] += conf * yr[a];
        }
      }
      cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, k, nb, 1.0, Z, k, 1.0, A, k);
    }
  } else {
    double y[1024];
    for (int64_t j = 0; j < n; j++) {
      const float *yr = Y + (int64_t)idx[j] * k;
      const double conf = 1.0 + alpha * (double)val[j];
      const double cm1 = conf - 1.0;
      for (int a = 0; a < k; a++) y[a] = yr[a];
      for (int a = 0; a < k; a++) {
        const double s = cm1 * y[a];
        double *Ar = A + a * k;
        for (int c = 0; c <= a; c++) Ar[c] += s * y[c];
        b[a] += conf * y[a];
      }
    }
  }
  int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', k, A, k);
  if (info != 0) return info;
  info = LAPACKE_dpotrs(LAPACK_ROW_MAJOR, 'L', k, 1, A, k, b, 1);
  if (info != 0) return info;
  for (int a = 0; a < k; a++) out[a] = (float)b[a];
  return 0;
}

/* G = F^T F (lower triangle, then mirrored) of an n x k float table, in
 * blocks of rows converted to double, always in the same order. */
static eco_status gram(const float *F, int64_t n, int k, double *G) {
  enum { BLK = 256 };
  double *B = NULL;
  ECO_CALL(eco_malloc(sizeof(double) * BLK * (size_t)k, &B));
  memset(G, 0, sizeof(double) * (size_t)k * (size_t)k);
  for (int64_t r0 = 0; r0 < n; r0 += BLK) {
    int nb = (int)(n - r0 < BLK ? n - r0 : BLK);
    for (int64_t j = 0; j < (int64_t)nb * k; j++) B[j] = F[r0 * k + j];
    cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, k, nb, 1.0, B, k, 1.0, G, k);
  }
  for (int a = 0; a < k; a++)
    for (int c = a + 1; c < k; c++) G[a * k + c] = G[c * k + a];
  free(B);
  return ECO_OK;
}

static eco_status allgather_rows(MPI_Comm comm, int64_t n, int k, float *F) {
  int size, rank;
  MPI_Comm_size(comm, &size);
  MPI_Comm_rank(comm, &rank);
  if (size == 1) return ECO_OK;
  int *cnt = NULL, *dsp = NULL;
  eco_status st = ECO_OK;
  ECO_CALL(eco_malloc(sizeof(int) * (size_t)size, &cnt));
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int) * (size_t)size, &dsp), out);
  for (int r = 0; r < size; r++) {
    int64_t s, c;
    eco_block_range(n, r, size, &s, &c);
    ECO_CHECK_GOTO(st, (s + c) * k < INT32_MAX, ECO_ERR_INTERNAL, out,
                   "factor table of %lld x %d exceeds 2^31 elements", (long long)n, k);
    cnt[r] = (int)(c * k);
    dsp[r] = (int)(s * k);
  }
  ECO_CALL_MPI_GOTO(st, MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, F, cnt, dsp,
                                       MPI_FLOAT, comm),
                    out);
out:
  free(cnt);
  free(dsp);
  return st;
}

/* One half-step: solve rows [row0, row0 + nloc) of X from Y. Rows are
 * independent: the threads of the rank (rec_threads) take them in dynamic
 * chunks, each with its own workspace, and BLAS runs single-threaded inside
 * (rec_blas_single_begin), so every row gets the same bits whatever the
 * thread count. */
static eco_status half_step(int k, const double *G, const float *Y, const int64_t *ptr,
                            const int32_t *idx, const float *val, int64_t row0,
                            int64_t nloc, double alpha, double reg, float *X,
                            const char *what) {
  int64_t bad_row = INT64_MAX; /* the first failing row, whatever the schedule */
  int bad_info = 0, nomem = 0;
#ifdef _OPENMP
#pragma omp parallel num_threads(rec_threads())
#endif
  {
    double *A = malloc(sizeof(double) * (size_t)k * (size_t)k);
    double *b = malloc(sizeof(double) * (size_t)k);
    double *Z = malloc(sizeof(double) * (size_t)k * REC_ALS_BLOCK);
    const int ok = A && b && Z;
    if (!ok) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
      nomem = 1;
    }
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 16)
#endif
    for (int64_t r = 0; r < nloc; r++) {
      if (!ok) continue;
      int info = rec_als_solve_row(k, G, Y, idx + ptr[r], val + ptr[r], ptr[r + 1] - ptr[r],
                                   alpha, reg, A, b, Z, X + (row0 + r) * k);
      if (info != 0) {
#ifdef _OPENMP
#pragma omp critical(rec_als_bad_row)
#endif
        if (row0 + r < bad_row) {
          bad_row = row0 + r;
          bad_info = info;
        }
      }
    }
    free(A);
    free(b);
    free(Z);
  }
  if (nomem)
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__,
                         "ALS: no memory for the %d x %d workspace of a thread", k, k);
  if (bad_row != INT64_MAX)
    return eco_error_set(ECO_ERR_NUMERIC, __FILE__, __LINE__,
                         "ALS: Cholesky of the %s %lld system failed (info %d); "
                         "raise [recommend] reg",
                         what, (long long)bad_row, bad_info);
  return ECO_OK;
}

static float dotf(const float *a, const float *b, int k) {
  float s = 0.0f;
  for (int j = 0; j < k; j++) s += a[j] * b[j];
  return s;
}

/* Training objective per train interaction:
 * sum_u x_u^T G x_u + sum_obs [c (1 - s)^2 - s^2] + reg (|X|^2 + |Y|^2).
 * Each user's term is computed by one thread into its own slot, then the
 * slots are summed in user order: the same bits at any thread count. */
static eco_status als_loss(const rec_data *d, int k, const float *X, const float *Y,
                           const double *GY, double alpha, double reg, MPI_Comm comm,
                           double *out) {
  double *term = NULL;
  /* on failure the rank still joins the allreduce below */
  eco_status st = eco_malloc(sizeof(double) * (size_t)(d->nuser_local + 1), &term);
  const int64_t nul = st == ECO_OK ? d->nuser_local : 0;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 64) num_threads(rec_threads())
#endif
  for (int64_t lu = 0; lu < nul; lu++) {
    const float *x = X + (d->user0 + lu) * k;
    double q = 0.0, nx = 0.0;
    for (int a = 0; a < k; a++) {
      double t = 0.0;
      for (int c = 0; c < k; c++) t += GY[a * k + c] * x[c];
      q += x[a] * t;
      nx += (double)x[a] * x[a];
    }
    double u = q + reg * nx;
    for (int64_t j = d->tr_ptr[lu]; j < d->tr_ptr[lu + 1]; j++) {
      double s = dotf(x, Y + (int64_t)d->tr_item[j] * k, k);
      double c = 1.0 + alpha * d->tr_val[j];
      u += c * (1.0 - s) * (1.0 - s) - s * s;
    }
    term[lu] = u;
  }
  double loc = 0.0;
  for (int64_t lu = 0; lu < nul; lu++) loc += term[lu];
  free(term);
  for (int64_t li = 0; li < d->nitem_local; li++) {
    const float *y = Y + (d->item0 + li) * k;
    double ny = 0.0;
    for (int a = 0; a < k; a++) ny += (double)y[a] * y[a];
    loc += reg * ny;
  }
  double g = 0.0;
  ECO_CALL_MPI(MPI_Allreduce(&loc, &g, 1, MPI_DOUBLE, MPI_SUM, comm));
  *out = g / (double)d->ntrain_global;
  return st;
}

eco_status rec_als_train(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                         rec_model *m) {
  const int k = o->factors;
  MPI_Comm comm = ctx->comm;
  eco_status st = ECO_OK;
  double *G = NULL;
  ECO_CHECK(k <= 1024, ECO_ERR_CONFIG, "[recommend] factors: ALS supports at most 1024");
  ECO_CALL(eco_calloc((size_t)d->nusers * k + 1, sizeof(float), &m->X));
  ECO_CALL(eco_calloc((size_t)d->nitems * k + 1, sizeof(float), &m->Y));
  ECO_CALL(eco_malloc(sizeof(double) * (size_t)k * k, &G));
  /* item factors start from N(0, init_scale^2), keyed by item */
  for (int64_t i = 0; i < d->nitems; i++) {
    eco_rng r;
    eco_rng_init(&r, (uint64_t)ctx->run->seed, ECO_RNG_RECOMMEND, (1ULL << 40) | (uint64_t)i);
    for (int a = 0; a < k; a++) m->Y[i * k + a] = (float)(o->init_scale * eco_rng_normal(&r));
  }
  eco_progress *prog = NULL;
  ECO_CALL_GOTO(st, eco_progress_create(comm, "recommend als", (int64_t)o->epochs * d->ntrain_global * 2,
                                        "loss", ECO_FIGURE_MAX, &prog),
                out);
  char fp[ECO_STR_MAX + 512];
  int ep0 = 0;
  ECO_CALL_GOTO(st, rec_ckpt_fingerprint(ctx, o, d, fp, sizeof fp), out);
  if (ctx->run->resume) {
    eco_h5 *cf = NULL;
    ECO_CALL_GOTO(st, rec_ckpt_open(ctx, fp, m, &cf, &ep0), out);
    if (cf) {
      st = rec_ckpt_rows(cf, "/model/item_factors", d->nitems, k, 0, d->nitems, m->Y, 0);
      eco_status s2 = eco_h5_close(&cf);
      if (st == ECO_OK) st = s2;
      ECO_CALL_GOTO(st, eco_agree(comm, st), out);
    }
  }
  ECO_CALL_GOTO(st, gram(m->Y, d->nitems, k, G), out);
  double t0 = MPI_Wtime();
  for (int ep = ep0; ep < o->epochs; ep++) {
    double te = MPI_Wtime();
    eco_timer_begin("recommend.als.users");
    st = half_step(k, G, m->Y, d->tr_ptr, d->tr_item, d->tr_val, d->user0, d->nuser_local,
                   o->alpha, o->reg, m->X, "user");
    eco_timer_end("recommend.als.users");
    st = eco_agree(comm, st);
    if (st != ECO_OK) break;
    ECO_CALL_GOTO(st, allgather_rows(comm, d->nusers, k, m->X), out);
    eco_progress_update(prog, (int64_t)ep * 2 * d->tr_ptr[d->nuser_local] + d->tr_ptr[d->nuser_local], NAN);
    ECO_CALL_GOTO(st, gram(m->X, d->nusers, k, G), out);
    eco_timer_begin("recommend.als.items");
    st = half_step(k, G, m->X, d->it_ptr, d->it_user, d->it_val, d->item0, d->nitem_local,
                   o->alpha, o->reg, m->Y, "item");
    eco_timer_end("recommend.als.items");
    st = eco_agree(comm, st);
    if (st != ECO_OK) break;
    ECO_CALL_GOTO(st, allgather_rows(comm, d->nitems, k, m->Y), out);
    ECO_CALL_GOTO(st, gram(m->Y, d->nitems, k, G), out);
    double loss = NAN;
    eco_timer_begin("recommend.als.loss");
    st = eco_agree(comm, als_loss(d, k, m->X, m->Y, G, o->alpha, o->reg, comm, &loss));
    eco_timer_end("recommend.als.loss");
    if (st != ECO_OK) goto out;
    double secs = MPI_Wtime() - te;
    double metric = NAN;
    ECO_CALL_GOTO(st, rec_eval_auc(ctx, o, d, m, d->nvalid_global > 0, &metric), out);
    m->h_loss[ep] = loss;
    m->h_metric[ep] = metric;
    m->h_seconds[ep] = secs;
    m->h_rate[ep] = (double)d->ntrain_global / secs;
    m->nepochs = ep + 1;
    eco_progress_update(prog, (int64_t)(ep + 1) * 2 * d->tr_ptr[d->nuser_local], loss);
    double eta = (MPI_Wtime() - t0) / (ep + 1 - ep0) * (o->epochs - ep - 1);
    eco_log_root(ECO_LOG_INFO,
                 "als epoch %d/%d: loss %.6f, %s AUC %.4f, %.3g interactions/s, ETA %.1f s",
                 ep + 1, o->epochs, loss, d->nvalid_global > 0 ? "validation" : "test",
                 metric, m->h_rate[ep], eta);
    int want = 0;
    ECO_CALL_GOTO(st, rec_ckpt_wanted(ctx, ep + 1, o->epochs, &want), out);
    if (want) {
      /* the item factors determine the next sweep: they are the state */
      eco_h5 *cf = NULL;
      ECO_CALL_GOTO(st, rec_ckpt_create(ctx, fp, ep + 1, m, &cf), out);
      st = rec_ckpt_rows(cf, "/model/item_factors", d->nitems, k, d->item0, d->nitem_local,
                         m->Y + d->item0 * k, 1);
      st = eco_agree(comm, st);
      if (st != ECO_OK) {
        eco_h5_close(&cf);
        goto out;
      }
      ECO_CALL_GOTO(st, rec_ckpt_commit(ctx, &cf), out);
      if (want == REC_CKPT_SAVE) continue; /* periodic ([run] checkpoint_every): train on */
      st = eco_agree(comm, rec_ckpt_interrupted(ctx, ep + 1, o->epochs));
      goto out;
    }
  }
  if (ctx->run->resume || ctx->run->checkpoint_every > 0) rec_ckpt_remove(ctx);
out:
  st = eco_agree(comm, st);
  eco_progress_destroy(&prog);
  free(G);
  return st;
}
