/* Logging: "[INFO][rank 3][island.c:120] message", one line per call.
 * INFO, DEBUG and TRACE go to stdout; WARN and ERROR to stderr. Each line is
 * written with one call and flushed, so lines of different ranks interleave
 * whole. */
#include "core_impl.h"

#include <stdio.h>
#include <string.h>

static eco_log_level current_level = ECO_LOG_INFO;

static const char *const level_names[] = {"ERROR", "WARN", "INFO", "DEBUG",
                                          "TRACE"};

void eco_log_set_level(eco_log_level level) {
  if ((int)level < (int)ECO_LOG_ERROR)
    level = ECO_LOG_ERROR;
  if ((int)level > (int)ECO_LOG_TRACE)
    level = ECO_LOG_TRACE;
  current_level = level;
}

eco_log_level eco_log_get_level(void) { return current_level; }

void eco_log_impl(eco_log_level level, int root_only, const char *file,
                  int line, const char *fmt, ...) {
  if ((int)level > (int)current_level)
    return;
  if ((int)level < 0)
    level = ECO_LOG_ERROR;
  int rank = eco_rank();
  if (root_only && rank != 0)
    return;
  const char *base = file ? strrchr(file, '/') : NULL;
  base = base ? base + 1 : (file ? file : "?");

  char buf[4096];
  int n = snprintf(buf, sizeof buf, "[%s][rank %d][%s:%d] ", level_names[level],
                   rank, base, line);
  if (n < 0)
    return;
  if ((size_t)n < sizeof buf) {
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    va_end(ap);
    if (m > 0)
      n += m;
  }
  if ((size_t)n > sizeof buf - 2) { /* cut: keep room for the newline */
    n = (int)sizeof buf - 5;
    memcpy(buf + n, "...", 3);
    n += 3;
  }
  while (n > 0 && buf[n - 1] == '\n') /* one newline, ours */
    n--;
  buf[n++] = '\n';
  buf[n] = '\0';

  FILE *out = level <= ECO_LOG_WARN ? stderr : stdout;
  eco_progress_line_clear();
  fwrite(buf, 1, (size_t)n, out);
  fflush(out);
}
