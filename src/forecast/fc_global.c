/* Pooled global model: one ridge regression of scaled demand on lags,
 * rolling means, calendar harmonics and price / promotion, fitted over the
 * rows of all series at once.
 *
 * Target z_t = y_t / s (s = mean of the series' history). Features of row t:
 *   1, z_{t-1..t-7}, mean(z_{t-1..t-4}),
 *   [period m > 1:] z_{t-m}, mean(z_{t-1..t-m}), sin/cos(2 pi k a / m), k = 1, 2
 *                  (a = absolute period index, so calendars align across series),
 *   [price:] log(price_t / mean price), [promo:] promo_t.
 * Normal equations (X'X + lambda d I') beta = X'z, d = mean diagonal of X'X
 * (intercept not penalised).
 * X'X and X'z are accumulated exactly in 128-bit fixed point (2^-60) and
 * summed with MPI_Allreduce: integer sums do not depend on the order, so the
 * coefficients are the same at any rank count. The p x p system is solved
 * with ScaLAPACK pdposv over a block-cyclic matrix on a grid of all ranks,
 * refined with 128-bit residuals so that the coefficients do not depend on
 * the grid either.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/io.h"
#include "forecast_impl.h"

/* ScaLAPACK / BLACS: Debian ships no C header. */
extern int Csys2blacs_handle(MPI_Comm comm);
extern void Cfree_blacs_system_handle(int handle);
extern void Cblacs_gridinit(int *ctxt, const char *order, int nprow, int npcol);
extern void Cblacs_gridinfo(int ctxt, int *nprow, int *npcol, int *myrow, int *mycol);
extern void Cblacs_gridexit(int ctxt);
extern int numroc_(const int *n, const int *nb, const int *iproc, const int *isrcproc,
                   const int *nprocs);
extern void descinit_(int *desc, const int *m, const int *n, const int *mb, const int *nb,
                      const int *irsrc, const int *icsrc, const int *ictxt, const int *lld,
                      int *info);
extern void pdposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *ia,
                    const int *ja, const int *desca, double *b, const int *ib, const int *jb,
                    const int *descb, int *info);

#define NLAGS 7
#define FIX 0x1p60
#define BIG 1e6

typedef __int128 i128;

static int layout_p(const eco_fc_global *g) {
  return 1 + NLAGS + 1 + (g->period > 1 ? 6 : 0) + g->has_price + g->has_promo;
}

void eco_fc_global_names(const eco_fc_global *g, char *buf, size_t len) {
  size_t k = 0;
  buf[0] = '\0';
#define ADD(...) k += (size_t)snprintf(buf + k, k < len ? len - k : 0, __VA_ARGS__)
  ADD("intercept");
  for (int j = 1; j <= NLAGS; j++) ADD(",lag%d", j);
  ADD(",mean4");
  if (g->period > 1) ADD(",lag%d,mean%d,sin1,cos1,sin2,cos2", g->period, g->period);
  if (g->has_price) ADD(",log_price_ratio");
  if (g->has_promo) ADD(",promo");
#undef ADD
}

/* A series prepared for the regression: scaled, cleaned history. */
typedef struct {
  int n;          /* history length */
  int first;      /* first non-missing index */
  double scale;
  double *z;      /* [n + h] scaled values (NaN before first) */
  double *lp;     /* [n + h] log price ratio (0 where unknown) */
  double *pr;     /* [n + h] promo (0 where unknown) */
  int64_t start;  /* absolute period index of t = 0 */
} gseries;

static void gseries_free(gseries *s) {
  eco_free(&s->z);
  eco_free(&s->lp);
  eco_free(&s->pr);
}

static eco_status gseries_make(const eco_fc_data *d, int64_t i, int cut, int h, gseries *s) {
  memset(s, 0, sizeof *s);
  const int64_t n0 = d->off[i + 1] - d->off[i];
  const int n = (int)(n0 - cut > 0 ? n0 - cut : 0);
  const double *y = d->values + d->off[i];
  s->n = n;
  s->start = d->start[i];
  /* on failure nothing stays allocated (a caller may return at once) */
  eco_status st = eco_malloc(sizeof(double) * (size_t)(n + h + 1), &s->z);
  if (st == ECO_OK) st = eco_calloc((size_t)(n + h + 1), sizeof(double), &s->lp);
  if (st == ECO_OK) st = eco_calloc((size_t)(n + h + 1), sizeof(double), &s->pr);
  if (st != ECO_OK) {
    gseries_free(s);
    return st;
  }
  int first = 0;
  while (first < n && isnan(y[first])) first++;
  s->first = first;
  for (int t = 0; t < first; t++) s->z[t] = NAN;
  const int nz = first < n ? eco_fc_series_clean(y + first, n - first, s->z + first) : 0;
  (void)nz;
  double sum = 0;
  int cnt = 0;
  for (int t = first; t < n; t++) {
    sum += s->z[t];
    cnt++;
  }
  s->scale = cnt > 0 && sum > 0 ? sum / cnt : 1.0;
  for (int t = first; t < n; t++) s->z[t] /= s->scale;
  if (d->price) {
    const double *p = d->price + d->off[i];
    double ps = 0;
    int pc = 0;
    for (int t = 0; t < n; t++)
      if (p[t] > 0) {
        ps += p[t];
        pc++;
      }
    double last = 0;
    for (int t = 0; t < n; t++) {
      if (pc > 0 && p[t] > 0) last = log(p[t] / (ps / pc));
      s->lp[t] = last; /* unknown price: the last known one */
    }
    for (int t = n; t < n + h; t++) s->lp[t] = last;
  }
  if (d->promo) {
    const double *p = d->promo + d->off[i];
    for (int t = 0; t < n; t++) s->pr[t] = isnan(p[t]) ? 0.0 : p[t];
  }
  return ECO_OK;
}

/* Features of row t (needs z[t - L .. t - 1]); 0 if a needed value is missing. */
static int features(const eco_fc_global *g, const gseries *s, int t, double *x) {
  const int m = g->period;
  const int L = m > 1 && m > NLAGS ? m : NLAGS;
  if (t - L < s->first) return 0;
  int k = 0;
  x[k++] = 1.0;
  for (int j = 1; j <= NLAGS; j++) x[k++] = s->z[t - j];
  x[k++] = 0.25 * (s->z[t - 1] + s->z[t - 2] + s->z[t - 3] + s->z[t - 4]);
  if (m > 1) {
    x[k++] = s->z[t - m];
    double mm = 0;
    for (int j = 1; j <= m; j++) mm += s->z[t - j];
    x[k++] = mm / m;
    const int64_t a = s->start + t;
    const double ph = 2.0 * M_PI * (double)(((a % m) + m) % m) / m;
    x[k++] = sin(ph);
    x[k++] = cos(ph);
    x[k++] = sin(2 * ph);
    x[k++] = cos(2 * ph);
  }
  if (g->has_price) x[k++] = s->lp[t];
  if (g->has_promo) x[k++] = s->pr[t];
  return 1;
}

static void i128_sum(void *in, void *inout, int *len, MPI_Datatype *dt) {
  (void)dt;
  const i128 *a = in;
  i128 *b = inout;
  for (int i = 0; i < *len; i++) b[i] += a[i];
}

/* Solve the p x p SPD system A x = b with pdposv over a block-cyclic
 * matrix (block size 4) on a grid of all ranks; every rank gets x. */
static eco_status solve_scalapack(MPI_Comm comm, int p, const double *A, const double *b,
                                  double *x) {
  int P, rank;
  MPI_Comm_size(comm, &P);
  MPI_Comm_rank(comm, &rank);
  int nprow = 1;
  for (int r = 1; r * r <= P; r++)
    if (P % r == 0) nprow = r;
  const int npcol = P / nprow;
  const int handle = Csys2blacs_handle(comm);
  int ctxt = handle;
  Cblacs_gridinit(&ctxt, "Row", nprow, npcol);
  int gr, gc, myrow, mycol;
  Cblacs_gridinfo(ctxt, &gr, &gc, &myrow, &mycol);
  const int nb = 4, izero = 0, ione = 1;
  const int lr = numroc_(&p, &nb, &myrow, &izero, &nprow);
  const int lc = numroc_(&p, &nb, &mycol, &izero, &npcol);
  const int lcb = numroc_(&ione, &ione, &mycol, &izero, &npcol);
  const int lld = lr > 1 ? lr : 1;
  double *la = NULL, *lb = NULL;
  eco_status st = eco_calloc((size_t)lld * (lc > 0 ? lc : 1), sizeof(double), &la);
  if (st == ECO_OK) st = eco_calloc((size_t)lld * (lcb > 0 ? lcb : 1), sizeof(double), &lb);
  double *xl = NULL;
  if (st == ECO_OK) st = eco_calloc((size_t)p, sizeof(double), &xl);
  /* pdposv is collective: every rank or none (one rank short of memory
   * left the others waiting in it). */
  st = eco_agree(comm, st);
  int desca[9], descb[9], info = 0, info2 = 0;
  if (st == ECO_OK) {
    descinit_(desca, &p, &p, &nb, &nb, &izero, &izero, &ctxt, &lld, &info);
    descinit_(descb, &p, &ione, &nb, &ione, &izero, &izero, &ctxt, &lld, &info2);
    for (int i = 0; i < p; i++) {
      if ((i / nb) % nprow != myrow) continue;
      const int li = (i / (nb * nprow)) * nb + i % nb;
      for (int j = 0; j < p; j++) {
        if ((j / nb) % npcol != mycol) continue;
        const int lj = (j / (nb * npcol)) * nb + j % nb;
        la[li + (size_t)lj * lld] = A[i * p + j];
      }
      if (mycol == 0) lb[li] = b[i];
    }
    if (info == 0 && info2 == 0)
      pdposv_("L", &p, &ione, la, &ione, &ione, desca, lb, &ione, &ione, descb, &info);
    else
      info = -100;
  }
  /* each solution entry lives on one process of column 0: sum gives it exactly */
  if (st == ECO_OK && info == 0 && mycol == 0)
    for (int i = 0; i < p; i++)
      if ((i / nb) % nprow == myrow) xl[i] = lb[(i / (nb * nprow)) * nb + i % nb];
  Cblacs_gridexit(ctxt);
  Cfree_blacs_system_handle(handle);
  int bad = (st != ECO_OK) || info != 0, anybad = 0;
  MPI_Allreduce(&bad, &anybad, 1, MPI_INT, MPI_LOR, comm);
  if (!anybad) MPI_Allreduce(xl, x, p, MPI_DOUBLE, MPI_SUM, comm);
  eco_free(&la);
  eco_free(&lb);
  eco_free(&xl);
  if (st != ECO_OK) return st;
  ECO_CHECK(!anybad, ECO_ERR_NUMERIC, "pooled model: pdposv failed (info %d): the normal "
            "equations are not positive definite (raise forecast.ridge)", info);
  return ECO_OK;
}

eco_status eco_fc_global_fit(MPI_Comm comm, const eco_fc_data *d, int cut, int period,
                             double lambda, eco_fc_global *g) {
  memset(g, 0, sizeof *g);
  g->period = period > 1 && period <= 512 ? period : 1;
  g->has_price = d->has_price;
  g->has_promo = d->has_promo;
  g->lambda = lambda;
  const int p = layout_p(g);
  g->p = p;
  const int ng = p * (p + 1) / 2 + p + 2; /* upper triangle, X'z, rows, skipped */
  i128 *acc = NULL;
  /* agreed: the Gram allreduce below needs it on every rank */
  ECO_CALL(eco_calloc_all(comm, (size_t)ng, sizeof(i128), &acc));
  eco_status st = ECO_OK;
  double x[ECO_FC_GLOBAL_MAXP];
  for (int64_t i = 0; i < d->nseries && st == ECO_OK; i++) {
    gseries s;
    st = gseries_make(d, i, cut, 0, &s);
    for (int t = 0; st == ECO_OK && t < s.n; t++) {
      if (!features(g, &s, t, x)) continue;
      const double z = s.z[t];
      int ok = fabs(z) < BIG;
      for (int j = 0; j < p; j++) ok = ok && fabs(x[j]) < BIG;
      if (!ok) {
        acc[ng - 1] += 1;
        continue;
      }
      int k = 0;
      for (int a = 0; a < p; a++)
        for (int b = a; b < p; b++) acc[k++] += (i128)(x[a] * x[b] * FIX);
      for (int a = 0; a < p; a++) acc[k++] += (i128)(x[a] * z * FIX);
      acc[ng - 2] += 1;
    }
    gseries_free(&s);
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    eco_free(&acc);
    return st;
  }
  MPI_Datatype t128;
  MPI_Op op;
  MPI_Type_contiguous((int)sizeof(i128), MPI_BYTE, &t128);
  MPI_Type_commit(&t128);
  MPI_Op_create(i128_sum, 1, &op);
  int rc = MPI_Allreduce(MPI_IN_PLACE, acc, ng, t128, op, comm);
  MPI_Op_free(&op);
  MPI_Type_free(&t128);
  if (rc != MPI_SUCCESS) {
    eco_free(&acc);
    return eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Allreduce(Gram)");
  }
  g->rows = (int64_t)acc[ng - 2];
  g->skipped = (int64_t)acc[ng - 1];
  double A[ECO_FC_GLOBAL_MAXP * ECO_FC_GLOBAL_MAXP], b[ECO_FC_GLOBAL_MAXP];
  __float128 Aq[ECO_FC_GLOBAL_MAXP * ECO_FC_GLOBAL_MAXP], bq[ECO_FC_GLOBAL_MAXP];
  {
    int k = 0;
    for (int a = 0; a < p; a++)
      for (int c = a; c < p; c++) {
        Aq[a * p + c] = Aq[c * p + a] = (__float128)acc[k++] / (__float128)FIX;
      }
    for (int a = 0; a < p; a++) bq[a] = (__float128)acc[k++] / (__float128)FIX;
    /* the ridge is relative to the mean diagonal of X'X (scale-free); with
     * lambda >= 1e-8 the condition number stays below ~1e8, so that the
     * refinement below converges on any grid */
    __float128 md = 0;
    for (int a = 1; a < p; a++) md += Aq[a * p + a];
    md = p > 1 ? md / (p - 1) : 1;
    if (!(md > 0)) md = 1;
    for (int a = 1; a < p; a++) Aq[a * p + a] += (__float128)lambda * md;
    for (int a = 0; a < p * p; a++) A[a] = (double)Aq[a];
    for (int a = 0; a < p; a++) b[a] = (double)bq[a];
  }
  eco_free(&acc);
  if (g->rows < 2 * p) return ECO_OK; /* not enough rows: the model stays invalid */
  /* pdposv's rounding depends on the process grid. Iterative refinement
   * with residuals in 128-bit floating point (of the exact normal
   * equations) converges to the solution far below double precision, so
   * the rounded coefficients are the same at any rank count. */
  double x0[ECO_FC_GLOBAL_MAXP] = {0}, r[ECO_FC_GLOBAL_MAXP] = {0}, dx[ECO_FC_GLOBAL_MAXP] = {0};
  __float128 X[ECO_FC_GLOBAL_MAXP];
  ECO_CALL(solve_scalapack(comm, p, A, b, x0));
  for (int a = 0; a < p; a++) X[a] = x0[a];
  for (int it = 0; it < 6; it++) {
    for (int a = 0; a < p; a++) {
      __float128 ra = bq[a];
      for (int c = 0; c < p; c++) ra -= Aq[a * p + c] * X[c];
      r[a] = (double)ra;
    }
    ECO_CALL(solve_scalapack(comm, p, A, r, dx));
    for (int a = 0; a < p; a++) X[a] += dx[a];
  }
  for (int a = 0; a < p; a++) g->beta[a] = (double)X[a];
  g->valid = 1;
  return ECO_OK;
}

static int cmp_double(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

eco_status eco_fc_global_forecast(const eco_fc_global *g, const eco_fc_data *d, int64_t i,
                                  int cut, int h, int nsim, uint64_t seed, uint64_t entity,
                                  eco_fc_result *out) {
  for (int k = 0; k < ECO_FC_NPARAMS; k++) out->params[k] = NAN;
  out->form[0] = '\0';
  gseries s;
  double x[ECO_FC_GLOBAL_MAXP];
  const int p = g->p;
  ECO_CALL(gseries_make(d, i, cut, h, &s));
  eco_status st = ECO_OK;
  double *res = NULL, *paths = NULL, *zsave = NULL;
  int nres = 0;
  int usable = g->valid && s.n > 0 && features(g, &s, s.n, x);
  if (!usable) {
    for (int k = 0; k < h; k++) {
      out->mean[k] = NAN;
      for (int q = 0; q < ECO_FC_NQ; q++) out->quant[k * ECO_FC_NQ + q] = NAN;
    }
    goto done;
  }
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(s.n + 1), &res), done);
  for (int t = 0; t < s.n; t++) {
    if (!features(g, &s, t, x)) continue;
    double f = 0;
    for (int j = 0; j < p; j++) f += g->beta[j] * x[j];
    res[nres++] = s.z[t] - f;
  }
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(s.n + h + 1), &zsave), done);
  memcpy(zsave, s.z, sizeof(double) * (size_t)s.n);
  /* point forecast: the recursion without errors (future promo 0, price the last known) */
  for (int k = 0; k < h; k++) {
    const int t = s.n + k;
    features(g, &s, t, x);
    double f = 0;
    for (int j = 0; j < p; j++) f += g->beta[j] * x[j];
    s.z[t] = f;
    out->mean[k] = (f > 0 ? f : 0.0) * s.scale;
  }
  /* quantiles: residual-bootstrap paths */
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)nsim * h + 1, &paths), done);
  eco_rng r;
  eco_rng_init(&r, seed, ECO_RNG_FORECAST, entity);
  for (int it = 0; it < nsim; it++) {
    memcpy(s.z, zsave, sizeof(double) * (size_t)s.n);
    for (int k = 0; k < h; k++) {
      const int t = s.n + k;
      features(g, &s, t, x);
      double f = 0;
      for (int j = 0; j < p; j++) f += g->beta[j] * x[j];
      if (nres > 0) f += res[eco_rng_below(&r, (uint64_t)nres)];
      s.z[t] = f;
      paths[(size_t)k * nsim + it] = (f > 0 ? f : 0.0) * s.scale;
    }
  }
  for (int k = 0; k < h; k++) {
    double *v = paths + (size_t)k * nsim;
    qsort(v, (size_t)nsim, sizeof(double), cmp_double);
    for (int q = 0; q < ECO_FC_NQ; q++)
      out->quant[k * ECO_FC_NQ + q] = eco_fc_quantile_sorted(v, nsim, eco_fc_quantile_levels[q]);
  }
  {
    double ss = 0;
    for (int j = 0; j < nres; j++) ss += res[j] * res[j];
    out->params[ECO_FC_P_SIGMA] = nres > 0 ? sqrt(ss / nres) * s.scale : NAN;
  }
done:
  eco_free(&res);
  eco_free(&paths);
  eco_free(&zsave);
  gseries_free(&s);
  return st;
}
