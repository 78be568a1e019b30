/* The command table. A new command is one extern and one line here. */
#include "cli_impl.h"

/* Stage commands (each defined in its module). */
extern const eco_command eco_selftest_command; /* selftest.c */
/* ECO-COMMAND-EXTERNS: add `extern const eco_command eco_xxx_command;` above this line */

const eco_command *const eco_cli_commands[] = {
    &eco_info_command, /* info.c (declared in cli_impl.h) */
    &eco_selftest_command,
    /* ECO-COMMAND-TABLE: add `&eco_xxx_command,` above this line */
    NULL};
