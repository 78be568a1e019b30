/* Small computations of the report, kept apart so that unit tests can reach
 * them: calendar period indices and the cost-emissions Pareto front. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report_impl.h"

int64_t rp_days_from_civil(int64_t y, int m, int d) {
  /* H. Hinnant's days_from_civil: proleptic Gregorian, 1970-01-01 = 0 */
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t rp_period_index(const char *date, int freq) {
  int y, m, d;
  if (freq < 1 || freq > 3 || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
      d < 1 || d > 31)
    return RP_NO_TIME;
  int64_t days = rp_days_from_civil(y, m, d);
  if (freq == 1) return days;
  if (freq == 2) return days >= 0 ? days / 7 : -((-days + 6) / 7); /* floor */
  return 12 * (int64_t)y + m - 1;
}

static const double *front_c, *front_e; /* for front_cmp (qsort has no context) */

static int front_cmp(const void *x, const void *y) {
  int64_t p = *(const int64_t *)x, q = *(const int64_t *)y;
  if (front_c[p] != front_c[q]) return front_c[p] < front_c[q] ? -1 : 1;
  if (front_e[p] != front_e[q]) return front_e[p] < front_e[q] ? -1 : 1;
  return p < q ? -1 : p > q;
}

eco_status rp_pareto_front(int64_t n, const double *c, const double *e, double *fc, double *fe,
                           int64_t *nfront) {
  *nfront = 0;
  int64_t *idx = NULL;
  ECO_CALL(eco_malloc(sizeof(int64_t) * (size_t)(n ? n : 1), &idx));
  int64_t m = 0;
  for (int64_t i = 0; i < n; ++i)
    if (isfinite(c[i]) && isfinite(e[i])) idx[m++] = i;
  front_c = c;
  front_e = e;
  qsort(idx, (size_t)m, sizeof *idx, front_cmp); /* by (cost, emissions, index) */
  int64_t k = 0;
  double best = INFINITY;
  for (int64_t i = 0; i < m; ++i)
    if (e[idx[i]] < best) { /* strictly cleaner than every cheaper plan */
      best = e[idx[i]];
      fc[k] = c[idx[i]];
      fe[k++] = e[idx[i]];
    }
  free(idx);
  *nfront = k;
  return ECO_OK;
}
