#!/usr/bin/Rscript
# R peer: automatic ETS with the reference implementation, forecast::ets()
# with its defaults (every admissible form of errors A/M, trends N/A/Ad,
# seasons N/A/M, lowest AICc), on ts(y, frequency = m) per series of an
# M4-format train file; forecasts h steps. Writes the forecasts as a wide CSV
# (id, then h values; what score.py reads), and prints the M4 sMAPE and MASE
# on the test part, the chosen forms and the fitting CPU seconds (one core:
# run single-threaded, OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1).
#
#   Rscript r_autoets.R TRAIN.csv TEST.csv M H MASE_M MAX_SERIES OUT.csv
#
# Note: R's ets() refuses seasonal models for m > 24 ("I can't handle data
# with frequency greater than 24"): for m = 52 it fits the non-seasonal
# forms only (errors A/M x trends N/A/Ad, 6 forms), as it says below.
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 7)
  stop("usage: r_autoets.R TRAIN.csv TEST.csv M H MASE_M MAX_SERIES OUT.csv")
train_path <- args[1]; test_path <- args[2]
m <- as.integer(args[3]); h <- as.integer(args[4]); mase_m <- as.integer(args[5])
max_series <- as.integer(args[6]); out_path <- args[7]

# One series a line: "id",v1,v2,... (ragged rows; header "V1","V2")
read_wide <- function(path, n) {
  lines <- readLines(path)[-1]
  lines <- head(lines[nzchar(lines)], n)
  lapply(strsplit(lines, ",", fixed = TRUE), function(f) {
    v <- f[-1]
    list(id = gsub('"', "", f[1]), y = as.numeric(v[nzchar(trimws(v))]))
  })
}
train <- read_wide(train_path, max_series)
test <- read_wide(test_path, max_series)

out <- file(out_path, "w")
writeLines(paste(c('"V1"', sprintf('"V%d"', seq_len(h) + 1)), collapse = ","), out)
smape <- numeric(0); mase <- numeric(0); forms <- character(0); secs <- 0
for (i in seq_along(train)) {
  y <- train[[i]]$y
  yt <- head(test[[i]]$y, h)
  t0 <- proc.time()
  fit <- suppressWarnings(ets(ts(y, frequency = m)))
  f <- as.numeric(forecast(fit, h = h)$mean)
  t1 <- proc.time()
  secs <- secs + (t1[["user.self"]] - t0[["user.self"]]) + (t1[["sys.self"]] - t0[["sys.self"]])
  forms <- c(forms, fit$method)
  writeLines(paste(c(sprintf('"%s"', train[[i]]$id), sprintf("%.17g", f)), collapse = ","), out)
  smape <- c(smape, mean(200 * abs(yt - f) / (abs(yt) + abs(f))))
  lag <- if (length(y) > mase_m) mase_m else 1
  scale <- mean(abs(y[(lag + 1):length(y)] - y[1:(length(y) - lag)]))
  mase <- c(mase, mean(abs(yt - f)) / scale)
}
close(out)
if (m > 24)
  cat(sprintf("note R's ets() refuses seasonal models for m > 24: m = %d fitted with non-seasonal forms only\n", m))
tab <- sort(table(forms), decreasing = TRUE)
cat(sprintf("forms %s\n", paste(sprintf("%s:%d", names(tab), as.integer(tab)), collapse = " ")))
cat(sprintf("series %d\n", length(train)))
cat(sprintf("cpu_seconds %.3f\n", secs))
cat(sprintf("smape %.4f\n", mean(smape)))
cat(sprintf("mase %.4f\n", mean(mase)))
cat(sprintf("version forecast-%s R-%s\n", packageVersion("forecast"), getRversion()))
