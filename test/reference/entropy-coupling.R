# Reference values for min-max normalization, entropy weights, subsystem
# indices and coupling coordination (classic and Wang et al. 2021 modified),
# computed in base R independently of the TypeScript core.
#
# Data: plm's Grunfeld (10 firms x 20 years) and Produc (48 US states x 17
# years). Writes the panels as CSV and the expected values as JSON into
# test/fixtures/entropy-coupling/. Run from the repository root:
#
#   Rscript test/reference/entropy-coupling.R
#
# Needs the Debian packages r-cran-plm and r-cran-jsonlite.

suppressPackageStartupMessages({
  library(plm)
  library(jsonlite)
})

out_dir <- file.path("test", "fixtures", "entropy-coupling")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# Range standardization with a direction per column; min and max over the
# rows of each group (one group = pooled). A constant column becomes 1.
normalize_range <- function(x, directions, groups) {
  v <- matrix(NA_real_, nrow(x), ncol(x))
  for (g in unique(groups)) {
    rows <- which(groups == g)
    for (j in seq_len(ncol(x))) {
      lo <- min(x[rows, j])
      hi <- max(x[rows, j])
      if (hi == lo) {
        v[rows, j] <- 1
      } else if (directions[j] == "positive") {
        v[rows, j] <- (x[rows, j] - lo) / (hi - lo)
      } else {
        v[rows, j] <- (hi - x[rows, j]) / (hi - lo)
      }
    }
  }
  v
}

# Entropy weight method: shares, Shannon entropy scaled by 1/log(n),
# divergence and weights. 0 * log(0) is taken as 0.
entropy_method <- function(v, shift) {
  n <- nrow(v)
  p <- sweep(v + shift, 2, colSums(v + shift), "/")
  plogp <- ifelse(p > 0, p * log(p), 0)
  e <- -colSums(plogp) / log(n)
  d <- 1 - e
  list(entropy = unname(e), divergence = unname(d), weights = unname(d / sum(d)))
}

classic_c <- function(u) {
  n <- length(u)
  if (any(u == 0)) return(0)
  prod(u)^(1 / n) / mean(u)
}

# Wang, Kong, Ren, Zhi & Dai (2021), Journal of Natural Resources
# 36(3):793-810: spread of the pairwise gaps times the geometric mean of
# the ratios to the largest index.
modified_c <- function(u) {
  n <- length(u)
  if (any(u == 0)) return(0)
  pairs <- combn(n, 2)
  gaps <- sum(abs(u[pairs[1, ]] - u[pairs[2, ]]))
  balance <- 1 - gaps / sum(seq_len(n - 1))
  sqrt(balance * prod(u / max(u))^(1 / (n - 1)))
}

grade_level <- function(d) {
  upper <- seq(0.1, 1, by = 0.1)
  upper <- round(upper, 1)
  vapply(d, function(x) which(x <= upper)[1], integer(1))
}

evaluate_case <- function(x, spec, case) {
  groups <- if (case$scope == "per-year") x$year else rep(0, nrow(x))
  raw <- as.matrix(x[, spec$indicators])
  v <- normalize_range(raw, spec$directions, groups)
  ent <- entropy_method(v, case$shift)

  subsystems <- unique(spec$subsystemOf)
  within <- ent$weights
  for (s in subsystems) {
    cols <- spec$subsystemOf == s
    within[cols] <- ent$weights[cols] / sum(ent$weights[cols])
  }
  u <- sapply(subsystems, function(s) {
    cols <- spec$subsystemOf == s
    as.vector(v[, cols, drop = FALSE] %*% within[cols])
  })

  alpha <- if (is.null(case$alpha)) rep(1 / length(subsystems), length(subsystems)) else case$alpha
  cc <- apply(u, 1, classic_c)
  cm <- apply(u, 1, modified_c)
  t <- as.vector(u %*% alpha)
  list(
    name = case$name,
    scope = case$scope,
    shift = case$shift,
    alpha = alpha,
    normalized = unname(v),
    entropy = ent$entropy,
    divergence = ent$divergence,
    weights = ent$weights,
    withinSubsystem = within,
    subsystemIndex = unname(u),
    T = t,
    classic = list(C = cc, D = sqrt(cc * t), gradeLevel = grade_level(sqrt(cc * t))),
    modified = list(C = cm, D = sqrt(cm * t), gradeLevel = grade_level(sqrt(cm * t)))
  )
}

write_dataset <- function(name, x, unit_col, spec, cases) {
  panel <- data.frame(unit = x[[unit_col]], year = x$year, x[, spec$indicators])
  write.csv(panel, file.path(out_dir, paste0(name, ".csv")), row.names = FALSE)
  expected <- list(
    dataset = name,
    source = spec$source,
    indicators = spec$indicators,
    directions = spec$directions,
    subsystemOf = spec$subsystemOf,
    subsystems = unique(spec$subsystemOf),
    rows = nrow(x),
    cases = lapply(cases, function(case) evaluate_case(x, spec, case))
  )
  write_json(expected, file.path(out_dir, paste0(name, ".expected.json")),
             digits = NA, auto_unbox = TRUE, pretty = FALSE)
}

data("Grunfeld", package = "plm")
write_dataset(
  "grunfeld", Grunfeld, "firm",
  list(
    source = "plm::Grunfeld (Grunfeld 1958; Kleiber and Zeileis 2010)",
    indicators = c("inv", "value", "capital"),
    directions = c("positive", "positive", "negative"),
    subsystemOf = c("activity", "activity", "capital")
  ),
  list(
    list(name = "pooled", scope = "pooled", shift = 0),
    list(name = "per-year-shift", scope = "per-year", shift = 0.01),
    list(name = "pooled-alpha", scope = "pooled", shift = 0, alpha = c(0.7, 0.3))
  )
)

data("Produc", package = "plm")
Produc$state <- as.character(Produc$state)
write_dataset(
  "produc", Produc, "state",
  list(
    source = "plm::Produc (Munnell 1990; Baltagi 2005)",
    indicators = c("hwy", "water", "util", "pc", "gsp", "emp", "unemp"),
    directions = c(rep("positive", 6), "negative"),
    subsystemOf = c("infrastructure", "infrastructure", "infrastructure",
                    "economy", "economy", "labour", "labour")
  ),
  list(
    list(name = "pooled", scope = "pooled", shift = 0),
    list(name = "per-year-shift", scope = "per-year", shift = 0.01),
    list(name = "pooled-alpha", scope = "pooled", shift = 0.0001, alpha = c(0.5, 0.3, 0.2))
  )
)
