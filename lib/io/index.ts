export {
  type DetectedEncoding,
  type TextEncoding,
  decodeChunks,
  decodeText,
  detectEncoding,
} from './decode-text.js';
export { TableReadError } from './errors.js';
export { type Delimiter, detectDelimiter, readCsv } from './read-csv.js';
export { MAX_CSV_BYTES, MAX_XLSX_BYTES, readTable } from './read-table.js';
export { isPercentFormat, readXlsx } from './read-xlsx.js';
export { type Table, type TableRow, isBlankRow } from './table.js';
