export { type AssembledPanel, type MissingReport, assemblePanel } from './assemble-panel.js';
export { interpolateSeries } from './interpolate-series.js';
export { IssueList, MAX_STORED_ISSUES } from './issue-list.js';
export {
  type ColumnMap,
  UNIT_HEADERS,
  YEAR_HEADERS,
  columnLetter,
  headerKey,
  matchColumns,
} from './match-columns.js';
export { type CellValue, MISSING_TOKENS, parseCell, quoteCell } from './parse-cell.js';
export { type ObservedRow, type RowCells, YEAR_RANGE, parseRow, parseYear } from './parse-row.js';
export { MIN_CLUSTER_UNITS, checkSampleSize } from './sample-size.js';
export { yearFromFileName } from './year-from-file-name.js';
