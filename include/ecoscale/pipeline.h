/* ecoscale pipeline: forecast -> plan -> supply -> recommend in one MPI job
 * and one results file.
 *
 * The pipeline is the only module that knows every stage. It runs each
 * enabled stage through that stage's own command (check + run, options from
 * the same configuration) into a stage file of a work folder, feeds results
 * forward through the stages' own input formats (files it writes into the
 * work folder), and merges the stage groups into the final results file with
 * a collective tree copy (eco_h5_copy_tree). /pipeline records what fed
 * what. See docs/pipeline.md.
 */
#ifndef ECOSCALE_PIPELINE_H
#define ECOSCALE_PIPELINE_H

#include "ecoscale/run.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The `pipeline` command (section [pipeline]). */
extern const eco_command eco_pipeline_command;
extern const eco_option_table eco_pipeline_option_table;

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_PIPELINE_H */
