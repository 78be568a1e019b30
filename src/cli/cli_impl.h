/* Private to the ecoscale program: the command table and the built-in
 * commands that live in src/cli. */
#ifndef ECOSCALE_CLI_IMPL_H
#define ECOSCALE_CLI_IMPL_H

#include "ecoscale/run.h"

/* NULL-terminated; defined in commands.c. */
extern const eco_command *const eco_cli_commands[];

/* Commands implemented in src/cli. */
extern const eco_command eco_info_command;     /* info.c */

#endif /* ECOSCALE_CLI_IMPL_H */
