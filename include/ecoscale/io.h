/* ecoscale I/O: parallel HDF5 (MPI-IO driver, collective transfers and
 * collective metadata), atomic results files with provenance, and parallel
 * reading of text files by line-aligned byte ranges. */
#ifndef ECOSCALE_IO_H
#define ECOSCALE_IO_H

#include <hdf5.h>

#include "ecoscale/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* HDF5 files                                                               */
/* ------------------------------------------------------------------------ */
typedef struct eco_h5 eco_h5;

typedef enum {
  ECO_H5_DOUBLE,
  ECO_H5_FLOAT,
  ECO_H5_INT32,
  ECO_H5_INT64,
  ECO_H5_STRING /* fixed length, NUL padded; strsize bytes per element */
} eco_h5_type;

typedef enum { ECO_H5_READ, ECO_H5_READWRITE } eco_h5_mode;

/* Create (truncate) a file for parallel writing. Collective on comm. */
eco_status eco_h5_create(MPI_Comm comm, const char *path, eco_h5 **out);
/* Open an existing file. A missing or non-HDF5 file is ECO_ERR_INPUT naming
 * the path. Collective on comm. */
eco_status eco_h5_open(MPI_Comm comm, const char *path, eco_h5_mode mode,
                       eco_h5 **out);
/* Close; accepts NULL; sets *f = NULL. Collective. */
eco_status eco_h5_close(eco_h5 **f);
hid_t eco_h5_id(const eco_h5 *f);
MPI_Comm eco_h5_comm(const eco_h5 *f);
const char *eco_h5_path(const eco_h5 *f);

/* Create a group and any missing parents ("/forecast/metrics"). Collective. */
eco_status eco_h5_group_create(eco_h5 *f, const char *path);
/* 1 if a link (group or dataset) exists at path, else 0. Collective. */
eco_status eco_h5_exists(eco_h5 *f, const char *path, int *exists);

/* Storage of a new dataset: rows per chunk (0 = contiguous) and deflate
 * level (0 = none; needs chunking). */
typedef struct {
  int64_t chunk_rows;
  int deflate;
} eco_h5_layout;

/* Create a 1-D (ncols == 0) or 2-D dataset of nrows x ncols; parent groups
 * are created. strsize is the element size for ECO_H5_STRING (ignored
 * otherwise). layout may be NULL (contiguous). Collective. */
eco_status eco_h5_dataset_create(eco_h5 *f, const char *name, eco_h5_type type,
                                 size_t strsize, int64_t nrows, int64_t ncols,
                                 const eco_h5_layout *layout);
/* Write rows [row0, row0 + nrows) from buf (row-major, ncols per row) in
 * one collective call; a rank with nrows == 0 still calls. Collective. */
eco_status eco_h5_dataset_write(eco_h5 *f, const char *name, eco_h5_type type,
                                int64_t row0, int64_t nrows, const void *buf);
/* Read rows [row0, row0 + nrows) into buf. Collective. Type conversion is
 * done by HDF5 (e.g. a float dataset read as ECO_H5_DOUBLE). */
eco_status eco_h5_dataset_read(eco_h5 *f, const char *name, eco_h5_type type,
                               int64_t row0, int64_t nrows, void *buf);
/* Shape: *ndims is 1 or 2; dims[1] = 0 for 1-D; *strsize for strings (else
 * 0). A missing dataset is ECO_ERR_INPUT naming file and dataset.
 * Collective. */
eco_status eco_h5_dataset_shape(eco_h5 *f, const char *name, int *ndims,
                                int64_t dims[2], size_t *strsize);

/* Each rank contributes its local rows; rows are laid out in rank order
 * (offsets by exclusive scan). Creates the dataset. *row0_out (may be NULL)
 * receives this rank's first row. Collective. */
eco_status eco_h5_rows_write(eco_h5 *f, const char *name, eco_h5_type type,
                             size_t strsize, int64_t local_rows, int64_t ncols,
                             const void *buf, const eco_h5_layout *layout,
                             int64_t *row0_out);

/* Attributes on a group or dataset `obj` ("/" for the file). Values must be
 * the same on every rank. Collective. */
eco_status eco_h5_attr_set_string(eco_h5 *f, const char *obj, const char *name,
                                  const char *value);
eco_status eco_h5_attr_set_double(eco_h5 *f, const char *obj, const char *name,
                                  double value);
eco_status eco_h5_attr_set_int64(eco_h5 *f, const char *obj, const char *name,
                                 int64_t value);
/* Read attributes; *value is malloc'd for strings (caller frees). */
eco_status eco_h5_attr_get_string(eco_h5 *f, const char *obj, const char *name,
                                  char **value);
eco_status eco_h5_attr_get_double(eco_h5 *f, const char *obj, const char *name,
                                  double *value);
eco_status eco_h5_attr_get_int64(eco_h5 *f, const char *obj, const char *name,
                                 int64_t *value);

/* Balanced block of n items for `rank` of `size`: [*start, *start + *count).
 * Not collective. */
void eco_block_range(int64_t n, int rank, int size, int64_t *start,
                     int64_t *count);

/* ------------------------------------------------------------------------ */
/* Text input: each rank gets whole lines of a byte range                    */
/* ------------------------------------------------------------------------ */
typedef struct {
  char *data;          /* the rank's lines, NUL terminated */
  size_t len;          /* bytes in data (without the NUL) */
  int64_t first_line;  /* 1-based line number of data's first line */
  int64_t nlines;      /* lines in data */
  int64_t file_bytes;  /* size of the whole file */
} eco_text_chunk;

/* Split a text file into byte ranges that start at line boundaries, one per
 * rank, and read this rank's lines; first_line is exact (exclusive scan of
 * line counts). If skip_header, the first line of the file goes to no rank.
 * A missing, unreadable or directory path is ECO_ERR_INPUT naming it.
 * Collective on comm. */
eco_status eco_text_chunk_read(MPI_Comm comm, const char *path, int skip_header,
                               eco_text_chunk *out);
void eco_text_chunk_free(eco_text_chunk *c);

/* Offset of the first byte of s[0, n) that is NUL or not part of valid UTF-8
 * (overlong forms, surrogates and code points above U+10FFFF included), or -1
 * when the text is valid UTF-8. The readers refuse such a byte (a UTF-16 file,
 * Latin-1 names, binary data) at its line and column. Not collective. */
long long eco_text_first_bad_byte(const unsigned char *s, size_t n);
/* ECO_OK when s[0, n) is UTF-8 text without NUL bytes; otherwise ECO_ERR_INPUT
 * with "path:line:column: byte 0xNN is not UTF-8 text (...)", where s starts
 * at line `line`, column col0 + 1 (newlines in s advance the line). */
eco_status eco_text_check(const char *path, const char *s, size_t n, long long line,
                          long long col0);

/* SHA-256 of a file as 64 hex characters. Not collective. */
eco_status eco_file_sha256(const char *path, char hex[65]);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_IO_H */
