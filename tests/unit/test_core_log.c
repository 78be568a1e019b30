/* Logging: format, level filtering, stdout / stderr split. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ecoscale/core.h"

static char out_text[8192], err_text[8192];
static int saved_out = -1, saved_err = -1;
static FILE *cap_out, *cap_err;

static void capture_begin(void) {
  fflush(stdout);
  fflush(stderr);
  cap_out = tmpfile();
  cap_err = tmpfile();
  assert_non_null(cap_out);
  assert_non_null(cap_err);
  saved_out = dup(STDOUT_FILENO);
  saved_err = dup(STDERR_FILENO);
  dup2(fileno(cap_out), STDOUT_FILENO);
  dup2(fileno(cap_err), STDERR_FILENO);
}

static void read_all(FILE *f, char *buf, size_t len) {
  rewind(f);
  size_t n = fread(buf, 1, len - 1, f);
  buf[n] = '\0';
  fclose(f);
}

static void capture_end(void) {
  fflush(stdout);
  fflush(stderr);
  dup2(saved_out, STDOUT_FILENO);
  dup2(saved_err, STDERR_FILENO);
  close(saved_out);
  close(saved_err);
  read_all(cap_out, out_text, sizeof out_text);
  read_all(cap_err, err_text, sizeof err_text);
}

static void test_format_and_streams(void **state) {
  (void)state;
  eco_log_set_level(ECO_LOG_INFO);
  capture_begin();
  int l1 = __LINE__ + 1;
  eco_log(ECO_LOG_INFO, "read %d series from %s", 12, "demand.h5");
  int l2 = __LINE__ + 1;
  eco_log_root(ECO_LOG_WARN, "horizon %d is long", 400);
  int l3 = __LINE__ + 1;
  eco_log(ECO_LOG_ERROR, "trailing newline is not doubled\n");
  capture_end();
  char want[512];
  snprintf(want, sizeof want,
           "[INFO][rank 0][test_core_log.c:%d] read 12 series from demand.h5\n",
           l1);
  assert_string_equal(out_text, want);
  snprintf(
      want, sizeof want,
      "[WARN][rank 0][test_core_log.c:%d] horizon 400 is long\n"
      "[ERROR][rank 0][test_core_log.c:%d] trailing newline is not doubled\n",
      l2, l3);
  assert_string_equal(err_text, want);
}

static void test_levels(void **state) {
  (void)state;
  assert_int_equal(eco_log_get_level(), ECO_LOG_INFO); /* the default */
  static const char *names[] = {"ERROR", "WARN", "INFO", "DEBUG", "TRACE"};
  for (int set = ECO_LOG_ERROR; set <= ECO_LOG_TRACE; set++) {
    eco_log_set_level((eco_log_level)set);
    assert_int_equal(eco_log_get_level(), set);
    capture_begin();
    for (int lv = ECO_LOG_ERROR; lv <= ECO_LOG_TRACE; lv++)
      eco_log((eco_log_level)lv, "message at %d", lv);
    capture_end();
    for (int lv = ECO_LOG_ERROR; lv <= ECO_LOG_TRACE; lv++) {
      char tag[32], msg[32];
      snprintf(tag, sizeof tag, "[%s][rank 0]", names[lv]);
      snprintf(msg, sizeof msg, "message at %d\n", lv);
      const char *where = lv <= ECO_LOG_WARN ? err_text : out_text;
      const char *other = lv <= ECO_LOG_WARN ? out_text : err_text;
      char *hit = strstr(where, tag);
      if (lv <= set) {
        assert_non_null(hit);
        assert_non_null(strstr(hit, msg));
      } else {
        assert_null(hit);
      }
      assert_null(strstr(other, tag));
    }
  }
  /* Out of range levels are clamped, not trusted as indexes. */
  eco_log_set_level((eco_log_level)99);
  assert_int_equal(eco_log_get_level(), ECO_LOG_TRACE);
  eco_log_set_level(ECO_LOG_INFO);
}

static void test_long_message(void **state) {
  (void)state;
  char big[10000];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  capture_begin();
  eco_log(ECO_LOG_INFO, "%s", big);
  eco_log(ECO_LOG_INFO, "after");
  capture_end();
  /* Cut to one line, still newline-terminated, and the next line intact. */
  char *nl = strchr(out_text, '\n');
  assert_non_null(nl);
  assert_true(nl - out_text < 4096);
  assert_memory_equal(nl - 3, "...", 3);
  assert_non_null(strstr(nl + 1, "] after\n"));
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
      cmocka_unit_test(test_levels),
      cmocka_unit_test(test_format_and_streams),
      cmocka_unit_test(test_long_message),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
