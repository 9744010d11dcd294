import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { decodeChunks, detectEncoding } from './decode-text.js';
import { TableReadError } from './errors.js';
import { type Table, type TableRow, isBlankRow } from './table.js';

/** The delimiters a CSV file may use; the header line decides. */
export type Delimiter = ',' | ';' | '\t';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/**
 * Reads a delimited text table (CSV, semicolon-separated, tab-separated).
 *
 * The encoding is detected by {@link detectEncoding}; the delimiter is the
 * one of comma, semicolon and tab that occurs most often outside quotes in
 * the first non-blank line (comma on a tie). Records are parsed with
 * csv-parse as a stream: the decoded text is fed in pieces and rows are
 * handed on one by one, so the file is never held as a parsed array.
 *
 * Row numbers count records the way a spreadsheet program shows them: a
 * blank line is a (skipped) row, and a quoted cell spanning several lines
 * stays one row. Rows may have any number of cells; the validation step
 * decides what a ragged row means.
 */
export async function readCsv(bytes: Uint8Array, file: string): Promise<Table> {
  const detected = detectEncoding(bytes, file);
  const chunks = decodeChunks(bytes, detected, file);
  const first = chunks.next();
  if (first.done === true) throw emptyFile(file);
  const delimiter = detectDelimiter(first.value);

  // One generator serves both: its first row is the header, the rest the data.
  const records = parseRecords(prepend(first.value, chunks), delimiter, file);
  const header = await records.next();
  if (header.done === true) throw emptyFile(file);

  return {
    file,
    format: 'csv',
    encoding: detected.encoding,
    delimiter,
    headerRow: header.value.row,
    header: header.value.cells,
    rows: { [Symbol.asyncIterator]: () => records },
  };
}

/** Counts each delimiter outside double quotes on the first non-blank line. */
export function detectDelimiter(text: string): Delimiter {
  const line = firstNonBlankLine(text);
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as Delimiter)) {
      counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1);
    }
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

function firstNonBlankLine(text: string): string {
  for (const line of text.split(/\r\n|\n|\r/)) if (line.trim() !== '') return line;
  return '';
}

function* prepend(first: string, rest: Iterator<string>): Generator<string> {
  yield first;
  for (let next = rest.next(); next.done !== true; next = rest.next()) yield next.value;
}

async function* parseRecords(
  chunks: Iterable<string>,
  delimiter: Delimiter,
  file: string,
): AsyncGenerator<TableRow> {
  const parser = parse({
    delimiter,
    // Any line ending, even mixed within a file (files edited on two systems).
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: false,
    bom: false,
  });
  pipeline(Readable.from(chunks, { objectMode: false }), parser, () => {
    // Errors reach the loop below through the parser, which pipeline destroys.
  });
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (!isBlankRow(record)) yield { row, cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      // The parser runs ahead of this loop, so its own count locates the record.
      const records = typeof error.records === 'number' ? error.records : row;
      throw new TableReadError('malformed-csv', file, csvMessage(error), records + 1);
    }
    throw error;
  }
}

/** csv-parse messages name its options; say what is wrong with the file instead. */
function csvMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " without its closing ")';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text follows a closing quote inside a cell; quote the whole cell and double inner quotes ("")';
    default:
      return `the CSV cannot be parsed: ${error.message}`;
  }
}

function emptyFile(file: string): TableReadError {
  return new TableReadError('empty-file', file, 'the file holds no header row (it is empty or blank)');
}
