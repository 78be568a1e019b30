/* Fuzz target: the recommend interaction log line parser (rec_parse_line),
 * which the importer calls on every line of a log. The first byte picks the
 * format (CSV, TSV, MovieLens "::"); every following line is parsed on its
 * own, in a buffer of exactly its length (no terminating NUL). */
#include "fuzz_common.h"

#include "recommend_impl.h"

static void fuzz_setup(void) {}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  static const int fmts[3] = {REC_FMT_CSV, REC_FMT_TSV, REC_FMT_ML};
  int fmt = fmts[data[0] % 3];
  const uint8_t *p = data + 1, *end = data + size;
  while (p < end) {
    const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    char *line = malloc(len ? len : 1);
    if (!line)
      abort();
    memcpy(line, p, len);
    char user[REC_ID_LEN], item[REC_ID_LEN], err[256];
    double value = 0;
    int64_t ts = 0;
    int has_ts = 0;
    int rc = rec_parse_line(line, len, fmt, user, item, &value, &ts, &has_ts,
                            err, sizeof err);
    if (rc == 0 && (memchr(user, '\0', REC_ID_LEN) == NULL ||
                    memchr(item, '\0', REC_ID_LEN) == NULL))
      abort(); /* ids must be NUL terminated within REC_ID_LEN */
    if (rc < 0 && memchr(err, '\0', sizeof err) == NULL)
      abort();
    free(line);
    p += len + (nl ? 1 : 0);
  }
  return 0;
}
