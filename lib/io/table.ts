/**
 * A table read from a file: the header row and the data rows as text,
 * exactly as the file holds them (no trimming, no number parsing). Rows are
 * read lazily so a large file is never held as a parsed array.
 */
export interface Table {
  readonly file: string;
  readonly format: 'csv' | 'xlsx';
  /** The text encoding the file was decoded with (CSV only), e.g. "GB18030". */
  readonly encoding?: string;
  /** The field delimiter found in the header line (CSV only). */
  readonly delimiter?: string;
  /** The worksheet read (xlsx only). */
  readonly sheet?: string;
  /** 1-based spreadsheet row of the header (usually 1). */
  readonly headerRow: number;
  readonly header: readonly string[];
  /** Data rows after the header. Rows whose cells are all blank are skipped. */
  readonly rows: AsyncIterable<TableRow>;
}

export interface TableRow {
  /** 1-based row number as a spreadsheet program shows it (header = 1). */
  readonly row: number;
  readonly cells: readonly string[];
}

/** True when every cell is empty or only whitespace. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}
