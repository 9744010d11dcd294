import type { DeaData } from './types.js';

/** One offending cell of DEA data. Units and variables are 0-based indices. */
export interface DeaCell {
  readonly kind: 'input' | 'output';
  readonly unit: number;
  readonly variable: number;
  readonly value: number;
}

/**
 * DEA data that cannot be used as given: a ragged or empty matrix, or
 * values that are not finite and strictly positive. `cells` lists every
 * offending value so a caller can name them (the first 20 are in the
 * message).
 */
export class DeaDataError extends RangeError {
  override readonly name = 'DeaDataError';
  constructor(
    message: string,
    readonly cells: readonly DeaCell[] = [],
  ) {
    super(message);
  }
}

/**
 * Checks that every unit has the same number of inputs and outputs (at
 * least one of each) and that all values are finite and strictly positive.
 * The envelopment LP with zero data is well defined but its radial scores
 * become ambiguous (a zero input can always be "shrunk"), so zero and
 * negative cells are rejected here; `translateNonPositive` offers the
 * explicit alternative.
 */
export function checkDeaData(data: DeaData): void {
  const n = data.inputs.length;
  if (n === 0) throw new DeaDataError('DEA needs at least one unit');
  if (data.outputs.length !== n) {
    throw new DeaDataError(`DEA data has ${n} input rows but ${data.outputs.length} output rows`);
  }
  const m = data.inputs[0].length;
  const s = data.outputs[0].length;
  if (m === 0 || s === 0) {
    throw new DeaDataError(`DEA needs at least one input and one output (got ${m} and ${s})`);
  }
  const bad: DeaCell[] = [];
  const scan = (rows: DeaData['inputs'], kind: DeaCell['kind'], width: number): void => {
    rows.forEach((row, unit) => {
      if (row.length !== width) {
        throw new DeaDataError(`unit ${unit} has ${row.length} ${kind}s, expected ${width}`);
      }
      row.forEach((value, variable) => {
        if (!(Number.isFinite(value) && value > 0)) bad.push({ kind, unit, variable, value });
      });
    });
  };
  scan(data.inputs, 'input', m);
  scan(data.outputs, 'output', s);
  if (bad.length > 0) {
    const shown = bad
      .slice(0, 20)
      .map((c) => `${c.kind} ${c.variable} of unit ${c.unit} = ${c.value}`)
      .join('; ');
    const more = bad.length > 20 ? ` … and ${bad.length - 20} more` : '';
    throw new DeaDataError(
      `DEA needs finite, strictly positive data; ${bad.length} cell(s) are not: ${shown}${more}`,
      bad,
    );
  }
}

/**
 * DEA data in the solver's layout: one Float64Array, unit-major, m inputs
 * then s outputs per unit, each variable divided by its scale (its largest
 * absolute value over the data sets sharing the scale). Radial efficiency
 * is invariant to the units of each variable, so scaling changes no score;
 * it keeps data in the billions and data in the thousandths on the same
 * footing for the solver's tolerances.
 */
export interface PackedData {
  readonly m: number;
  readonly s: number;
  readonly n: number;
  readonly values: Float64Array;
  /** Divisor of each variable, inputs then outputs. */
  readonly scales: Float64Array;
}

/** The largest value of each variable over all given data sets. */
export function variableScales(...sets: readonly DeaData[]): Float64Array {
  const m = sets[0].inputs[0].length;
  const s = sets[0].outputs[0].length;
  const scales = new Float64Array(m + s);
  for (const set of sets) {
    for (const row of set.inputs) {
      for (let i = 0; i < m; i++) scales[i] = Math.max(scales[i], Math.abs(row[i]));
    }
    for (const row of set.outputs) {
      for (let r = 0; r < s; r++) scales[m + r] = Math.max(scales[m + r], Math.abs(row[r]));
    }
  }
  for (let t = 0; t < m + s; t++) if (scales[t] === 0) scales[t] = 1;
  return scales;
}

/** The units `units` (indices, in that order) of `data`, sharing its rows. */
export function selectUnits(data: DeaData, units: readonly number[]): DeaData {
  return { inputs: units.map((j) => data.inputs[j]), outputs: units.map((j) => data.outputs[j]) };
}

/** Packs checked data with the given scales (its own by default). */
export function packData(data: DeaData, scales: Float64Array = variableScales(data)): PackedData {
  const n = data.inputs.length;
  const m = data.inputs[0].length;
  const s = data.outputs[0].length;
  const k = m + s;
  const values = new Float64Array(n * k);
  for (let j = 0; j < n; j++) {
    const x = data.inputs[j];
    const y = data.outputs[j];
    for (let i = 0; i < m; i++) values[j * k + i] = x[i] / scales[i];
    for (let r = 0; r < s; r++) values[j * k + m + r] = y[r] / scales[m + r];
  }
  return { m, s, n, values, scales };
}
