/* Parallel reading of a text file by line-aligned byte ranges.
 *
 * The file of S bytes is cut into P nominal ranges [r*S/P, (r+1)*S/P). Rank
 * r > 0 moves its start to the first byte after the first '\n' at or after
 * byte r*S/P - 1 (so a range that starts exactly at a line start keeps it);
 * rank 0 starts at 0. Each rank ends where the next one starts (the last at
 * S). Lines longer than a range simply go to the rank whose boundary search
 * lands before them; ranks whose range lies inside one line get no lines.
 * A final line without '\n' is a line. Bytes are passed through unchanged:
 * with CRLF files each line keeps its '\r' before the '\n' (parsers strip
 * it). Line numbers are exact: an exclusive scan of the line counts. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecoscale/io.h"

enum { TXT_OK = 0, TXT_MISSING, TXT_DIR, TXT_NOT_FILE, TXT_UNREADABLE, TXT_READ };

#define SCAN_BLOCK 65536

/* pread all of [off, off+len) unless EOF; returns bytes read or -1. */
static ssize_t pread_full(int fd, char *buf, size_t len, off_t off) {
  size_t done = 0;
  while (done < len) {
    ssize_t n = pread(fd, buf + done, len - done, off + (off_t)done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) break;
    done += (size_t)n;
  }
  return (ssize_t)done;
}

/* Offset just after the first '\n' at or after `from`, or `size` if none.
 * Returns -1 on a read error. */
static int64_t after_newline(int fd, int64_t from, int64_t size) {
  if (from < 0) from = 0;
  char buf[SCAN_BLOCK];
  int64_t pos = from;
  while (pos < size) {
    size_t want = (size_t)(size - pos < SCAN_BLOCK ? size - pos : SCAN_BLOCK);
    ssize_t n = pread_full(fd, buf, want, (off_t)pos);
    if (n < 0) return -1;
    if (n == 0) return size; /* the file shrank: treat as its end */
    char *nl = memchr(buf, '\n', (size_t)n);
    if (nl) return pos + (nl - buf) + 1;
    pos += n;
  }
  return size;
}

static int64_t nominal_start(int64_t size, int r, int p) {
  return (int64_t)(((__int128)size * r) / p);
}

void eco_text_chunk_free(eco_text_chunk *c) {
  if (!c) return;
  free(c->data);
  memset(c, 0, sizeof *c);
}

eco_status eco_text_chunk_read(MPI_Comm comm, const char *path, int skip_header,
                               eco_text_chunk *out) {
  memset(out, 0, sizeof *out);
  int rank, size;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);

  /* Rank 0 looks at the path; everyone gets the verdict, the size and the
   * end of the header line. */
  int64_t info[3] = {TXT_OK, 0, 0}; /* verdict, file size, header end */
  int err = 0;
  if (rank == 0) {
    struct stat sb;
    if (stat(path, &sb) != 0) {
      info[0] = errno == EACCES ? TXT_UNREADABLE : TXT_MISSING;
      err = errno;
    } else if (S_ISDIR(sb.st_mode)) {
      info[0] = TXT_DIR;
    } else if (!S_ISREG(sb.st_mode)) {
      info[0] = TXT_NOT_FILE;
    } else {
      int fd = open(path, O_RDONLY);
      if (fd < 0) {
        info[0] = TXT_UNREADABLE;
        err = errno;
      } else {
        info[1] = (int64_t)sb.st_size;
        if (skip_header) {
          info[2] = after_newline(fd, 0, info[1]);
          if (info[2] < 0) {
            info[0] = TXT_READ;
            err = errno;
          }
        }
        close(fd);
      }
    }
  }
  ECO_CALL_MPI(MPI_Bcast(info, 3, MPI_INT64_T, 0, comm));
  ECO_CALL_MPI(MPI_Bcast(&err, 1, MPI_INT, 0, comm));
  switch ((int)info[0]) {
  case TXT_MISSING:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__, "%s: no such file",
                         path);
  case TXT_DIR:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: is a directory, not a file", path);
  case TXT_NOT_FILE:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: not a regular file", path);
  case TXT_UNREADABLE:
    return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                         "%s: cannot be read (%s)", path, strerror(err));
  case TXT_READ:
    return eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "%s: read error (%s)",
                         path, strerror(err));
  default:
    break;
  }
  const int64_t fsize = info[1];
  const int64_t header_end = skip_header ? info[2] : 0;

  /* Each rank finds its own start; the ends come from the neighbours. */
  eco_status st = ECO_OK;
  int fd = open(path, O_RDONLY);
  int64_t my_start = 0;
  if (fd < 0) {
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                       "%s: cannot open on rank %d (%s)", path, rank,
                       strerror(errno));
  } else if (rank > 0) {
    int64_t s = nominal_start(fsize, rank, size);
    my_start = s >= fsize ? fsize : after_newline(fd, s - 1, fsize);
    if (my_start < 0)
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "%s: read error (%s)",
                         path, strerror(errno));
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    if (fd >= 0) close(fd);
    return st;
  }
  int64_t *starts = NULL;
  /* Agreed: MPI_Allgather is collective (one rank short of memory hung the
   * others; found by failure injection). */
  st = eco_malloc_all(comm, sizeof(int64_t) * (size_t)(size + 1), &starts);
  if (st == ECO_OK) {
    int mpierr = MPI_Allgather(&my_start, 1, MPI_INT64_T, starts, 1, MPI_INT64_T,
                               comm);
    if (mpierr != MPI_SUCCESS)
      st = eco_error_mpi(mpierr, __FILE__, __LINE__, "MPI_Allgather");
  }
  int64_t begin = 0, end = 0;
  if (st == ECO_OK) {
    starts[size] = fsize;
    begin = starts[rank];
    end = starts[rank + 1];
    if (begin < header_end) begin = header_end;
    if (end < begin) end = begin;
    st = eco_malloc((size_t)(end - begin) + 1, &out->data);
  }
  if (st == ECO_OK && end > begin) {
    ssize_t n = pread_full(fd, out->data, (size_t)(end - begin), (off_t)begin);
    if (n != (ssize_t)(end - begin))
      st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                         "%s: short read of bytes [%lld, %lld) on rank %d%s%s",
                         path, (long long)begin, (long long)end, rank,
                         n < 0 ? ": " : " (file changed while reading?)",
                         n < 0 ? strerror(errno) : "");
  }
  close(fd);
  free(starts);
  if (st == ECO_OK) {
    size_t len = (size_t)(end - begin);
    out->data[len] = '\0';
    out->len = len;
    int64_t lines = 0;
    for (const char *p = out->data; (p = memchr(p, '\n', len - (size_t)(p - out->data)));
         p++)
      lines++;
    if (len > 0 && out->data[len - 1] != '\n') lines++; /* last line, no '\n' */
    out->nlines = lines;
    out->file_bytes = fsize;
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK) {
    eco_text_chunk_free(out);
    return st;
  }
  int64_t before = 0;
  ECO_CALL_MPI(MPI_Exscan(&out->nlines, &before, 1, MPI_INT64_T, MPI_SUM, comm));
  if (rank == 0) before = 0;
  out->first_line = 1 + before + (header_end > 0 ? 1 : 0);
  return ECO_OK;
}

long long eco_text_first_bad_byte(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c >= 0x01 && c < 0x80) {
      i++;
      continue;
    }
    size_t k;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) k = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
      k = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      k = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else
      return (long long)i;
    if (i + k >= n) return (long long)i; /* cut short by the end of the text */
    if (s[i + 1] < lo || s[i + 1] > hi) return (long long)i;
    for (size_t j = 2; j <= k; j++)
      if (s[i + j] < 0x80 || s[i + j] > 0xBF) return (long long)i;
    i += k + 1;
  }
  return -1;
}

eco_status eco_text_check(const char *path, const char *s, size_t n, long long line,
                          long long col0) {
  const long long bad = eco_text_first_bad_byte((const unsigned char *)s, n);
  if (bad < 0) return ECO_OK;
  long long col = col0 + 1;
  for (long long i = 0; i < bad; i++) {
    if (s[i] == '\n') {
      line++;
      col = 1;
    } else
      col++;
  }
  const unsigned char b = (unsigned char)s[bad];
  return eco_error_set(ECO_ERR_INPUT, __FILE__, __LINE__,
                       "%s:%lld:%lld: byte 0x%02x is not UTF-8 text (%s)", path, line, col, b,
                       b == 0 ? "a NUL byte: a binary or UTF-16 file?"
                              : "another encoding such as Latin-1 or UTF-16? save the file as UTF-8");
}
