import type { MalmquistPair } from './malmquist.js';

/** The five indices of a Malmquist decomposition. */
export interface MalmquistIndices {
  readonly effch: number;
  readonly techch: number;
  readonly pech: number;
  readonly sech: number;
  readonly tfpch: number;
}

export interface MalmquistSummary {
  /** Geometric mean over periods, per unit (DEAP's "firm means"). */
  readonly byUnit: readonly ({ readonly unit: number } & MalmquistIndices)[];
  /** Geometric mean over units, per period pair (DEAP's "annual means"). */
  readonly byPeriod: readonly ({ readonly from: number; readonly to: number } & MalmquistIndices)[];
  /** Geometric mean over all pairs. */
  readonly overall: MalmquistIndices;
  /**
   * Chained indices per unit: after the pair ending in period `to`, the
   * product of that unit's indices over all pairs up to it, so the first
   * period is the base (1).
   */
  readonly cumulative: readonly ({ readonly unit: number; readonly to: number } & MalmquistIndices)[];
}

const KEYS = ['effch', 'techch', 'pech', 'sech', 'tfpch'] as const;

/**
 * Geometric-mean summaries and cumulative (chained) indices of Malmquist
 * pairs, as DEAP 2.1 prints them. The geometric mean is the right average
 * of ratios: the mean of an index and its reciprocal is 1.
 */
export function malmquistSummary(pairs: readonly MalmquistPair[]): MalmquistSummary {
  const units = [...new Set(pairs.map((p) => p.unit))].sort((a, b) => a - b);
  const periods = [...new Set(pairs.map((p) => p.from))].sort((a, b) => a - b);
  const byUnit = units.map((unit) => ({
    unit,
    ...geometricMeans(pairs.filter((p) => p.unit === unit)),
  }));
  const byPeriod = periods.map((from) => ({
    from,
    to: from + 1,
    ...geometricMeans(pairs.filter((p) => p.from === from)),
  }));
  const cumulative: ({ unit: number; to: number } & MalmquistIndices)[] = [];
  for (const unit of units) {
    const running = { effch: 1, techch: 1, pech: 1, sech: 1, tfpch: 1 };
    const own = pairs.filter((p) => p.unit === unit).sort((a, b) => a.from - b.from);
    for (const p of own) {
      for (const key of KEYS) running[key] *= p[key];
      cumulative.push({ unit, to: p.to, ...running });
    }
  }
  return { byUnit, byPeriod, overall: geometricMeans(pairs), cumulative };
}

function geometricMeans(pairs: readonly MalmquistPair[]): MalmquistIndices {
  const mean = (key: (typeof KEYS)[number]): number => {
    if (pairs.length === 0) return Number.NaN;
    let sum = 0;
    for (const p of pairs) sum += Math.log(p[key]);
    return Math.exp(sum / pairs.length);
  };
  return {
    effch: mean('effch'),
    techch: mean('techch'),
    pech: mean('pech'),
    sech: mean('sech'),
    tfpch: mean('tfpch'),
  };
}
