import type { PackedData } from './pack-data.js';
import type { Orientation, Rts } from './types.js';

/** Target number of reference units per grid cell. */
const UNITS_PER_CELL = 4;
/** Bins per coordinate at most, so the grid stays small on huge data. */
const MAX_BINS = 16;

/**
 * A grid over the space that decides a unit's optimal envelopment basis,
 * so that units can be warm-started from the optimal basis of their cell's
 * centre (see `EnvelopmentSolver`, warm start).
 *
 * Which facet of the frontier a unit is projected onto depends only on
 * the part of its data the radial factor does not move: in input
 * orientation the direction of its inputs and the level of its outputs
 * (under crs the outputs relative to the inputs, since crs is blind to
 * scale), in output orientation the reverse. Those are k − 1 coordinates
 * (k = inputs + outputs); the grid cuts each into equal bins over the
 * range the reference units span (units outside fall into the edge bins).
 *
 * The grid, and with it each cell's basis, depends only on the reference
 * data, never on which units are evaluated together, so a unit gets the
 * same answer whichever chunk it is solved in. The number of bins per
 * coordinate grows with the reference size (about UNITS_PER_CELL units per
 * cell); below two bins no grid is built.
 */
export class WarmStartGrid {
  private readonly m: number;
  private readonly s: number;
  private readonly input: boolean;
  private readonly scaleFree: boolean;
  private readonly bins: number;
  private readonly lo: Float64Array;
  private readonly width: Float64Array;
  private readonly coords: Float64Array;

  private constructor(reference: PackedData, rts: Rts, orientation: Orientation, bins: number) {
    this.m = reference.m;
    this.s = reference.s;
    this.input = orientation === 'input';
    this.scaleFree = rts === 'crs';
    this.bins = bins;
    const dims = reference.m + reference.s - 1;
    this.coords = new Float64Array(dims);
    this.lo = new Float64Array(dims).fill(Infinity);
    const hi = new Float64Array(dims).fill(-Infinity);
    const k = reference.m + reference.s;
    for (let j = 0; j < reference.n; j++) {
      this.coordinates(reference.values.subarray(j * k, (j + 1) * k));
      for (let d = 0; d < dims; d++) {
        this.lo[d] = Math.min(this.lo[d], this.coords[d]);
        hi[d] = Math.max(hi[d], this.coords[d]);
      }
    }
    this.width = new Float64Array(dims);
    for (let d = 0; d < dims; d++) this.width[d] = (hi[d] - this.lo[d]) / bins;
  }

  /**
   * The grid for problems against `reference` (its units as the solver
   * sees them), or null when the reference is too small to gain from one.
   * `referenceSize` is the number of units the reference was reduced from.
   */
  static build(
    reference: PackedData,
    referenceSize: number,
    rts: Rts,
    orientation: Orientation,
  ): WarmStartGrid | null {
    const dims = reference.m + reference.s - 1;
    if (dims < 1 || reference.n < 2) return null;
    const bins = Math.min(MAX_BINS, Math.floor((referenceSize / UNITS_PER_CELL) ** (1 / dims)));
    return bins >= 2 ? new WarmStartGrid(reference, rts, orientation, bins) : null;
  }

  /** The cell of a unit (scaled values, k of them). */
  cellOf(unit: Float64Array): number {
    this.coordinates(unit);
    let key = 0;
    for (let d = this.coords.length - 1; d >= 0; d--) {
      const w = this.width[d];
      const b = w > 0 ? Math.floor((this.coords[d] - this.lo[d]) / w) : 0;
      key = key * this.bins + Math.min(this.bins - 1, Math.max(0, b));
    }
    return key;
  }

  /**
   * A unit at the centre of a cell, in scaled values, or null when the
   * centre is not a valid unit (its moved part would not be positive).
   */
  centre(cell: number): Float64Array | null {
    const { m, s } = this;
    const dims = this.coords.length;
    const c = this.coords;
    let rest = cell;
    for (let d = 0; d < dims; d++) {
      const b = rest % this.bins;
      rest = Math.floor(rest / this.bins);
      c[d] = this.lo[d] + (b + 0.5) * this.width[d];
    }
    const unit = new Float64Array(m + s);
    // The moved part (inputs in input orientation) as a direction summing
    // to 1; the fixed part as it is, which under crs is relative to that 1.
    const movedStart = this.input ? 0 : m;
    const movedCount = this.input ? m : s;
    const fixedStart = this.input ? m : 0;
    const fixedCount = this.input ? s : m;
    let sum = 0;
    for (let t = 0; t < movedCount - 1; t++) {
      unit[movedStart + t] = c[t];
      sum += c[t];
    }
    unit[movedStart + movedCount - 1] = 1 - sum;
    for (let t = 0; t < fixedCount; t++) unit[fixedStart + t] = c[movedCount - 1 + t];
    for (let t = 0; t < m + s; t++) if (!(unit[t] > 0)) return null;
    return unit;
  }

  /** Fills `coords` with the k − 1 grid coordinates of a unit. */
  private coordinates(unit: Float64Array): void {
    const { m, s } = this;
    const movedStart = this.input ? 0 : m;
    const movedCount = this.input ? m : s;
    const fixedStart = this.input ? m : 0;
    const fixedCount = this.input ? s : m;
    let sum = 0;
    for (let t = 0; t < movedCount; t++) sum += unit[movedStart + t];
    for (let t = 0; t < movedCount - 1; t++) this.coords[t] = unit[movedStart + t] / sum;
    const level = this.scaleFree ? sum : 1;
    for (let t = 0; t < fixedCount; t++) this.coords[movedCount - 1 + t] = unit[fixedStart + t] / level;
  }
}
