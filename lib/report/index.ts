export {
  renderReport,
  type ReportOptions,
  CONTENT_SECURITY_POLICY,
  SECTIONS,
} from './render-report.js';
export { toResultsCsv, csvCell, neutralizeFormula } from './csv.js';
export { escapeHtml } from './escape.js';
export { createLocale, type Language, type Locale } from './locale.js';
