# Reference for the validate step's input fixtures and its interpolation of
# missing values. Run from the repository root:
#   Rscript test/reference/validate-interpolate.R
# Writes test/fixtures/inputs/produc.csv (a real public panel),
# produc-gaps.csv (the same panel with cells blanked) and
# produc-interpolated.json (the gaps filled by stats::approx with rule = 2:
# linear between observed years, nearest observed value at the ends).
# Needs base R, plm (for the data) and jsonlite.

data("Produc", package = "plm")
out <- "test/fixtures/inputs"

states <- levels(Produc$state)[1:8]
years <- 1970:1974
vars <- c("pcap", "hwy", "water", "util", "pc", "gsp", "emp", "unemp")
panel <- Produc[Produc$state %in% states & Produc$year %in% years, c("state", "year", vars)]
names(panel)[1] <- "unit"
panel$unit <- as.character(panel$unit)
panel <- panel[order(panel$unit, panel$year), ]
rownames(panel) <- NULL
write.csv(panel, file.path(out, "produc.csv"), row.names = FALSE)

# Cells to blank: an interior gap of one year, an interior gap of two years,
# a leading gap, a trailing gap, and a unit missing three of five years.
gaps <- data.frame(
  unit = c("ALABAMA", "ARIZONA", "ARIZONA", "ARKANSAS", "CALIFORNIA",
           "COLORADO", "COLORADO", "COLORADO", "FLORIDA", "FLORIDA"),
  year = c(1972, 1971, 1972, 1970, 1974, 1970, 1972, 1974, 1970, 1971),
  var  = c("pcap", "unemp", "unemp", "gsp", "emp", "hwy", "hwy", "hwy", "pc", "pc"),
  stringsAsFactors = FALSE
)
gappy <- panel
for (i in seq_len(nrow(gaps))) {
  gappy[gappy$unit == gaps$unit[i] & gappy$year == gaps$year[i], gaps$var[i]] <- NA
}
write.csv(gappy, file.path(out, "produc-gaps.csv"), row.names = FALSE, na = "NA")

filled <- gappy
for (u in states) {
  rows <- filled$unit == u
  for (v in vars) {
    y <- filled[rows, v]
    if (anyNA(y)) {
      x <- filled$year[rows]
      filled[rows, v] <- approx(x[!is.na(y)], y[!is.na(y)], xout = x, rule = 2)$y
    }
  }
}

expected <- list(
  source = "plm::Produc, states 1-8, 1970-1974; gaps filled by stats::approx(rule = 2)",
  indicators = vars,
  gaps = gaps,
  rows = lapply(seq_len(nrow(filled)), function(i) list(
    unit = filled$unit[i],
    year = filled$year[i],
    values = unname(unlist(filled[i, vars]))
  ))
)
writeLines(
  jsonlite::toJSON(expected, auto_unbox = TRUE, digits = NA, pretty = TRUE, dataframe = "rows"),
  file.path(out, "produc-interpolated.json")
)
