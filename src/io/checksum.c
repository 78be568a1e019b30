/* SHA-256 of files (nettle), for the provenance of results files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "ecoscale/io.h"

#define READ_BLOCK (1u << 20) /* 1 MiB */

/* Not collective. Errors: ECO_ERR_INPUT (missing, directory, unreadable),
 * ECO_ERR_IO (read error), ECO_ERR_MEM. */
eco_status eco_file_sha256(const char *path, char hex[65]) {
  hex[0] = '\0';
  struct stat sb;
  ECO_CHECK(stat(path, &sb) == 0, ECO_ERR_INPUT, "%s: %s", path, strerror(errno));
  ECO_CHECK(!S_ISDIR(sb.st_mode), ECO_ERR_INPUT,
            "%s: is a directory, not a file", path);
  FILE *fp = fopen(path, "rb");
  ECO_CHECK(fp != NULL, ECO_ERR_INPUT, "%s: cannot be read (%s)", path,
            strerror(errno));
  unsigned char *buf = NULL;
  eco_status st = eco_malloc(READ_BLOCK, &buf);
  if (st != ECO_OK) {
    fclose(fp);
    return st;
  }
  struct sha256_ctx ctx;
  sha256_init(&ctx);
  size_t n;
  while ((n = fread(buf, 1, READ_BLOCK, fp)) > 0) sha256_update(&ctx, n, buf);
  if (ferror(fp))
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "%s: read error (%s)",
                       path, strerror(errno));
  fclose(fp);
  free(buf);
  if (st != ECO_OK) return st;
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
    hex[2 * i] = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  hex[64] = '\0';
  return ECO_OK;
}
