import type { Results } from '../pipeline/results.js';

/**
 * results.csv: one line per unit and year, the row fields of results.json
 * flattened into columns. Nested records become dotted names
 * (`coupling.D`, `subsystemIndex.A`, `values.A1`) and arrays numbered ones
 * from 1 (`factorScores.1`). Columns appear in the order first met, after
 * `unit` and `year`; a field a row lacks is an empty cell.
 *
 * Quoting follows RFC 4180: a cell holding a comma, a double quote, CR or LF
 * is wrapped in double quotes with inner quotes doubled, and lines end in
 * CRLF. The text starts with a byte-order mark so that spreadsheet programs
 * read Chinese unit names as UTF-8.
 *
 * Formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return would be run as a formula by spreadsheet programs, so it
 * gets a leading apostrophe (OWASP, "CSV Injection"). Cells written from
 * finite numbers are left as they are: a negative number is data, not a
 * formula, and an apostrophe would turn it into text.
 */
export function toResultsCsv(results: Pick<Results, 'rows'>): string {
  const flat = results.rows.map((row) => {
    const cells = new Map<string, unknown>();
    flatten(row, '', cells);
    return cells;
  });

  const columns: string[] = ['unit', 'year'];
  const seen = new Set(columns);
  for (const cells of flat) {
    for (const name of cells.keys()) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
    }
  }

  const lines = [columns.map((c) => csvCell(c)).join(',')];
  for (const cells of flat) {
    lines.push(columns.map((c) => csvCell(cells.get(c))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(item, `${prefix}.${i + 1}`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, prefix === '' ? key : `${prefix}.${key}`, into);
    }
  } else {
    into.set(prefix, value);
  }
}

/** One CSV cell: formula-neutralized when it is text, then RFC 4180 quoted. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Prefixes an apostrophe to text a spreadsheet would read as a formula. */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
