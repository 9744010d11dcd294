/**
 * Ranks, 1 for the largest value, ties sharing the best rank of their group
 * ("competition" ranking 1, 2, 2, 4, as R's rank(-x, ties.method = "min")).
 * Used for the composite score, where higher is better.
 */
export function rankDescending(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[j] - values[i]);
  const ranks = new Array<number>(values.length);
  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos];
    ranks[i] = pos > 0 && values[order[pos - 1]] === values[i] ? ranks[order[pos - 1]] : pos + 1;
  }
  return ranks;
}
