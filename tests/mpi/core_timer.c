/* Timer summary across ranks: rank r spends (r + 1) x 20 ms in
 * "phase.work"; only rank 1 has "only.one". Rank 0 captures the table it
 * prints and checks: names from every rank, sorted, min / mean / max over
 * ranks (a rank without a name counts 0 s). Exit 0 if all holds. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ecoscale/progress.h"

static void nap_ms(int ms) {
  struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&t, &t) != 0) {
  }
}

static int row(const char *text, const char *name, double v[3]) {
  char key[64];
  snprintf(key, sizeof key, " %s ", name);
  const char *at = strstr(text, key);
  return at &&
         sscanf(at + strlen(key), "%lf %lf %lf", &v[0], &v[1], &v[2]) == 3;
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK)
    return 1;
  int rank = eco_rank(), size = eco_size();
  eco_timer_begin("phase.work");
  nap_ms(20 * (rank + 1));
  eco_timer_end("phase.work");
  if (rank == 1) {
    eco_timer_begin("only.one");
    nap_ms(5);
    eco_timer_end("only.one");
  }
  FILE *cap = NULL;
  int saved = -1;
  if (rank == 0) {
    fflush(stdout);
    cap = tmpfile();
    saved = dup(STDOUT_FILENO);
    dup2(fileno(cap), STDOUT_FILENO);
  }
  eco_status st = eco_timer_summary(eco_comm_world(), ECO_LOG_INFO);
  int bad = st != ECO_OK;
  if (rank == 0) {
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    char text[8192];
    rewind(cap);
    size_t n = fread(text, 1, sizeof text - 1, cap);
    text[n] = '\0';
    fclose(cap);
    fputs(text, stdout);
    double w[3], o[3];
    double want_max = 0.020 * size, want_mean = 0.010 * (size + 1);
    if (!row(text, "phase.work", w) || w[0] < 0.0195 || w[0] > 0.0195 + 0.5 ||
        w[2] < want_max - 0.0005 || w[2] > want_max + 0.5 ||
        w[1] < want_mean - 0.0005 || w[1] > want_mean + 0.5 ||
        !(w[0] <= w[1] && w[1] <= w[2])) {
      fprintf(stderr, "core_timer: bad phase.work row\n");
      bad = 1;
    }
    if (size > 1) {
      if (!row(text, "only.one", o) || o[0] != 0.0 || o[2] < 0.0045 ||
          o[1] > o[2] / size + 1e-6 || o[1] < o[2] / size - 1e-6) {
        fprintf(stderr, "core_timer: bad only.one row\n");
        bad = 1;
      }
      if (strstr(text, " only.one ") > strstr(text, " phase.work ")) {
        fprintf(stderr, "core_timer: rows not sorted\n");
        bad = 1;
      }
    } else if (strstr(text, "only.one")) {
      fprintf(stderr, "core_timer: a name no rank used\n");
      bad = 1;
    }
  }
  int any = 0;
  MPI_Allreduce(&bad, &any, 1, MPI_INT, MPI_MAX, eco_comm_world());
  eco_finalize();
  return any ? 1 : 0;
}
