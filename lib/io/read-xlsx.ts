import ExcelJS from 'exceljs';
import { TableReadError } from './errors.js';
import { type Table, type TableRow, isBlankRow } from './table.js';

/**
 * Reads the data sheet of an Excel workbook (.xlsx): the sheet named "data"
 * (any case) when there is one, else the first sheet.
 *
 * Cells become the text a reader sees, so that CSV and Excel files go
 * through the same cell rules: numbers as JavaScript writes them (which
 * reads back to the identical double), formulas by their cached result,
 * rich text as its plain text, error values such as `#DIV/0!` as written.
 * A number shown as a percentage (its format holds `%`) becomes the shown
 * figure with a `%` sign, 0.452 → "45.2%", rounded to 15 significant digits
 * to undo the binary error of the multiplication; the validation step then
 * drops the sign, as it does for CSV text.
 *
 * Limitation: the workbook is loaded whole with exceljs (not streamed), and
 * its in-memory model takes roughly ten to twenty times the file size; this
 * is why {@link MAX_XLSX_BYTES} is lower than the CSV limit. A formula whose
 * result was never cached (a file written by a program, not saved by Excel)
 * reads as a blank cell.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new TableReadError(
      'unreadable-xlsx',
      file,
      `the file is not a readable .xlsx workbook (${(error as Error).message})`,
    );
  }
  const sheet =
    workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === 'data') ??
    workbook.worksheets[0];
  if (sheet === undefined) throw new TableReadError('empty-file', file, 'the workbook has no sheets');

  const rows = sheetRows(sheet);
  // Pulled by hand: leaving a for-of loop early would close the generator.
  let header: TableRow | undefined;
  for (let next = rows.next(); next.done !== true; next = rows.next()) {
    if (!isBlankRow(next.value.cells)) {
      header = next.value;
      break;
    }
  }
  if (header === undefined) {
    throw new TableReadError('empty-file', file, `sheet "${sheet.name}" holds no header row (it is empty)`);
  }
  return {
    file,
    format: 'xlsx',
    sheet: sheet.name,
    headerRow: header.row,
    header: header.cells,
    rows: nonBlank(rows),
  };
}

/**
 * Every row padded to the sheet's width: a workbook has no ragged rows, and
 * a row whose last cells are empty must not look shorter than the header.
 */
function* sheetRows(sheet: ExcelJS.Worksheet): Generator<TableRow> {
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) cells.push(cellText(row.getCell(c)));
    yield { row: r, cells };
  }
}

async function* nonBlank(rows: Iterator<TableRow>): AsyncGenerator<TableRow> {
  for (let next = rows.next(); next.done !== true; next = rows.next()) {
    if (!isBlankRow(next.value.cells)) yield next.value;
  }
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
