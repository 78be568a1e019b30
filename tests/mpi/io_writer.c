/* Writes a results file through eco_results (the path every command uses).
 *   io_writer write OUT TAG SECONDS [INPUT...]
 *       create OUT.tmp, write 40 datasets (8 MB in all) spread over SECONDS,
 *       tag "/" with TAG, commit (rename to OUT)
 *   io_writer abort OUT      create, write a dataset, abort: OUT untouched,
 *                            no OUT.tmp left
 *   io_writer self-input OUT an output that is also an input is refused
 *                            (ECO_ERR_USAGE) on every rank
 * Exit 0 when the run did what it was asked to on every rank. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ecoscale/run.h"

#define NDSETS 40
#define ROWS_PER_RANK_TOTAL 25000 /* rows per dataset, over all ranks */

static int run(int argc, char **argv) {
  const char *mode = argv[1], *out = argv[2];
  eco_config *cfg = NULL;
  if (eco_config_create(&cfg) != ECO_OK) return 1;
  eco_run_options ro;
  memset(&ro, 0, sizeof ro);
  ro.seed = 42;
  snprintf(ro.output, sizeof ro.output, "%s", out);
  eco_footprint_config fc = {10.0, 300.0};
  eco_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.comm = eco_comm_world();
  ctx.rank = eco_rank();
  ctx.size = eco_size();
  ctx.cfg = cfg;
  ctx.run = &ro;
  ctx.footprint = &fc;
  ctx.command = "io_writer";
  ctx.t_start = 0;
  int rc = 1;
  eco_results *r = NULL;
  if (strcmp(mode, "self-input") == 0) {
    char *inputs[1] = {argv[2]};
    ctx.ninputs = 1;
    ctx.inputs = inputs;
    eco_status st = eco_results_create(&ctx, out, &r);
    rc = st == ECO_ERR_USAGE && strstr(eco_error_message(), out) ? 0 : 1;
    if (eco_rank() == 0 || rc) printf("rank %d: self-input gave %s: %s\n", eco_rank(),
                                      eco_status_name(st), eco_error_message());
    if (r) eco_results_abort(&r);
  } else if (strcmp(mode, "abort") == 0) {
    if (eco_results_create(&ctx, out, &r) == ECO_OK &&
        eco_h5_rows_write(eco_results_h5(r), "/x", ECO_H5_INT32, 0, 1, 0,
                          &ctx.rank, NULL, NULL) == ECO_OK) {
      eco_results_abort(&r);
      rc = r == NULL ? 0 : 1;
    } else {
      fprintf(stderr, "rank %d: %s\n", eco_rank(), eco_error_message());
    }
  } else if (strcmp(mode, "write") == 0 && argc >= 5) {
    const char *tag = argv[3];
    double seconds = atof(argv[4]);
    ctx.ninputs = argc - 5;
    ctx.inputs = argv + 5;
    eco_status st = eco_results_create(&ctx, out, &r);
    if (st != ECO_OK) {
      fprintf(stderr, "rank %d: create: %s\n", eco_rank(), eco_error_message());
      goto done;
    }
    eco_h5 *f = eco_results_h5(r);
    int64_t s, c;
    eco_block_range(ROWS_PER_RANK_TOTAL, eco_rank(), eco_size(), &s, &c);
    double *buf = malloc(sizeof(double) * (size_t)(c + 1));
    st = eco_h5_attr_set_string(f, "/", "tag", tag);
    for (int k = 0; k < NDSETS && st == ECO_OK; k++) {
      char name[64];
      snprintf(name, sizeof name, "/data/d%02d", k);
      for (int64_t i = 0; i < c; i++) buf[i] = (double)(s + i) * (k + 1);
      st = eco_h5_rows_write(f, name, ECO_H5_DOUBLE, 0, c, 0, buf, NULL, NULL);
      if (k == 0 && eco_rank() == 0) {
        printf("writing %s\n", out);
        fflush(stdout);
      }
      usleep((useconds_t)(seconds / NDSETS * 1e6));
    }
    free(buf);
    st = eco_agree(ctx.comm, st);
    if (st != ECO_OK) {
      fprintf(stderr, "rank %d: %s\n", eco_rank(), eco_error_message());
      eco_results_abort(&r);
      goto done;
    }
    st = eco_results_commit(&r);
    if (st != ECO_OK) {
      fprintf(stderr, "rank %d: commit: %s\n", eco_rank(), eco_error_message());
      goto done;
    }
    if (eco_rank() == 0) printf("committed %s (%s)\n", out, tag);
    rc = 0;
  } else {
    fprintf(stderr, "usage: io_writer write OUT TAG SECONDS [INPUT...] | abort OUT | self-input OUT\n");
  }
done:
  eco_config_destroy(&cfg);
  return rc;
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK) return 1;
  int rc = argc >= 3 ? run(argc, argv) : 2;
  int all = 0;
  MPI_Allreduce(&rc, &all, 1, MPI_INT, MPI_MAX, eco_comm_world());
  eco_finalize();
  return all;
}
