/* Progress across ranks that finish at different times. Rank r has
 * 40 + 10 r items. Three reports in a row, interval 0.05 s:
 *   "lastearly": the last rank does all its updates at once and destroys
 *                at once; the others sleep 2 ms per item. figure: MIN of
 *                1000 - done - r / 2.
 *   "rootearly": rank 0 does all its updates at once; the others sleep.
 *                figure: SUM of 2 * done.
 *   "nototal":   total unknown (0), every rank sleeps; figure: MAX of
 *                done * (r + 1).
 * Rank 0 keeps reporting from destroy while others work ("rootearly").
 * With "-q" the log level is WARN: nothing may be printed, but the protocol
 * still runs. The script core_progress.sh checks the lines. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ecoscale/progress.h"

static void nap_ms(int ms) {
  struct timespec t = {0, ms * 1000000L};
  nanosleep(&t, NULL);
}

static eco_status run(const char *label, int64_t total, const char *fig,
                      eco_figure_op op, int fast_rank, int which) {
  MPI_Comm w = eco_comm_world();
  int rank = eco_rank();
  int n = 40 + 10 * rank;
  eco_progress *p = NULL;
  ECO_CALL(eco_progress_create(w, label, total, fig, op, &p));
  eco_progress_set_interval(p, 0.05);
  for (int i = 1; i <= n; i++) {
    double f = which == 0   ? 1000.0 - i - 0.5 * rank
               : which == 1 ? 2.0 * i
                            : (double)i * (rank + 1);
    eco_progress_update(p, i, f);
    if (rank != fast_rank)
      nap_ms(2);
  }
  ECO_CALL(eco_progress_destroy(&p));
  if (p != NULL)
    return eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                         "destroy did not clear the pointer");
  return ECO_OK;
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK)
    return 1;
  if (argc > 1 && strcmp(argv[1], "-q") == 0)
    eco_log_set_level(ECO_LOG_WARN);
  int size = eco_size();
  int64_t total = 0;
  for (int r = 0; r < size; r++)
    total += 40 + 10 * r;
  eco_status st = run("lastearly", total, "best cost", ECO_FIGURE_MIN,
                      size > 1 ? size - 1 : -1, 0);
  if (st == ECO_OK)
    st = run("rootearly", total, "sum", ECO_FIGURE_SUM, size > 1 ? 0 : -1, 1);
  if (st == ECO_OK)
    st = run("nototal", 0, "peak", ECO_FIGURE_MAX, -1, 2);
  /* NULL is accepted by destroy and update. */
  eco_progress *none = NULL;
  eco_progress_update(none, 1, 1.0);
  if (st == ECO_OK)
    st = eco_progress_destroy(&none);
  st = eco_agree(eco_comm_world(), st);
  eco_error_report();
  eco_finalize();
  return eco_status_exit_code(st);
}
