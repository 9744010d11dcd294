/** One band of the coordination scale on D. */
export interface CoordinationLevel {
  /** 1 (extreme disorder) … 10 (quality coordination). */
  readonly level: number;
  /** Exclusive lower bound (inclusive for level 1, so that D = 0 is graded). */
  readonly lower: number;
  /** Inclusive upper bound. */
  readonly upper: number;
  readonly name: string;
  readonly nameZh: string;
}

/**
 * The ten-level coordination scale on the coupling coordination degree D,
 * in 0.1 steps, as widely used after Liao (1999) in Chinese regional
 * studies (e.g. Tian et al. 2021, Acta Geographica Sinica 76(4):781, Table 1).
 * Bands are left-open and right-closed, lower < D ≤ upper, as those tables
 * print them (0.00 < D ≤ 0.10 … 0.90 < D ≤ 1.00), with D = 0 in level 1.
 * So D = 0.5 is "on the verge of disorder" and just above 0.5 is "barely
 * coordinated". Bounds are compared as written (0.3, not 3 × 0.1).
 */
export const COORDINATION_SCALE: readonly CoordinationLevel[] = [
  { level: 1, lower: 0, upper: 0.1, name: 'extreme disorder', nameZh: '极度失调' },
  { level: 2, lower: 0.1, upper: 0.2, name: 'serious disorder', nameZh: '严重失调' },
  { level: 3, lower: 0.2, upper: 0.3, name: 'moderate disorder', nameZh: '中度失调' },
  { level: 4, lower: 0.3, upper: 0.4, name: 'mild disorder', nameZh: '轻度失调' },
  { level: 5, lower: 0.4, upper: 0.5, name: 'on the verge of disorder', nameZh: '濒临失调' },
  { level: 6, lower: 0.5, upper: 0.6, name: 'barely coordinated', nameZh: '勉强协调' },
  { level: 7, lower: 0.6, upper: 0.7, name: 'primary coordination', nameZh: '初级协调' },
  { level: 8, lower: 0.7, upper: 0.8, name: 'intermediate coordination', nameZh: '中级协调' },
  { level: 9, lower: 0.8, upper: 0.9, name: 'good coordination', nameZh: '良好协调' },
  { level: 10, lower: 0.9, upper: 1, name: 'quality coordination', nameZh: '优质协调' },
];

/**
 * How far above 1 a D may lie and still be graded (as level 10): D is built
 * from indices whose weights sum to 1 only up to rounding.
 */
export const GRADE_ROUNDING_TOLERANCE = 1e-12;

/**
 * The band of COORDINATION_SCALE that holds D (see its boundary rule).
 * Throws a RangeError when D is not a number in [0, 1] (up to
 * GRADE_ROUNDING_TOLERANCE above 1).
 */
export function coordinationGrade(d: number): CoordinationLevel {
  if (d > 1 && d <= 1 + GRADE_ROUNDING_TOLERANCE) return COORDINATION_SCALE[9];
  if (!Number.isFinite(d) || d < 0 || d > 1) {
    throw new RangeError(`coordinationGrade: D must be a number in [0, 1], got ${d}`);
  }
  return COORDINATION_SCALE.find((band) => d <= band.upper) as CoordinationLevel;
}
