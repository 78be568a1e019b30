/* Distributed dense remapping of string ids.
 *
 * Every id gets a 64-bit hash; ranks own contiguous ranges of the hash space
 * (owner = hash * P >> 64). Each rank sends its distinct ids to their owners
 * (MPI_Alltoallv), owners sort and deduplicate by (hash, id), an exclusive
 * scan of the distinct counts gives each owner its first index, and the
 * indices are sent back. Since the owners' ranges are ordered, the index of
 * an id is its position in the global (hash, id) order: it does not depend
 * on the rank count. No rank ever holds all ids. */
#include <stdlib.h>
#include <string.h>

#include "recommend_impl.h"

typedef struct {
  uint64_t h;
  char id[REC_ID_LEN];
} idrec;

/* The FNV-1a start value the ids have always been hashed from (the dense
 * numbering of users and items follows the hashes: another value would
 * renumber them and so change every trained model). */
#define ID_HASH_INIT 1469598103934665603ULL

static uint64_t id_hash(const char *s) {
  uint64_t h = eco_hash_bytes(ID_HASH_INIT, s, strlen(s));
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

static int owner_of(uint64_t h, int size) {
  return (int)(((unsigned __int128)h * (unsigned)size) >> 64);
}

static int idrec_cmp(const void *a, const void *b) {
  const idrec *x = a, *y = b;
  if (x->h != y->h) return x->h < y->h ? -1 : 1;
  return strcmp(x->id, y->id);
}

/* sort helper for an index permutation over idrec */
static const idrec *g_sort_base;
static int perm_cmp(const void *a, const void *b) {
  int64_t i = *(const int64_t *)a, j = *(const int64_t *)b;
  int c = idrec_cmp(&g_sort_base[i], &g_sort_base[j]);
  if (c) return c;
  return i < j ? -1 : (i > j);
}

static eco_status alltoallv_bytes(MPI_Comm comm, const void *sbuf,
                                  const int *scount, void *rbuf_out_ptr,
                                  int **rcount_out, int64_t *rtotal_out,
                                  size_t elem) {
  int size;
  MPI_Comm_size(comm, &size);
  eco_status st = ECO_OK;
  int *rcount = NULL, *sd = NULL, *rd = NULL, *sb = NULL, *rb = NULL;
  char *rbuf = NULL;
  st = eco_calloc((size_t)size, sizeof(int), &rcount);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &sd);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &rd);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &sb);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &rb);
  /* agreed before each exchange: one rank short of memory hung the others */
  ECO_CALL_GOTO(st, eco_agree(comm, st), done);
  ECO_CALL_MPI_GOTO(st, MPI_Alltoall(scount, 1, MPI_INT, rcount, 1, MPI_INT, comm),
                    done);
  int64_t stot = 0, rtot = 0;
  for (int r = 0; r < size; r++) {
    ECO_CHECK_GOTO(st, (stot + scount[r]) * (int64_t)elem < INT32_MAX &&
                           (rtot + rcount[r]) * (int64_t)elem < INT32_MAX,
                   ECO_ERR_INTERNAL, done,
                   "a rank exchanges more than 2 GiB in one step; use more ranks");
    sd[r] = (int)(stot * (int64_t)elem);
    rd[r] = (int)(rtot * (int64_t)elem);
    sb[r] = (int)(scount[r] * (int64_t)elem);
    rb[r] = (int)(rcount[r] * (int64_t)elem);
    stot += scount[r];
    rtot += rcount[r];
  }
  ECO_CALL_GOTO(st, eco_malloc_all(comm, (size_t)rtot * elem + 1, &rbuf), done);
  ECO_CALL_MPI_GOTO(st, MPI_Alltoallv(sbuf, sb, sd, MPI_BYTE, rbuf, rb, rd,
                                      MPI_BYTE, comm),
                    done);
  *(char **)rbuf_out_ptr = rbuf;
  rbuf = NULL;
  *rcount_out = rcount;
  rcount = NULL;
  *rtotal_out = rtot;
done:
  free(rcount);
  free(sd);
  free(rd);
  free(sb);
  free(rb);
  free(rbuf);
  return st;
}

eco_status rec_alltoallv(MPI_Comm comm, const void *sbuf, const int *scount,
                         void *rbuf_out_ptr, int64_t *rtotal_out, size_t elem) {
  int *rc = NULL;
  eco_status st =
      alltoallv_bytes(comm, sbuf, scount, rbuf_out_ptr, &rc, rtotal_out, elem);
  free(rc);
  return st;
}

eco_status rec_ids_remap(MPI_Comm comm, int64_t n, const char *ids,
                         int32_t *index, int64_t *nglobal, char **block_ids) {
  int size, rank;
  MPI_Comm_size(comm, &size);
  MPI_Comm_rank(comm, &rank);
  eco_status st = ECO_OK;
  idrec *loc = NULL, *uniq = NULL, *recv = NULL, *own = NULL;
  int64_t *perm = NULL, *upos = NULL, *rperm = NULL;
  int32_t *reply = NULL, *back = NULL;
  int *scount = NULL, *rcount = NULL, *bcount = NULL;
  char *bsend = NULL, *bids = NULL;
  int64_t m = 0, nrecv = 0, nown = 0;

  /* the buffers before each exchange are agreed on first: one rank short of
   * memory must not leave the others waiting in the exchange */
  st = eco_malloc(sizeof(idrec) * (size_t)n + 1, &loc);
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * (size_t)n + 1, &perm);
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * (size_t)n + 1, &upos);
  if (st == ECO_OK) st = eco_malloc(sizeof(idrec) * (size_t)n + 1, &uniq);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &scount);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  for (int64_t i = 0; i < n; i++) {
    memcpy(loc[i].id, ids + i * REC_ID_LEN, REC_ID_LEN);
    loc[i].id[REC_ID_LEN - 1] = '\0';
    loc[i].h = id_hash(loc[i].id);
    perm[i] = i;
  }
  g_sort_base = loc;
  qsort(perm, (size_t)n, sizeof(int64_t), perm_cmp);
  for (int64_t j = 0; j < n; j++) {
    const idrec *x = &loc[perm[j]];
    if (m == 0 || idrec_cmp(&uniq[m - 1], x) != 0) uniq[m++] = *x;
    upos[perm[j]] = m - 1;
  }
  /* distinct local ids go to their hash owners (already grouped by owner) */
  for (int64_t j = 0; j < m; j++) scount[owner_of(uniq[j].h, size)]++;
  ECO_CALL_GOTO(st, alltoallv_bytes(comm, uniq, scount, &recv, &rcount, &nrecv,
                                    sizeof(idrec)),
                out);
  /* owner: sort, deduplicate, number */
  st = eco_malloc(sizeof(int64_t) * (size_t)nrecv + 1, &rperm);
  if (st == ECO_OK) st = eco_malloc(sizeof(idrec) * (size_t)nrecv + 1, &own);
  if (st == ECO_OK) st = eco_malloc(sizeof(int32_t) * (size_t)nrecv + 1, &reply);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  for (int64_t i = 0; i < nrecv; i++) rperm[i] = i;
  g_sort_base = recv;
  qsort(rperm, (size_t)nrecv, sizeof(int64_t), perm_cmp);
  for (int64_t j = 0; j < nrecv; j++) {
    const idrec *x = &recv[rperm[j]];
    if (nown == 0 || idrec_cmp(&own[nown - 1], x) != 0) own[nown++] = *x;
    reply[rperm[j]] = (int32_t)(nown - 1); /* offset added below */
  }
  int64_t offset = 0, total = 0;
  ECO_CALL_MPI_GOTO(st, MPI_Exscan(&nown, &offset, 1, MPI_INT64_T, MPI_SUM, comm),
                    out);
  if (rank == 0) offset = 0;
  ECO_CALL_MPI_GOTO(st, MPI_Allreduce(&nown, &total, 1, MPI_INT64_T, MPI_SUM, comm),
                    out);
  ECO_CHECK_GOTO(st, total < INT32_MAX, ECO_ERR_INPUT, out,
                 "more than 2^31 distinct ids (%lld)", (long long)total);
  for (int64_t i = 0; i < nrecv; i++) reply[i] += (int32_t)offset;
  /* indices back to the askers, in the order they asked */
  int64_t nback = 0;
  ECO_CALL_GOTO(st, rec_alltoallv(comm, reply, rcount, &back, &nback,
                                  sizeof(int32_t)),
                out);
  ECO_CHECK_GOTO(st, nback == m, ECO_ERR_INTERNAL, out, "id remap: reply size");
  for (int64_t i = 0; i < n; i++) index[i] = back[upos[i]];
  *nglobal = total;

  /* ids of each index block go to the block's rank */
  if (block_ids) {
    st = eco_calloc((size_t)size, sizeof(int), &bcount);
    if (st == ECO_OK) st = eco_malloc((size_t)nown * REC_ID_LEN + 1, &bsend);
    ECO_CALL_GOTO(st, eco_agree(comm, st), out);
    for (int r = 0; r < size; r++) {
      int64_t s, c;
      eco_block_range(total, r, size, &s, &c);
      int64_t lo = s > offset ? s : offset;
      int64_t hi = (s + c) < (offset + nown) ? (s + c) : (offset + nown);
      bcount[r] = hi > lo ? (int)(hi - lo) : 0;
    }
    for (int64_t j = 0; j < nown; j++)
      memcpy(bsend + j * REC_ID_LEN, own[j].id, REC_ID_LEN);
    int64_t nb = 0;
    ECO_CALL_GOTO(st, rec_alltoallv(comm, bsend, bcount, &bids, &nb, REC_ID_LEN),
                  out);
    *block_ids = bids;
    bids = NULL;
  }
out:
  free(loc);
  free(uniq);
  free(recv);
  free(own);
  free(perm);
  free(upos);
  free(rperm);
  free(reply);
  free(back);
  free(scount);
  free(rcount);
  free(bcount);
  free(bsend);
  free(bids);
  return st;
}

/* Look up ids (e.g. of the item table) in a numbering given by the block ids
 * of each rank: the block owners send (hash, id, index) to the hash owners,
 * queries go to the hash owners too, and the answers come back. Unknown ids
 * get -1. Collective. */
typedef struct {
  idrec r;
  int64_t index;
} idxrec;

static int idxrec_cmp(const void *a, const void *b) {
  return idrec_cmp(&((const idxrec *)a)->r, &((const idxrec *)b)->r);
}

eco_status rec_ids_lookup(MPI_Comm comm, int64_t nblock, int64_t block0,
                          const char *block_ids, int64_t n, const char *ids,
                          int64_t *index) {
  int size;
  MPI_Comm_size(comm, &size);
  eco_status st = ECO_OK;
  idxrec *tab = NULL, *rtab = NULL;
  idrec *q = NULL, *qs = NULL, *rq = NULL;
  int64_t *qperm = NULL, *ans = NULL, *back = NULL;
  int *scount = NULL, *qcount = NULL, *rqcount = NULL;
  int64_t nrtab = 0, nrq = 0, nback = 0;

  /* every rank's buffers agreed before each exchange (see rec_ids_remap) */
  st = eco_malloc(sizeof(idxrec) * (size_t)nblock + 1, &tab);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &scount);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  for (int64_t j = 0; j < nblock; j++) {
    memcpy(tab[j].r.id, block_ids + j * REC_ID_LEN, REC_ID_LEN);
    tab[j].r.id[REC_ID_LEN - 1] = '\0';
    tab[j].r.h = id_hash(tab[j].r.id);
    tab[j].index = block0 + j;
  }
  qsort(tab, (size_t)nblock, sizeof(idxrec), idxrec_cmp);
  for (int64_t j = 0; j < nblock; j++) scount[owner_of(tab[j].r.h, size)]++;
  ECO_CALL_GOTO(st, rec_alltoallv(comm, tab, scount, &rtab, &nrtab, sizeof(idxrec)),
                out);
  qsort(rtab, (size_t)nrtab, sizeof(idxrec), idxrec_cmp);

  st = eco_malloc(sizeof(idrec) * (size_t)n + 1, &q);
  if (st == ECO_OK) st = eco_malloc(sizeof(int64_t) * (size_t)n + 1, &qperm);
  if (st == ECO_OK) st = eco_malloc(sizeof(idrec) * (size_t)n + 1, &qs);
  if (st == ECO_OK) st = eco_calloc((size_t)size, sizeof(int), &qcount);
  ECO_CALL_GOTO(st, eco_agree(comm, st), out);
  for (int64_t i = 0; i < n; i++) {
    memcpy(q[i].id, ids + i * REC_ID_LEN, REC_ID_LEN);
    q[i].id[REC_ID_LEN - 1] = '\0';
    q[i].h = id_hash(q[i].id);
    qperm[i] = i;
  }
  g_sort_base = q;
  qsort(qperm, (size_t)n, sizeof(int64_t), perm_cmp);
  for (int64_t j = 0; j < n; j++) qs[j] = q[qperm[j]];
  free(q);
  q = qs;
  qs = NULL;
  for (int64_t j = 0; j < n; j++) qcount[owner_of(q[j].h, size)]++;
  ECO_CALL_GOTO(st, alltoallv_bytes(comm, q, qcount, &rq, &rqcount, &nrq,
                                    sizeof(idrec)),
                out);
  ECO_CALL_GOTO(st, eco_malloc_all(comm, sizeof(int64_t) * (size_t)nrq + 1, &ans), out);
  for (int64_t i = 0; i < nrq; i++) {
    idxrec key;
    key.r = rq[i];
    idxrec *hit = bsearch(&key, rtab, (size_t)nrtab, sizeof(idxrec), idxrec_cmp);
    ans[i] = hit ? hit->index : -1;
  }
  ECO_CALL_GOTO(st, rec_alltoallv(comm, ans, rqcount, &back, &nback,
                                  sizeof(int64_t)),
                out);
  ECO_CHECK_GOTO(st, nback == n, ECO_ERR_INTERNAL, out, "id lookup: reply size");
  for (int64_t j = 0; j < n; j++) index[qperm[j]] = back[j];
out:
  free(qs);
  free(tab);
  free(rtab);
  free(q);
  free(rq);
  free(qperm);
  free(ans);
  free(back);
  free(scount);
  free(qcount);
  free(rqcount);
  return st;
}
