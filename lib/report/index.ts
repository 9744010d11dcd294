export {
  renderReport,
  type ReportOptions,
  CONTENT_SECURITY_POLICY,
  SECTIONS,
  EMBED_LIMIT_BYTES,
  RESULTS_CSV_FILE,
  RESULTS_JSON_FILE,
} from './render-report.js';
export { LARGE_PANEL_UNITS, FOCUS_EACH_END } from './focus.js';
export { toResultsCsv, csvCell, neutralizeFormula } from './csv.js';
export { escapeHtml } from './escape.js';
export { createLocale, type Language, type Locale } from './locale.js';
