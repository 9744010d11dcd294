/**
 * Fills the missing values (NaN) of one unit's series of an indicator.
 *
 * Interior gaps are filled linearly in the year, so unequal spacing is
 * respected: between observed years a < t < b,
 *   x_t = x_a + (x_b − x_a) · (t − a) / (b − a).
 * Leading and trailing gaps take the nearest observed value (constant
 * extrapolation), which never invents a trend beyond the data. This is R's
 * `approx(years, x, xout = years, rule = 2)`.
 *
 * `years` must be strictly increasing. Returns undefined when no value is
 * observed at all (there is nothing to interpolate from); otherwise the
 * filled series and the indexes that were filled.
 */
export function interpolateSeries(
  years: readonly number[],
  values: ArrayLike<number>,
): { values: number[]; filled: number[] } | undefined {
  const known: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) known.push(i);
  if (known.length === 0) return undefined;

  const out = Array.from(values);
  const filled: number[] = [];
  let next = 0;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isNaN(out[i])) continue;
    while (next < known.length && known[next] < i) next++;
    const after = known[next];
    const before = known[next - 1];
    if (before === undefined) out[i] = values[after];
    else if (after === undefined) out[i] = values[before];
    else {
      const share = (years[i] - years[before]) / (years[after] - years[before]);
      out[i] = values[before] + (values[after] - values[before]) * share;
    }
    filled.push(i);
  }
  return { values: out, filled };
}
