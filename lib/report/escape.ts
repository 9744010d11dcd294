/**
 * The one escape function of the report. Every string that comes from a
 * user (unit names, indicator names and units, file names, model names,
 * warning messages) goes through it before it is placed in the page, in text
 * or in a double-quoted attribute alike.
 *
 * Replaces the five characters that can end a text run or an attribute
 * value in HTML: `& < > " '`. Numbers and strings built by the report itself
 * from fixed templates need no escaping, but escaping them too is harmless.
 */
export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
