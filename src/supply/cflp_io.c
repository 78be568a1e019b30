/* CFLP instances: creation, OR-Library and CSV readers, writer, generator. */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "supply_impl.h"

/* ------------------------------------------------------------------------ */
/* Small shared helpers                                                     */
/* ------------------------------------------------------------------------ */
eco_status eco_supply_file_slurp(const char *path, char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  FILE *fp = fopen(path, "rb");
  ECO_CHECK(fp != NULL, ECO_ERR_INPUT, "%s: cannot open: %s", path,
            strerror(errno));
  struct stat sb;
  if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
    int isdir = S_ISDIR(sb.st_mode);
    fclose(fp);
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: %s", path,
                         isdir ? "is a directory, not a file" : "not a regular file");
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  if (!buf) {
    fclose(fp);
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "out of memory reading %s", path);
  }
  for (;;) {
    if (n == cap) {
      char *nb = realloc(buf, 2 * cap + 1);
      if (!nb) {
        free(buf);
        fclose(fp);
        return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "out of memory reading %s", path);
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, fp);
    n += got;
    if (got == 0) break;
  }
  int err = ferror(fp);
  fclose(fp);
  if (err) {
    free(buf);
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: read error", path);
  }
  buf[n] = '\0';
  if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) { /* a UTF-8 byte order mark is accepted */
    memmove(buf, buf + 3, n - 2);
    n -= 3;
  }
  eco_status st = eco_text_check(path, buf, n, 1, 0);
  if (st != ECO_OK) {
    free(buf);
    return st;
  }
  *data = buf;
  *len = n;
  return ECO_OK;
}

void eco_supply_tokens_init(eco_supply_tokens *t, const char *path,
                            const char *data) {
  t->path = path;
  t->p = data;
  t->line = 1;
  t->tok_line = 1;
  t->tok[0] = '\0';
}

int eco_supply_tokens_next(eco_supply_tokens *t) {
  const char *p = t->p;
  while (*p && isspace((unsigned char)*p)) {
    if (*p == '\n') t->line++;
    p++;
  }
  if (!*p) {
    t->p = p;
    t->tok_line = t->line;
    return 0;
  }
  size_t k = 0;
  t->tok_line = t->line;
  while (*p && !isspace((unsigned char)*p)) {
    if (k + 1 < sizeof(t->tok)) t->tok[k++] = *p;
    p++;
  }
  t->tok[k] = '\0';
  t->p = p;
  return 1;
}

int eco_supply_parse_double(const char *s, double *v) {
  if (!s || !*s) return -1;
  char *end = NULL;
  errno = 0;
  double x = strtod(s, &end);
  if (end == s || errno == ERANGE) return -1;
  while (*end && isspace((unsigned char)*end)) end++;
  if (*end) return -1;
  if (!isfinite(x)) return -1;
  *v = x;
  return 0;
}

/* The start value is the one the candidate cache has always used: the cache
 * slots, and so which candidates skip the local search, follow the hash. */
uint64_t eco_supply_hash_bytes(const unsigned char *b, size_t n) {
  uint64_t h = eco_hash_bytes(1469598103934665603ULL, b, n);
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h;
}

/* ------------------------------------------------------------------------ */
/* CSV through libcsv, with the line where each record starts               */
/* ------------------------------------------------------------------------ */
typedef struct {
  eco_supply_csv *t;
  int cur_line;      /* physical line being fed */
  int rec_line;      /* line where the current record started */
  char **fields;     /* current record */
  int nf, capf;
  int64_t caprows;
  int failed;
} csv_state;

static void csv_field_cb(void *s, size_t len, void *data) {
  csv_state *st = data;
  if (st->failed) return;
  if (st->nf == 0) st->rec_line = st->cur_line;
  if (st->nf == st->capf) {
    int nc = st->capf ? 2 * st->capf : 16;
    char **nf = realloc(st->fields, (size_t)nc * sizeof(char *));
    if (!nf) {
      st->failed = 1;
      return;
    }
    st->fields = nf;
    st->capf = nc;
  }
  char *f = malloc(len + 1);
  if (!f) {
    st->failed = 1;
    return;
  }
  if (len) memcpy(f, s, len);
  f[len] = '\0';
  st->fields[st->nf++] = f;
}

static void csv_record_cb(int c, void *data) {
  csv_state *st = data;
  (void)c;
  if (st->failed) return;
  eco_supply_csv *t = st->t;
  if (st->nf == 0) return;
  if (st->nf == 1 && st->fields[0][0] == '\0') { /* blank line */
    free(st->fields[0]);
    st->nf = 0;
    return;
  }
  if (!t->header) {
    t->header = st->fields;
    t->ncols = st->nf;
    t->header_line = st->rec_line;
    for (int k = 0; k < t->ncols; k++) { /* trim header names */
      char *h = t->header[k];
      size_t a = 0, b = strlen(h);
      while (a < b && isspace((unsigned char)h[a])) a++;
      while (b > a && isspace((unsigned char)h[b - 1])) b--;
      memmove(h, h + a, b - a);
      h[b - a] = '\0';
    }
    st->fields = NULL;
    st->nf = st->capf = 0;
    return;
  }
  if (t->nrows == st->caprows) {
    int64_t nc = st->caprows ? 2 * st->caprows : 64;
    char ***nr = realloc(t->rows, (size_t)nc * sizeof(char **));
    int *nl = realloc(t->line, (size_t)nc * sizeof(int));
    int *nn = realloc(t->rowcols, (size_t)nc * sizeof(int));
    if (nr) t->rows = nr;
    if (nl) t->line = nl;
    if (nn) t->rowcols = nn;
    if (!nr || !nl || !nn) {
      st->failed = 1;
      return;
    }
    st->caprows = nc;
  }
  t->rows[t->nrows] = st->fields;
  t->rowcols[t->nrows] = st->nf;
  t->line[t->nrows] = st->rec_line;
  t->nrows++;
  st->fields = NULL;
  st->nf = st->capf = 0;
}

eco_status eco_supply_csv_read(const char *path, eco_supply_csv *out) {
  memset(out, 0, sizeof(*out));
  char *data = NULL;
  size_t len = 0;
  ECO_CALL(eco_supply_file_slurp(path, &data, &len));
  struct csv_parser parser;
  if (csv_init(&parser, CSV_APPEND_NULL) != 0) {
    free(data);
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "csv_init failed");
  }
  csv_state st = {0};
  st.t = out;
  st.cur_line = 1;
  const char *p = data;
  eco_status status = ECO_OK;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t l = nl ? (size_t)(nl - p + 1) : strlen(p);
    if (csv_parse(&parser, p, l, csv_field_cb, csv_record_cb, &st) != l) {
      status = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%d: CSV syntax error: %s",
                             path, st.cur_line, csv_strerror(csv_error(&parser)));
      break;
    }
    p += l;
    if (nl) st.cur_line++; /* a last line without '\n' keeps its number */
  }
  if (status == ECO_OK) csv_fini(&parser, csv_field_cb, csv_record_cb, &st);
  csv_free(&parser);
  for (int k = 0; k < st.nf; k++) free(st.fields[k]);
  free(st.fields);
  free(data);
  if (status == ECO_OK && st.failed)
    status = eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "out of memory reading %s", path);
  if (status == ECO_OK && !out->header)
    status = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: empty file, expected a header line", path);
  if (status != ECO_OK) eco_supply_csv_free(out);
  return status;
}

void eco_supply_csv_free(eco_supply_csv *t) {
  if (!t) return;
  for (int k = 0; k < t->ncols; k++) free(t->header ? t->header[k] : NULL);
  free(t->header);
  for (int64_t r = 0; r < t->nrows; r++) {
    for (int k = 0; k < t->rowcols[r]; k++) free(t->rows[r][k]);
    free(t->rows[r]);
  }
  free(t->rows);
  free(t->rowcols);
  free(t->line);
  memset(t, 0, sizeof(*t));
}

int eco_supply_csv_col(const eco_supply_csv *t, const char *name) {
  for (int k = 0; k < t->ncols; k++)
    if (strcasecmp(t->header[k], name) == 0) return k;
  return -1;
}

/* ------------------------------------------------------------------------ */
/* Instances                                                                */
/* ------------------------------------------------------------------------ */
eco_status eco_supply_cflp_create(int m, int n, eco_supply_cflp **out) {
  *out = NULL;
  ECO_CHECK(m >= 1 && n >= 1, ECO_ERR_INPUT,
            "a facility location instance needs at least one site and one customer (got %d sites, %d customers)", m, n);
  ECO_CHECK((double)m * (double)n <= 4e8, ECO_ERR_INPUT,
            "instance too large: %d sites x %d customers", m, n);
  eco_supply_cflp *p = NULL;
  ECO_CALL(eco_calloc(1, sizeof(*p), &p));
  p->m = m;
  p->n = n;
  size_t mn = (size_t)m * (size_t)n;
  eco_status st = ECO_OK;
  if ((st = eco_calloc((size_t)m, sizeof(double), &p->capacity)) != ECO_OK ||
      (st = eco_calloc((size_t)m, sizeof(double), &p->fixed)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(double), &p->demand)) != ECO_OK ||
      (st = eco_calloc(mn, sizeof(double), &p->cost)) != ECO_OK ||
      (st = eco_calloc(mn, sizeof(double), &p->emis)) != ECO_OK) {
    eco_supply_cflp_destroy(&p);
    return st;
  }
  *out = p;
  return ECO_OK;
}

void eco_supply_cflp_destroy(eco_supply_cflp **pp) {
  if (!pp || !*pp) return;
  eco_supply_cflp *p = *pp;
  free(p->capacity);
  free(p->fixed);
  free(p->demand);
  free(p->cost);
  free(p->emis);
  free(p);
  *pp = NULL;
}

static void set_name(eco_supply_cflp *p, const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  snprintf(p->name, sizeof(p->name), "%s", b);
}

/* Next token as a number >= lo; `what` says what was expected. */
static eco_status tok_number(eco_supply_tokens *t, const char *what, double lo,
                             double *v) {
  if (!eco_supply_tokens_next(t))
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%d: unexpected end of file, expected %s", t->path,
                         t->tok_line, what);
  if (eco_supply_parse_double(t->tok, v) != 0)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%d: expected %s, found '%s'", t->path, t->tok_line,
                         what, t->tok);
  if (*v < lo)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%d: expected %s >= %g, found %s", t->path,
                         t->tok_line, what, lo, t->tok);
  return ECO_OK;
}

static eco_status tok_count(eco_supply_tokens *t, const char *what, int *v) {
  double x;
  ECO_CALL(tok_number(t, what, 1, &x));
  ECO_CHECK(x == floor(x) && x <= 1e7, ECO_ERR_INPUT,
            "%s:%d: expected %s (a whole number), found '%s'", t->path,
            t->tok_line, what, t->tok);
  *v = (int)x;
  return ECO_OK;
}

eco_status eco_supply_cflp_read_orlib(const char *path, double capacity_value,
                                      eco_supply_cflp **out) {
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  ECO_CALL(eco_supply_file_slurp(path, &data, &len));
  eco_supply_tokens t;
  eco_supply_tokens_init(&t, path, data);
  eco_supply_cflp *p = NULL;
  eco_status st = ECO_OK;
  int m = 0, n = 0;
  char what[160];
  ECO_CALL_GOTO(st, tok_count(&t, "the number of sites m (first line: \"m n\")", &m), done);
  ECO_CALL_GOTO(st, tok_count(&t, "the number of customers n (first line: \"m n\")", &n), done);
  /* the file holds 2 numbers per site and 1 + m per customer, each at least
     2 bytes with its separator: refuse a large header it cannot hold before
     allocating for it (small ones get the exact line of what is missing) */
  ECO_CHECK_GOTO(st, (double)m * n <= 1e5 || (2.0 * m + (double)n * (1.0 + m)) * 2 - 1 <= (double)len,
                 ECO_ERR_INPUT, done,
                 "%s:1: %d sites x %d customers need more numbers than this %zu-byte file holds", path, m,
                 n, len);
  ECO_CALL_GOTO(st, eco_supply_cflp_create(m, n, &p), done);
  set_name(p, path);
  for (int i = 0; i < m; i++) {
    /* capacity: a number or the word "capacity" (capa/capb/capc) */
    if (!eco_supply_tokens_next(&t)) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%d: unexpected end of file, expected the capacity of site %d of %d",
                         path, t.tok_line, i + 1, m);
      goto done;
    }
    if (strcasecmp(t.tok, "capacity") == 0) {
      ECO_CHECK_GOTO(st, capacity_value > 0, ECO_ERR_INPUT, done,
                     "%s:%d: site %d has the capacity written as the word 'capacity' "
                     "(capa/capb/capc format): give the value with [supply] capacity = VALUE "
                     "(e.g. capa: 8000, 10000, 12000 or 14000)",
                     path, t.tok_line, i + 1);
      p->capacity[i] = capacity_value;
    } else {
      double v;
      ECO_CHECK_GOTO(st, eco_supply_parse_double(t.tok, &v) == 0 && v > 0, ECO_ERR_INPUT, done,
                     "%s:%d: expected the capacity of site %d (a number > 0 or the word 'capacity'), found '%s'",
                     path, t.tok_line, i + 1, t.tok);
      p->capacity[i] = v;
    }
    snprintf(what, sizeof(what), "the fixed cost of site %d", i + 1);
    ECO_CALL_GOTO(st, tok_number(&t, what, 0, &p->fixed[i]), done);
  }
  for (int j = 0; j < n; j++) {
    snprintf(what, sizeof(what), "the demand of customer %d of %d", j + 1, n);
    ECO_CALL_GOTO(st, tok_number(&t, what, 0, &p->demand[j]), done);
    for (int i = 0; i < m; i++) {
      snprintf(what, sizeof(what), "cost %d of %d of customer %d (serving its whole demand from site %d)",
               i + 1, m, j + 1, i + 1);
      ECO_CALL_GOTO(st, tok_number(&t, what, 0, &p->cost[(size_t)i * n + j]), done);
    }
  }
  if (eco_supply_tokens_next(&t)) {
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s:%d: unexpected '%s' after the last customer (header says %d sites, %d customers)",
                       path, t.tok_line, t.tok, m, n);
    goto done;
  }
done:
  free(data);
  if (st != ECO_OK) {
    eco_supply_cflp_destroy(&p);
    return st;
  }
  *out = p;
  return ECO_OK;
}

eco_status eco_supply_cflp_read_emission_factors(eco_supply_cflp *p,
                                                 const char *path) {
  eco_supply_csv t;
  ECO_CALL(eco_supply_csv_read(path, &t));
  eco_status st = ECO_OK;
  double *fac = NULL;
  int ci = eco_supply_csv_col(&t, "site"), cf = eco_supply_csv_col(&t, "factor");
  ECO_CHECK_GOTO(st, ci >= 0 && cf >= 0, ECO_ERR_INPUT, done,
                 "%s:%d: expected a header with columns 'site' and 'factor'", path, t.header_line);
  ECO_CALL_GOTO(st, eco_malloc((size_t)p->m * sizeof(double), &fac), done);
  for (int i = 0; i < p->m; i++) fac[i] = NAN;
  for (int64_t r = 0; r < t.nrows; r++) {
    double s, f;
    ECO_CHECK_GOTO(st, ci < t.rowcols[r] && eco_supply_parse_double(t.rows[r][ci], &s) == 0 &&
                       s == floor(s) && s >= 1 && s <= p->m,
                   ECO_ERR_INPUT, done, "%s:%d: expected a site number 1..%d in column 'site', found '%s'",
                   path, t.line[r], p->m, ci < t.rowcols[r] ? t.rows[r][ci] : "");
    ECO_CHECK_GOTO(st, cf < t.rowcols[r] && eco_supply_parse_double(t.rows[r][cf], &f) == 0 && f >= 0,
                   ECO_ERR_INPUT, done, "%s:%d: expected an emission factor >= 0 in column 'factor', found '%s'",
                   path, t.line[r], cf < t.rowcols[r] ? t.rows[r][cf] : "");
    int i = (int)s - 1;
    ECO_CHECK_GOTO(st, isnan(fac[i]), ECO_ERR_INPUT, done, "%s:%d: site %d listed twice", path,
                   t.line[r], i + 1);
    fac[i] = f;
  }
  for (int i = 0; i < p->m; i++)
    ECO_CHECK_GOTO(st, !isnan(fac[i]), ECO_ERR_INPUT, done,
                   "%s: no emission factor for site %d (expected one row per site 1..%d)", path,
                   i + 1, p->m);
  for (int i = 0; i < p->m; i++)
    for (int j = 0; j < p->n; j++)
      p->emis[(size_t)i * p->n + j] = fac[i] * p->cost[(size_t)i * p->n + j];
done:
  free(fac);
  eco_supply_csv_free(&t);
  return st;
}

/* Column `name` of row r as a number >= lo. */
static eco_status csv_number(const eco_supply_csv *t, const char *path, int64_t r,
                             int col, const char *name, double lo, double *v) {
  const char *s = col < t->rowcols[r] ? t->rows[r][col] : "";
  ECO_CHECK(eco_supply_parse_double(s, v) == 0, ECO_ERR_INPUT,
            "%s:%d: expected a number in column '%s', found '%s'", path, t->line[r], name, s);
  ECO_CHECK(*v >= lo, ECO_ERR_INPUT, "%s:%d: expected %s >= %g, found %s", path,
            t->line[r], name, lo, s);
  return ECO_OK;
}

static eco_status csv_columns(const eco_supply_csv *t, const char *path,
                              const char *const *names, int k, int *cols) {
  for (int c = 0; c < k; c++) {
    cols[c] = eco_supply_csv_col(t, names[c]);
    ECO_CHECK(cols[c] >= 0, ECO_ERR_INPUT, "%s:%d: missing column '%s' in the header", path,
              t->header_line, names[c]);
  }
  ECO_CHECK(t->nrows > 0, ECO_ERR_INPUT, "%s: no data rows after the header", path);
  return ECO_OK;
}

typedef struct {
  const char *id;
  int line;
} id_line;

static int id_line_cmp(const void *a, const void *b) {
  const id_line *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Ids of column col unique (sorted copy: n log n for large customer files). */
static eco_status check_unique_ids(const eco_supply_csv *t, int col, const char *path,
                                   const char *what) {
  if (t->nrows < 2) return ECO_OK;
  id_line *v = NULL;
  ECO_CALL(eco_malloc((size_t)t->nrows * sizeof(*v), &v));
  for (int64_t r = 0; r < t->nrows; r++) {
    v[r].id = col < t->rowcols[r] ? t->rows[r][col] : "";
    v[r].line = t->line[r];
  }
  qsort(v, (size_t)t->nrows, sizeof(*v), id_line_cmp);
  eco_status st = ECO_OK;
  for (int64_t r = 1; r < t->nrows && st == ECO_OK; r++)
    if (!strcmp(v[r].id, v[r - 1].id))
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s:%d: duplicate %s id '%s' (first at line %d)", path, v[r].line, what,
                         v[r].id, v[r - 1].line);
  free(v);
  return st;
}

eco_status eco_supply_cflp_read_csv(const char *sites_path,
                                    const char *customers_path,
                                    double transport_cost,
                                    eco_supply_cflp **out) {
  *out = NULL;
  eco_supply_csv s = {0}, c = {0};
  eco_supply_cflp *p = NULL;
  double *sx = NULL, *sy = NULL, *ef = NULL, *cx = NULL, *cy = NULL;
  eco_status st = ECO_OK;
  static const char *const snames[] = {"id", "x", "y", "capacity", "fixed_cost", "emission_factor"};
  static const char *const cnames[] = {"id", "x", "y", "demand"};
  int scol[6], ccol[4];
  ECO_CALL_GOTO(st, eco_supply_csv_read(sites_path, &s), done);
  ECO_CALL_GOTO(st, eco_supply_csv_read(customers_path, &c), done);
  ECO_CALL_GOTO(st, csv_columns(&s, sites_path, snames, 6, scol), done);
  ECO_CALL_GOTO(st, csv_columns(&c, customers_path, cnames, 4, ccol), done);
  ECO_CALL_GOTO(st, eco_supply_cflp_create((int)s.nrows, (int)c.nrows, &p), done);
  set_name(p, sites_path);
  int m = p->m, n = p->n;
  ECO_CALL_GOTO(st, eco_malloc((size_t)m * sizeof(double), &sx), done);
  ECO_CALL_GOTO(st, eco_malloc((size_t)m * sizeof(double), &sy), done);
  ECO_CALL_GOTO(st, eco_malloc((size_t)m * sizeof(double), &ef), done);
  ECO_CALL_GOTO(st, eco_malloc((size_t)n * sizeof(double), &cx), done);
  ECO_CALL_GOTO(st, eco_malloc((size_t)n * sizeof(double), &cy), done);
  for (int i = 0; i < m; i++) {
    ECO_CALL_GOTO(st, csv_number(&s, sites_path, i, scol[1], "x", -INFINITY, &sx[i]), done);
    ECO_CALL_GOTO(st, csv_number(&s, sites_path, i, scol[2], "y", -INFINITY, &sy[i]), done);
    double cap;
    ECO_CALL_GOTO(st, csv_number(&s, sites_path, i, scol[3], "capacity", 0, &cap), done);
    ECO_CHECK_GOTO(st, cap > 0, ECO_ERR_INPUT, done, "%s:%d: expected capacity > 0, found %g",
                   sites_path, s.line[i], cap);
    p->capacity[i] = cap;
    ECO_CALL_GOTO(st, csv_number(&s, sites_path, i, scol[4], "fixed_cost", 0, &p->fixed[i]), done);
    ECO_CALL_GOTO(st, csv_number(&s, sites_path, i, scol[5], "emission_factor", 0, &ef[i]), done);
    const char *id = scol[0] < s.rowcols[i] ? s.rows[i][scol[0]] : "";
    ECO_CHECK_GOTO(st, id[0] != '\0', ECO_ERR_INPUT, done, "%s:%d: empty site id", sites_path, s.line[i]);
    for (int k = 0; k < i; k++)
      ECO_CHECK_GOTO(st, strcmp(s.rows[k][scol[0]], id) != 0, ECO_ERR_INPUT, done,
                     "%s:%d: duplicate site id '%s' (first at line %d)", sites_path, s.line[i], id, s.line[k]);
  }
  for (int j = 0; j < n; j++) {
    ECO_CALL_GOTO(st, csv_number(&c, customers_path, j, ccol[1], "x", -INFINITY, &cx[j]), done);
    ECO_CALL_GOTO(st, csv_number(&c, customers_path, j, ccol[2], "y", -INFINITY, &cy[j]), done);
    ECO_CALL_GOTO(st, csv_number(&c, customers_path, j, ccol[3], "demand", 0, &p->demand[j]), done);
    const char *id = ccol[0] < c.rowcols[j] ? c.rows[j][ccol[0]] : "";
    ECO_CHECK_GOTO(st, id[0] != '\0', ECO_ERR_INPUT, done, "%s:%d: empty customer id", customers_path, c.line[j]);
  }
  ECO_CALL_GOTO(st, check_unique_ids(&c, ccol[0], customers_path, "customer"), done);
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      double d = hypot(sx[i] - cx[j], sy[i] - cy[j]);
      p->cost[(size_t)i * n + j] = transport_cost * p->demand[j] * d;
      p->emis[(size_t)i * n + j] = ef[i] * p->demand[j] * d;
    }
done:
  free(sx);
  free(sy);
  free(ef);
  free(cx);
  free(cy);
  eco_supply_csv_free(&s);
  eco_supply_csv_free(&c);
  if (st != ECO_OK) {
    eco_supply_cflp_destroy(&p);
    return st;
  }
  *out = p;
  return ECO_OK;
}

eco_status eco_supply_cflp_write_orlib(const eco_supply_cflp *p, const char *path) {
  FILE *fp = fopen(path, "w");
  ECO_CHECK(fp != NULL, ECO_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
  fprintf(fp, " %d %d\n", p->m, p->n);
  for (int i = 0; i < p->m; i++) fprintf(fp, " %.10g %.10g\n", p->capacity[i], p->fixed[i]);
  for (int j = 0; j < p->n; j++) {
    fprintf(fp, " %.10g\n", p->demand[j]);
    for (int i = 0; i < p->m; i++)
      fprintf(fp, " %.10g%s", p->cost[(size_t)i * p->n + j], (i % 7 == 6 || i == p->m - 1) ? "\n" : "");
  }
  int bad = ferror(fp);
  if (fclose(fp) != 0) bad = 1;
  ECO_CHECK(!bad, ECO_ERR_IO, "%s: write error", path);
  return ECO_OK;
}

eco_status eco_supply_cflp_generate(int m, int n, double ratio, uint64_t seed,
                                    eco_supply_cflp **out) {
  *out = NULL;
  ECO_CHECK(ratio > 1.0, ECO_ERR_INPUT, "capacity ratio must be > 1 (got %g)", ratio);
  eco_supply_cflp *p = NULL;
  ECO_CALL(eco_supply_cflp_create(m, n, &p));
  snprintf(p->name, sizeof(p->name), "gen-%dx%d-r%g-s%llu", m, n, ratio,
           (unsigned long long)seed);
  eco_rng r;
  eco_rng_init(&r, seed, ECO_RNG_GENERATE, 0x5eedcf1bULL);
  double *sx = malloc(sizeof(double) * m), *sy = malloc(sizeof(double) * m);
  double *cx = malloc(sizeof(double) * n), *cy = malloc(sizeof(double) * n);
  if (!sx || !sy || !cx || !cy) {
    free(sx); free(sy); free(cx); free(cy);
    eco_supply_cflp_destroy(&p);
    return eco_error_set(ECO_ERR_MEM, __FILE__, __LINE__, "out of memory");
  }
  double sd = 0, ss = 0;
  for (int j = 0; j < n; j++) {
    cx[j] = eco_rng_uniform(&r);
    cy[j] = eco_rng_uniform(&r);
    p->demand[j] = 5 + (double)eco_rng_below(&r, 31);
    sd += p->demand[j];
  }
  for (int i = 0; i < m; i++) {
    sx[i] = eco_rng_uniform(&r);
    sy[i] = eco_rng_uniform(&r);
    p->capacity[i] = 10 + 150 * eco_rng_uniform(&r);
    ss += p->capacity[i];
  }
  double scale = ratio * sd / ss;
  for (int i = 0; i < m; i++) {
    p->capacity[i] = floor(p->capacity[i] * scale + 0.5);
    if (p->capacity[i] < 1) p->capacity[i] = 1;
    double a = 90 * eco_rng_uniform(&r), b = 100 + 10 * eco_rng_uniform(&r);
    p->fixed[i] = floor((a + b * sqrt(p->capacity[i])) * 1000 + 0.5) / 1000;
  }
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      double d = hypot(sx[i] - cx[j], sy[i] - cy[j]);
      p->cost[(size_t)i * n + j] = floor(10 * d * p->demand[j] * 1000 + 0.5) / 1000;
    }
  free(sx); free(sy); free(cx); free(cy);
  *out = p;
  return ECO_OK;
}
