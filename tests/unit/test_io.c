/* Unit tests of the I/O layer on one rank: SHA-256, block ranges, text
 * chunks, HDF5 open errors and attributes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ecoscale/io.h"

static char tmpdir[256];

static void path_in_tmp(char *out, size_t n, const char *name) {
  snprintf(out, n, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const void *data, size_t len) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  if (len) assert_int_equal(fwrite(data, 1, len, fp), len);
  assert_int_equal(fclose(fp), 0);
}

static void hex_of(const uint8_t *d, char hex[65]) {
  for (int i = 0; i < 32; i++) sprintf(hex + 2 * i, "%02x", d[i]);
}

/* ---- SHA-256 -------------------------------------------------------- */

static void test_sha256_known(void **state) {
  char p[512], hex[65];
  path_in_tmp(p, sizeof p, "abc.txt");
  write_file(p, "abc", 3);
  assert_int_equal(eco_file_sha256(p, hex), ECO_OK);
  assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  path_in_tmp(p, sizeof p, "empty.txt");
  write_file(p, "", 0);
  assert_int_equal(eco_file_sha256(p, hex), ECO_OK);
  assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  /* 448-bit message of FIPS 180-2 (two blocks after padding). */
  const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  path_in_tmp(p, sizeof p, "fips.txt");
  write_file(p, m, strlen(m));
  assert_int_equal(eco_file_sha256(p, hex), ECO_OK);
  assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256_large_streamed(void **state) {
  /* 2.5 MiB: crosses the 1 MiB read blocks; compare with a one-shot hash. */
  size_t n = (5u << 20) / 2 + 7;
  unsigned char *buf = malloc(n);
  assert_non_null(buf);
  for (size_t i = 0; i < n; i++) buf[i] = (unsigned char)((i * 2654435761u) >> 13);
  char p[512], hex[65], want[65];
  path_in_tmp(p, sizeof p, "big.bin");
  write_file(p, buf, n);
  struct sha256_ctx c;
  uint8_t d[32];
  sha256_init(&c);
  sha256_update(&c, n, buf);
  sha256_digest(&c, 32, d);
  hex_of(d, want);
  assert_int_equal(eco_file_sha256(p, hex), ECO_OK);
  assert_string_equal(hex, want);
  free(buf);
}

static void test_sha256_errors(void **state) {
  char p[512], hex[65];
  path_in_tmp(p, sizeof p, "does-not-exist.csv");
  assert_int_equal(eco_file_sha256(p, hex), ECO_ERR_INPUT);
  assert_non_null(strstr(eco_error_message(), "does-not-exist.csv"));
  eco_error_clear();
  assert_int_equal(eco_file_sha256(tmpdir, hex), ECO_ERR_INPUT);
  assert_non_null(strstr(eco_error_message(), "directory"));
  eco_error_clear();
}

/* ---- block ranges --------------------------------------------------- */

static void test_block_range(void **state) {
  for (int64_t n = 0; n <= 60; n++) {
    for (int size = 1; size <= 9; size++) {
      int64_t next = 0, mn = INT64_MAX, mx = 0;
      for (int r = 0; r < size; r++) {
        int64_t s = -1, c = -1;
        eco_block_range(n, r, size, &s, &c);
        assert_true(c >= 0);
        if (c > 0) assert_int_equal(s, next); /* contiguous, in rank order */
        next += c;
        if (c < mn) mn = c;
        if (c > mx) mx = c;
        /* the first n % size ranks get one more */
        assert_int_equal(c, n / size + (r < n % size ? 1 : 0));
      }
      assert_int_equal(next, n); /* counts sum to n */
      assert_true(mx - mn <= 1);
    }
  }
  int64_t s, c;
  eco_block_range((int64_t)1 << 40, 3, 7, &s, &c);
  assert_int_equal(c, ((int64_t)1 << 40) / 7 + (3 < ((int64_t)1 << 40) % 7 ? 1 : 0));
}

/* ---- text chunks ---------------------------------------------------- */

static void chunk_of(const char *content, size_t len, int skip, eco_text_chunk *c) {
  char p[512];
  path_in_tmp(p, sizeof p, "chunk.txt");
  write_file(p, content, len);
  assert_int_equal(eco_text_chunk_read(MPI_COMM_WORLD, p, skip, c), ECO_OK);
}

static void test_text_one_rank(void **state) {
  eco_text_chunk c;
  const char *t = "id,x\n1,2\n3,4\n";
  chunk_of(t, strlen(t), 0, &c);
  assert_string_equal(c.data, t);
  assert_int_equal(c.len, strlen(t));
  assert_int_equal(c.nlines, 3);
  assert_int_equal(c.first_line, 1);
  assert_int_equal(c.file_bytes, (int64_t)strlen(t));
  eco_text_chunk_free(&c);
  assert_null(c.data);

  chunk_of(t, strlen(t), 1, &c); /* header skipped but counted */
  assert_string_equal(c.data, "1,2\n3,4\n");
  assert_int_equal(c.nlines, 2);
  assert_int_equal(c.first_line, 2);
  eco_text_chunk_free(&c);

  const char *u = "id,x\n1,2\n3,4"; /* no trailing newline */
  chunk_of(u, strlen(u), 0, &c);
  assert_string_equal(c.data, u);
  assert_int_equal(c.nlines, 3);
  eco_text_chunk_free(&c);
  chunk_of(u, strlen(u), 1, &c);
  assert_string_equal(c.data, "1,2\n3,4");
  assert_int_equal(c.nlines, 2);
  assert_int_equal(c.first_line, 2);
  eco_text_chunk_free(&c);

  const char *crlf = "a\r\nb\r\n"; /* '\r' is left for the parser */
  chunk_of(crlf, strlen(crlf), 0, &c);
  assert_string_equal(c.data, crlf);
  assert_int_equal(c.nlines, 2);
  eco_text_chunk_free(&c);

  chunk_of("", 0, 1, &c); /* empty file, header requested */
  assert_int_equal(c.len, 0);
  assert_int_equal(c.nlines, 0);
  assert_int_equal(c.first_line, 1);
  assert_string_equal(c.data, "");
  eco_text_chunk_free(&c);

  chunk_of("only-header", 11, 1, &c);
  assert_int_equal(c.nlines, 0);
  assert_int_equal(c.len, 0);
  eco_text_chunk_free(&c);
}

static void test_text_errors(void **state) {
  eco_text_chunk c;
  char p[512];
  path_in_tmp(p, sizeof p, "missing-input.csv");
  assert_int_equal(eco_text_chunk_read(MPI_COMM_WORLD, p, 0, &c), ECO_ERR_INPUT);
  assert_non_null(strstr(eco_error_message(), "missing-input.csv"));
  assert_null(c.data);
  eco_error_clear();
  assert_int_equal(eco_text_chunk_read(MPI_COMM_WORLD, tmpdir, 0, &c), ECO_ERR_INPUT);
  assert_non_null(strstr(eco_error_message(), "directory"));
  eco_error_clear();
}

/* ---- HDF5 ----------------------------------------------------------- */

static void test_h5_open_errors(void **state) {
  eco_h5 *f = NULL;
  char p[512];
  path_in_tmp(p, sizeof p, "nothing-here.h5");
  assert_int_equal(eco_h5_open(MPI_COMM_WORLD, p, ECO_H5_READ, &f), ECO_ERR_INPUT);
  assert_null(f);
  assert_non_null(strstr(eco_error_message(), "nothing-here.h5"));
  eco_error_clear();
  path_in_tmp(p, sizeof p, "not-hdf5.h5");
  write_file(p, "hello, this is text\n", 20);
  assert_int_equal(eco_h5_open(MPI_COMM_WORLD, p, ECO_H5_READ, &f), ECO_ERR_INPUT);
  assert_non_null(strstr(eco_error_message(), "not an HDF5 file"));
  eco_error_clear();
}

static void test_h5_attributes_and_shapes(void **state) {
  eco_h5 *f = NULL;
  char p[512];
  path_in_tmp(p, sizeof p, "attrs.h5");
  assert_int_equal(eco_h5_create(MPI_COMM_WORLD, p, &f), ECO_OK);
  assert_int_equal(eco_h5_group_create(f, "/a/b/c"), ECO_OK);
  assert_int_equal(eco_h5_group_create(f, "/a/b"), ECO_OK); /* exists: fine */
  int ex = -1;
  assert_int_equal(eco_h5_exists(f, "/a/b/c", &ex), ECO_OK);
  assert_int_equal(ex, 1);
  assert_int_equal(eco_h5_exists(f, "/a/x/c", &ex), ECO_OK);
  assert_int_equal(ex, 0);
  /* A large string (config text can be long): dense attribute storage. */
  size_t big = 100000;
  char *long_text = malloc(big + 1);
  for (size_t i = 0; i < big; i++) long_text[i] = (char)('a' + i % 26);
  long_text[big] = '\0';
  assert_int_equal(eco_h5_attr_set_string(f, "/", "long", long_text), ECO_OK);
  assert_int_equal(eco_h5_attr_set_string(f, "/", "empty", ""), ECO_OK);
  assert_int_equal(eco_h5_attr_set_string(f, "/a/b", "s", "first"), ECO_OK);
  assert_int_equal(eco_h5_attr_set_string(f, "/a/b", "s", "second value"), ECO_OK);
  assert_int_equal(eco_h5_attr_set_double(f, "/", "d", 0.1), ECO_OK);
  assert_int_equal(eco_h5_attr_set_int64(f, "/", "i", -((int64_t)1 << 40)), ECO_OK);
  assert_int_equal(eco_h5_dataset_create(f, "/data/v", ECO_H5_FLOAT, 0, 10, 0, NULL), ECO_OK);
  assert_int_equal(eco_h5_dataset_create(f, "/data/s", ECO_H5_STRING, 7, 3, 0, NULL), ECO_OK);
  assert_int_equal(eco_h5_dataset_create(f, "/data/m", ECO_H5_INT32, 0, 0, 4,
                                         &(eco_h5_layout){16, 1}), ECO_OK);
  assert_int_equal(eco_h5_close(&f), ECO_OK);
  assert_null(f);

  assert_int_equal(eco_h5_open(MPI_COMM_WORLD, p, ECO_H5_READ, &f), ECO_OK);
  char *s = NULL;
  assert_int_equal(eco_h5_attr_get_string(f, "/", "long", &s), ECO_OK);
  assert_string_equal(s, long_text);
  free(s);
  assert_int_equal(eco_h5_attr_get_string(f, "/", "empty", &s), ECO_OK);
  assert_string_equal(s, "");
  free(s);
  assert_int_equal(eco_h5_attr_get_string(f, "/a/b", "s", &s), ECO_OK);
  assert_string_equal(s, "second value");
  free(s);
  double d = 0;
  assert_int_equal(eco_h5_attr_get_double(f, "/", "d", &d), ECO_OK);
  assert_true(d == 0.1);
  int64_t i = 0;
  assert_int_equal(eco_h5_attr_get_int64(f, "/", "i", &i), ECO_OK);
  assert_int_equal(i, -((int64_t)1 << 40));
  assert_int_equal(eco_h5_attr_get_int64(f, "/", "nope", &i), ECO_ERR_INPUT);
  assert_non_null(strstr(eco_error_message(), "nope"));
  eco_error_clear();
  assert_int_equal(eco_h5_attr_get_double(f, "/a/b", "s", &d), ECO_ERR_INPUT);
  eco_error_clear();
  int nd = 0;
  int64_t dims[2] = {-1, -1};
  size_t ss = 99;
  assert_int_equal(eco_h5_dataset_shape(f, "/data/v", &nd, dims, &ss), ECO_OK);
  assert_int_equal(nd, 1);
  assert_int_equal(dims[0], 10);
  assert_int_equal(dims[1], 0);
  assert_int_equal(ss, 0);
  assert_int_equal(eco_h5_dataset_shape(f, "/data/s", &nd, dims, &ss), ECO_OK);
  assert_int_equal(ss, 7);
  assert_int_equal(eco_h5_dataset_shape(f, "/data/m", &nd, dims, &ss), ECO_OK);
  assert_int_equal(nd, 2);
  assert_int_equal(dims[0], 0);
  assert_int_equal(dims[1], 4);
  assert_int_equal(eco_h5_dataset_shape(f, "/data/missing", &nd, dims, &ss), ECO_ERR_INPUT);
  assert_non_null(strstr(eco_error_message(), "/data/missing"));
  assert_non_null(strstr(eco_error_message(), "attrs.h5"));
  eco_error_clear();
  /* Reading past the end is an input error, not a crash. */
  float buf[4];
  assert_int_equal(eco_h5_dataset_read(f, "/data/v", ECO_H5_FLOAT, 8, 4, buf), ECO_ERR_INPUT);
  eco_error_clear();
  /* Strings are not numbers. */
  assert_int_equal(eco_h5_dataset_read(f, "/data/s", ECO_H5_DOUBLE, 0, 1, buf), ECO_ERR_INPUT);
  eco_error_clear();
  assert_int_equal(eco_h5_close(&f), ECO_OK);
  free(long_text);
}

int main(int argc, char **argv) {
  if (eco_init(&argc, &argv) != ECO_OK) return 1;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/ecoscale-test-io-XXXXXX");
  if (!mkdtemp(tmpdir)) return 1;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sha256_known),
      cmocka_unit_test(test_sha256_large_streamed),
      cmocka_unit_test(test_sha256_errors),
      cmocka_unit_test(test_block_range),
      cmocka_unit_test(test_text_one_rank),
      cmocka_unit_test(test_text_errors),
      cmocka_unit_test(test_h5_open_errors),
      cmocka_unit_test(test_h5_attributes_and_shapes),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
  eco_finalize();
  return failed ? 1 : 0;
}
