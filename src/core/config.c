/* ecoscale configuration: settings from INI files (inih), the environment
 * and the command line; option tables applied with strict checks.
 *
 * A setting is (section, key, value, origin). Later settings of the same
 * section.key replace earlier ones, which gives the precedence
 * defaults < file < ECOSCALE_OPTIONS < command line when the CLI reads them
 * in that order. Applying a table marks the settings it uses and records the
 * effective values (for eco_config_dump). */
#include "ecoscale/config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct {
  char *section, *key, *value, *origin;
  int used;
} setting;

typedef struct {
  char *section;
  int checked_only; /* eco_config_check_table: validated, not in the dump */
  size_t nkeys;
  char **keys;   /* option keys, table order */
  char **values; /* effective values as INI text */
} applied;

struct eco_config {
  setting *set;
  size_t nset, capset;
  applied *app;
  size_t napp;
};

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */
/* ------------------------------------------------------------------------ */

static void setting_free(setting *s) {
  free(s->section);
  free(s->key);
  free(s->value);
  free(s->origin);
}

static void applied_free(applied *a) {
  for (size_t i = 0; i < a->nkeys; ++i) {
    free(a->keys[i]);
    free(a->values[i]);
  }
  free(a->keys);
  free(a->values);
  free(a->section);
}

/* Levenshtein distance, for "did you mean". */
static size_t edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  size_t *row = eco_fault_hit(ECO_FAULT_ALLOC) ? NULL : malloc((lb + 1) * sizeof *row);
  if (!row)
    return (size_t)-1;
  for (size_t j = 0; j <= lb; ++j)
    row[j] = j;
  for (size_t i = 1; i <= la; ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; ++j) {
      size_t up = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = diag + cost;
      if (row[j] + 1 < best)
        best = row[j] + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  size_t d = row[lb];
  free(row);
  return d;
}

/* Close enough to suggest: at most a third of the longer word, at least 2. */
static int similar(const char *a, const char *b, size_t *dist) {
  size_t la = strlen(a), lb = strlen(b);
  size_t limit = (la > lb ? la : lb) / 3;
  if (limit < 2)
    limit = 2;
  *dist = edit_distance(a, b);
  return *dist <= limit;
}

/* Format a range bound: integers without exponent, others shortest %g. */
static void fmt_number(double v, char *buf, size_t len) {
  if (isinf(v)) {
    snprintf(buf, len, "%sinf", v < 0 ? "-" : "");
  } else if (v == floor(v) && fabs(v) < 1e18) {
    snprintf(buf, len, "%.0f", v);
  } else {
    for (int prec = 6; prec <= 17; ++prec) {
      snprintf(buf, len, "%.*g", prec, v);
      if (strtod(buf, NULL) == v)
        break;
    }
  }
}

/* Shortest text that reads back as exactly v. */
static void fmt_double(double v, char *buf, size_t len) {
  if (isinf(v)) {
    snprintf(buf, len, "%sinf", v < 0 ? "-" : "");
    return;
  }
  if (v == floor(v) && fabs(v) < 1e15) {
    snprintf(buf, len, "%.0f", v);
    return;
  }
  for (int prec = 1; prec <= 17; ++prec) {
    snprintf(buf, len, "%.*g", prec, v);
    if (strtod(buf, NULL) == v)
      return;
  }
}

static const char *type_name(eco_opt_type t) {
  switch (t) {
  case ECO_OPT_INT:
  case ECO_OPT_INT64:
    return "integer";
  case ECO_OPT_DOUBLE:
    return "number";
  case ECO_OPT_BOOL:
    return "boolean";
  case ECO_OPT_STRING:
    return "string";
  case ECO_OPT_ENUM:
    return "choice";
  }
  return "?";
}

/* Remove one pair of matching surrounding quotes, in place. */
static void unquote(char *v) {
  size_t n = strlen(v);
  if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
    memmove(v, v + 1, n - 2);
    v[n - 2] = '\0';
  }
}

/* ------------------------------------------------------------------------ */
/* Settings                                                                 */
/* ------------------------------------------------------------------------ */

eco_status eco_config_create(eco_config **out) {
  ECO_CHECK(out != NULL, ECO_ERR_INTERNAL, "eco_config_create: out is NULL");
  *out = NULL;
  eco_config *c = NULL;
  ECO_CALL(eco_calloc(1, sizeof *c, &c));
  *out = c;
  return ECO_OK;
}

eco_status eco_config_destroy(eco_config **cfg) {
  if (!cfg || !*cfg)
    return ECO_OK;
  eco_config *c = *cfg;
  for (size_t i = 0; i < c->nset; ++i)
    setting_free(&c->set[i]);
  free(c->set);
  for (size_t i = 0; i < c->napp; ++i)
    applied_free(&c->app[i]);
  free(c->app);
  free(c);
  *cfg = NULL;
  return ECO_OK;
}

static setting *find_setting(const eco_config *cfg, const char *section,
                             const char *key) {
  for (size_t i = 0; i < cfg->nset; ++i)
    if (strcmp(cfg->set[i].section, section) == 0 &&
        strcmp(cfg->set[i].key, key) == 0)
      return &cfg->set[i];
  return NULL;
}

eco_status eco_config_set(eco_config *cfg, const char *section,
                          const char *key, const char *value,
                          const char *origin) {
  ECO_CHECK(cfg && section && key && value, ECO_ERR_INTERNAL,
            "eco_config_set: NULL argument");
  if (!origin)
    origin = "program";
  ECO_CHECK(section[0] != '\0', ECO_ERR_CONFIG,
            "%s: key %s is outside any [section]", origin, key);
  ECO_CHECK(key[0] != '\0', ECO_ERR_CONFIG, "%s: empty key in section [%s]",
            origin, section);
  ECO_CHECK(strpbrk(value, "\r\n") == NULL, ECO_ERR_CONFIG,
            "%s: %s.%s: value contains a line break", origin, section, key);
  ECO_CHECK(strlen(value) < ECO_STR_MAX, ECO_ERR_CONFIG,
            "%s: %s.%s: value longer than %d characters", origin, section, key,
            ECO_STR_MAX - 1);
  char *v = NULL, *o = NULL;
  ECO_CALL(eco_strdup(value, &v));
  if (eco_strdup(origin, &o) != ECO_OK) {
    free(v);
    return ECO_ERR_MEM;
  }
  setting *s = find_setting(cfg, section, key);
  if (s) {
    free(s->value);
    free(s->origin);
    s->value = v;
    s->origin = o;
    s->used = 0;
    return ECO_OK;
  }
  if (cfg->nset == cfg->capset) {
    size_t cap = cfg->capset ? 2 * cfg->capset : 16;
    setting *n = cfg->set;
    if (eco_realloc(cap * sizeof *n, &n) != ECO_OK) {
      free(v);
      free(o);
      return ECO_ERR_MEM;
    }
    cfg->set = n;
    cfg->capset = cap;
  }
  s = &cfg->set[cfg->nset];
  memset(s, 0, sizeof *s);
  if (eco_strdup(section, &s->section) != ECO_OK ||
      eco_strdup(key, &s->key) != ECO_OK) {
    free(s->section);
    free(v);
    free(o);
    return ECO_ERR_MEM;
  }
  s->value = v;
  s->origin = o;
  cfg->nset++;
  return ECO_OK;
}

const char *eco_config_get(const eco_config *cfg, const char *section,
                           const char *key) {
  if (!cfg || !section || !key)
    return NULL;
  const setting *s = find_setting(cfg, section, key);
  return s ? s->value : NULL;
}

/* "section.key=value" (the section may contain dots: split at the last dot
 * before '='). The value may be quoted. */
static eco_status set_word(eco_config *cfg, const char *word,
                           const char *origin) {
  const char *eq = strchr(word, '=');
  ECO_CHECK(eq != NULL, ECO_ERR_CONFIG,
            "%s: '%s' is not of the form section.key=value", origin, word);
  size_t nlhs = (size_t)(eq - word);
  char *lhs = NULL;
  ECO_CALL(eco_malloc(nlhs + 1, &lhs));
  memcpy(lhs, word, nlhs);
  lhs[nlhs] = '\0';
  char *dot = strrchr(lhs, '.');
  if (!dot || dot == lhs || dot[1] == '\0') {
    eco_status st = eco_error_set(
        ECO_ERR_CONFIG, __FILE__, __LINE__,
        "%s: '%s' is not of the form section.key=value", origin, word);
    free(lhs);
    return st;
  }
  *dot = '\0';
  char *val = NULL;
  eco_status st = eco_strdup(eq + 1, &val);
  if (st == ECO_OK) {
    unquote(val);
    st = eco_config_set(cfg, lhs, dot + 1, val, origin);
  }
  free(val);
  free(lhs);
  return st;
}

eco_status eco_config_set_arg(eco_config *cfg, const char *arg) {
  ECO_CHECK(cfg && arg, ECO_ERR_INTERNAL, "eco_config_set_arg: NULL argument");
  while (*arg == '-')
    ++arg;
  return set_word(cfg, arg, "command line");
}

/* Words separated by white space; '...' and "..." group (quotes removed). */
eco_status eco_config_read_env(eco_config *cfg, const char *text,
                               const char *origin) {
  ECO_CHECK(cfg != NULL, ECO_ERR_INTERNAL, "eco_config_read_env: NULL cfg");
  if (!text)
    return ECO_OK;
  if (!origin)
    origin = "ECOSCALE_OPTIONS";
  char *word = NULL;
  ECO_CALL(eco_malloc(strlen(text) + 1, &word));
  const char *p = text;
  eco_status st = ECO_OK;
  while (st == ECO_OK) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
      ++p;
    if (!*p)
      break;
    size_t n = 0;
    char quote = 0;
    while (*p && (quote || !(*p == ' ' || *p == '\t' || *p == '\n' ||
                             *p == '\r'))) {
      if (quote && *p == quote) {
        quote = 0;
      } else if (!quote && (*p == '"' || *p == '\'')) {
        quote = *p;
      } else {
        word[n++] = *p;
      }
      ++p;
    }
    word[n] = '\0';
    if (quote) {
      st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s: unterminated quote in '%s'", origin, word);
      break;
    }
    st = set_word(cfg, word, origin);
  }
  free(word);
  return st;
}

/* ------------------------------------------------------------------------ */
/* INI files                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  FILE *fp;
  eco_config *cfg;
  const char *path;
  int lineno;    /* line of the text last handed to inih */
  int err_line;  /* first line with an error we detected (0 if none) */
  eco_status st; /* first error from a handler */
  char *buf;
  size_t cap;
  /* the value of the last key line (or of its continuation lines) may be
   * continued by the next line: section and key of that value */
  int cont;
  char cont_section[256], cont_key[256];
} ini_state;

/* A value continues on the next line (indented) only after one of these,
 * the separators of ecoscale's list options; the line break and the
 * indentation become one space. */
static int ends_list_item(const char *v) {
  size_t n = strlen(v);
  return n > 0 && (v[n - 1] == ',' || v[n - 1] == ';');
}

/* An INI value as inih hands it (inline comments off): a quoted value is
 * everything between its first and last quote, and may contain ';'. Otherwise
 * a ';' or '#' after white space starts a comment. */
static void strip_value(char *v) {
  size_t n = strlen(v);
  if (n >= 2 && (v[0] == '"' || v[0] == '\'')) {
    char *last = strrchr(v + 1, v[0]);
    if (last) {
      const char *r = last + 1;
      while (*r == ' ' || *r == '\t')
        ++r;
      if (*r == '\0' || ((*r == ';' || *r == '#') && r > last + 1)) {
        size_t m = (size_t)(last - v - 1);
        memmove(v, v + 1, m);
        v[m] = '\0';
        return;
      }
    }
  }
  for (char *p = v + 1; n > 0 && *p; ++p) {
    if ((*p == ';' || *p == '#') && (p[-1] == ' ' || p[-1] == '\t')) {
      *p = '\0';
      break;
    }
  }
  n = strlen(v);
  while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
    v[--n] = '\0';
}

/* Line s->buf, indented and neither blank nor a comment, continues the
 * value s->cont_section.s->cont_key: append it (after strip_value) with one
 * space. Sets s->st on an error. */
static void ini_continue(ini_state *s, const char *text) {
  const setting *set = find_setting(s->cfg, s->cont_section, s->cont_key);
  char *piece = NULL, *joined = NULL;
  if (eco_strdup(text, &piece) != ECO_OK) {
    s->st = ECO_ERR_MEM;
    return;
  }
  piece[strcspn(piece, "\r\n")] = '\0';
  strip_value(piece);
  size_t vl = strlen(set->value), pl = strlen(piece);
  if (pl > 0 && eco_malloc(vl + pl + 2, &joined) == ECO_OK) {
    snprintf(joined, vl + pl + 2, "%s %s", set->value, piece);
    s->st = eco_config_set(s->cfg, s->cont_section, s->cont_key, joined, set->origin);
  } else if (pl > 0) {
    s->st = ECO_ERR_MEM;
  }
  free(piece);
  free(joined);
}

/* fgets-like reader that counts lines, flags lines inih would cut, and
 * takes the continuation lines of list values (inih gets an empty line for
 * those: its line buffer is INI_MAX_LINE, a build constant of libinih). */
static char *ini_reader_fn(char *str, int num, void *stream) {
  ini_state *s = stream;
  ssize_t n = getline(&s->buf, &s->cap, s->fp);
  if (n < 0)
    return NULL;
  s->lineno++;
  if (n > num - 3) {
    if (s->st == ECO_OK) {
      s->st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                            "%s:%d: line longer than %d characters; break a list value after "
                            "a ',' or ';' and continue it on an indented next line",
                            s->path, s->lineno, num - 3);
      s->err_line = s->lineno;
    }
    n = 0; /* never copy more than inih's buffer holds: an empty line */
  }
  const int cont = s->cont;
  s->cont = 0; /* set again by the handler of a key line or below */
  const char *t = s->buf + strspn(s->buf, " \t");
  if (cont && n > 0 && t > s->buf && !strchr(";#\r\n", *t) && s->st == ECO_OK &&
      !memchr(s->buf, '\0', (size_t)n)) {
    if (ends_list_item(find_setting(s->cfg, s->cont_section, s->cont_key)->value)) {
      ini_continue(s, t);
      if (s->st != ECO_OK)
        s->err_line = s->lineno;
      s->cont = s->st == ECO_OK;
      n = 0; /* taken: inih sees an empty line */
    } else if (!strpbrk(t, "=:")) { /* not key = value: inih would only say "syntax error" */
      s->st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                            "%s:%d: an indented line continues the value of %s.%s only "
                            "after a line that ends with ',' or ';' (a list)",
                            s->path, s->lineno, s->cont_section, s->cont_key);
      s->err_line = s->lineno;
    }
  }
  const char *nul = memchr(s->buf, '\0', (size_t)n);
  if (nul && s->st == ECO_OK) { /* inih would cut the line there */
    s->st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                          "%s:%d:%d: NUL byte (a binary or UTF-16 file? save it as UTF-8 text)",
                          s->path, s->lineno, (int)(nul - s->buf) + 1);
    s->err_line = s->lineno;
  }
  memcpy(str, s->buf, (size_t)n);
  str[n] = '\0';
  return str;
}

static int ini_handler_fn(void *user, const char *section, const char *name,
                          const char *value) {
  ini_state *s = user;
  if (s->st != ECO_OK)
    return 1; /* keep the first error */
  char origin[ECO_STR_MAX + 32];
  snprintf(origin, sizeof origin, "%s:%d", s->path, s->lineno);
  if (!section[0]) {
    s->st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                          "%s: key %s is outside any [section]", origin, name);
    s->err_line = s->lineno;
    return 0;
  }
  char *v = NULL;
  if (eco_strdup(value ? value : "", &v) != ECO_OK) {
    s->st = ECO_ERR_MEM;
    return 0;
  }
  strip_value(v);
  /* a key given twice in the same file: the first would be silently ignored */
  const setting *prev = find_setting(s->cfg, section, name);
  const size_t pl = strlen(s->path);
  if (prev && strncmp(prev->origin, s->path, pl) == 0 && prev->origin[pl] == ':') {
    s->st = eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                          "%s: %s.%s is set twice (first at line %s)", origin, section, name,
                          prev->origin + pl + 1);
    free(v);
    s->err_line = s->lineno;
    return 0;
  }
  s->st = eco_config_set(s->cfg, section, name, v, origin);
  free(v);
  if (s->st != ECO_OK) {
    s->err_line = s->lineno;
    return 0;
  }
  s->cont = snprintf(s->cont_section, sizeof s->cont_section, "%s", section) <
                (int)sizeof s->cont_section &&
            snprintf(s->cont_key, sizeof s->cont_key, "%s", name) < (int)sizeof s->cont_key;
  return 1;
}

eco_status eco_config_read_file(eco_config *cfg, const char *path) {
  ECO_CHECK(cfg && path, ECO_ERR_INTERNAL, "eco_config_read_file: NULL argument");
  FILE *fp = fopen(path, "r");
  ECO_CHECK(fp != NULL, ECO_ERR_CONFIG, "cannot read config file %s: %s", path,
            strerror(errno));
  struct stat sb;
  if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(fp);
    return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "cannot read config file %s: is a directory", path);
  }
  ini_state s = {.fp = fp, .cfg = cfg, .path = path, .st = ECO_OK};
  ini_allow_multiline = 0; /* continuation lines: ini_reader_fn */
  ini_allow_inline_comments = 0; /* strip_value handles them, minding quotes */
  int rc = ini_parse_stream(ini_reader_fn, &s, ini_handler_fn, &s);
  int read_err = ferror(fp);
  fclose(fp);
  free(s.buf);
  ECO_CHECK(!read_err, ECO_ERR_CONFIG, "cannot read config file %s", path);
  /* inih reports the first bad line; ours may come later than a syntax error */
  if (rc > 0 && (s.st == ECO_OK || rc < s.err_line)) {
    eco_error_clear();
    return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s:%d: syntax error (expected [section] or "
                         "key = value)",
                         path, rc);
  }
  if (s.st != ECO_OK)
    return s.st;
  ECO_CHECK(rc == 0, ECO_ERR_CONFIG, "cannot parse config file %s (inih %d)",
            path, rc);
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Broadcast                                                                */
/* ------------------------------------------------------------------------ */

eco_status eco_config_bcast(eco_config *cfg, int root, MPI_Comm comm) {
  ECO_CHECK(cfg != NULL, ECO_ERR_INTERNAL, "eco_config_bcast: NULL cfg");
  int rank;
  ECO_CALL_MPI(MPI_Comm_rank(comm, &rank));
  /* Layout: per setting "section\0key\0value\0origin\0". */
  long long len = 0;
  char *buf = NULL;
  if (rank == root) {
    for (size_t i = 0; i < cfg->nset; ++i) {
      const setting *s = &cfg->set[i];
      len += (long long)(strlen(s->section) + strlen(s->key) +
                         strlen(s->value) + strlen(s->origin) + 4);
    }
  }
  ECO_CALL_MPI(MPI_Bcast(&len, 1, MPI_LONG_LONG, root, comm));
  ECO_CHECK(len < INT_MAX, ECO_ERR_CONFIG, "configuration too large (%lld bytes)",
            len);
  /* agreed: a rank short of memory must not leave the others in MPI_Bcast */
  ECO_CALL(eco_malloc_all(comm, (size_t)len + 1, &buf));
  if (rank == root) {
    char *p = buf;
    for (size_t i = 0; i < cfg->nset; ++i) {
      const setting *s = &cfg->set[i];
      const char *parts[4] = {s->section, s->key, s->value, s->origin};
      for (int k = 0; k < 4; ++k) {
        size_t n = strlen(parts[k]) + 1;
        memcpy(p, parts[k], n);
        p += n;
      }
    }
  }
  int rc = MPI_Bcast(buf, (int)len, MPI_CHAR, root, comm);
  if (rc != MPI_SUCCESS) {
    free(buf);
    return eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Bcast(config)");
  }
  eco_status st = ECO_OK;
  if (rank != root) {
    for (size_t i = 0; i < cfg->nset; ++i)
      setting_free(&cfg->set[i]);
    cfg->nset = 0;
    const char *p = buf, *end = buf + len;
    while (p < end && st == ECO_OK) {
      const char *parts[4];
      for (int k = 0; k < 4; ++k) {
        parts[k] = p;
        p += strlen(p) + 1;
      }
      st = eco_config_set(cfg, parts[0], parts[1], parts[2], parts[3]);
    }
  }
  free(buf);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Applying a table                                                         */
/* ------------------------------------------------------------------------ */

static eco_status bad_value(const eco_option_table *t, const eco_option *o,
                            const char *origin, const char *text,
                            const char *why) {
  eco_status code = strcmp(origin, "default") == 0 ? ECO_ERR_INTERNAL
                                                   : ECO_ERR_CONFIG;
  return eco_error_set(code, __FILE__, __LINE__, "%s: %s.%s = \"%s\" %s (%s)",
                       origin, t->section, o->key, text, why,
                       o->doc ? o->doc : "");
}

static eco_status out_of_range(const eco_option_table *t, const eco_option *o,
                               const char *origin, const char *text) {
  char lo[64], hi[64], why[160];
  fmt_number(o->min, lo, sizeof lo);
  fmt_number(o->max, hi, sizeof hi);
  snprintf(why, sizeof why, "is out of range [%s, %s]", lo, hi);
  return bad_value(t, o, origin, text, why);
}

/* Parse one value; write it to dst and its canonical text to canon. */
static eco_status parse_value(const eco_option_table *t, const eco_option *o,
                              const char *text, const char *origin, void *dst,
                              char *canon, size_t canon_len) {
  switch (o->type) {
  case ECO_OPT_INT:
  case ECO_OPT_INT64: {
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0')
      return bad_value(t, o, origin, text, "is not an integer");
    /* compare as integers: no rounding of v at 2^53 + 1 */
    long long lo = o->min <= -9.2e18 ? LLONG_MIN : (long long)ceil(o->min);
    long long hi = o->max >= 9.2e18 ? LLONG_MAX : (long long)floor(o->max);
    if (errno == ERANGE || v < lo || v > hi ||
        (o->type == ECO_OPT_INT && (v < INT_MIN || v > INT_MAX)))
      return out_of_range(t, o, origin, text);
    if (o->type == ECO_OPT_INT)
      *(int *)dst = (int)v;
    else
      *(int64_t *)dst = (int64_t)v;
    snprintf(canon, canon_len, "%lld", v);
    return ECO_OK;
  }
  case ECO_OPT_DOUBLE: {
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || isnan(v))
      return bad_value(t, o, origin, text, "is not a number");
    if (isinf(v) && !((v > 0 && isinf(o->max)) || (v < 0 && isinf(o->min))))
      return out_of_range(t, o, origin, text);
    if ((errno == ERANGE && !isinf(v) && v != 0.0) || v < o->min || v > o->max)
      return out_of_range(t, o, origin, text);
    *(double *)dst = v;
    fmt_double(v, canon, canon_len);
    return ECO_OK;
  }
  case ECO_OPT_BOOL: {
    static const char *yes[] = {"true", "yes", "on", "1"};
    static const char *no[] = {"false", "no", "off", "0"};
    for (int i = 0; i < 4; ++i) {
      if (strcasecmp(text, yes[i]) == 0) {
        *(int *)dst = 1;
        snprintf(canon, canon_len, "true");
        return ECO_OK;
      }
      if (strcasecmp(text, no[i]) == 0) {
        *(int *)dst = 0;
        snprintf(canon, canon_len, "false");
        return ECO_OK;
      }
    }
    return bad_value(t, o, origin, text,
                     "is not a boolean (true/false, yes/no, on/off, 1/0)");
  }
  case ECO_OPT_STRING: {
    size_t n = strlen(text);
    if (n >= ECO_STR_MAX)
      return bad_value(t, o, origin, text, "is too long");
    memcpy(dst, text, n + 1);
    snprintf(canon, canon_len, "\"%s\"", text);
    return ECO_OK;
  }
  case ECO_OPT_ENUM: {
    const char *c = o->choices ? o->choices : "";
    size_t tl = strlen(text);
    int idx = 0;
    while (*c) {
      const char *bar = strchr(c, '|');
      size_t n = bar ? (size_t)(bar - c) : strlen(c);
      if (n == tl && strncmp(c, text, n) == 0) {
        *(int *)dst = idx;
        snprintf(canon, canon_len, "%s", text);
        return ECO_OK;
      }
      ++idx;
      c += n;
      if (*c == '|')
        ++c;
    }
    char why[512];
    snprintf(why, sizeof why, "is not one of %s", o->choices ? o->choices : "");
    return bad_value(t, o, origin, text, why);
  }
  }
  return eco_error_set(ECO_ERR_INTERNAL, __FILE__, __LINE__,
                       "%s.%s: unknown option type %d", t->section, o->key,
                       (int)o->type);
}

static eco_status apply_table(eco_config *cfg, const eco_option_table *table,
                              void *out, int checked_only) {
  applied a = {0};
  a.checked_only = checked_only;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_strdup(table->section, &a.section), fail);
  ECO_CALL_GOTO(st, eco_calloc(table->nopts + 1, sizeof(char *), &a.keys), fail);
  ECO_CALL_GOTO(st, eco_calloc(table->nopts + 1, sizeof(char *), &a.values), fail);
  for (size_t i = 0; i < table->nopts; ++i) {
    const eco_option *o = &table->opts[i];
    setting *s = find_setting(cfg, table->section, o->key);
    if (checked_only && !s) {
      /* only what is set is checked: another command's defaults are its own
       * business; the key is kept for "did you mean" */
      ECO_CALL_GOTO(st, eco_strdup(o->key, &a.keys[i]), fail);
      a.nkeys = i + 1;
      continue;
    }
    const char *text = s ? s->value : (o->def ? o->def : "");
    const char *origin = s ? s->origin : "default";
    char canon[ECO_STR_MAX + 8];
    ECO_CALL_GOTO(st, parse_value(table, o, text, origin, (char *)out + o->offset,
                                  canon, sizeof canon),
                  fail);
    if (s)
      s->used = 1;
    ECO_CALL_GOTO(st, eco_strdup(o->key, &a.keys[i]), fail);
    a.nkeys = i + 1;
    ECO_CALL_GOTO(st, eco_strdup(canon, &a.values[i]), fail);
  }
  /* Replace an earlier application of the same section, else append. */
  for (size_t i = 0; i < cfg->napp; ++i) {
    if (strcmp(cfg->app[i].section, table->section) == 0) {
      applied_free(&cfg->app[i]);
      cfg->app[i] = a;
      return ECO_OK;
    }
  }
  applied *n = cfg->app;
  ECO_CALL_GOTO(st, eco_realloc((cfg->napp + 1) * sizeof *n, &n), fail);
  cfg->app = n;
  cfg->app[cfg->napp++] = a;
  return ECO_OK;
fail:
  applied_free(&a);
  return st;
}

eco_status eco_config_apply(eco_config *cfg, const eco_option_table *table,
                            void *out) {
  ECO_CHECK(cfg && table && table->section && (out || table->nopts == 0),
            ECO_ERR_INTERNAL, "eco_config_apply: NULL argument");
  return apply_table(cfg, table, out, 0);
}

eco_status eco_config_check_table(eco_config *cfg,
                                  const eco_option_table *table) {
  ECO_CHECK(cfg && table && table->section, ECO_ERR_INTERNAL,
            "eco_config_check_table: NULL argument");
  for (size_t i = 0; i < cfg->napp; ++i)
    if (strcmp(cfg->app[i].section, table->section) == 0)
      return ECO_OK; /* already applied or checked */
  void *scratch = NULL;
  ECO_CALL(eco_calloc(1, table->struct_size ? table->struct_size : 1, &scratch));
  eco_status st = apply_table(cfg, table, scratch, 1);
  free(scratch);
  return st;
}

eco_status eco_config_check_unused(const eco_config *cfg) {
  ECO_CHECK(cfg != NULL, ECO_ERR_INTERNAL, "eco_config_check_unused: NULL cfg");
  for (size_t i = 0; i < cfg->nset; ++i) {
    const setting *s = &cfg->set[i];
    if (s->used)
      continue;
    const applied *sec = NULL;
    for (size_t j = 0; j < cfg->napp; ++j)
      if (strcmp(cfg->app[j].section, s->section) == 0)
        sec = &cfg->app[j];
    if (sec) {
      const char *best = NULL;
      size_t bestd = (size_t)-1, d;
      for (size_t k = 0; k < sec->nkeys; ++k)
        if (similar(s->key, sec->keys[k], &d) && d < bestd) {
          bestd = d;
          best = sec->keys[k];
        }
      if (best)
        return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                             "%s: unknown key %s.%s (did you mean %s.%s?)",
                             s->origin, s->section, s->key, s->section, best);
      return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                           "%s: unknown key %s.%s", s->origin, s->section,
                           s->key);
    }
    const char *best = NULL;
    size_t bestd = (size_t)-1, d;
    for (size_t j = 0; j < cfg->napp; ++j)
      if (similar(s->section, cfg->app[j].section, &d) && d < bestd) {
        bestd = d;
        best = cfg->app[j].section;
      }
    if (best)
      return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                           "%s: unknown section [%s] (did you mean [%s]?)",
                           s->origin, s->section, best);
    return eco_error_set(ECO_ERR_CONFIG, __FILE__, __LINE__,
                         "%s: unknown section [%s] (key %s.%s)", s->origin,
                         s->section, s->section, s->key);
  }
  return ECO_OK;
}

/* Lines of the dump stay below the INI line limit of inih (197 characters
 * in Debian's libinih): a value that would make a longer line is written as
 * quoted pieces of about DUMP_WIDTH characters, each ending with a ',' or ';'
 * of the list (the one space after it is dropped: the reader puts it back),
 * on indented continuation lines. */
#define DUMP_LINE_MAX 190
#define DUMP_WIDTH 150

/* "key = value\n" (wrapped as above) into out (NULL: only count). */
static size_t dump_setting(char *out, const char *key, const char *value) {
  size_t kl = strlen(key), vl = strlen(value);
  if (kl + vl + 3 <= DUMP_LINE_MAX || vl < 2 || value[0] != '"' || value[vl - 1] != '"')
    return (size_t)(out ? sprintf(out, "%s = %s\n", key, value) : (int)(kl + vl + 4));
  const char *v = value + 1, *end = value + vl - 1; /* the text inside the quotes */
  size_t w = 0;
  for (int first = 1; v < end; first = 0) {
    /* the last list separator within the width, else the first after it */
    const char *cut = NULL;
    for (const char *q = v; q < end && (!cut || q < v + DUMP_WIDTH); ++q)
      if ((*q == ',' || *q == ';') && q + 1 < end)
        cut = q + 1;
    if (!cut)
      cut = end;
    int m = (int)(cut - v);
    if (out && first)
      w += (size_t)sprintf(out + w, "%s = \"%.*s\"\n", key, m, v);
    else if (out)
      w += (size_t)sprintf(out + w, "    \"%.*s\"\n", m, v);
    else
      w += (first ? kl + 3 : 4) + (size_t)m + 3;
    v = cut;
    if (v + 1 < end && *v == ' ')
      ++v; /* the reader joins continuation lines with one space */
  }
  return w;
}

eco_status eco_config_dump(const eco_config *cfg, char **text) {
  ECO_CHECK(cfg && text, ECO_ERR_INTERNAL, "eco_config_dump: NULL argument");
  *text = NULL;
  size_t len = 1;
  for (size_t i = 0; i < cfg->napp; ++i) {
    const applied *a = &cfg->app[i];
    if (a->checked_only)
      continue;
    len += strlen(a->section) + 4;
    for (size_t k = 0; k < a->nkeys; ++k)
      len += dump_setting(NULL, a->keys[k], a->values[k]);
  }
  char *buf = NULL;
  ECO_CALL(eco_malloc(len, &buf));
  char *p = buf;
  for (size_t i = 0; i < cfg->napp; ++i) {
    const applied *a = &cfg->app[i];
    if (a->checked_only)
      continue;
    p += sprintf(p, "%s[%s]\n", p > buf ? "\n" : "", a->section);
    for (size_t k = 0; k < a->nkeys; ++k)
      p += dump_setting(p, a->keys[k], a->values[k]);
  }
  *p = '\0';
  *text = buf;
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* --help                                                                   */
/* ------------------------------------------------------------------------ */

void eco_option_table_print(const eco_option_table *table, FILE *out) {
  if (!table || !out)
    return;
  fprintf(out, "[%s]\n", table->section);
  for (size_t i = 0; i < table->nopts; ++i) {
    const eco_option *o = &table->opts[i];
    char lhs[256];
    const char *meta = o->type == ECO_OPT_ENUM ? o->choices : type_name(o->type);
    snprintf(lhs, sizeof lhs, "--%s.%s=%s", table->section, o->key,
             meta ? meta : "");
    fprintf(out, "  %-36s %s\n", lhs, o->doc ? o->doc : "");
    char extra[256] = "";
    if (o->type == ECO_OPT_STRING)
      snprintf(extra, sizeof extra, "default \"%s\"", o->def ? o->def : "");
    else
      snprintf(extra, sizeof extra, "default %s", o->def ? o->def : "");
    if (o->type == ECO_OPT_INT || o->type == ECO_OPT_INT64 ||
        o->type == ECO_OPT_DOUBLE) {
      char lo[64], hi[64];
      fmt_number(o->min, lo, sizeof lo);
      fmt_number(o->max, hi, sizeof hi);
      size_t n = strlen(extra);
      snprintf(extra + n, sizeof extra - n, ", range [%s, %s]", lo, hi);
    }
    fprintf(out, "  %-36s (%s)\n", "", extra);
  }
}
