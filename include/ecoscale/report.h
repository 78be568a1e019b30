/* ecoscale report: pictures and a summary of a results file.
 *
 * `ecoscale report RESULTS.h5 -o DIR` reads whichever stage groups the file
 * holds (/forecast, /plan, /supply, /recommend; a pipeline file holds
 * several) and writes into DIR:
 *   - PNG plots (and the same as SVG) drawn with PLplot's C API through its
 *     cairo drivers (pngcairo, svgcairo);
 *   - index.html showing every picture with the key figures, the provenance
 *     and the compute footprint of the run;
 *   - summary.txt, the same figures as plain text, plus a line for every
 *     plot that was skipped and why.
 * DIR is built as DIR.tmp and renamed when complete, replacing an older
 * report. A plot whose datasets are missing is skipped (a line in
 * summary.txt); a dataset that is present but malformed is ECO_ERR_INPUT
 * naming it. See docs/report.md.
 */
#ifndef ECOSCALE_REPORT_H
#define ECOSCALE_REPORT_H

#include "ecoscale/run.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options of section [report]. */
typedef struct {
  int series; /* forecast fan charts: how many sample series (largest demand) */
  int svg;    /* also write every plot as SVG */
  int width;  /* picture size in pixels */
  int height;
} eco_report_options;

extern const eco_option_table eco_report_option_table;

/* The `report` command (src/report/report.c). */
extern const eco_command eco_report_command;

/* Write the report of results file `results` into folder `dir` (created;
 * replaced atomically if it holds an older ecoscale report; any other
 * existing file or folder is refused with ECO_ERR_USAGE). Rank 0 does the
 * reading and drawing; the other ranks wait. The status is agreed.
 * Errors: ECO_ERR_INPUT (missing / unreadable results file, malformed
 * dataset), ECO_ERR_USAGE (bad DIR), ECO_ERR_IO (writing), ECO_ERR_MEM.
 * Collective on comm. */
eco_status eco_report_write(MPI_Comm comm, const char *results, const char *dir,
                            const eco_report_options *opts);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_REPORT_H */
