/* ALS for implicit feedback (Hu, Koren, Volinsky 2008).
 *
 * Confidence c_ui = 1 + alpha * r_ui, preference p_ui = 1 for observed pairs
 * (0 with confidence 1 elsewhere). Each half-step solves, for every row,
 *   (G + sum_i (c_ui - 1) y_i y_i^T + reg I) x_u = sum_i c_ui y_i,  G = Y^T Y,
 * by Cholesky (LAPACKE dpotrf / dpotrs) in double precision; factors are
 * stored as contiguous float32 rows.
 *
 * Distribution: users are solved by their owner rank, items by theirs (the
 * train set is also held by item, see data.c). Two layouts
 * ([recommend] item_params, as for the other models):
 *   - replicated: after each half-step the new rows are allgathered, so every
 *     rank holds both factor tables ((users + items) x k floats per rank);
 *   - sharded: a rank holds only its own user and item rows. The rows a
 *     half-step reads (the items of the rank's users, the users of its
 *     items) are fetched from their owners by one MPI_Alltoallv per
 *     half-step; which rows go where is fixed by the data and planned once.
 * Every row's solve reads the same numbers in the same order in both layouts
 * and at any rank count, and the Gram matrices are sums over a fixed tree of
 * fixed blocks of rows (see gram), so the factors are bitwise identical at
 * any rank count and in both layouts (for a fixed BLAS thread count). */
#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
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

/* ------------------------------------------------------------------------ */
/* Gram matrices                                                             */
/* ------------------------------------------------------------------------ */
/* G = F^T F of an n x k float table whose rows may be spread over the ranks.
 * The rows are cut into leaves of GRAM_LEAF rows (the last one shorter);
 * a leaf's B^T B is one dsyrk on its rows converted to double, and the
 * leaves are summed over a fixed binary tree: node (h, j) is the sum of
 * leaves [j 2^h, (j + 1) 2^h), left child plus right child (a node whose
 * right child starts at or after the last leaf is its left child). Each rank
 * computes the largest nodes within its own leaves (a leaf belongs to the
 * owner of its first row, which receives the leaf's other rows); the nodes
 * are allgathered and every rank sums the rest of the tree. So G has the
 * same bits whatever the rank count and whether the table is replicated
 * (one rank computes the whole tree) or sharded. */
enum { GRAM_LEAF = 256 };

typedef struct {
  int k, h_top;
  int64_t n, nleaf, r0, nrows; /* rows [r0, r0 + nrows) readable: own + received */
  const float *own;             /* rows [r0, own_end) */
  int64_t own_end;
  const float *ext;             /* rows [own_end, r0 + nrows) */
  double *Z, **tmp;             /* a leaf's rows in double; one k x k per level */
} gram_ctx;

static const float *gram_row(const gram_ctx *c, int64_t r) {
  return r < c->own_end ? c->own + (r - c->r0) * c->k : c->ext + (r - c->own_end) * c->k;
}

/* out = node (h, j) from this rank's rows (lower triangle; upper zero). */
static void gram_node(const gram_ctx *c, int h, int64_t j, double *out) {
  const int k = c->k;
  const size_t kk = (size_t)k * k;
  if (h == 0) {
    const int64_t q0 = j * GRAM_LEAF;
    const int nb = (int)(c->n - q0 < GRAM_LEAF ? c->n - q0 : GRAM_LEAF);
    for (int q = 0; q < nb; q++) {
      const float *f = gram_row(c, q0 + q);
      for (int a = 0; a < k; a++) c->Z[(int64_t)q * k + a] = f[a];
    }
    memset(out, 0, sizeof(double) * kk);
    cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, k, nb, 1.0, c->Z, k, 0.0, out, k);
    return;
  }
  gram_node(c, h - 1, 2 * j, out);
  if (((2 * j + 1) << (h - 1)) < c->nleaf) {
    gram_node(c, h - 1, 2 * j + 1, c->tmp[h]);
    for (size_t e = 0; e < kk; e++) out[e] += c->tmp[h][e];
  }
}

/* out = node (h, j) from the gathered nodes (tags hj, values vals). */
static void gram_root(const gram_ctx *c, int h, int64_t j, const int64_t *hj, int64_t nn,
                      const double *vals, double *out) {
  const size_t kk = (size_t)c->k * c->k;
  if (h == 0 && nn == 0) { /* unreachable: every leaf has an owner */
    memset(out, 0, sizeof(double) * kk);
    return;
  }
  for (int64_t q = 0; q < nn; q++)
    if (hj[2 * q] == h && hj[2 * q + 1] == j) {
      memcpy(out, vals + q * kk, sizeof(double) * kk);
      return;
    }
  gram_root(c, h - 1, 2 * j, hj, nn, vals, out);
  if (((2 * j + 1) << (h - 1)) < c->nleaf) {
    gram_root(c, h - 1, 2 * j + 1, hj, nn, vals, c->tmp[h]);
    for (size_t e = 0; e < kk; e++) out[e] += c->tmp[h][e];
  }
}

/* G of the table of n rows whose rows [r0, r0 + nloc) are F (sharded), or
 * of the whole table F on every rank (sharded = 0). Collective. */
static eco_status gram(MPI_Comm comm, int sharded, const float *F, int64_t n, int64_t r0,
                       int64_t nloc, int k, double *G) {
  int size = 1, rank = 0;
  if (sharded) {
    MPI_Comm_size(comm, &size);
    MPI_Comm_rank(comm, &rank);
  } else {
    r0 = 0;
    nloc = n;
  }
  const size_t kk = (size_t)k * k;
  gram_ctx c;
  memset(&c, 0, sizeof c);
  c.k = k;
  c.n = n;
  c.nleaf = (n + GRAM_LEAF - 1) / GRAM_LEAF;
  while (((int64_t)1 << c.h_top) < c.nleaf) c.h_top++;
  c.own = F;
  c.r0 = r0;
  c.own_end = r0 + nloc;
  /* this rank's leaves [b0, b1): those whose first row it owns */
  const int64_t b0 = (r0 + GRAM_LEAF - 1) / GRAM_LEAF;
  const int64_t b1 = nloc > 0 ? (r0 + nloc + GRAM_LEAF - 1) / GRAM_LEAF : b0;
  const int64_t need_end = b1 * GRAM_LEAF < n ? b1 * GRAM_LEAF : n;
  c.nrows = b1 > b0 && need_end > r0 + nloc ? need_end - r0 : nloc;
  eco_status st = ECO_OK;
  float *ext = NULL;
  int64_t *hj = NULL, *all_hj = NULL;
  double *vals = NULL, *all_vals = NULL;
  int *cnt = NULL, *dsp = NULL, *scnt = NULL, *sdsp = NULL;
  MPI_Datatype rowt = MPI_DATATYPE_NULL;
  int64_t nn = 0, ntot = 0;
  st = eco_malloc(sizeof(double) * (size_t)GRAM_LEAF * (size_t)k, &c.Z);
  if (st == ECO_OK) st = eco_calloc((size_t)c.h_top + 1, sizeof(double *), &c.tmp);
  for (int h = 1; st == ECO_OK && h <= c.h_top; h++) st = eco_malloc(sizeof(double) * kk, &c.tmp[h]);
  if (!sharded) {
    /* every row here: the root in one piece */
    if (st == ECO_OK && c.nleaf > 0) gram_node(&c, c.h_top, 0, G);
    if (st == ECO_OK && c.nleaf == 0) memset(G, 0, sizeof(double) * kk);
    /* (a rank short of memory fails on every rank, or the others would go
     * on to the next half-step's collectives without it) */
    st = eco_agree(comm, st);
    goto mirror;
  }
  /* the rows of this rank's leaves owned by the next ranks; this rank's
   * rows before its first leaf go to the owner of that leaf */
  const int64_t ext_n = c.nrows - nloc;
  st = eco_malloc(sizeof(float) * (size_t)(ext_n * k + 1), &ext);
  if (st == ECO_OK) st = eco_calloc((size_t)size * 4, sizeof(int), &cnt);
  /* the largest nodes of [b0, b1) */
  const int64_t maxn = 2 * (c.h_top + 1) + 1;
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * (size_t)(2 * maxn), &hj);
  if (st == ECO_OK) st = eco_malloc(sizeof(double) * kk * (size_t)maxn, &vals);
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  dsp = cnt + size;
  scnt = cnt + 2 * size;
  sdsp = cnt + 3 * size;
  for (int q = 0; q < size; q++) {
    int64_t s0, cq;
    eco_block_range(n, q, size, &s0, &cq);
    const int64_t lead = s0 % GRAM_LEAF ? (s0 / GRAM_LEAF + 1) * GRAM_LEAF - s0 : 0;
    const int64_t np = cq < lead ? cq : lead; /* q's rows before its first leaf */
    if (np <= 0) continue;
    const int dst = rec_block_owner(n, size, s0 / GRAM_LEAF * GRAM_LEAF);
    if (q == rank) scnt[dst] = (int)np;
    if (dst == rank) cnt[q] = (int)np;
  }
  for (int q = 1; q < size; q++) {
    dsp[q] = dsp[q - 1] + cnt[q - 1];
    sdsp[q] = sdsp[q - 1] + scnt[q - 1];
  }
  ECO_CALL_MPI_GOTO(st, MPI_Type_contiguous(k, MPI_FLOAT, &rowt), out);
  ECO_CALL_MPI_GOTO(st, MPI_Type_commit(&rowt), out);
  ECO_CALL_MPI_GOTO(st, MPI_Alltoallv(F, scnt, sdsp, rowt, ext, cnt, dsp, rowt, comm), out);
  c.ext = ext;
  for (int64_t x = b0; x < b1;) {
    int h = 0;
    while (h < c.h_top && x % ((int64_t)2 << h) == 0) {
      const int64_t e = x + ((int64_t)2 << h) < c.nleaf ? x + ((int64_t)2 << h) : c.nleaf;
      if (e > b1) break;
      h++;
    }
    hj[2 * nn] = h;
    hj[2 * nn + 1] = x >> h;
    gram_node(&c, h, x >> h, vals + (size_t)nn * kk);
    nn++;
    x = x + ((int64_t)1 << h) < c.nleaf ? x + ((int64_t)1 << h) : c.nleaf;
  }
  /* every rank's nodes, then the rest of the tree */
  {
    int nni = (int)nn;
    ECO_CALL_MPI_GOTO(st, MPI_Allgather(&nni, 1, MPI_INT, cnt, 1, MPI_INT, comm), out);
    for (int q = 0; q < size; q++) {
      dsp[q] = (int)ntot;
      ntot += cnt[q];
    }
    st = eco_malloc(sizeof(int64_t) * (size_t)(2 * ntot + 1), &all_hj);
    if (st == ECO_OK) st = eco_malloc(sizeof(double) * kk * (size_t)(ntot + 1), &all_vals);
    st = eco_agree(comm, st);
    if (st != ECO_OK) goto out;
    MPI_Datatype tagt = MPI_DATATYPE_NULL, matt = MPI_DATATYPE_NULL;
    ECO_CALL_MPI_GOTO(st, MPI_Type_contiguous(2, MPI_INT64_T, &tagt), out);
    MPI_Type_commit(&tagt);
    int e = MPI_Allgatherv(hj, nni, tagt, all_hj, cnt, dsp, tagt, comm);
    MPI_Type_free(&tagt);
    ECO_CALL_MPI_GOTO(st, e, out);
    ECO_CALL_MPI_GOTO(st, MPI_Type_contiguous((int)kk, MPI_DOUBLE, &matt), out);
    MPI_Type_commit(&matt);
    e = MPI_Allgatherv(vals, nni, matt, all_vals, cnt, dsp, matt, comm);
    MPI_Type_free(&matt);
    ECO_CALL_MPI_GOTO(st, e, out);
  }
  if (c.nleaf > 0)
    gram_root(&c, c.h_top, 0, all_hj, ntot, all_vals, G);
  else
    memset(G, 0, sizeof(double) * kk);
mirror:
  for (int a = 0; st == ECO_OK && a < k; a++)
    for (int b = a + 1; b < k; b++) G[a * k + b] = G[b * k + a];
out:
  if (rowt != MPI_DATATYPE_NULL) MPI_Type_free(&rowt);
  for (int h = 1; c.tmp && h <= c.h_top; h++) free(c.tmp[h]);
  free(c.tmp);
  free(c.Z);
  free(ext);
  free(hj);
  free(vals);
  free(all_hj);
  free(all_vals);
  free(cnt);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Rows of the other table                                                   */
/* ------------------------------------------------------------------------ */
/* A half-step reads, for the rows it solves, rows of the other table (the
 * items of the rank's users, the users of its items). Sharded, they are
 * fetched from their owners each sweep by one MPI_Alltoallv; the pattern is
 * fixed by the data, so it is planned once: the distinct rows read
 * (ascending, hence grouped by owner), the CSR's column indices remapped to
 * their slots, and the owned rows each rank asks for. */
typedef struct {
  int64_t nneed, nreq;
  int32_t *idx;  /* the CSR's columns as slots of rows */
  int32_t *req;  /* owned rows (local) other ranks read, in rank order */
  int *cnt;      /* 4 x size: rows received from / displacements, sent / displacements */
  float *rows;   /* nneed x k, the rows read */
  float *sbuf;   /* nreq x k */
  MPI_Datatype rowt;
} fetch_plan;

static void plan_free(fetch_plan *p) {
  free(p->idx);
  free(p->req);
  free(p->cnt);
  free(p->rows);
  free(p->sbuf);
  if (p->rowt != MPI_DATATYPE_NULL) MPI_Type_free(&p->rowt);
  memset(p, 0, sizeof *p);
  p->rowt = MPI_DATATYPE_NULL;
}

/* Plan the reads of the nnz columns col of a CSR into a table of n rows
 * (owned blocks: eco_block_range; this rank owns [own0, ...)). Collective. */
static eco_status plan_create(MPI_Comm comm, int64_t n, int64_t own0, int64_t nnz,
                              const int32_t *col, int k, fetch_plan *p) {
  int size;
  MPI_Comm_size(comm, &size);
  memset(p, 0, sizeof *p);
  p->rowt = MPI_DATATYPE_NULL;
  const int64_t nw = (n + 63) / 64;
  uint64_t *bits = NULL;
  int64_t *pre = NULL;
  int32_t *need = NULL;
  eco_status st = eco_calloc((size_t)nw + 1, sizeof(uint64_t), &bits);
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * (size_t)(nw + 1), &pre);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)(nnz + 1), &p->idx);
  if (st == ECO_OK) st = eco_calloc((size_t)size * 4, sizeof(int), &p->cnt);
  if (st == ECO_OK) {
    for (int64_t j = 0; j < nnz; j++) bits[col[j] >> 6] |= (uint64_t)1 << (col[j] & 63);
    int64_t c = 0;
    for (int64_t w = 0; w < nw; w++) {
      pre[w] = c;
      c += __builtin_popcountll(bits[w]);
    }
    p->nneed = c;
    for (int64_t j = 0; j < nnz; j++) {
      const int64_t w = col[j] >> 6;
      const uint64_t below = bits[w] & (((uint64_t)1 << (col[j] & 63)) - 1);
      p->idx[j] = (int32_t)(pre[w] + __builtin_popcountll(below));
    }
    st = eco_malloc(sizeof(int32_t) * (size_t)(p->nneed + 1), &need);
  }
  if (st == ECO_OK) st = eco_malloc(sizeof(float) * (size_t)(p->nneed * k + 1), &p->rows);
  st = eco_agree(comm, st);
  int *rc = p->cnt, *rd = p->cnt + size, *sc = p->cnt + 2 * size, *sd = p->cnt + 3 * size;
  if (st == ECO_OK) {
    int64_t c = 0;
    for (int64_t w = 0; w < nw; w++)
      for (uint64_t b = bits[w]; b; b &= b - 1) need[c++] = (int32_t)(w * 64 + __builtin_ctzll(b));
    for (int64_t j = 0; j < p->nneed; j++) rc[rec_block_owner(n, size, need[j])]++;
    for (int q = 1; q < size; q++) rd[q] = rd[q - 1] + rc[q - 1];
    ECO_CALL_MPI_GOTO(st, MPI_Alltoall(rc, 1, MPI_INT, sc, 1, MPI_INT, comm), out);
    for (int q = 0; q < size; q++) p->nreq += sc[q];
    for (int q = 1; q < size; q++) sd[q] = sd[q - 1] + sc[q - 1];
    st = eco_malloc(sizeof(int32_t) * (size_t)(p->nreq + 1), &p->req);
    if (st == ECO_OK) st = eco_malloc(sizeof(float) * (size_t)(p->nreq * k + 1), &p->sbuf);
    st = eco_agree(comm, st);
    if (st != ECO_OK) goto out;
    ECO_CALL_MPI_GOTO(st, MPI_Alltoallv(need, rc, rd, MPI_INT32_T, p->req, sc, sd, MPI_INT32_T,
                                        comm),
                      out);
    for (int64_t j = 0; j < p->nreq; j++) p->req[j] -= (int32_t)own0;
    ECO_CALL_MPI_GOTO(st, MPI_Type_contiguous(k, MPI_FLOAT, &p->rowt), out);
    ECO_CALL_MPI_GOTO(st, MPI_Type_commit(&p->rowt), out);
  }
out:
  free(bits);
  free(pre);
  free(need);
  if (st != ECO_OK) plan_free(p);
  return st;
}

/* p->rows = the planned rows, from the owners' rows F (local). Collective. */
static eco_status plan_fetch(MPI_Comm comm, fetch_plan *p, const float *F, int k) {
  int size;
  MPI_Comm_size(comm, &size);
  for (int64_t j = 0; j < p->nreq; j++)
    memcpy(p->sbuf + j * k, F + (int64_t)p->req[j] * k, sizeof(float) * (size_t)k);
  ECO_CALL_MPI(MPI_Alltoallv(p->sbuf, p->cnt + 2 * size, p->cnt + 3 * size, p->rowt, p->rows,
                             p->cnt, p->cnt + size, p->rowt, comm));
  return ECO_OK;
}

static eco_status allgather_rows(MPI_Comm comm, int64_t n, int k, float *F) {
  int size, rank;
  MPI_Comm_size(comm, &size);
  MPI_Comm_rank(comm, &rank);
  if (size == 1) return ECO_OK;
  int *cnt = NULL, *dsp = NULL;
  eco_status st = ECO_OK;
  /* agreed before the gather: one rank short of memory must not leave the
   * others waiting in MPI_Allgatherv */
  st = eco_malloc(sizeof(int) * (size_t)size, &cnt);
  if (st == ECO_OK) st = eco_malloc(sizeof(int) * (size_t)size, &dsp);
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
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
  /* X: the nloc rows solved (global indices row0 ...) */
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
                                   alpha, reg, A, b, Z, X + r * k);
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

/* Half of a sweep: solve the owned rows [row0, row0 + nloc) of a table of n
 * rows (F: the whole table, replicated, or the owned rows; own: the owned
 * rows in F) from the rows R of the other table, make them readable by the
 * other half (sharded: p fetches them for the other table's owners;
 * replicated: allgathered), then G = the table's Gram matrix. Collective. */
static eco_status half_sweep(MPI_Comm comm, int sh, int k, double *G, const float *R,
                             const int64_t *ptr, const int32_t *idx, const float *val,
                             int64_t row0, int64_t nloc, int64_t n,
                             const eco_rec_options *o, float *F, float *own, fetch_plan *p,
                             const char *what) {
  char name[64];
  snprintf(name, sizeof name, "recommend.als.%ss", what);
  eco_timer_begin(name);
  eco_status st = half_step(k, G, R, ptr, idx, val, row0, nloc, o->alpha, o->reg, own, what);
  eco_timer_end(name);
  ECO_CALL(eco_agree(comm, st));
  eco_timer_begin("recommend.als.exchange");
  st = sh ? plan_fetch(comm, p, F, k) : allgather_rows(comm, n, k, F);
  eco_timer_end("recommend.als.exchange");
  ECO_CALL(st);
  return gram(comm, sh, F, n, row0, nloc, k, G);
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
static eco_status als_loss(const rec_data *d, int k, const float *X, const float *Yr,
                           const int32_t *idx, const float *Y, const double *GY,
                           double alpha, double reg, MPI_Comm comm, double *out) {
  /* X: the owned user rows; Yr: item rows read through idx (the train
   * CSR's columns); Y: the owned item rows */
  double *term = NULL;
  /* on failure the rank still joins the allreduce below */
  eco_status st = eco_malloc(sizeof(double) * (size_t)(d->nuser_local + 1), &term);
  const int64_t nul = st == ECO_OK ? d->nuser_local : 0;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 64) num_threads(rec_threads())
#endif
  for (int64_t lu = 0; lu < nul; lu++) {
    const float *x = X + lu * k;
    double q = 0.0, nx = 0.0;
    for (int a = 0; a < k; a++) {
      double t = 0.0;
      for (int c = 0; c < k; c++) t += GY[a * k + c] * x[c];
      q += x[a] * t;
      nx += (double)x[a] * x[a];
    }
    double u = q + reg * nx;
    for (int64_t j = d->tr_ptr[lu]; j < d->tr_ptr[lu + 1]; j++) {
      double s = dotf(x, Yr + (int64_t)idx[j] * k, k);
      double c = 1.0 + alpha * d->tr_val[j];
      u += c * (1.0 - s) * (1.0 - s) - s * s;
    }
    term[lu] = u;
  }
  double loc = 0.0;
  for (int64_t lu = 0; lu < nul; lu++) loc += term[lu];
  free(term);
  for (int64_t li = 0; li < d->nitem_local; li++) {
    const float *y = Y + li * k;
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
  fetch_plan pu, pi; /* sharded: the item rows of the user step, the user rows of the item step */
  memset(&pu, 0, sizeof pu);
  memset(&pi, 0, sizeof pi);
  pu.rowt = pi.rowt = MPI_DATATYPE_NULL;
  eco_progress *prog = NULL;
  ECO_CHECK(k <= 1024, ECO_ERR_CONFIG, "[recommend] factors: ALS supports at most 1024");
  const int sh = rec_items_sharded(o, ctx->size, d->nusers + d->nitems);
  m->users_all = !sh;
  m->items_sharded = sh;
  /* X, Y: the owned rows (sharded) or the whole tables */
  const int64_t nux = sh ? d->nuser_local : d->nusers, niy = sh ? d->nitem_local : d->nitems;
  const int64_t iy0 = sh ? d->item0 : 0;
  st = eco_calloc((size_t)(nux * k + 1), sizeof(float), &m->X);
  if (st == ECO_OK) st = eco_calloc((size_t)(niy * k + 1), sizeof(float), &m->Y);
  if (st == ECO_OK) st = eco_malloc(sizeof(double) * (size_t)k * k, &G);
  /* agreed: one rank short of memory must not leave the others in the collectives */
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  float *const Xown = m->X + (sh ? 0 : d->user0 * k), *const Yown = m->Y + (sh ? 0 : d->item0 * k);
  /* item factors start from N(0, init_scale^2), keyed by item */
  for (int64_t i = 0; i < niy; i++) {
    eco_rng r;
    eco_rng_init(&r, (uint64_t)ctx->run->seed, ECO_RNG_RECOMMEND,
                 (1ULL << 40) | (uint64_t)(iy0 + i));
    for (int a = 0; a < k; a++) m->Y[i * k + a] = (float)(o->init_scale * eco_rng_normal(&r));
  }
  if (sh) {
    ECO_CALL_GOTO(st, plan_create(comm, d->nitems, d->item0, d->tr_ptr[d->nuser_local],
                                  d->tr_item, k, &pu), out);
    ECO_CALL_GOTO(st, plan_create(comm, d->nusers, d->user0, d->it_ptr[d->nitem_local],
                                  d->it_user, k, &pi), out);
  }
  {
    /* factor state per rank: own rows, the rows read (sharded: fetched and
     * sent) or the whole tables (replicated) */
    const double own = (double)(nux + niy) * k * 4;
    const double rd = sh ? (double)(pu.nneed + pu.nreq + pi.nneed + pi.nreq) * k * 4 : 0.0;
    double mb[2] = {own / 1048576.0, rd / 1048576.0}, mx[2];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(mb, mx, 2, MPI_DOUBLE, MPI_MAX, comm), out);
    if (sh)
      eco_log_root(ECO_LOG_INFO,
                   "recommend: ALS factors sharded (%s); per rank (largest): own rows %.1f "
                   "MiB, rows fetched and sent per half-step %.1f MiB",
                   o->item_params == REC_ITEMS_AUTO ? "auto" : "option", mx[0], mx[1]);
    else
      eco_log_root(ECO_LOG_INFO,
                   "recommend: ALS factors replicated (%s); per rank: both tables %.1f MiB",
                   o->item_params == REC_ITEMS_AUTO ? "auto" : "option", mx[0]);
  }
  /* the item rows the user step reads, and the columns that index them */
  const float *Yr = sh ? pu.rows : m->Y;
  const float *Xr = sh ? pi.rows : m->X;
  const int32_t *uidx = sh ? pu.idx : d->tr_item, *iidx = sh ? pi.idx : d->it_user;
  char fp[ECO_STR_MAX + 512];
  int ep0 = 0;
  st = eco_progress_create(comm, "recommend als", (int64_t)o->epochs * d->ntrain_global * 2,
                           "loss", ECO_FIGURE_MAX, &prog);
  if (st == ECO_OK) st = rec_ckpt_fingerprint(ctx, o, d, fp, sizeof fp);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out); /* local steps: agreed before the collectives */
  if (ctx->run->resume) {
    eco_h5 *cf = NULL;
    ECO_CALL_GOTO(st, rec_ckpt_open(ctx, fp, m, &cf, &ep0), out);
    if (cf) {
      st = rec_ckpt_rows(cf, "/model/item_factors", d->nitems, k, iy0, niy, m->Y, 0);
      eco_status s2 = eco_h5_close(&cf);
      if (st == ECO_OK) st = s2;
      ECO_CALL_GOTO(st, eco_agree(comm, st), out);
    }
  }
  if (sh) ECO_CALL_GOTO(st, plan_fetch(comm, &pu, m->Y, k), out);
  ECO_CALL_GOTO(st, gram(comm, sh, m->Y, d->nitems, d->item0, d->nitem_local, k, G), out);
  double t0 = MPI_Wtime();
  for (int ep = ep0; ep < o->epochs; ep++) {
    double te = MPI_Wtime();
    ECO_CALL_GOTO(st, half_sweep(comm, sh, k, G, Yr, d->tr_ptr, uidx, d->tr_val, d->user0,
                                 d->nuser_local, d->nusers, o, m->X, Xown, &pi, "user"),
                  out);
    eco_progress_update(prog, (int64_t)ep * 2 * d->tr_ptr[d->nuser_local] + d->tr_ptr[d->nuser_local], NAN);
    ECO_CALL_GOTO(st, half_sweep(comm, sh, k, G, Xr, d->it_ptr, iidx, d->it_val, d->item0,
                                 d->nitem_local, d->nitems, o, m->Y, Yown, &pu, "item"),
                  out);
    double loss = NAN;
    eco_timer_begin("recommend.als.loss");
    st = eco_agree(comm, als_loss(d, k, Xown, Yr, uidx, Yown, G, o->alpha, o->reg, comm, &loss));
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
                         Yown, 1);
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
  plan_free(&pu);
  plan_free(&pi);
  free(G);
  return st;
}
