/* Checkpoints of recommend training, taken at epoch boundaries when a
 * SIGTERM / SIGUSR1 / SIGINT arrived (the run then stops) or every
 * [run] checkpoint_every seconds (the run goes on): <output>.recommend-checkpoint.h5 (or in
 * [run] checkpoint_dir), written under a temporary name and renamed. A
 * fingerprint (model, options, data sizes, input checksums and, for the
 * mini-batch models, the rank count) must match for --resume to use it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recommend_impl.h"

void rec_ckpt_path(const eco_ctx *ctx, char *buf, size_t len) {
  const char *out = ctx->run->output;
  const char *base = strrchr(out, '/');
  base = base ? base + 1 : out;
  if (ctx->run->checkpoint_dir[0])
    snprintf(buf, len, "%s/%s.recommend-checkpoint.h5", ctx->run->checkpoint_dir, base);
  else
    snprintf(buf, len, "%s.recommend-checkpoint.h5", out);
}

eco_status rec_ckpt_fingerprint(const eco_ctx *ctx, const eco_rec_options *o,
                                const rec_data *d, char *buf, size_t len) {
  char h[3][65] = {"", "", ""};
  const char *in = ctx->ninputs > 0 ? ctx->inputs[0] : o->input;
  eco_status st = ECO_OK;
  if (ctx->rank == 0) {
    st = eco_file_sha256(in, h[0]);
    if (st == ECO_OK && o->items[0]) st = eco_file_sha256(o->items, h[1]);
    if (st == ECO_OK && o->test_input[0]) st = eco_file_sha256(o->test_input, h[2]);
  }
  ECO_CALL(eco_agree(ctx->comm, st));
  ECO_CALL_MPI(MPI_Bcast(h, sizeof h, MPI_CHAR, 0, ctx->comm));
  snprintf(buf, len,
           "model=%d k=%d epochs=%d seed=%lld ranks=%d users=%lld items=%lld train=%lld "
           "reg=%.17g alpha=%.17g lr=%.17g batch=%d negatives=%d init=%.17g split=%d "
           "test=%.17g valid=%.17g optimizer=%d item_params=%d input=%s items=%s "
           "test_input=%s center=%d",
           o->model, o->factors, o->epochs, (long long)ctx->run->seed,
           o->model == REC_MODEL_ALS ? 0 : ctx->size, (long long)d->nusers,
           (long long)d->nitems, (long long)d->ntrain_global, o->reg, o->alpha, o->lr,
           o->batch, o->negatives, o->init_scale, o->split, o->test_fraction,
           o->validation_fraction, o->optimizer, o->item_params, h[0], h[1], h[2], o->center);
  return ECO_OK;
}

eco_status rec_ckpt_create(const eco_ctx *ctx, const char *fingerprint, int epochs_done,
                           const rec_model *m, eco_h5 **out) {
  char path[ECO_STR_MAX + 64], tmp[ECO_STR_MAX + 80];
  rec_ckpt_path(ctx, path, sizeof path);
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  ECO_CALL(eco_h5_create(ctx->comm, tmp, out));
  eco_h5 *f = *out;
  ECO_CALL(eco_h5_attr_set_string(f, "/", "fingerprint", fingerprint));
  ECO_CALL(eco_h5_attr_set_int64(f, "/", "epochs_done", epochs_done));
  const char *names[4] = {"/history/loss", "/history/metric", "/history/seconds",
                          "/history/rate"};
  double *arr[4] = {m->h_loss, m->h_metric, m->h_seconds, m->h_rate};
  for (int j = 0; j < 4; j++) {
    ECO_CALL(eco_h5_dataset_create(f, names[j], ECO_H5_DOUBLE, 0, epochs_done, 0, NULL));
    ECO_CALL(eco_h5_dataset_write(f, names[j], ECO_H5_DOUBLE, 0,
                                  ctx->rank == 0 ? epochs_done : 0, arr[j]));
  }
  return ECO_OK;
}

eco_status rec_ckpt_rows(eco_h5 *f, const char *name, int64_t nglobal, int64_t ncols,
                         int64_t row0, int64_t nloc, float *buf, int write) {
  if (write) {
    ECO_CALL(eco_h5_dataset_create(f, name, ECO_H5_FLOAT, 0, nglobal, ncols, NULL));
    ECO_CALL(eco_h5_dataset_write(f, name, ECO_H5_FLOAT, row0, nloc, buf));
  } else {
    ECO_CALL(eco_h5_dataset_read(f, name, ECO_H5_FLOAT, row0, nloc, buf));
  }
  return ECO_OK;
}

eco_status rec_ckpt_commit(const eco_ctx *ctx, eco_h5 **f) {
  char path[ECO_STR_MAX + 64], tmp[ECO_STR_MAX + 80];
  rec_ckpt_path(ctx, path, sizeof path);
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  ECO_CALL(eco_h5_close(f));
  ECO_CALL_MPI(MPI_Barrier(ctx->comm));
  eco_status st = ECO_OK;
  if (ctx->rank == 0 && rename(tmp, path) != 0)
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot rename %s to %s", tmp, path);
  return eco_agree(ctx->comm, st);
}

eco_status rec_ckpt_open(const eco_ctx *ctx, const char *fingerprint, rec_model *m,
                         eco_h5 **out, int *epochs_done) {
  char path[ECO_STR_MAX + 64];
  rec_ckpt_path(ctx, path, sizeof path);
  *out = NULL;
  *epochs_done = 0;
  int exists = 0;
  if (ctx->rank == 0) {
    struct stat sb;
    exists = stat(path, &sb) == 0;
  }
  ECO_CALL_MPI(MPI_Bcast(&exists, 1, MPI_INT, 0, ctx->comm));
  if (!exists) {
    eco_log_root(ECO_LOG_WARN, "recommend: --resume but no checkpoint %s; training from the start",
                 path);
    return ECO_OK;
  }
  ECO_CALL(eco_h5_open(ctx->comm, path, ECO_H5_READ, out));
  eco_h5 *f = *out;
  char *fp = NULL;
  int64_t done = 0;
  eco_status st = eco_h5_attr_get_string(f, "/", "fingerprint", &fp);
  if (st == ECO_OK) st = eco_h5_attr_get_int64(f, "/", "epochs_done", &done);
  if (st == ECO_OK && strcmp(fp, fingerprint) != 0)
    st = eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "checkpoint %s was written by a different run (inputs, options or "
                       "rank count); remove it or run without --resume",
                       path);
  free(fp);
  const char *names[4] = {"/history/loss", "/history/metric", "/history/seconds",
                          "/history/rate"};
  double *arr[4] = {m->h_loss, m->h_metric, m->h_seconds, m->h_rate};
  for (int j = 0; j < 4 && st == ECO_OK; j++)
    st = eco_h5_dataset_read(f, names[j], ECO_H5_DOUBLE, 0, done, arr[j]);
  if (st != ECO_OK) {
    eco_h5_close(out);
    return st;
  }
  *epochs_done = (int)done;
  m->nepochs = (int)done;
  eco_log_root(ECO_LOG_INFO, "recommend: resuming from %s after epoch %lld", path,
               (long long)done);
  return ECO_OK;
}

void rec_ckpt_remove(const eco_ctx *ctx) {
  char path[ECO_STR_MAX + 64];
  rec_ckpt_path(ctx, path, sizeof path);
  if (ctx->rank == 0) unlink(path);
}

/* At an epoch boundary, the same on every rank: REC_CKPT_STOP if a signal
 * arrived on any rank, else REC_CKPT_SAVE if a periodic checkpoint is due
 * ([run] checkpoint_every, rank 0's clock), else 0; always 0 after the last
 * epoch. Collective (one allreduce). */
eco_status rec_ckpt_wanted(const eco_ctx *ctx, int epochs_done, int epochs, int *want) {
  int stop = 0, save = 0;
  ECO_CALL(eco_checkpoint_due(ctx, &stop, &save));
  *want = epochs_done >= epochs ? 0 : stop ? REC_CKPT_STOP : save ? REC_CKPT_SAVE : 0;
  if (*want == REC_CKPT_SAVE)
    eco_log_root(ECO_LOG_INFO, "recommend: periodic checkpoint after epoch %d of %d",
                 epochs_done, epochs);
  return ECO_OK;
}

eco_status rec_ckpt_interrupted(const eco_ctx *ctx, int epochs_done, int epochs) {
  char path[ECO_STR_MAX + 64];
  rec_ckpt_path(ctx, path, sizeof path);
  return eco_error_set(ECO_ERR_INTERRUPTED, __FILE__, __LINE__,
                       "recommend interrupted after epoch %d of %d; checkpoint %s; rerun "
                       "with --resume",
                       epochs_done, epochs, path);
}
