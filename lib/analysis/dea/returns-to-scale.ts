import { deaFrame, resolveDeaOptions, solveAgainstFrame } from './dea.js';
import type { DeaData, Orientation, UnitSolution } from './types.js';

export type ReturnsToScale = 'increasing' | 'constant' | 'decreasing';

/** Scores closer than this are taken as equal when classifying returns to scale. */
export const RTS_TOLERANCE = 1e-9;

export interface ScaleResult {
  /** Farrell efficiencies under constant, variable and non-increasing returns. */
  readonly crs: number;
  readonly vrs: number;
  readonly nirs: number;
  /** Scale efficiency crs / vrs, in (0, 1]. */
  readonly scale: number;
  readonly rts: ReturnsToScale;
}

/**
 * Scale efficiency and the nature of returns to scale by the method of
 * Färe, Grosskopf & Lovell (1985) as DEAP 2.1 prints it: SE = TE_crs /
 * TE_vrs; if TE_crs = TE_vrs the unit operates at constant returns;
 * otherwise returns are decreasing if TE_nirs = TE_vrs and increasing if
 * not. Equality is judged to `RTS_TOLERANCE`.
 */
export function classifyScale(crs: number, vrs: number, nirs: number): ScaleResult {
  let rts: ReturnsToScale;
  if (Math.abs(crs - vrs) <= RTS_TOLERANCE) rts = 'constant';
  else if (Math.abs(nirs - vrs) <= RTS_TOLERANCE) rts = 'decreasing';
  else rts = 'increasing';
  return { crs, vrs, nirs, scale: crs / vrs, rts };
}

export interface ScaleAnalysis {
  readonly units: readonly ScaleResult[];
  /** The full solutions of the three models, for slacks and peers. */
  readonly crs: readonly UnitSolution[];
  readonly vrs: readonly UnitSolution[];
  readonly nirs: readonly UnitSolution[];
}

/**
 * Runs the crs, vrs and nirs models on one data set (one vrs frame serves
 * all three, since a vrs-inefficient unit is dominated in each) and
 * classifies each unit's returns to scale.
 */
export function scaleEfficiency(
  data: DeaData,
  options: { readonly orientation?: Orientation; readonly slacks?: boolean; readonly peers?: boolean } = {},
): ScaleAnalysis {
  const base = resolveDeaOptions(options);
  const frame = deaFrame(data, 'vrs');
  const run = (rts: 'crs' | 'vrs' | 'nirs', detail: boolean): UnitSolution[] =>
    solveAgainstFrame(frame, data, {
      ...base,
      rts,
      slacks: detail && base.slacks,
      peers: detail && base.peers,
    });
  const crs = run('crs', true);
  const vrs = run('vrs', true);
  const nirs = run('nirs', false);
  const units = crs.map((c, j) => classifyScale(c.efficiency, vrs[j].efficiency, nirs[j].efficiency));
  return { units, crs, vrs, nirs };
}
