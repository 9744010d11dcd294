# Reference values for lib/analysis/cluster and lib/analysis/regression.
#
# Run from the repository root:
#   Rscript test/reference/cluster.R
# It writes the fixture data (CSV, straight from R's bundled data sets) and
# the expected values (JSON) into test/fixtures/cluster/. The tests only
# read those committed files, so R is needed to regenerate them, not to
# run the tests.
#
# Conventions checked (see lib/analysis/cluster/hierarchical-clustering.ts):
#   features are z-scores with the n - 1 standard deviation, as scale() does;
#   ward      = hclust(dist(z), "ward.D2")          (Euclidean input)
#   average   = hclust(dist(z)^2, "average")        (squared Euclidean, SPSS)
#   complete  = hclust(dist(z)^2, "complete")
#   single    = hclust(dist(z)^2, "single")
#   centroid  = hclust(dist(z)^2, "centroid")
# Partitions come from cutree(k = 2, 3, 4); silhouettes from
# cluster::silhouette on Euclidean distances of z; k-means from
# stats::kmeans(algorithm = "Lloyd") started at the Ward k = 3 centroids.
# Regression: lm() with an intercept; VIF = diag(solve(cor(X))); standardized
# beta = b * sd(x) / sd(y).

suppressPackageStartupMessages({
  library(jsonlite)
  library(cluster)
})

out_dir <- file.path("test", "fixtures", "cluster")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

write_fixture_csv <- function(df, name) {
  df <- data.frame(row = rownames(df), df, check.names = FALSE)
  write.csv(df, file.path(out_dir, paste0(name, ".csv")), row.names = FALSE)
}

cluster_sets <- list(
  USArrests = USArrests,
  mtcars = mtcars,
  swiss = swiss,
  iris = iris[, 1:4]
)
methods <- c("ward", "average", "complete", "single", "centroid")

hclust_of <- function(z, method) {
  d <- dist(z)
  if (method == "ward") hclust(d, "ward.D2") else hclust(d^2, method)
}

cluster_expected <- list()
for (name in names(cluster_sets)) {
  x <- cluster_sets[[name]]
  rownames(x) <- if (name == "iris") as.character(seq_len(nrow(x))) else rownames(x)
  write_fixture_csv(x, name)
  z <- scale(as.matrix(x))
  per_method <- list()
  for (m in methods) {
    h <- hclust_of(z, m)
    per_method[[m]] <- list(
      merge = unname(h$merge),
      height = h$height,
      order = h$order,
      cut = lapply(setNames(2:4, paste0("k", 2:4)), function(k) unname(cutree(h, k)))
    )
  }
  ward <- hclust_of(z, "ward")
  d <- dist(z)
  sil <- sapply(2:6, function(k) {
    s <- silhouette(cutree(ward, k), d)
    mean(s[, "sil_width"])
  })
  start <- do.call(rbind, lapply(1:3, function(g) colMeans(z[cutree(ward, 3) == g, , drop = FALSE])))
  km <- kmeans(z, centers = start, algorithm = "Lloyd", iter.max = 100)
  cluster_expected[[name]] <- list(
    n = nrow(x),
    methods = per_method,
    wardSilhouette = list(k = 2:6, average = sil),
    wardKmeans3 = list(cluster = unname(km$cluster), withinss = km$withinss, iter = km$iter)
  )
}
writeLines(
  toJSON(cluster_expected, digits = NA, auto_unbox = TRUE, pretty = FALSE),
  file.path(out_dir, "hclust-expected.json")
)

regression_sets <- list(
  swiss = list(data = swiss, formula = Fertility ~ .),
  mtcars = list(data = mtcars, formula = mpg ~ wt + hp + disp + drat + qsec),
  longley = list(data = longley, formula = Employed ~ .)
)
regression_expected <- list()
for (name in names(regression_sets)) {
  spec <- regression_sets[[name]]
  if (name == "longley") write_fixture_csv(longley, "longley")
  fit <- lm(spec$formula, data = spec$data)
  s <- summary(fit)
  X <- model.matrix(fit)[, -1, drop = FALSE]
  y <- model.response(model.frame(fit))
  co <- s$coefficients
  beta <- c(NA, coef(fit)[-1] * apply(X, 2, sd) / sd(y))
  vif <- c(NA, if (ncol(X) > 1) diag(solve(cor(X))) else 1)
  fstat <- s$fstatistic
  regression_expected[[name]] <- list(
    dependent = all.vars(spec$formula)[1],
    predictors = colnames(X),
    coefficients = lapply(seq_len(nrow(co)), function(i) list(
      name = rownames(co)[i],
      estimate = co[i, 1], se = co[i, 2], t = co[i, 3], p = co[i, 4],
      beta = if (is.na(beta[i])) NULL else unname(beta[i]),
      vif = if (is.na(vif[i])) NULL else unname(vif[i])
    )),
    r2 = s$r.squared,
    adjR2 = s$adj.r.squared,
    f = unname(fstat["value"]),
    fP = unname(pf(fstat["value"], fstat["numdf"], fstat["dendf"], lower.tail = FALSE)),
    df = unname(c(fstat["numdf"], fstat["dendf"])),
    sigma = s$sigma,
    residuals = unname(residuals(fit))
  )
}
writeLines(
  toJSON(regression_expected, digits = NA, auto_unbox = TRUE, pretty = FALSE, null = "null"),
  file.path(out_dir, "lm-expected.json")
)
cat("wrote", out_dir, "\n")
