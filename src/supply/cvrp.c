/* CVRP: TSPLIB/CVRPLIB reader, optimal split of a giant tour, local search
 * on granular neighbourhoods (relocate, swap, 2-opt, 2-opt*), and the
 * memetic operators (order crossover, education) used by the island GA. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "supply_impl.h"

eco_status eco_supply_cvrp_create(int n, eco_supply_cvrp **out) {
  *out = NULL;
  ECO_CHECK(n >= 1 && n <= 100000, ECO_ERR_INPUT, "a CVRP needs 1..100000 customers (got %d)", n);
  eco_supply_cvrp *p = NULL;
  ECO_CALL(eco_calloc(1, sizeof(*p), &p));
  p->n = n;
  size_t N = (size_t)n + 1;
  eco_status st = ECO_OK;
  if ((st = eco_calloc(N * N, sizeof(double), &p->dist)) != ECO_OK ||
      (st = eco_calloc(N, sizeof(double), &p->demand)) != ECO_OK ||
      (st = eco_calloc(N, sizeof(int), &p->label)) != ECO_OK) {
    eco_supply_cvrp_destroy(&p);
    return st;
  }
  return (*out = p, ECO_OK);
}

void eco_supply_cvrp_destroy(eco_supply_cvrp **pp) {
  if (!pp || !*pp) return;
  free((*pp)->dist);
  free((*pp)->demand);
  free((*pp)->label);
  free((*pp)->x);
  free((*pp)->y);
  free(*pp);
  *pp = NULL;
}

/* ---- reader ------------------------------------------------------------- */
enum { EW_NONE, EW_EUC2D, EW_CEIL2D, EW_EXPLICIT };
enum { EF_NONE, EF_FULL, EF_LOWER_ROW, EF_LOWER_DIAG_ROW, EF_UPPER_ROW, EF_UPPER_DIAG_ROW };

static char *trim(char *s) {
  while (*s && isspace((unsigned char)*s)) s++;
  char *e = s + strlen(s);
  while (e > s && isspace((unsigned char)e[-1])) *--e = '\0';
  return s;
}

static eco_status num_tok(eco_supply_tokens *t, const char *what, double *v) {
  if (!eco_supply_tokens_next(t))
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%d: unexpected end of file, expected %s",
                         t->path, t->tok_line, what);
  if (eco_supply_parse_double(t->tok, v) != 0)
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%d: expected %s, found '%s'", t->path,
                         t->tok_line, what, t->tok);
  return ECO_OK;
}

static eco_status node_tok(eco_supply_tokens *t, int dim, const char *what, int *node) {
  double v;
  ECO_CALL(num_tok(t, what, &v));
  ECO_CHECK(v == floor(v) && v >= 1 && v <= dim, ECO_ERR_INPUT,
            "%s:%d: expected %s (a node number 1..%d), found '%s'", t->path, t->tok_line, what, dim, t->tok);
  *node = (int)v;
  return ECO_OK;
}

/* Is the token a section keyword (or EOF) rather than data? */
static int is_keyword(const char *s) { return isalpha((unsigned char)s[0]) != 0; }

eco_status eco_supply_cvrp_read(const char *path, eco_supply_cvrp **out) {
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  ECO_CALL(eco_supply_file_slurp(path, &data, &len));
  eco_status st = ECO_OK;
  int dim = 0, ew = EW_NONE, ef = EF_NONE, have_coord = 0, have_w = 0, have_dem = 0, depot = 0;
  double cap = 0;
  double *X = NULL, *Y = NULL, *W = NULL, *dem = NULL;
  unsigned char *seen = NULL;
  eco_supply_cvrp *p = NULL;
  eco_supply_tokens t;
  eco_supply_tokens_init(&t, path, data);
  /* header: "KEY : VALUE" lines until a *_SECTION keyword */
  for (;;) {
    const char *line_start = t.p;
    while (*line_start == '\n' || *line_start == '\r' || *line_start == ' ' || *line_start == '\t') {
      if (*line_start == '\n') t.line++;
      line_start++;
    }
    t.p = line_start;
    if (!*t.p) break;
    const char *nl = strchr(t.p, '\n');
    size_t l = nl ? (size_t)(nl - t.p) : strlen(t.p);
    char buf[1024];
    if (l >= sizeof(buf)) l = sizeof(buf) - 1;
    memcpy(buf, t.p, l);
    buf[l] = '\0';
    char *s = trim(buf);
    char *colon = strchr(s, ':');
    char *key = s, *val = NULL;
    if (colon) {
      *colon = '\0';
      key = trim(s);
      val = trim(colon + 1);
    } else {
      /* "KEY VALUE" or a section keyword alone */
      char *sp = s;
      while (*sp && !isspace((unsigned char)*sp)) sp++;
      if (*sp) {
        *sp = '\0';
        val = trim(sp + 1);
      }
    }
    int line = t.line;
    if (strstr(key, "_SECTION") || strcasecmp(key, "EOF") == 0) {
      if (strcasecmp(key, "EOF") == 0) break;
      t.p += l; /* data starts on the next line */
      if (strcasecmp(key, "NODE_COORD_SECTION") == 0) {
        ECO_CHECK_GOTO(st, dim > 0, ECO_ERR_INPUT, done, "%s:%d: NODE_COORD_SECTION before DIMENSION", path, line);
        memset(seen, 0, (size_t)dim);
        for (int k = 0; k < dim; k++) {
          int id;
          ECO_CALL_GOTO(st, node_tok(&t, dim, "a node number of NODE_COORD_SECTION", &id), done);
          ECO_CHECK_GOTO(st, !seen[id - 1], ECO_ERR_INPUT, done, "%s:%d: node %d has two coordinates", path,
                         t.tok_line, id);
          seen[id - 1] = 1;
          ECO_CALL_GOTO(st, num_tok(&t, "an x coordinate", &X[id - 1]), done);
          ECO_CALL_GOTO(st, num_tok(&t, "a y coordinate", &Y[id - 1]), done);
        }
        have_coord = 1;
      } else if (strcasecmp(key, "DISPLAY_DATA_SECTION") == 0) { /* coordinates for drawing only */
        ECO_CHECK_GOTO(st, dim > 0, ECO_ERR_INPUT, done, "%s:%d: DISPLAY_DATA_SECTION before DIMENSION", path, line);
        for (int k = 0; k < dim; k++) {
          int id;
          double xy;
          ECO_CALL_GOTO(st, node_tok(&t, dim, "a node number of DISPLAY_DATA_SECTION", &id), done);
          ECO_CALL_GOTO(st, num_tok(&t, "an x coordinate", &xy), done);
          ECO_CALL_GOTO(st, num_tok(&t, "a y coordinate", &xy), done);
        }
      } else if (strcasecmp(key, "DEMAND_SECTION") == 0) {
        ECO_CHECK_GOTO(st, dim > 0, ECO_ERR_INPUT, done, "%s:%d: DEMAND_SECTION before DIMENSION", path, line);
        memset(seen, 0, (size_t)dim);
        for (int k = 0; k < dim; k++) {
          int id;
          ECO_CALL_GOTO(st, node_tok(&t, dim, "a node number of DEMAND_SECTION", &id), done);
          ECO_CHECK_GOTO(st, !seen[id - 1], ECO_ERR_INPUT, done, "%s:%d: node %d has two demands", path,
                         t.tok_line, id);
          seen[id - 1] = 1;
          ECO_CALL_GOTO(st, num_tok(&t, "a demand", &dem[id - 1]), done);
          ECO_CHECK_GOTO(st, dem[id - 1] >= 0, ECO_ERR_INPUT, done, "%s:%d: negative demand %s of node %d",
                         path, t.tok_line, t.tok, id);
        }
        have_dem = 1;
      } else if (strcasecmp(key, "DEPOT_SECTION") == 0) {
        ECO_CHECK_GOTO(st, dim > 0, ECO_ERR_INPUT, done, "%s:%d: DEPOT_SECTION before DIMENSION", path, line);
        int id;
        ECO_CALL_GOTO(st, node_tok(&t, dim, "the depot node", &id), done);
        depot = id;
        double end;
        ECO_CALL_GOTO(st, num_tok(&t, "-1 closing DEPOT_SECTION (one depot)", &end), done);
        ECO_CHECK_GOTO(st, end == -1, ECO_ERR_INPUT, done,
                       "%s:%d: expected -1 closing DEPOT_SECTION (only one depot is supported), found '%s'",
                       path, t.tok_line, t.tok);
      } else if (strcasecmp(key, "EDGE_WEIGHT_SECTION") == 0) {
        ECO_CHECK_GOTO(st, dim > 0 && ew == EW_EXPLICIT && ef != EF_NONE, ECO_ERR_INPUT, done,
                       "%s:%d: EDGE_WEIGHT_SECTION needs DIMENSION, EDGE_WEIGHT_TYPE : EXPLICIT and "
                       "EDGE_WEIGHT_FORMAT before it", path, line);
        for (int i = 0; i < dim; i++)
          for (int j = 0; j < dim; j++) {
            int take = ef == EF_FULL || (ef == EF_LOWER_ROW && j < i) || (ef == EF_LOWER_DIAG_ROW && j <= i) ||
                       (ef == EF_UPPER_ROW && j > i) || (ef == EF_UPPER_DIAG_ROW && j >= i);
            if (!take) continue;
            char what[96];
            snprintf(what, sizeof(what), "the edge weight (%d,%d)", i + 1, j + 1);
            double v;
            ECO_CALL_GOTO(st, num_tok(&t, what, &v), done);
            ECO_CHECK_GOTO(st, v >= 0, ECO_ERR_INPUT, done, "%s:%d: negative edge weight %s", path, t.tok_line, t.tok);
            if (ef == EF_FULL) {
              W[(size_t)i * dim + j] = v;
            } else {
              W[(size_t)i * dim + j] = v;
              W[(size_t)j * dim + i] = v;
            }
          }
        if (ef == EF_FULL)
          for (int i = 0; i < dim; i++)
            for (int j = 0; j < i; j++)
              ECO_CHECK_GOTO(st, W[(size_t)i * dim + j] == W[(size_t)j * dim + i], ECO_ERR_INPUT, done,
                             "%s: FULL_MATRIX is not symmetric at (%d,%d): asymmetric problems are not supported",
                             path, i + 1, j + 1);
        have_w = 1;
      } else {
        st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s:%d: unsupported section '%s'", path, line, key);
        goto done;
      }
      /* the next token must start a new keyword */
      const char *save = t.p;
      int sline = t.line;
      if (eco_supply_tokens_next(&t) && !is_keyword(t.tok)) {
        st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s:%d: unexpected '%s' after %s (more entries than DIMENSION %d?)", path,
                           t.tok_line, t.tok, key, dim);
        goto done;
      }
      t.p = save;
      t.line = sline;
      continue;
    }
    ECO_CHECK_GOTO(st, val != NULL && *val, ECO_ERR_INPUT, done, "%s:%d: expected 'KEY : VALUE', found '%s'",
                   path, line, s);
    if (strcasecmp(key, "DIMENSION") == 0) {
      double v;
      ECO_CHECK_GOTO(st, eco_supply_parse_double(val, &v) == 0 && v == floor(v) && v >= 2 && v <= 100001,
                     ECO_ERR_INPUT, done, "%s:%d: expected DIMENSION 2..100001, found '%s'", path, line, val);
      ECO_CHECK_GOTO(st, dim == 0, ECO_ERR_INPUT, done, "%s:%d: DIMENSION given twice", path, line);
      /* every node needs a DEMAND_SECTION line ("i d", at least 4 bytes):
         refuse a large header the file cannot hold before allocating for it
         (small ones get the exact line of what is missing) */
      ECO_CHECK_GOTO(st, v <= 1000 || v * 4 <= (double)len, ECO_ERR_INPUT, done,
                     "%s:%d: DIMENSION %s is more nodes than a %zu-byte file can describe", path, line,
                     val, len);
      dim = (int)v;
      if (ECO_OK != (st = eco_calloc((size_t)dim, sizeof(double), &X)) ||
          ECO_OK != (st = eco_calloc((size_t)dim, sizeof(double), &Y)) ||
          ECO_OK != (st = eco_calloc((size_t)dim, sizeof(double), &dem)) ||
          ECO_OK != (st = eco_calloc((size_t)dim, 1, &seen)) ||
          ECO_OK != (st = eco_calloc((size_t)dim * dim, sizeof(double), &W)))
        goto done;
    } else if (strcasecmp(key, "CAPACITY") == 0) {
      ECO_CHECK_GOTO(st, eco_supply_parse_double(val, &cap) == 0 && cap > 0, ECO_ERR_INPUT, done,
                     "%s:%d: expected CAPACITY > 0, found '%s'", path, line, val);
    } else if (strcasecmp(key, "TYPE") == 0) {
      ECO_CHECK_GOTO(st, strcasecmp(val, "CVRP") == 0, ECO_ERR_INPUT, done,
                     "%s:%d: TYPE '%s' is not supported (expected CVRP)", path, line, val);
    } else if (strcasecmp(key, "EDGE_WEIGHT_TYPE") == 0) {
      if (strcasecmp(val, "EUC_2D") == 0) ew = EW_EUC2D;
      else if (strcasecmp(val, "CEIL_2D") == 0) ew = EW_CEIL2D;
      else if (strcasecmp(val, "EXPLICIT") == 0) ew = EW_EXPLICIT;
      else {
        st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s:%d: EDGE_WEIGHT_TYPE '%s' is not supported (EUC_2D, CEIL_2D or EXPLICIT)", path,
                           line, val);
        goto done;
      }
    } else if (strcasecmp(key, "EDGE_WEIGHT_FORMAT") == 0) {
      if (strcasecmp(val, "FULL_MATRIX") == 0) ef = EF_FULL;
      else if (strcasecmp(val, "LOWER_ROW") == 0) ef = EF_LOWER_ROW;
      else if (strcasecmp(val, "LOWER_DIAG_ROW") == 0) ef = EF_LOWER_DIAG_ROW;
      else if (strcasecmp(val, "UPPER_ROW") == 0) ef = EF_UPPER_ROW;
      else if (strcasecmp(val, "UPPER_DIAG_ROW") == 0) ef = EF_UPPER_DIAG_ROW;
      else {
        st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                           "%s:%d: EDGE_WEIGHT_FORMAT '%s' is not supported (FULL_MATRIX, LOWER_ROW, "
                           "LOWER_DIAG_ROW, UPPER_ROW, UPPER_DIAG_ROW)", path, line, val);
        goto done;
      }
    }
    /* NAME, COMMENT, DISPLAY_DATA_TYPE, NODE_COORD_TYPE ...: ignored */
    t.p += l;
  }
  ECO_CHECK_GOTO(st, dim > 0, ECO_ERR_INPUT, done, "%s: no DIMENSION", path);
  ECO_CHECK_GOTO(st, cap > 0, ECO_ERR_INPUT, done, "%s: no CAPACITY", path);
  ECO_CHECK_GOTO(st, ew != EW_NONE, ECO_ERR_INPUT, done, "%s: no EDGE_WEIGHT_TYPE", path);
  ECO_CHECK_GOTO(st, have_dem, ECO_ERR_INPUT, done, "%s: no DEMAND_SECTION", path);
  ECO_CHECK_GOTO(st, ew == EW_EXPLICIT ? have_w : have_coord, ECO_ERR_INPUT, done, "%s: no %s", path,
                 ew == EW_EXPLICIT ? "EDGE_WEIGHT_SECTION" : "NODE_COORD_SECTION");
  if (!depot) depot = 1;
  ECO_CHECK_GOTO(st, dem[depot - 1] == 0, ECO_ERR_INPUT, done, "%s: the depot (node %d) has demand %g",
                 path, depot, dem[depot - 1]);
  ECO_CALL_GOTO(st, eco_supply_cvrp_create(dim - 1, &p), done);
  {
    const char *b = strrchr(path, '/');
    snprintf(p->name, sizeof(p->name), "%s", b ? b + 1 : path);
  }
  p->capacity = cap;
  /* internal node 0 = depot, 1..n = the other nodes in file order */
  int k = 1;
  int *map = NULL; /* internal -> file index (0-based) */
  ECO_CALL_GOTO(st, eco_malloc(sizeof(int) * (size_t)dim, &map), done);
  map[0] = depot - 1;
  for (int f = 0; f < dim; f++)
    if (f != depot - 1) map[k++] = f;
  if (have_coord) {
    ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)dim, &p->x), done);
    ECO_CALL_GOTO(st, eco_malloc(sizeof(double) * (size_t)dim, &p->y), done);
  }
  for (int a = 0; a < dim; a++) {
    p->label[a] = map[a] + 1;
    p->demand[a] = dem[map[a]];
    if (have_coord) {
      p->x[a] = X[map[a]];
      p->y[a] = Y[map[a]];
    }
    if (a > 0 && p->demand[a] > cap) {
      st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: node %d has demand %g above the capacity %g",
                         path, map[a] + 1, p->demand[a], cap);
      free(map);
      goto done;
    }
    for (int b = 0; b < dim; b++) {
      double d;
      if (ew == EW_EXPLICIT) {
        d = W[(size_t)map[a] * dim + map[b]];
      } else {
        double e = hypot(X[map[a]] - X[map[b]], Y[map[a]] - Y[map[b]]);
        d = ew == EW_EUC2D ? floor(e + 0.5) : ceil(e); /* TSPLIB nint */
      }
      p->dist[(size_t)a * dim + b] = a == b ? 0 : d;
    }
  }
  free(map);
done:
  free(data);
  free(X);
  free(Y);
  free(W);
  free(dem);
  free(seen);
  if (st != ECO_OK) {
    eco_supply_cvrp_destroy(&p);
    return st;
  }
  *out = p;
  return ECO_OK;
}

/* ---- split --------------------------------------------------------------- */
double eco_supply_cvrp_split(const eco_supply_cvrp *p, const int *tour, double *work,
                             int *pred) {
  int n = p->n, N = n + 1;
  const double *D = p->dist;
  double *V = work;
  V[0] = 0;
  for (int j = 1; j <= n; j++) V[j] = INFINITY;
  for (int i = 0; i < n; i++) {
    if (V[i] == INFINITY) continue;
    double load = 0, cost = 0;
    for (int j = i + 1; j <= n; j++) {
      int c = tour[j - 1];
      load += p->demand[c];
      if (load > p->capacity) break;
      if (j == i + 1)
        cost = D[c] + D[(size_t)c * N];
      else {
        int b = tour[j - 2];
        cost += -D[(size_t)b * N] + D[(size_t)b * N + c] + D[(size_t)c * N];
      }
      if (V[i] + cost < V[j]) {
        V[j] = V[i] + cost;
        pred[j] = i;
      }
    }
  }
  return V[n];
}

int eco_supply_cvrp_split_routes(const eco_supply_cvrp *p, const int *pred, int *start) {
  /* route r = tour[start[r] .. start[r+1]) ; walk back from n */
  int n = p->n, R = 0;
  for (int j = n; j > 0; j = pred[j]) R++;
  int r = R;
  start[R] = n;
  for (int j = n; j > 0; j = pred[j]) start[--r] = pred[j];
  return R;
}

/* ---- local search on routes --------------------------------------------- */
struct eco_supply_cvrp_ls {
  const eco_supply_cvrp *p;
  int K;        /* granular neighbours per customer */
  int *nbr;     /* [(n+1) * K] nearest customers */
  /* routes */
  int nr, cap_r;
  int **rt;     /* rt[r] = customers, rlen[r] entries */
  int *rlen, *rcap;
  double *load;
  int *route_of, *pos_of; /* [n+1] */
  double *cum;  /* [n+1] load of c's route up to and including c */
  int *order;   /* [n] */
  /* move bookkeeping (as in Vidal's HGS): a pair (u, v) is not tested again
   * while neither route changed since u's last complete scan found nothing */
  int64_t nmoves;
  int64_t *rmod;  /* [n] move count when route r last changed */
  int64_t *utest; /* [n+1] move count at the start of u's last fruitless scan */
  /* capacity: > 0 = cost per unit of overload (routes may be overloaded
   * during the search), 0 = hard */
  double penalty;
  int feasible; /* the routes of the last run's local optimum fit */
  int pass;     /* pass of the current run (0 = first) */
  /* SWAP*: polar angle of each customer around the depot (0..65535; NULL
   * without coordinates), each route's sector, per-route date of its last
   * SWAP* scan, best insertions (3 per customer) into the other route */
  int *angle;
  int *sec_lo, *sec_hi; /* [n] */
  int64_t *stest;       /* [n] */
  double *ins_c;        /* [(n+1) x 3] */
  int *ins_w;           /* [(n+1) x 3] insert after this node (0 = route start) */
};

void eco_supply_cvrp_ls_set_penalty(eco_supply_cvrp_ls *s, double penalty) {
  s->penalty = penalty > 0 ? penalty : 0;
}

int eco_supply_cvrp_ls_feasible(const eco_supply_cvrp_ls *s) { return s->feasible; }

/* Penalty of a route load: 0 within the capacity; over it, the penalty per
 * unit of overload, or infinity when the capacity is hard. */
static inline double over(const eco_supply_cvrp_ls *s, double load) {
  double e = load - s->p->capacity;
  if (e <= 0) return 0;
  return s->penalty > 0 ? s->penalty * e : INFINITY;
}

/* Change of penalty when routes a and b get loads la and lb. */
static inline double dpen(const eco_supply_cvrp_ls *s, int a, double la, int b, double lb) {
  double before = over(s, s->load[a]) + over(s, s->load[b]);
  if (before == 0) return over(s, la) + over(s, lb);
  return over(s, la) + over(s, lb) - before;
}

static const eco_supply_cvrp *nb_p;
static int nb_from;
static int cmp_nb(const void *a, const void *b) {
  int u = *(const int *)a, v = *(const int *)b;
  size_t N = (size_t)nb_p->n + 1;
  double du = nb_p->dist[nb_from * N + u], dv = nb_p->dist[nb_from * N + v];
  return du < dv ? -1 : du > dv ? 1 : u - v;
}

eco_status eco_supply_cvrp_ls_create(const eco_supply_cvrp *p, int granular,
                                     eco_supply_cvrp_ls **out) {
  *out = NULL;
  int n = p->n;
  eco_supply_cvrp_ls *s = NULL;
  ECO_CALL(eco_calloc(1, sizeof(*s), &s));
  s->p = p;
  s->K = granular < n - 1 ? granular : n - 1;
  if (s->K < 0) s->K = 0;
  eco_status st = ECO_OK;
  int *tmp = NULL;
  if ((st = eco_malloc(sizeof(int) * (size_t)(n + 1) * (s->K ? s->K : 1), &s->nbr)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * (size_t)(n + 1), &s->route_of)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * (size_t)(n + 1), &s->pos_of)) != ECO_OK ||
      (st = eco_calloc((size_t)(n + 1), sizeof(double), &s->cum)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(int64_t), &s->rmod)) != ECO_OK ||
      (st = eco_calloc((size_t)(n + 1), sizeof(int64_t), &s->utest)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * (size_t)n, &s->order)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(int *), &s->rt)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(int), &s->rlen)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(int), &s->rcap)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(double), &s->load)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(int), &s->sec_lo)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(int), &s->sec_hi)) != ECO_OK ||
      (st = eco_calloc((size_t)n, sizeof(int64_t), &s->stest)) != ECO_OK ||
      (st = eco_malloc(sizeof(double) * 3 * (size_t)(n + 1), &s->ins_c)) != ECO_OK ||
      (st = eco_malloc(sizeof(int) * 3 * (size_t)(n + 1), &s->ins_w)) != ECO_OK ||
      (p->x && (st = eco_malloc(sizeof(int) * (size_t)(n + 1), &s->angle)) != ECO_OK) ||
      (st = eco_malloc(sizeof(int) * (size_t)n, &tmp)) != ECO_OK) {
    free(tmp);
    eco_supply_cvrp_ls_destroy(&s);
    return st;
  }
  for (int u = 1; u <= n; u++) {
    int c = 0;
    for (int v = 1; v <= n; v++)
      if (v != u) tmp[c++] = v;
    nb_p = p;
    nb_from = u;
    qsort(tmp, (size_t)c, sizeof(int), cmp_nb);
    for (int k = 0; k < s->K; k++) s->nbr[(size_t)u * s->K + k] = tmp[k];
  }
  free(tmp);
  if (s->angle)
    for (int u = 0; u <= n; u++) {
      double a = atan2(p->y[u] - p->y[0], p->x[u] - p->x[0]); /* -pi..pi */
      s->angle[u] = (int)floor(32768.0 * (a / 3.14159265358979323846 + 1.0)) & 65535;
    }
  *out = s;
  return ECO_OK;
}

void eco_supply_cvrp_ls_destroy(eco_supply_cvrp_ls **ps) {
  if (!ps || !*ps) return;
  eco_supply_cvrp_ls *s = *ps;
  if (s->rt)
    for (int r = 0; r < s->p->n; r++) free(s->rt[r]);
  free(s->rt);
  free(s->rlen);
  free(s->rcap);
  free(s->load);
  free(s->nbr);
  free(s->route_of);
  free(s->pos_of);
  free(s->cum);
  free(s->rmod);
  free(s->utest);
  free(s->order);
  free(s->angle);
  free(s->sec_lo);
  free(s->sec_hi);
  free(s->stest);
  free(s->ins_c);
  free(s->ins_w);
  free(s);
  *ps = NULL;
}

/* Angular distance from a to b going counter-clockwise (0..65535). */
static inline int ccw(int a, int b) { return (b - a) & 65535; }

static void index_route(eco_supply_cvrp_ls *s, int r) {
  double l = 0;
  for (int k = 0; k < s->rlen[r]; k++) {
    int c = s->rt[r][k];
    s->route_of[c] = r;
    s->pos_of[c] = k;
    l += s->p->demand[c];
    s->cum[c] = l;
    if (!s->angle) continue;
    /* the route's sector: the smallest arc holding its customers, grown
     * one customer at a time (as HGS's CircleSector) */
    int a = s->angle[c];
    if (k == 0) {
      s->sec_lo[r] = s->sec_hi[r] = a;
    } else if (ccw(s->sec_lo[r], a) > ccw(s->sec_lo[r], s->sec_hi[r])) {
      if (ccw(a, s->sec_lo[r]) <= ccw(s->sec_hi[r], a))
        s->sec_lo[r] = a;
      else
        s->sec_hi[r] = a;
    }
  }
  s->load[r] = l;
}

static int sectors_overlap(const eco_supply_cvrp_ls *s, int a, int b) {
  if (!s->angle) return 1;
  return ccw(s->sec_lo[a], s->sec_lo[b]) <= ccw(s->sec_lo[a], s->sec_hi[a]) ||
         ccw(s->sec_lo[b], s->sec_lo[a]) <= ccw(s->sec_lo[b], s->sec_hi[b]);
}

/* A move changed routes a and b: count it and date the routes. 1. */
static int mark(eco_supply_cvrp_ls *s, int a, int b) {
  s->nmoves++;
  s->rmod[a] = s->rmod[b] = s->nmoves;
  return 1;
}

static int ensure(eco_supply_cvrp_ls *s, int r, int len) {
  if (s->rcap[r] >= len) return 0;
  int nc = len < 8 ? 8 : 2 * len;
  int *nr = realloc(s->rt[r], sizeof(int) * (size_t)nc);
  if (!nr) return -1;
  s->rt[r] = nr;
  s->rcap[r] = nc;
  return 0;
}

#define DD(a, b) (D[(size_t)(a) * N + (b)])
static inline int prev_of(const eco_supply_cvrp_ls *s, int c) {
  int r = s->route_of[c], k = s->pos_of[c];
  return k > 0 ? s->rt[r][k - 1] : 0;
}
static inline int next_of(const eco_supply_cvrp_ls *s, int c) {
  int r = s->route_of[c], k = s->pos_of[c];
  return k + 1 < s->rlen[r] ? s->rt[r][k + 1] : 0;
}

static void remove_at(eco_supply_cvrp_ls *s, int r, int k) {
  memmove(s->rt[r] + k, s->rt[r] + k + 1, sizeof(int) * (size_t)(s->rlen[r] - k - 1));
  s->rlen[r]--;
}
static void insert_at(eco_supply_cvrp_ls *s, int r, int k, int c) {
  memmove(s->rt[r] + k + 1, s->rt[r] + k, sizeof(int) * (size_t)(s->rlen[r] - k));
  s->rt[r][k] = c;
  s->rlen[r]++;
}

/* One improving move involving u, or 0. */
static int try_moves(eco_supply_cvrp_ls *s, int u) {
  const eco_supply_cvrp *p = s->p;
  const double *D = p->dist, *q = p->demand;
  size_t N = (size_t)p->n + 1;
  const double eps = 1e-9;
  int ru = s->route_of[u], pu = prev_of(s, u), nu = next_of(s, u);
  int64_t last = s->utest[u], start = s->nmoves;
  for (int k = 0; k < s->K; k++) {
    int v = s->nbr[(size_t)u * s->K + k];
    int rv = s->route_of[v];
    if (s->rmod[ru] <= last && s->rmod[rv] <= last) continue; /* nothing new to try */
    int pv = prev_of(s, v), nv = next_of(s, v);
    /* relocate u after v */
    if (v != pu && (ru != rv || 1)) {
      double d = -DD(pu, u) - DD(u, nu) + DD(pu, nu) + DD(v, u) + DD(u, nv) - DD(v, nv);
      if (d < -eps && ru != rv) d += dpen(s, ru, s->load[ru] - q[u], rv, s->load[rv] + q[u]);
      if (d < -eps) {
        int kv;
        remove_at(s, ru, s->pos_of[u]);
        if (ru == rv) index_route(s, ru);
        kv = s->pos_of[v];
        ensure(s, rv, s->rlen[rv] + 1);
        insert_at(s, rv, kv + 1, u);
        index_route(s, ru);
        if (rv != ru) index_route(s, rv);
        return mark(s, ru, rv);
      }
    }
    /* relocate u before v */
    if (v != nu) {
      double d = -DD(pu, u) - DD(u, nu) + DD(pu, nu) + DD(pv, u) + DD(u, v) - DD(pv, v);
      if (d < -eps && ru != rv) d += dpen(s, ru, s->load[ru] - q[u], rv, s->load[rv] + q[u]);
      if (d < -eps) {
        remove_at(s, ru, s->pos_of[u]);
        if (ru == rv) index_route(s, ru);
        int kv = s->pos_of[v];
        ensure(s, rv, s->rlen[rv] + 1);
        insert_at(s, rv, kv, u);
        index_route(s, ru);
        if (rv != ru) index_route(s, rv);
        return mark(s, ru, rv);
      }
    }
    /* pair moves on (u, x = u's successor): relocate the pair after v as
     * (u, x) or reversed (x, u); swap the pair with v (between routes) */
    int x = nu;
    if (x != 0 && v != pu && v != x) {
      int nx = next_of(s, x);
      double rem = -DD(pu, u) - DD(x, nx) + DD(pu, nx);
      double qq = q[u] + q[x];
      double d2 = rem + DD(v, u) + DD(x, nv) - DD(v, nv); /* v, u, x, nv */
      double d3 = rem + DD(v, x) + DD(u, nv) - DD(v, nv); /* v, x, u, nv */
      int rev = d3 < d2;
      double dm = rev ? d3 : d2;
      if (dm < -eps && ru != rv) dm += dpen(s, ru, s->load[ru] - qq, rv, s->load[rv] + qq);
      if (dm < -eps) {
        remove_at(s, ru, s->pos_of[x]);
        remove_at(s, ru, s->pos_of[u]);
        index_route(s, ru);
        int kv = s->pos_of[v];
        ensure(s, rv, s->rlen[rv] + 2);
        insert_at(s, rv, kv + 1, rev ? u : x);
        insert_at(s, rv, kv + 1, rev ? x : u);
        index_route(s, ru);
        if (rv != ru) index_route(s, rv);
        return mark(s, ru, rv);
      }
      if (ru != rv) {
        double d5 = DD(pu, v) + DD(v, nx) - DD(pu, u) - DD(x, nx) + DD(pv, u) + DD(x, nv) - DD(pv, v) - DD(v, nv);
        if (d5 < -eps) d5 += dpen(s, ru, s->load[ru] - qq + q[v], rv, s->load[rv] - q[v] + qq);
        if (d5 < -eps) {
          int ku = s->pos_of[u], kv = s->pos_of[v];
          s->rt[ru][ku] = v; /* u's slot takes v, x's slot goes */
          remove_at(s, ru, ku + 1);
          s->rt[rv][kv] = u;
          ensure(s, rv, s->rlen[rv] + 1);
          insert_at(s, rv, kv + 1, x);
          index_route(s, ru);
          index_route(s, rv);
          return mark(s, ru, rv);
        }
        /* swap the pairs (u, x) and (v, y = v's successor) */
        int y = nv;
        if (y != 0) {
          int ny = next_of(s, y);
          double qv2 = q[v] + q[y];
          double d6 = DD(pu, v) + DD(y, nx) - DD(pu, u) - DD(x, nx) + DD(pv, u) + DD(x, ny) - DD(pv, v) - DD(y, ny);
          if (d6 < -eps) d6 += dpen(s, ru, s->load[ru] - qq + qv2, rv, s->load[rv] - qv2 + qq);
          if (d6 < -eps) {
            int ku = s->pos_of[u], kv = s->pos_of[v];
            s->rt[ru][ku] = v;
            s->rt[ru][ku + 1] = y;
            s->rt[rv][kv] = u;
            s->rt[rv][kv + 1] = x;
            index_route(s, ru);
            index_route(s, rv);
            return mark(s, ru, rv);
          }
        }
      }
    }
    /* swap u and v (not adjacent) */
    if (v != pu && v != nu) {
      double d = DD(pu, v) + DD(v, nu) - DD(pu, u) - DD(u, nu) + DD(pv, u) + DD(u, nv) - DD(pv, v) - DD(v, nv);
      if (d < -eps && ru != rv) d += dpen(s, ru, s->load[ru] - q[u] + q[v], rv, s->load[rv] - q[v] + q[u]);
      if (d < -eps) {
        s->rt[ru][s->pos_of[u]] = v;
        s->rt[rv][s->pos_of[v]] = u;
        index_route(s, ru);
        if (rv != ru) index_route(s, rv);
        return mark(s, ru, rv);
      }
    }
    if (ru == rv) {
      /* 2-opt: with u before v, reverse nu .. v: edges (u,nu),(v,nv) -> (u,v),(nu,nv) */
      int a = u, b = v;
      if (s->pos_of[a] > s->pos_of[b]) {
        a = v;
        b = u;
      }
      int na = next_of(s, a), nb = next_of(s, b);
      if (na != b) {
        double d = DD(a, b) + DD(na, nb) - DD(a, na) - DD(b, nb);
        if (d < -eps) {
          int i = s->pos_of[a] + 1, j = s->pos_of[b];
          while (i < j) {
            int t = s->rt[ru][i];
            s->rt[ru][i] = s->rt[ru][j];
            s->rt[ru][j] = t;
            i++;
            j--;
          }
          index_route(s, ru);
          return mark(s, ru, rv);
        }
      }
    } else {
      /* 2-opt*: tails after u and after v exchange: (u,nu),(v,nv) -> (u,nv),(v,nu) */
      double pre_u = s->cum[u], pre_v = s->cum[v];
      double lu = pre_u + (s->load[rv] - pre_v), lv = pre_v + (s->load[ru] - pre_u);
      double d = DD(u, nv) + DD(v, nu) - DD(u, nu) - DD(v, nv);
      if (d < -eps) d += dpen(s, ru, lu, rv, lv);
      if (d < -eps) {
        int tu = s->rlen[ru] - s->pos_of[u] - 1, tv = s->rlen[rv] - s->pos_of[v] - 1;
        int *buf = malloc(sizeof(int) * (size_t)(tu + 1));
        if (!buf) return 0;
        memcpy(buf, s->rt[ru] + s->pos_of[u] + 1, sizeof(int) * (size_t)tu);
        int ku = s->pos_of[u], kv = s->pos_of[v];
        ensure(s, ru, ku + 1 + tv);
        memcpy(s->rt[ru] + ku + 1, s->rt[rv] + kv + 1, sizeof(int) * (size_t)tv);
        s->rlen[ru] = ku + 1 + tv;
        ensure(s, rv, kv + 1 + tu);
        memcpy(s->rt[rv] + kv + 1, buf, sizeof(int) * (size_t)tu);
        s->rlen[rv] = kv + 1 + tu;
        free(buf);
        index_route(s, ru);
        index_route(s, rv);
        return mark(s, ru, rv);
      }
      /* 2-opt* reversed: (u,nu),(v,nv) -> (u,v),(nu,nv): the new routes are
       * head(u) + reversed head(v) and reversed tail(nu) + tail(nv) */
      double l1 = pre_u + pre_v, l2 = (s->load[ru] - pre_u) + (s->load[rv] - pre_v);
      double d2 = DD(u, v) + DD(nu, nv) - DD(u, nu) - DD(v, nv);
      if (d2 < -eps) d2 += dpen(s, ru, l1, rv, l2);
      if (d2 < -eps) {
        int ku = s->pos_of[u], kv = s->pos_of[v], lu0 = s->rlen[ru], lv0 = s->rlen[rv];
        int *buf = malloc(sizeof(int) * (size_t)(lu0 + lv0));
        if (!buf) return 0;
        int w = 0;
        for (int k2 = 0; k2 <= ku; k2++) buf[w++] = s->rt[ru][k2];
        for (int k2 = kv; k2 >= 0; k2--) buf[w++] = s->rt[rv][k2];
        int n1 = w;
        for (int k2 = lu0 - 1; k2 > ku; k2--) buf[w++] = s->rt[ru][k2];
        for (int k2 = kv + 1; k2 < lv0; k2++) buf[w++] = s->rt[rv][k2];
        ensure(s, ru, n1);
        ensure(s, rv, w - n1);
        memcpy(s->rt[ru], buf, sizeof(int) * (size_t)n1);
        s->rlen[ru] = n1;
        memcpy(s->rt[rv], buf + n1, sizeof(int) * (size_t)(w - n1));
        s->rlen[rv] = w - n1;
        free(buf);
        index_route(s, ru);
        index_route(s, rv);
        return mark(s, ru, rv);
      }
    }
  }
  /* after the first pass: u (or the tail of its route after u) into an
   * empty route, which adds a vehicle (useful to relieve an overload) */
  if (s->pass > 0) {
    int e = -1;
    for (int r = 0; r < s->nr && e < 0; r++)
      if (s->rlen[r] == 0) e = r;
    if (e >= 0) {
      double d = DD(0, u) + DD(u, 0) - DD(pu, u) - DD(u, nu) + DD(pu, nu);
      if (d + dpen(s, ru, s->load[ru] - q[u], e, q[u]) < -eps) {
        remove_at(s, ru, s->pos_of[u]);
        ensure(s, e, 1);
        insert_at(s, e, 0, u);
        index_route(s, ru);
        index_route(s, e);
        return mark(s, ru, e);
      }
      if (nu != 0) {
        double l1 = s->cum[u], l2 = s->load[ru] - s->cum[u];
        double d9 = DD(u, 0) + DD(0, nu) - DD(u, nu);
        if (d9 + dpen(s, ru, l1, e, l2) < -eps) {
          int ku = s->pos_of[u], tl = s->rlen[ru] - ku - 1;
          ensure(s, e, tl);
          memcpy(s->rt[e], s->rt[ru] + ku + 1, sizeof(int) * (size_t)tl);
          s->rlen[e] = tl;
          s->rlen[ru] = ku + 1;
          index_route(s, ru);
          index_route(s, e);
          return mark(s, ru, e);
        }
      }
    }
  }
  s->utest[u] = start;
  return 0;
}
#undef DD

/* Routes from the optimal split of tour, plus one empty route if there is
 * room. */
static void load_routes(eco_supply_cvrp_ls *s, const int *tour, double *V, int *pred, int *start) {
  int n = s->p->n;
  eco_supply_cvrp_split(s->p, tour, V, pred);
  int R = eco_supply_cvrp_split_routes(s->p, pred, start);
  for (int r = 0; r < n; r++) s->rlen[r] = 0;
  s->nr = R < n ? R + 1 : R;
  for (int r = 0; r < s->nr; r++) {
    int len = r < R ? start[r + 1] - start[r] : 0;
    ensure(s, r, len);
    if (len) memcpy(s->rt[r], tour + start[r], sizeof(int) * (size_t)len);
    s->rlen[r] = len;
    index_route(s, r);
  }
}

#define DD(a, b) (D[(size_t)(a) * N + (b)])
/* The 3 cheapest insertions of u into route r (after node w; 0 = at the
 * start) into s->ins_c / ins_w [3u .. 3u+2], cheapest first (-1: none). */
static void top3(eco_supply_cvrp_ls *s, int u, int r) {
  const double *D = s->p->dist;
  size_t N = (size_t)s->p->n + 1;
  double *c = s->ins_c + 3 * (size_t)u;
  int *w = s->ins_w + 3 * (size_t)u;
  c[0] = c[1] = c[2] = INFINITY;
  w[0] = w[1] = w[2] = -1;
  int len = s->rlen[r];
  for (int k = -1; k < len; k++) {
    int a = k < 0 ? 0 : s->rt[r][k], b = k + 1 < len ? s->rt[r][k + 1] : 0;
    double d = DD(a, u) + DD(u, b) - DD(a, b);
    if (d >= c[2]) continue;
    int t = 2;
    while (t > 0 && c[t - 1] > d) {
      c[t] = c[t - 1];
      w[t] = w[t - 1];
      t--;
    }
    c[t] = d;
    w[t] = a;
  }
}

/* Cheapest insertion of u into the route of x once x is removed from it:
 * in x's place, or the best of u's 3 precomputed insertions that is not
 * next to x. */
static double insert_without(const eco_supply_cvrp_ls *s, int u, int x, int *after) {
  const double *D = s->p->dist;
  size_t N = (size_t)s->p->n + 1;
  int r = s->route_of[x], k = s->pos_of[x];
  int px = k > 0 ? s->rt[r][k - 1] : 0, nx = k + 1 < s->rlen[r] ? s->rt[r][k + 1] : 0;
  double best = DD(px, u) + DD(u, nx) - DD(px, nx);
  *after = px;
  for (int t = 0; t < 3; t++) {
    int w = s->ins_w[3 * (size_t)u + t];
    if (w < 0) break;
    int nw = w == 0 ? s->rt[r][0] : (s->pos_of[w] + 1 < s->rlen[r] ? s->rt[r][s->pos_of[w] + 1] : 0);
    if (w == x || nw == x) continue;
    if (s->ins_c[3 * (size_t)u + t] < best) {
      best = s->ins_c[3 * (size_t)u + t];
      *after = w;
    }
    break;
  }
  return best;
}

/* SWAP* (Vidal 2022) between routes a and b: exchange a customer u of a
 * with a customer v of b, each inserted at its best place in the other
 * route (not necessarily the place of the other). Applies the best
 * improving exchange; 1 if there was one. */
static int swap_star(eco_supply_cvrp_ls *s, int a, int b) {
  const eco_supply_cvrp *p = s->p;
  const double *D = p->dist, *q = p->demand;
  size_t N = (size_t)p->n + 1;
  for (int k = 0; k < s->rlen[a]; k++) top3(s, s->rt[a][k], b);
  for (int k = 0; k < s->rlen[b]; k++) top3(s, s->rt[b][k], a);
  double best = -1e-9;
  int bu = 0, bv = 0, bwu = 0, bwv = 0;
  for (int i = 0; i < s->rlen[a]; i++) {
    int u = s->rt[a][i], pu = i > 0 ? s->rt[a][i - 1] : 0, nu = i + 1 < s->rlen[a] ? s->rt[a][i + 1] : 0;
    double ru = DD(pu, nu) - DD(pu, u) - DD(u, nu);
    for (int j = 0; j < s->rlen[b]; j++) {
      int v = s->rt[b][j], pv = j > 0 ? s->rt[b][j - 1] : 0, nv = j + 1 < s->rlen[b] ? s->rt[b][j + 1] : 0;
      double rv = DD(pv, nv) - DD(pv, v) - DD(v, nv);
      double pen = dpen(s, a, s->load[a] - q[u] + q[v], b, s->load[b] - q[v] + q[u]);
      if (ru + rv + pen >= best) continue; /* insertions cost >= 0 */
      int wu, wv;
      double d = ru + rv + pen + insert_without(s, u, v, &wu);
      if (d >= best) continue;
      d += insert_without(s, v, u, &wv);
      if (d < best) {
        best = d;
        bu = u, bv = v, bwu = wu, bwv = wv;
      }
    }
  }
  if (best >= -1e-9) return 0;
  remove_at(s, a, s->pos_of[bu]);
  remove_at(s, b, s->pos_of[bv]);
  index_route(s, a);
  index_route(s, b);
  ensure(s, b, s->rlen[b] + 1);
  insert_at(s, b, bwu == 0 ? 0 : s->pos_of[bwu] + 1, bu);
  ensure(s, a, s->rlen[a] + 1);
  insert_at(s, a, bwv == 0 ? 0 : s->pos_of[bwv] + 1, bv);
  index_route(s, a);
  index_route(s, b);
  return mark(s, a, b);
}
#undef DD

/* Improving moves until none is left, every pair tested in the first pass. */
static void passes(eco_supply_cvrp_ls *s) {
  int n = s->p->n;
  s->nmoves = 1;
  for (int r = 0; r < n; r++) s->rmod[r] = 1;
  for (int u = 0; u <= n; u++) s->utest[u] = 0;
  for (int r = 0; r < n; r++) s->stest[r] = 0;
  for (int pass = 0; pass < 1000; pass++) {
    int improved = 0;
    s->pass = pass;
    for (int i = 0; i < n; i++)
      while (try_moves(s, s->order[i])) improved = 1;
    /* SWAP* between routes whose sectors overlap, when either changed
     * since a's last SWAP* scan */
    for (int a = 0; a < s->nr; a++) {
      int64_t start = s->nmoves;
      for (int b = a + 1; b < s->nr; b++) {
        if (!s->rlen[a] || !s->rlen[b]) continue;
        if (s->rmod[a] <= s->stest[a] && s->rmod[b] <= s->stest[a]) continue;
        if (!sectors_overlap(s, a, b)) continue;
        if (swap_star(s, a, b)) improved = 1;
      }
      s->stest[a] = start;
    }
    if (!improved) break;
  }
}

static int routes_fit(const eco_supply_cvrp_ls *s) {
  for (int r = 0; r < s->nr; r++)
    if (s->load[r] > s->p->capacity) return 0;
  return 1;
}

static const double *ang_v;
static int cmp_ang(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return ang_v[x] < ang_v[y] ? -1 : ang_v[x] > ang_v[y] ? 1 : x - y;
}

/* The non-empty routes back into the tour, by polar angle of their centre
 * of gravity around the depot when there are coordinates (as in HGS: the
 * giant tour then keeps neighbouring routes together for the crossover). */
static void concat_routes(eco_supply_cvrp_ls *s, int *tour, double *ang, int *ord) {
  const eco_supply_cvrp *p = s->p;
  for (int r = 0; r < s->nr; r++) {
    ord[r] = r;
    ang[r] = 0;
    if (p->x && s->rlen[r]) {
      double sx = 0, sy = 0;
      for (int c = 0; c < s->rlen[r]; c++) {
        sx += p->x[s->rt[r][c]];
        sy += p->y[s->rt[r][c]];
      }
      ang[r] = atan2(sy / s->rlen[r] - p->y[0], sx / s->rlen[r] - p->x[0]);
    }
  }
  if (p->x) {
    ang_v = ang;
    qsort(ord, (size_t)s->nr, sizeof(int), cmp_ang);
  }
  int k = 0;
  for (int i = 0; i < s->nr; i++)
    for (int c = 0; c < s->rlen[ord[i]]; c++) tour[k++] = s->rt[ord[i]][c];
}

double eco_supply_cvrp_ls_run(eco_supply_cvrp_ls *s, int *tour, eco_rng *rng) {
  const eco_supply_cvrp *p = s->p;
  int n = p->n;
  size_t N = (size_t)n + 1;
  double *V = malloc(sizeof(double) * N);
  int *pred = malloc(sizeof(int) * N), *start = malloc(sizeof(int) * N);
  if (!V || !pred || !start) {
    free(V); free(pred); free(start);
    return INFINITY;
  }
  load_routes(s, tour, V, pred, start);
  for (int i = 0; i < n; i++) s->order[i] = i + 1;
  for (int i = n - 1; i > 0; i--) { /* random order of the customers */
    int j = (int)eco_rng_below(rng, (uint64_t)i + 1);
    int t = s->order[i];
    s->order[i] = s->order[j];
    s->order[j] = t;
  }
  passes(s);
  s->feasible = routes_fit(s);
  if (!s->feasible) {
    /* repair (as in HGS): go on from the overloaded routes with the
     * penalty x 10, then x 100; if still overloaded, split the routes'
     * concatenation with the capacity and search with the capacity hard */
    double pen0 = s->penalty;
    for (int m = 10; m <= 100 && !routes_fit(s); m *= 10) {
      s->penalty = pen0 * m;
      passes(s);
    }
    if (!routes_fit(s)) {
      concat_routes(s, tour, V, start);
      load_routes(s, tour, V, pred, start);
      s->penalty = 0;
      passes(s);
    }
    s->penalty = pen0;
  }
  /* back into the tour; its optimal split is never worse than these routes */
  concat_routes(s, tour, V, start);
  double cost = eco_supply_cvrp_split(p, tour, V, pred);
  free(V);
  free(pred);
  free(start);
  return cost;
}

/* Order crossover (OX): child gets a[i..j] in place, the rest in b's order
 * starting after j. seen: n+1 bytes scratch. */
void eco_supply_cvrp_ox(int n, const int *a, const int *b, int *child,
                        unsigned char *seen, eco_rng *rng) {
  int i = (int)eco_rng_below(rng, (uint64_t)n), j = (int)eco_rng_below(rng, (uint64_t)n);
  if (i > j) {
    int t = i;
    i = j;
    j = t;
  }
  memset(seen, 0, (size_t)n + 1);
  for (int k = i; k <= j; k++) {
    child[k] = a[k];
    seen[a[k]] = 1;
  }
  int w = (j + 1) % n;
  for (int k = 0; k < n; k++) {
    int c = b[(j + 1 + k) % n];
    if (seen[c]) continue;
    child[w] = c;
    w = (w + 1) % n;
  }
}
