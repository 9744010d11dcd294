import type { IndicatorModel } from '../../model/schema.js';
import type { InputIssue } from '../issues.js';
import { yearFromFileName } from './year-from-file-name.js';

/** Headers accepted for the unit column, compared as {@link headerKey} does. */
export const UNIT_HEADERS: readonly string[] = [
  'unit', 'city', 'region', 'name', 'province', 'state', 'country', 'firm', 'dmu',
  '单位', '城市', '地区', '省份', '地级市',
];

/** Headers accepted for the year column. */
export const YEAR_HEADERS: readonly string[] = ['year', '年份', '年', '年度'];

/** Where each needed column of one file is; indexes into the header, -1 when absent. */
export interface ColumnMap {
  readonly file: string;
  readonly headerRow: number;
  /** Header texts, trimmed, with trailing blank headers removed. */
  readonly header: readonly string[];
  readonly unitColumn: number;
  readonly yearColumn: number;
  /** The year taken from the file name when there is no year column. */
  readonly yearFromName?: number;
  /** Column of each model indicator, in model order. */
  readonly indicatorColumns: readonly number[];
  /** Header text of each indicator's column, in model order ('' when absent). */
  readonly indicatorHeaders: readonly string[];
  /** True when every needed column was found exactly once. */
  readonly usable: boolean;
}

/**
 * Matches a header row to the model. A header names an indicator when it
 * equals the indicator's id, `name` or `nameZh` after {@link headerKey}
 * (trimmed, Unicode NFKC, case ignored, runs of spaces as one); otherwise the
 * first header equal to one of {@link UNIT_HEADERS} is the unit column and
 * the first equal to one of {@link YEAR_HEADERS} the year column.
 *
 * Errors: a header written twice, two headers naming one indicator, a
 * missing unit column, a missing year column (unless the file name holds
 * a year: `2019.csv`, `cities_2019.xlsx`, reported as a warning), and one
 * error per missing indicator. Warnings: columns matching nothing, which
 * are ignored. Trailing blank headers (left by Excel) are dropped silently.
 */
export function matchColumns(
  rawHeader: readonly string[],
  model: IndicatorModel,
  file: string,
  headerRow: number,
): { columns: ColumnMap; issues: InputIssue[] } {
  const header = trimTrailingBlanks(rawHeader.map((h) => h.replace(/^\uFEFF/, '').trim()));
  const keys = header.map(headerKey);
  const at = (i: number) => ({
    file,
    row: headerRow,
    column: header[i] || `(column ${columnLetter(i)})`,
  });
  const issues: InputIssue[] = [];

  const firstSeen = new Map<string, number>();
  keys.forEach((key, i) => {
    const first = firstSeen.get(key);
    if (key !== '' && first !== undefined) {
      issues.push({
        severity: 'error', code: 'duplicate-header', ...at(i),
        message: `the header "${header[i]}" appears twice (columns ${columnLetter(first)} and ${columnLetter(i)})`,
      });
    } else firstSeen.set(key, i);
  });

  const names = model.indicators.map((ind) =>
    new Set(
      [ind.id, ind.name, ind.nameZh].filter((n): n is string => n !== undefined).map(headerKey),
    ),
  );
  const indicatorColumns = model.indicators.map(() => -1);
  let unitColumn = -1;
  let yearColumn = -1;
  keys.forEach((key, i) => {
    if (key === '') {
      issues.push({
        severity: 'warning', code: 'unnamed-column', ...at(i),
        message: 'this column has no header and is ignored',
      });
      return;
    }
    if (firstSeen.get(key) !== i) return;
    const k = names.findIndex((set) => set.has(key));
    if (k >= 0) {
      if (indicatorColumns[k] >= 0) {
        issues.push({
          severity: 'error', code: 'duplicate-column', ...at(i),
          message: `columns ${columnLetter(indicatorColumns[k])} ("${header[indicatorColumns[k]]}") and ${columnLetter(i)} both name indicator ${model.indicators[k].id}`,
        });
      } else indicatorColumns[k] = i;
    } else if (unitColumn < 0 && UNIT_HEADERS.includes(key)) unitColumn = i;
    else if (yearColumn < 0 && YEAR_HEADERS.includes(key)) yearColumn = i;
    else {
      issues.push({
        severity: 'warning', code: 'unknown-column', ...at(i),
        message: `"${header[i]}" is not an indicator of the model; the column is ignored`,
      });
    }
  });

  if (unitColumn < 0) {
    issues.push({
      severity: 'error', code: 'missing-unit-column', file, row: headerRow,
      message: `no unit column: name the column of city or region names "unit" (or ${UNIT_HEADERS.slice(1, 4).join(', ')}, …)`,
    });
  }
  const yearFromName = yearColumn < 0 ? yearFromFileName(file) : undefined;
  if (yearColumn < 0 && yearFromName === undefined) {
    issues.push({
      severity: 'error', code: 'missing-year-column', file, row: headerRow,
      message: 'no year column: add a column "year", or give one file per year with the year in its name (e.g. 2019.csv)',
    });
  } else if (yearFromName !== undefined) {
    issues.push({
      severity: 'warning', code: 'year-from-file-name', file, row: headerRow,
      message: `no year column; every row is taken to be the year ${yearFromName}, from the file name`,
    });
  }
  model.indicators.forEach((ind, k) => {
    if (indicatorColumns[k] < 0) {
      issues.push({
        severity: 'error', code: 'missing-column', file, row: headerRow, column: ind.id,
        message: `no column for indicator ${ind.id} (${ind.name}); name a column "${ind.id}" or "${ind.name}"`,
      });
    }
  });

  const usable = !issues.some((issue) => issue.severity === 'error');
  const indicatorHeaders = indicatorColumns.map((c) => (c >= 0 ? header[c] : ''));
  return {
    columns: {
      file, headerRow, header, unitColumn, yearColumn, indicatorColumns, indicatorHeaders, usable,
      ...(yearFromName !== undefined ? { yearFromName } : {}),
    },
    issues,
  };
}

/** How headers are compared: NFKC-folded, trimmed, lower case, single spaces. */
export function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function trimTrailingBlanks(header: string[]): string[] {
  let end = header.length;
  while (end > 0 && header[end - 1] === '') end--;
  return header.slice(0, end);
}
