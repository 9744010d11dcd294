import { describe, expect, it } from 'vitest';
import { couplingDegree } from '../../../lib/analysis/coupling/index.js';

/*
 * Wang, Kong, Ren, Zhi & Dai (2021), Journal of Natural Resources
 * 36(3):793–810, Table 8: the classic and the modified coupling degree of
 * the eco-economic system (n = 2) of 13 cities of Beijing–Tianjin–Hebei in
 * 2008, as printed (four decimals). The paper does not print the indices
 * U1 and U2 themselves.
 *
 * For n = 2 the two printed values fix both indices: the classic
 * C = 2√r / (1 + r) gives r = U_min / U_max, and the modified
 * C² = (1 − (U_max − U_min)) · r then gives U_max. This checks that the
 * reading of the modified formula implemented here (each index divided by
 * the largest) is consistent with the paper's numbers: the implied indices
 * must be valid subsystem indices in [0, 1]. Under the other reading (the
 * plain product divided by the largest index) no city has a solution in
 * [0, 1].
 */
const CLASSIC_2008 = [
  0.9989, 0.9935, 0.8868, 0.9073, 0.6821, 0.8328, 0.6816, 0.7789, 0.6871, 0.6101, 0.8017, 0.7867,
  0.7191,
];
const MODIFIED_2008 = [
  0.9404, 0.866, 0.544, 0.5769, 0.3006, 0.478, 0.3344, 0.4171, 0.3278, 0.27, 0.4374, 0.4196,
  0.3738,
];

/** r = U_min/U_max from the classic two-system C = 2√r/(1 + r). */
function ratioFromClassic(c: number): number {
  const s = (1 - Math.sqrt(1 - c * c)) / c;
  return s * s;
}

describe('couplingDegree(u2, modified) against Wang et al. (2021) Table 8', () => {
  it('couplingDegree(u2, modified) reading implies indices in [0, 1] for all 13 cities of 2008', () => {
    CLASSIC_2008.forEach((classic, city) => {
      const modified = MODIFIED_2008[city];
      const r = ratioFromClassic(classic);
      const uMax = (1 - (modified * modified) / r) / (1 - r);
      const u = [r * uMax, uMax];

      expect(uMax).toBeGreaterThan(0);
      expect(uMax).toBeLessThanOrEqual(1);
      expect(couplingDegree(u, 'classic')).toBeCloseTo(classic, 10);
      expect(couplingDegree(u, 'modified')).toBeCloseTo(modified, 10);
    });
  });

  it('couplingDegree read as Π U_i / max U instead has no index pair in [0, 1] for any of the 13 cities', () => {
    // C² = (1 − U_max (1 − r)) · r · U_max: a quadratic in U_max.
    const solvable = CLASSIC_2008.filter((classic, city) => {
      const r = ratioFromClassic(classic);
      const m2 = MODIFIED_2008[city] ** 2;
      const disc = r * r - 4 * (1 - r) * r * m2;
      if (disc < 0) return false;
      const smaller = (r - Math.sqrt(disc)) / (2 * (1 - r) * r);
      return smaller <= 1;
    });
    expect(solvable).toEqual([]);
  });
});
