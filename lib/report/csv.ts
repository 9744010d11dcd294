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
  const columns = new ColumnIndex(['unit', 'year']);
  const root = columns.node('');
  // Two passes over the rows, the first to learn the columns, the second
  // to write each line, so no row's cells outlive its line. The dotted
  // names are built once per field path (ColumnIndex), not once per cell.
  const cells: unknown[] = [];
  for (const row of results.rows) {
    flatten(row, root, columns, cells);
    cells.length = 0;
  }
  const width = columns.names.length;
  const lines = [columns.names.map((c) => csvCell(c)).join(',')];
  const line = new Array<string>(width);
  for (const row of results.rows) {
    flatten(row, root, columns, cells);
    for (let i = 0; i < width; i++) line[i] = csvCell(cells[i]);
    cells.length = 0;
    lines.push(line.join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A field path: its column, when a value was met there, and its children. */
interface PathNode {
  readonly name: string;
  column: number | undefined;
  /** Children by object key. */
  readonly children: Map<string, PathNode>;
  /** Children by array position, 0-based (named from 1). */
  readonly items: PathNode[];
}

/**
 * Column numbers by dotted name, in the order first met. Two paths with
 * the same dotted name (a key "a.b" and a key "b" under "a") share one
 * column, as they share one header.
 */
class ColumnIndex {
  readonly names: string[] = [];
  readonly #byName = new Map<string, number>();

  constructor(first: readonly string[]) {
    for (const name of first) this.columnOf(name);
  }

  node(name: string): PathNode {
    return { name, column: undefined, children: new Map(), items: [] };
  }

  columnOf(name: string): number {
    let column = this.#byName.get(name);
    if (column === undefined) {
      column = this.names.length;
      this.names.push(name);
      this.#byName.set(name, column);
    }
    return column;
  }
}

function keyChild(parent: PathNode, key: string, columns: ColumnIndex): PathNode {
  let node = parent.children.get(key);
  if (node === undefined) {
    node = columns.node(parent.name === '' ? key : `${parent.name}.${key}`);
    parent.children.set(key, node);
  }
  return node;
}

function itemChild(parent: PathNode, index: number, columns: ColumnIndex): PathNode {
  let node = parent.items[index];
  if (node === undefined) {
    node = columns.node(`${parent.name}.${index + 1}`);
    parent.items[index] = node;
  }
  return node;
}

/*
 * Plain loops rather than forEach and Object.entries: this runs for every
 * cell of the file, and the arrays those allocate per object were a third
 * of the time at 50,000 rows.
 */
function flatten(value: unknown, at: PathNode, columns: ColumnIndex, cells: unknown[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // A hole of a sparse array is no value, as forEach would skip it.
      if (i in value) flatten(value[i], itemChild(at, i, columns), columns, cells);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      flatten((value as Record<string, unknown>)[key], keyChild(at, key, columns), columns, cells);
    }
  } else {
    if (at.column === undefined) at.column = columns.columnOf(at.name);
    cells[at.column] = value;
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
