/* Private declarations of the recommend module. */
#ifndef ECOSCALE_RECOMMEND_IMPL_H
#define ECOSCALE_RECOMMEND_IMPL_H

#include <stdint.h>
#include <string.h>

#include "ecoscale/recommend.h"

#define REC_ID_LEN 64 /* bytes per id string, NUL included (63 characters) */
#define REC_MAX_BETAS 32
#define REC_MAX_FACTORS 1024 /* largest factors (k) */

enum { REC_FMT_AUTO, REC_FMT_CSV, REC_FMT_TSV, REC_FMT_ML };
enum { REC_MODEL_ALS, REC_MODEL_MF, REC_MODEL_MLP, REC_MODEL_BPR };
enum { REC_SPLIT_RANDOM, REC_SPLIT_TIME, REC_SPLIT_FILE };
enum { REC_SET_TRAIN = 0, REC_SET_VALID = 1, REC_SET_TEST = 2 };
/* [recommend] item_params: where the item parameters of mf/mlp/bpr live */
enum { REC_ITEMS_AUTO, REC_ITEMS_SHARDED, REC_ITEMS_REPLICATED };
/* auto shards the item parameters when there are several ranks and the item
 * table has at least this many floats (items x k; 16 MiB of factors, about
 * 64 MiB per rank with the gradient buffer and the Adam moments) */
#define REC_ITEMS_SHARD_MIN_FLOATS (INT64_C(1) << 22)
/* [recommend] optimizer */
enum { REC_OPT_AUTO, REC_OPT_SGD, REC_OPT_ADAM, REC_OPT_ADAGRAD };
enum { REC_CENTER_YES, REC_CENTER_NO };

/* Options of section [recommend]. */
typedef struct {
  char input[ECO_STR_MAX];
  char items[ECO_STR_MAX];
  char test_input[ECO_STR_MAX];
  int format;
  int header; /* 0 auto, 1 yes, 2 no */
  int model;
  int factors;
  int epochs;
  double reg;
  double alpha;
  double lr;
  int batch;
  int negatives;
  int split;
  double test_fraction;
  double validation_fraction;
  int topk;
  double beta;
  char betas[ECO_STR_MAX];
  double init_scale;
  int threads; /* threads per rank; 0 = OMP_NUM_THREADS, else the rank's cores */
  int item_params; /* REC_ITEMS_* */
  int optimizer;   /* REC_OPT_* */
  int center;      /* REC_CENTER_* (mf) */
} eco_rec_options;

/* One parsed interaction (before and after id remapping). */
typedef struct {
  int32_t user, item;
  double value;
  int64_t ts;
  int64_t line; /* 1-based line in its file (row+1 for HDF5 input) */
  int32_t set;  /* REC_SET_* */
  int32_t file; /* 0 input, 1 test_input */
} rec_event;

/* Data of this rank after loading and splitting. Users are dealt to ranks in
 * contiguous blocks (eco_block_range over nusers), items likewise. */
typedef struct {
  int64_t nusers, nitems;
  int64_t user0, nuser_local; /* owned user block */
  int64_t item0, nitem_local; /* owned item block */
  int64_t ntrain_global, nvalid_global, ntest_global;
  int has_timestamp;
  /* per owned user CSR (sorted by item): train, validation, test */
  int64_t *tr_ptr;
  int32_t *tr_item;
  float *tr_val;
  int64_t *va_ptr;
  int32_t *va_item;
  float *va_val;
  int64_t *te_ptr;
  int32_t *te_item;
  float *te_val;
  /* per owned user: every interacted item (all sets, sorted) */
  int64_t *seen_ptr;
  int32_t *seen_item;
  uint64_t *seen_bits; /* nuser_local x nitems bits when <= 2^29, else NULL */
  /* per owned item CSR (sorted by user) of the train set (ALS item step) */
  int64_t *it_ptr;
  int32_t *it_user;
  float *it_val;
  float *eco;          /* nitems, replicated */
  char *user_ids;      /* nuser_local x REC_ID_LEN */
  char *item_ids;      /* nitem_local x REC_ID_LEN */
  double value_min, value_max; /* over train values (global) */
} rec_data;

/* ---- data.c ---- */
eco_status rec_data_load(const eco_ctx *ctx, const eco_rec_options *o,
                         rec_data *d);
void rec_data_free(rec_data *d);
/* Parse one line of an interaction log. fmt is REC_FMT_CSV/TSV/ML.
 * Returns 0 ok, 1 blank line, -1 error (message in err). */
int rec_parse_line(const char *line, size_t len, int fmt, char *user,
                   char *item, double *value, int64_t *ts, int *has_ts,
                   char *err, size_t errlen);
/* Distributed dense remapping of n string ids (REC_ID_LEN each): indices are
 * the positions in the order of (hash, id) over all ranks, independent of the
 * rank count. *block_ids receives the ids of this rank's block
 * (eco_block_range over the global count). Collective. */
eco_status rec_ids_remap(MPI_Comm comm, int64_t n, const char *ids,
                         int32_t *index, int64_t *nglobal, char **block_ids);
/* Look up n ids in the numbering whose ids this rank holds for indices
 * [block0, block0 + nblock); unknown ids get -1. Collective. */
eco_status rec_ids_lookup(MPI_Comm comm, int64_t nblock, int64_t block0,
                          const char *block_ids, int64_t n, const char *ids,
                          int64_t *index);
/* MPI_Alltoallv of fixed-size elements: scount[r] elements to rank r; the
 * received elements (in source rank order) are malloc'd into *rbuf.
 * Collective. */
eco_status rec_alltoallv(MPI_Comm comm, const void *sbuf, const int *scount,
                         void *rbuf_out_ptr, int64_t *rtotal_out, size_t elem);
/* Rank owning index i of n under eco_block_range. */
int rec_block_owner(int64_t n, int size, int64_t i);
/* Import: parse a log (and item table) and write /interactions and /items. */
eco_status rec_import_write(const eco_ctx *ctx, const eco_rec_options *o,
                            eco_h5 *f);

/* ---- models ---- */
/* e^x for x <= 0, within 2 ulp of e^x for x >= -87 (below, e^-87 is
 * returned): x = n ln 2 + r with n rounded to nearest (added to and taken
 * from 1.5 2^23, whose low bits then hold n) and ln 2 in two parts, e^r by
 * Cephes' degree-7 polynomial, 2^n built from its bits. No branch and no
 * call, so that loops over samples vectorize; and the same operations in
 * every compiled version of a loop (no FMA contraction under -std=c11), so
 * the same bits on every machine. NaN stays NaN. */
static inline float rec_exp_neg(float x) {
  x = x < -87.0f ? -87.0f : x;
  const float t = x * 1.44269504088896341f + 12582912.0f, n = t - 12582912.0f;
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = (p * r * r + r) + 1.0f;
  uint32_t tb, sb;
  float sc;
  memcpy(&tb, &t, sizeof tb);
  sb = (tb - 0x4b400000u + 127u) << 23; /* tb - bits(1.5 2^23) = n */
  memcpy(&sc, &sb, sizeof sc);
  return p * sc;
}

typedef struct {
  int model;
  int k;
  float *X;          /* users_all: every user's row; else the owned rows (row lu) */
  float *Y;          /* items_sharded: the owned rows (row i - item0); else every item */
  float *ubias;      /* MF: owned users */
  float *ibias;      /* MF: as Y (owned rows or every item) */
  double mu;         /* MF global mean */
  float *w;          /* MLP: 2k linear weights */
  float wb;          /* MLP: bias */
  int users_all;     /* X holds every user (ALS with replicated tables) */
  int items_sharded; /* Y, ibias hold only rows [item0, item0 + nitem_local): the
                      * evaluation and the ranking pass them round the ranks */
  /* history per epoch */
  int nepochs;
  double *h_loss, *h_metric, *h_seconds, *h_rate;
  const char *metric_name;
} rec_model;

eco_status rec_als_train(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                         rec_model *m);
eco_status rec_sgd_train(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                         rec_model *m);
/* Where the item parameters live, from [recommend] item_params: sharded
 * (auto: when there are several ranks and rows x k >= REC_ITEMS_SHARD_MIN_FLOATS,
 * rows = the item table's, or for ALS the user and item tables' rows). */
int rec_items_sharded(const eco_rec_options *o, int size, int64_t rows);
/* The rows a rank owns and writes: users [user0, user0 + nuser_local), items
 * [item0, item0 + nitem_local) (factors; MF item biases). */
const float *rec_model_user_rows(const rec_model *m, const rec_data *d);
const float *rec_model_item_rows(const rec_model *m, const rec_data *d);
const float *rec_model_item_bias(const rec_model *m, const rec_data *d);
/* An item the user (local index lu) has not interacted with. */
int32_t rec_sample_negative(const rec_data *d, int64_t lu, eco_rng *r);
eco_status rec_model_train(const eco_ctx *ctx, const eco_rec_options *o,
                           const rec_data *d, rec_model *m);
void rec_model_free(rec_model *m);

/* ALS pieces (als.c), exposed for unit tests. */
/* Solve one row: A = G + sum (c-1) y y^T + reg I, b = sum c y with
 * c = 1 + alpha * r; out = A^-1 b. Returns 0 or the LAPACK info. */
#define REC_ALS_SYRK_MIN 48 /* rows with at least this many interactions use dsyrk */
#define REC_ALS_BLOCK 256   /* rows of the dsyrk workspace Z (REC_ALS_BLOCK x k) */
int rec_als_solve_row(int k, const double *G, const float *Y, const int32_t *idx,
                      const float *val, int64_t n, double alpha, double reg,
                      double *A, double *b, double *Z, float *out);

/* MLP / MF per-sample pieces (sgd.c), exposed for gradient checks. */
double rec_mf_predict(int k, double mu, float bu, float bi, const float *p,
                      const float *q);
/* MF loss of one rating, 0.5 e^2 + 0.5 reg (|p|^2 + |q|^2 + bu^2 + bi^2),
 * and its gradients (any grad pointer may be NULL). */
double rec_mf_loss(int k, double mu, float bu, float bi, const float *p, const float *q,
                   double r, double reg, float *gp, float *gq, float *gbu, float *gbi);
/* BPR loss softplus(-p.(qi - qj)) + 0.5 reg (|p|^2 + |qi|^2 + |qj|^2) and
 * its gradients (any grad pointer may be NULL). */
double rec_bpr_loss(int k, const float *p, const float *qi, const float *qj, double reg,
                    float *gp, float *gqi, float *gqj);
/* BCE loss of one sample and its gradients (any grad pointer may be NULL). */
double rec_mlp_loss(int k, const float *eu, const float *ei, const float *w,
                    float b, double y, float *geu, float *gei, float *gw,
                    float *gb);

/* The training negatives of one epoch (sgd.c): nneg for each local
 * positive, the positive of training index j at neg[j nneg ..); neg holds
 * ntrain x nneg + REC_DRAW_SLACK entries. Not collective; exposed for tests. */
#define REC_DRAW_SLACK 64
eco_status rec_draw_negatives(const rec_data *d, uint64_t key, int nneg, int32_t *neg);

/* ---- ckpt.c: checkpoints at epoch boundaries ---- */
void rec_ckpt_path(const eco_ctx *ctx, char *buf, size_t len);
eco_status rec_ckpt_fingerprint(const eco_ctx *ctx, const eco_rec_options *o,
                                const rec_data *d, char *buf, size_t len);
/* Create the temporary checkpoint with fingerprint and history. */
eco_status rec_ckpt_create(const eco_ctx *ctx, const char *fingerprint, int epochs_done,
                           const rec_model *m, eco_h5 **out);
/* Write (write = 1: create + write rows [row0, row0 + nloc)) or read rows. */
eco_status rec_ckpt_rows(eco_h5 *f, const char *name, int64_t nglobal, int64_t ncols,
                         int64_t row0, int64_t nloc, float *buf, int write);
eco_status rec_ckpt_commit(const eco_ctx *ctx, eco_h5 **f);
/* Open for --resume: *out stays NULL when there is no checkpoint; restores
 * the history into m and sets *epochs_done. */
eco_status rec_ckpt_open(const eco_ctx *ctx, const char *fingerprint, rec_model *m,
                         eco_h5 **out, int *epochs_done);
void rec_ckpt_remove(const eco_ctx *ctx);
/* At an epoch boundary (collective): *want = REC_CKPT_STOP (a signal: write
 * a checkpoint and return rec_ckpt_interrupted), REC_CKPT_SAVE (a periodic
 * checkpoint of [run] checkpoint_every: write it and train on) or 0. */
#define REC_CKPT_STOP 1
#define REC_CKPT_SAVE 2
eco_status rec_ckpt_wanted(const eco_ctx *ctx, int epochs_done, int epochs, int *want);
eco_status rec_ckpt_interrupted(const eco_ctx *ctx, int epochs_done, int epochs);

/* ---- eval.c ---- */
/* Exact AUC of (score, label) pairs gathered to rank 0 (ties count 1/2).
 * Result on every rank. Collective. */
eco_status rec_auc(MPI_Comm comm, int64_t n, const float *score,
                   const unsigned char *label, double *auc);
/* Negative test items for AUC: for each held-out positive of each owned
 * user, one item the user has not interacted with (rng keyed by user). */
eco_status rec_eval_auc(const eco_ctx *ctx, const eco_rec_options *o,
                        const rec_data *d, const rec_model *m, int use_valid,
                        double *auc);
/* RMSE and MAE of the model on the validation or test set. Collective. */
eco_status rec_eval_rmse(MPI_Comm comm, const rec_data *d, const rec_model *m,
                         int use_valid, double *rmse, double *mae);
/* Top-K lists (beta = o->beta) of every owned user into top_items /
 * top_scores (nuser_local x topk, -1 / NaN padded) and the trade-off sums
 * over this rank's users for each of the nbeta betas: acc[3b] recall,
 * acc[3b + 1] NDCG, acc[3b + 2] mean eco-score, acc[3 nbeta] users with test
 * items, acc[3 nbeta + 1] users with a list. Sharded item rows travel round
 * the ranks; threaded; the same bits at any rank and thread count.
 * Collective. */
eco_status rec_rank_users(MPI_Comm comm, const eco_rec_options *o, const rec_data *d,
                          const rec_model *m, int nbeta, const double *betas,
                          int32_t *top_items, float *top_scores, double *acc);
/* Threads within a rank: rec_threads_setup picks the count ([recommend]
 * threads, else OMP_NUM_THREADS, else the cores of the rank: its affinity
 * mask when bound, else the node's cores / ranks on the node). Collective. */
eco_status rec_threads_setup(const eco_ctx *ctx, const eco_rec_options *o);
int rec_threads(void);
/* OpenBLAS single-threaded between begin and end (the rank's threads call it). */
void rec_blas_single_begin(void);
void rec_blas_single_end(void);
/* recall@K and NDCG@K of one ranked list against sorted held-out items. */
void rec_list_metrics(const int32_t *list, int nlist, const int32_t *held,
                      int64_t nheld, int k, double *recall, double *ndcg);

#endif /* ECOSCALE_RECOMMEND_IMPL_H */
