/* Base models read through GLPK: GMPL model + data, free/fixed MPS, CPLEX LP.
 * Inputs are validated before any GLPK call that could abort; GLPK's terminal
 * output is captured (its reader errors name file:line) and its error hook
 * names the rank and scenario before a last-resort abort. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "plan_impl.h"

/* ------------------------------------------------------------------------ */
/* GLPK hooks                                                               */
/* ------------------------------------------------------------------------ */
#define CAPTURE_MAX 8192
static char g_capture[CAPTURE_MAX]; /* recent GLPK output */
static size_t g_capture_len;
static char g_line[1024]; /* current partial line (for the logger) */
static size_t g_line_len;
static char g_what[160] = "working";
static int64_t g_scenario = -1;
static jmp_buf *g_jump;
static int g_hooks;

void plan_glpk_capture_reset(void) {
  g_capture_len = 0;
  g_capture[0] = '\0';
}

const char *plan_glpk_captured(void) { return g_capture; }

void plan_glpk_jump_set(jmp_buf *buf) { g_jump = buf; }

static void capture_append(const char *s) {
  size_t n = strlen(s);
  if (n >= CAPTURE_MAX) {
    s += n - (CAPTURE_MAX - 1);
    n = CAPTURE_MAX - 1;
  }
  if (g_capture_len + n >= CAPTURE_MAX) { /* keep the most recent text */
    size_t drop = g_capture_len + n - (CAPTURE_MAX - 1);
    memmove(g_capture, g_capture + drop, g_capture_len - drop);
    g_capture_len -= drop;
  }
  memcpy(g_capture + g_capture_len, s, n);
  g_capture_len += n;
  g_capture[g_capture_len] = '\0';
}

static int term_hook(void *info, const char *s) {
  (void)info;
  capture_append(s);
  for (; *s; s++) {
    if (*s == '\n' || g_line_len + 1 >= sizeof g_line) {
      g_line[g_line_len] = '\0';
      if (g_line_len > 0)
        eco_log(ECO_LOG_TRACE, "glpk: %s", g_line);
      g_line_len = 0;
      if (*s == '\n')
        continue;
    }
    g_line[g_line_len++] = *s;
  }
  return 1; /* GLPK prints nothing itself */
}

static void error_hook(void *info) {
  (void)info;
  if (g_scenario >= 0)
    eco_log(ECO_LOG_ERROR,
            "GLPK internal error on rank %d while %s (scenario %lld): %s",
            eco_rank(), g_what, (long long)g_scenario, g_capture);
  else
    eco_log(ECO_LOG_ERROR, "GLPK internal error on rank %d while %s: %s",
            eco_rank(), g_what, g_capture);
  if (g_jump) {
    jmp_buf *j = g_jump;
    g_jump = NULL;
    longjmp(*j, 1);
  }
  /* Returning makes GLPK abort the process: the log line above is what the
   * user sees of it. */
}

void eco_plan_glpk_hooks_install(void) {
  if (g_hooks)
    return;
  glp_term_hook(term_hook, NULL);
  glp_error_hook(error_hook, NULL);
  g_hooks = 1;
}

void eco_plan_glpk_context(const char *what, int64_t scenario) {
  snprintf(g_what, sizeof g_what, "%s", what ? what : "working");
  g_scenario = scenario;
}

/* The lines of the captured text that look like "file:line: message". */
static void reader_message(const char *path, char *buf, size_t len) {
  buf[0] = '\0';
  size_t used = 0;
  const char *p = g_capture;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    int take = 0;
    const char *c = memchr(p, ':', n);
    if (c && c > p && (size_t)(c - p) + 1 < n && c[1] >= '0' && c[1] <= '9')
      take = 1; /* name:line: ... */
    if (!take) {
      char line[512];
      snprintf(line, sizeof line, "%.*s", (int)(n < 511 ? n : 511), p);
      take = strstr(line, "rror") != NULL || strstr(line, "nable to") != NULL;
    }
    if (take && used + n + 3 < len) {
      if (used) {
        memcpy(buf + used, "; ", 2);
        used += 2;
      }
      memcpy(buf + used, p, n);
      used += n;
      buf[used] = '\0';
    }
    p += n;
    if (*p == '\n')
      p++;
  }
  if (!buf[0])
    snprintf(buf, len, "%s: GLPK could not read the file", path);
}

/* ------------------------------------------------------------------------ */
/* Models                                                                   */
/* ------------------------------------------------------------------------ */
eco_status eco_plan_path_check(const char *path, const char *what) {
  ECO_CHECK(path && path[0], ECO_ERR_INPUT, "no %s file given", what);
  struct stat sb;
  ECO_CHECK(stat(path, &sb) == 0, ECO_ERR_INPUT, "%s file %s: %s", what, path,
            strerror(errno));
  ECO_CHECK(S_ISREG(sb.st_mode), ECO_ERR_INPUT,
            "%s file %s is not a regular file", what, path);
  FILE *f = fopen(path, "rb");
  ECO_CHECK(f != NULL, ECO_ERR_INPUT, "%s file %s: %s", what, path,
            strerror(errno));
  fclose(f);
  return ECO_OK;
}

/* A model or data file must be UTF-8 text without NUL bytes: GLPK takes
 * Latin-1 bytes into names (a name then silently differs from the same name
 * elsewhere) and a UTF-16 file gives a confusing message. */
static eco_status text_file_check(const char *path) {
  FILE *f = fopen(path, "rb");
  ECO_CHECK(f != NULL, ECO_ERR_INPUT, "%s: %s", path, strerror(errno));
  char *buf = NULL;
  size_t n = 0, cap = 0;
  eco_status st = ECO_OK;
  for (;;) {
    if (n == cap) {
      cap = cap ? 2 * cap : 1 << 16;
      if ((st = eco_realloc(cap, &buf)) != ECO_OK)
        break;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  fclose(f);
  if (st != ECO_OK) {
    free(buf);
    return st;
  }
  st = eco_text_check(path, buf, n, 1, 0);
  free(buf);
  return st;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static eco_status model_alloc(glp_prob *lp, const char *label,
                              eco_plan_model **out) {
  eco_plan_model *m = NULL;
  ECO_CALL(eco_calloc(1, sizeof *m, &m));
  m->lp = lp;
  snprintf(m->label, sizeof m->label, "%s", label);
  int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
  eco_status st = eco_calloc((size_t)nr + 1, sizeof(int), &m->base_rstat);
  if (st == ECO_OK)
    st = eco_calloc((size_t)nc + 1, sizeof(int), &m->base_cstat);
  if (st != ECO_OK) {
    eco_free(&m->base_rstat);
    eco_free(&m);
    return st;
  }
  glp_create_index(lp);
  *out = m;
  return ECO_OK;
}

eco_status eco_plan_model_wrap(glp_prob *lp, const char *label,
                               eco_plan_model **out) {
  ECO_CHECK(lp && out, ECO_ERR_INTERNAL, "eco_plan_model_wrap: NULL argument");
  eco_plan_glpk_hooks_install();
  ECO_CHECK(glp_get_num_cols(lp) > 0, ECO_ERR_INPUT, "model %s has no columns",
            label);
  return model_alloc(lp, label, out);
}

eco_status eco_plan_model_create(const char *path, const char *data_path,
                                 eco_plan_format format,
                                 eco_plan_model **out) {
  ECO_CHECK(out, ECO_ERR_INTERNAL, "eco_plan_model_create: NULL out");
  *out = NULL;
  ECO_CALL(eco_plan_path_check(path, "model"));
  ECO_CALL(text_file_check(path));
  int has_data = data_path && data_path[0];
  if (format == ECO_PLAN_FORMAT_AUTO) {
    if (ends_with(path, ".mod") || ends_with(path, ".gmpl") ||
        ends_with(path, ".mathprog"))
      format = ECO_PLAN_FORMAT_GMPL;
    else if (ends_with(path, ".lp") || ends_with(path, ".cplex"))
      format = ECO_PLAN_FORMAT_LP;
    else
      format = ECO_PLAN_FORMAT_AUTO; /* MPS: free, then fixed */
  }
  if (has_data) {
    ECO_CHECK(format == ECO_PLAN_FORMAT_GMPL, ECO_ERR_INPUT,
              "data file %s given but model %s is not a GMPL model (.mod)",
              data_path, path);
    ECO_CALL(eco_plan_path_check(data_path, "GMPL data"));
    ECO_CALL(text_file_check(data_path));
  }
  eco_plan_glpk_hooks_install();
  eco_plan_glpk_context("reading the model", -1);
  plan_glpk_capture_reset();
  glp_prob *lp = glp_create_prob();
  int rc = 0;
  const char *bad = path;
  switch (format) {
  case ECO_PLAN_FORMAT_GMPL: {
    glp_tran *tran = glp_mpl_alloc_wksp();
    rc = glp_mpl_read_model(tran, path, has_data ? 1 : 0);
    if (rc == 0 && has_data) {
      rc = glp_mpl_read_data(tran, data_path);
      if (rc)
        bad = data_path;
    }
    if (rc == 0)
      rc = glp_mpl_generate(tran, NULL);
    if (rc == 0)
      glp_mpl_build_prob(tran, lp);
    glp_mpl_free_wksp(tran);
    break;
  }
  case ECO_PLAN_FORMAT_LP:
    rc = glp_read_lp(lp, NULL, path);
    break;
  case ECO_PLAN_FORMAT_FREEMPS:
    rc = glp_read_mps(lp, GLP_MPS_FILE, NULL, path);
    break;
  case ECO_PLAN_FORMAT_MPS:
    rc = glp_read_mps(lp, GLP_MPS_DECK, NULL, path);
    break;
  default: { /* MPS of unknown flavour: free first, then fixed */
    rc = glp_read_mps(lp, GLP_MPS_FILE, NULL, path);
    if (rc) {
      char first[sizeof g_capture];
      snprintf(first, sizeof first, "%s", g_capture);
      plan_glpk_capture_reset();
      glp_erase_prob(lp);
      rc = glp_read_mps(lp, GLP_MPS_DECK, NULL, path);
      if (rc) { /* report the free-format reader's complaint */
        plan_glpk_capture_reset();
        capture_append(first);
      }
    }
    break;
  }
  }
  if (rc != 0) {
    char msg[2048];
    reader_message(bad, msg, sizeof msg);
    glp_delete_prob(lp);
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s", msg);
  }
  if (glp_get_num_cols(lp) == 0) {
    glp_delete_prob(lp);
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "model %s has no columns", path);
  }
  int nint = glp_get_num_int(lp);
  if (nint > 0)
    eco_log_root(ECO_LOG_WARN,
                 "model %s has %d integer columns; plan solves its LP "
                 "relaxation",
                 path, nint);
  eco_status st = model_alloc(lp, path, out);
  if (st != ECO_OK)
    glp_delete_prob(lp);
  return st;
}

void eco_plan_model_destroy(eco_plan_model **m) {
  if (!m || !*m)
    return;
  if ((*m)->lp)
    glp_delete_prob((*m)->lp);
  eco_free(&(*m)->base_rstat);
  eco_free(&(*m)->base_cstat);
  eco_free(m);
}

glp_prob *eco_plan_model_lp(eco_plan_model *m) { return m ? m->lp : NULL; }

const char *eco_plan_model_label(const eco_plan_model *m) {
  return m ? m->label : "";
}
