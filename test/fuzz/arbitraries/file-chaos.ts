/**
 * Damage done to a data file on its way from a spreadsheet to the upload:
 * changes to the table (duplicate or renamed headers, hostile unit names,
 * blank, ragged and repeated rows, odd years, one file per year), to its
 * text (delimiters, line ends, quoting mistakes) and to its bytes
 * (byte-order marks, UTF-16 without a mark, GBK, GBK bytes inside UTF-8,
 * lone surrogates, a cut-off end, NUL bytes).
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { hostileName } from './hostile-text.js';
import type { Table } from './panel.js';

type Rows = string[][];

export type TableChange =
  | { readonly kind: 'duplicate-header'; readonly from: number; readonly to: number }
  | { readonly kind: 'rename-header'; readonly at: number; readonly name: string }
  | { readonly kind: 'unit-name'; readonly unit: number; readonly name: string }
  | { readonly kind: 'blank-rows'; readonly at: number; readonly count: number }
  | { readonly kind: 'ragged'; readonly row: number; readonly delta: number }
  | { readonly kind: 'repeat-row'; readonly row: number }
  | { readonly kind: 'year'; readonly row: number; readonly text: string }
  | { readonly kind: 'extra-column'; readonly name: string }
  | { readonly kind: 'swap-columns'; readonly a: number; readonly b: number }
  | { readonly kind: 'no-header' };

const YEAR_TEXTS = ['2001.0', '２００１', '1e3', 'FY2001', '', '99999', '-2001', '2001-01-01', '0', 'NaN'];

export const tableChange: fc.Arbitrary<TableChange> = fc.oneof(
  fc.record({ kind: fc.constant('duplicate-header' as const), from: fc.nat(30), to: fc.nat(30) }),
  fc.record({ kind: fc.constant('rename-header' as const), at: fc.nat(30), name: hostileName }),
  fc.record({ kind: fc.constant('unit-name' as const), unit: fc.nat(10), name: hostileName }),
  fc.record({ kind: fc.constant('blank-rows' as const), at: fc.nat(40), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('ragged' as const), row: fc.nat(40), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('repeat-row' as const), row: fc.nat(40) }),
  fc.record({ kind: fc.constant('year' as const), row: fc.nat(40), text: fc.constantFrom(...YEAR_TEXTS) }),
  fc.record({ kind: fc.constant('extra-column' as const), name: hostileName }),
  fc.record({ kind: fc.constant('swap-columns' as const), a: fc.nat(30), b: fc.nat(30) }),
  fc.constant({ kind: 'no-header' as const }),
);

/** Applies one change; indexes wrap around the table's size. */
export function applyTableChange(table: Table, change: TableChange): Table {
  const header = [...table.header];
  let rows: Rows = table.rows.map((r) => [...r]);
  const width = header.length;
  const at = (i: number, n: number) => (n === 0 ? 0 : i % n);
  switch (change.kind) {
    case 'duplicate-header':
      header[at(change.to, width)] = header[at(change.from, width)];
      break;
    case 'rename-header':
      header[at(change.at, width)] = change.name;
      break;
    case 'unit-name': {
      const units = [...new Set(rows.map((r) => r[0]))];
      const old = units[at(change.unit, units.length)];
      rows = rows.map((r) => (r[0] === old ? [change.name, ...r.slice(1)] : r));
      break;
    }
    case 'blank-rows':
      rows.splice(at(change.at, rows.length + 1), 0, ...Array.from({ length: change.count }, () => []));
      break;
    case 'ragged': {
      const r = rows[at(change.row, rows.length)];
      if (r && change.delta < 0) r.splice(Math.max(0, r.length + change.delta));
      if (r && change.delta > 0) r.push(...Array.from({ length: change.delta }, (_, i) => String(i)));
      break;
    }
    case 'repeat-row': {
      const r = rows[at(change.row, rows.length)];
      if (r) rows.push([...r]);
      break;
    }
    case 'year': {
      const r = rows[at(change.row, rows.length)];
      if (r && r.length > 1) r[1] = change.text;
      break;
    }
    case 'extra-column':
      header.push(change.name);
      rows = rows.map((r) => [...r, '1']);
      break;
    case 'swap-columns': {
      const a = at(change.a, width);
      const b = at(change.b, width);
      const swap = (r: string[]) => {
        [r[a], r[b]] = [r[b] ?? '', r[a] ?? ''];
      };
      swap(header);
      rows.forEach(swap);
      break;
    }
    case 'no-header':
      return { header: rows[0] ?? [], rows: rows.slice(1) };
  }
  return { header, rows };
}

export interface TextStyle {
  readonly delimiter: ',' | ';' | '\t';
  readonly eol: '\n' | '\r\n' | '\r';
  readonly quoting: 'minimal' | 'all' | 'unbalanced' | 'bare-quote' | 'quote-mid-cell';
  /** Which cell (counted over the whole file) the quoting mistake hits. */
  readonly target: number;
}

export const textStyle: fc.Arbitrary<TextStyle> = fc.record({
  delimiter: fc.constantFrom(',' as const, ',' as const, ';' as const, '\t' as const),
  eol: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
  quoting: fc.constantFrom(
    'minimal' as const, 'minimal' as const, 'all' as const, 'unbalanced' as const,
    'bare-quote' as const, 'quote-mid-cell' as const,
  ),
  target: fc.nat(200),
});

export function tableText(table: Table, style: TextStyle): string {
  const d = style.delimiter;
  const needs = new RegExp(`["\\r\\n${d === '\t' ? '\\t' : d}]`);
  const all = [table.header, ...table.rows];
  const count = all.reduce((n, r) => n + r.length, 0);
  const target = count === 0 ? -1 : style.target % count;
  let index = 0;
  // A swap past a short row's end leaves holes, read here as blank cells.
  const cell = (raw: string | undefined): string => {
    const text = raw ?? '';
    const here = index++ === target;
    if (here && style.quoting === 'unbalanced') return `"${text}`;
    if (here && style.quoting === 'bare-quote') return `${text}"x`;
    if (here && style.quoting === 'quote-mid-cell') return `${text.slice(0, 1)}"${text.slice(1)}"`;
    if (style.quoting === 'all' || needs.test(text)) return `"${text.replace(/"/g, '""')}"`;
    return text;
  };
  return all.map((r) => Array.from(r, cell).join(d)).join(style.eol) + style.eol;
}

export type ByteForm =
  | 'utf8' | 'utf8-bom' | 'double-bom' | 'utf16le-bom' | 'utf16le' | 'utf16be' | 'gbk'
  | 'gbk-inside-utf8' | 'lone-surrogate' | 'cut-off' | 'nul';

export const byteForm: fc.Arbitrary<{ form: ByteForm; at: number }> = fc.record({
  form: fc.constantFrom<ByteForm>(
    'utf8', 'utf8', 'utf8', 'utf8-bom', 'double-bom', 'utf16le-bom', 'utf16le', 'utf16be', 'gbk',
    'gbk-inside-utf8', 'lone-surrogate', 'cut-off', 'nul',
  ),
  at: fc.nat(10_000),
});

/** The text as bytes in the given form; `at` picks where damage goes. */
export function textBytes(text: string, form: ByteForm, at: number): Uint8Array {
  const utf8 = Buffer.from(text, 'utf8');
  const where = utf8.length === 0 ? 0 : at % utf8.length;
  switch (form) {
    case 'utf8':
      return utf8;
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    case 'double-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), utf8]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'gbk':
      return iconv.encode(text, 'gbk');
    case 'gbk-inside-utf8':
      // "城市" in GBK, spliced into otherwise UTF-8 text.
      return Buffer.concat([utf8.subarray(0, where), iconv.encode('城市', 'gbk'), utf8.subarray(where)]);
    case 'lone-surrogate':
      // U+D800 as UTF-8 would spell it (CESU/WTF-8), which UTF-8 forbids.
      return Buffer.concat([utf8.subarray(0, where), Buffer.from([0xed, 0xa0, 0x80]), utf8.subarray(where)]);
    case 'cut-off':
      return utf8.subarray(0, where);
    case 'nul':
      return Buffer.concat([utf8.subarray(0, where), Buffer.from([0]), utf8.subarray(where)]);
  }
}

/** Splits a wide panel into one file per year, named after the year, with no year column. */
export function perYearFiles(table: Table): { name: string; table: Table }[] {
  const years = [...new Set(table.rows.map((r) => r[1]))];
  return years.map((year) => ({
    name: `panel_${year}.csv`,
    table: {
      header: [table.header[0], ...table.header.slice(2)],
      rows: table.rows.filter((r) => r[1] === year).map((r) => [r[0], ...r.slice(2)]),
    },
  }));
}
