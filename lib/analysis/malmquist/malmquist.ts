import { deaFrame, solveAgainstFrame } from '../dea/dea.js';
import { checkDeaData, variableScales } from '../dea/pack-data.js';
import type { DeaData, Orientation, UnitSolution } from '../dea/types.js';

/**
 * The four distances of one unit and one pair of adjacent periods t → t+1,
 * as Farrell efficiencies (DEAP 2.1's convention). The first index names the
 * technology, the second the observation: `tt1` is the period t+1
 * observation scored against the period t technology.
 */
export interface MalmquistDistances {
  readonly tt: number;
  readonly t1t1: number;
  readonly tt1: number;
  readonly t1t: number;
}

export interface MalmquistPair {
  /** Unit index, the same in every period. */
  readonly unit: number;
  /** Period indices t and t+1. */
  readonly from: number;
  readonly to: number;
  /** Efficiency change under CRS: D^{t+1}(t+1) / D^t(t). */
  readonly effch: number;
  /** Technical change: √[(D^t(t+1)/D^{t+1}(t+1)) · (D^t(t)/D^{t+1}(t))]. */
  readonly techch: number;
  /** Pure efficiency change: the same ratio as effch under VRS. */
  readonly pech: number;
  /** Scale efficiency change: effch / pech. */
  readonly sech: number;
  /** Total factor productivity change: effch × techch. */
  readonly tfpch: number;
  readonly distances: {
    readonly crs: MalmquistDistances;
    /** Cross-period VRS distances are null where the LP is infeasible. */
    readonly vrs: {
      readonly tt: number;
      readonly t1t1: number;
      readonly tt1: number | null;
      readonly t1t: number | null;
    };
  };
}

/** A cross-period VRS problem without a feasible solution. */
export interface InfeasibleDistance {
  readonly unit: number;
  readonly technology: number;
  readonly observation: number;
}

export interface MalmquistResult {
  readonly orientation: Orientation;
  readonly pairs: readonly MalmquistPair[];
  readonly infeasible: readonly InfeasibleDistance[];
}

/**
 * The adjacent-period Malmquist productivity index of Färe, Grosskopf,
 * Norris & Zhang (1994, American Economic Review 84(1):66–83): the
 * geometric mean of the indices measured against the period t and the
 * period t+1 constant-returns technologies, split into efficiency change
 * and technical change, with efficiency change split again into pure
 * (VRS) efficiency change and scale efficiency change exactly as DEAP 2.1
 * (Coelli 1996) does: pech is the ratio of same-period VRS scores and
 * sech = effch / pech, so no cross-period VRS score enters an index.
 * Cross-period VRS distances are still computed and returned, because
 * other decompositions use them; where one is infeasible it is listed in
 * `infeasible` and given as null, never as a number.
 *
 * `periods[t]` holds the data of period t; unit j is row j in every period
 * (a balanced panel). Values above 1 mean growth in every index, in both
 * orientations (under CRS the two orientations give the same distances,
 * so only pech and sech depend on `orientation`).
 */
export function malmquist(
  periods: readonly DeaData[],
  orientation: Orientation = 'input',
): MalmquistResult {
  if (periods.length < 2) {
    throw new RangeError(`the Malmquist index needs at least two periods (got ${periods.length})`);
  }
  const n = periods[0].inputs.length;
  periods.forEach((p, t) => {
    checkDeaData(p);
    if (p.inputs.length !== n) {
      throw new RangeError(
        `the Malmquist index needs a balanced panel: period 0 has ${n} units, period ${t} has ${p.inputs.length}`,
      );
    }
  });
  const scales = variableScales(...periods);
  const options = { orientation, slacks: false, peers: false } as const;
  const crsFrames = periods.map((p) => deaFrame(p, 'crs', scales));
  const vrsFrames = periods.map((p) => deaFrame(p, 'vrs', scales));
  const score = (tech: number, obs: number, rts: 'crs' | 'vrs'): UnitSolution[] =>
    solveAgainstFrame(rts === 'crs' ? crsFrames[tech] : vrsFrames[tech], periods[obs], {
      ...options,
      rts,
    });
  const own = periods.map((_, t) => ({ crs: score(t, t, 'crs'), vrs: score(t, t, 'vrs') }));

  const pairs: MalmquistPair[] = [];
  const infeasible: InfeasibleDistance[] = [];
  for (let t = 0; t + 1 < periods.length; t++) {
    const crsForward = score(t, t + 1, 'crs');
    const crsBackward = score(t + 1, t, 'crs');
    const vrsForward = score(t, t + 1, 'vrs');
    const vrsBackward = score(t + 1, t, 'vrs');
    for (let j = 0; j < n; j++) {
      const crs = {
        tt: own[t].crs[j].efficiency,
        t1t1: own[t + 1].crs[j].efficiency,
        tt1: crsForward[j].efficiency,
        t1t: crsBackward[j].efficiency,
      };
      const vrs = {
        tt: own[t].vrs[j].efficiency,
        t1t1: own[t + 1].vrs[j].efficiency,
        tt1: feasibleOrNull(vrsForward[j], { unit: j, technology: t, observation: t + 1 }, infeasible),
        t1t: feasibleOrNull(vrsBackward[j], { unit: j, technology: t + 1, observation: t }, infeasible),
      };
      pairs.push(indices(j, t, crs, vrs));
    }
  }
  return { orientation, pairs, infeasible };
}

function indices(
  unit: number,
  from: number,
  crs: MalmquistDistances,
  vrs: MalmquistPair['distances']['vrs'],
): MalmquistPair {
  const effch = crs.t1t1 / crs.tt;
  const techch = Math.sqrt((crs.tt1 / crs.t1t1) * (crs.tt / crs.t1t));
  const pech = vrs.t1t1 / vrs.tt;
  return {
    unit,
    from,
    to: from + 1,
    effch,
    techch,
    pech,
    sech: effch / pech,
    tfpch: effch * techch,
    distances: { crs, vrs },
  };
}

function feasibleOrNull(
  solution: UnitSolution,
  where: InfeasibleDistance,
  infeasible: InfeasibleDistance[],
): number | null {
  if (solution.status === 'optimal') return solution.efficiency;
  infeasible.push(where);
  return null;
}
