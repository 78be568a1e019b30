/* Private helpers shared by the supply module's files. */
#ifndef ECOSCALE_SUPPLY_IMPL_H
#define ECOSCALE_SUPPLY_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "ecoscale/supply.h"

/* Whole file into memory (NUL terminated). ECO_ERR_INPUT naming the path if
 * it cannot be opened or read. */
eco_status eco_supply_file_slurp(const char *path, char **data, size_t *len);

/* Whitespace-separated tokens with line numbers. */
typedef struct {
  const char *path;
  const char *p;    /* current position */
  int line;         /* line of the current position (1-based) */
  int tok_line;     /* line of the last token returned */
  char tok[128];    /* the last token (truncated copy) */
} eco_supply_tokens;

void eco_supply_tokens_init(eco_supply_tokens *t, const char *path,
                            const char *data);
/* Next token; 0 at end of input. */
int eco_supply_tokens_next(eco_supply_tokens *t);

/* A CSV table read with libcsv: header names, rows of fields (strings),
 * and the file line where each row starts. */
typedef struct {
  int ncols;
  char **header;   /* [ncols] */
  int64_t nrows;
  char ***rows;    /* [nrows][ncols] (missing trailing fields are NULL) */
  int *rowcols;    /* [nrows] fields present */
  int *line;       /* [nrows] */
  int header_line;
} eco_supply_csv;

eco_status eco_supply_csv_read(const char *path, eco_supply_csv *out);
void eco_supply_csv_free(eco_supply_csv *t);
/* Column index of name (case-insensitive), or -1. */
int eco_supply_csv_col(const eco_supply_csv *t, const char *name);

/* Parse a finite double from the whole of s. 0 on success. */
int eco_supply_parse_double(const char *s, double *v);

/* 64-bit FNV-1a style hash of a byte string. */
uint64_t eco_supply_hash_bytes(const unsigned char *b, size_t n);

#endif
