/**
 * What a data cell holds once its text is read: a number, a missing value,
 * or text that is not a number (with the reason, for the message).
 */
export type CellValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: 'not-a-number' | 'not-finite' | 'decimal-comma' };

/** Texts read as a missing value, compared after trimming and ignoring case. */
export const MISSING_TOKENS: readonly string[] = ['', 'na', 'n/a', '#n/a', '-', '..', 'null'];

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** 1,234 or 1,234,567.89: comma groups of exactly three digits. */
const COMMA_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** 1 234 567.8 with a space, no-break space or narrow no-break space. */
const SPACE_GROUPED = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const NON_ASCII = /[^\x00-\x7f]/;
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity|∞)$/i;

/**
 * Reads the text of one data cell as a number.
 *
 * - Full-width forms (０-９, ．, －, ％, as typed with a Chinese input
 *   method) are folded to ASCII by Unicode NFKC, and the minus sign U+2212
 *   to a hyphen.
 * - Blank, `NA`, `N/A`, `#N/A` (Excel), `-`, `..` (the World Bank's mark)
 *   and `null`, in any case, are missing.
 * - Thousands separators are dropped: commas between groups of exactly three
 *   digits ("1,234.5", which a comma-separated file must quote) and spaces
 *   ("1 234").
 * - A trailing percent sign is dropped, NOT divided by 100: "45.2%" is 45.2,
 *   because indicators measured in percent are modelled in percent units.
 * - `NaN` and `Infinity` are rejected (`not-finite`). A decimal comma such as
 *   "1,5" is rejected (`decimal-comma`), since "1,500" would be ambiguous.
 *
 * Anything else that is not a plain decimal or scientific number (hex,
 * words, dates) is `not-a-number`.
 */
export function parseCell(text: string): CellValue {
  // Plain ASCII, by far the common case, needs no folding.
  const ascii = !NON_ASCII.test(text);
  const folded = (ascii ? text : text.normalize('NFKC').replace(/\u2212/g, '-')).trim();
  if (MISSING_TOKENS.includes(folded.toLowerCase())) return { kind: 'missing' };

  const body = folded.endsWith('%') ? folded.slice(0, -1).trimEnd() : folded;
  if (NOT_FINITE.test(body)) return { kind: 'invalid', reason: 'not-finite' };
  if (PLAIN_NUMBER.test(body)) return finite(Number(body));
  if (COMMA_GROUPED.test(body)) return finite(Number(body.replace(/,/g, '')));
  if (SPACE_GROUPED.test(body)) return finite(Number(body.replace(/[ \u00a0\u202f]/g, '')));
  if (DECIMAL_COMMA.test(body)) return { kind: 'invalid', reason: 'decimal-comma' };
  return { kind: 'invalid', reason: 'not-a-number' };
}

/** "1e999" parses to Infinity; that is an overflow, not a value. */
function finite(value: number): CellValue {
  return Number.isFinite(value)
    ? { kind: 'number', value }
    : { kind: 'invalid', reason: 'not-finite' };
}

/** The cell text for a message: trimmed, at most 40 characters. */
export function quoteCell(text: string): string {
  const trimmed = text.trim();
  return JSON.stringify(trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed);
}
