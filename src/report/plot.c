/* PLplot drawing for the report: one picture per fresh stream (PLplot keeps
 * global state per stream), drawn once per device (pngcairo, svgcairo), a
 * white page with a light grid, the product's green palette and readable
 * fonts. */
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "report_impl.h"

static const unsigned char palette[RP_C_COUNT][3] = {
    [RP_C_BG] = {255, 255, 255},          [RP_C_FG] = {40, 40, 40},
    [RP_C_GRID] = {222, 222, 222},        [RP_C_GREEN_DARK] = {0, 104, 55},
    [RP_C_GREEN] = {49, 163, 84},         [RP_C_GREEN_LIGHT] = {161, 217, 155},
    [RP_C_GREEN_PALE] = {229, 245, 224},  [RP_C_BLUE] = {44, 90, 160},
    [RP_C_ORANGE] = {230, 97, 1},         [RP_C_GREY] = {150, 150, 150},
    [RP_C_PURPLE] = {118, 42, 131},       [RP_C_TEAL] = {1, 133, 113},
    [RP_C_BROWN] = {140, 81, 10},         [RP_C_PINK] = {197, 27, 125},
};

int rp_cat_color(int i) {
  static const int cycle[] = {RP_C_GREEN_DARK, RP_C_BLUE,  RP_C_ORANGE,
                              RP_C_PURPLE,     RP_C_TEAL,  RP_C_BROWN,
                              RP_C_PINK,       RP_C_GREEN, RP_C_GREY};
  int n = (int)(sizeof cycle / sizeof cycle[0]);
  return cycle[((i % n) + n) % n];
}

static int have_device(const char *name) {
  const char **menu = NULL, **devs = NULL;
  int n = 0;
  static const char *m[128], *d[128];
  menu = m;
  devs = d;
  n = 128;
  plgDevs(&menu, &devs, &n);
  for (int i = 0; i < n; ++i)
    if (devs[i] && strcmp(devs[i], name) == 0)
      return 1;
  return 0;
}

eco_status rp_plot_check_drivers(void) {
  ECO_CHECK(have_device("pngcairo") && have_device("svgcairo"), ECO_ERR_IO,
            "PLplot has no cairo drivers (pngcairo, svgcairo): install the "
            "Debian package plplot-driver-cairo");
  return ECO_OK;
}

/* PLplot reports a recoverable problem through plabort; log it. */
static void abort_handler(PLCHAR_VECTOR msg) {
  eco_log(ECO_LOG_WARN, "report: PLplot: %s", msg ? msg : "");
}

static eco_status draw_device(const char *dev, const char *path, int width,
                              int height, rp_draw_fn draw, const void *arg) {
  PLINT strm = 0, old = 0;
  plgstrm(&old);
  plmkstrm(&strm);
  ECO_CHECK(strm >= 0, ECO_ERR_IO, "PLplot: no free plot stream for %s", path);
  plsabort(abort_handler);
  plsdev(dev);
  plsfnam(path);
  plspage(0.0, 0.0, width, height, 0, 0);
  for (int i = 0; i < RP_C_COUNT; ++i)
    plscol0(i, palette[i][0], palette[i][1], palette[i][2]);
  plscolbg(255, 255, 255);
  plsfam(0, 0, 0);
  plinit();
  plfontld(1);
  plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
  plschr(0.0, 1.0);
  plsxax(9, 0); /* plain numbers up to 9 digits, no "(x10^4)" */
  plsyax(9, 0);
  plcol0(RP_C_FG);
  draw(arg);
  plend1();
  plsstrm(old);
  struct stat sb;
  ECO_CHECK(stat(path, &sb) == 0 && sb.st_size > 0, ECO_ERR_IO,
            "PLplot (%s) did not write %s", dev, path);
  return ECO_OK;
}

eco_status rp_plot(rp_ctx *rc, rp_section sec, const char *stem,
                   const char *title, const char *caption, rp_draw_fn draw,
                   const void *arg) {
  ECO_CHECK(rc->nfigs < RP_MAX_FIGS, ECO_ERR_INTERNAL, "too many pictures");
  char path[ECO_STR_MAX + 128];
  snprintf(path, sizeof path, "%s/%s.png", rc->dir, stem);
  ECO_CALL(draw_device("pngcairo", path, rc->o->width, rc->o->height, draw, arg));
  if (rc->o->svg) {
    snprintf(path, sizeof path, "%s/%s.svg", rc->dir, stem);
    ECO_CALL(draw_device("svgcairo", path, rc->o->width, rc->o->height, draw, arg));
  }
  rp_fig *fg = &rc->figs[rc->nfigs++];
  fg->sec = sec;
  snprintf(fg->stem, sizeof fg->stem, "%s", stem);
  snprintf(fg->title, sizeof fg->title, "%s", title);
  snprintf(fg->caption, sizeof fg->caption, "%s", caption ? caption : "");
  fg->svg = rc->o->svg;
  eco_log(ECO_LOG_DEBUG, "report: wrote %s.png%s", stem, rc->o->svg ? " and .svg" : "");
  return ECO_OK;
}

void rp_range(const double *v, int64_t n, double *lo, double *hi, double frac) {
  double a = INFINITY, b = -INFINITY;
  for (int64_t i = 0; i < n; ++i)
    if (isfinite(v[i])) {
      if (v[i] < a) a = v[i];
      if (v[i] > b) b = v[i];
    }
  if (!(a <= b)) {
    a = 0;
    b = 1;
  }
  if (b - a < 1e-12 * (fabs(a) + fabs(b)) || b == a) {
    double d = fabs(a) > 0 ? 0.05 * fabs(a) : 0.5;
    a -= d;
    b += d;
  }
  double pad = (b - a) * frac;
  *lo = a - pad;
  *hi = b + pad;
}

void rp_range_merge(double *lo, double *hi, double lo2, double hi2) {
  if (isfinite(lo2) && lo2 < *lo) *lo = lo2;
  if (isfinite(hi2) && hi2 > *hi) *hi = hi2;
}

void rp_box_add(rp_box *b, double x, double y) {
  b->x0 = fmin(b->x0, x);
  b->x1 = fmax(b->x1, x);
  b->y0 = fmin(b->y0, y);
  b->y1 = fmax(b->y1, y);
}

void rp_box_pad(rp_box *b) {
  double pad = 0.04 * fmax(b->x1 - b->x0, b->y1 - b->y0);
  if (!(pad > 0)) pad = 1;
  b->x0 -= pad;
  b->x1 += pad;
  b->y0 -= pad;
  b->y1 += pad;
}

static void frame(double xmin, double xmax, double ymin, double ymax,
                  const char *xlabel, const char *ylabel, const char *title,
                  double ylabel_disp) {
  plwind(xmin, xmax, ymin, ymax);
  plcol0(RP_C_GRID);
  plwidth(1.0);
  plbox("g", 0.0, 0, "g", 0.0, 0);
  plcol0(RP_C_FG);
  plwidth(1.2);
  plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
  plwidth(1.0);
  plmtex("b", 3.2, 0.5, 0.5, xlabel ? xlabel : "");
  plmtex("l", ylabel_disp, 0.5, 0.5, ylabel ? ylabel : "");
  if (title && title[0]) {
    plschr(0.0, 1.15);
    plmtex("t", 1.6, 0.5, 0.5, title);
    plschr(0.0, 1.0);
  }
}

void rp_axes(double xmin, double xmax, double ymin, double ymax,
             const char *xlabel, const char *ylabel, const char *title) {
  pladv(0);
  plvpor(0.15, 0.96, 0.13, 0.88);
  frame(xmin, xmax, ymin, ymax, xlabel, ylabel, title, 7.0);
}

void rp_axes_cbar(double xmin, double xmax, double ymin, double ymax, const char *xlabel,
                  const char *ylabel, const char *title) {
  pladv(0);
  plvpor(0.15, 0.82, 0.13, 0.88); /* room for a colour bar on the right */
  frame(xmin, xmax, ymin, ymax, xlabel, ylabel, title, 7.0);
}

void rp_axes_aspect(double xmin, double xmax, double ymin, double ymax,
                    const char *xlabel, const char *ylabel, const char *title) {
  pladv(0);
  plvpas(0.06, 0.80, 0.12, 0.88, (ymax - ymin) / (xmax - xmin)); /* legend on the right */
  frame(xmin, xmax, ymin, ymax, xlabel, ylabel, title, 3.5);
}

void rp_axes_sub(double xmin, double xmax, double ymin, double ymax,
                 const char *xlabel, const char *ylabel, const char *title) {
  plvpor(0.22, 0.95, 0.17, 0.84);
  frame(xmin, xmax, ymin, ymax, xlabel, ylabel, title, 5.6);
}

void rp_line(int64_t n, const double *x, const double *y, int color,
             double width, int style) {
  plcol0(color);
  plwidth(width);
  pllsty(style);
  int64_t i = 0;
  while (i < n) {
    while (i < n && !(isfinite(x[i]) && isfinite(y[i]))) ++i;
    int64_t j = i;
    while (j < n && isfinite(x[j]) && isfinite(y[j])) ++j;
    if (j - i >= 2)
      plline((PLINT)(j - i), x + i, y + i);
    else if (j - i == 1)
      plstring(1, x + i, y + i, "●");
    i = j;
  }
  pllsty(1);
  plwidth(1.0);
  plcol0(RP_C_FG);
}

void rp_legend(int n, const rp_legend_entry *e, int pos) {
  if (n <= 0)
    return;
  PLINT opt[32], tcol[32], bcol[32], bpat[32], lcol[32], lsty[32], scol[32],
      snum[32];
  PLFLT bscale[32], bwidth[32], lwidth[32], sscale[32];
  PLCHAR_VECTOR text[32], syms[32];
  if (n > 32) n = 32;
  for (int i = 0; i < n; ++i) {
    opt[i] = 0;
    if (e[i].box_color >= 0) opt[i] |= PL_LEGEND_COLOR_BOX;
    if (e[i].line_color >= 0) opt[i] |= PL_LEGEND_LINE;
    if (e[i].sym_color >= 0) opt[i] |= PL_LEGEND_SYMBOL;
    tcol[i] = RP_C_FG;
    bcol[i] = e[i].box_color >= 0 ? e[i].box_color : 0;
    bpat[i] = 0;
    bscale[i] = 0.8;
    bwidth[i] = 1.0;
    lcol[i] = e[i].line_color >= 0 ? e[i].line_color : 0;
    lsty[i] = e[i].line_style > 0 ? e[i].line_style : 1;
    lwidth[i] = 2.0;
    scol[i] = e[i].sym_color >= 0 ? e[i].sym_color : 0;
    sscale[i] = 1.0;
    snum[i] = 1;
    syms[i] = e[i].sym ? e[i].sym : "●";
    text[i] = e[i].text;
  }
  PLFLT w = 0, h = 0;
  plschr(0.0, 0.85);
  pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           (pos & PL_POSITION_OUTSIDE) ? pos : pos | PL_POSITION_INSIDE,
           0.02, 0.02, 0.08, RP_C_BG, RP_C_GRID, 1, 0, 0, n, opt, 1.0, 1.0,
           1.6, 0.0, tcol, text, bcol, bpat, bscale, bwidth, lcol, lsty, lwidth,
           scol, sscale, snum, syms);
  plschr(0.0, 1.0);
  pllsty(1);
  plcol0(RP_C_FG);
}
