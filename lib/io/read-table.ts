import { TableReadError } from './errors.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import type { Table } from './table.js';

/**
 * Largest text table accepted, 200 MiB. The file is parsed as a stream,
 * but the validate step keeps every row's numbers to check the panel as a
 * whole, and writes the panel as one JSON artifact: measured with
 * bench/validate.bench.ts, a 40 MiB CSV of 300,000 rows × 21 indicators
 * peaks at about 0.7 GiB of resident memory, so a file at this limit needs
 * a Lambda of about 4 GiB (the maximum is 10 GiB).
 */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;

/**
 * Largest workbook accepted, 50 MiB. An .xlsx compresses its XML about
 * tenfold, so this is roughly a 500 MB sheet, streamed row by row.
 */
export const MAX_XLSX_BYTES = 50 * 1024 * 1024;

/**
 * Reads a table from the bytes of a file. The kind is decided by content,
 * then by name: bytes starting with a ZIP signature are an .xlsx workbook,
 * anything else a delimited text file. An old binary Excel file (.xls) is
 * rejected with advice, as are files over the size limits and 0-byte files.
 */
export async function readTable(bytes: Uint8Array, file: string): Promise<Table> {
  if (bytes.length === 0) {
    throw new TableReadError('empty-file', file, 'the file is empty (0 bytes)');
  }
  const name = file.toLowerCase();
  if (isOleFile(bytes) || name.endsWith('.xls')) {
    throw new TableReadError(
      'unsupported-format',
      file,
      'old Excel files (.xls) are not read; save the workbook as .xlsx or CSV',
    );
  }
  if (isZip(bytes) || name.endsWith('.xlsx')) {
    checkSize(bytes, file, MAX_XLSX_BYTES);
    return readXlsx(bytes, file);
  }
  checkSize(bytes, file, MAX_CSV_BYTES);
  return readCsv(bytes, file);
}

function checkSize(bytes: Uint8Array, file: string, limit: number): void {
  if (bytes.length > limit) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
    throw new TableReadError(
      'file-too-large',
      file,
      `the file is ${mib(bytes.length)}, above the limit of ${mib(limit)} for this kind of file`,
    );
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The compound-document signature of .xls (and other old Office) files. */
function isOleFile(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return signature.every((byte, i) => bytes[i] === byte);
}
