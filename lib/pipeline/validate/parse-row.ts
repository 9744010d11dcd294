import type { IndicatorModel } from '../../model/schema.js';
import type { InputIssue } from '../issues.js';
import { type ColumnMap, columnLetter } from './match-columns.js';
import { type CellValue, parseCell, quoteCell } from './parse-cell.js';

/** Years outside this range are reported as implausible (typing errors such as 219 or 20199). */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

/** One data row as read, before panel-wide checks. */
export interface ObservedRow {
  readonly file: string;
  /** 1-based spreadsheet row. */
  readonly row: number;
  readonly unit: string;
  readonly year: number;
  /** Values in model indicator order; NaN where the cell is missing. */
  readonly values: Float64Array;
  /** Header text of each indicator's column in this row's file, for messages. */
  readonly columnNames: readonly string[];
  /** Header text of the unit column in this row's file. */
  readonly unitColumn: string;
}

/** The fields of a data row that {@link parseRow} needs. */
export interface RowCells {
  readonly row: number;
  readonly cells: readonly string[];
}

/**
 * Reads one data row against the columns found in its file's header.
 *
 * Errors, each naming the row and column: a row with fewer cells than the
 * header, or a non-blank cell to the right of the last header (trailing
 * blank cells, as Excel writes them, are accepted); a blank unit; a year
 * that is not a whole number (a trailing 年 and a ".0" are accepted) or lies
 * outside {@link YEAR_RANGE}; a cell that is not a number ({@link parseCell});
 * a negative value unless `model.analysis.allowNegative`; a missing value
 * when `model.analysis.missing` is `fail`.
 *
 * The row is returned (with NaN for missing cells) unless its unit or year
 * could not be read or its cell count is wrong; an invalid number still
 * gives a row, so duplicates are found in the same pass.
 */
export function parseRow(
  input: RowCells,
  columns: ColumnMap,
  model: IndicatorModel,
): { observed?: ObservedRow; issues: InputIssue[] } {
  const { file, header } = columns;
  const issues: InputIssue[] = [];
  const where = (column: number) => ({
    file,
    row: input.row,
    column: header[column] || `(column ${columnLetter(column)})`,
  });

  const shape = checkShape(input, columns);
  if (shape !== undefined) return { issues: [shape] };

  const unit = input.cells[columns.unitColumn].trim();
  if (unit === '') {
    issues.push({
      severity: 'error', code: 'missing-unit', ...where(columns.unitColumn),
      message: 'the unit (city or region) is blank',
    });
  }
  const year =
    columns.yearColumn >= 0
      ? parseYear(input.cells[columns.yearColumn])
      : { year: columns.yearFromName as number };
  if ('problem' in year) {
    issues.push({
      severity: 'error', code: year.code, ...where(columns.yearColumn), message: year.problem,
    });
  }

  const values = new Float64Array(model.indicators.length);
  const { indicators, analysis } = model;
  for (let k = 0; k < indicators.length; k++) {
    const column = columns.indicatorColumns[k];
    const text = input.cells[column];
    const cell = parseCell(text);
    if (cell.kind === 'number') {
      values[k] = cell.value;
      if (cell.value >= 0 || analysis.allowNegative) continue;
    } else {
      values[k] = Number.NaN;
      if (cell.kind === 'missing' && analysis.missing !== 'fail') continue;
    }
    // Only a problem cell gets here; its location is built only then.
    const at = {
      ...where(column),
      ...(unit !== '' ? { unit } : {}),
      ...('year' in year ? { year: year.year } : {}),
    };
    issues.push({ severity: 'error', ...at, ...cellProblem(indicators[k].id, text, cell) });
  }

  if (unit === '' || 'problem' in year) return { issues };
  const observed = {
    file, row: input.row, unit, year: year.year, values,
    columnNames: columns.indicatorHeaders, unitColumn: header[columns.unitColumn],
  };
  return { observed, issues };
}

function checkShape(input: RowCells, columns: ColumnMap): InputIssue | undefined {
  const { cells, row } = input;
  const width = columns.header.length;
  if (cells.length < width) {
    return {
      severity: 'error', code: 'ragged-row', file: columns.file, row,
      column: columns.header[cells.length] || `(column ${columnLetter(cells.length)})`,
      message: `the row has ${cells.length} cells but the header has ${width}; the cells from column ${columnLetter(cells.length)} on are absent (a missing delimiter?)`,
    };
  }
  const extra = cells.findIndex((cell, i) => i >= width && cell.trim() !== '');
  if (extra >= 0) {
    return {
      severity: 'error', code: 'ragged-row', file: columns.file, row,
      column: `(column ${columnLetter(extra)})`,
      message: `the row has a value (${quoteCell(cells[extra])}) in column ${columnLetter(extra)}, right of the last header; the header has ${width} columns (an extra delimiter?)`,
    };
  }
  return undefined;
}

type YearResult = { year: number } | { problem: string; code: 'invalid-year' | 'implausible-year' };

/** A year cell: a whole number, optionally with ".0" or a trailing 年. */
export function parseYear(text: string): YearResult {
  const folded = text.normalize('NFKC').trim().replace(/年$/, '').trim();
  if (!/^[+-]?\d+(?:\.0*)?$/.test(folded)) {
    return { code: 'invalid-year', problem: `the year ${quoteCell(text)} is not a whole number` };
  }
  const year = Number.parseInt(folded, 10);
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    return { code: 'implausible-year', problem: `the year ${year} is outside ${YEAR_RANGE.min}–${YEAR_RANGE.max}` };
  }
  return { year };
}

function cellProblem(id: string, text: string, cell: CellValue): { code: string; message: string } {
  if (cell.kind === 'missing') {
    const what = text.trim() === '' ? 'blank' : `missing (${quoteCell(text)})`;
    return {
      code: 'missing-value',
      message: `${id} is ${what}; fill it in, or set analysis.missing to "interpolate" or "drop-unit"`,
    };
  }
  if (cell.kind === 'number') {
    return {
      code: 'negative-value',
      message: `${id} is negative (${quoteCell(text)}); set analysis.allowNegative to true if negative values are real`,
    };
  }
  switch (cell.reason) {
    case 'not-finite':
      return { code: 'not-finite', message: `${quoteCell(text)} is not a finite number` };
    case 'decimal-comma':
      return { code: 'decimal-comma', message: `${quoteCell(text)} uses a decimal comma; write decimals with a point (1.5)` };
    default:
      return { code: 'non-numeric', message: `${quoteCell(text)} is not a number` };
  }
}
