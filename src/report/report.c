/* `ecoscale report RESULTS.h5 -o DIR`: the report of a results file.
 * Rank 0 reads the file and draws; the other ranks wait for the agreed
 * status. DIR is built as DIR.tmp and renamed into place when complete. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report_impl.h"

static const eco_option report_opts[] = {
    {"series", ECO_OPT_INT, "4", 1, 9, NULL,
     "forecast fan charts: how many sample series (those with the largest "
     "forecast demand)",
     offsetof(eco_report_options, series)},
    {"svg", ECO_OPT_BOOL, "true", 0, 0, NULL,
     "also write every plot as SVG next to the PNG",
     offsetof(eco_report_options, svg)},
    {"width", ECO_OPT_INT, "1000", 320, 4000, NULL, "picture width, pixels",
     offsetof(eco_report_options, width)},
    {"height", ECO_OPT_INT, "600", 240, 3000, NULL, "picture height, pixels",
     offsetof(eco_report_options, height)},
};

const eco_option_table eco_report_option_table =
    ECO_OPTION_TABLE("report", report_opts, eco_report_options);

/* First line of every summary.txt: how an older report is recognised. */
#define RP_SIGNATURE "ecoscale report"

/* ------------------------------------------------------------------------ */
/* The folder: DIR.tmp, then rename                                         */
/* ------------------------------------------------------------------------ */

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw) {
  (void)sb;
  (void)ftw;
  return (flag == FTW_DP ? rmdir(path) : unlink(path)) == 0 ? 0 : -1;
}

static eco_status remove_tree(const char *path) {
  struct stat sb;
  if (lstat(path, &sb) != 0)
    return ECO_OK;
  ECO_CHECK(nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0, ECO_ERR_IO,
            "cannot remove %s: %s", path, strerror(errno));
  return ECO_OK;
}

/* 0: does not exist; 1: an ecoscale report (or an empty folder) that may be
 * replaced. Anything else is refused. */
static eco_status check_target(const char *dir, int *exists) {
  struct stat sb;
  *exists = 0;
  if (stat(dir, &sb) != 0)
    return ECO_OK;
  ECO_CHECK(S_ISDIR(sb.st_mode), ECO_ERR_USAGE,
            "%s exists and is not a folder; the report writes a folder "
            "(-o DIR)",
            dir);
  *exists = 1;
  char p[ECO_STR_MAX + 32];
  snprintf(p, sizeof p, "%s/summary.txt", dir);
  FILE *fp = fopen(p, "r");
  if (fp) {
    char line[64] = "";
    int ok = fgets(line, sizeof line, fp) != NULL &&
             strncmp(line, RP_SIGNATURE, strlen(RP_SIGNATURE)) == 0;
    fclose(fp);
    if (ok)
      return ECO_OK;
  }
  /* an empty folder may be replaced too */
  DIR *dp = opendir(dir);
  int empty = 1;
  if (dp) {
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
      if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
        empty = 0;
        break;
      }
    closedir(dp);
  }
  ECO_CHECK(empty, ECO_ERR_USAGE,
            "%s exists and is not an ecoscale report (no summary.txt of "
            "one); refusing to replace it",
            dir);
  return ECO_OK;
}

static eco_status make_parent(const char *dir) {
  char buf[ECO_STR_MAX];
  snprintf(buf, sizeof buf, "%s", dir);
  for (char *p = buf + 1; *p; ++p) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
      eco_status st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__,
                                    "cannot create folder %s: %s", buf,
                                    strerror(errno));
      return st;
    }
    *p = '/';
  }
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* Provenance and footprint                                                 */
/* ------------------------------------------------------------------------ */

typedef struct {
  char command[256], version[64], revision[96], start[64], end[64];
  char energy_source[32];
  char inputs[8192];
  double seed, nranks;
  double wall, cpu, rss, energy, gco2, grid;
  int has_seed, has_nranks, has_wall, has_cpu, has_rss, has_energy, has_gco2,
      has_grid;
} rp_prov;

static eco_status read_provenance(rp_ctx *rc, rp_prov *p) {
  int pr = 0;
  memset(p, 0, sizeof *p);
  ECO_CALL(rp_attr_string(rc, "/", "command", p->command, sizeof p->command, &pr));
  ECO_CALL(rp_attr_string(rc, "/", "ecoscale_version", p->version, sizeof p->version, &pr));
  ECO_CALL(rp_attr_string(rc, "/", "git_revision", p->revision, sizeof p->revision, &pr));
  ECO_CALL(rp_attr_string(rc, "/", "start_time", p->start, sizeof p->start, &pr));
  ECO_CALL(rp_attr_string(rc, "/", "end_time", p->end, sizeof p->end, &pr));
  ECO_CALL(rp_attr_string(rc, "/", "inputs", p->inputs, sizeof p->inputs, &pr));
  ECO_CALL(rp_attr_string(rc, "/", "footprint_energy_source", p->energy_source,
                          sizeof p->energy_source, &pr));
  ECO_CALL(rp_attr_double(rc, "/", "seed", &p->seed, &p->has_seed));
  ECO_CALL(rp_attr_double(rc, "/", "nranks", &p->nranks, &p->has_nranks));
  ECO_CALL(rp_attr_double(rc, "/", "footprint_wall_s", &p->wall, &p->has_wall));
  ECO_CALL(rp_attr_double(rc, "/", "footprint_cpu_core_s", &p->cpu, &p->has_cpu));
  ECO_CALL(rp_attr_double(rc, "/", "footprint_peak_rss_bytes", &p->rss, &p->has_rss));
  ECO_CALL(rp_attr_double(rc, "/", "footprint_energy_j", &p->energy, &p->has_energy));
  ECO_CALL(rp_attr_double(rc, "/", "footprint_gco2e", &p->gco2, &p->has_gco2));
  ECO_CALL(rp_attr_double(rc, "/", "footprint_grid_gco2_per_kwh", &p->grid, &p->has_grid));
  return ECO_OK;
}

static void provenance_facts(rp_ctx *rc, const rp_prov *p) {
  const char *unk = "(not recorded)";
  rp_fact_add(rc, RP_RUN, "results file", "%s", rc->results);
  rp_fact_add(rc, RP_RUN, "command", "%s", p->command[0] ? p->command : unk);
  if (p->version[0])
    rp_fact_add(rc, RP_RUN, "version", "ecoscale %s (git %s)", p->version,
                p->revision[0] ? p->revision : "unknown");
  else
    rp_fact_add(rc, RP_RUN, "version", "%s", unk);
  if (p->has_nranks)
    rp_fact_add(rc, RP_RUN, "ranks", "%.0f", p->nranks);
  else
    rp_fact_add(rc, RP_RUN, "ranks", "%s", unk);
  if (p->has_seed)
    rp_fact_add(rc, RP_RUN, "seed", "%.0f", p->seed);
  else
    rp_fact_add(rc, RP_RUN, "seed", "%s", unk);
  if (p->start[0] || p->end[0])
    rp_fact_add(rc, RP_RUN, "time", "%s to %s", p->start[0] ? p->start : "?",
                p->end[0] ? p->end : "?");
  /* inputs: "<sha256>  <path>" per line; show the paths with a short hash */
  const char *s = p->inputs;
  int nin = 0;
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    if (len > 0) {
      char line[1024];
      snprintf(line, sizeof line, "%.*s", (int)(len < 1000 ? len : 1000), s);
      char *sp = strstr(line, "  ");
      if (sp && sp - line == 64)
        rp_fact_add(rc, RP_RUN, "input", "%s (sha256 %.12s...)", sp + 2, line);
      else
        rp_fact_add(rc, RP_RUN, "input", "%s", line);
      ++nin;
    }
    if (!nl)
      break;
    s = nl + 1;
  }
  if (nin == 0)
    rp_fact_add(rc, RP_RUN, "inputs", "none recorded");

  char a[64];
  if (p->has_wall)
    rp_fact_add(rc, RP_FOOTPRINT, "wall time", "%.2f s", p->wall);
  if (p->has_cpu)
    rp_fact_add(rc, RP_FOOTPRINT, "CPU", "%.2f core-s", p->cpu);
  if (p->has_rss)
    rp_fact_add(rc, RP_FOOTPRINT, "peak memory", "%.0f MiB per rank",
                p->rss / 1048576.0);
  if (p->has_energy)
    rp_fact_add(rc, RP_FOOTPRINT, "energy", "%.4g Wh (%.4g J, %s)",
                p->energy / 3600.0, p->energy,
                p->energy_source[0] ? p->energy_source : "source not recorded");
  if (p->has_gco2) {
    rp_num(p->gco2, a, sizeof a);
    if (p->has_grid)
      rp_fact_add(rc, RP_FOOTPRINT, "emissions", "%s gCO2e (grid %.0f gCO2e/kWh)",
                  a, p->grid);
    else
      rp_fact_add(rc, RP_FOOTPRINT, "emissions", "%s gCO2e", a);
  }
  if (!p->has_wall && !p->has_cpu && !p->has_energy && !p->has_gco2)
    rp_fact_add(rc, RP_FOOTPRINT, "footprint", "not recorded in this file");
}

/* A pipeline file keeps each stage's provenance, with the footprint of the
 * run up to that stage's end. */
static eco_status stage_footprints(rp_ctx *rc) {
  static const char *stages[] = {"forecast", "plan", "supply", "recommend"};
  for (size_t i = 0; i < sizeof stages / sizeof stages[0]; ++i) {
    char obj[96];
    snprintf(obj, sizeof obj, "/pipeline/provenance/%s", stages[i]);
    if (!rp_exists(rc, obj))
      continue;
    double w = 0, c = 0, g = 0;
    int pw = 0, pc = 0, pg = 0;
    ECO_CALL(rp_attr_double(rc, obj, "footprint_wall_s", &w, &pw));
    ECO_CALL(rp_attr_double(rc, obj, "footprint_cpu_core_s", &c, &pc));
    ECO_CALL(rp_attr_double(rc, obj, "footprint_gco2e", &g, &pg));
    if (!pw && !pc && !pg)
      continue;
    char a[32] = "n/a", b[32] = "n/a", d[32] = "n/a";
    if (pw) snprintf(a, sizeof a, "%.2f s", w);
    if (pc) snprintf(b, sizeof b, "%.2f core-s", c);
    if (pg) rp_num(g, d, sizeof d);
    char label[64];
    snprintf(label, sizeof label, "after %s", stages[i]);
    rp_fact_add(rc, RP_FOOTPRINT, label, "wall %s, CPU %s, %s gCO2e (the run so far)", a, b,
                d);
  }
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* summary.txt and index.html                                               */
/* ------------------------------------------------------------------------ */

static int section_used(const rp_ctx *rc, rp_section s) {
  if (s == RP_RUN || s == RP_FOOTPRINT)
    return 1;
  return rc->present[s];
}

static eco_status write_summary(const rp_ctx *rc, const char *path) {
  FILE *fp = fopen(path, "w");
  ECO_CHECK(fp, ECO_ERR_IO, "cannot write %s: %s", path, strerror(errno));
  fprintf(fp, "%s of %s\n", RP_SIGNATURE, rc->results);
  for (int s = 0; s < RP_NSECTIONS; ++s) {
    if (!section_used(rc, (rp_section)s))
      continue;
    fprintf(fp, "\n[%s]\n", rp_section_title[s]);
    for (int i = 0; i < rc->nfacts; ++i)
      if (rc->facts[i].sec == (rp_section)s)
        fprintf(fp, "  %-24s %s\n", rc->facts[i].label, rc->facts[i].value);
    for (int i = 0; i < rc->nfigs; ++i)
      if (rc->figs[i].sec == (rp_section)s)
        fprintf(fp, "  plot %-19s %s.png%s  %s\n", "", rc->figs[i].stem,
                rc->figs[i].svg ? " (+ .svg)" : "", rc->figs[i].title);
    for (int i = 0; i < rc->nnotes; ++i)
      if (rc->notes[i].sec == (rp_section)s)
        fprintf(fp, "  skipped: %s\n", rc->notes[i].text);
  }
  int stages = 0;
  for (int s = RP_FORECAST; s < RP_NSECTIONS; ++s)
    stages += rc->present[s];
  if (stages == 0)
    fprintf(fp, "\nThe file holds no stage results (/forecast, /plan, "
                "/supply, /recommend): nothing to plot.\n");
  fprintf(fp, "\n%d picture%s\n", rc->nfigs, eco_plural(rc->nfigs));
  int bad = ferror(fp);
  bad |= fclose(fp) != 0;
  ECO_CHECK(!bad, ECO_ERR_IO, "writing %s failed", path);
  return ECO_OK;
}

static void html_text(FILE *fp, const char *s) {
  for (; *s; ++s) {
    switch (*s) {
    case '&': fputs("&amp;", fp); break;
    case '<': fputs("&lt;", fp); break;
    case '>': fputs("&gt;", fp); break;
    case '"': fputs("&quot;", fp); break;
    case '\'': fputs("&#39;", fp); break;
    default: fputc(*s, fp);
    }
  }
}

/* The key figures of section sec as a table. */
static void facts_table(FILE *fp, const rp_ctx *rc, rp_section sec) {
  fputs("<table class=\"facts\">\n", fp);
  for (int i = 0; i < rc->nfacts; ++i)
    if (rc->facts[i].sec == sec) {
      fputs("<tr><td>", fp);
      html_text(fp, rc->facts[i].label);
      fputs("</td><td>", fp);
      html_text(fp, rc->facts[i].value);
      fputs("</td></tr>\n", fp);
    }
  fputs("</table>\n", fp);
}

static const char *html_head =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>ecoscale report</title>\n<style>\n"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "margin:0;color:#222;background:#f6f8f5}\n"
    "header{background:#00683a;color:#fff;padding:1.2em 2em}\n"
    "header h1{margin:0;font-size:1.6em}header p{margin:.3em 0 0;opacity:.9}\n"
    "header nav{margin-top:.6em}header nav a{color:#e5f5e0;margin-right:1.2em;"
    "text-decoration:none;font-weight:600}\n"
    "main{max-width:1100px;margin:0 auto;padding:1em 2em 3em}\n"
    "section{background:#fff;border-radius:8px;padding:1em 1.5em;margin:1.2em 0;"
    "box-shadow:0 1px 3px rgba(0,0,0,.08)}\n"
    "h2{color:#00683a;border-bottom:2px solid #a1d99b;padding-bottom:.2em}\n"
    "table.facts{border-collapse:collapse}\n"
    "table.facts td{padding:.25em 1em .25em 0;vertical-align:top}\n"
    "table.facts td:first-child{color:#555;white-space:nowrap}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:1em;margin:.5em 0}\n"
    ".card{background:#e5f5e0;border-radius:6px;padding:.6em 1em;min-width:9em}\n"
    ".card b{display:block;font-size:1.3em;color:#00683a}\n"
    "figure{margin:1.2em 0}figure img{max-width:100%;height:auto;"
    "border:1px solid #ddd;border-radius:4px}\n"
    "figcaption{color:#444;font-size:.92em;margin-top:.3em}\n"
    ".skipped{color:#8c510a}\n#img-check{color:#666;font-size:.85em}\n"
    "</style>\n</head>\n<body>\n";

static eco_status write_html(const rp_ctx *rc, const rp_prov *p,
                             const char *path) {
  FILE *fp = fopen(path, "w");
  ECO_CHECK(fp, ECO_ERR_IO, "cannot write %s: %s", path, strerror(errno));
  fputs(html_head, fp);
  fputs("<header><h1>ecoscale report</h1><p>", fp);
  html_text(fp, rc->results);
  if (p->command[0]) {
    fputs(" &middot; command <code>", fp);
    html_text(fp, p->command);
    fputs("</code>", fp);
  }
  if (p->end[0]) {
    fputs(" &middot; ", fp);
    html_text(fp, p->end);
  }
  fputs("</p><nav>", fp);
  fputs("<a href=\"#footprint\">Footprint</a> <a href=\"#provenance\">Provenance</a>", fp);
  for (int s = RP_FORECAST; s < RP_NSECTIONS; ++s)
    if (rc->present[s])
      fprintf(fp, " <a href=\"#%s\">%s</a>", rp_section_title[s], rp_section_title[s]);
  fputs("</nav></header>\n<main>\n", fp);

  /* footprint cards */
  fputs("<section id=\"footprint\"><h2>Footprint of the run</h2>\n<div class=\"cards\">\n", fp);
  char a[64];
  if (p->has_wall)
    fprintf(fp, "<div class=\"card\"><b>%.2f s</b>wall time</div>\n", p->wall);
  if (p->has_cpu)
    fprintf(fp, "<div class=\"card\"><b>%.2f</b>CPU core-seconds</div>\n", p->cpu);
  if (p->has_energy)
    fprintf(fp, "<div class=\"card\"><b>%.3g Wh</b>energy (%s)</div>\n",
            p->energy / 3600.0, p->energy_source[0] ? p->energy_source : "?");
  if (p->has_gco2) {
    rp_num(p->gco2, a, sizeof a);
    fprintf(fp, "<div class=\"card\"><b>%s g</b>CO<sub>2</sub>e emitted</div>\n", a);
  }
  if (p->has_nranks)
    fprintf(fp, "<div class=\"card\"><b>%.0f</b>MPI ranks</div>\n", p->nranks);
  fputs("</div>\n", fp);
  facts_table(fp, rc, RP_FOOTPRINT);
  fputs("</section>\n", fp);

  for (int s = 0; s < RP_NSECTIONS; ++s) {
    if (!section_used(rc, (rp_section)s) || s == RP_FOOTPRINT)
      continue;
    fprintf(fp, "<section id=\"%s\"><h2>%s</h2>\n", s == RP_RUN ? "provenance" : rp_section_title[s],
            s == RP_RUN ? "Provenance" : rp_section_title[s]);
    facts_table(fp, rc, (rp_section)s);
    for (int i = 0; i < rc->nfigs; ++i) {
      const rp_fig *g = &rc->figs[i];
      if (g->sec != (rp_section)s)
        continue;
      fprintf(fp, "<figure id=\"%s\"><img src=\"%s.png\" width=\"%d\" height=\"%d\" alt=\"",
              g->stem, g->stem, rc->o->width, rc->o->height);
      html_text(fp, g->title);
      fputs("\"><figcaption><b>", fp);
      html_text(fp, g->title);
      fputs(".</b> ", fp);
      html_text(fp, g->caption);
      if (g->svg)
        fprintf(fp, " <a href=\"%s.svg\">SVG</a>", g->stem);
      fputs("</figcaption></figure>\n", fp);
    }
    for (int i = 0; i < rc->nnotes; ++i)
      if (rc->notes[i].sec == (rp_section)s) {
        fputs("<p class=\"skipped\">Not drawn: ", fp);
        html_text(fp, rc->notes[i].text);
        fputs("</p>\n", fp);
      }
    fputs("</section>\n", fp);
  }
  int stages = 0;
  for (int s = RP_FORECAST; s < RP_NSECTIONS; ++s)
    stages += rc->present[s];
  if (stages == 0)
    fputs("<section><p>The file holds no stage results (/forecast, /plan, "
          "/supply, /recommend): nothing to plot.</p></section>\n", fp);
  /* A browser fills this in once every picture has loaded (or failed). */
  fputs("<p id=\"img-check\" data-loaded=\"-1\" data-total=\"-1\">images: "
        "not checked</p>\n</main>\n<script>\n"
        "window.addEventListener('load', function () {\n"
        "  var imgs = document.images, ok = 0;\n"
        "  for (var i = 0; i < imgs.length; i++)\n"
        "    if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++;\n"
        "  var p = document.getElementById('img-check');\n"
        "  p.setAttribute('data-loaded', ok);\n"
        "  p.setAttribute('data-total', imgs.length);\n"
        "  p.textContent = 'images loaded: ' + ok + ' of ' + imgs.length;\n"
        "});\n</script>\n</body>\n</html>\n",
        fp);
  int bad = ferror(fp);
  bad |= fclose(fp) != 0;
  ECO_CHECK(!bad, ECO_ERR_IO, "writing %s failed", path);
  return ECO_OK;
}

/* ------------------------------------------------------------------------ */
/* The report                                                               */
/* ------------------------------------------------------------------------ */

static eco_status build(rp_ctx *rc) {
  rp_prov prov;
  ECO_CALL(rp_plot_check_drivers());
  ECO_CALL(read_provenance(rc, &prov));
  provenance_facts(rc, &prov);
  ECO_CALL(stage_footprints(rc));
  static const char *groups[RP_NSECTIONS] = {NULL, NULL, "/forecast", "/plan",
                                             "/supply", "/recommend"};
  for (int s = RP_FORECAST; s < RP_NSECTIONS; ++s)
    rc->present[s] = rp_exists(rc, groups[s]);
  if (rc->present[RP_FORECAST]) ECO_CALL(rp_forecast(rc));
  if (rc->present[RP_PLAN]) ECO_CALL(rp_plan(rc));
  if (rc->present[RP_SUPPLY]) ECO_CALL(rp_supply(rc));
  if (rc->present[RP_RECOMMEND]) ECO_CALL(rp_recommend(rc));
  char path[ECO_STR_MAX + 32];
  snprintf(path, sizeof path, "%s/summary.txt", rc->dir);
  ECO_CALL(write_summary(rc, path));
  snprintf(path, sizeof path, "%s/index.html", rc->dir);
  ECO_CALL(write_html(rc, &prov, path));
  return ECO_OK;
}

/* Rank 0: everything. */
static eco_status report_local(const char *results, const char *dir,
                               const eco_report_options *o) {
  eco_status st = ECO_OK;
  rp_ctx *rc = NULL;
  char tmp[ECO_STR_MAX + 8], old[ECO_STR_MAX + 32];
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/') --dl; /* "out/" -> "out" */
  char d[ECO_STR_MAX];
  snprintf(d, sizeof d, "%.*s", (int)dl, dir);
  snprintf(tmp, sizeof tmp, "%s.tmp", d);
  snprintf(old, sizeof old, "%s.old.%ld", d, (long)getpid());

  int exists = 0;
  ECO_CALL(check_target(d, &exists));
  ECO_CALL(eco_calloc(1, sizeof *rc, &rc));
  rc->results = results;
  rc->dir = tmp;
  rc->o = o;
  ECO_CALL_GOTO(st, eco_h5_open(MPI_COMM_SELF, results, ECO_H5_READ, &rc->f), done);
  ECO_CALL_GOTO(st, make_parent(tmp), done);
  ECO_CALL_GOTO(st, remove_tree(tmp), done);
  ECO_CHECK_GOTO(st, mkdir(tmp, 0777) == 0, ECO_ERR_IO, done,
                 "cannot create folder %s: %s", tmp, strerror(errno));
  ECO_CALL_GOTO(st, build(rc), done);
  ECO_CALL_GOTO(st, eco_h5_close(&rc->f), done);
  /* swap in: the old report moves aside, the new one takes its name */
  if (exists)
    ECO_CHECK_GOTO(st, rename(d, old) == 0, ECO_ERR_IO, done,
                   "cannot move the older report %s aside: %s", d, strerror(errno));
  if (rename(tmp, d) != 0) {
    st = eco_error_set(ECO_ERR_IO, __FILE__, __LINE__, "cannot rename %s to %s: %s",
                       tmp, d, strerror(errno));
    if (exists)
      rename(old, d);
    goto done;
  }
  if (exists && remove_tree(old) != ECO_OK) { /* the new report is in place */
    eco_log(ECO_LOG_WARN, "report: could not delete the older report moved to %s: %s", old,
            eco_error_message());
    eco_error_clear();
  }
  eco_log_root(ECO_LOG_INFO, "report: %d picture%s, index.html and summary.txt in %s",
               rc->nfigs, eco_plural(rc->nfigs), d);
done:
  if (rc) {
    if (rc->f) {
      eco_h5_close(&rc->f);
    }
    if (st != ECO_OK && st != ECO_ERR_USAGE)
      remove_tree(tmp);
  }
  free(rc);
  return st;
}

eco_status eco_report_write(MPI_Comm comm, const char *results, const char *dir,
                            const eco_report_options *opts) {
  int rank = 0;
  ECO_CALL_MPI(MPI_Comm_rank(comm, &rank));
  eco_status st = ECO_OK;
  if (rank == 0) {
    eco_timer_begin("report.write");
    st = report_local(results, dir, opts);
    eco_timer_end("report.write");
  }
  return eco_agree(comm, st);
}

/* ------------------------------------------------------------------------ */
/* The command                                                              */
/* ------------------------------------------------------------------------ */

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

static eco_status report_check(const eco_ctx *ctx, void *opts) {
  (void)opts;
  ECO_CHECK(ctx->ninputs == 1, ECO_ERR_USAGE,
            "'ecoscale report' takes one results file (RESULTS.h5), got %d "
            "arguments",
            ctx->ninputs);
  const char *out = ctx->run->output;
  ECO_CHECK(out[0] && !ends_with(out, ".h5"), ECO_ERR_USAGE,
            "'ecoscale report' writes a folder: give it with -o DIR (got '%s')",
            out);
  ECO_CHECK(strcmp(out, ctx->inputs[0]) != 0, ECO_ERR_USAGE,
            "the report folder cannot be the results file %s", out);
  return ECO_OK;
}

static eco_status report_run(const eco_ctx *ctx, void *opts) {
  return eco_report_write(ctx->comm, ctx->inputs[0], ctx->run->output, opts);
}

const eco_command eco_report_command = {
    "report", "RESULTS.h5",
    "plots (PNG, SVG), index.html and summary.txt of a results file into "
    "the folder -o DIR",
    &eco_report_option_table, report_check, report_run};
