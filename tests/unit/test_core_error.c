/* Status list, error record and trace, checked allocation, agreement and the
 * error report at one rank. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ecoscale/core.h"

/* Under AddressSanitizer an absurd malloc must return NULL, not abort. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) {
  return "allocator_may_return_null=1";
}

static void test_status_list(void **state) {
  (void)state;
  /* Exit codes promised to users in docs/design.md. */
  assert_int_equal(eco_status_exit_code(ECO_OK), 0);
  assert_int_equal(eco_status_exit_code(ECO_ERR_USAGE), 2);
  assert_int_equal(eco_status_exit_code(ECO_ERR_CONFIG), 2);
  assert_int_equal(eco_status_exit_code(ECO_ERR_INPUT), 2);
  assert_int_equal(eco_status_exit_code(ECO_ERR_MEM), 1);
  assert_int_equal(eco_status_exit_code(ECO_ERR_IO), 1);
  assert_int_equal(eco_status_exit_code(ECO_ERR_MPI), 1);
  assert_int_equal(eco_status_exit_code(ECO_ERR_HDF5), 1);
  assert_int_equal(eco_status_exit_code(ECO_ERR_NUMERIC), 1);
  assert_int_equal(eco_status_exit_code(ECO_ERR_SOLVER), 1);
  assert_int_equal(eco_status_exit_code(ECO_ERR_INTERRUPTED), 3);
  assert_int_equal(eco_status_exit_code(ECO_ERR_INTERNAL), 1);
  assert_int_equal(ECO_OK, 0);
  assert_string_equal(eco_status_name(ECO_OK), "ECO_OK");
  assert_string_equal(eco_status_name(ECO_ERR_INPUT), "ECO_ERR_INPUT");
  assert_string_equal(eco_status_name(ECO_ERR_INTERNAL), "ECO_ERR_INTERNAL");
  assert_string_equal(eco_status_message(ECO_ERR_MEM), "out of memory");
  /* Every status has a distinct name and a message. */
  for (int i = 0; i < ECO_STATUS_COUNT; i++) {
    const char *n = eco_status_name((eco_status)i);
    assert_non_null(n);
    assert_memory_equal(n, "ECO_", 4);
    assert_true(strlen(eco_status_message((eco_status)i)) > 0);
    int c = eco_status_exit_code((eco_status)i);
    assert_true(c >= 0 && c <= 3);
    assert_true((c == 0) == (i == ECO_OK));
    for (int j = 0; j < i; j++)
      assert_string_not_equal(n, eco_status_name((eco_status)j));
  }
  /* Out of range: still a failure, never a crash. */
  assert_string_equal(eco_status_name((eco_status)ECO_STATUS_COUNT),
                      "ECO_ERR_UNKNOWN");
  assert_int_equal(eco_status_exit_code((eco_status)-1), 1);
}

static int check_line;
static eco_status fails(int v) {
  check_line = __LINE__ + 1;
  ECO_CHECK(v > 0, ECO_ERR_INPUT, "demand.csv:%d: negative demand %d", 7, v);
  return ECO_OK;
}
static eco_status calls_fails(int v) {
  ECO_CALL(fails(v));
  return ECO_OK;
}
static eco_status goto_path(int v, int *cleaned) {
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, calls_fails(v), out);
out:
  *cleaned = 1;
  return st;
}

static void test_error_message_and_trace(void **state) {
  (void)state;
  eco_error_clear();
  assert_int_equal(eco_error_code(), ECO_OK);
  assert_string_equal(eco_error_message(), "");
  assert_int_equal(calls_fails(3), ECO_OK);
  assert_int_equal(eco_error_code(), ECO_OK);

  int cleaned = 0;
  assert_int_equal(goto_path(-5, &cleaned), ECO_ERR_INPUT);
  assert_int_equal(cleaned, 1);
  assert_int_equal(eco_error_code(), ECO_ERR_INPUT);
  /* Users see the message, not where it was raised. */
  assert_string_equal(eco_error_message(), "demand.csv:7: negative demand -5");
  const char *t = eco_error_trace_text();
  char at[64];
  snprintf(at, sizeof at, "  at test_core_error.c:%d\n", check_line);
  assert_non_null(strstr(t, "demand.csv:7: negative demand -5\n"));
  assert_non_null(strstr(t, at));
  assert_non_null(strstr(t, "(fails(v))"));
  assert_non_null(strstr(t, "(calls_fails(v))"));
  /* Frames in order: origin, then the callers outward. */
  assert_true(strstr(t, at) < strstr(t, "(fails(v))"));
  assert_true(strstr(t, "(fails(v))") < strstr(t, "(calls_fails(v))"));

  /* A new error replaces the old one and its trace. */
  eco_error_set(ECO_ERR_IO, "x/y/z.c", 12, "cannot open %s", "a.h5");
  assert_int_equal(eco_error_code(), ECO_ERR_IO);
  assert_string_equal(eco_error_message(), "cannot open a.h5");
  assert_null(strstr(eco_error_trace_text(), "calls_fails"));
  assert_non_null(strstr(eco_error_trace_text(), "  at z.c:12\n"));
  eco_error_clear();
  assert_int_equal(eco_error_code(), ECO_OK);
}

static void test_trace_bounded(void **state) {
  (void)state;
  char big[3000];
  memset(big, 'm', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__, "%s", big);
  /* The message is cut, never overflowed. */
  assert_true(strlen(eco_error_message()) < sizeof big - 1);
  assert_true(strlen(eco_error_message()) > 100);
  for (int i = 0; i < 10000; i++)
    eco_error_trace(__FILE__, i, "some_long_expression(with, many, arguments)");
  const char *t = eco_error_trace_text();
  size_t n = strlen(t);
  assert_true(n < 20000);
  assert_string_equal(t + n - 6, "  ...\n");
  /* "  ..." appears once: later frames are dropped. */
  assert_ptr_equal(strstr(t, "  ...\n"), t + n - 6);
  eco_error_clear();
}

/* eco_error_save / eco_error_restore: an error raised between them is
 * dropped and the saved one comes back with its trace. */
static void test_save_restore(void **state) {
  (void)state;
  int cleaned = 0;
  assert_int_equal(goto_path(-5, &cleaned), ECO_ERR_INPUT);
  eco_error_trace("run.c", 99, "cmd->run(ctx)");
  char before[4096];
  snprintf(before, sizeof before, "%s", eco_error_trace_text());
  eco_error_save();
  assert_int_equal(eco_error_code(), ECO_OK); /* start with none */
  assert_string_equal(eco_error_message(), "");
  eco_error_set(ECO_ERR_MEM, "footprint.c", 5, "out of memory allocating 16 bytes");
  assert_int_equal(eco_error_restore(), ECO_ERR_INPUT);
  assert_int_equal(eco_error_code(), ECO_ERR_INPUT);
  assert_string_equal(eco_error_message(), "demand.csv:7: negative demand -5");
  assert_string_equal(eco_error_trace_text(), before);
  assert_null(strstr(eco_error_trace_text(), "footprint.c"));
  /* no error saved: none after the restore, whatever came in between */
  eco_error_clear();
  eco_error_save();
  eco_error_set(ECO_ERR_IO, "timer.c", 7, "gather failed");
  assert_int_equal(eco_error_restore(), ECO_OK);
  assert_string_equal(eco_error_message(), "");
  /* the slot is free again */
  eco_error_save();
  assert_int_equal(eco_error_restore(), ECO_OK);
}

static void test_alloc(void **state) {
  (void)state;
  void *p = (void *)&p;
  assert_int_equal(eco_malloc(SIZE_MAX / 2, &p), ECO_ERR_MEM);
  assert_null(p);
  assert_int_equal(eco_error_code(), ECO_ERR_MEM);
  char want[64];
  snprintf(want, sizeof want, "%zu bytes", SIZE_MAX / 2);
  assert_non_null(strstr(eco_error_message(), want));
  eco_error_clear();

  /* n * size overflows: caught, not wrapped around to a small block. */
  double *d = (double *)&p;
  assert_int_equal(eco_calloc(SIZE_MAX / 4, 16, &d), ECO_ERR_MEM);
  assert_null(d);

  assert_int_equal(eco_malloc(0, &p), ECO_OK);
  assert_non_null(p);
  eco_free(&p);
  assert_null(p);
  eco_free(&p); /* NULL is fine */

  int *v = NULL;
  assert_int_equal(eco_calloc(100, sizeof *v, &v), ECO_OK);
  for (int i = 0; i < 100; i++)
    assert_int_equal(v[i], 0);
  v[99] = 42;
  int *keep = v;
  assert_int_equal(eco_realloc(SIZE_MAX / 2, &v), ECO_ERR_MEM);
  assert_ptr_equal(v, keep); /* the old block stays with the caller */
  assert_int_equal(v[99], 42);
  assert_int_equal(eco_realloc(1000 * sizeof *v, &v), ECO_OK);
  assert_int_equal(v[99], 42);
  eco_free(&v);

  char *s = NULL;
  assert_int_equal(eco_strdup("plan.solve", &s), ECO_OK);
  assert_string_equal(s, "plan.solve");
  eco_free(&s);
  assert_null(s);
  eco_error_clear();
}

/* eco_hash_bytes is 64-bit FNV-1a: the published test vectors, and a hash
 * continued over two pieces equals the hash of the whole. */
static void test_hash_bytes(void **state) {
  (void)state;
  assert_true(eco_hash_bytes(ECO_HASH_INIT, "", 0) == 0xcbf29ce484222325ULL);
  assert_true(eco_hash_bytes(ECO_HASH_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
  assert_true(eco_hash_bytes(ECO_HASH_INIT, "foobar", 6) == 0x85944171f73967e8ULL);
  uint64_t h = eco_hash_bytes(ECO_HASH_INIT, "foo", 3);
  assert_true(eco_hash_bytes(h, "bar", 3) == 0x85944171f73967e8ULL);
}

static void test_mpi_error(void **state) {
  (void)state;
  assert_int_equal(eco_error_mpi(MPI_ERR_COMM, "a/b.c", 5, "MPI_Send(x)"),
                   ECO_ERR_MPI);
  assert_int_equal(eco_error_code(), ECO_ERR_MPI);
  const char *m = eco_error_message();
  assert_non_null(strstr(m, "MPI_Send(x) failed: "));
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(MPI_ERR_COMM, text, &len);
  assert_non_null(strstr(m, text));

  /* MPI_ERRORS_RETURN is set on the world communicator: a bad call returns
   * an error instead of aborting, and ECO_CALL_MPI turns it into a status. */
  int rc = MPI_Send(NULL, -1, MPI_INT, 0, 0, eco_comm_world());
  assert_int_not_equal(rc, MPI_SUCCESS);
  eco_error_clear();
}

/* Capture what a piece of code writes to stderr. */
static char captured[8192];
static int saved_fd = -1;
static FILE *cap;
static void capture_begin(void) {
  fflush(stderr);
  cap = tmpfile();
  assert_non_null(cap);
  saved_fd = dup(STDERR_FILENO);
  dup2(fileno(cap), STDERR_FILENO);
}
static void capture_end(void) {
  fflush(stderr);
  dup2(saved_fd, STDERR_FILENO);
  close(saved_fd);
  rewind(cap);
  size_t n = fread(captured, 1, sizeof captured - 1, cap);
  captured[n] = '\0';
  fclose(cap);
}

static void test_agree_and_report(void **state) {
  (void)state;
  MPI_Comm w = eco_comm_world();
  eco_error_clear();
  assert_int_equal(eco_agree(w, ECO_OK), ECO_OK);

  eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                "run.ini:4: unknown key 'x'");
  assert_int_equal(eco_agree(w, ECO_ERR_CONFIG), ECO_ERR_CONFIG);
  /* One rank, rank 0: no prefix. */
  assert_string_equal(eco_error_message(), "run.ini:4: unknown key 'x'");
  assert_non_null(strstr(eco_error_trace_text(), "  at test_core_error.c:"));

  capture_begin();
  eco_error_report();
  eco_error_report(); /* printed once */
  capture_end();
  assert_string_equal(captured,
                      "ecoscale: error: run.ini:4: unknown key 'x'\n");

  /* Trace lines at -v. */
  eco_log_set_level(ECO_LOG_DEBUG);
  eco_error_set(ECO_ERR_IO, "dir/io.c", 77, "disk full");
  capture_begin();
  eco_error_report();
  capture_end();
  eco_log_set_level(ECO_LOG_INFO);
  assert_string_equal(captured, "ecoscale: error: disk full\n  at io.c:77\n");

  /* A status returned without a recorded message still gets one. */
  eco_error_clear();
  assert_int_equal(eco_agree(w, ECO_ERR_SOLVER), ECO_ERR_SOLVER);
  assert_string_equal(eco_error_message(), "solver failure");
  eco_error_clear();
  capture_begin();
  eco_error_report(); /* nothing to report */
  capture_end();
  assert_string_equal(captured, "");
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
      cmocka_unit_test(test_status_list),
      cmocka_unit_test(test_error_message_and_trace),
      cmocka_unit_test(test_trace_bounded),
      cmocka_unit_test(test_save_restore),
      cmocka_unit_test(test_alloc),
      cmocka_unit_test(test_hash_bytes),
      cmocka_unit_test(test_mpi_error),
      cmocka_unit_test(test_agree_and_report),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
