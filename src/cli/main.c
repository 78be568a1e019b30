/* ecoscale: the program. Parses the command line, builds the configuration
 * (rank 0 reads, then broadcasts), applies the option tables and runs one
 * command of the table in commands.c on every rank. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_impl.h"
#include "ecoscale/version.h"

#define ECO_MAX_ARGS 4096

typedef struct {
  int version;       /* --version */
  int help;          /* help, --help, -h */
  int verbosity;     /* -1 quiet, 0 normal, 1 -v, 2 -vv */
  const char *config_file;
  int nset;
  const char *set[ECO_MAX_ARGS]; /* "section.key=value", command-line order */
  char *owned[ECO_MAX_ARGS];     /* set[] entries built here */
  int npos;
  char *pos[ECO_MAX_ARGS]; /* positionals: command words then inputs */
  const eco_command *cmd;
  int cmd_words;
  char command_name[256];
} cli_args;

/* ------------------------------------------------------------------------ */
/* Commands                                                                 */
/* ------------------------------------------------------------------------ */

static size_t ncommands(void) {
  size_t n = 0;
  while (eco_cli_commands[n])
    ++n;
  return n;
}

static size_t edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (lb > 255)
    return (size_t)-1;
  size_t row[256];
  for (size_t j = 0; j <= lb; ++j)
    row[j] = j;
  for (size_t i = 1; i <= la; ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; ++j) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
      if (row[j] + 1 < best)
        best = row[j] + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

/* Closest command name (or NULL if none is close). */
static const char *suggest_command(const char *word) {
  const char *best = NULL;
  size_t bestd = (size_t)-1;
  size_t lw = strlen(word);
  for (size_t i = 0; eco_cli_commands[i]; ++i) {
    const char *name = eco_cli_commands[i]->name;
    size_t d = edit_distance(word, name);
    /* the first word of a two-word command also counts */
    const char *sp = strchr(name, ' ');
    if (sp) {
      char first[128];
      size_t n = (size_t)(sp - name) < sizeof first - 1 ? (size_t)(sp - name)
                                                         : sizeof first - 1;
      memcpy(first, name, n);
      first[n] = '\0';
      size_t d1 = edit_distance(word, first);
      if (d1 < d)
        d = d1;
    }
    size_t limit = lw / 3 < 2 ? 2 : lw / 3;
    if (d <= limit && d < bestd) {
      bestd = d;
      best = name;
    }
  }
  return best;
}

static const eco_command *find_command(const char *name) {
  for (size_t i = 0; eco_cli_commands[i]; ++i)
    if (strcmp(eco_cli_commands[i]->name, name) == 0)
      return eco_cli_commands[i];
  return NULL;
}

/* Match the first one or two positionals against the table. */
static eco_status resolve_command(cli_args *a) {
  if (a->npos >= 2) {
    char two[512];
    snprintf(two, sizeof two, "%s %s", a->pos[0], a->pos[1]);
    const eco_command *c = find_command(two);
    if (c) {
      a->cmd = c;
      a->cmd_words = 2;
      snprintf(a->command_name, sizeof a->command_name, "%s", c->name);
      return ECO_OK;
    }
  }
  const eco_command *c = find_command(a->pos[0]);
  if (c) {
    a->cmd = c;
    a->cmd_words = 1;
    snprintf(a->command_name, sizeof a->command_name, "%s", c->name);
    return ECO_OK;
  }
  /* A known first word of a two-word command with a wrong second word. */
  char shown[512];
  snprintf(shown, sizeof shown, "%s", a->pos[0]);
  size_t l0 = strlen(a->pos[0]);
  for (size_t i = 0; eco_cli_commands[i]; ++i) {
    const char *name = eco_cli_commands[i]->name;
    if (strncmp(name, a->pos[0], l0) == 0 && name[l0] == ' ') {
      if (a->npos >= 2) {
        snprintf(shown, sizeof shown, "%s %s", a->pos[0], a->pos[1]);
        const char *best = NULL;
        size_t bestd = (size_t)-1;
        for (size_t j = 0; eco_cli_commands[j]; ++j) {
          const char *nj = eco_cli_commands[j]->name;
          if (strncmp(nj, a->pos[0], l0) == 0 && nj[l0] == ' ') {
            size_t d = edit_distance(shown, nj);
            if (d <= 3 && d < bestd) {
              bestd = d;
              best = nj;
            }
          }
        }
        if (best)
          return eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                               "unknown command '%s' (did you mean '%s'?); see "
                               "'ecoscale help'",
                               shown, best);
      }
      char list[1024] = "";
      size_t used = 0;
      for (size_t j = 0; eco_cli_commands[j] && used < sizeof list; ++j) {
        const char *nj = eco_cli_commands[j]->name;
        if (strncmp(nj, a->pos[0], l0) == 0 && nj[l0] == ' ')
          used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s'",
                                   used ? ", " : "", nj);
      }
      return eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                           "unknown command '%s' (one of: %s); see "
                           "'ecoscale help'",
                           shown, list);
    }
  }
  const char *best = suggest_command(a->pos[0]);
  if (best)
    return eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                         "unknown command '%s' (did you mean '%s'?); see "
                         "'ecoscale help'",
                         a->pos[0], best);
  return eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                       "unknown command '%s'; see 'ecoscale help'", a->pos[0]);
}

/* ------------------------------------------------------------------------ */
/* Help                                                                     */
/* ------------------------------------------------------------------------ */

static void print_usage_line(FILE *out) {
  fprintf(out,
          "usage: ecoscale COMMAND [INPUT ...] [-c FILE.ini] "
          "[--section.key=value ...]\n"
          "                [-o OUT.h5] [--seed N] [--resume] [-q | -v | -vv]\n"
          "       ecoscale help [COMMAND]    ecoscale COMMAND --help    "
          "ecoscale --version\n");
}

static void print_help(FILE *out) {
  print_usage_line(out);
  fprintf(out, "\ncommands:\n");
  size_t width = 0;
  for (size_t i = 0; eco_cli_commands[i]; ++i) {
    const eco_command *c = eco_cli_commands[i];
    size_t w = strlen(c->name) + (c->args ? strlen(c->args) + 1 : 0);
    if (w > width)
      width = w;
  }
  if (width > 28)
    width = 28; /* longer names get the summary on the next line */
  for (size_t i = 0; eco_cli_commands[i]; ++i) {
    const eco_command *c = eco_cli_commands[i];
    char left[512];
    snprintf(left, sizeof left, "%s%s%s", c->name,
             c->args && c->args[0] ? " " : "", c->args ? c->args : "");
    if (strlen(left) > width)
      fprintf(out, "  %s\n  %-*s  %s\n", left, (int)width, "",
              c->summary ? c->summary : "");
    else
      fprintf(out, "  %-*s  %s\n", (int)width, left,
              c->summary ? c->summary : "");
  }
  if (ncommands() == 0)
    fprintf(out, "  (none built)\n");
  fprintf(out,
          "\noptions:\n"
          "  -c, --config FILE.ini   read settings from an INI file\n"
          "  --SECTION.KEY=VALUE     set one option (overrides the file and "
          "ECOSCALE_OPTIONS)\n"
          "  -o FILE.h5              results file (run.output; default "
          "outputs/COMMAND.h5)\n"
          "  --seed N                seed of all random streams (run.seed)\n"
          "  --resume                continue an interrupted run (run.resume)\n"
          "  --run.checkpoint_every=S  also write a checkpoint every S seconds, "
          "so that a killed run can resume\n"
          "  -q, -v, -vv             quieter, more verbose, debug output\n"
          "  -h, --help              this text; 'ecoscale help COMMAND' lists "
          "a command's options\n"
          "\nprecedence: defaults < -c FILE.ini < ECOSCALE_OPTIONS "
          "(\"section.key=value ...\") < command line\n"
          "\nexit codes: 0 done; 1 runtime failure (I/O, MPI, numerical); "
          "2 bad usage, config or input;\n"
          "            3 interrupted by a signal after a checkpoint was "
          "written (rerun with --resume)\n"
          "\ndocumentation: docs/config.md (options), docs/formats.md "
          "(results files)\n");
}

static void print_command_help(const eco_command *c, FILE *out) {
  fprintf(out, "usage: ecoscale %s%s%s [-c FILE.ini] [--section.key=value ...] "
               "[-o OUT.h5] [--seed N] [--resume] [-q | -v | -vv]\n",
          c->name, c->args && c->args[0] ? " " : "", c->args ? c->args : "");
  if (c->summary)
    fprintf(out, "\n%s\n", c->summary);
  fprintf(out, "\noptions (INI section, or --section.key=value):\n\n");
  if (c->options) {
    eco_option_table_print(c->options, out);
    fprintf(out, "\n");
  }
  eco_option_table_print(&eco_run_option_table, out);
  fprintf(out, "\n");
  eco_option_table_print(&eco_footprint_option_table, out);
}

/* ------------------------------------------------------------------------ */
/* Argument parsing (same on every rank)                                    */
/* ------------------------------------------------------------------------ */

static eco_status add_set(cli_args *a, const char *fmt, const char *v) {
  ECO_CHECK(a->nset < ECO_MAX_ARGS, ECO_ERR_USAGE, "too many options");
  size_t n = strlen(fmt) + strlen(v) + 1;
  char *s = NULL;
  ECO_CALL(eco_malloc(n, &s));
  snprintf(s, n, fmt, v);
  a->owned[a->nset] = s;
  a->set[a->nset++] = s;
  return ECO_OK;
}

static eco_status parse_args(int argc, char **argv, cli_args *a) {
  int only_pos = 0;
  for (int i = 1; i < argc; ++i) {
    char *arg = argv[i];
    if (only_pos || arg[0] != '-' || arg[1] == '\0') {
      ECO_CHECK(a->npos < ECO_MAX_ARGS, ECO_ERR_USAGE, "too many arguments");
      a->pos[a->npos++] = arg;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      only_pos = 1;
    } else if (strcmp(arg, "--version") == 0) {
      a->version = 1;
    } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      a->help = 1;
    } else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
      a->verbosity = -1;
    } else if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0) {
      a->verbosity = a->verbosity < 0 ? 1 : a->verbosity + 1;
    } else if (strcmp(arg, "-vv") == 0) {
      a->verbosity = 2;
    } else if (strcmp(arg, "-c") == 0 || strcmp(arg, "--config") == 0) {
      ECO_CHECK(i + 1 < argc, ECO_ERR_USAGE, "option %s needs a file name",
                arg);
      a->config_file = argv[++i];
    } else if (strncmp(arg, "--config=", 9) == 0) {
      a->config_file = arg + 9;
    } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
      ECO_CHECK(i + 1 < argc, ECO_ERR_USAGE, "option %s needs a file name",
                arg);
      ECO_CALL(add_set(a, "run.output=%s", argv[++i]));
    } else if (strncmp(arg, "--output=", 9) == 0) {
      ECO_CALL(add_set(a, "run.output=%s", arg + 9));
    } else if (strcmp(arg, "--seed") == 0) {
      ECO_CHECK(i + 1 < argc, ECO_ERR_USAGE, "option --seed needs a number");
      ECO_CALL(add_set(a, "run.seed=%s", argv[++i]));
    } else if (strncmp(arg, "--seed=", 7) == 0) {
      ECO_CALL(add_set(a, "run.seed=%s", arg + 7));
    } else if (strcmp(arg, "--resume") == 0) {
      ECO_CALL(add_set(a, "run.resume=%s", "true"));
    } else if (arg[1] == '-') {
      const char *eq = strchr(arg, '=');
      const char *dot = strchr(arg, '.');
      ECO_CHECK(eq && dot && dot < eq, ECO_ERR_USAGE,
                "unknown option '%s' (settings are --section.key=value); "
                "see 'ecoscale help'",
                arg);
      ECO_CHECK(a->nset < ECO_MAX_ARGS, ECO_ERR_USAGE, "too many options");
      a->set[a->nset++] = arg + 2;
    } else {
      return eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                           "unknown option '%s'; see 'ecoscale help'", arg);
    }
  }
  return ECO_OK;
}

static void args_free(cli_args *a) {
  for (int i = 0; i < a->nset; ++i)
    free(a->owned[i]);
}

/* ------------------------------------------------------------------------ */
/* Running a command                                                        */
/* ------------------------------------------------------------------------ */

/* Rank 0 reads the file, the environment and the command-line settings;
 * then every rank gets them. Collective. */
static eco_status build_config(const cli_args *a, eco_config *cfg,
                               MPI_Comm comm) {
  eco_status st = ECO_OK;
  if (eco_rank() == 0) {
    if (a->config_file)
      st = eco_config_read_file(cfg, a->config_file);
    if (st == ECO_OK)
      st = eco_config_read_env(cfg, getenv("ECOSCALE_OPTIONS"),
                               "ECOSCALE_OPTIONS");
    for (int i = 0; i < a->nset && st == ECO_OK; ++i)
      st = eco_config_set_arg(cfg, a->set[i]);
  }
  st = eco_agree(comm, st);
  if (st != ECO_OK)
    return st;
  return eco_agree(comm, eco_config_bcast(cfg, 0, comm));
}

static eco_status run_command(cli_args *a, int *ran) {
  MPI_Comm comm = eco_comm_world();
  eco_config *cfg = NULL;
  void *opts = NULL;
  eco_run_options *run = NULL;
  eco_footprint_config fpc = {0};
  /* (a rank whose config was created frees it when another rank failed) */
  eco_status st = eco_agree(comm, eco_config_create(&cfg));
  if (st != ECO_OK)
    goto done;
  ECO_CALL_GOTO(st, build_config(a, cfg, comm), done);

  /* Default results file: outputs/<command words joined by '-'>.h5 */
  const char *out = eco_config_get(cfg, "run", "output");
  if (!out || !out[0]) {
    char def[600];
    snprintf(def, sizeof def, "outputs/%s.h5", a->command_name);
    for (char *p = def; *p; ++p)
      if (*p == ' ')
        *p = '-';
    st = eco_config_set(cfg, "run", "output", def, "default");
  }
  if (st == ECO_OK)
    st = eco_calloc(1, sizeof *run, &run);
  if (st == ECO_OK)
    st = eco_config_apply(cfg, &eco_run_option_table, run);
  if (st == ECO_OK)
    st = eco_config_apply(cfg, &eco_footprint_option_table, &fpc);
  if (st == ECO_OK && a->cmd->options) {
    st = eco_calloc(1, a->cmd->options->struct_size, &opts);
    if (st == ECO_OK)
      st = eco_config_apply(cfg, a->cmd->options, opts);
  }
  /* Sections of the other commands are checked too (a shared INI file
   * serves every stage) but do not enter this run's effective config. */
  for (size_t i = 0; st == ECO_OK && eco_cli_commands[i]; ++i)
    if (eco_cli_commands[i]->options)
      st = eco_config_check_table(cfg, eco_cli_commands[i]->options);
  if (st == ECO_OK)
    st = eco_config_check_unused(cfg);
  st = eco_agree(comm, st);
  if (st != ECO_OK)
    goto done;

  eco_ctx ctx = {0};
  ctx.comm = comm;
  ctx.rank = eco_rank();
  ctx.size = eco_size();
  ctx.cfg = cfg;
  ctx.run = run;
  ctx.footprint = &fpc;
  ctx.ninputs = a->npos - a->cmd_words;
  ctx.inputs = a->pos + a->cmd_words;
  ctx.command = a->command_name;
  ctx.t_start = (double)time(NULL);
  {
    int rc = MPI_Bcast(&ctx.t_start, 1, MPI_DOUBLE, 0, comm);
    st = rc == MPI_SUCCESS
             ? ECO_OK
             : eco_error_mpi(rc, __FILE__, __LINE__, "MPI_Bcast(t_start)");
    st = eco_agree(comm, st);
    if (st != ECO_OK)
      goto done;
  }

  eco_log_root(ECO_LOG_DEBUG, "ecoscale %s (%s): %s on %d rank%s, seed %lld",
               ECO_VERSION, ECO_GIT_REVISION, ctx.command, ctx.size,
               eco_plural(ctx.size), (long long)run->seed);
  if (a->cmd->check) {
    st = a->cmd->check(&ctx, opts);
    st = eco_agree(comm, st);
    if (st != ECO_OK)
      goto done;
  }
  *ran = 1;
  st = a->cmd->run(&ctx, opts);
  st = eco_agree(comm, st);

  /* Footprint (collective; for a run that committed its results or its
   * checkpoint) and timers (collective, printed at -v): reports made after
   * the command's outcome is settled and agreed, so their failure (agreed on
   * every rank) is a warning, never the run's failure, and the run's own
   * error, if any, is the one reported, with its trace. */
  eco_error_save();
  if (st == ECO_OK || st == ECO_ERR_INTERRUPTED) {
    eco_footprint fp;
    if (eco_footprint_measure(comm, &fpc, &fp) == ECO_OK) {
      char line[512];
      eco_footprint_format(&fp, &fpc, line, sizeof line);
      eco_log_root(ECO_LOG_INFO, "footprint: %s", line);
    } else {
      eco_log_root(ECO_LOG_WARN, "footprint not measured: %s", eco_error_message());
    }
  }
  if (eco_timer_summary(comm, ECO_LOG_DEBUG) != ECO_OK)
    eco_log_root(ECO_LOG_WARN, "timers not reported: %s", eco_error_message());
  eco_error_restore();

done:
  free(opts);
  free(run);
  eco_config_destroy(&cfg);
  return st;
}

int main(int argc, char **argv) {
  eco_status st = eco_init(&argc, &argv);
  if (st != ECO_OK) {
    fprintf(stderr, "ecoscale: %s\n", eco_error_message());
    return eco_status_exit_code(st);
  }
  MPI_Comm comm = eco_comm_world();
  int rank = eco_rank();
  static cli_args a; /* large; not on the stack */
  memset(&a, 0, sizeof a);

  st = parse_args(argc, argv, &a);
  if (st == ECO_OK) {
    eco_log_level lvl = a.verbosity < 0   ? ECO_LOG_WARN
                        : a.verbosity == 0 ? ECO_LOG_INFO
                        : a.verbosity == 1 ? ECO_LOG_DEBUG
                                           : ECO_LOG_TRACE;
    eco_log_set_level(lvl);
  }
  int done = 0;
  if (st == ECO_OK && a.version) {
    if (rank == 0)
      printf("ecoscale %s (git %s)\n", ECO_VERSION, ECO_GIT_REVISION);
    done = 1;
  } else if (st == ECO_OK && a.npos > 0 && strcmp(a.pos[0], "help") == 0) {
    if (a.npos == 1) {
      if (rank == 0)
        print_help(stdout);
    } else {
      cli_args h;
      memset(&h, 0, sizeof h);
      h.npos = a.npos - 1 > 2 ? 2 : a.npos - 1;
      for (int i = 0; i < h.npos; ++i)
        h.pos[i] = a.pos[i + 1];
      st = resolve_command(&h);
      if (st == ECO_OK && h.cmd_words != h.npos && a.npos - 1 > h.cmd_words)
        st = eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                           "'ecoscale help' takes one command, not '%s'",
                           a.pos[h.cmd_words + 1]);
      if (st == ECO_OK && rank == 0)
        print_command_help(h.cmd, stdout);
    }
    done = 1;
  } else if (st == ECO_OK && a.npos == 0) {
    if (a.help) {
      if (rank == 0)
        print_help(stdout);
    } else {
      st = eco_error_set(ECO_ERR_USAGE, __FILE__, __LINE__,
                         "no command given; see 'ecoscale help'");
    }
    done = 1;
  }
  if (st == ECO_OK && !done) {
    st = resolve_command(&a);
    if (st == ECO_OK && a.help) {
      if (rank == 0)
        print_command_help(a.cmd, stdout);
      done = 1;
    }
  }
  /* The same status on every rank before the collective run (an
   * allocation in parse_args may fail on one rank only). */
  st = eco_agree(comm, st);
  if (st == ECO_OK && !done) {
    int ran = 0;
    st = run_command(&a, &ran);
  }
  fflush(stdout);
  /* Errors above are the same on every rank (same argv) or already agreed. */
  st = eco_agree(comm, st);
  if (st != ECO_OK && rank == 0)
    eco_error_report();
  args_free(&a);
  int code = eco_status_exit_code(st);
  eco_finalize();
  return code;
}
