/* Demand input: long CSV (region,product,date,quantity[,price,promo]) and
 * M4-style wide CSV (id, then values) parsed with libcsv from line-aligned
 * byte ranges of every rank; HDF5 /demand (CSR layout) read and written
 * collectively. Whole series are gathered onto ranks in contiguous blocks
 * of the global order, balanced by total length.
 *
 * Global order of series: long CSV by (region, product) in byte order
 * (strcmp); wide CSV by line. Every rank count gives the same order. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ecoscale/io.h"
#include "forecast_impl.h"

#define NM ECO_FC_NAME_MAX
#define MAX_FIELDS 1000000

const char *eco_fc_freq_name(eco_fc_freq f) {
  switch (f) {
  case ECO_FREQ_DAILY: return "daily";
  case ECO_FREQ_WEEKLY: return "weekly";
  case ECO_FREQ_MONTHLY: return "monthly";
  case ECO_FREQ_NONE: return "none";
  default: return "auto";
  }
}

void eco_fc_data_free(eco_fc_data *d) {
  if (!d) return;
  eco_free(&d->off);
  eco_free(&d->values);
  eco_free(&d->price);
  eco_free(&d->promo);
  eco_free(&d->region);
  eco_free(&d->product);
  eco_free(&d->start);
  memset(d, 0, sizeof *d);
}

/* ---- one CSV line through libcsv --------------------------------------- */
typedef struct {
  char *buf;      /* all fields, NUL separated */
  size_t len, cap;
  size_t *start;  /* offsets of the fields in buf */
  int nfields, fcap;
  int overflow, oom;
} line_fields;

static void cb_field(void *s, size_t len, void *data) {
  line_fields *lf = data;
  if (lf->nfields >= MAX_FIELDS) {
    lf->overflow = 1;
    return;
  }
  if (lf->nfields >= lf->fcap) {
    int fc = lf->fcap ? 2 * lf->fcap : 64;
    size_t *ns = realloc(lf->start, sizeof(size_t) * (size_t)fc);
    if (!ns) {
      lf->oom = 1;
      return;
    }
    lf->start = ns;
    lf->fcap = fc;
  }
  if (lf->len + len + 1 > lf->cap) {
    size_t cap = (lf->cap + len + 1) * 2;
    char *nb = realloc(lf->buf, cap);
    if (!nb) {
      lf->oom = 1;
      return;
    }
    lf->buf = nb;
    lf->cap = cap;
  }
  lf->start[lf->nfields++] = lf->len;
  memcpy(lf->buf + lf->len, s ? s : "", len);
  lf->len += len;
  lf->buf[lf->len++] = '\0';
}

static void cb_record(int c, void *data) { (void)c; (void)data; }

static const char *field(const line_fields *lf, int i) { return lf->buf + lf->start[i]; }

/* 1-based character column where field k (0-based) starts in a raw line. */
static int field_column(const char *line, size_t len, int k) {
  int f = 0, inq = 0;
  for (size_t i = 0; i < len; i++) {
    if (f == k) return (int)i + 1;
    if (line[i] == '"') inq = !inq;
    else if (line[i] == ',' && !inq) f++;
  }
  return (int)len + 1;
}

static eco_status parse_line(struct csv_parser *p, const char *line, size_t len,
                             line_fields *lf, const char *path, int64_t lineno) {
  lf->len = 0;
  lf->nfields = 0;
  lf->overflow = lf->oom = 0;
  if (csv_parse(p, line, len, cb_field, cb_record, lf) != len || csv_fini(p, cb_field, cb_record, lf) != 0)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%lld: CSV syntax error: %s",
                         path, (long long)lineno, csv_strerror(csv_error(p)));
  ECO_CHECK(!lf->oom, ECO_ERR_MEM, "out of memory parsing %s:%lld", path, (long long)lineno);
  ECO_CHECK(!lf->overflow, ECO_ERR_INPUT, "%s:%lld: more than %d fields", path,
            (long long)lineno, MAX_FIELDS);
  return ECO_OK;
}

/* ---- fields ------------------------------------------------------------ */
static int is_blank(const char *s) {
  while (*s && isspace((unsigned char)*s)) s++;
  return *s == '\0';
}

static int is_blank_n(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isspace((unsigned char)s[i])) return 0;
  return 1;
}

/* A line must be UTF-8 text without NUL bytes (a UTF-16 file, Latin-1
 * names or binary data are refused at their line and column). */
static eco_status check_text(const char *line, size_t len, const char *path, int64_t lineno) {
  return eco_text_check(path, line, len, (long long)lineno, 0);
}

/* Number or empty (NaN). -1 if not a number. */
static int parse_number(const char *s, double *out) {
  if (is_blank(s)) {
    *out = NAN;
    return 0;
  }
  char *end;
  errno = 0;
  const double v = strtod(s, &end);
  while (*end && isspace((unsigned char)*end)) end++;
  if (*end != '\0' || end == s || errno == ERANGE || !isfinite(v)) return -1;
  *out = v;
  return 0;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

/* YYYY-MM-DD -> day number (1970-01-01 = 0) and month index y*12+m-1. */
int eco_fc_date_parse(const char *s, int64_t *day, int64_t *month) {
  while (isspace((unsigned char)*s)) s++;
  int y, m, d, n = 0;
  if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) return -1;
  const char *e = s + n;
  while (isspace((unsigned char)*e)) e++;
  if (*e) return -1;
  if (y < 1 || m < 1 || m > 12 || d < 1) return -1;
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = mdays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) dim = 29;
  if (d > dim) return -1;
  *day = days_from_civil(y, (unsigned)m, (unsigned)d);
  *month = (int64_t)y * 12 + (m - 1);
  return 0;
}

static void day_to_text(int64_t z, char buf[32]) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = (int64_t)yoe + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  snprintf(buf, 32, "%04lld-%02u-%02u", (long long)y, m, d);
}

/* ---- long records -------------------------------------------------------- */
typedef struct {
  char region[NM];
  char product[NM];
  int64_t day, month;
  double q, price, promo;
  int64_t line;
  int32_t col_date;
  int32_t pad;
} rec;

static int rec_key_cmp(const rec *a, const rec *b) {
  int c = strcmp(a->region, b->region);
  if (c) return c;
  return strcmp(a->product, b->product);
}

static int rec_cmp(const void *pa, const void *pb) {
  const rec *a = pa, *b = pb;
  int c = rec_key_cmp(a, b);
  if (c) return c;
  if (a->day != b->day) return a->day < b->day ? -1 : 1;
  return a->line < b->line ? -1 : (a->line > b->line);
}

typedef struct {
  int wide;
  int header;        /* first line is a header (wide format) */
  int c_region, c_product, c_date, c_qty, c_price, c_promo, ncols;
} csv_layout;

static void lower_trim(const char *s, char *out, size_t n) {
  while (isspace((unsigned char)*s)) s++;
  size_t i = 0;
  for (; *s && i + 1 < n; s++) out[i++] = (char)tolower((unsigned char)*s);
  while (i > 0 && isspace((unsigned char)out[i - 1])) i--;
  out[i] = '\0';
}

/* Next line of [*s, end) without its newline (and a trailing '\r'); 0 at
   the end. Advances *s past the line. */
static int chunk_next_line(const char **s, const char *end, const char **line,
                           size_t *len) {
  if (*s >= end) return 0;
  const char *nl = memchr(*s, '\n', (size_t)(end - *s));
  *line = *s;
  *len = nl ? (size_t)(nl - *s) : (size_t)(end - *s);
  *s = nl ? nl + 1 : end;
  if (*len > 0 && (*line)[*len - 1] == '\r') (*len)--;
  return 1;
}

/* The lines of a text chunk through libcsv: csv_lines_next gives the next
   non-blank line (line, len, its number lineno) with its fields in lf, after
   checking that it is UTF-8 text; 0 at the end of the chunk or on an error
   (*st). ch may be NULL to parse single lines with parse_line. */
typedef struct {
  struct csv_parser p;
  line_fields lf;
  const char *s, *end, *path;
  int64_t lineno;
  const char *line;
  size_t len;
} csv_lines;

static void csv_lines_open(csv_lines *c, const eco_text_chunk *ch, const char *path) {
  memset(c, 0, sizeof *c);
  csv_init(&c->p, 0);
  c->path = path;
  if (ch) {
    c->s = ch->data;
    c->end = ch->data + ch->len;
    c->lineno = ch->first_line - 1;
  }
}

static int csv_lines_next(csv_lines *c, eco_status *st) {
  while (chunk_next_line(&c->s, c->end, &c->line, &c->len)) {
    c->lineno++;
    if (c->len == 0 || is_blank_n(c->line, c->len)) continue;
    *st = check_text(c->line, c->len, c->path, c->lineno);
    if (*st == ECO_OK) *st = parse_line(&c->p, c->line, c->len, &c->lf, c->path, c->lineno);
    return *st == ECO_OK;
  }
  return 0;
}

static void csv_lines_close(csv_lines *c) {
  csv_free(&c->p);
  free(c->lf.buf);
  free(c->lf.start);
}

/* Rank 0 reads the first line and decides the layout; broadcast. */
static eco_status detect_layout(MPI_Comm comm, const char *path, csv_layout *L) {
  int rank;
  MPI_Comm_rank(comm, &rank);
  eco_status st = ECO_OK;
  memset(L, 0, sizeof *L);
  L->c_region = L->c_product = L->c_date = L->c_qty = L->c_price = L->c_promo = -1;
  if (rank == 0) {
    FILE *fp = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    if (!fp) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: cannot open: %s", path,
                         strerror(errno));
    } else if ((n = getline(&line, &cap, fp)) <= 0) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: empty file", path);
    } else {
      while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
      if (n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) { /* UTF-8 byte order mark */
        memmove(line, line + 3, (size_t)n - 2);
        n -= 3;
      }
      st = check_text(line, (size_t)n, path, 1);
      csv_lines c;
      csv_lines_open(&c, NULL, path);
      if (st == ECO_OK) st = parse_line(&c.p, line, (size_t)n, &c.lf, path, 1);
      if (st == ECO_OK) {
        for (int i = 0; i < c.lf.nfields; i++) {
          char nm[64];
          lower_trim(field(&c.lf, i), nm, sizeof nm);
          if (!strcmp(nm, "region")) L->c_region = i;
          else if (!strcmp(nm, "product")) L->c_product = i;
          else if (!strcmp(nm, "date")) L->c_date = i;
          else if (!strcmp(nm, "quantity")) L->c_qty = i;
          else if (!strcmp(nm, "price")) L->c_price = i;
          else if (!strcmp(nm, "promo")) L->c_promo = i;
        }
        L->ncols = c.lf.nfields;
        const int named = (L->c_region >= 0) + (L->c_product >= 0) + (L->c_date >= 0) + (L->c_qty >= 0);
        if (named == 4) {
          L->wide = 0;
        } else if (named > 0) {
          st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                             "%s:1: a long demand CSV needs the columns region, product, date "
                             "and quantity (missing: %s%s%s%s)",
                             path, L->c_region < 0 ? "region " : "", L->c_product < 0 ? "product " : "",
                             L->c_date < 0 ? "date " : "", L->c_qty < 0 ? "quantity" : "");
        } else {
          double v;
          L->wide = 1;
          L->header = c.lf.nfields >= 2 && parse_number(field(&c.lf, 1), &v) != 0;
        }
      }
      csv_lines_close(&c);
    }
    free(line);
    if (fp) fclose(fp);
  }
  int buf[10] = {L->wide, L->header, L->c_region, L->c_product, L->c_date, L->c_qty,
                 L->c_price, L->c_promo, L->ncols, (int)st};
  ECO_CALL_MPI(MPI_Bcast(buf, 10, MPI_INT, 0, comm));
  L->wide = buf[0]; L->header = buf[1]; L->c_region = buf[2]; L->c_product = buf[3];
  L->c_date = buf[4]; L->c_qty = buf[5]; L->c_price = buf[6]; L->c_promo = buf[7];
  L->ncols = buf[8];
  st = eco_agree(comm, st);
  return st;
}

static eco_status check_name(const char *s, const char *what, const char *path, int64_t line,
                             int col) {
  ECO_CHECK(strlen(s) < NM, ECO_ERR_INPUT, "%s:%lld:%d: %s longer than %d characters", path,
            (long long)line, col, what, NM - 1);
  ECO_CHECK(!is_blank(s), ECO_ERR_INPUT, "%s:%lld:%d: empty %s", path, (long long)line, col, what);
  return ECO_OK;
}

/* Parse this rank's lines of a long CSV. */
static eco_status parse_long(const eco_text_chunk *ch, const char *path, const csv_layout *L,
                             const eco_fc_read_options *ro, rec **out, int64_t *nout) {
  rec *r = NULL;
  int64_t n = 0;
  ECO_CALL(eco_malloc(sizeof(rec) * (size_t)(ch->nlines + 1), &r));
  csv_lines c;
  csv_lines_open(&c, ch, path);
  eco_status st = ECO_OK;
  while (csv_lines_next(&c, &st)) {
    const char *line = c.line;
    const size_t len = c.len;
    const int64_t lineno = c.lineno;
    const int need = L->ncols;
    ECO_CHECK_GOTO(st,c.lf.nfields == need, ECO_ERR_INPUT, done,
                   "%s:%lld: %d fields, the header has %d", path, (long long)lineno,c.lf.nfields, need);
    rec *x = &r[n];
    memset(x, 0, sizeof *x);
    x->line = lineno;
    const char *reg = field(&c.lf, L->c_region), *pro = field(&c.lf, L->c_product);
    ECO_CALL_GOTO(st, check_name(reg, "region", path, lineno, field_column(line, len, L->c_region)), done);
    ECO_CALL_GOTO(st, check_name(pro, "product", path, lineno, field_column(line, len, L->c_product)), done);
    strncpy(x->region, reg, NM - 1); /* x was zeroed */
    strncpy(x->product, pro, NM - 1);
    x->col_date = field_column(line, len, L->c_date);
    ECO_CHECK_GOTO(st, eco_fc_date_parse(field(&c.lf, L->c_date), &x->day, &x->month) == 0, ECO_ERR_INPUT,
                   done, "%s:%lld:%d: bad date '%s' (expected YYYY-MM-DD)", path,
                   (long long)lineno, x->col_date, field(&c.lf, L->c_date));
    const int cq = field_column(line, len, L->c_qty);
    ECO_CHECK_GOTO(st, parse_number(field(&c.lf, L->c_qty), &x->q) == 0, ECO_ERR_INPUT, done,
                   "%s:%lld:%d: quantity '%s' is not a number", path, (long long)lineno, cq,
                   field(&c.lf, L->c_qty));
    if (x->q < 0) {
      ECO_CHECK_GOTO(st, ro->negative_missing, ECO_ERR_INPUT, done,
                     "%s:%lld:%d: negative quantity %g (set forecast.negative = missing to "
                     "treat negative quantities as missing)",
                     path, (long long)lineno, cq, x->q);
      x->q = NAN;
    }
    x->price = x->promo = NAN;
    if (L->c_price >= 0)
      ECO_CHECK_GOTO(st, parse_number(field(&c.lf, L->c_price), &x->price) == 0, ECO_ERR_INPUT, done,
                     "%s:%lld:%d: price '%s' is not a number", path, (long long)lineno,
                     field_column(line, len, L->c_price), field(&c.lf, L->c_price));
    ECO_CHECK_GOTO(st, !(x->price < 0), ECO_ERR_INPUT, done, "%s:%lld:%d: negative price %g", path,
                   (long long)lineno, field_column(line, len, L->c_price), x->price);
    if (L->c_promo >= 0)
      ECO_CHECK_GOTO(st, parse_number(field(&c.lf, L->c_promo), &x->promo) == 0, ECO_ERR_INPUT, done,
                     "%s:%lld:%d: promo '%s' is not a number", path, (long long)lineno,
                     field_column(line, len, L->c_promo), field(&c.lf, L->c_promo));
    n++;
  }
done:
  csv_lines_close(&c);
  if (st != ECO_OK) {
    eco_free(&r);
    return st;
  }
  *out = r;
  *nout = n;
  return ECO_OK;
}

/* ---- local series (before balancing) ------------------------------------- */
typedef struct {
  int64_t ns, nv, cap_s, cap_v;
  char (*region)[NM];
  char (*product)[NM];
  int64_t *start, *len;
  double *v, *price, *promo;
} sbuf;

static void sbuf_free(sbuf *b) {
  eco_free(&b->region);
  eco_free(&b->product);
  eco_free(&b->start);
  eco_free(&b->len);
  eco_free(&b->v);
  eco_free(&b->price);
  eco_free(&b->promo);
  memset(b, 0, sizeof *b);
}

static eco_status sbuf_reserve(sbuf *b, int64_t ns, int64_t nv) {
  if (ns > b->cap_s) {
    int64_t c = ns > 2 * b->cap_s ? ns : 2 * b->cap_s;
    ECO_CALL(eco_realloc(sizeof(*b->region) * (size_t)c, &b->region));
    ECO_CALL(eco_realloc(sizeof(*b->product) * (size_t)c, &b->product));
    ECO_CALL(eco_realloc(sizeof(int64_t) * (size_t)c, &b->start));
    ECO_CALL(eco_realloc(sizeof(int64_t) * (size_t)c, &b->len));
    b->cap_s = c;
  }
  if (nv > b->cap_v) {
    int64_t c = nv > 2 * b->cap_v ? nv : 2 * b->cap_v;
    ECO_CALL(eco_realloc(sizeof(double) * (size_t)c, &b->v));
    ECO_CALL(eco_realloc(sizeof(double) * (size_t)c, &b->price));
    ECO_CALL(eco_realloc(sizeof(double) * (size_t)c, &b->promo));
    b->cap_v = c;
  }
  return ECO_OK;
}

/* ---- byte exchange of exchange_by_key and balance -------------------------- */
/* After agreeing on st (a local failure on one rank must not hang the
 * others): every rank sends scnt[i] bytes of sb to rank i (sdis: their
 * offsets, set here) and gets rcnt[i] bytes at rdis[i] of *rb (allocated
 * here, `void **`, the caller frees it), *rtot bytes in all; more than fit
 * an int is ECO_ERR_INPUT with message too_big. Collective. */
static eco_status exchange_bytes(MPI_Comm comm, eco_status st, const void *sb, const int *scnt,
                                 int *sdis, int *rcnt, int *rdis, void *rb, int64_t *rtot,
                                 const char *too_big) {
  int P = 1;
  MPI_Comm_size(comm, &P);
  *rtot = 0;
  st = eco_agree(comm, st);
  if (st != ECO_OK) return st;
  ECO_CALL_MPI(MPI_Alltoall(scnt, 1, MPI_INT, rcnt, 1, MPI_INT, comm));
  for (int i = 0, so = 0; i < P; i++) {
    sdis[i] = so;
    so += scnt[i];
    rdis[i] = (int)*rtot;
    *rtot += rcnt[i];
  }
  if (*rtot >= 2147483647LL)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s", too_big);
  else
    st = eco_malloc((size_t)*rtot + 1, rb);
  st = eco_agree(comm, st);
  if (st != ECO_OK) return st;
  ECO_CALL_MPI(MPI_Alltoallv(sb, scnt, sdis, MPI_BYTE, *(void **)rb, rcnt, rdis, MPI_BYTE, comm));
  return ECO_OK;
}

/* ---- sample sort of long records by key ---------------------------------- */
static eco_status exchange_by_key(MPI_Comm comm, rec **recs, int64_t *nrec) {
  int P, rank;
  MPI_Comm_size(comm, &P);
  MPI_Comm_rank(comm, &rank);
  rec *r = *recs;
  int64_t n = *nrec;
  qsort(r, (size_t)n, sizeof(rec), rec_cmp);
  if (P == 1) return ECO_OK;
  /* distinct local keys, P-1 regular samples of them */
  int64_t nk = 0;
  for (int64_t i = 0; i < n; i++)
    if (i == 0 || rec_key_cmp(&r[i], &r[i - 1])) nk++;
  rec *samp = NULL, *all = NULL;
  int *cnts = NULL, *displs = NULL, *scnt = NULL, *sdis = NULL, *rcnt = NULL, *rdis = NULL;
  rec *recv = NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(rec), &samp), agree1);
  int ns = 0;
  {
    int64_t k = -1;
    int next = 1;
    for (int64_t i = 0; i < n && ns < P - 1; i++) {
      if (i == 0 || rec_key_cmp(&r[i], &r[i - 1])) {
        k++;
        /* sample the keys at ranks j * nk / P, j = 1..P-1 */
        while (next < P && k == (nk * next) / P) {
          samp[ns++] = r[i];
          next++;
        }
      }
    }
  }
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &cnts), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &displs), agree1);
agree1: /* before a collective: a local failure on one rank must not hang the others */
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto done;
  ECO_CALL_MPI_GOTO(st, MPI_Allgather(&ns, 1, MPI_INT, cnts, 1, MPI_INT, comm), done);
  int tot = 0;
  for (int i = 0; i < P; i++) {
    displs[i] = tot * (int)sizeof(rec);
    tot += cnts[i];
    cnts[i] *= (int)sizeof(rec);
  }
  ECO_CALL_GOTO(st, eco_calloc((size_t)tot + 1, sizeof(rec), &all), agree2);
agree2: /* before a collective: a local failure on one rank must not hang the others */
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto done;
  ECO_CALL_MPI_GOTO(st, MPI_Allgatherv(samp, ns * (int)sizeof(rec), MPI_BYTE, all, cnts, displs,
                                       MPI_BYTE, comm), done);
  qsort(all, (size_t)tot, sizeof(rec), rec_cmp);
  /* splitters: P-1 keys at regular positions of the sorted samples */
  rec *split = samp; /* reuse: P-1 entries */
  for (int j = 1; j < P; j++) split[j - 1] = all[tot > 0 ? ((int64_t)tot * j) / P - (tot >= P ? 0 : 0) : 0];
  const int nsplit = tot > 0 ? P - 1 : 0;
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &scnt), agree3);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &sdis), agree3);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &rcnt), agree3);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &rdis), agree3);
  {
    int d = 0;
    for (int64_t i = 0; i < n; i++) {
      /* destination: number of splitters strictly below the key */
      while (d < nsplit && rec_key_cmp(&split[d], &r[i]) < 0) d++;
      scnt[d]++;
    }
  }
  for (int i = 0; i < P; i++) {
    ECO_CHECK_GOTO(st, (int64_t)scnt[i] * (int64_t)sizeof(rec) < 2147483647LL, ECO_ERR_INPUT, agree3,
                   "too many demand rows for one rank (use more ranks or import to HDF5)");
    scnt[i] *= (int)sizeof(rec);
  }
agree3: /* exchange_bytes agrees on st before its collectives */;
  int64_t rtot = 0;
  ECO_CALL_GOTO(st,
                exchange_bytes(comm, st, r, scnt, sdis, rcnt, rdis, &recv, &rtot,
                               "too many demand rows for one rank (use more ranks or import to "
                               "HDF5)"),
                done);
  eco_free(recs);
  *recs = recv;
  recv = NULL;
  *nrec = rtot / (int64_t)sizeof(rec);
  qsort(*recs, (size_t)*nrec, sizeof(rec), rec_cmp);
done:
  eco_free(&samp);
  eco_free(&all);
  eco_free(&cnts);
  eco_free(&displs);
  eco_free(&scnt);
  eco_free(&sdis);
  eco_free(&rcnt);
  eco_free(&rdis);
  eco_free(&recv);
  return st;
}

static int64_t floordiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

/* Decide the frequency (collective) and build local series from sorted recs. */
static eco_status build_long_series(MPI_Comm comm, const char *path, rec *r, int64_t n,
                                    eco_fc_freq *freq, sbuf *b) {
  eco_status st = ECO_OK;
  if (*freq == ECO_FREQ_AUTO) {
    int64_t gmin = INT64_MAX;
    int all7 = 1, gapline = 0;
    (void)gapline;
    for (int64_t i = 1; i < n; i++) {
      if (rec_key_cmp(&r[i], &r[i - 1])) continue;
      const int64_t g = r[i].day - r[i - 1].day;
      if (g <= 0) continue;
      if (g < gmin) gmin = g;
      if (g % 7) all7 = 0;
    }
    int64_t g_all;
    int a7;
    ECO_CALL_MPI(MPI_Allreduce(&gmin, &g_all, 1, MPI_INT64_T, MPI_MIN, comm));
    ECO_CALL_MPI(MPI_Allreduce(&all7, &a7, 1, MPI_INT, MPI_LAND, comm));
    if (g_all == 1) *freq = ECO_FREQ_DAILY;
    else if (g_all % 7 == 0 && a7) *freq = ECO_FREQ_WEEKLY;
    else if (g_all >= 28 && g_all <= 31) *freq = ECO_FREQ_MONTHLY;
    else if (g_all == INT64_MAX)
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s: cannot infer the frequency: no series has two dates "
                           "(set forecast.frequency = daily|weekly|monthly)", path);
    else
      return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s: unknown frequency: the smallest gap between two dates of a series "
                           "is %lld days (daily = 1, weekly = 7, monthly = 28-31); set "
                           "forecast.frequency",
                           path, (long long)g_all);
  }
  for (int64_t i = 0; i < n && st == ECO_OK;) {
    int64_t j = i;
    while (j < n && !rec_key_cmp(&r[j], &r[i])) j++;
    /* period index of each record */
    int64_t first = 0, last = 0;
    for (int64_t k = i; k < j; k++) {
      int64_t idx;
      if (*freq == ECO_FREQ_DAILY) idx = r[k].day;
      else if (*freq == ECO_FREQ_MONTHLY) idx = r[k].month;
      else {
        const int64_t w0 = ((r[i].day % 7) + 7) % 7, w = ((r[k].day % 7) + 7) % 7;
        if (w != w0) {
          char d1[32], d0[32];
          day_to_text(r[k].day, d1);
          day_to_text(r[i].day, d0);
          return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                               "%s:%lld:%d: date %s is not on the weekly grid of series (%s, %s), "
                               "which starts on %s at line %lld",
                               path, (long long)r[k].line, r[k].col_date, d1, r[k].region,
                               r[k].product, d0, (long long)r[i].line);
        }
        idx = floordiv(r[k].day, 7);
      }
      if (k == i) first = idx;
      if (k > i && idx == last) {
        char d1[32];
        day_to_text(r[k].day, d1);
        const rec *a = r[k].line > r[k - 1].line ? &r[k] : &r[k - 1];
        const rec *o = a == &r[k] ? &r[k - 1] : &r[k];
        return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                             "%s:%lld:%d: duplicate %s period %s for series (%s, %s), first given "
                             "at line %lld",
                             path, (long long)a->line, a->col_date, eco_fc_freq_name(*freq), d1,
                             a->region, a->product, (long long)o->line);
      }
      last = idx;
    }
    const int64_t len = last - first + 1;
    ECO_CHECK(len <= 10000000, ECO_ERR_INPUT, "%s:%lld: series (%s, %s) spans %lld periods",
              path, (long long)r[i].line, r[i].region, r[i].product, (long long)len);
    ECO_CALL(sbuf_reserve(b, b->ns + 1, b->nv + len));
    strncpy(b->region[b->ns], r[i].region, NM); /* NUL padded */
    strncpy(b->product[b->ns], r[i].product, NM);
    b->start[b->ns] = first;
    b->len[b->ns] = len;
    double *v = b->v + b->nv, *pr = b->price + b->nv, *pm = b->promo + b->nv;
    for (int64_t t = 0; t < len; t++) v[t] = pr[t] = pm[t] = NAN;
    for (int64_t k = i; k < j; k++) {
      int64_t idx = *freq == ECO_FREQ_DAILY ? r[k].day
                    : *freq == ECO_FREQ_MONTHLY ? r[k].month : floordiv(r[k].day, 7);
      v[idx - first] = r[k].q;
      pr[idx - first] = r[k].price;
      pm[idx - first] = r[k].promo;
    }
    b->nv += len;
    b->ns++;
    i = j;
  }
  return st;
}

/* ---- wide (M4) lines ----------------------------------------------------- */
static eco_status parse_wide(const eco_text_chunk *ch, const char *path,
                             const eco_fc_read_options *ro, sbuf *b) {
  csv_lines c;
  csv_lines_open(&c, ch, path);
  eco_status st = ECO_OK;
  while (csv_lines_next(&c, &st)) {
    const char *line = c.line;
    const size_t len = c.len;
    const int64_t lineno = c.lineno;
    const char *id = field(&c.lf, 0);
    ECO_CALL_GOTO(st, check_name(id, "series id", path, lineno, 1), done);
    int nf =c.lf.nfields;
    while (nf > 1 && is_blank(field(&c.lf, nf - 1))) nf--;
    ECO_CHECK_GOTO(st, nf >= 2, ECO_ERR_INPUT, done, "%s:%lld: series '%s' has no values", path,
                   (long long)lineno, id);
    const int64_t len_s = nf - 1;
    ECO_CALL_GOTO(st, sbuf_reserve(b, b->ns + 1, b->nv + len_s), done);
    memset(b->region[b->ns], 0, NM);
    strncpy(b->product[b->ns], id, NM); /* NUL padded */
    b->start[b->ns] = lineno; /* the line, for wide_unique_ids; then 0 */
    b->len[b->ns] = len_s;
    for (int k = 1; k < nf; k++) {
      double v;
      const int col = field_column(line, len, k);
      ECO_CHECK_GOTO(st, parse_number(field(&c.lf, k), &v) == 0, ECO_ERR_INPUT, done,
                     "%s:%lld:%d: value '%s' is not a number", path, (long long)lineno, col,
                     field(&c.lf, k));
      if (v < 0) {
        ECO_CHECK_GOTO(st, ro->negative_missing, ECO_ERR_INPUT, done,
                       "%s:%lld:%d: negative quantity %g (set forecast.negative = missing to "
                       "treat negative quantities as missing)",
                       path, (long long)lineno, col, v);
        v = NAN;
      }
      b->v[b->nv + k - 1] = v;
      b->price[b->nv + k - 1] = NAN;
      b->promo[b->nv + k - 1] = NAN;
    }
    b->nv += len_s;
    b->ns++;
  }
done:
  csv_lines_close(&c);
  return st;
}

/* ---- balance: move whole series to owners of contiguous blocks ------------ */
typedef struct {
  char region[NM];
  char product[NM];
  int64_t start, len;
} shead;

static eco_status balance(MPI_Comm comm, sbuf *b, int has_pp, eco_fc_data *d) {
  int P, rank;
  MPI_Comm_size(comm, &P);
  MPI_Comm_rank(comm, &rank);
  int64_t loc[2] = {b->ns, b->nv}, off[2] = {0, 0}, tot[2];
  ECO_CALL_MPI(MPI_Exscan(loc, off, 2, MPI_INT64_T, MPI_SUM, comm));
  if (rank == 0) off[0] = off[1] = 0;
  ECO_CALL_MPI(MPI_Allreduce(loc, tot, 2, MPI_INT64_T, MPI_SUM, comm));
  int *scnt = NULL, *sdis = NULL, *rcnt = NULL, *rdis = NULL;
  char *sb = NULL, *rb = NULL;
  int *owner = NULL; /* here, not later: the gotos below jump to its free */
  eco_status st = ECO_OK;
  const int narr = has_pp ? 3 : 1;
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &scnt), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &sdis), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &rcnt), agree1);
  ECO_CALL_GOTO(st, eco_calloc((size_t)P, sizeof(int), &rdis), agree1);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int) * (size_t)(b->ns + 1), &owner), agree1);
  {
    int64_t lo = off[1];
    for (int64_t i = 0; i < b->ns; i++) {
      int64_t o = tot[1] > 0 ? ((2 * lo + b->len[i]) * (int64_t)P) / (2 * tot[1]) : 0;
      if (o >= P) o = P - 1;
      owner[i] = (int)o;
      lo += b->len[i];
      int64_t bytes = (int64_t)scnt[o] + (int64_t)sizeof(shead) +
                      (int64_t)sizeof(double) * b->len[i] * narr;
      ECO_CHECK_GOTO(st, bytes < 2147483647LL, ECO_ERR_INPUT, agree1,
                     "demand block too large for one message (use more ranks)");
      scnt[o] = (int)bytes;
    }
  }
  int64_t stot = 0;
  for (int i = 0; i < P; i++) {
    sdis[i] = (int)stot;
    stot += scnt[i];
  }
  ECO_CALL_GOTO(st, eco_malloc((size_t)stot + 1, &sb), agree1);
  {
    int64_t vo = 0;
    int *pos = rcnt; /* temporarily: write cursor per destination */
    for (int i = 0; i < P; i++) pos[i] = sdis[i];
    for (int64_t i = 0; i < b->ns; i++) {
      shead h;
      memset(&h, 0, sizeof h);
      memcpy(h.region, b->region[i], NM);
      memcpy(h.product, b->product[i], NM);
      h.start = b->start[i];
      h.len = b->len[i];
      char *w = sb + pos[owner[i]];
      memcpy(w, &h, sizeof h);
      w += sizeof h;
      memcpy(w, b->v + vo, sizeof(double) * h.len);
      w += sizeof(double) * h.len;
      if (has_pp) {
        memcpy(w, b->price + vo, sizeof(double) * h.len);
        w += sizeof(double) * h.len;
        memcpy(w, b->promo + vo, sizeof(double) * h.len);
        w += sizeof(double) * h.len;
      }
      pos[owner[i]] = (int)(w - sb);
      vo += h.len;
    }
  }
agree1: /* exchange_bytes agrees on st before its collectives */;
  int64_t rtot = 0;
  ECO_CALL_GOTO(st,
                exchange_bytes(comm, st, sb, scnt, sdis, rcnt, rdis, &rb, &rtot,
                               "demand block too large for one rank (use more ranks)"),
                done);
  eco_free(&sb);
  sbuf_free(b);
  /* unpack (source ranks in order = global order) */
  int64_t ns = 0, nv = 0;
  for (const char *q = rb; q < rb + rtot;) {
    shead h;
    memcpy(&h, q, sizeof h);
    q += sizeof h + sizeof(double) * h.len * narr;
    ns++;
    nv += h.len;
  }
  memset(d, 0, sizeof *d);
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, sizeof(int64_t), &d->off), agree3);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(nv + 1), &d->values), agree3);
  if (has_pp) {
    ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(nv + 1), &d->price), agree3);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(nv + 1), &d->promo), agree3);
  }
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, NM, &d->region), agree3);
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, NM, &d->product), agree3);
  ECO_CALL_GOTO(st, eco_calloc((size_t)ns + 1, sizeof(int64_t), &d->start), agree3);
  {
    int64_t i = 0, vo = 0;
    for (const char *q = rb; q < rb + rtot; i++) {
      shead h;
      memcpy(&h, q, sizeof h);
      q += sizeof h;
      memcpy(d->region[i], h.region, NM);
      memcpy(d->product[i], h.product, NM);
      d->start[i] = h.start;
      memcpy(d->values + vo, q, sizeof(double) * h.len);
      q += sizeof(double) * h.len;
      if (has_pp) {
        memcpy(d->price + vo, q, sizeof(double) * h.len);
        q += sizeof(double) * h.len;
        memcpy(d->promo + vo, q, sizeof(double) * h.len);
        q += sizeof(double) * h.len;
      }
      vo += h.len;
      d->off[i + 1] = vo;
    }
  }
  d->nseries = ns;
  d->total = tot[0];
  {
    int64_t first = 0;
agree3: /* before a collective: a local failure on one rank must not hang the others */
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto done;
    ECO_CALL_MPI_GOTO(st, MPI_Exscan(&ns, &first, 1, MPI_INT64_T, MPI_SUM, comm), done);
    d->first = rank == 0 ? 0 : first;
  }
done:
  eco_free(&owner);
  eco_free(&scnt);
  eco_free(&sdis);
  eco_free(&rcnt);
  eco_free(&rdis);
  eco_free(&sb);
  eco_free(&rb);
  return st;
}

typedef struct {
  char id[NM];
  int64_t line;
} wide_id;

static int wide_id_cmp(const void *a, const void *b) {
  const wide_id *x = a, *y = b;
  const int c = strncmp(x->id, y->id, NM);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A wide file names each series once: rank 0 gathers the ids (with their
 * lines, kept in b->start by parse_wide) and sorts them; start is then 0. */
static eco_status wide_unique_ids(MPI_Comm comm, const char *path, sbuf *b) {
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  eco_status st = ECO_OK;
  wide_id *mine = NULL, *all = NULL;
  int *cnt = NULL, *dis = NULL;
  const int nb = (int)(b->ns * (int64_t)sizeof(wide_id));
  ECO_CALL_GOTO(st, eco_malloc(sizeof(wide_id) * (size_t)(b->ns + 1), &mine), done);
  for (int64_t i = 0; i < b->ns; i++) {
    memcpy(mine[i].id, b->product[i], NM);
    mine[i].line = b->start[i];
    b->start[i] = 0;
  }
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &cnt), done);
  ECO_CALL_GOTO(st, eco_calloc((size_t)size, sizeof(int), &dis), done);
  ECO_CALL_MPI_GOTO(st, MPI_Gather(&nb, 1, MPI_INT, cnt, 1, MPI_INT, 0, comm), done);
  int64_t tot = 0;
  for (int r = 0; r < size; r++) {
    dis[r] = (int)tot;
    tot += cnt[r];
  }
  if (rank == 0) ECO_CALL_GOTO(st, eco_malloc((size_t)tot + 1, &all), done);
  ECO_CALL_MPI_GOTO(st, MPI_Gatherv(mine, nb, MPI_BYTE, all, cnt, dis, MPI_BYTE, 0, comm), done);
  if (rank == 0) {
    const int64_t n = tot / (int64_t)sizeof(wide_id);
    qsort(all, (size_t)n, sizeof(wide_id), wide_id_cmp);
    for (int64_t i = 1; i < n; i++)
      ECO_CHECK_GOTO(st, strncmp(all[i].id, all[i - 1].id, NM) != 0, ECO_ERR_INPUT, done,
                     "%s:%lld:1: series id '%.*s' given twice, first at line %lld", path,
                     (long long)all[i].line, NM, all[i].id, (long long)all[i - 1].line);
  }
done:
  free(mine);
  free(all);
  free(cnt);
  free(dis);
  return st;
}

eco_status eco_fc_data_read_csv(MPI_Comm comm, const char *path, const eco_fc_read_options *ro,
                                eco_fc_data *d) {
  csv_layout L;
  ECO_CALL(detect_layout(comm, path, &L));
  eco_text_chunk ch;
  memset(&ch, 0, sizeof ch);
  ECO_CALL(eco_text_chunk_read(comm, path, L.wide ? L.header : 1, &ch));
  eco_status st = ECO_OK;
  sbuf b;
  memset(&b, 0, sizeof b);
  eco_fc_freq freq = L.wide ? ECO_FREQ_NONE : ro->freq;
  int has_pp = 0;
  if (L.wide) {
    st = parse_wide(&ch, path, ro, &b);
    eco_text_chunk_free(&ch);
    st = eco_agree(comm, st);
    if (st == ECO_OK) st = eco_agree(comm, wide_unique_ids(comm, path, &b));
  } else {
    rec *r = NULL;
    int64_t n = 0;
    st = parse_long(&ch, path, &L, ro, &r, &n);
    eco_text_chunk_free(&ch);
    st = eco_agree(comm, st);
    if (st == ECO_OK) st = eco_agree(comm, exchange_by_key(comm, &r, &n));
    if (st == ECO_OK) {
      eco_status s2 = build_long_series(comm, path, r, n, &freq, &b);
      st = eco_agree(comm, s2);
    }
    eco_free(&r);
    has_pp = L.c_price >= 0 || L.c_promo >= 0;
  }
  if (st == ECO_OK) {
    int64_t ns = b.ns, tot;
    ECO_CALL_MPI(MPI_Allreduce(&ns, &tot, 1, MPI_INT64_T, MPI_SUM, comm));
    if (tot == 0) st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: no demand rows", path);
    st = eco_agree(comm, st);
  }
  if (st == ECO_OK) st = eco_agree(comm, balance(comm, &b, has_pp, d));
  sbuf_free(&b);
  if (st != ECO_OK) {
    eco_fc_data_free(d);
    return st;
  }
  d->freq = freq;
  d->has_price = has_pp && L.c_price >= 0;
  d->has_promo = has_pp && L.c_promo >= 0;
  return ECO_OK;
}

/* ---- HDF5 /demand ----------------------------------------------------------- */
eco_status eco_fc_data_write_h5(struct eco_h5 *f, const eco_fc_data *d) {
  MPI_Comm comm = eco_h5_comm(f);
  int rank, P;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &P);
  const int64_t nv = d->off[d->nseries];
  int64_t voff = 0, ntot = 0;
  ECO_CALL_MPI(MPI_Exscan(&nv, &voff, 1, MPI_INT64_T, MPI_SUM, comm));
  if (rank == 0) voff = 0;
  ECO_CALL_MPI(MPI_Allreduce(&nv, &ntot, 1, MPI_INT64_T, MPI_SUM, comm));
  eco_h5_layout lay = {65536, 4};
  ECO_CALL(eco_h5_group_create(f, "/demand"));
  ECO_CALL(eco_h5_rows_write(f, "/demand/values", ECO_H5_DOUBLE, 0, nv, 0, d->values, &lay, NULL));
  if (d->has_price)
    ECO_CALL(eco_h5_rows_write(f, "/demand/price", ECO_H5_DOUBLE, 0, nv, 0, d->price, &lay, NULL));
  if (d->has_promo)
    ECO_CALL(eco_h5_rows_write(f, "/demand/promo", ECO_H5_DOUBLE, 0, nv, 0, d->promo, &lay, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/demand/region", ECO_H5_STRING, NM, d->nseries, 0, d->region, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/demand/product", ECO_H5_STRING, NM, d->nseries, 0, d->product, NULL, NULL));
  ECO_CALL(eco_h5_rows_write(f, "/demand/start", ECO_H5_INT64, 0, d->nseries, 0, d->start, NULL, NULL));
  /* offsets [S + 1]: the last rank adds the final one */
  int64_t *go = NULL;
  /* Agreed: the dataset calls below are collective. */
  ECO_CALL(eco_malloc_all(comm, sizeof(int64_t) * (size_t)(d->nseries + 1), &go));
  for (int64_t i = 0; i <= d->nseries; i++) go[i] = d->off[i] + voff;
  eco_status st = eco_h5_dataset_create(f, "/demand/offsets", ECO_H5_INT64, 0, d->total + 1, 0, NULL);
  if (st == ECO_OK)
    st = eco_h5_dataset_write(f, "/demand/offsets", ECO_H5_INT64, d->first,
                              d->nseries + (rank == P - 1 ? 1 : 0), go);
  eco_free(&go);
  ECO_CALL(st);
  ECO_CALL(eco_h5_attr_set_string(f, "/demand", "frequency", eco_fc_freq_name(d->freq)));
  ECO_CALL(eco_h5_attr_set_int64(f, "/demand", "nseries", d->total));
  ECO_CALL(eco_h5_attr_set_int64(f, "/demand", "nvalues", ntot));
  return ECO_OK;
}

eco_status eco_fc_data_read_h5(MPI_Comm comm, const char *path, eco_fc_data *d) {
  int rank, P;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &P);
  eco_h5 *f = NULL;
  ECO_CALL(eco_h5_open(comm, path, ECO_H5_READ, &f));
  eco_status st = ECO_OK;
  int64_t *go = NULL;
  int ndims;
  int64_t dims[2];
  size_t ss;
  char *fq = NULL;
  memset(d, 0, sizeof *d);
  ECO_CALL_GOTO(st, eco_h5_dataset_shape(f, "/demand/offsets", &ndims, dims, &ss), done);
  const int64_t S = dims[0] - 1;
  ECO_CHECK_GOTO(st, S >= 1, ECO_ERR_INPUT, done, "%s: /demand/offsets holds no series", path);
  ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(int64_t) * (size_t)(S + 1), &go), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/demand/offsets", ECO_H5_INT64, 0, S + 1, go), done);
  for (int64_t i = 0; i < S; i++)
    ECO_CHECK_GOTO(st, go[i + 1] >= go[i], ECO_ERR_INPUT, done,
                   "%s: /demand/offsets decreases at row %lld", path, (long long)i + 1);
  ECO_CHECK_GOTO(st, go[0] == 0, ECO_ERR_INPUT, done, "%s: /demand/offsets[0] is not 0", path);
  /* blocks balanced by length: series i goes to floor((2 lo + len) P / 2 N) */
  const int64_t N = go[S];
  int64_t s0 = -1, s1 = -1;
  for (int64_t i = 0; i < S; i++) {
    int64_t o = N > 0 ? ((2 * go[i] + (go[i + 1] - go[i])) * (int64_t)P) / (2 * N) : 0;
    if (o >= P) o = P - 1;
    if (o == rank) {
      if (s0 < 0) s0 = i;
      s1 = i + 1;
    }
  }
  if (s0 < 0) s0 = s1 = 0;
  const int64_t ns = s1 - s0, nv = go[s1] - go[s0];
  int ex;
  ECO_CALL_GOTO(st, eco_h5_exists(f, "/demand/price", &ex), done);
  d->has_price = ex;
  ECO_CALL_GOTO(st, eco_h5_exists(f, "/demand/promo", &ex), done);
  d->has_promo = ex;
  ECO_CALL_GOTO(st, eco_calloc_all(comm, (size_t)ns + 1, sizeof(int64_t), &d->off), done);
  ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(double) * (size_t)(nv + 1), &d->values), done);
  ECO_CALL_GOTO(st, eco_calloc_all(comm, (size_t)ns + 1, NM, &d->region), done);
  ECO_CALL_GOTO(st, eco_calloc_all(comm, (size_t)ns + 1, NM, &d->product), done);
  ECO_CALL_GOTO(st, eco_calloc_all(comm, (size_t)ns + 1, sizeof(int64_t), &d->start), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/demand/values", ECO_H5_DOUBLE, go[s0], nv, d->values), done);
  if (d->has_price || d->has_promo) {
    ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(double) * (size_t)(nv + 1), &d->price), done);
    ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(double) * (size_t)(nv + 1), &d->promo), done);
    for (int64_t i = 0; i < nv; i++) d->price[i] = d->promo[i] = NAN;
    if (d->has_price)
      ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/demand/price", ECO_H5_DOUBLE, go[s0], nv, d->price), done);
    if (d->has_promo)
      ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/demand/promo", ECO_H5_DOUBLE, go[s0], nv, d->promo), done);
  }
  ECO_CALL_GOTO(st, eco_h5_dataset_shape(f, "/demand/region", &ndims, dims, &ss), done);
  ECO_CHECK_GOTO(st, ss == NM && dims[0] == S, ECO_ERR_INPUT, done,
                 "%s: /demand/region must hold %lld strings of %d bytes", path, (long long)S, NM);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/demand/region", ECO_H5_STRING, s0, ns, d->region), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/demand/product", ECO_H5_STRING, s0, ns, d->product), done);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/demand/start", ECO_H5_INT64, s0, ns, d->start), done);
  for (int64_t i = 0; i <= ns; i++) d->off[i] = go[s0 + i] - go[s0];
  d->nseries = ns;
  d->first = s0;
  d->total = S;
  ECO_CALL_GOTO(st, eco_h5_attr_get_string(f, "/demand", "frequency", &fq), done);
  d->freq = ECO_FREQ_NONE;
  for (int k = ECO_FREQ_DAILY; k <= ECO_FREQ_NONE; k++)
    if (!strcmp(fq, eco_fc_freq_name((eco_fc_freq)k))) d->freq = (eco_fc_freq)k;
done:
  free(fq);
  eco_free(&go);
  eco_status s2 = eco_h5_close(&f);
  if (st == ECO_OK) st = s2;
  if (st != ECO_OK) eco_fc_data_free(d);
  return st;
}

eco_status eco_fc_data_read(MPI_Comm comm, const char *path, const eco_fc_read_options *ro,
                            eco_fc_data *d) {
  int rank, is_h5 = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank == 0) {
    FILE *fp = fopen(path, "rb");
    unsigned char sig[8];
    if (fp) {
      if (fread(sig, 1, 8, fp) == 8 && !memcmp(sig, "\211HDF\r\n\032\n", 8)) is_h5 = 1;
      fclose(fp);
    }
  }
  ECO_CALL_MPI(MPI_Bcast(&is_h5, 1, MPI_INT, 0, comm));
  if (is_h5) return eco_fc_data_read_h5(comm, path, d);
  return eco_fc_data_read_csv(comm, path, ro, d);
}
