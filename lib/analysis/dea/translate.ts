import type { DeaData } from './types.js';

/** A constant added to one variable so that all its values are positive. */
export interface Translation {
  readonly kind: 'input' | 'output';
  readonly variable: number;
  readonly shift: number;
}

/**
 * Translates every variable that has a zero or negative value by the
 * constant that lifts its minimum to 1% of its range (or to 1 when all its
 * values are equal), and reports each shift. Other variables are left as
 * they are.
 *
 * What it costs: the BCC (vrs) model is invariant to translating the
 * outputs in input orientation and the inputs in output orientation (Ali &
 * Seiford 1990; Pastor 1996); any other translation changes the scores, so
 * the shifts must be shown next to the results, and CCR (crs) scores of
 * translated data are not those of the raw data.
 */
export function translateNonPositive(data: DeaData): {
  readonly data: DeaData;
  readonly translations: readonly Translation[];
} {
  const translations: Translation[] = [];
  const shiftColumns = (rows: DeaData['inputs'], kind: Translation['kind']): number[][] => {
    const width = rows[0]?.length ?? 0;
    const shifts = new Array<number>(width).fill(0);
    for (let v = 0; v < width; v++) {
      let min = Infinity;
      let max = -Infinity;
      for (const row of rows) {
        min = Math.min(min, row[v]);
        max = Math.max(max, row[v]);
      }
      if (min > 0) continue;
      const lift = max > min ? 0.01 * (max - min) : 1;
      shifts[v] = lift - min;
      translations.push({ kind, variable: v, shift: shifts[v] });
    }
    return rows.map((row) => row.map((value, v) => value + shifts[v]));
  };
  const inputs = shiftColumns(data.inputs, 'input');
  const outputs = shiftColumns(data.outputs, 'output');
  return { data: { inputs, outputs }, translations };
}
