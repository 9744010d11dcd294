import type { Matrix } from '../matrix.js';
import type { PackedPoints } from './types.js';

/**
 * Copies observations (rows) into one row-major Float64Array, checking on
 * the way that the matrix is rectangular and every value finite. The copy
 * keeps the algorithms' inner loops on contiguous memory.
 */
export function packPoints(data: Matrix, what = 'data'): PackedPoints {
  const n = data.length;
  if (n === 0) throw new RangeError(`${what} has no rows`);
  const d = data[0].length;
  if (d === 0) throw new RangeError(`${what} has no columns`);
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = data[i];
    if (row.length !== d) {
      throw new RangeError(
        `${what} row ${i + 1} has ${row.length} values, expected ${d}`,
      );
    }
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new TypeError(
          `${what} row ${i + 1}, column ${j + 1} is not a finite number: ${String(v)}`,
        );
      }
      values[i * d + j] = v;
    }
  }
  return { n, d, values };
}

/** Squared Euclidean distance between packed rows i and j. */
export function squaredDistance(
  values: Float64Array,
  d: number,
  i: number,
  j: number,
): number {
  let sum = 0;
  const oi = i * d;
  const oj = j * d;
  for (let c = 0; c < d; c++) {
    const diff = values[oi + c] - values[oj + c];
    sum += diff * diff;
  }
  return sum;
}
