/* ecoscale configuration: option tables, INI files (inih), precedence.
 *
 * Precedence (lowest first): table defaults < --config FILE.ini <
 * ECOSCALE_OPTIONS (space-separated "section.key=value") < command-line
 * "--section.key=value". Rank 0 reads the file and the environment and
 * broadcasts; every rank then applies the same tables. A key that no table
 * uses is an error naming the key and where it was given (file:line, the
 * environment, or the command line).
 */
#ifndef ECOSCALE_CONFIG_H
#define ECOSCALE_CONFIG_H

#include <stdio.h>

#include "ecoscale/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ECO_STR_MAX 4096

typedef enum {
  ECO_OPT_INT,    /* int */
  ECO_OPT_INT64,  /* int64_t */
  ECO_OPT_DOUBLE, /* double */
  ECO_OPT_BOOL,   /* int: true/false, yes/no, on/off, 1/0 */
  ECO_OPT_STRING, /* char[ECO_STR_MAX] */
  ECO_OPT_ENUM    /* int: index into choices "a|b|c" */
} eco_opt_type;

/* One option. Numbers are checked against [min, max] (both inclusive). */
typedef struct {
  const char *key;     /* "horizon" (the section comes from the table) */
  eco_opt_type type;
  const char *def;     /* default, as text */
  double min, max;     /* range for INT, INT64, DOUBLE */
  const char *choices; /* "ets|theta|croston" for ENUM, else NULL */
  const char *doc;     /* one line */
  size_t offset;       /* offsetof(struct, field) */
} eco_option;

/* One module's options: the INI section and the struct they fill. */
typedef struct {
  const char *section; /* "forecast" */
  const eco_option *opts;
  size_t nopts;
  size_t struct_size;
} eco_option_table;

#define ECO_OPTION_TABLE(section, array, type)                                 \
  { (section), (array), sizeof(array) / sizeof((array)[0]), sizeof(type) }

typedef struct eco_config eco_config;

/* An empty configuration. Not collective. */
eco_status eco_config_create(eco_config **out);
eco_status eco_config_destroy(eco_config **cfg);

/* Add settings from an INI file (rank-local; call on rank 0, then bcast).
 * A syntax error gives ECO_ERR_CONFIG naming file:line. */
eco_status eco_config_read_file(eco_config *cfg, const char *path);
/* Add settings from a string of "section.key=value" words (environment). */
eco_status eco_config_read_env(eco_config *cfg, const char *text,
                               const char *origin);
/* Add one "section.key=value" setting from the command line. */
eco_status eco_config_set_arg(eco_config *cfg, const char *arg);
/* Set one value directly (later settings override earlier ones). */
eco_status eco_config_set(eco_config *cfg, const char *section,
                          const char *key, const char *value,
                          const char *origin);
/* Value of section.key as text, or NULL. */
const char *eco_config_get(const eco_config *cfg, const char *section,
                           const char *key);

/* Copy rank `root`'s settings to every rank. Collective on comm. */
eco_status eco_config_bcast(eco_config *cfg, int root, MPI_Comm comm);

/* Fill `out` (table->struct_size bytes) from the defaults and the settings
 * of table->section; mark those settings used. A bad value or one out of
 * range gives ECO_ERR_CONFIG naming section.key and where it was set.
 * Not collective (deterministic: same on every rank). */
eco_status eco_config_apply(eco_config *cfg, const eco_option_table *table,
                            void *out);
/* Check the settings of table->section (values, ranges, unknown keys) as
 * eco_config_apply does, without filling a struct and without adding the
 * section to eco_config_dump. Does nothing if the section was already
 * applied. The CLI uses it for the sections of the other commands, so that
 * one INI file can serve every stage. Not collective. */
eco_status eco_config_check_table(eco_config *cfg,
                                  const eco_option_table *table);
/* ECO_ERR_CONFIG if a setting was not used by any applied table, naming the
 * first such key and its origin, and suggesting the closest known key of the
 * same section. */
eco_status eco_config_check_unused(const eco_config *cfg);

/* The effective configuration as INI text (every applied table's values,
 * defaults included), for the provenance of results files. Caller frees. */
eco_status eco_config_dump(const eco_config *cfg, char **text);

/* Print a table as --help text: key, type, default, range, doc. */
void eco_option_table_print(const eco_option_table *table, FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* ECOSCALE_CONFIG_H */
