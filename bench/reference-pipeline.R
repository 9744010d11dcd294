# Reference for the whole-pipeline benchmark: the core statistics of the
# method computed in R on the same file, timed by the caller as a whole
# (R start included, as the CLI's figure includes Node's start).
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
x <- as.matrix(d[, -(1:2)])
neg <- colnames(x) %in% c("B5", "C3")
v <- sweep(sweep(x, 2, apply(x, 2, min)), 2, apply(x, 2, max) - apply(x, 2, min), "/")
v[, neg] <- 1 - v[, neg]
p <- sweep(v, 2, colSums(v), "/")
e <- -colSums(ifelse(p > 0, p * log(p), 0)) / log(nrow(v))
w <- (1 - e) / sum(1 - e)
r <- cor(x)
ev <- eigen(r, symmetric = TRUE)
k <- sum(ev$values > 1)
a <- ev$vectors[, 1:k, drop = FALSE] %*% diag(sqrt(ev$values[1:k]), k)
if (k > 1) a <- varimax(a)$loadings
units <- split(rowSums(scale(x)), d$unit)
if (length(units) <= 20000) {
  h <- hclust(dist(scale(do.call(rbind, units))), method = "ward.D2")
  invisible(cutree(h, 3))
}
fit <- lm(rowSums(v) ~ v[, 1] + v[, 2] + v[, 3])
invisible(summary(fit))
