/* Unit tests of the configuration: INI files, environment words, command-line
 * settings, option tables (types, ranges, enums, booleans, defaults),
 * precedence, unknown keys and sections, syntax errors, dump round trip. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ecoscale/config.h"
#include "ecoscale/progress.h"
#include "ecoscale/run.h"

typedef struct {
  int horizon;
  int64_t big;
  double alpha;
  double unbounded;
  int flag;
  char name[ECO_STR_MAX];
  int model;
} test_opts;

static const eco_option test_table_opts[] = {
    {"horizon", ECO_OPT_INT, "12", 1, 10000, NULL, "forecast steps ahead",
     offsetof(test_opts, horizon)},
    {"big", ECO_OPT_INT64, "1", 0, 9007199254740992.0, NULL, "a large count",
     offsetof(test_opts, big)},
    {"alpha", ECO_OPT_DOUBLE, "0.5", 0, 1, NULL, "smoothing",
     offsetof(test_opts, alpha)},
    {"unbounded", ECO_OPT_DOUBLE, "1", -INFINITY, INFINITY, NULL,
     "any number, infinity allowed", offsetof(test_opts, unbounded)},
    {"flag", ECO_OPT_BOOL, "false", 0, 0, NULL, "a switch",
     offsetof(test_opts, flag)},
    {"name", ECO_OPT_STRING, "demo", 0, 0, NULL, "a name",
     offsetof(test_opts, name)},
    {"model", ECO_OPT_ENUM, "theta", 0, 0, "ets|theta|croston", "the model",
     offsetof(test_opts, model)},
};
static const eco_option_table test_table =
    ECO_OPTION_TABLE("forecast", test_table_opts, test_opts);

static char tmpdir[256];

static const char *write_file(const char *name, const char *text) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

static eco_config *new_cfg(void) {
  eco_config *c = NULL;
  assert_int_equal(eco_config_create(&c), ECO_OK);
  return c;
}

/* Apply one setting and expect success. */
static test_opts apply_one(const char *arg) {
  eco_config *c = new_cfg();
  test_opts o;
  memset(&o, 0xab, sizeof o);
  assert_int_equal(eco_config_set_arg(c, arg), ECO_OK);
  eco_status st = eco_config_apply(c, &test_table, &o);
  if (st != ECO_OK)
    fail_msg("%s: %s", arg, eco_error_message());
  assert_int_equal(eco_config_check_unused(c), ECO_OK);
  eco_config_destroy(&c);
  return o;
}

/* Apply one setting and expect ECO_ERR_CONFIG with `needle` in the message. */
static void apply_fails(const char *arg, const char *needle) {
  eco_config *c = new_cfg();
  test_opts o;
  assert_int_equal(eco_config_set_arg(c, arg), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_ERR_CONFIG);
  if (!strstr(eco_error_message(), needle))
    fail_msg("%s: message '%s' lacks '%s'", arg, eco_error_message(), needle);
  eco_error_clear();
  eco_config_destroy(&c);
}

static void test_defaults(void **state) {
  eco_config *c = new_cfg();
  test_opts o;
  memset(&o, 0xab, sizeof o);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_OK);
  assert_int_equal(o.horizon, 12);
  assert_int_equal(o.big, 1);
  assert_true(o.alpha == 0.5);
  assert_int_equal(o.flag, 0);
  assert_string_equal(o.name, "demo");
  assert_int_equal(o.model, 1);
  eco_config_destroy(&c);
  assert_null(c);
  assert_int_equal(eco_config_destroy(NULL), ECO_OK);
}

static void test_types(void **state) {
  assert_int_equal(apply_one("--forecast.horizon=10000").horizon, 10000);
  assert_int_equal(apply_one("--forecast.horizon=1").horizon, 1);
  assert_int_equal(apply_one("--forecast.big=9007199254740992").big,
                   INT64_C(9007199254740992));
  assert_true(apply_one("--forecast.alpha=0.25").alpha == 0.25);
  assert_true(apply_one("--forecast.alpha=1e-3").alpha == 1e-3);
  assert_true(isinf(apply_one("--forecast.unbounded=inf").unbounded));
  assert_true(apply_one("--forecast.unbounded=-1e300").unbounded == -1e300);
  assert_string_equal(apply_one("--forecast.name=\"a b ; c\"").name, "a b ; c");
  assert_string_equal(apply_one("--forecast.name=x=y").name, "x=y");
  assert_string_equal(apply_one("--forecast.name=").name, "");
  assert_int_equal(apply_one("--forecast.model=ets").model, 0);
  assert_int_equal(apply_one("--forecast.model=croston").model, 2);
}

static void test_bool(void **state) {
  const char *yes[] = {"true", "yes", "on", "1", "TRUE", "Yes"};
  const char *no[] = {"false", "no", "off", "0", "False", "OFF"};
  char arg[64];
  for (int i = 0; i < 6; ++i) {
    snprintf(arg, sizeof arg, "forecast.flag=%s", yes[i]);
    assert_int_equal(apply_one(arg).flag, 1);
    snprintf(arg, sizeof arg, "forecast.flag=%s", no[i]);
    assert_int_equal(apply_one(arg).flag, 0);
  }
  apply_fails("forecast.flag=maybe", "is not a boolean");
  apply_fails("forecast.flag=2", "is not a boolean");
}

static void test_ranges_and_bad_values(void **state) {
  apply_fails("forecast.horizon=-3",
              "command line: forecast.horizon = \"-3\" is out of range "
              "[1, 10000] (forecast steps ahead)");
  apply_fails("forecast.horizon=0", "out of range [1, 10000]");
  apply_fails("forecast.horizon=10001", "out of range");
  apply_fails("forecast.horizon=99999999999", "out of range");
  apply_fails("forecast.horizon=12abc", "\"12abc\" is not an integer");
  apply_fails("forecast.horizon=1.5", "is not an integer");
  apply_fails("forecast.horizon=", "is not an integer");
  apply_fails("forecast.big=9007199254740993", "out of range [0, 9007199254740992]");
  apply_fails("forecast.big=-1", "out of range");
  apply_fails("forecast.alpha=1.0000001", "out of range [0, 1]");
  apply_fails("forecast.alpha=nan", "is not a number");
  apply_fails("forecast.alpha=inf", "out of range");
  apply_fails("forecast.alpha=0.5x", "is not a number");
  apply_fails("forecast.unbounded=nan", "is not a number");
  apply_fails("forecast.model=arima", "\"arima\" is not one of ets|theta|croston");
  apply_fails("forecast.model=et", "is not one of");
}

static void test_arg_syntax(void **state) {
  eco_config *c = new_cfg();
  assert_int_equal(eco_config_set_arg(c, "--a.b.key=v"), ECO_OK);
  assert_string_equal(eco_config_get(c, "a.b", "key"), "v");
  assert_null(eco_config_get(c, "a", "b.key"));
  assert_int_equal(eco_config_set_arg(c, "--nodot=1"), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "section.key=value"));
  assert_int_equal(eco_config_set_arg(c, "--a.key"), ECO_ERR_CONFIG);
  assert_int_equal(eco_config_set_arg(c, "--.key=1"), ECO_ERR_CONFIG);
  eco_error_clear();
  assert_int_equal(
      eco_config_read_env(c, "  x.y=1\tx.z='two words'  s.t.u=\"q\" ", "ENV"),
      ECO_OK);
  assert_string_equal(eco_config_get(c, "x", "y"), "1");
  assert_string_equal(eco_config_get(c, "x", "z"), "two words");
  assert_string_equal(eco_config_get(c, "s.t", "u"), "q");
  assert_int_equal(eco_config_read_env(c, "x.y='open", "ENV"), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "unterminated quote"));
  assert_int_equal(eco_config_read_env(c, NULL, "ENV"), ECO_OK);
  eco_error_clear();
  eco_config_destroy(&c);
}

static void test_file(void **state) {
  const char *p = write_file("ok.ini", "; comment\n"
                                       "# another\n"
                                       "[forecast]\n"
                                       "horizon = 24\n"
                                       "  name = \"quoted ; value\"   \n"
                                       "model=ets ; inline comment\n"
                                       "\n"
                                       "[sweep.grid]\n"
                                       "alpha = 0.1\n");
  eco_config *c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_string_equal(eco_config_get(c, "forecast", "horizon"), "24");
  assert_string_equal(eco_config_get(c, "forecast", "name"), "quoted ; value");
  assert_string_equal(eco_config_get(c, "forecast", "model"), "ets");
  assert_string_equal(eco_config_get(c, "sweep.grid", "alpha"), "0.1");
  eco_config_destroy(&c);
}

static void test_file_errors(void **state) {
  eco_config *c = new_cfg();
  char missing[600];
  snprintf(missing, sizeof missing, "%s/missing.ini", tmpdir);
  assert_int_equal(eco_config_read_file(c, missing), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), missing));

  const char *p = write_file("syntax.ini", "[forecast]\nhorizon = 3\n\nthis is not ini\n");
  char want[700];
  snprintf(want, sizeof want, "%s:4: syntax error", p);
  assert_int_equal(eco_config_read_file(c, p), ECO_ERR_CONFIG);
  if (!strstr(eco_error_message(), want))
    fail_msg("message '%s' lacks '%s'", eco_error_message(), want);

  p = write_file("section.ini", "[forecast]\nhorizon = 3\n[broken\n");
  assert_int_equal(eco_config_read_file(c, p), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "section.ini:3: syntax error"));

  p = write_file("nosection.ini", "\nhorizon = 3\n");
  assert_int_equal(eco_config_read_file(c, p), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "nosection.ini:2: key horizon is outside any [section]"));

  char longline[400];
  memset(longline, 'x', sizeof longline);
  memcpy(longline, "[a]\nk = ", 8);
  longline[sizeof longline - 2] = '\n';
  longline[sizeof longline - 1] = '\0';
  p = write_file("long.ini", longline);
  assert_int_equal(eco_config_read_file(c, p), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "long.ini:2: line longer than 197 characters; break a "
                                              "list value after a ',' or ';' and continue it on "
                                              "an indented next line"));
  eco_error_clear();
  eco_config_destroy(&c);
}

/* An indented line after a value that ends with ',' or ';' continues it
 * (joined with one space); other indented lines are keys, or an error that
 * says why; a line too long for inih says how to continue the value. */
static void test_file_continuation(void **state) {
  const char *p = write_file("cont.ini", "[forecast]\n"
                                         "name = naive, snaive,   ; the fast ones\n"
                                         "    ses, holt;\n"
                                         "\t\"theta; x\"\n"
                                         "; a comment ends the value\n"
                                         "  model = ets\n"
                                         "horizon = 24\n"
                                         "  alpha = 0.5\n"
                                         "[sweep]\n"
                                         "grid = col:x=1:2:1;\n"
                                         "       row:y*=0.5,1\n");
  eco_config *c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_string_equal(eco_config_get(c, "forecast", "name"), "naive, snaive, ses, holt; theta; x");
  assert_string_equal(eco_config_get(c, "forecast", "model"), "ets");
  assert_string_equal(eco_config_get(c, "forecast", "horizon"), "24");
  assert_string_equal(eco_config_get(c, "forecast", "alpha"), "0.5");
  assert_string_equal(eco_config_get(c, "sweep", "grid"), "col:x=1:2:1; row:y*=0.5,1");
  eco_config_destroy(&c);

  /* a list longer than one line of inih: 60 items over 3 lines */
  char text[4096], want[4096];
  size_t t = 0, w = 0;
  t += (size_t)snprintf(text + t, sizeof text - t, "[forecast]\nname = ");
  for (int i = 0; i < 60; ++i) {
    t += (size_t)snprintf(text + t, sizeof text - t, "%sitem%02d,%s", i % 20 ? " " : "", i,
                          i % 20 == 19 ? "\n    " : "");
    w += (size_t)snprintf(want + w, sizeof want - w, "%sitem%02d,", i ? " " : "", i);
  }
  snprintf(text + t, sizeof text - t, "last\nhorizon = 3\n");
  snprintf(want + w, sizeof want - w, " last");
  p = write_file("longlist.ini", text);
  c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_true(strlen(want) > 400);
  assert_string_equal(eco_config_get(c, "forecast", "name"), want);
  test_opts o;
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_OK);
  assert_string_equal(o.name, want);
  assert_int_equal(o.horizon, 3);
  eco_config_destroy(&c);

  /* errors */
  static const struct {
    const char *text, *want;
  } bad[] = {
      {"[forecast]\nhorizon = 24\n   25\n",
       ":3: an indented line continues the value of forecast.horizon only after a line that "
       "ends with ',' or ';'"},
      {"[forecast]\nname = a,\n  b\n\n  c\n", ":5: syntax error"},
      {"[forecast]\nname = a,\n  b\nname = c\n", ":4: forecast.name is set twice (first at line 2)"},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; ++k) {
    p = write_file("contbad.ini", bad[k].text);
    c = new_cfg();
    assert_int_equal(eco_config_read_file(c, p), ECO_ERR_CONFIG);
    if (!strstr(eco_error_message(), bad[k].want))
      fail_msg("case %zu: message '%s' lacks '%s'", k, eco_error_message(), bad[k].want);
    eco_error_clear();
    eco_config_destroy(&c);
  }
  /* a continued value that is not a list is checked as one value, named by
   * the line of its key */
  p = write_file("contnum.ini", "[forecast]\nhorizon = 1,\n  2\n");
  c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "contnum.ini:2: forecast.horizon = \"1, 2\" is not an integer"));
  eco_error_clear();
  eco_config_destroy(&c);
}

static void test_precedence(void **state) {
  const char *p = write_file("prec.ini", "[forecast]\nhorizon = 5\nalpha = 0.1\nflag = yes\n");
  eco_config *c = new_cfg();
  test_opts o;
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_read_env(c, "forecast.horizon=6 forecast.alpha=0.2",
                                       "ECOSCALE_OPTIONS"),
                   ECO_OK);
  assert_int_equal(eco_config_set_arg(c, "--forecast.horizon=7"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_OK);
  assert_int_equal(o.horizon, 7);    /* command line wins */
  assert_true(o.alpha == 0.2);       /* environment over file */
  assert_int_equal(o.flag, 1);       /* file over default */
  assert_int_equal(o.model, 1);      /* default */
  eco_config_destroy(&c);

  /* Each origin is named in errors. */
  c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_read_env(c, "forecast.alpha=2", "ECOSCALE_OPTIONS"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "ECOSCALE_OPTIONS: forecast.alpha = \"2\" is out of range"));
  eco_config_destroy(&c);

  p = write_file("prec2.ini", "[forecast]\n\nhorizon = 0\n");
  c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_ERR_CONFIG);
  char want[700];
  snprintf(want, sizeof want, "%s:3: forecast.horizon = \"0\" is out of range [1, 10000]", p);
  if (!strstr(eco_error_message(), want))
    fail_msg("message '%s' lacks '%s'", eco_error_message(), want);
  eco_error_clear();
  eco_config_destroy(&c);
}

static void test_unknown(void **state) {
  const char *p = write_file("unknown.ini", "[forecast]\nhorizon = 5\n\n\n\n\nhorizn = 3\n");
  eco_config *c = new_cfg();
  test_opts o;
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_OK);
  assert_int_equal(eco_config_check_unused(c), ECO_ERR_CONFIG);
  char want[700];
  snprintf(want, sizeof want,
           "%s:7: unknown key forecast.horizn (did you mean forecast.horizon?)", p);
  if (!strstr(eco_error_message(), want))
    fail_msg("message '%s' lacks '%s'", eco_error_message(), want);
  eco_config_destroy(&c);

  c = new_cfg();
  assert_int_equal(eco_config_set_arg(c, "--forcast.horizon=3"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_OK);
  assert_int_equal(eco_config_check_unused(c), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(),
                         "command line: unknown section [forcast] (did you mean [forecast]?)"));
  eco_config_destroy(&c);

  c = new_cfg();
  assert_int_equal(eco_config_set_arg(c, "--forecast.zzzzzz=3"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_OK);
  assert_int_equal(eco_config_check_unused(c), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "unknown key forecast.zzzzzz"));
  assert_null(strstr(eco_error_message(), "did you mean"));
  eco_config_destroy(&c);
  eco_error_clear();
}

static void test_dump_round_trip(void **state) {
  eco_config *c = new_cfg();
  test_opts a, b;
  eco_run_options ra, rb;
  eco_footprint_config fa, fb;
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  assert_int_equal(eco_config_read_env(
                       c,
                       "forecast.horizon=33 forecast.alpha=0.1 forecast.flag=on "
                       "forecast.name='with ; semicolon and \"quotes\"' "
                       "forecast.model=croston forecast.unbounded=-inf "
                       "run.seed=9007199254740992 footprint.watts_per_core=12.5",
                       "ENV"),
                   ECO_OK);
  assert_int_equal(eco_config_apply(c, &eco_run_option_table, &ra), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &a), ECO_OK);
  assert_int_equal(eco_config_apply(c, &eco_footprint_option_table, &fa), ECO_OK);
  char *text = NULL;
  assert_int_equal(eco_config_dump(c, &text), ECO_OK);
  /* sections in application order, defaults included */
  char *run = strstr(text, "[run]"), *fc = strstr(text, "[forecast]"),
       *fp = strstr(text, "[footprint]");
  assert_non_null(run);
  assert_non_null(fc);
  assert_non_null(fp);
  assert_true(run < fc && fc < fp);
  assert_non_null(strstr(text, "big = 1\n"));
  assert_non_null(strstr(text, "grid_gco2_per_kwh = 300\n"));
  assert_non_null(strstr(text, "seed = 9007199254740992\n"));
  eco_config_destroy(&c);

  const char *p = write_file("dump.ini", text);
  free(text);
  c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_apply(c, &eco_run_option_table, &rb), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &b), ECO_OK);
  assert_int_equal(eco_config_apply(c, &eco_footprint_option_table, &fb), ECO_OK);
  assert_int_equal(eco_config_check_unused(c), ECO_OK);
  assert_int_equal(a.horizon, b.horizon);
  assert_int_equal(a.big, b.big);
  assert_true(a.alpha == b.alpha);
  assert_true(a.unbounded == b.unbounded && isinf(b.unbounded));
  assert_int_equal(a.flag, b.flag);
  assert_string_equal(a.name, b.name);
  assert_string_equal(b.name, "with ; semicolon and \"quotes\"");
  assert_int_equal(a.model, b.model);
  assert_int_equal(ra.seed, rb.seed);
  assert_int_equal(rb.seed, INT64_C(9007199254740992));
  assert_int_equal(rb.resume, 0);
  assert_true(fa.watts_per_core == fb.watts_per_core && fb.watts_per_core == 12.5);
  /* an exact double survives */
  eco_config_destroy(&c);
}

/* A list value too long for one INI line is dumped on continuation lines
 * (each line below inih's limit) and reads back the same. */
static void test_dump_long_list(void **state) {
  char arg[3000] = "--forecast.name=", want[3000] = "";
  for (int i = 0; i < 150; ++i) {
    char item[32];
    snprintf(item, sizeof item, "%sitem%03d%s", i % 5 ? " " : "  ", i, i % 7 == 6 ? ";" : ",");
    strcat(want, item);
  }
  strcat(want, " last ; with \"quotes\"");
  strcat(arg, want);
  eco_config *c = new_cfg();
  test_opts a, b;
  assert_int_equal(eco_config_set_arg(c, arg), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &a), ECO_OK);
  assert_string_equal(a.name, want);
  char *text = NULL;
  assert_int_equal(eco_config_dump(c, &text), ECO_OK);
  eco_config_destroy(&c);
  int lines = 0;
  for (const char *l = text; *l; ++lines) {
    const char *nl = strchr(l, '\n');
    assert_non_null(nl);
    if (nl - l > 190)
      fail_msg("dump line %d has %d characters: %.*s", lines + 1, (int)(nl - l), (int)(nl - l), l);
    l = nl + 1;
  }
  assert_true(lines > 12); /* [forecast], 6 short keys, name on 7 lines or more */
  const char *p = write_file("dumplong.ini", text);
  free(text);
  c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &b), ECO_OK);
  assert_string_equal(b.name, want);
  eco_config_destroy(&c);
}

static void test_doubles_exact(void **state) {
  /* values that need 17 digits round-trip through dump */
  eco_config *c = new_cfg();
  test_opts a, b;
  assert_int_equal(eco_config_set(c, "forecast", "alpha", "0.1000000000000000055511151231257827", "t"), ECO_OK);
  assert_int_equal(eco_config_set(c, "forecast", "unbounded", "3.141592653589793", "t"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &a), ECO_OK);
  char *text = NULL;
  assert_int_equal(eco_config_dump(c, &text), ECO_OK);
  eco_config_destroy(&c);
  const char *p = write_file("exact.ini", text);
  free(text);
  c = new_cfg();
  assert_int_equal(eco_config_read_file(c, p), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &b), ECO_OK);
  assert_memory_equal(&a.alpha, &b.alpha, sizeof(double));
  assert_memory_equal(&a.unbounded, &b.unbounded, sizeof(double));
  eco_config_destroy(&c);
}

static void test_bcast_and_override(void **state) {
  eco_config *c = new_cfg();
  assert_int_equal(eco_config_set(c, "forecast", "horizon", "3", "first"), ECO_OK);
  assert_int_equal(eco_config_set(c, "forecast", "horizon", "4", "second"), ECO_OK);
  assert_int_equal(eco_config_set(c, "x.y", "z", "w", "third"), ECO_OK);
  assert_int_equal(eco_config_bcast(c, 0, MPI_COMM_WORLD), ECO_OK);
  assert_string_equal(eco_config_get(c, "forecast", "horizon"), "4");
  assert_string_equal(eco_config_get(c, "x.y", "z"), "w");
  test_opts o;
  assert_int_equal(eco_config_set(c, "forecast", "horizon", "0", "second"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "second: forecast.horizon"));
  assert_int_equal(eco_config_set(c, "forecast", "name", "a\nb", "t"), ECO_ERR_CONFIG);
  eco_error_clear();
  eco_config_destroy(&c);
}

static void test_check_table(void **state) {
  eco_config *c = new_cfg();
  eco_run_options r;
  assert_int_equal(eco_config_set_arg(c, "--forecast.horizon=30"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &eco_run_option_table, &r), ECO_OK);
  /* checked: used, but not part of the dump */
  assert_int_equal(eco_config_check_table(c, &test_table), ECO_OK);
  assert_int_equal(eco_config_check_unused(c), ECO_OK);
  char *text = NULL;
  assert_int_equal(eco_config_dump(c, &text), ECO_OK);
  assert_non_null(strstr(text, "[run]"));
  assert_null(strstr(text, "[forecast]"));
  assert_true(text[0] == '[');
  free(text);
  /* a bad value or unknown key in a checked section is still an error */
  assert_int_equal(eco_config_set_arg(c, "--forecast.horizon=0"), ECO_OK);
  eco_config_destroy(&c);
  c = new_cfg();
  assert_int_equal(eco_config_set_arg(c, "--forecast.horizon=0"), ECO_OK);
  assert_int_equal(eco_config_check_table(c, &test_table), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "forecast.horizon = \"0\" is out of range"));
  eco_config_destroy(&c);
  c = new_cfg();
  assert_int_equal(eco_config_set_arg(c, "--forecast.horizn=3"), ECO_OK);
  assert_int_equal(eco_config_check_table(c, &test_table), ECO_OK);
  assert_int_equal(eco_config_check_unused(c), ECO_ERR_CONFIG);
  assert_non_null(strstr(eco_error_message(), "did you mean forecast.horizon?"));
  /* applying after checking puts the section in the dump */
  test_opts o;
  assert_int_equal(eco_config_apply(c, &test_table, &o), ECO_OK);
  assert_int_equal(eco_config_dump(c, &text), ECO_OK);
  assert_non_null(strstr(text, "[forecast]\nhorizon = 12\n"));
  free(text);
  eco_error_clear();
  eco_config_destroy(&c);
}

static void test_help_print(void **state) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  eco_option_table_print(&test_table, f);
  fclose(f);
  assert_non_null(strstr(buf, "[forecast]"));
  assert_non_null(strstr(buf, "--forecast.horizon=integer"));
  assert_non_null(strstr(buf, "forecast steps ahead"));
  assert_non_null(strstr(buf, "default 12, range [1, 10000]"));
  assert_non_null(strstr(buf, "--forecast.model=ets|theta|croston"));
  free(buf);
}

static void test_run_tables(void **state) {
  eco_config *c = new_cfg();
  eco_run_options r;
  eco_footprint_config fp;
  assert_int_equal(eco_config_apply(c, &eco_run_option_table, &r), ECO_OK);
  assert_int_equal(eco_config_apply(c, &eco_footprint_option_table, &fp), ECO_OK);
  assert_int_equal(r.seed, 1);
  assert_string_equal(r.output, "");
  assert_int_equal(r.resume, 0);
  assert_true(fp.watts_per_core == 10 && fp.grid_gco2_per_kwh == 300);
  assert_int_equal(eco_config_set_arg(c, "--footprint.grid_gco2_per_kwh=5001"), ECO_OK);
  assert_int_equal(eco_config_apply(c, &eco_footprint_option_table, &fp), ECO_ERR_CONFIG);
  eco_error_clear();
  eco_config_destroy(&c);
  assert_non_null(eco_version());
  assert_true(strlen(eco_git_revision()) > 0);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  snprintf(tmpdir, sizeof tmpdir, "/tmp/eco_test_config.XXXXXX");
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),
      cmocka_unit_test(test_types),
      cmocka_unit_test(test_bool),
      cmocka_unit_test(test_ranges_and_bad_values),
      cmocka_unit_test(test_arg_syntax),
      cmocka_unit_test(test_file),
      cmocka_unit_test(test_file_errors),
      cmocka_unit_test(test_file_continuation),
      cmocka_unit_test(test_precedence),
      cmocka_unit_test(test_unknown),
      cmocka_unit_test(test_dump_round_trip),
      cmocka_unit_test(test_dump_long_list),
      cmocka_unit_test(test_doubles_exact),
      cmocka_unit_test(test_bcast_and_override),
      cmocka_unit_test(test_check_table),
      cmocka_unit_test(test_help_print),
      cmocka_unit_test(test_run_tables),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmpdir);
  MPI_Finalize();
  return rc;
}
