/* eco_text_chunk_read at several rank counts: for each generated file the
 * ranks' chunks, concatenated in rank order, equal the file (minus the
 * header line when skipped), and every first_line is the file line number
 * of the chunk's first line. Files: random line lengths with one line longer
 * than any rank's byte range and no trailing newline; CRLF lines; fewer
 * lines than ranks; an empty file; a single line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ecoscale/io.h"

static int fails = 0;
#define EXPECT(cond, ...)                                                      \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fails++;                                                                 \
      fprintf(stderr, "rank %d: ", eco_rank());                                \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
    }                                                                          \
  } while (0)

/* Build the content on rank 0 (deterministic). */
static char *make_content(int kind, size_t *len) {
  size_t cap = 1 << 20, n = 0;
  char *b = malloc(cap);
  unsigned seed = 12345u + (unsigned)kind;
  switch (kind) {
  case 0: /* random lengths, empty lines, one 300 kB line, no final '\n' */
    for (int l = 0; l < 400; l++) {
      size_t w = l == 137 ? 300000 : (size_t)(rand_r(&seed) % 120);
      if (n + w + 2 > cap) b = realloc(b, cap *= 2);
      for (size_t i = 0; i < w; i++) b[n++] = (char)('a' + rand_r(&seed) % 26);
      if (l < 399) b[n++] = '\n';
    }
    break;
  case 1: /* CRLF */
    for (int l = 0; l < 50; l++) n += (size_t)sprintf(b + n, "row,%d,%d\r\n", l, l * l);
    break;
  case 2: /* two lines: fewer lines than ranks */
    n = (size_t)sprintf(b, "header\nx\n");
    break;
  case 3: /* empty */
    break;
  case 4: /* one long line, no newline */
    for (int i = 0; i < 1000; i++) b[n++] = 'z';
    break;
  }
  *len = n;
  return b;
}

static void check(const char *path, int kind, int skip) {
  MPI_Comm comm = eco_comm_world();
  int rank = eco_rank(), size = eco_size();
  size_t len = 0;
  char *content = make_content(kind, &len);
  if (rank == 0) {
    FILE *fp = fopen(path, "wb");
    if (len) fwrite(content, 1, len, fp);
    fclose(fp);
  }
  MPI_Barrier(comm);
  eco_text_chunk c;
  eco_status st = eco_text_chunk_read(comm, path, skip, &c);
  EXPECT(st == ECO_OK, "kind %d: read failed: %s", kind, eco_error_message());
  if (st != ECO_OK) {
    free(content);
    return;
  }
  EXPECT(c.file_bytes == (int64_t)len, "kind %d: file_bytes %lld != %zu", kind, (long long)c.file_bytes, len);
  EXPECT(strlen(c.data) == c.len, "kind %d: data not NUL terminated at len", kind);
  /* Gather lengths and chunk data on rank 0. */
  int mylen = (int)c.len, *lens = NULL, *displs = NULL;
  long long meta[2] = {c.first_line, c.nlines}, *metas = NULL;
  if (rank == 0) {
    lens = malloc(sizeof(int) * size);
    displs = malloc(sizeof(int) * size);
    metas = malloc(sizeof(long long) * 2 * size);
  }
  MPI_Gather(&mylen, 1, MPI_INT, lens, 1, MPI_INT, 0, comm);
  MPI_Gather(meta, 2, MPI_LONG_LONG, metas, 2, MPI_LONG_LONG, 0, comm);
  char *all = NULL;
  int total = 0;
  if (rank == 0) {
    for (int r = 0; r < size; r++) {
      displs[r] = total;
      total += lens[r];
    }
    all = malloc((size_t)total + 1);
  }
  MPI_Gatherv(c.data, mylen, MPI_CHAR, all, lens, displs, MPI_CHAR, 0, comm);
  if (rank == 0) {
    size_t hdr = 0;
    if (skip) {
      char *nl = memchr(content, '\n', len);
      hdr = nl ? (size_t)(nl - content) + 1 : len;
    }
    EXPECT((size_t)total == len - hdr && memcmp(all, content + hdr, len - hdr) == 0,
           "kind %d skip %d: chunks do not concatenate to the file (%d vs %zu bytes)",
           kind, skip, total, len - hdr);
    long long lines_total = 0;
    long long hdr_lines = skip && len > 0 ? 1 : 0;
    for (int r = 0; r < size; r++) {
      /* first_line: one more than the lines before the chunk (the header
       * line included); for a non-empty chunk this is the file line number
       * of the byte where it starts. */
      size_t off = hdr + (size_t)displs[r];
      EXPECT(metas[2 * r] == 1 + hdr_lines + lines_total,
             "kind %d skip %d: rank %d first_line %lld, expected %lld", kind, skip, r,
             metas[2 * r], 1 + hdr_lines + lines_total);
      if (lens[r] > 0) {
        long long want = 1;
        for (size_t i = 0; i < off; i++) want += content[i] == '\n';
        EXPECT(metas[2 * r] == want, "kind %d skip %d: rank %d first_line %lld, line of its first byte %lld",
               kind, skip, r, metas[2 * r], want);
      }
      /* Chunks start at line starts. */
      EXPECT(off == 0 || lens[r] == 0 || content[off - 1] == '\n',
             "kind %d: rank %d chunk starts inside a line", kind, r);
      long long nl = 0;
      for (int i = 0; i < lens[r]; i++) nl += all[displs[r] + i] == '\n';
      if (lens[r] > 0 && all[displs[r] + lens[r] - 1] != '\n') nl++;
      EXPECT(metas[2 * r + 1] == nl, "kind %d: rank %d nlines %lld, counted %lld", kind, r,
             metas[2 * r + 1], nl);
      lines_total += metas[2 * r + 1];
    }
    long long file_lines = 0;
    for (size_t i = hdr; i < len; i++) file_lines += content[i] == '\n';
    if (len > hdr && content[len - 1] != '\n') file_lines++;
    EXPECT(lines_total == file_lines, "kind %d skip %d: %lld lines over ranks, file has %lld",
           kind, skip, lines_total, file_lines);
    free(lens);
    free(displs);
    free(metas);
    free(all);
  }
  eco_text_chunk_free(&c);
  free(content);
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK) return 1;
  const char *work = getenv("WORK");
  char dir[4096], path[4200];
  snprintf(dir, sizeof dir, "%s", work && *work ? work : "/tmp");
  if (eco_rank() == 0) {
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "mkdir %s failed\n", dir);
  }
  MPI_Barrier(eco_comm_world());
  for (int kind = 0; kind < 5; kind++)
    for (int skip = 0; skip < 2; skip++) {
      snprintf(path, sizeof path, "%s/text-%d-%d.txt", dir, kind, skip);
      check(path, kind, skip);
    }
  /* Errors: the same on every rank, naming the path. */
  snprintf(path, sizeof path, "%s/no-such-input.csv", dir);
  eco_text_chunk c;
  eco_status st = eco_text_chunk_read(eco_comm_world(), path, 0, &c);
  EXPECT(st == ECO_ERR_INPUT && strstr(eco_error_message(), "no-such-input.csv"),
         "missing file gave %d: %s", st, eco_error_message());
  eco_error_clear();
  st = eco_text_chunk_read(eco_comm_world(), dir, 0, &c);
  EXPECT(st == ECO_ERR_INPUT, "directory gave %d", st);
  eco_error_clear();
  int all = 0;
  MPI_Allreduce(&fails, &all, 1, MPI_INT, MPI_SUM, eco_comm_world());
  if (eco_rank() == 0) printf("text chunks on %d ranks: %s\n", eco_size(), all ? "FAILED" : "OK");
  eco_finalize();
  return all ? 1 : 0;
}
