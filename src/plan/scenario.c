/* Scenarios: a grid decoded from the scenario index, or a CSV table.
 *
 * A target is KIND:NAME:FIELD (row:NAME:rhs|lb|ub, col:NAME:cost|lb|ub);
 * NAME ending in '*' matches every row/column with that prefix. A parameter
 * either sets the targeted entries ('=' in a grid) or multiplies them
 * ('*=' in a grid, a header ending in '*' in a CSV table). */
#include <csv.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_impl.h"

typedef struct {
  char *label;
  int is_row;
  eco_plan_field field;
  int scale;  /* 1: multiply, 0: set */
  int n;      /* matched entries */
  int *idx;   /* row or column numbers (1-based) */
  int nvals;  /* grid values */
  double *vals;
  double *fv; /* forecast axis: nvals x n right-hand sides, else NULL */
} axis;

typedef struct {
  int is_row, idx, type;
  double lb, ub, cost;
} entry;

struct eco_plan_scenarios {
  int kind; /* 0 base, 1 grid, 2 csv */
  int naxes;
  axis *ax;
  int64_t count;
  int64_t *stride; /* grid */
  double *table;   /* csv: count x naxes, NaN = keep the base value */
  int nent;
  entry *ent; /* base values of every targeted row/column */
  int uses_rowvalues;
};

/* ------------------------------------------------------------------------ */
static char *trim(char *s) {
  while (isspace((unsigned char)*s))
    s++;
  size_t n = strlen(s);
  while (n > 0 && isspace((unsigned char)s[n - 1]))
    s[--n] = '\0';
  return s;
}

/* A number: the whole text must parse; inf/-inf accepted. */
static int parse_number(const char *s, double *v) {
  char *end;
  while (isspace((unsigned char)*s))
    s++;
  if (!*s)
    return 0;
  *v = strtod(s, &end);
  while (isspace((unsigned char)*end))
    end++;
  return *end == '\0' && !isnan(*v);
}

static int bnds_type(double lb, double ub) {
  if (isinf(lb) && isinf(ub))
    return GLP_FR;
  if (isinf(ub))
    return GLP_LO;
  if (isinf(lb))
    return GLP_UP;
  return lb == ub ? GLP_FX : GLP_DB;
}

static const char *field_names[] = {"rhs", "lb", "ub", "cost", "lb", "ub"};

/* Parse "row:NAME:field" (scale marker already removed) and match names. */
/* The last axis names the same target as an earlier one (set or scaled):
 * the later one would silently win. what/first: "column" and the column
 * of axis 0, or "grid axis" and 1. */
static eco_status label_unique(const eco_plan_scenarios *s, const char *where,
                               const char *what, int first) {
  const char *l = s->ax[s->naxes - 1].label;
  size_t n = strlen(l);
  if (n && l[n - 1] == '*') n--;
  for (int j = 0; j < s->naxes - 1; j++) {
    const char *o = s->ax[j].label;
    size_t k = strlen(o);
    if (k && o[k - 1] == '*') k--;
    ECO_CHECK(k != n || strncmp(o, l, n) != 0, ECO_ERR_INPUT,
              "%s: the same target as %s %d", where, what, j + first);
  }
  return ECO_OK;
}

static eco_status target_parse(const char *text, const char *where,
                               eco_plan_model *m, axis *a) {
  glp_prob *lp = m->lp;
  const char *c1 = strchr(text, ':'), *c2 = strrchr(text, ':');
  ECO_CHECK(c1 && c2 && c2 > c1, ECO_ERR_INPUT,
            "%s: '%s' is not a target (row:NAME:rhs|lb|ub or "
            "col:NAME:cost|lb|ub)",
            where, text);
  size_t klen = (size_t)(c1 - text);
  const char *field = c2 + 1;
  if (klen == 3 && strncmp(text, "row", 3) == 0) {
    a->is_row = 1;
    if (strcmp(field, "rhs") == 0)
      a->field = ECO_PLAN_ROW_RHS;
    else if (strcmp(field, "lb") == 0)
      a->field = ECO_PLAN_ROW_LB;
    else if (strcmp(field, "ub") == 0)
      a->field = ECO_PLAN_ROW_UB;
    else
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s: '%s': a row field is rhs, lb or ub, not '%s'",
                           where, text, field);
  } else if (klen == 3 && strncmp(text, "col", 3) == 0) {
    a->is_row = 0;
    if (strcmp(field, "cost") == 0)
      a->field = ECO_PLAN_COL_COST;
    else if (strcmp(field, "lb") == 0)
      a->field = ECO_PLAN_COL_LB;
    else if (strcmp(field, "ub") == 0)
      a->field = ECO_PLAN_COL_UB;
    else
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s: '%s': a column field is cost, lb or ub, not "
                           "'%s'",
                           where, text, field);
  } else {
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: '%s': a target starts with row: or col:", where,
                         text);
  }
  char name[512];
  size_t nlen = (size_t)(c2 - c1 - 1);
  ECO_CHECK(nlen > 0 && nlen < sizeof name, ECO_ERR_INPUT,
            "%s: '%s': empty or too long name", where, text);
  memcpy(name, c1 + 1, nlen);
  name[nlen] = '\0';
  int prefix = name[nlen - 1] == '*';
  if (prefix)
    name[--nlen] = '\0';
  int total = a->is_row ? glp_get_num_rows(lp) : glp_get_num_cols(lp);
  if (!prefix) {
    int k = a->is_row ? glp_find_row(lp, name) : glp_find_col(lp, name);
    ECO_CHECK(k > 0, ECO_ERR_INPUT, "%s: unknown %s name '%s' in model %s",
              where, a->is_row ? "row" : "column", name, m->label);
    ECO_CALL(eco_malloc(sizeof(int), &a->idx));
    a->idx[0] = k;
    a->n = 1;
  } else {
    ECO_CALL(eco_malloc(sizeof(int) * (size_t)(total > 0 ? total : 1), &a->idx));
    a->n = 0;
    for (int k = 1; k <= total; k++) {
      const char *nm = a->is_row ? glp_get_row_name(lp, k)
                                 : glp_get_col_name(lp, k);
      if (nm && strncmp(nm, name, nlen) == 0)
        a->idx[a->n++] = k;
    }
    ECO_CHECK(a->n > 0, ECO_ERR_INPUT,
              "%s: no %s name starts with '%s' in model %s", where,
              a->is_row ? "row" : "column", name, m->label);
  }
  if (a->field == ECO_PLAN_ROW_RHS) {
    for (int j = 0; j < a->n; j++) {
      int t = glp_get_row_type(lp, a->idx[j]);
      ECO_CHECK(t == GLP_FX || t == GLP_LO || t == GLP_UP, ECO_ERR_INPUT,
                "%s: row '%s' is %s: rhs needs an equality or one-sided row "
                "(use lb or ub)",
                where, glp_get_row_name(lp, a->idx[j]),
                t == GLP_FR ? "free" : "double-bounded");
    }
  }
  return ECO_OK;
}

/* Is value v allowed for this parameter? */
static eco_status value_check(const axis *a, double v, const char *where) {
  if (a->scale) {
    ECO_CHECK(isfinite(v), ECO_ERR_INPUT, "%s: factor %g is not finite", where,
              v);
    return ECO_OK;
  }
  switch (a->field) {
  case ECO_PLAN_ROW_RHS:
  case ECO_PLAN_COL_COST:
    ECO_CHECK(isfinite(v), ECO_ERR_INPUT, "%s: %s value %g is not finite",
              where, field_names[a->field], v);
    break;
  case ECO_PLAN_ROW_LB:
  case ECO_PLAN_COL_LB:
    ECO_CHECK(!(isinf(v) && v > 0), ECO_ERR_INPUT,
              "%s: a lower bound cannot be +inf", where);
    break;
  default:
    ECO_CHECK(!(isinf(v) && v < 0), ECO_ERR_INPUT,
              "%s: an upper bound cannot be -inf", where);
    break;
  }
  return ECO_OK;
}

/* Record base values of every targeted row/column (deduplicated). */
static eco_status entries_build(eco_plan_scenarios *s, eco_plan_model *m) {
  glp_prob *lp = m->lp;
  int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
  char *seen_r = NULL, *seen_c = NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_calloc((size_t)nr + 1, 1, &seen_r), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)nc + 1, 1, &seen_c), done);
  size_t total = 0;
  for (int j = 0; j < s->naxes; j++)
    total += (size_t)s->ax[j].n;
  ECO_CALL_GOTO(st, eco_calloc(total ? total : 1, sizeof(entry), &s->ent), done);
  for (int j = 0; j < s->naxes; j++) {
    axis *a = &s->ax[j];
    for (int q = 0; q < a->n; q++) {
      int k = a->idx[q];
      char *seen = a->is_row ? seen_r : seen_c;
      if (seen[k])
        continue;
      seen[k] = 1;
      entry *e = &s->ent[s->nent++];
      e->is_row = a->is_row;
      e->idx = k;
      if (a->is_row) {
        e->type = glp_get_row_type(lp, k);
        e->lb = glp_get_row_lb(lp, k);
        e->ub = glp_get_row_ub(lp, k);
      } else {
        e->type = glp_get_col_type(lp, k);
        e->lb = glp_get_col_lb(lp, k);
        e->ub = glp_get_col_ub(lp, k);
        e->cost = glp_get_obj_coef(lp, k);
      }
    }
  }
done:
  eco_free(&seen_r);
  eco_free(&seen_c);
  return st;
}

void eco_plan_scenarios_destroy(eco_plan_scenarios **s) {
  if (!s || !*s)
    return;
  for (int j = 0; j < (*s)->naxes; j++) {
    eco_free(&(*s)->ax[j].label);
    eco_free(&(*s)->ax[j].idx);
    eco_free(&(*s)->ax[j].vals);
    eco_free(&(*s)->ax[j].fv);
  }
  eco_free(&(*s)->ax);
  eco_free(&(*s)->stride);
  eco_free(&(*s)->table);
  eco_free(&(*s)->ent);
  eco_free(s);
}

eco_status eco_plan_scenarios_base_create(eco_plan_scenarios **out) {
  eco_plan_scenarios *s = NULL;
  ECO_CALL(eco_calloc(1, sizeof *s, &s));
  s->kind = 0;
  s->count = 1;
  *out = s;
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Grid                                                                     */
/* ------------------------------------------------------------------------ */
static eco_status values_parse(char *text, const char *where, axis *a) {
  if (strchr(text, ':')) {
    double v[3];
    char *parts[3];
    int np = 0;
    char *save = NULL;
    for (char *t = strtok_r(text, ":", &save); t; t = strtok_r(NULL, ":", &save)) {
      ECO_CHECK(np < 3, ECO_ERR_INPUT, "%s: a range is FROM:TO:STEP", where);
      parts[np++] = t;
    }
    ECO_CHECK(np == 3, ECO_ERR_INPUT, "%s: a range is FROM:TO:STEP", where);
    for (int i = 0; i < 3; i++)
      ECO_CHECK(parse_number(parts[i], &v[i]) && isfinite(v[i]), ECO_ERR_INPUT,
                "%s: '%s' is not a finite number", where, trim(parts[i]));
    ECO_CHECK(v[2] != 0 && (v[1] - v[0]) / v[2] >= 0, ECO_ERR_INPUT,
              "%s: step %g does not lead from %g to %g", where, v[2], v[0],
              v[1]);
    double cnt = floor((v[1] - v[0]) / v[2] + 1e-9) + 1;
    /* an axis is materialized (8 bytes a value); sweeps reach millions of
       scenarios by crossing axes, not through one axis */
    ECO_CHECK(cnt <= 1e6, ECO_ERR_INPUT,
              "%s: %.0f values on one axis (at most 1,000,000; cross several axes for larger sweeps)",
              where, cnt);
    a->nvals = (int)cnt;
    ECO_CALL(eco_malloc(sizeof(double) * (size_t)a->nvals, &a->vals));
    for (int i = 0; i < a->nvals; i++) {
      double x = v[0] + i * v[2];
      /* drop the float noise of i*step (0.9+2*0.05 = 1.0000000000000002) */
      char buf[64];
      snprintf(buf, sizeof buf, "%.12g", x);
      a->vals[i] = strtod(buf, NULL);
    }
  } else {
    int n = 1;
    for (const char *p = text; *p; p++)
      n += *p == ',';
    ECO_CALL(eco_malloc(sizeof(double) * (size_t)n, &a->vals));
    a->nvals = 0;
    char *save = NULL;
    char *p = text;
    for (int i = 0; i < n; i++) {
      char *c = strchr(p, ',');
      if (c)
        *c = '\0';
      ECO_CHECK(parse_number(p, &a->vals[a->nvals]), ECO_ERR_INPUT,
                "%s: '%s' is not a number", where, trim(p));
      a->nvals++;
      p = c ? c + 1 : p + strlen(p);
    }
    (void)save;
  }
  for (int i = 0; i < a->nvals; i++)
    ECO_CALL(value_check(a, a->vals[i], where));
  return ECO_OK;
}

/* The axis forecast=NAME,...: rows and values from fc. */
static eco_status forecast_axis(char *values, const char *where,
                                eco_plan_model *m, const eco_plan_rowvalues *fc,
                                axis *a) {
  ECO_CHECK(fc != NULL, ECO_ERR_INPUT,
            "%s: a forecast= axis needs a forecast results file "
            "([plan] forecast = FILE.h5)",
            where);
  ECO_CHECK(fc->nrows > 0, ECO_ERR_INPUT,
            "%s: no row of model %s matches a series of %s", where, m->label,
            fc->origin);
  int n = 1;
  for (const char *p = values; *p; p++)
    n += *p == ',';
  a->is_row = 1;
  a->field = ECO_PLAN_ROW_RHS;
  a->n = fc->nrows;
  ECO_CALL(eco_malloc(sizeof(int) * (size_t)fc->nrows, &a->idx));
  memcpy(a->idx, fc->rows, sizeof(int) * (size_t)fc->nrows);
  ECO_CALL(eco_malloc(sizeof(double) * (size_t)n, &a->vals));
  ECO_CALL(eco_malloc(sizeof(double) * (size_t)n * (size_t)fc->nrows, &a->fv));
  char *save = NULL;
  for (char *t = strtok_r(values, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    t = trim(t);
    int v = -1;
    for (int q = 0; q < fc->nvariants; q++)
      if (strcmp(t, fc->names[q]) == 0)
        v = q;
    if (v < 0) {
      char avail[512] = "";
      for (int q = 0; q < fc->nvariants; q++)
        snprintf(avail + strlen(avail), sizeof avail - strlen(avail), "%s%s",
                 q ? ", " : "", fc->names[q]);
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s: '%s' is not in %s (it has %s)", where, t,
                           fc->origin, avail);
    }
    const double *src = fc->values + (size_t)v * (size_t)fc->nrows;
    for (int q = 0; q < fc->nrows; q++)
      ECO_CHECK(isfinite(src[q]), ECO_ERR_INPUT,
                "%s: %s of row '%s' in %s is not finite", where, t,
                glp_get_row_name(m->lp, fc->rows[q]), fc->origin);
    memcpy(a->fv + (size_t)a->nvals * (size_t)fc->nrows, src,
           sizeof(double) * (size_t)fc->nrows);
    a->vals[a->nvals] = a->nvals;
    a->nvals++;
  }
  ECO_CHECK(a->nvals > 0, ECO_ERR_INPUT, "%s: no values", where);
  for (int j = 0; j < a->n; j++) {
    int t = glp_get_row_type(m->lp, a->idx[j]);
    ECO_CHECK(t == GLP_FX || t == GLP_LO || t == GLP_UP, ECO_ERR_INPUT,
              "%s: row '%s' is %s: rhs needs an equality or one-sided row",
              where, glp_get_row_name(m->lp, a->idx[j]),
              t == GLP_FR ? "free" : "double-bounded");
  }
  return ECO_OK;
}

int eco_plan_scenarios_uses_rowvalues(const eco_plan_scenarios *s) {
  return s ? s->uses_rowvalues : 0;
}

eco_status eco_plan_scenarios_grid_create(const char *text, const char *origin,
                                          eco_plan_model *m,
                                          const eco_plan_rowvalues *fc,
                                          eco_plan_scenarios **out) {
  ECO_CHECK(text && m && out, ECO_ERR_INTERNAL, "grid_create: NULL argument");
  *out = NULL;
  eco_plan_scenarios *s = NULL;
  char *copy = NULL;
  eco_status st = ECO_OK;
  ECO_CALL(eco_calloc(1, sizeof *s, &s));
  s->kind = 1;
  ECO_CALL_GOTO(st, eco_strdup(text, &copy), fail);
  int n = 1;
  for (const char *p = text; *p; p++)
    n += (*p == ';');
  ECO_CALL_GOTO(st, eco_calloc((size_t)n, sizeof(axis), &s->ax), fail);
  char *save = NULL;
  int idx = 0;
  for (char *tok = strtok_r(copy, ";", &save); tok;
       tok = strtok_r(NULL, ";", &save)) {
    idx++;
    char *t = trim(tok);
    if (!*t)
      continue;
    char where[600];
    snprintf(where, sizeof where, "%s: grid axis %d '%.400s'", origin, idx, t);
    axis *a = &s->ax[s->naxes];
    char *eq = strchr(t, '=');
    ECO_CHECK_GOTO(st, eq != NULL, ECO_ERR_INPUT, fail,
                   "%s: expected TARGET=VALUES or TARGET*=VALUES", where);
    *eq = '\0';
    char *values = trim(eq + 1);
    char *lhs = trim(t);
    size_t ll = strlen(lhs);
    if (ll > 0 && lhs[ll - 1] == '*') {
      a->scale = 1;
      lhs[--ll] = '\0';
      lhs = trim(lhs);
    }
    if (strcmp(lhs, "forecast") == 0 && !a->scale) {
      char lab[600];
      snprintf(lab, sizeof lab, "forecast:%.500s", values);
      for (char *c = lab; *c; c++)
        if (*c == ',')
          *c = '|';
      ECO_CALL_GOTO(st, eco_strdup(lab, &a->label), fail);
      s->naxes++;
      s->uses_rowvalues = 1;
      ECO_CALL_GOTO(st, forecast_axis(values, where, m, fc, a), fail);
      continue;
    }
    ECO_CALL_GOTO(st, eco_strdup(lhs, &a->label), fail);
    if (a->scale) {
      char *lab = NULL;
      ECO_CALL_GOTO(st, eco_malloc(strlen(lhs) + 2, &lab), fail);
      sprintf(lab, "%s*", lhs);
      eco_free(&a->label);
      a->label = lab;
    }
    s->naxes++;
    ECO_CALL_GOTO(st, label_unique(s, where, "grid axis", 1), fail);
    ECO_CALL_GOTO(st, target_parse(lhs, where, m, a), fail);
    ECO_CHECK_GOTO(st, *values, ECO_ERR_INPUT, fail, "%s: no values", where);
    ECO_CALL_GOTO(st, values_parse(values, where, a), fail);
  }
  ECO_CHECK_GOTO(st, s->naxes > 0, ECO_ERR_INPUT, fail, "%s: empty grid",
                 origin);
  ECO_CALL_GOTO(st, eco_calloc((size_t)s->naxes, sizeof(int64_t), &s->stride),
                fail);
  int64_t count = 1;
  for (int j = s->naxes - 1; j >= 0; j--) {
    s->stride[j] = count;
    ECO_CHECK_GOTO(st, count <= INT64_MAX / 4 / s->ax[j].nvals, ECO_ERR_INPUT,
                   fail, "%s: the grid has too many scenarios", origin);
    count *= s->ax[j].nvals;
  }
  s->count = count;
  ECO_CALL_GOTO(st, entries_build(s, m), fail);
  eco_free(&copy);
  *out = s;
  return ECO_OK;
fail:
  eco_free(&copy);
  eco_plan_scenarios_destroy(&s);
  return st;
}

/* ------------------------------------------------------------------------ */
/* CSV table                                                                */
/* ------------------------------------------------------------------------ */
typedef struct {
  char **fields;
  int n, cap;
  int oom;
} csv_row;

static void csv_field_cb(void *data, size_t len, void *user) {
  csv_row *r = user;
  if (r->oom)
    return;
  if (r->n == r->cap) {
    int cap = r->cap ? 2 * r->cap : 16;
    char **f = realloc(r->fields, sizeof(char *) * (size_t)cap);
    if (!f) {
      r->oom = 1;
      return;
    }
    r->fields = f;
    r->cap = cap;
  }
  char *s = malloc(len + 1);
  if (!s) {
    r->oom = 1;
    return;
  }
  memcpy(s, data, len);
  s[len] = '\0';
  r->fields[r->n++] = s;
}

static void csv_row_clear(csv_row *r) {
  for (int i = 0; i < r->n; i++)
    free(r->fields[i]);
  r->n = 0;
}

/* Split one line into fields with libcsv. */
static eco_status csv_line(const char *line, size_t len, const char *where,
                           csv_row *r) {
  struct csv_parser p;
  csv_row_clear(r);
  ECO_CHECK(csv_init(&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI) == 0,
            ECO_ERR_MEM, "csv_init failed");
  size_t used = csv_parse(&p, line, len, csv_field_cb, NULL, r);
  int bad = used != len || csv_fini(&p, csv_field_cb, NULL, r) != 0;
  const char *why = bad ? csv_strerror(csv_error(&p)) : "";
  csv_free(&p);
  ECO_CHECK(!bad, ECO_ERR_INPUT, "%s: %s", where, why);
  ECO_CHECK(!r->oom, ECO_ERR_MEM, "%s: out of memory", where);
  return ECO_OK;
}

eco_status eco_plan_scenarios_csv_create(const char *text, size_t len,
                                         const char *path, eco_plan_model *m,
                                         eco_plan_scenarios **out) {
  ECO_CHECK(text && m && out, ECO_ERR_INTERNAL, "csv_create: NULL argument");
  *out = NULL;
  eco_plan_scenarios *s = NULL;
  csv_row row = {0};
  eco_status st = ECO_OK;
  ECO_CALL(eco_calloc(1, sizeof *s, &s));
  s->kind = 2;
  int first_label = 0, ncells = 0;
  int64_t cap = 0, line_no = 0;
  size_t pos = 0;
  int header_done = 0;
  if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* a UTF-8 byte order mark is accepted */
    pos = 3;
  while (pos < len) {
    size_t e = pos;
    while (e < len && text[e] != '\n')
      e++;
    size_t l = e - pos;
    if (l > 0 && text[pos + l - 1] == '\r')
      l--;
    line_no++;
    const char *line = text + pos;
    const size_t line_start = pos;
    pos = e + 1;
    st = eco_text_check(path, line, l, (long long)line_no,
                        line_no == 1 ? (long long)line_start : 0);
    if (st != ECO_OK) goto fail;
    int blank = 1;
    for (size_t i = 0; i < l; i++)
      blank &= isspace((unsigned char)line[i]) != 0;
    if (blank)
      continue;
    char where[600];
    snprintf(where, sizeof where, "%s:%lld", path, (long long)line_no);
    ECO_CALL_GOTO(st, csv_line(line, l, where, &row), fail);
    if (!header_done) {
      header_done = 1;
      ncells = row.n;
      first_label = row.n > 0 && (strcmp(trim(row.fields[0]), "scenario") == 0 ||
                                  strcmp(trim(row.fields[0]), "id") == 0);
      s->naxes = 0;
      ECO_CALL_GOTO(st, eco_calloc((size_t)(row.n ? row.n : 1), sizeof(axis), &s->ax),
                    fail);
      for (int c = first_label; c < row.n; c++) {
        char *h = trim(row.fields[c]);
        snprintf(where, sizeof where, "%s:1:%d: column '%.300s'", path, c + 1, h);
        axis *a = &s->ax[s->naxes++];
        ECO_CALL_GOTO(st, eco_strdup(h, &a->label), fail);
        ECO_CALL_GOTO(st, label_unique(s, where, "column", first_label + 1), fail);
        size_t hl = strlen(h);
        if (hl > 0 && h[hl - 1] == '*') {
          a->scale = 1;
          h[--hl] = '\0';
        }
        ECO_CALL_GOTO(st, target_parse(h, where, m, a), fail);
      }
      ECO_CHECK_GOTO(st, s->naxes > 0, ECO_ERR_INPUT, fail,
                     "%s:%lld: the header names no row:/col: targets", path,
                     (long long)line_no);
      continue;
    }
    ECO_CHECK_GOTO(st, row.n == ncells, ECO_ERR_INPUT, fail,
                   "%s: %d fields, the header has %d", where, row.n, ncells);
    if (s->count == cap) {
      cap = cap ? 2 * cap : 64;
      ECO_CALL_GOTO(st,
                    eco_realloc(sizeof(double) * (size_t)cap * (size_t)s->naxes,
                                &s->table),
                    fail);
    }
    double *v = s->table + s->count * s->naxes;
    for (int c = first_label; c < row.n; c++) {
      axis *a = &s->ax[c - first_label];
      char *f = trim(row.fields[c]);
      if (!*f) {
        v[c - first_label] = NAN;
        continue;
      }
      char w2[700];
      snprintf(w2, sizeof w2, "%s:%d: column '%s'", where, c + 1, a->label);
      ECO_CHECK_GOTO(st, parse_number(f, &v[c - first_label]), ECO_ERR_INPUT,
                     fail, "%s: '%.100s' is not a number", w2, f);
      ECO_CALL_GOTO(st, value_check(a, v[c - first_label], w2), fail);
    }
    s->count++;
  }
  ECO_CHECK_GOTO(st, header_done, ECO_ERR_INPUT, fail,
                 "%s: empty scenario table", path);
  ECO_CHECK_GOTO(st, s->count > 0, ECO_ERR_INPUT, fail,
                 "%s: the scenario table has a header but no scenarios", path);
  ECO_CALL_GOTO(st, entries_build(s, m), fail);
  csv_row_clear(&row);
  free(row.fields);
  *out = s;
  return ECO_OK;
fail:
  csv_row_clear(&row);
  free(row.fields);
  eco_plan_scenarios_destroy(&s);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Access and application                                                   */
/* ------------------------------------------------------------------------ */
int64_t eco_plan_scenarios_count(const eco_plan_scenarios *s) {
  return s ? s->count : 0;
}
int eco_plan_scenarios_nparams(const eco_plan_scenarios *s) {
  return s ? s->naxes : 0;
}
const char *eco_plan_scenarios_param_name(const eco_plan_scenarios *s, int j) {
  return (s && j >= 0 && j < s->naxes) ? s->ax[j].label : "";
}
int eco_plan_scenarios_param_is_cost(const eco_plan_scenarios *s, int j) {
  return s && j >= 0 && j < s->naxes && s->ax[j].field == ECO_PLAN_COL_COST;
}

eco_status eco_plan_scenarios_params(const eco_plan_scenarios *s, int64_t k,
                                     double *values) {
  ECO_CHECK(s && k >= 0 && k < s->count, ECO_ERR_INTERNAL,
            "scenario %lld out of range", (long long)k);
  if (s->kind == 2) {
    memcpy(values, s->table + k * s->naxes, sizeof(double) * (size_t)s->naxes);
  } else if (s->kind == 1) {
    int64_t rem = k;
    for (int j = 0; j < s->naxes; j++) {
      int64_t d = rem / s->stride[j], r = rem % s->stride[j];
      values[j] = s->ax[j].vals[d];
      rem = (d & 1) ? s->stride[j] - 1 - r : r; /* reflected order */
    }
  }
  return ECO_OK;
}

void eco_plan_scenarios_restore(const eco_plan_scenarios *s,
                                eco_plan_model *m) {
  glp_prob *lp = m->lp;
  for (int i = 0; i < s->nent; i++) {
    const entry *e = &s->ent[i];
    if (e->is_row) {
      glp_set_row_bnds(lp, e->idx, e->type, e->lb, e->ub);
    } else {
      glp_set_col_bnds(lp, e->idx, e->type, e->lb, e->ub);
      glp_set_obj_coef(lp, e->idx, e->cost);
    }
  }
}

static double bound_of(glp_prob *lp, int is_row, int k, int upper) {
  int t = is_row ? glp_get_row_type(lp, k) : glp_get_col_type(lp, k);
  if (upper)
    return (t == GLP_UP || t == GLP_DB || t == GLP_FX)
               ? (is_row ? glp_get_row_ub(lp, k) : glp_get_col_ub(lp, k))
               : INFINITY;
  return (t == GLP_LO || t == GLP_DB || t == GLP_FX)
             ? (is_row ? glp_get_row_lb(lp, k) : glp_get_col_lb(lp, k))
             : -INFINITY;
}

static void set_bounds(glp_prob *lp, int is_row, int k, double lb, double ub) {
  int t = bnds_type(lb, ub);
  /* crossed bounds: GLPK keeps them and glp_simplex reports GLP_EBOUND */
  if (is_row)
    glp_set_row_bnds(lp, k, t, isinf(lb) ? 0 : lb, isinf(ub) ? 0 : ub);
  else
    glp_set_col_bnds(lp, k, t, isinf(lb) ? 0 : lb, isinf(ub) ? 0 : ub);
}

eco_status eco_plan_scenarios_apply(const eco_plan_scenarios *s, int64_t k,
                                    eco_plan_model *m) {
  if (s->kind == 0)
    return ECO_OK;
  double vbuf[64];
  double *v = vbuf;
  if (s->naxes > 64)
    ECO_CALL(eco_malloc(sizeof(double) * (size_t)s->naxes, &v));
  eco_status st = eco_plan_scenarios_params(s, k, v);
  if (st != ECO_OK)
    goto done;
  eco_plan_scenarios_restore(s, m);
  glp_prob *lp = m->lp;
  for (int j = 0; j < s->naxes; j++) {
    const axis *a = &s->ax[j];
    double x = v[j];
    if (isnan(x))
      continue; /* empty CSV cell: base value */
    for (int q = 0; q < a->n; q++) {
      int idx = a->idx[q];
      if (a->fv) /* forecast axis: this row's value of variant x */
        x = a->fv[(size_t)v[j] * (size_t)a->n + (size_t)q];
      switch (a->field) {
      case ECO_PLAN_COL_COST: {
        double c = a->scale ? glp_get_obj_coef(lp, idx) * x : x;
        glp_set_obj_coef(lp, idx, c);
        break;
      }
      case ECO_PLAN_ROW_RHS: {
        int t = glp_get_row_type(lp, idx);
        double lb = bound_of(lp, 1, idx, 0), ub = bound_of(lp, 1, idx, 1);
        if (t == GLP_FX) {
          double r = a->scale ? lb * x : x;
          glp_set_row_bnds(lp, idx, GLP_FX, r, r);
        } else if (t == GLP_LO) {
          glp_set_row_bnds(lp, idx, GLP_LO, a->scale ? lb * x : x, 0);
        } else if (t == GLP_UP) {
          glp_set_row_bnds(lp, idx, GLP_UP, 0, a->scale ? ub * x : x);
        } else { /* a previous parameter changed the row's type */
          set_bounds(lp, 1, idx, a->scale && !isinf(lb) ? lb * x : (a->scale ? lb : x),
                     a->scale && !isinf(ub) ? ub * x : (a->scale ? ub : x));
        }
        break;
      }
      case ECO_PLAN_ROW_LB:
      case ECO_PLAN_COL_LB: {
        double lb = bound_of(lp, a->is_row, idx, 0);
        double ub = bound_of(lp, a->is_row, idx, 1);
        set_bounds(lp, a->is_row, idx, a->scale ? (isinf(lb) ? lb : lb * x) : x,
                   ub);
        break;
      }
      case ECO_PLAN_ROW_UB:
      case ECO_PLAN_COL_UB: {
        double lb = bound_of(lp, a->is_row, idx, 0);
        double ub = bound_of(lp, a->is_row, idx, 1);
        set_bounds(lp, a->is_row, idx, lb,
                   a->scale ? (isinf(ub) ? ub : ub * x) : x);
        break;
      }
      }
    }
  }
done:
  if (v != vbuf)
    eco_free(&v);
  return st;
}
