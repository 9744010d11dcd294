# Regenerates the expected values of the factor-analysis, reliability and
# confirmatory-factor tests from R (Debian packages r-cran-psych,
# r-cran-gparotation, r-cran-lavaan, r-cran-jsonlite).
#
#   Rscript test/reference/factor.R        (run from the repository root)
#
# Writes the data sets as CSV and the expected values as JSON under
# test/fixtures/factor/. The tests read only those files, so CI needs no R.
suppressPackageStartupMessages({
  library(psych)
  library(GPArotation)
  library(lavaan)
  library(jsonlite)
})

out <- "test/fixtures/factor"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

write_data <- function(x, file) {
  x <- as.data.frame(x)
  write.csv(x, file.path(out, file), row.names = FALSE)
}

to_rows <- function(m) unname(lapply(seq_len(nrow(m)), function(i) unname(m[i, ])))

# ---------------------------------------------------------------------------
# Exploratory factor analysis (principal components + varimax)
#
# Conventions shared with lib/analysis/factor: components are ordered by
# rotated sum of squares (largest first) and each column of loadings is signed
# so that its sum is positive. Varimax is stats::varimax with Kaiser
# normalization restarted until the varimax stationarity condition holds to
# 1e-13 (R's default eps = 1e-5 stops far earlier), cross-checked against
# GPArotation::Varimax.
# ---------------------------------------------------------------------------
efa_case <- function(name, x, file, k = NULL) {
  x <- as.matrix(x)
  if (!is.null(file)) write_data(x, file)
  n <- nrow(x)
  p <- ncol(x)
  r <- cor(x)
  e <- eigen(r, symmetric = TRUE)
  values <- e$values
  if (is.null(k)) k <- sum(values > 1)
  a0 <- e$vectors[, 1:k, drop = FALSE] %*% diag(sqrt(values[1:k]), k)
  # Sign of unrotated columns: positive column sum (same rule as rotated).
  s0 <- ifelse(colSums(a0) < 0, -1, 1)
  a0 <- a0 %*% diag(s0, k)
  if (k > 1) {
    # Stationarity of the varimax criterion: with Kaiser-normalized rotated
    # loadings L, M = L'(L^3 - L diag(colMeans(L^2))) is symmetric at an
    # optimum. Its asymmetry measures how far the rotation is from converged.
    asymmetry <- function(l) {
      ln <- l / sqrt(rowSums(l^2))
      m <- t(ln) %*% (ln^3 - ln %*% diag(colMeans(ln^2), ncol(l)))
      max(abs(m - t(m)))
    }
    # stats::varimax stops after 1000 iterations, or when one iteration
    # gains less than eps; where convergence is slow the latter happens long
    # before the optimum. Restart it from its own output, accumulating the
    # rotation, until the stationarity condition holds to 1e-13.
    rot <- a0
    tmat <- diag(k)
    for (restart in 1:2000) {
      v <- stats::varimax(rot, normalize = TRUE, eps = 0)
      rot <- unclass(v$loadings)
      tmat <- tmat %*% v$rotmat
      if (asymmetry(rot) < 1e-13) break
    }
    if (asymmetry(rot) > 1e-12) stop(name, ": varimax not converged, asymmetry ", asymmetry(rot))
    # Cross-check with the gradient-projection algorithm. GPArotation's
    # criterion stalls near 1e-7 in double precision, hence the looser check.
    g <- GPArotation::Varimax(a0, normalize = TRUE, eps = 1e-6, maxit = 10000)
    gl <- unclass(g$loadings)
    agree <- max(sapply(seq_len(k), function(j) {
      min(sapply(seq_len(k), function(i) min(max(abs(rot[, j] - gl[, i])), max(abs(rot[, j] + gl[, i])))))
    }))
    if (agree > 1e-4) stop(name, ": stats::varimax and GPArotation disagree by ", agree)
  } else {
    rot <- a0
    tmat <- matrix(1, 1, 1)
  }
  ss <- colSums(rot^2)
  ord <- order(-ss)
  rot <- rot[, ord, drop = FALSE]
  tmat <- tmat[, ord, drop = FALSE]
  sg <- ifelse(colSums(rot) < 0, -1, 1)
  rot <- rot %*% diag(sg, k)
  tmat <- tmat %*% diag(sg, k)
  ss <- colSums(rot^2)
  w <- rot %*% solve(crossprod(rot))
  z <- scale(x)
  scores <- z %*% w
  share <- ss / sum(ss)
  composite <- as.vector(scores %*% share)
  # Weights by psych::principal's own regression method, where R is invertible.
  nonsingular <- min(values) > 1e-10
  if (nonsingular) {
    pw <- psych::principal(r, nfactors = k, rotate = "none")$weights
    # psych's weights are solve(R, loadings); they must equal A (A'A)^-1 for
    # the unrotated components.
    diff <- max(abs(abs(pw) - abs(a0 %*% solve(crossprod(a0)))))
    if (diff > 1e-8) stop(name, ": psych weights differ from A(A'A)^-1 by ", diff)
    km <- psych::KMO(r)
    bt <- psych::cortest.bartlett(r, n = n)
    kmo <- list(overall = km$MSA, perIndicator = unname(km$MSAi))
    bartlett <- list(chiSquare = bt$chisq, df = bt$df, pValue = bt$p.value)
  } else {
    kmo <- NULL
    bartlett <- NULL
  }
  list(
    name = name,
    file = file,
    n = n,
    indicators = colnames(x),
    correlation = to_rows(unname(r)),
    eigenvalues = values,
    retained = k,
    unrotatedLoadings = to_rows(unname(a0)),
    rotatedLoadings = to_rows(unname(rot)),
    rotationMatrix = to_rows(unname(tmat)),
    communalities = unname(rowSums(rot^2)),
    rotatedSS = unname(ss),
    rotatedPercent = unname(100 * ss / p),
    scoreCoefficients = to_rows(unname(w)),
    scores = to_rows(unname(scores)),
    composite = composite,
    nonsingular = nonsingular,
    kmo = kmo,
    bartlett = bartlett
  )
}

efa <- list(
  efa_case("mtcars", mtcars, "mtcars.csv"),
  efa_case("state.x77", state.x77, "state-x77.csv"),
  efa_case("attitude", attitude, "attitude.csv"),
  efa_case("swiss", swiss, "swiss.csv"),
  # Fewer rows than indicators: the first 8 cars, 11 variables; R is singular.
  efa_case("mtcars-head8", head(mtcars, 8), "mtcars-head8.csv")
)
write(toJSON(efa, digits = NA, auto_unbox = TRUE, null = "null", pretty = TRUE),
      file.path(out, "efa-expected.json"))

# ---------------------------------------------------------------------------
# Reliability: psych::alpha (raw and standardized alpha, alpha if item
# deleted, corrected item-total correlation r.drop).
# ---------------------------------------------------------------------------
alpha_case <- function(name, x, file) {
  x <- as.data.frame(x)
  if (!is.null(file)) write_data(x, file)
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  list(
    name = name,
    file = if (is.null(file)) "" else file,
    columns = colnames(x),
    alpha = a$total$raw_alpha,
    standardizedAlpha = a$total$std.alpha,
    alphaIfDeleted = unname(a$alpha.drop$raw_alpha),
    standardizedAlphaIfDeleted = unname(a$alpha.drop$std.alpha),
    correctedItemTotal = unname(a$item.stats$r.drop)
  )
}
hs <- HolzingerSwineford1939
write_data(hs[, c("id", "sex", "ageyr", "agemo", "school", "grade", paste0("x", 1:9))],
           "holzinger-swineford-1939.csv")
reliability <- list(
  alpha_case("attitude", attitude, NULL),
  alpha_case("swiss", swiss, NULL),
  alpha_case("holzinger-swineford visual", hs[, c("x1", "x2", "x3")], NULL),
  alpha_case("holzinger-swineford all", hs[, paste0("x", 1:9)], NULL)
)
reliability[[1]]$file <- "attitude.csv"
reliability[[2]]$file <- "swiss.csv"
reliability[[3]]$file <- "holzinger-swineford-1939.csv"
reliability[[4]]$file <- "holzinger-swineford-1939.csv"
write(toJSON(reliability, digits = NA, auto_unbox = TRUE, pretty = TRUE),
      file.path(out, "reliability-expected.json"))

# ---------------------------------------------------------------------------
# Confirmatory factor analysis: lavaan::cfa, ML, expected information (the
# lavaan default for complete data), marker variables (first loading = 1).
# Fitted once with likelihood = "normal" (chi-square = N * F, lavaan) and once
# with likelihood = "wishart" (chi-square = (N - 1) * F, as AMOS and LISREL).
# ---------------------------------------------------------------------------
cfa_case <- function(name, data, file, factors) {
  syntax <- paste(sapply(names(factors), function(f) {
    paste(f, "=~", paste(factors[[f]], collapse = " + "))
  }), collapse = "\n")
  fit <- lavaan::cfa(syntax, data = data, information = "expected")
  fitw <- lavaan::cfa(syntax, data = data, information = "expected", likelihood = "wishart")
  measures <- c("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea.ci.lower",
                "rmsea.ci.upper", "srmr", "aic", "bic", "logl", "baseline.chisq",
                "baseline.df", "fmin")
  fm <- as.list(fitMeasures(fit, measures))
  fmw <- as.list(fitMeasures(fitw, c("chisq", "df", "pvalue", "cfi", "tli", "rmsea",
                                      "rmsea.ci.lower", "rmsea.ci.upper")))
  pe <- parameterEstimates(fit)
  st <- standardizedSolution(fit)
  loads <- pe[pe$op == "=~", ]
  stl <- st[st$op == "=~", ]
  resid <- pe[pe$op == "~~" & pe$lhs == pe$rhs & !(pe$lhs %in% names(factors)), ]
  fvar <- pe[pe$op == "~~" & pe$lhs %in% names(factors), ]
  stf <- st[st$op == "~~" & st$lhs %in% names(factors) & st$lhs != st$rhs, ]
  stres <- st[st$op == "~~" & st$lhs == st$rhs & !(st$lhs %in% names(factors)), ]
  # Composite reliability and AVE from the completely standardized solution
  # (Fornell & Larcker 1981): CR = (sum l)^2 / ((sum l)^2 + sum theta),
  # AVE = mean(l^2).
  cr <- list()
  ave <- list()
  for (f in names(factors)) {
    l <- stl$est.std[stl$lhs == f]
    th <- stres$est.std[match(factors[[f]], stres$lhs)]
    cr[[f]] <- sum(l)^2 / (sum(l)^2 + sum(th))
    ave[[f]] <- mean(l^2)
  }
  list(
    name = name,
    file = file,
    n = lavInspect(fit, "nobs"),
    factors = factors,
    iterations = lavInspect(fit, "iterations"),
    normal = fm,
    wishart = fmw,
    loadings = lapply(seq_len(nrow(loads)), function(i) list(
      factor = loads$lhs[i], indicator = loads$rhs[i], estimate = loads$est[i],
      se = loads$se[i], z = if (is.na(loads$z[i])) NULL else loads$z[i],
      pValue = if (is.na(loads$pvalue[i])) NULL else loads$pvalue[i],
      standardized = stl$est.std[i])),
    residualVariances = lapply(seq_len(nrow(resid)), function(i) list(
      indicator = resid$lhs[i], estimate = resid$est[i], se = resid$se[i])),
    factorCovariances = lapply(seq_len(nrow(fvar)), function(i) list(
      lhs = fvar$lhs[i], rhs = fvar$rhs[i], estimate = fvar$est[i], se = fvar$se[i])),
    factorCorrelations = lapply(seq_len(nrow(stf)), function(i) list(
      lhs = stf$lhs[i], rhs = stf$rhs[i], estimate = stf$est.std[i])),
    compositeReliability = cr,
    averageVarianceExtracted = ave
  )
}
pd <- PoliticalDemocracy
write_data(pd, "political-democracy.csv")
cfa <- list(
  cfa_case("holzinger-swineford-1939", hs, "holzinger-swineford-1939.csv", list(
    visual = c("x1", "x2", "x3"), textual = c("x4", "x5", "x6"),
    speed = c("x7", "x8", "x9"))),
  cfa_case("political-democracy", pd, "political-democracy.csv", list(
    ind60 = c("x1", "x2", "x3"), dem60 = c("y1", "y2", "y3", "y4"),
    dem65 = c("y5", "y6", "y7", "y8")))
)
write(toJSON(cfa, digits = NA, auto_unbox = TRUE, null = "null", pretty = TRUE),
      file.path(out, "cfa-expected.json"))


# ---------------------------------------------------------------------------
# Noncentral chi-square cdf (used for the RMSEA interval): R's pchisq with ncp.
# ---------------------------------------------------------------------------
ncp_cases <- data.frame(
  x = c(85.3055217699727, 10, 3, 150, 0.5, 400),
  df = c(24, 5, 2, 10, 1, 300),
  ncp = c(34.3, 2, 20, 120, 0.1, 90)
)
ncp_cases$p <- pchisq(ncp_cases$x, ncp_cases$df, ncp = ncp_cases$ncp)
write(toJSON(ncp_cases, digits = NA, pretty = TRUE),
      file.path(out, "noncentral-chisquare-expected.json"))

# ---------------------------------------------------------------------------
# Symmetric eigenvalues of an ill-conditioned matrix: the 8 × 8 Hilbert
# matrix (condition number about 1.5e10), from R's eigen (LAPACK dsyevr).
# ---------------------------------------------------------------------------
hilbert <- outer(1:8, 1:8, function(i, j) 1 / (i + j - 1))
write(toJSON(list(matrix = to_rows(hilbert), values = eigen(hilbert, symmetric = TRUE)$values),
             digits = NA, pretty = TRUE),
      file.path(out, "hilbert8-eigen-expected.json"))

# ---------------------------------------------------------------------------
# The factor step end to end: plm::Produc (48 US states, 1970-1986) as a
# panel of the logs of its level variables (as plm's own examples model
# them) and the unemployment rate, a "negative" indicator (entered as
# value x -1). Expected: the pooled EFA with two components kept, alpha
# overall and by subsystem, and the CFA of the two subsystems, all on the
# direction-adjusted data.
# ---------------------------------------------------------------------------
data("Produc", package = "plm")
vars <- c("hwy", "water", "util", "pc", "gsp", "emp", "unemp")
logged <- Produc[, c("state", "year", vars)]
for (v in setdiff(vars, "unemp")) logged[[v]] <- log(logged[[v]])
write.csv(logged, file.path(out, "produc.csv"), row.names = FALSE)
adj <- as.matrix(logged[, vars])
adj[, "unemp"] <- -adj[, "unemp"]
step_efa <- efa_case("produc", adj, NULL, k = 2)
step_efa$correlation <- NULL
step_efa$scores <- NULL
step_efa$unit <- as.character(Produc$state)
step_efa$year <- Produc$year
subsystems <- list(A = c("hwy", "water", "util"), B = c("pc", "gsp", "emp", "unemp"))
alpha_of <- function(cols) {
  a <- psych::alpha(as.data.frame(adj[, cols]), check.keys = FALSE, warnings = FALSE)
  list(alpha = a$total$raw_alpha, standardizedAlpha = a$total$std.alpha,
       correctedItemTotal = unname(a$item.stats$r.drop))
}
step_cfa <- cfa_case("produc", as.data.frame(adj), "produc.csv", subsystems)
write(toJSON(list(
  efa = step_efa,
  alpha = alpha_of(vars),
  alphaBySubsystem = lapply(subsystems, alpha_of),
  cfa = step_cfa
), digits = NA, auto_unbox = TRUE, null = "null", pretty = TRUE),
file.path(out, "produc-step-expected.json"))

cat("wrote", out, "\n")
