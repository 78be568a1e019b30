/* Test helper for the statsmodels oracle: fit or evaluate one ETS form on a
 * series read from stdin (one value per line).
 *   fc_ets_tool fit FORM M H          -> loglik, aicc, parameters, forecasts
 *   fc_ets_tool auto M H              -> the AICc choice
 *   fc_ets_tool eval FORM M H alpha beta gamma phi l0 b0 s[-1] .. s[-m]
 *     (statsmodels' parameter order) -> loglik and forecasts at those values */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoscale/forecast.h"

static int parse_form(const char *s, eco_ets_form *f) {
  memset(f, 0, sizeof *f);
  if (*s != 'A' && *s != 'M') return -1;
  f->error = *s++ == 'M' ? ECO_ETS_MUL : ECO_ETS_ADD;
  if (*s == 'N') { f->trend = ECO_ETS_TN; s++; }
  else if (!strncmp(s, "Ad", 2)) { f->trend = ECO_ETS_TAD; s += 2; }
  else if (*s == 'A') { f->trend = ECO_ETS_TA; s++; }
  else return -1;
  if (*s == 'N') f->season = ECO_ETS_SN;
  else if (*s == 'A') f->season = ECO_ETS_SA;
  else if (*s == 'M') f->season = ECO_ETS_SM;
  else return -1;
  return s[1] == '\0' ? 0 : -1;
}

static void print_fit(const eco_ets_fit *f, const double *y, int n, int h) {
  double mean[1000], q[1000 * ECO_FC_NQ];
  char name[8];
  eco_ets_form_name(f->form, name);
  printf("form %s\nloglik %.10f\naicc %.10f\niterations %d\n", name, f->loglik, f->aicc, f->iterations);
  printf("params %.10g %.10g %.10g %.10g %.10g %.10g\n", f->alpha, f->beta, f->gamma, f->phi, f->l0, f->b0);
  eco_ets_forecast(f, h, 2000, 1, 1, mean, q);
  printf("forecast");
  for (int k = 0; k < h; k++) printf(" %.10g", mean[k]);
  printf("\n");
  (void)y; (void)n;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: fc_ets_tool fit|auto|eval ...\n");
    return 2;
  }
  static double y[100000];
  int n = 0;
  while (n < 100000 && scanf("%lf", &y[n]) == 1) n++;
  const int is_auto = !strcmp(argv[1], "auto");
  eco_ets_form form;
  int a = 2;
  if (!is_auto && parse_form(argv[a++], &form) != 0) {
    fprintf(stderr, "bad form\n");
    return 2;
  }
  const int m = atoi(argv[a++]), h = atoi(argv[a++]);
  eco_ets_fit f;
  if (is_auto) {
    if (eco_ets_fit_auto(y, n, m, 2000, &f) != ECO_OK) return 1;
    print_fit(&f, y, n, h);
    return 0;
  }
  if (!strcmp(argv[1], "fit")) {
    const char *mi = getenv("FC_MAX_ITER");
    if (eco_ets_fit_form(y, n, m, form, mi ? atoi(mi) : 2000, &f) != ECO_OK) {
      fprintf(stderr, "%s\n", eco_error_message());
      return 1;
    }
    print_fit(&f, y, n, h);
    return 0;
  }
  memset(&f, 0, sizeof f);
  f.form = form;
  f.m = form.season == ECO_ETS_SN ? 1 : m;
  f.alpha = atof(argv[a++]);
  f.beta = atof(argv[a++]);
  f.gamma = atof(argv[a++]);
  f.phi = atof(argv[a++]);
  f.l0 = atof(argv[a++]);
  f.b0 = atof(argv[a++]);
  if (form.season != ECO_ETS_SN)
    for (int j = 0; j < m; j++) f.s0[m - 1 - j] = atof(argv[a++]); /* s[-1] is the season of time -1 */
  const double ll = eco_ets_loglik(y, n, &f);
  (void)ll;
  print_fit(&f, y, n, h);
  return 0;
}
