export interface Tier {
  /** "A" for the highest mean score, then "B", … */
  readonly tier: string;
  readonly cluster: number;
  readonly size: number;
  readonly meanScore: number;
}

export interface TierNaming {
  readonly tiers: Tier[];
  /** The tier of each observation. */
  readonly tierOf: string[];
}

/**
 * Names clusters as development tiers: the cluster with the highest mean
 * score is tier A (leaders), the next B, and so on to the catch-up group.
 * Cluster numbers depend on the order of observations; tier letters depend
 * only on the scores, so they are stable across runs and reorderings. Ties
 * in mean score go to the lower cluster number. After Z come AA, AB, …
 *
 * `clusters` holds 1…k per observation, `scores` the score (such as the
 * composite) per observation; both must be finite and the same length.
 */
export function nameTiers(
  clusters: readonly number[],
  scores: readonly number[],
): TierNaming {
  if (clusters.length !== scores.length) {
    throw new RangeError(
      `nameTiers: ${clusters.length} cluster numbers but ${scores.length} scores`,
    );
  }
  const sums = new Map<number, { sum: number; size: number }>();
  clusters.forEach((c, i) => {
    if (!Number.isFinite(scores[i])) {
      throw new TypeError(`nameTiers: score ${i + 1} is not a finite number: ${scores[i]}`);
    }
    const entry = sums.get(c) ?? { sum: 0, size: 0 };
    entry.sum += scores[i];
    entry.size++;
    sums.set(c, entry);
  });
  const ranked = [...sums.entries()]
    .map(([cluster, { sum, size }]) => ({ cluster, size, meanScore: sum / size }))
    .sort((p, q) => q.meanScore - p.meanScore || p.cluster - q.cluster);
  const tiers = ranked.map((r, i) => ({ tier: tierLetter(i), ...r }));
  const byCluster = new Map(tiers.map((t) => [t.cluster, t.tier]));
  return { tiers, tierOf: clusters.map((c) => byCluster.get(c) as string) };
}

/** 0 → A, 25 → Z, 26 → AA (bijective base 26, as spreadsheet columns). */
export function tierLetter(index: number): string {
  let label = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) {
    label = String.fromCharCode(65 + ((i - 1) % 26)) + label;
  }
  return label;
}
