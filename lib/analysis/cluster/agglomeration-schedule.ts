import type { Linkage, Merge } from './types.js';

/** One row of SPSS's agglomeration schedule. */
export interface ScheduleStage {
  readonly stage: number;
  /** The clusters combined, each named by its lowest case number (1-based); cluster1 < cluster2. */
  readonly cluster1: number;
  readonly cluster2: number;
  readonly coefficient: number;
  /** Stage at which cluster1 / cluster2 was last formed; 0 for a single case. */
  readonly firstAppears1: number;
  readonly firstAppears2: number;
  /** Stage at which the merged cluster is next combined; 0 after the last stage. */
  readonly nextStage: number;
}

/**
 * SPSS's agglomeration schedule (CLUSTER /PRINT SCHEDULE) from a merge
 * list. SPSS names a cluster by the lowest case number in it and prints
 * the smaller name first; "stage cluster first appears" is the stage that
 * last formed each cluster and "next stage" the stage that absorbs the
 * result.
 *
 * Coefficients: for Ward's method SPSS prints the total within-cluster sum
 * of squared deviations after each stage, which is the running sum of the
 * ΔESS increments, ΔESS = height² / 2 for our ward.D2 heights. For the
 * other methods it prints the merge dissimilarity on squared Euclidean
 * distance, which is the height itself.
 */
export function agglomerationSchedule(
  merges: readonly Merge[],
  method: Linkage,
): ScheduleStage[] {
  const minCase = new Array<number>(merges.length);
  const nextStage = new Array<number>(merges.length).fill(0);
  merges.forEach((m, s) => {
    for (const side of [m.a, m.b]) if (side > 0) nextStage[side - 1] = s + 1;
  });
  const nameOf = (node: number) => (node < 0 ? -node : minCase[node - 1]);

  let ess = 0;
  return merges.map((m, s) => {
    const nameA = nameOf(m.a);
    const nameB = nameOf(m.b);
    minCase[s] = Math.min(nameA, nameB);
    ess += (m.height * m.height) / 2;
    const [first, second] = nameA < nameB ? [m.a, m.b] : [m.b, m.a];
    return {
      stage: s + 1,
      cluster1: nameOf(first),
      cluster2: nameOf(second),
      coefficient: method === 'ward' ? ess : m.height,
      firstAppears1: first > 0 ? first : 0,
      firstAppears2: second > 0 ? second : 0,
      nextStage: nextStage[s],
    };
  });
}
