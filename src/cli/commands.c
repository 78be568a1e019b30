/* The command table. A new command is one extern and one line here. */
#include "cli_impl.h"

/* Stage commands (each defined in its module). */
extern const eco_command eco_selftest_command; /* selftest.c */
extern const eco_command eco_supply_command;
extern const eco_command eco_supply_generate_command;
extern const eco_command eco_recommend_command;
extern const eco_command eco_import_interactions_command;
extern const eco_command eco_plan_command;
extern const eco_command eco_generate_lp_command;
extern const eco_command eco_forecast_command; /* src/forecast */
extern const eco_command eco_import_demand_command;
extern const eco_command eco_generate_demand_command;
extern const eco_command eco_pipeline_command; /* src/pipeline */
extern const eco_command eco_report_command; /* src/report */
extern const eco_command eco_generate_interactions_command;
extern const eco_command eco_merge_plan_command; /* src/plan/merge.c */
/* ECO-COMMAND-EXTERNS: add `extern const eco_command eco_xxx_command;` above this line */

const eco_command *const eco_cli_commands[] = {
    &eco_info_command, /* info.c (declared in cli_impl.h) */
    &eco_selftest_command,
    &eco_supply_command,
    &eco_supply_generate_command,
    &eco_recommend_command,
    &eco_import_interactions_command,
    &eco_plan_command,
    &eco_generate_lp_command,
    &eco_forecast_command,
    &eco_import_demand_command,
    &eco_generate_demand_command,
    &eco_pipeline_command,
    &eco_report_command,
    &eco_generate_interactions_command,
    &eco_merge_plan_command,
    /* ECO-COMMAND-TABLE: add `&eco_xxx_command,` above this line */
    NULL};
