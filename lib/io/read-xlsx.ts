import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { TableReadError } from './errors.js';
import { type Table, type TableRow, isBlankRow } from './table.js';

/**
 * Reads the data sheet of an Excel workbook (.xlsx): the sheet named "data"
 * (any case) when there is one, else the first sheet.
 *
 * The workbook is streamed with exceljs's WorkbookReader, row by row, so a
 * large sheet is never held as a whole model (loading it whole takes about
 * a hundred times the file size). Other sheets are skipped unread.
 *
 * Cells become the text a reader sees, so that CSV and Excel files go
 * through the same cell rules: numbers as JavaScript writes them (which
 * reads back to the identical double), formulas by their cached result,
 * rich text as its plain text, error values such as `#DIV/0!` as written.
 * A number shown as a percentage ({@link isPercentFormat}) becomes the shown
 * figure with a `%` sign, 0.452 → "45.2%", rounded to 15 significant digits
 * to undo the binary error of the multiplication; the validation step then
 * drops the sign, as it does for CSV text. Rows are padded with blank cells
 * to the header's width: a workbook has no ragged rows.
 *
 * Limitations: a formula whose result was never cached (a file written by
 * a program, not saved by Excel) reads as a blank cell. When a workbook
 * stores its sheet list after its sheets (unusual; Excel and exceljs write
 * it first), the first sheet stored is read even if a later one is named
 * "data". exceljs may park sheets in temporary files while it waits for the
 * shared-string table; they are removed when the read completes.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
  const rows = sheetRows(bytes, file);
  const first = await rows.next();
  if (first.done === true) {
    throw new TableReadError('empty-file', file, 'the data sheet holds no header row (it is empty)');
  }
  const { sheet, row: header } = first.value;
  const width = header.cells.length;
  return {
    file,
    format: 'xlsx',
    sheet,
    headerRow: header.row,
    header: header.cells,
    rows: padded(rows, width),
  };
}

async function* padded(
  rows: AsyncGenerator<{ sheet: string; row: TableRow }>,
  width: number,
): AsyncGenerator<TableRow> {
  for await (const { row } of { [Symbol.asyncIterator]: () => rows }) {
    const missing = Math.max(0, width - row.cells.length);
    const cells = missing === 0 ? row.cells : [...row.cells, ...Array<string>(missing).fill('')];
    yield { row: row.row, cells };
  }
}

/** Non-blank rows of the chosen sheet; runs the whole workbook through so exceljs cleans up. */
async function* sheetRows(
  bytes: Uint8Array,
  file: string,
): AsyncGenerator<{ sheet: string; row: TableRow }> {
  // Loaded on first use: exceljs takes half a second to import, and most
  // runs read CSV only.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    },
  );
  let target: string | undefined;
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets++;
      const name = (worksheet as unknown as { name: string }).name;
      target ??= chooseSheet(reader) ?? name;
      if (name !== target) continue;
      for await (const row of worksheet) {
        const cells: string[] = [];
        for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
        if (!isBlankRow(cells)) yield { sheet: name, row: { row: row.number, cells } };
      }
    }
  } catch (error) {
    if (error instanceof TableReadError) throw error;
    const reason = (error as Error).message;
    throw new TableReadError(
      'unreadable-xlsx',
      file,
      `the file is not a readable .xlsx workbook (${reason})`,
    );
  }
  if (sheets === 0) throw new TableReadError('empty-file', file, 'the workbook has no sheets');
}

/** The sheet named "data", else the first, from the workbook's sheet list when it has been read. */
function chooseSheet(reader: ExcelJS.stream.xlsx.WorkbookReader): string | undefined {
  const list = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets;
  if (list === undefined || list.length === 0) return undefined;
  return (list.find((s) => s.name.trim().toLowerCase() === 'data') ?? list[0]).name;
}

function cellText(cell: ExcelJS.Cell): string {
  return valueText(cell.value, cell.numFmt ?? '');
}

/**
 * Whether a number format scales by 100: a `%` outside quoted literals and
 * backslash escapes (`0.0"%"` shows a percent sign without scaling).
 */
export function isPercentFormat(numFmt: string): boolean {
  return numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').includes('%');
}

function valueText(value: ExcelJS.CellValue | undefined, numFmt: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    return isPercentFormat(numFmt) ? `${Number((value * 100).toPrecision(15))}%` : String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    return valueText((value as { result?: ExcelJS.CellValue }).result, numFmt);
  }
  if ('text' in value) return String((value as { text: unknown }).text);
  return '';
}
