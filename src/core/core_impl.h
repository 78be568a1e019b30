/* Private interfaces shared by the files of src/core (not installed). */
#ifndef ECOSCALE_CORE_IMPL_H
#define ECOSCALE_CORE_IMPL_H

#include "ecoscale/core.h"

/* Bounds of the error record: the message (first line) and the trace, each
 * with its terminating NUL; longer text is cut. */
enum { ECO_ERROR_MESSAGE_MAX = 1024, ECO_ERROR_TRACE_MAX = 8192 };

/* Replace the current error with one agreed on by all ranks (eco_agree).
 * message: first line users see; trace: the frames ("  at ...\n  from ...")
 * recorded on the rank that raised it (may be empty). Not collective. */
void eco_error_install(eco_status code, const char *message, const char *trace);

/* 1 if the current error was installed by eco_agree (its message already
 * names the rank it came from). */
int eco_error_agreed(void);

/* Mark the current error as printed; returns 1 if it already was. */
int eco_error_mark_reported(void);

/* Seconds from a monotonic clock (CLOCK_MONOTONIC). */
double eco_core_monotonic(void);

/* If a progress line is being redrawn in place on the terminal, erase it so
 * that a log line can be printed (the next progress report redraws it). */
void eco_progress_line_clear(void);

#endif
