/* The `recommend` and `import interactions` commands: options, checks, the
 * run (load -> train -> eco-aware ranking -> results file). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recommend_impl.h"

static const eco_option rec_opts[] = {
    {"input", ECO_OPT_STRING, "", 0, 0, NULL,
     "interaction log user,item,value[,timestamp] (.csv/.tsv/.dat) or HDF5 from "
     "`import interactions` (a positional argument wins)",
     offsetof(eco_rec_options, input)},
    {"items", ECO_OPT_STRING, "", 0, 0, NULL,
     "item table item,eco_score[,category] (CSV); empty: eco-scores from the HDF5 input, "
     "else 0",
     offsetof(eco_rec_options, items)},
    {"test_input", ECO_OPT_STRING, "", 0, 0, NULL,
     "held-out log for split = file (same layout as input)",
     offsetof(eco_rec_options, test_input)},
    {"format", ECO_OPT_ENUM, "auto", 0, 0, "auto|csv|tsv|ml",
     "log layout: comma, tab or '::' separated (ml = MovieLens ratings.dat); auto "
     "looks at the first line",
     offsetof(eco_rec_options, format)},
    {"header", ECO_OPT_ENUM, "auto", 0, 0, "auto|yes|no",
     "first line of the log is a header (auto: when its value column is not a number)",
     offsetof(eco_rec_options, header)},
    {"model", ECO_OPT_ENUM, "als", 0, 0, "als|mf|mlp|bpr",
     "als: implicit ALS; mf: explicit matrix factorization (SGD); mlp: embedding + "
     "linear click model (Adam, negative sampling); bpr: Bayesian personalized ranking "
     "(Adam, negative sampling)",
     offsetof(eco_rec_options, model)},
    {"factors", ECO_OPT_INT, "32", 1, REC_MAX_FACTORS, NULL, "latent factors / embedding size k",
     offsetof(eco_rec_options, factors)},
    {"epochs", ECO_OPT_INT, "10", 1, 1000000, NULL, "training epochs (ALS: sweeps)",
     offsetof(eco_rec_options, epochs)},
    {"reg", ECO_OPT_DOUBLE, "0.05", 0, 1e6, NULL, "L2 regularization (als, mf, bpr; the mlp model has none, like the design)",
     offsetof(eco_rec_options, reg)},
    {"alpha", ECO_OPT_DOUBLE, "2", 0, 1e9, NULL, "ALS confidence c = 1 + alpha * value",
     offsetof(eco_rec_options, alpha)},
    {"lr", ECO_OPT_DOUBLE, "0", 0, 100, NULL,
     "learning rate; 0 = model default (mf 0.01 SGD, mlp and bpr 0.001 Adam)",
     offsetof(eco_rec_options, lr)},
    {"batch", ECO_OPT_INT, "1024", 1, 1 << 24, NULL,
     "global mini-batch size (mf, mlp, bpr); each rank takes ceil(batch / ranks)",
     offsetof(eco_rec_options, batch)},
    {"negatives", ECO_OPT_INT, "4", 1, 1000, NULL,
     "mlp, bpr: sampled negatives per positive, per epoch",
     offsetof(eco_rec_options, negatives)},
    {"split", ECO_OPT_ENUM, "random", 0, 0, "random|time|file",
     "held-out items per user: random, the latest by timestamp, or from test_input",
     offsetof(eco_rec_options, split)},
    {"test_fraction", ECO_OPT_DOUBLE, "0.2", 0, 0.99, NULL,
     "share of each user's interactions held out for the test", offsetof(eco_rec_options, test_fraction)},
    {"validation_fraction", ECO_OPT_DOUBLE, "0", 0, 0.99, NULL,
     "share held out for validation (per-epoch metric; else the test set is used)",
     offsetof(eco_rec_options, validation_fraction)},
    {"topk", ECO_OPT_INT, "10", 1, 10000, NULL, "length K of each user's list",
     offsetof(eco_rec_options, topk)},
    {"beta", ECO_OPT_DOUBLE, "0", -1e9, 1e9, NULL,
     "eco weight of the written lists: score = relevance + beta * eco_score",
     offsetof(eco_rec_options, beta)},
    {"betas", ECO_OPT_STRING, "0,0.05,0.1,0.2,0.5,1", 0, 0, NULL,
     "comma-separated betas of the trade-off curve", offsetof(eco_rec_options, betas)},
    {"init_scale", ECO_OPT_DOUBLE, "0", 0, 100, NULL,
     "standard deviation of the initial factors / embeddings; 0 (default): 0.001 for mf "
     "with adagrad (small initial factors: a lower-rank fit that generalizes better), 0.1 "
     "otherwise",
     offsetof(eco_rec_options, init_scale)},
    {"threads", ECO_OPT_INT, "0", 0, 1024, NULL,
     "threads per rank (ALS solves, evaluation, ranking); 0 = OMP_NUM_THREADS if set, "
     "else the cores the rank is bound to, else the node's cores / ranks on the node",
     offsetof(eco_rec_options, threads)},
    {"item_params", ECO_OPT_ENUM, "auto", 0, 0, "auto|sharded|replicated",
     "item parameters sharded over ranks (each rank owns a block of items; mf, mlp, bpr: "
     "gradients go to owners, rows are fetched; als: user and item factors both sharded, "
     "the rows a half-step reads are fetched) or replicated on every rank; auto: sharded "
     "when ranks > 1 and items x factors >= 65536 (als: (users + items) x factors >= "
     "4194304)",
     offsetof(eco_rec_options, item_params)},
    {"optimizer", ECO_OPT_ENUM, "auto", 0, 0, "auto|sgd|adam|adagrad",
     "mf: adagrad (auto: a learning rate per factor row and per bias, lr / sqrt(accumulated "
     "squared gradients)), sgd or adam; mlp and bpr: adam (auto)",
     offsetof(eco_rec_options, optimizer)},
    {"center", ECO_OPT_ENUM, "yes", 0, 0, "yes|no",
     "mf: fit the ratings minus their global mean (yes), or the raw ratings (no: the biases "
     "and factors learn the mean; with adagrad the first epoch trains the leading 8 "
     "dimensions only; lower RMSE on dense logs, higher on sparse ones, see "
     "docs/recommend.md)",
     offsetof(eco_rec_options, center)},
};

const eco_option_table eco_recommend_option_table =
    ECO_OPTION_TABLE("recommend", rec_opts, eco_rec_options);

static int parse_betas(const char *s, double *b, int max) {
  int n = 0;
  const char *p = s;
  while (*p) {
    char *end;
    while (*p == ' ' || *p == ',') p++;
    if (!*p) break;
    double v = strtod(p, &end);
    if (end == p || !isfinite(v)) return -1;
    if (n == max) return -2;
    b[n++] = v;
    p = end;
    while (*p == ' ') p++;
    if (*p && *p != ',') return -1;
  }
  return n;
}

static eco_status rec_check(const eco_ctx *ctx, void *vo) {
  eco_rec_options *o = vo;
  double b[REC_MAX_BETAS];
  int nb = parse_betas(o->betas, b, REC_MAX_BETAS);
  ECO_CHECK(nb >= 0, ECO_ERR_CONFIG,
            "[recommend] betas = '%s': expected up to %d comma-separated numbers", o->betas,
            REC_MAX_BETAS);
  ECO_CHECK(o->test_fraction + o->validation_fraction < 1.0, ECO_ERR_CONFIG,
            "[recommend] test_fraction + validation_fraction must be < 1 (%g + %g)",
            o->test_fraction, o->validation_fraction);
  ECO_CHECK(o->split != REC_SPLIT_FILE || o->test_input[0], ECO_ERR_CONFIG,
            "[recommend] split = file needs test_input");
  ECO_CHECK(o->split == REC_SPLIT_FILE || !o->test_input[0], ECO_ERR_CONFIG,
            "[recommend] test_input is only read with split = file");
  ECO_CHECK((o->optimizer != REC_OPT_SGD && o->optimizer != REC_OPT_ADAGRAD) ||
                o->model == REC_MODEL_MF || o->model == REC_MODEL_ALS,
            ECO_ERR_CONFIG, "[recommend] optimizer = %s is built for model = mf only "
            "(mlp and bpr train with adam)", o->optimizer == REC_OPT_SGD ? "sgd" : "adagrad");
  ECO_CHECK(o->center == REC_CENTER_YES || o->model == REC_MODEL_MF, ECO_ERR_CONFIG,
            "[recommend] center = no is built for model = mf only (ratings)");
  ECO_CHECK(o->optimizer == REC_OPT_AUTO || o->model != REC_MODEL_ALS, ECO_ERR_CONFIG,
            "[recommend] optimizer does not apply to model = als (closed-form solves)");
  /* the automatic choices, resolved once (the checkpoint's fingerprint and
   * the training read the resolved values) */
  if (o->model == REC_MODEL_MF && o->optimizer == REC_OPT_AUTO) o->optimizer = REC_OPT_ADAGRAD;
  if (o->init_scale == 0.0)
    o->init_scale = o->model == REC_MODEL_MF && o->optimizer == REC_OPT_ADAGRAD ? 0.001 : 0.1;
  ECO_CHECK(ctx->ninputs <= 1, ECO_ERR_USAGE,
            "recommend takes one interaction log, %d given", ctx->ninputs);
  ECO_CHECK(ctx->ninputs == 1 || o->input[0], ECO_ERR_USAGE,
            "no interaction log: give it as an argument or as [recommend] input");
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */
/* ------------------------------------------------------------------------ */
/* Rows [row0, row0 + nloc) of a new nglobal x ncols dataset, collectively. */
static eco_status write_block(eco_h5 *f, const char *name, eco_h5_type t, size_t strsize,
                              int64_t nglobal, int64_t ncols, int64_t row0, int64_t nloc,
                              const void *buf) {
  ECO_CALL(eco_h5_dataset_create(f, name, t, strsize, nglobal, ncols, NULL));
  ECO_CALL(eco_h5_dataset_write(f, name, t, row0, nloc, buf));
  return ECO_OK;
}

/* A replicated array, written by rank 0. */
static eco_status write_root(eco_h5 *f, int rank, const char *name, eco_h5_type t,
                             int64_t n, const void *buf) {
  return write_block(f, name, t, 0, n, 0, 0, rank == 0 ? n : 0, buf);
}

typedef struct {
  int nbeta;
  double beta[REC_MAX_BETAS + 1];
  double recall[REC_MAX_BETAS + 1], ndcg[REC_MAX_BETAS + 1], eco[REC_MAX_BETAS + 1];
  double users_eval, users_list;
  double catalog_eco;
} tradeoff;

static eco_status rank_all(const eco_ctx *ctx, const eco_rec_options *o, const rec_data *d,
                           const rec_model *m, int32_t *top_items, float *top_scores,
                           tradeoff *to) {
  eco_status st = ECO_OK;
  double acc[3 * (REC_MAX_BETAS + 1) + 2];
  memset(acc, 0, sizeof acc);
  eco_timer_begin("recommend.rank");
  st = rec_rank_users(ctx->comm, o, d, m, to->nbeta, to->beta, top_items, top_scores, acc);
  eco_timer_end("recommend.rank");
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    double g[3 * (REC_MAX_BETAS + 1) + 2];
    int n = 3 * to->nbeta + 2;
    int e = MPI_Allreduce(acc, g, n, MPI_DOUBLE, MPI_SUM, ctx->comm);
    if (e != MPI_SUCCESS) {
      st = eco_error_mpi(e, __FILE__, __LINE__, "MPI_Allreduce");
    } else {
      to->users_eval = g[3 * to->nbeta];
      to->users_list = g[3 * to->nbeta + 1];
      for (int b = 0; b < to->nbeta; b++) {
        to->recall[b] = to->users_eval > 0 ? g[3 * b] / to->users_eval : NAN;
        to->ndcg[b] = to->users_eval > 0 ? g[3 * b + 1] / to->users_eval : NAN;
        to->eco[b] = to->users_list > 0 ? g[3 * b + 2] / to->users_list : NAN;
      }
    }
  }
  double ce = 0;
  for (int64_t i = 0; i < d->nitems; i++) ce += d->eco[i];
  to->catalog_eco = d->nitems > 0 ? ce / d->nitems : NAN;
  return st;
}

static const char *model_name(int m) {
  return m == REC_MODEL_ALS ? "als" : m == REC_MODEL_MF ? "mf" : m == REC_MODEL_BPR ? "bpr" : "mlp";
}

static eco_status write_results(const eco_ctx *ctx, const eco_rec_options *o,
                                const rec_data *d, const rec_model *m,
                                const int32_t *top_items, const float *top_scores,
                                const tradeoff *to, double auc, double rmse, double mae,
                                eco_h5 *f) {
  const int rank = ctx->rank, k = m->k, K = o->topk;
  const int64_t nu = d->nusers, ni = d->nitems, nul = d->nuser_local;
  const int64_t nil = d->nitem_local;
  double *eco_d = NULL;
  eco_status st = ECO_OK;
  ECO_CALL(eco_h5_group_create(f, "/recommend"));
  ECO_CALL(write_block(f, "/recommend/users/id", ECO_H5_STRING, REC_ID_LEN, nu, 0, d->user0,
                       nul, d->user_ids));
  ECO_CALL(write_block(f, "/recommend/items/id", ECO_H5_STRING, REC_ID_LEN, ni, 0, d->item0,
                       nil, d->item_ids));
  /* agreed: the write that follows is collective */
  ECO_CALL(eco_malloc_all(ctx->comm, sizeof(double) * (size_t)(nil + 1), &eco_d));
  for (int64_t j = 0; j < nil; j++) eco_d[j] = d->eco[d->item0 + j];
  st = write_block(f, "/recommend/items/eco_score", ECO_H5_DOUBLE, 0, ni, 0, d->item0, nil,
                   eco_d);
  free(eco_d);
  ECO_CALL(st);
  /* model parameters: each rank writes the rows it owns */
  ECO_CALL(write_block(f, "/recommend/model/user_factors", ECO_H5_FLOAT, 0, nu, k, d->user0,
                       nul, rec_model_user_rows(m, d)));
  ECO_CALL(write_block(f, "/recommend/model/item_factors", ECO_H5_FLOAT, 0, ni, k, d->item0,
                       nil, rec_model_item_rows(m, d)));
  if (m->model == REC_MODEL_MF) {
    ECO_CALL(write_block(f, "/recommend/model/user_bias", ECO_H5_FLOAT, 0, nu, 0, d->user0,
                         nul, m->ubias));
    ECO_CALL(write_block(f, "/recommend/model/item_bias", ECO_H5_FLOAT, 0, ni, 0, d->item0,
                         nil, rec_model_item_bias(m, d)));
    ECO_CALL(eco_h5_attr_set_double(f, "/recommend/model", "global_mean", m->mu));
  }
  if (m->model == REC_MODEL_MLP) {
    ECO_CALL(write_root(f, rank, "/recommend/model/linear_weight", ECO_H5_FLOAT, 2 * k, m->w));
    ECO_CALL(eco_h5_attr_set_double(f, "/recommend/model", "linear_bias", m->wb));
  }
  ECO_CALL(write_block(f, "/recommend/topk/items", ECO_H5_INT32, 0, nu, K, d->user0, nul,
                       top_items));
  ECO_CALL(write_block(f, "/recommend/topk/scores", ECO_H5_FLOAT, 0, nu, K, d->user0, nul,
                       top_scores));
  ECO_CALL(eco_h5_attr_set_double(f, "/recommend/topk", "beta", o->beta));
  ECO_CALL(write_root(f, rank, "/recommend/history/loss", ECO_H5_DOUBLE, m->nepochs, m->h_loss));
  ECO_CALL(write_root(f, rank, "/recommend/history/metric", ECO_H5_DOUBLE, m->nepochs,
                      m->h_metric));
  ECO_CALL(write_root(f, rank, "/recommend/history/seconds", ECO_H5_DOUBLE, m->nepochs,
                      m->h_seconds));
  ECO_CALL(write_root(f, rank, "/recommend/history/interactions_per_s", ECO_H5_DOUBLE,
                      m->nepochs, m->h_rate));
  ECO_CALL(eco_h5_attr_set_string(f, "/recommend/history", "metric",
                                  m->model == REC_MODEL_MF ? "rmse" : "auc"));
  ECO_CALL(eco_h5_attr_set_string(f, "/recommend/history", "metric_set",
                                  d->nvalid_global > 0 ? "validation" : "test"));
  ECO_CALL(write_root(f, rank, "/recommend/tradeoff/beta", ECO_H5_DOUBLE, to->nbeta, to->beta));
  ECO_CALL(write_root(f, rank, "/recommend/tradeoff/recall", ECO_H5_DOUBLE, to->nbeta,
                      to->recall));
  ECO_CALL(write_root(f, rank, "/recommend/tradeoff/ndcg", ECO_H5_DOUBLE, to->nbeta, to->ndcg));
  ECO_CALL(write_root(f, rank, "/recommend/tradeoff/mean_eco", ECO_H5_DOUBLE, to->nbeta,
                      to->eco));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend/tradeoff", "k", K));
  ECO_CALL(eco_h5_attr_set_double(f, "/recommend/tradeoff", "catalog_mean_eco", to->catalog_eco));
  /* summary attributes */
  ECO_CALL(eco_h5_attr_set_string(f, "/recommend", "model", model_name(m->model)));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend", "factors", k));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend", "epochs", m->nepochs));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend", "users", nu));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend", "items", ni));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend", "train_interactions", d->ntrain_global));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend", "validation_interactions", d->nvalid_global));
  ECO_CALL(eco_h5_attr_set_int64(f, "/recommend", "test_interactions", d->ntest_global));
  ECO_CALL(eco_h5_attr_set_double(f, "/recommend", "test_auc", auc));
  ECO_CALL(eco_h5_attr_set_double(f, "/recommend", "test_recall_at_k", to->recall[to->nbeta]));
  ECO_CALL(eco_h5_attr_set_double(f, "/recommend", "test_ndcg_at_k", to->ndcg[to->nbeta]));
  ECO_CALL(eco_h5_attr_set_double(f, "/recommend", "list_mean_eco", to->eco[to->nbeta]));
  if (m->model == REC_MODEL_MF) {
    ECO_CALL(eco_h5_attr_set_double(f, "/recommend", "test_rmse", rmse));
    ECO_CALL(eco_h5_attr_set_double(f, "/recommend", "test_mae", mae));
  }
  return ECO_OK;
}

static eco_status rec_run(const eco_ctx *ctx, void *vo) {
  eco_rec_options *o = vo;
  rec_data d;
  rec_model m;
  memset(&m, 0, sizeof m);
  tradeoff to;
  memset(&to, 0, sizeof to);
  int32_t *top_items = NULL;
  float *top_scores = NULL;
  eco_results *res = NULL;
  eco_status st = ECO_OK;

  to.nbeta = parse_betas(o->betas, to.beta, REC_MAX_BETAS);
  ECO_CALL(rec_data_load(ctx, o, &d));
  eco_log_root(ECO_LOG_INFO,
               "recommend: %lld users, %lld items; %lld train, %lld validation, %lld test "
               "interactions; model %s, k = %d, %d rank%s",
               (long long)d.nusers, (long long)d.nitems, (long long)d.ntrain_global,
               (long long)d.nvalid_global, (long long)d.ntest_global, model_name(o->model),
               o->factors, ctx->size, eco_plural(ctx->size));
  ECO_CALL_GOTO(st, rec_model_train(ctx, o, &d, &m), out);
  double auc = NAN, rmse = NAN, mae = NAN;
  ECO_CALL_GOTO(st, rec_eval_auc(ctx, o, &d, &m, 0, &auc), out);
  if (o->model == REC_MODEL_MF) ECO_CALL_GOTO(st, rec_eval_rmse(ctx->comm, &d, &m, 0, &rmse, &mae), out);
  /* the last trade-off entry is the written lists' beta */
  to.beta[to.nbeta] = o->beta;
  to.nbeta++;
  {
    eco_status s2 = eco_malloc(sizeof(int32_t) * (size_t)(d.nuser_local * o->topk + 1), &top_items);
    if (s2 == ECO_OK)
      s2 = eco_malloc(sizeof(float) * (size_t)(d.nuser_local * o->topk + 1), &top_scores);
    st = eco_agree(ctx->comm, s2);
    if (st != ECO_OK) goto out;
  }
  ECO_CALL_GOTO(st, rank_all(ctx, o, &d, &m, top_items, top_scores, &to), out);
  to.nbeta--; /* the curve proper excludes the extra entry */
  eco_log_root(ECO_LOG_INFO, "test: AUC %.4f, recall@%d %.4f, NDCG@%d %.4f, list eco %.4f%s",
               auc, o->topk, to.recall[to.nbeta], o->topk, to.ndcg[to.nbeta],
               to.eco[to.nbeta], "");
  if (o->model == REC_MODEL_MF)
    eco_log_root(ECO_LOG_INFO, "test: RMSE %.4f, MAE %.4f", rmse, mae);
  for (int b = 0; b < to.nbeta; b++)
    eco_log_root(ECO_LOG_INFO, "trade-off beta %-6g recall@%d %.4f  NDCG@%d %.4f  mean eco %.4f",
                 to.beta[b], o->topk, to.recall[b], o->topk, to.ndcg[b], to.eco[b]);

  ECO_CALL_GOTO(st, eco_results_create(ctx, ctx->run->output, &res), out);
  if (ctx->ninputs == 0) st = eco_results_add_input(res, o->input);
  if (st == ECO_OK && o->items[0]) st = eco_results_add_input(res, o->items);
  if (st == ECO_OK && o->test_input[0]) st = eco_results_add_input(res, o->test_input);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) {
    /* the written lists' metrics are the curve's extra entry */
    tradeoff tw = to;
    st = write_results(ctx, o, &d, &m, top_items, top_scores, &tw, auc, rmse, mae,
                       eco_results_h5(res));
  }
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(&res);
    goto out;
  }
  st = eco_results_commit(&res);
out:
  rec_model_free(&m);
  rec_data_free(&d);
  free(top_items);
  free(top_scores);
  return st;
}

const eco_command eco_recommend_command = {
    "recommend", "[INTERACTIONS.csv|.tsv|.dat|.h5]",
    "train a recommender (ALS, MF, embedding click model, BPR) and write eco-aware top-K lists",
    &eco_recommend_option_table, rec_check, rec_run};

/* ------------------------------------------------------------------------ */
/* import interactions                                                       */
/* ------------------------------------------------------------------------ */
static eco_status import_check(const eco_ctx *ctx, void *vo) {
  eco_rec_options *o = vo;
  ECO_CHECK(ctx->ninputs == 1 || (ctx->ninputs == 0 && o->input[0]), ECO_ERR_USAGE,
            "import interactions takes one log file (%d given)", ctx->ninputs);
  ECO_CHECK(o->split != REC_SPLIT_FILE, ECO_ERR_CONFIG,
            "import interactions converts one log; split = file does not apply");
  return ECO_OK;
}

static eco_status import_run(const eco_ctx *ctx, void *vo) {
  eco_rec_options *o = vo;
  const char *in = ctx->ninputs > 0 ? ctx->inputs[0] : o->input;
  size_t n = strlen(in);
  ECO_CHECK(!(n > 3 && strcmp(in + n - 3, ".h5") == 0), ECO_ERR_USAGE,
            "import interactions reads a text log, not %s", in);
  eco_results *res = NULL;
  ECO_CALL(eco_results_create(ctx, ctx->run->output, &res));
  eco_status st = ECO_OK;
  if (ctx->ninputs == 0) st = eco_results_add_input(res, o->input);
  if (st == ECO_OK && o->items[0]) st = eco_results_add_input(res, o->items);
  st = eco_agree(ctx->comm, st);
  if (st == ECO_OK) st = rec_import_write(ctx, o, eco_results_h5(res));
  st = eco_agree(ctx->comm, st);
  if (st != ECO_OK) {
    eco_results_abort(&res);
    return st;
  }
  return eco_results_commit(&res);
}

const eco_command eco_import_interactions_command = {
    "import interactions", "LOG.csv|.tsv|.dat",
    "convert an interaction log (+ [recommend] items table) to HDF5 /interactions, /items",
    &eco_recommend_option_table, import_check, import_run};
