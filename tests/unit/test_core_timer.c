/* Named timers, the footprint and signals at one rank. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include <signal.h>
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

static void test_timers(void **state) {
  (void)state;
  assert_true(eco_timer_seconds("never.started") == 0.0);
  eco_timer_begin("t.a");
  nap_ms(30);
  eco_timer_end("t.a");
  double one = eco_timer_seconds("t.a");
  assert_true(one >= 0.029 && one < 0.5);
  eco_timer_begin("t.a");
  nap_ms(30);
  eco_timer_end("t.a");
  double two = eco_timer_seconds("t.a");
  assert_true(two >= one + 0.029 && two < 1.0); /* accumulates */

  /* Nested begin of the same name counts the outer interval once. */
  eco_timer_begin("t.nest");
  nap_ms(20);
  eco_timer_begin("t.nest");
  nap_ms(20);
  eco_timer_end("t.nest");
  double mid = eco_timer_seconds("t.nest"); /* still running: included */
  assert_true(mid >= 0.039);
  nap_ms(20);
  eco_timer_end("t.nest");
  double nest = eco_timer_seconds("t.nest");
  assert_true(nest >= 0.059 && nest < 0.075 + 0.2);
  /* An end without a begin changes nothing. */
  eco_timer_end("t.nest");
  assert_true(eco_timer_seconds("t.nest") == nest);
  /* Other timers run independently. */
  eco_timer_begin("t.outer");
  eco_timer_begin("t.inner");
  nap_ms(10);
  eco_timer_end("t.inner");
  eco_timer_end("t.outer");
  assert_true(eco_timer_seconds("t.outer") >= eco_timer_seconds("t.inner"));
}

static void test_timer_summary(void **state) {
  (void)state;
  fflush(stdout);
  FILE *cap = tmpfile();
  assert_non_null(cap);
  int saved = dup(STDOUT_FILENO);
  dup2(fileno(cap), STDOUT_FILENO);
  eco_status st = eco_timer_summary(eco_comm_world(), ECO_LOG_INFO);
  eco_status st2 =
      eco_timer_summary(eco_comm_world(), ECO_LOG_DEBUG); /* filtered */
  fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  assert_int_equal(st, ECO_OK);
  assert_int_equal(st2, ECO_OK);
  char text[8192];
  rewind(cap);
  size_t n = fread(text, 1, sizeof text - 1, cap);
  text[n] = '\0';
  fclose(cap);
  /* One table: a title, a header, one row per name, sorted. */
  assert_non_null(strstr(text, "timers over 1 rank:"));
  char *a = strstr(text, " t.a ");
  char *in = strstr(text, " t.inner ");
  char *ne = strstr(text, " t.nest ");
  assert_non_null(a);
  assert_non_null(in);
  assert_non_null(ne);
  assert_true(a < in && in < ne);
  double mn, mean, mx;
  assert_int_equal(sscanf(a + 5, "%lf %lf %lf", &mn, &mean, &mx), 3);
  double s = eco_timer_seconds("t.a");
  assert_true(mn == mean && mean == mx); /* one rank */
  assert_true(mn > s - 1e-5 && mn < s + 1e-5);
  assert_null(strstr(strstr(text, "timers over") + 1, "timers over"));
}

static void burn_cpu(double seconds) {
  struct timespec t0, t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  volatile double x = 0;
  do {
    for (int i = 0; i < 100000; i++)
      x += i * 1e-9;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  } while ((t.tv_sec - t0.tv_sec) + 1e-9 * (t.tv_nsec - t0.tv_nsec) < seconds);
}

static void test_footprint(void **state) {
  (void)state;
  eco_footprint_config cfg = {12.5, 300.0};
  eco_footprint a, b;
  assert_int_equal(eco_footprint_measure(eco_comm_world(), &cfg, &a), ECO_OK);
  burn_cpu(0.2);
  static char block[32 << 20];
  memset(block, 1, sizeof block); /* touch 32 MiB: the peak must show it */
  assert_int_equal(eco_footprint_measure(eco_comm_world(), &cfg, &b), ECO_OK);
  assert_int_equal(b.nranks, 1);
  assert_true(b.wall_seconds > a.wall_seconds);
  assert_true(b.cpu_seconds >= a.cpu_seconds + 0.19);
  /* CPU time of one rank cannot exceed wall time by much (one thread
   * computing; MPI may run a progress thread). */
  assert_true(b.cpu_seconds <= 2.0 * b.wall_seconds + 0.5);
  assert_true(b.peak_rss_bytes >= 32.0 * 1048576);
  assert_true(b.energy_joules > 0);
  if (!b.energy_from_rapl)
    assert_true(b.energy_joules == b.cpu_seconds * 12.5);
  double want = b.energy_joules / 3.6e6 * 300.0;
  assert_true(b.gco2e > want * (1 - 1e-12) && b.gco2e < want * (1 + 1e-12));

  char line[256];
  eco_footprint_format(&b, &cfg, line, sizeof line);
  assert_memory_equal(line, "wall ", 5);
  assert_non_null(strstr(line, " core-s, peak "));
  assert_non_null(strstr(line, " MiB/rank, energy "));
  assert_non_null(strstr(line, "gCO2e (300 g/kWh)"));
  assert_non_null(
      strstr(line, b.energy_from_rapl ? "(RAPL)" : "(model 12.5 W/core)"));
  double wall = 0;
  assert_int_equal(sscanf(line, "wall %lf s", &wall), 1);
  assert_true(wall > b.wall_seconds - 0.051 && wall < b.wall_seconds + 0.051);
  /* A short buffer is cut, not overrun. */
  char small[16];
  memset(small, 'z', sizeof small);
  eco_footprint_format(&b, &cfg, small, 10);
  assert_int_equal(strlen(small), 9);
  assert_int_equal(small[10], 'z');
}

static void test_signals(void **state) {
  (void)state;
  int any = -1;
  assert_int_equal(eco_signal_pending(), 0);
  assert_int_equal(eco_signal_agree(eco_comm_world(), &any), ECO_OK);
  assert_int_equal(any, 0);
  /* eco_init installed the handlers: a real SIGTERM only sets the flag. */
  raise(SIGTERM);
  assert_int_equal(eco_signal_pending(), SIGTERM);
  assert_int_equal(eco_signal_agree(eco_comm_world(), &any), ECO_OK);
  assert_int_equal(any, 1);
  raise(SIGUSR1);
  assert_int_equal(eco_signal_pending(), SIGUSR1);
  eco_signal_raise_flag(0);
  assert_int_equal(eco_signal_pending(), 0);
  eco_signal_raise_flag(SIGINT);
  assert_int_equal(eco_signal_pending(), SIGINT);
  eco_signal_raise_flag(0);
}

static int setup(void **state) {
  (void)state;
  int argc = 0;
  char **argv = NULL;
  return eco_init(&argc, &argv) == ECO_OK ? 0 : -1;
}
static int teardown(void **state) {
  (void)state;
  eco_finalize();
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_timers),
      cmocka_unit_test(test_timer_summary),
      cmocka_unit_test(test_footprint),
      cmocka_unit_test(test_signals),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
