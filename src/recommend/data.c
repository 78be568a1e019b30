/* Interaction logs and item tables: parsing (CSV, TSV, MovieLens "::"),
 * dense id remapping, redistribution to user owners, train / validation /
 * test split, and the HDF5 layout /interactions, /items. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recommend_impl.h"

int rec_block_owner(int64_t n, int size, int64_t i) {
  int64_t base = n / size, extra = n % size;
  int64_t cut = extra * (base + 1);
  if (i < cut) return (int)(i / (base + 1));
  return (int)(extra + (i - cut) / (base > 0 ? base : 1));
}

/* ------------------------------------------------------------------------ */
/* Line parsing                                                              */
/* ------------------------------------------------------------------------ */
#define MAX_FIELDS 8

typedef struct {
  const char *p;
  size_t len;
} field;

/* Split a line into fields; CSV fields may be double-quoted ("" = "). The
 * unquoted fields point into the line; quoted ones are copied to scratch. */
static int split_fields(const char *line, size_t len, int fmt, field *f,
                        char *scratch, size_t scratch_len) {
  int n = 0;
  size_t i = 0, sc = 0;
  for (;;) {
    if (n == MAX_FIELDS) return MAX_FIELDS + 1;
    if (fmt == REC_FMT_CSV) {
      while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
    }
    if (fmt == REC_FMT_CSV && i < len && line[i] == '"') {
      size_t start = sc;
      i++;
      for (;;) {
        if (i >= len) return -1; /* unterminated quote */
        if (line[i] == '"') {
          if (i + 1 < len && line[i + 1] == '"') {
            if (sc + 1 < scratch_len) scratch[sc++] = '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (sc + 1 < scratch_len) scratch[sc++] = line[i];
        i++;
      }
      f[n].p = scratch + start;
      f[n].len = sc - start;
      n++;
      while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
      if (i >= len) return n;
      if (line[i] != ',') return -1;
      i++;
      continue;
    }
    size_t start = i;
    size_t end;
    int sep = 0;
    for (; i < len; i++) {
      if (fmt == REC_FMT_ML && line[i] == ':' && i + 1 < len && line[i + 1] == ':') {
        sep = 2;
        break;
      }
      if (fmt == REC_FMT_TSV && line[i] == '\t') {
        sep = 1;
        break;
      }
      if (fmt == REC_FMT_CSV && line[i] == ',') {
        sep = 1;
        break;
      }
    }
    end = i;
    while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) end--;
    while (start < end && (line[start] == ' ' || line[start] == '\t')) start++;
    f[n].p = line + start;
    f[n].len = end - start;
    n++;
    if (!sep) return n;
    i += (size_t)sep;
  }
}

static int parse_double(const field *f, double *v) {
  char buf[64];
  if (f->len == 0 || f->len >= sizeof buf) return -1;
  memcpy(buf, f->p, f->len);
  buf[f->len] = '\0';
  char *end;
  errno = 0;
  *v = strtod(buf, &end);
  if (*end != '\0' || errno == ERANGE) return -1;
  if (!isfinite(*v)) return -2;
  return 0;
}

static int parse_int64(const field *f, int64_t *v) {
  char buf[64];
  if (f->len == 0 || f->len >= sizeof buf) return -1;
  memcpy(buf, f->p, f->len);
  buf[f->len] = '\0';
  char *end;
  errno = 0;
  long long x = strtoll(buf, &end, 10);
  if (*end != '\0' || errno == ERANGE) return -1;
  *v = x;
  return 0;
}

static int copy_id(const field *f, char *out, const char *what, char *err,
                   size_t errlen) {
  if (f->len == 0) {
    snprintf(err, errlen, "empty %s id", what);
    return -1;
  }
  if (f->len >= REC_ID_LEN) {
    snprintf(err, errlen, "%s id longer than %d characters", what, REC_ID_LEN - 1);
    return -1;
  }
  memset(out, 0, REC_ID_LEN);
  memcpy(out, f->p, f->len);
  return 0;
}

static int is_blank(const char *line, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!isspace((unsigned char)line[i])) return 0;
  return 1;
}

/* 0 if line[0, len) is UTF-8 text without NUL bytes, else -1 with err set. */
static int check_text(const char *line, size_t len, char *err, size_t errlen) {
  const long long bad = eco_text_first_bad_byte((const unsigned char *)line, len);
  if (bad < 0) return 0;
  const unsigned char b = (unsigned char)line[bad];
  snprintf(err, errlen, "column %lld: byte 0x%02x is not UTF-8 text (%s)", bad + 1, b,
           b == 0 ? "a NUL byte: a binary or UTF-16 file?"
                  : "another encoding such as Latin-1 or UTF-16? save the file as UTF-8");
  return -1;
}

int rec_parse_line(const char *line, size_t len, int fmt, char *user,
                   char *item, double *value, int64_t *ts, int *has_ts,
                   char *err, size_t errlen) {
  if (len > 0 && line[len - 1] == '\r') len--;
  if (is_blank(line, len)) return 1;
  if (check_text(line, len, err, errlen)) return -1;
  field f[MAX_FIELDS];
  char scratch[512];
  int n = split_fields(line, len, fmt, f, scratch, sizeof scratch);
  if (n < 0) {
    snprintf(err, errlen, "unterminated or misplaced quote");
    return -1;
  }
  if (n < 3 || n > 4) {
    snprintf(err, errlen,
             "expected 3 or 4 fields (user, item, value[, timestamp]), found %d%s",
             n > MAX_FIELDS ? MAX_FIELDS + 1 : n,
             n == 1 ? " (wrong separator? see [recommend] format)" : "");
    return -1;
  }
  if (copy_id(&f[0], user, "user", err, errlen) ||
      copy_id(&f[1], item, "item", err, errlen))
    return -1;
  int rc = parse_double(&f[2], value);
  if (rc == -1) {
    snprintf(err, errlen, "value '%.*s' is not a number", (int)(f[2].len > 40 ? 40 : f[2].len),
             f[2].p);
    return -1;
  }
  if (rc == -2) {
    snprintf(err, errlen, "value '%.*s' is not finite", (int)(f[2].len > 40 ? 40 : f[2].len),
             f[2].p);
    return -1;
  }
  if (fabs(*value) > FLT_MAX) { /* the models keep values as float */
    snprintf(err, errlen, "value %g is out of range (|value| <= %g)", *value, (double)FLT_MAX);
    return -1;
  }
  *has_ts = 0;
  *ts = 0;
  if (n == 4) {
    if (parse_int64(&f[3], ts)) {
      snprintf(err, errlen, "timestamp '%.*s' is not an integer",
               (int)(f[3].len > 40 ? 40 : f[3].len), f[3].p);
      return -1;
    }
    *has_ts = 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Format and header detection (rank 0 reads the first non-blank line)        */
/* ------------------------------------------------------------------------ */
static eco_status detect_layout(MPI_Comm comm, const char *path, int fmt_opt,
                                int header_opt, int value_field, int *fmt,
                                int *header) {
  int rank;
  MPI_Comm_rank(comm, &rank);
  int res[2] = {REC_FMT_CSV, 0};
  if (rank == 0) {
    FILE *fp = fopen(path, "r");
    char line[4096];
    line[0] = '\0';
    if (fp) {
      while (fgets(line, sizeof line, fp))
        if (!is_blank(line, strlen(line))) break;
      fclose(fp);
    }
    size_t len = strcspn(line, "\r\n");
    int f = fmt_opt;
    if (f == REC_FMT_AUTO) {
      if (strstr(line, "::"))
        f = REC_FMT_ML;
      else if (memchr(line, '\t', len))
        f = REC_FMT_TSV;
      else
        f = REC_FMT_CSV;
    }
    res[0] = f;
    if (header_opt == 1)
      res[1] = 1;
    else if (header_opt == 2)
      res[1] = 0;
    else {
      field fl[MAX_FIELDS];
      char scratch[512];
      int n = split_fields(line, len, f, fl, scratch, sizeof scratch);
      double v;
      /* the first line is a header when its value column is not a number */
      res[1] = n > value_field && parse_double(&fl[value_field], &v) == -1;
    }
  }
  ECO_CALL_MPI(MPI_Bcast(res, 2, MPI_INT, 0, comm));
  *fmt = res[0];
  *header = res[1];
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Parsing a log into (user id, item id, event) arrays                       */
/* ------------------------------------------------------------------------ */
typedef struct {
  int64_t n, cap;
  char *uid, *iid;
  rec_event *ev;
  int64_t n_ts; /* rows with a timestamp */
} rawlog;

static eco_status rawlog_grow(rawlog *r, int64_t want) {
  if (want <= r->cap) return ECO_OK;
  int64_t cap = r->cap ? r->cap : 1024;
  while (cap < want) cap *= 2;
  ECO_CALL(eco_realloc((size_t)cap * REC_ID_LEN, &r->uid));
  ECO_CALL(eco_realloc((size_t)cap * REC_ID_LEN, &r->iid));
  ECO_CALL(eco_realloc((size_t)cap * sizeof(rec_event), &r->ev));
  r->cap = cap;
  return ECO_OK;
}

static void rawlog_free(rawlog *r) {
  free(r->uid);
  free(r->iid);
  free(r->ev);
  memset(r, 0, sizeof *r);
}

static eco_status parse_log(MPI_Comm comm, const char *path, int fmt_opt,
                            int header_opt, int file_no, rawlog *r) {
  int fmt, header;
  ECO_CALL(detect_layout(comm, path, fmt_opt, header_opt, 2, &fmt, &header));
  eco_text_chunk c;
  ECO_CALL(eco_text_chunk_read(comm, path, header, &c));
  eco_status st = ECO_OK;
  /* count lines to size the arrays */
  st = rawlog_grow(r, r->n + c.nlines);
  const char *p = c.data, *end = c.data + c.len;
  int64_t line = c.first_line;
  char err[256];
  while (st == ECO_OK && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    double v;
    int64_t ts;
    int has_ts;
    int rc = rec_parse_line(p, len, fmt, r->uid + r->n * REC_ID_LEN,
                            r->iid + r->n * REC_ID_LEN, &v, &ts, &has_ts, err,
                            sizeof err);
    if (rc < 0) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%lld: %s", path,
                         (long long)line, err);
      break;
    }
    if (rc == 0) {
      rec_event *e = &r->ev[r->n];
      memset(e, 0, sizeof *e);
      e->value = v;
      e->ts = ts;
      e->line = line;
      e->file = file_no;
      e->set = file_no == 1 ? REC_SET_TEST : REC_SET_TRAIN;
      if (has_ts) r->n_ts++;
      r->n++;
    }
    line++;
    p = nl ? nl + 1 : end;
  }
  eco_text_chunk_free(&c);
  return eco_agree(comm, st);
}

/* ------------------------------------------------------------------------ */
/* Item table: item,eco_score[,category]                                     */
/* ------------------------------------------------------------------------ */
typedef struct {
  int64_t index;
  double eco;
  int64_t line;
} ecopair;

static int ecopair_cmp(const void *a, const void *b) {
  const ecopair *x = a, *y = b;
  if (x->index != y->index) return x->index < y->index ? -1 : 1;
  return x->line < y->line ? -1 : (x->line > y->line);
}

/* Reads the item table and fills eco (nitems, replicated). Items of the table
 * that never occur in the interactions are ignored; an item of the
 * interactions without a row is an error naming it. */
static eco_status load_items(MPI_Comm comm, const char *path, int64_t nitems,
                             int64_t item0, int64_t nitem_local,
                             const char *item_ids, float *eco) {
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  int fmt, header;
  ECO_CALL(detect_layout(comm, path, REC_FMT_AUTO, 0, 1, &fmt, &header));
  eco_text_chunk c;
  ECO_CALL(eco_text_chunk_read(comm, path, header, &c));
  eco_status st = ECO_OK;
  char *ids = NULL;
  int64_t *idx = NULL;
  ecopair *pairs = NULL, *all = NULL;
  int *counts = NULL, *displs = NULL;
  int64_t n = 0;
  /* allocations agreed below, with the parse: no rank may skip a collective */
  st = eco_malloc((size_t)(c.nlines + 1) * REC_ID_LEN, &ids);
  if (st == ECO_OK) st = eco_malloc(sizeof(ecopair) * (size_t)(c.nlines + 1), &pairs);
  if (st == ECO_OK) {
    const char *p = c.data, *end = c.data + c.len;
    int64_t line = c.first_line;
    char err[256];
    while (p < end) {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
      if (len > 0 && p[len - 1] == '\r') len--;
      if (!is_blank(p, len)) {
        field f[MAX_FIELDS];
        char scratch[512];
        int nf = split_fields(p, len, fmt, f, scratch, sizeof scratch);
        double v = 0;
        int rc = 0;
        if (check_text(p, len, err, sizeof err)) {
          rc = -1;
        } else if (nf < 2 || nf > 3) {
          snprintf(err, sizeof err,
                   "expected 2 or 3 fields (item, eco_score[, category]), found %d",
                   nf < 0 ? 0 : nf);
          rc = -1;
        } else if (copy_id(&f[0], ids + n * REC_ID_LEN, "item", err, sizeof err)) {
          rc = -1;
        } else if ((rc = parse_double(&f[1], &v)) != 0) {
          snprintf(err, sizeof err, "eco_score '%.*s' is %s",
                   (int)(f[1].len > 40 ? 40 : f[1].len), f[1].p,
                   rc == -2 ? "not finite" : "not a number");
        } else if (fabs(v) > FLT_MAX) { /* stored as float */
          snprintf(err, sizeof err, "eco_score %g is out of range (|eco_score| <= %g)", v,
                   (double)FLT_MAX);
          rc = -1;
        }
        if (rc) {
          st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%lld: %s",
                             path, (long long)line, err);
          break;
        }
        pairs[n].eco = v;
        pairs[n].line = line;
        n++;
      }
      line++;
      p = nl ? nl + 1 : end;
    }
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(int64_t) * (size_t)(n + 1), &idx), out);
  ECO_CALL_GOTO(st, rec_ids_lookup(comm, nitem_local, item0, item_ids, n, ids, idx),
                out);
  int64_t m = 0;
  for (int64_t i = 0; i < n; i++)
    if (idx[i] >= 0) {
      pairs[m] = pairs[i];
      pairs[m].index = idx[i];
      m++;
    }
  /* every rank gets all (index, eco) pairs of known items: nitems entries */
  st = eco_calloc((size_t)size, sizeof(int), &counts);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &displs);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  int mb = (int)(m * (int64_t)sizeof(ecopair));
  ECO_CALL_MPI_GOTO(st, MPI_Allgather(&mb, 1, MPI_INT, counts, 1, MPI_INT, comm), out);
  int64_t tot = 0;
  for (int r = 0; r < size; r++) {
    displs[r] = (int)tot;
    tot += counts[r];
  }
  ECO_CALL_GOTO(st, eco_malloc_all(comm, (size_t)tot + 1, &all), out);
  ECO_CALL_MPI_GOTO(st, MPI_Allgatherv(pairs, mb, MPI_BYTE, all, counts, displs,
                                       MPI_BYTE, comm),
                    out);
  int64_t na = tot / (int64_t)sizeof(ecopair);
  qsort(all, (size_t)na, sizeof(ecopair), ecopair_cmp);
  for (int64_t j = 1; j < na; j++)
    ECO_CHECK_GOTO(st, all[j].index != all[j - 1].index, ECO_ERR_INPUT, out,
                   "%s:%lld: item listed twice (first at line %lld)", path,
                   (long long)all[j].line, (long long)all[j - 1].line);
  for (int64_t i = 0; i < nitems; i++) eco[i] = NAN;
  for (int64_t j = 0; j < na; j++) eco[all[j].index] = (float)all[j].eco;
  /* an item of the interactions without a row: the block owner names it */
  for (int64_t j = 0; j < nitem_local; j++)
    ECO_CHECK_GOTO(st, !isnan(eco[item0 + j]), ECO_ERR_INPUT, out,
                   "%s: item '%s' of the interactions has no row (no eco_score)",
                   path, item_ids + j * REC_ID_LEN);
out:
  st = eco_agree(comm, st);
  eco_text_chunk_free(&c);
  free(ids);
  free(idx);
  free(pairs);
  free(all);
  free(counts);
  free(displs);
  return st;
}

/* ------------------------------------------------------------------------ */
/* Parse logs + remap: the common front of `recommend` and `import`           */
/* ------------------------------------------------------------------------ */
typedef struct {
  int64_t n;           /* local events */
  rec_event *ev;       /* user/item are global indices */
  int64_t nusers, nitems;
  char *user_ids, *item_ids; /* this rank's blocks */
  float *eco;                /* nitems, replicated (NULL without item table) */
  int has_ts;
} parsed;

static void parsed_free(parsed *p) {
  free(p->ev);
  free(p->user_ids);
  free(p->item_ids);
  free(p->eco);
  memset(p, 0, sizeof *p);
}

static eco_status parse_text_inputs(const eco_ctx *ctx, const eco_rec_options *o,
                                    const char *input, parsed *out) {
  MPI_Comm comm = ctx->comm;
  rawlog r;
  memset(&r, 0, sizeof r);
  int32_t *uidx = NULL, *iidx = NULL;
  eco_status st = ECO_OK;
  ECO_CALL_GOTO(st, parse_log(comm, input, o->format, o->header, 0, &r), out);
  if (o->split == REC_SPLIT_FILE)
    ECO_CALL_GOTO(st, parse_log(comm, o->test_input, o->format, o->header, 1, &r),
                  out);
  int64_t cnt[2] = {r.n, r.n_ts}, tot[2];
  ECO_CALL_MPI_GOTO(st, MPI_Allreduce(cnt, tot, 2, MPI_INT64_T, MPI_SUM, comm), out);
  ECO_CHECK_GOTO(st, tot[0] > 0, ECO_ERR_INPUT, out, "%s: no interactions", input);
  out->has_ts = tot[1] > 0;
  ECO_CHECK_GOTO(st, !(o->split == REC_SPLIT_TIME && tot[1] < tot[0]),
                 ECO_ERR_INPUT, out,
                 "%s: split = time needs a timestamp (4th column) on every row "
                 "(%lld of %lld rows have one)",
                 input, (long long)tot[1], (long long)tot[0]);
  /* agreed before the id exchange: a rank short of memory must not leave
   * the others waiting in it */
  st = eco_malloc(sizeof(int32_t) * (size_t)(r.n + 1), &uidx);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)(r.n + 1), &iidx);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  ECO_CALL_GOTO(st, rec_ids_remap(comm, r.n, r.uid, uidx, &out->nusers, &out->user_ids),
                out);
  ECO_CALL_GOTO(st, rec_ids_remap(comm, r.n, r.iid, iidx, &out->nitems, &out->item_ids),
                out);
  for (int64_t i = 0; i < r.n; i++) {
    r.ev[i].user = uidx[i];
    r.ev[i].item = iidx[i];
  }
  out->n = r.n;
  out->ev = r.ev;
  r.ev = NULL;
  if (o->items[0]) {
    int64_t i0, ni;
    eco_block_range(out->nitems, ctx->rank, ctx->size, &i0, &ni);
    ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(float) * (size_t)(out->nitems + 1),
                                                 &out->eco),
                  out);
    ECO_CALL_GOTO(st, load_items(comm, o->items, out->nitems, i0, ni, out->item_ids,
                                 out->eco),
                  out);
  }
out:
  rawlog_free(&r);
  free(uidx);
  free(iidx);
  return st;
}

/* HDF5 input written by `import interactions`. */
static eco_status read_h5_inputs(const eco_ctx *ctx, const eco_rec_options *o,
                                 const char *input, parsed *out) {
  MPI_Comm comm = ctx->comm;
  eco_h5 *f = NULL;
  eco_status st = ECO_OK;
  int32_t *u = NULL, *it = NULL;
  double *v = NULL, *eco = NULL;
  int64_t *ts = NULL;
  ECO_CALL(eco_h5_open(comm, input, ECO_H5_READ, &f));
  int nd;
  int64_t dims[2];
  size_t ssz;
  ECO_CALL_GOTO(st, eco_h5_dataset_shape(f, "/interactions/user", &nd, dims, &ssz), out);
  int64_t n = dims[0];
  ECO_CALL_GOTO(st, eco_h5_dataset_shape(f, "/interactions/user_id", &nd, dims, &ssz),
                out);
  out->nusers = dims[0];
  ECO_CHECK_GOTO(st, ssz == REC_ID_LEN, ECO_ERR_INPUT, out,
                 "%s: /interactions/user_id has %zu-byte strings, expected %d", input,
                 ssz, REC_ID_LEN);
  ECO_CALL_GOTO(st, eco_h5_dataset_shape(f, "/interactions/item_id", &nd, dims, &ssz),
                out);
  out->nitems = dims[0];
  ECO_CHECK_GOTO(st, ssz == REC_ID_LEN, ECO_ERR_INPUT, out,
                 "%s: /interactions/item_id has %zu-byte strings, expected %d", input,
                 ssz, REC_ID_LEN);
  int has_ts = 0, has_eco = 0;
  ECO_CALL_GOTO(st, eco_h5_exists(f, "/interactions/timestamp", &has_ts), out);
  ECO_CALL_GOTO(st, eco_h5_exists(f, "/items/eco_score", &has_eco), out);
  out->has_ts = has_ts;
  ECO_CHECK_GOTO(st, !(o->split == REC_SPLIT_TIME && !has_ts), ECO_ERR_INPUT, out,
                 "%s: split = time needs /interactions/timestamp", input);
  int64_t r0, nr;
  eco_block_range(n, ctx->rank, ctx->size, &r0, &nr);
  /* buffers agreed before the collective reads (one rank short of memory
   * must not leave the others in them) */
  int64_t u0, nu, i0, ni;
  eco_block_range(out->nusers, ctx->rank, ctx->size, &u0, &nu);
  eco_block_range(out->nitems, ctx->rank, ctx->size, &i0, &ni);
  st = eco_malloc(sizeof(int32_t) * (size_t)(nr + 1), &u);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)(nr + 1), &it);
  if (st == ECO_OK) st = eco_malloc(sizeof(double) * (size_t)(nr + 1), &v);
  if (st == ECO_OK) st = eco_calloc((size_t)(nr + 1), sizeof(int64_t), &ts);
  if (st == ECO_OK) st = eco_malloc((size_t)(nu + 1) * REC_ID_LEN, &out->user_ids);
  if (st == ECO_OK) st = eco_malloc((size_t)(ni + 1) * REC_ID_LEN, &out->item_ids);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/interactions/user", ECO_H5_INT32, r0, nr, u),
                out);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/interactions/item", ECO_H5_INT32, r0, nr, it),
                out);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/interactions/value", ECO_H5_DOUBLE, r0, nr, v),
                out);
  if (has_ts)
    ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/interactions/timestamp", ECO_H5_INT64, r0,
                                          nr, ts),
                  out);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/interactions/user_id", ECO_H5_STRING, u0, nu,
                                        out->user_ids),
                out);
  ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/interactions/item_id", ECO_H5_STRING, i0, ni,
                                        out->item_ids),
                out);
  if (has_eco && !o->items[0]) {
    ECO_CALL_GOTO(st, eco_h5_dataset_shape(f, "/items/eco_score", &nd, dims, &ssz), out);
    ECO_CHECK_GOTO(st, dims[0] == out->nitems, ECO_ERR_INPUT, out,
                   "%s: /items/eco_score has %lld rows, /interactions/item_id %lld",
                   input, (long long)dims[0], (long long)out->nitems);
    ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(double) * (size_t)(out->nitems + 1), &eco),
                  out);
    ECO_CALL_GOTO(st, eco_h5_dataset_read(f, "/items/eco_score", ECO_H5_DOUBLE, 0,
                                          out->nitems, eco),
                  out);
    ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(float) * (size_t)(out->nitems + 1),
                                                 &out->eco),
                  out);
    for (int64_t i = 0; i < out->nitems; i++) {
      ECO_CHECK_GOTO(st, isfinite(eco[i]), ECO_ERR_INPUT, out,
                     "%s: /items/eco_score row %lld is not finite", input, (long long)i);
      out->eco[i] = (float)eco[i];
    }
  }
  ECO_CALL_GOTO(st, eco_malloc(sizeof(rec_event) * (size_t)(nr + 1), &out->ev), out);
  for (int64_t j = 0; j < nr; j++) {
    rec_event *e = &out->ev[j];
    memset(e, 0, sizeof *e);
    ECO_CHECK_GOTO(st, u[j] >= 0 && u[j] < out->nusers, ECO_ERR_INPUT, out,
                   "%s: /interactions/user row %lld: %d is not a user index", input,
                   (long long)(r0 + j), u[j]);
    ECO_CHECK_GOTO(st, it[j] >= 0 && it[j] < out->nitems, ECO_ERR_INPUT, out,
                   "%s: /interactions/item row %lld: %d is not an item index", input,
                   (long long)(r0 + j), it[j]);
    ECO_CHECK_GOTO(st, isfinite(v[j]), ECO_ERR_INPUT, out,
                   "%s: /interactions/value row %lld is not finite", input,
                   (long long)(r0 + j));
    e->user = u[j];
    e->item = it[j];
    e->value = v[j];
    e->ts = ts[j];
    e->line = r0 + j + 1;
    e->set = REC_SET_TRAIN;
  }
  out->n = nr;
out:
  st = eco_agree(comm, st);
  if (st == ECO_OK) {
    st = eco_h5_close(&f);
  } else {
    eco_h5_close(&f);
  }
  free(u);
  free(it);
  free(v);
  free(ts);
  free(eco);
  if (st == ECO_OK && o->items[0]) {
    int64_t i0, ni;
    eco_block_range(out->nitems, ctx->rank, ctx->size, &i0, &ni);
    free(out->eco);
    out->eco = NULL;
    ECO_CALL(eco_malloc_all(comm, sizeof(float) * (size_t)(out->nitems + 1), &out->eco));
    ECO_CALL(load_items(comm, o->items, out->nitems, i0, ni, out->item_ids, out->eco));
  }
  return st;
}

static int is_h5_path(const char *p) {
  size_t n = strlen(p);
  return (n > 3 && strcmp(p + n - 3, ".h5") == 0) ||
         (n > 5 && strcmp(p + n - 5, ".hdf5") == 0);
}

static const char *input_path(const eco_ctx *ctx, const eco_rec_options *o) {
  return ctx->ninputs > 0 ? ctx->inputs[0] : o->input;
}

static eco_status parse_inputs(const eco_ctx *ctx, const eco_rec_options *o,
                               parsed *p) {
  const char *in = input_path(ctx, o);
  ECO_CHECK(in && in[0], ECO_ERR_USAGE,
            "no interaction log: give it as an argument or as [recommend] input");
  if (is_h5_path(in)) {
    ECO_CHECK(o->split != REC_SPLIT_FILE, ECO_ERR_CONFIG,
              "[recommend] split = file needs a text log as input, not %s", in);
    return read_h5_inputs(ctx, o, in, p);
  }
  return parse_text_inputs(ctx, o, in, p);
}

/* ------------------------------------------------------------------------ */
/* recommend: redistribute to user owners, split, build the CSRs             */
/* ------------------------------------------------------------------------ */
static int ev_cmp(const void *a, const void *b) {
  const rec_event *x = a, *y = b;
  if (x->user != y->user) return x->user < y->user ? -1 : 1;
  if (x->item != y->item) return x->item < y->item ? -1 : 1;
  if (x->file != y->file) return x->file < y->file ? -1 : 1;
  if (x->ts != y->ts) return x->ts < y->ts ? -1 : 1;
  return x->line < y->line ? -1 : (x->line > y->line);
}

static int ev_time_cmp(const void *a, const void *b) {
  const rec_event *x = a, *y = b;
  if (x->ts != y->ts) return x->ts < y->ts ? -1 : 1;
  if (x->item != y->item) return x->item < y->item ? -1 : 1;
  return 0;
}

typedef struct {
  int32_t item, user;
  float val;
} itrip;

static int itrip_cmp(const void *a, const void *b) {
  const itrip *x = a, *y = b;
  if (x->item != y->item) return x->item < y->item ? -1 : 1;
  return x->user < y->user ? -1 : (x->user > y->user);
}

static eco_status build_csr(const rec_event *ev, int64_t n, int set, int64_t user0,
                            int64_t nloc, int64_t **ptr, int32_t **item,
                            float **val) {
  ECO_CALL(eco_calloc((size_t)nloc + 1, sizeof(int64_t), ptr));
  int64_t cnt = 0;
  for (int64_t j = 0; j < n; j++)
    if (set < 0 || ev[j].set == set) {
      (*ptr)[ev[j].user - user0 + 1]++;
      cnt++;
    }
  for (int64_t u = 0; u < nloc; u++) (*ptr)[u + 1] += (*ptr)[u];
  ECO_CALL(eco_malloc(sizeof(int32_t) * (size_t)(cnt + 1), item));
  ECO_CALL(eco_malloc(sizeof(float) * (size_t)(cnt + 1), val));
  int64_t k = 0;
  for (int64_t j = 0; j < n; j++)
    if (set < 0 || ev[j].set == set) {
      (*item)[k] = ev[j].item;
      (*val)[k] = (float)ev[j].value;
      k++;
    }
  return ECO_OK;
}

static void split_user(rec_event *ev, int64_t n, const eco_rec_options *o,
                       uint64_t seed, rec_event *tmp) {
  if (o->split == REC_SPLIT_FILE) return;
  int64_t nt = (int64_t)llround(o->test_fraction * (double)n);
  int64_t nv = (int64_t)llround(o->validation_fraction * (double)n);
  if (n < 2) nt = nv = 0;
  while (nt + nv > n - 1) {
    if (nv > 0)
      nv--;
    else
      nt--;
  }
  if (nt + nv == 0) return;
  if (o->split == REC_SPLIT_RANDOM) {
    /* partial Fisher-Yates over positions, stream keyed by the user */
    eco_rng r;
    eco_rng_init(&r, seed, ECO_RNG_SPLIT, (uint64_t)ev[0].user);
    int64_t *pos = (int64_t *)tmp; /* tmp has room for n events >= n int64 */
    for (int64_t j = 0; j < n; j++) pos[j] = j;
    for (int64_t j = 0; j < nt + nv; j++) {
      int64_t s = j + (int64_t)eco_rng_below(&r, (uint64_t)(n - j));
      int64_t t = pos[j];
      pos[j] = pos[s];
      pos[s] = t;
      ev[pos[j]].set = j < nt ? REC_SET_TEST : REC_SET_VALID;
    }
  } else {
    memcpy(tmp, ev, sizeof(rec_event) * (size_t)n);
    qsort(tmp, (size_t)n, sizeof(rec_event), ev_time_cmp);
    /* the last nt events (by time) are test, the nv before them validation;
     * events are sorted by item, so find each by item */
    for (int64_t j = 0; j < nt + nv; j++) {
      const rec_event *t = &tmp[n - 1 - j];
      for (int64_t q = 0; q < n; q++)
        if (ev[q].item == t->item && ev[q].ts == t->ts && ev[q].line == t->line) {
          ev[q].set = j < nt ? REC_SET_TEST : REC_SET_VALID;
          break;
        }
    }
  }
}

void rec_data_free(rec_data *d) {
  free(d->tr_ptr);
  free(d->tr_item);
  free(d->tr_val);
  free(d->va_ptr);
  free(d->va_item);
  free(d->va_val);
  free(d->te_ptr);
  free(d->te_item);
  free(d->te_val);
  free(d->seen_bits);
  free(d->seen_ptr);
  free(d->seen_item);
  free(d->it_ptr);
  free(d->it_user);
  free(d->it_val);
  free(d->eco);
  free(d->user_ids);
  free(d->item_ids);
  memset(d, 0, sizeof *d);
}

eco_status rec_data_load(const eco_ctx *ctx, const eco_rec_options *o, rec_data *d) {
  MPI_Comm comm = ctx->comm;
  const int size = ctx->size;
  memset(d, 0, sizeof *d);
  parsed p;
  memset(&p, 0, sizeof p);
  eco_status st = ECO_OK;
  rec_event *mine = NULL, *tmp = NULL;
  itrip *isend = NULL, *irecv = NULL;
  int *scount = NULL;
  int64_t nmine = 0;
  const char *in = input_path(ctx, o);

  eco_timer_begin("recommend.load");
  ECO_CALL_GOTO(st, parse_inputs(ctx, o, &p), out);
  d->nusers = p.nusers;
  d->nitems = p.nitems;
  d->has_timestamp = p.has_ts;
  eco_block_range(d->nusers, ctx->rank, size, &d->user0, &d->nuser_local);
  eco_block_range(d->nitems, ctx->rank, size, &d->item0, &d->nitem_local);
  d->user_ids = p.user_ids;
  p.user_ids = NULL;
  d->item_ids = p.item_ids;
  p.item_ids = NULL;
  if (p.eco) {
    d->eco = p.eco;
    p.eco = NULL;
  } else {
    st = eco_calloc((size_t)d->nitems + 1, sizeof(float), &d->eco);
  }

  /* events to the owners of their users */
  {
    /* counting sort by owner; the buffers agreed before the exchange (one
     * rank short of memory must not leave the others waiting in it) */
    int64_t *off = NULL;
    if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &scount);
    if (st == ECO_OK) st = eco_calloc((size_t)size + 1, sizeof(int64_t), &off);
    if (st == ECO_OK) st = eco_malloc(sizeof(rec_event) * (size_t)(p.n + 1), &tmp);
    if (st == ECO_OK) {
      for (int64_t j = 0; j < p.n; j++)
        scount[rec_block_owner(d->nusers, size, p.ev[j].user)]++;
      for (int r = 0; r < size; r++) off[r + 1] = off[r] + scount[r];
      for (int64_t j = 0; j < p.n; j++) {
        rec_event e = p.ev[j];
        e.set = e.file == 1 ? REC_SET_TEST : REC_SET_TRAIN;
        tmp[off[rec_block_owner(d->nusers, size, e.user)]++] = e;
      }
    }
    free(off);
    ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  }
  free(p.ev);
  p.ev = NULL;
  ECO_CALL_GOTO(st, rec_alltoallv(comm, tmp, scount, &mine, &nmine, sizeof(rec_event)),
                out);
  free(tmp);
  tmp = NULL;
  qsort(mine, (size_t)nmine, sizeof(rec_event), ev_cmp);

  /* duplicates of a (user, item) pair within a file */
  {
    int64_t w = 0;
    for (int64_t j = 0; j < nmine; j++) {
      if (w > 0 && mine[w - 1].user == mine[j].user && mine[w - 1].item == mine[j].item &&
          mine[w - 1].file == mine[j].file) {
        ECO_CHECK_GOTO(st, o->model != REC_MODEL_MF, ECO_ERR_INPUT, local_fail,
                       "%s:%lld: user '%s' rated item %d again (first at line %lld); "
                       "explicit ratings must be unique per user and item",
                       mine[j].file ? o->test_input : in, (long long)mine[j].line,
                       d->user_ids + (mine[j].user - d->user0) * REC_ID_LEN,
                       mine[j].item, (long long)mine[w - 1].line);
        /* implicit events: repeated events add up */
        mine[w - 1].value += mine[j].value;
        if (mine[j].ts > mine[w - 1].ts) mine[w - 1].ts = mine[j].ts;
        continue;
      }
      mine[w++] = mine[j];
    }
    nmine = w;
  }
  if (o->model != REC_MODEL_MF)
    for (int64_t j = 0; j < nmine; j++)
      ECO_CHECK_GOTO(st, mine[j].value >= 0, ECO_ERR_INPUT, local_fail,
                     "%s:%lld: negative value %g; implicit feedback (model als, mlp, "
                     "bpr) needs values >= 0",
                     mine[j].file ? o->test_input : in, (long long)mine[j].line,
                     mine[j].value);

  /* split, user by user */
  ECO_CALL_GOTO(st, eco_malloc(sizeof(rec_event) * (size_t)(nmine + 1), &tmp),
                local_fail);
  for (int64_t j = 0; j < nmine;) {
    int64_t e = j;
    while (e < nmine && mine[e].user == mine[j].user) e++;
    split_user(mine + j, e - j, o, (uint64_t)ctx->run->seed, tmp);
    j = e;
  }
  free(tmp);
  tmp = NULL;
  ECO_CALL_GOTO(st, build_csr(mine, nmine, REC_SET_TRAIN, d->user0, d->nuser_local,
                              &d->tr_ptr, &d->tr_item, &d->tr_val),
                local_fail);
  ECO_CALL_GOTO(st, build_csr(mine, nmine, REC_SET_VALID, d->user0, d->nuser_local,
                              &d->va_ptr, &d->va_item, &d->va_val),
                local_fail);
  ECO_CALL_GOTO(st, build_csr(mine, nmine, REC_SET_TEST, d->user0, d->nuser_local,
                              &d->te_ptr, &d->te_item, &d->te_val),
                local_fail);
  {
    float *unused = NULL;
    ECO_CALL_GOTO(st, build_csr(mine, nmine, -1, d->user0, d->nuser_local, &d->seen_ptr,
                                &d->seen_item, &unused),
                  local_fail);
    free(unused);
    /* a bitmap of the same when it is small (negative sampling tests it) */
    if (d->nuser_local * d->nitems <= ((int64_t)1 << 29)) {
      const int64_t words = (d->nuser_local * d->nitems + 63) / 64;
      ECO_CALL_GOTO(st, eco_calloc((size_t)words + 1, sizeof(uint64_t), &d->seen_bits),
                    local_fail);
      for (int64_t u = 0; u < d->nuser_local; u++)
        for (int64_t j = d->seen_ptr[u]; j < d->seen_ptr[u + 1]; j++) {
          const int64_t b = u * d->nitems + d->seen_item[j];
          d->seen_bits[b >> 6] |= 1ULL << (b & 63);
        }
    }
  }
local_fail:
  st = eco_agree(comm, st);
  if (st != ECO_OK) goto out;
  {
    int64_t c[3] = {d->tr_ptr[d->nuser_local], d->va_ptr[d->nuser_local],
                    d->te_ptr[d->nuser_local]};
    int64_t g[3];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(c, g, 3, MPI_INT64_T, MPI_SUM, comm), out);
    d->ntrain_global = g[0];
    d->nvalid_global = g[1];
    d->ntest_global = g[2];
    double mm[2] = {INFINITY, INFINITY};
    for (int64_t j = 0; j < c[0]; j++) {
      if (d->tr_val[j] < mm[0]) mm[0] = d->tr_val[j];
      if (-d->tr_val[j] < mm[1]) mm[1] = -d->tr_val[j];
    }
    double gm[2];
    ECO_CALL_MPI_GOTO(st, MPI_Allreduce(mm, gm, 2, MPI_DOUBLE, MPI_MIN, comm), out);
    d->value_min = gm[0];
    d->value_max = -gm[1];
    ECO_CHECK_GOTO(st, g[0] > 0, ECO_ERR_INPUT, out, "%s: no training interactions", in);
  }

  /* the train set by item, at the items' owners (ALS item half-step) */
  if (o->model == REC_MODEL_ALS) {
    int64_t ntr = d->tr_ptr[d->nuser_local];
    memset(scount, 0, sizeof(int) * (size_t)size);
    for (int64_t j = 0; j < ntr; j++) scount[rec_block_owner(d->nitems, size, d->tr_item[j])]++;
    int64_t *off = NULL;
    st = eco_malloc(sizeof(itrip) * (size_t)(ntr + 1), &isend);
    if (st == ECO_OK) st = eco_calloc((size_t)size + 1, sizeof(int64_t), &off);
    if (st == ECO_OK) {
      for (int r = 0; r < size; r++) off[r + 1] = off[r] + scount[r];
      for (int64_t u = 0; u < d->nuser_local; u++)
        for (int64_t j = d->tr_ptr[u]; j < d->tr_ptr[u + 1]; j++) {
          itrip t = {d->tr_item[j], (int32_t)(d->user0 + u), d->tr_val[j]};
          isend[off[rec_block_owner(d->nitems, size, t.item)]++] = t;
        }
    }
    free(off);
    /* agreed before the exchange: one rank short of memory must not leave
     * the others waiting in it */
    ECO_CALL_GOTO(st, eco_agree(comm, st), out);
    int64_t nr = 0;
    ECO_CALL_GOTO(st, rec_alltoallv(comm, isend, scount, &irecv, &nr, sizeof(itrip)),
                  out);
    qsort(irecv, (size_t)nr, sizeof(itrip), itrip_cmp);
    ECO_CALL_GOTO(st, eco_calloc((size_t)d->nitem_local + 1, sizeof(int64_t), &d->it_ptr),
                  out);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(nr + 1), &d->it_user), out);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(float) * (size_t)(nr + 1), &d->it_val), out);
    for (int64_t j = 0; j < nr; j++) {
      d->it_ptr[irecv[j].item - d->item0 + 1]++;
      d->it_user[j] = irecv[j].user;
      d->it_val[j] = irecv[j].val;
    }
    for (int64_t i = 0; i < d->nitem_local; i++) d->it_ptr[i + 1] += d->it_ptr[i];
  }
out:
  eco_timer_end("recommend.load");
  st = eco_agree(comm, st);
  parsed_free(&p);
  free(mine);
  free(tmp);
  free(isend);
  free(irecv);
  free(scount);
  if (st != ECO_OK) rec_data_free(d);
  return st;
}

/* ------------------------------------------------------------------------ */
/* import interactions                                                       */
/* ------------------------------------------------------------------------ */
eco_status rec_import_write(const eco_ctx *ctx, const eco_rec_options *o, eco_h5 *f) {
  parsed p;
  memset(&p, 0, sizeof p);
  eco_status st = ECO_OK;
  int32_t *u = NULL, *it = NULL;
  double *v = NULL;
  int64_t *ts = NULL;
  ECO_CALL_GOTO(st, parse_inputs(ctx, o, &p), out);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(p.n + 1), &u), out);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int32_t) * (size_t)(p.n + 1), &it), out);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)(p.n + 1), &v), out);
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int64_t) * (size_t)(p.n + 1), &ts), out);
  for (int64_t j = 0; j < p.n; j++) {
    u[j] = p.ev[j].user;
    it[j] = p.ev[j].item;
    v[j] = p.ev[j].value;
    ts[j] = p.ev[j].ts;
  }
out:
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    eco_h5_layout lay = {65536, 0};
    const eco_h5_layout *L = NULL;
    int64_t tot = 0;
    MPI_Allreduce(&p.n, &tot, 1, MPI_INT64_T, MPI_SUM, ctx->comm);
    if (tot > 65536) L = &lay;
    st = eco_h5_rows_write(f, "/interactions/user", ECO_H5_INT32, 0, p.n, 0, u, L, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/interactions/item", ECO_H5_INT32, 0, p.n, 0, it, L, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/interactions/value", ECO_H5_DOUBLE, 0, p.n, 0, v, L,
                             NULL);
    if (st == ECO_OK && p.has_ts)
      st = eco_h5_rows_write(f, "/interactions/timestamp", ECO_H5_INT64, 0, p.n, 0, ts,
                             L, NULL);
    int64_t u0, nu, i0, ni;
    eco_block_range(p.nusers, ctx->rank, ctx->size, &u0, &nu);
    eco_block_range(p.nitems, ctx->rank, ctx->size, &i0, &ni);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/interactions/user_id", ECO_H5_STRING, REC_ID_LEN, nu, 0,
                             p.user_ids, NULL, NULL);
    if (st == ECO_OK)
      st = eco_h5_rows_write(f, "/interactions/item_id", ECO_H5_STRING, REC_ID_LEN, ni, 0,
                             p.item_ids, NULL, NULL);
    if (st == ECO_OK && p.eco) {
      double *e = NULL;
      /* agreed: the write is collective */
      st = eco_malloc_all(ctx->comm, sizeof(double) * (size_t)(ni + 1), &e);
      if (st == ECO_OK) {
        for (int64_t j = 0; j < ni; j++) e[j] = p.eco[i0 + j];
        st = eco_h5_rows_write(f, "/items/eco_score", ECO_H5_DOUBLE, 0, ni, 0, e, NULL,
                               NULL);
      }
      free(e);
    }
    if (st == ECO_OK)
      st = eco_h5_attr_set_int64(f, "/interactions", "users", p.nusers);
    if (st == ECO_OK)
      st = eco_h5_attr_set_int64(f, "/interactions", "items", p.nitems);
    if (st == ECO_OK)
      eco_log_root(ECO_LOG_INFO, "imported %lld interactions of %lld users and %lld items",
                   (long long)tot, (long long)p.nusers, (long long)p.nitems);
  }
  parsed_free(&p);
  free(u);
  free(it);
  free(v);
  free(ts);
  return st;
}
