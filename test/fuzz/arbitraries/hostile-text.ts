/**
 * Texts a data owner's file may hold where a number belongs, or where a
 * name belongs: spellings of not-a-number and infinity, overflow and
 * underflow, spreadsheet formulas (CSV injection), markup, full-width
 * digits typed with a Chinese input method, decimal commas, control
 * characters, lone surrogates and very long strings.
 */
import fc from 'fast-check';

export const HOSTILE_CELLS: readonly string[] = [
  'NaN', 'nan', 'Infinity', '-Infinity', 'inf', '∞', '1e999', '-1e999', '1e-999',
  '1e308', '1.7976931348623157e308', '4.9e-324', '-0', '0', '', ' ', 'NA', '#N/A',
  'null', '-', '..', '=SUM(A1:A9)', '=1+1', '+cmd|\' /C calc\'!A0', '@SUM(1)',
  '<script>alert(1)</script>', '<b>1</b>', '1,5', '1,234', '1 234', '１２３',
  '１２．５', '−5', '12%', '0x1F', '1e', '--1', '1.2.3', 'true', '"7"', '\t7',
  '7\u0000', 'ＮａＮ', '9'.repeat(400), `0.${'0'.repeat(400)}1`, '1_000', '١٢٣',
  '\uD800', '7\uDFFF', 'Ⅻ', '1/2', '3 kg', '$5',
];

/** Names for units: ordinary, formula-like, markup, very long, odd Unicode. */
export const HOSTILE_NAMES: readonly string[] = [
  '=HYPERLINK("http://x","y")', '+1+1', '-2', '@A1', '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>', '"; DROP TABLE runs; --', '&amp;&lt;', '{{7*7}}',
  '${7*7}', '北京', 'São Paulo', 'Zürich', 'a\u0301', '\u202Eevil', '\uD83D', 'x\uDC00y',
  'name with, comma', 'line\nbreak', 'tab\tinside', ' padded ', '0', '2019', 'NaN',
  'x'.repeat(10_000), '城'.repeat(3_000), '__proto__', 'constructor', 'toString',
];

/** A hostile cell text: one of the list, or any string at all. */
export const hostileCell: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

export const hostileName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
);
