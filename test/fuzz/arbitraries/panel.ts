/**
 * Generated panels for a generated model, as tables of cell texts. Each
 * column has a kind that puts a known numerical hazard in it: magnitudes
 * near the ends of the double range (1e300, 1e-300, both in one column,
 * or a spread whose max − min overflows), constant and all-zero
 * columns, a column collinear with another, signed values, and a spread
 * so small that only the last bits of a double differ. Rows may be
 * missing (unbalanced panels), and a panel may have one unit, one year or
 * two rows in all.
 */
import fc from 'fast-check';
import type { GeneratedModel } from './small-model.js';

/** A data file before it becomes bytes: a header and rows of cell texts. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export type ColumnKind =
  | 'ordinary'
  | 'huge'
  | 'tiny'
  | 'constant'
  | 'zero'
  | 'collinear'
  | 'signed'
  | 'near-constant'
  | 'full-range'
  | 'mixed-magnitude';

const KINDS: readonly ColumnKind[] = [
  'ordinary', 'ordinary', 'ordinary', 'huge', 'tiny', 'constant', 'zero', 'collinear', 'signed', 'near-constant',
  'full-range', 'mixed-magnitude',
];

export interface PanelShape {
  readonly units: number;
  readonly years: number;
  /** Whether each unit-year row is present, unit-major. */
  readonly present: readonly boolean[];
  readonly kinds: readonly ColumnKind[];
  /** Raw draws in [0, 1000], one per unit-year-indicator. */
  readonly draws: readonly number[];
}

export function panelShape(indicators: number, maxUnits = 7, maxYears = 4): fc.Arbitrary<PanelShape> {
  return fc
    .record({
      units: fc.integer({ min: 1, max: maxUnits }),
      years: fc.integer({ min: 1, max: maxYears }),
    })
    .chain(({ units, years }) =>
      fc.record({
        units: fc.constant(units),
        years: fc.constant(years),
        present: fc.array(fc.integer({ min: 0, max: 9 }).map((d) => d > 0), {
          minLength: units * years,
          maxLength: units * years,
        }),
        kinds: fc.array(fc.constantFrom(...KINDS), { minLength: indicators, maxLength: indicators }),
        draws: fc.array(fc.integer({ min: 0, max: 1000 }), {
          minLength: units * years * indicators,
          maxLength: units * years * indicators,
        }),
      }),
    );
}

/** The value of one cell of a column of the given kind. */
function cellValue(kind: ColumnKind, draw: number, first: number): number {
  switch (kind) {
    case 'ordinary':
      return draw + 1;
    case 'huge':
      return (draw + 1) * 1e300;
    case 'tiny':
      return (draw + 1) * 1e-300;
    case 'constant':
      return 42;
    case 'zero':
      return 0;
    case 'collinear':
      return 3 * (first + 1);
    case 'signed':
      return draw - 500;
    case 'near-constant':
      return 1 + draw * 1e-15;
    case 'full-range':
      // Up to ±1.75e308: finite, but max − min overflows.
      return (draw - 500) * 3.5e305;
    case 'mixed-magnitude':
      return draw % 2 === 0 ? (draw + 1) * 1e300 : (draw + 1) * 1e-300;
  }
}

/** Writes the panel in the wide layout: unit, year, one column per indicator. */
export function panelTable(model: GeneratedModel, shape: PanelShape): Table {
  const p = model.indicators.length;
  const rows: string[][] = [];
  for (let u = 0; u < shape.units; u++) {
    for (let t = 0; t < shape.years; t++) {
      const r = u * shape.years + t;
      if (!shape.present[r]) continue;
      const draws = shape.draws.slice(r * p, (r + 1) * p);
      const cells = model.indicators.map((_, j) => String(cellValue(shape.kinds[j], draws[j], draws[0])));
      rows.push([`U${u + 1}`, String(2001 + t), ...cells]);
    }
  }
  return { header: ['unit', 'year', ...model.indicators.map((i) => i.id)], rows };
}

/** A generated model with a generated panel for it. */
export const modelAndPanel = (maxUnits?: number, maxYears?: number) =>
  (model: GeneratedModel) =>
    panelShape(model.indicators.length, maxUnits, maxYears).map((shape) => ({
      model,
      shape,
      table: panelTable(model, shape),
    }));

/** Plain comma-separated text with quotes only where a cell needs them. */
export function toCsv(table: Table, eol = '\n'): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [table.header, ...table.rows].map((row) => row.map(quote).join(',')).join(eol) + eol;
}
