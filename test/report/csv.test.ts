import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeFormula, toResultsCsv } from '../../lib/report/csv.js';
import type { ResultRow } from '../../lib/pipeline/results.js';

/** Parses the CSV with csv-parse, an independent RFC 4180 reader. */
function readBack(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

describe('toResultsCsv', () => {
  const rows: readonly ResultRow[] = Object.freeze([
    Object.freeze({
      unit: 'Alpha, "the first"',
      year: 2019,
      composite: -0.25,
      coupling: { C: 0.9, D: 0.61, grade: 'Primary coordination' },
      factorScores: [1.5, -2],
    }),
    Object.freeze({
      unit: '=HYPERLINK("http://evil.example","x")',
      year: 2019,
      composite: 0.5,
      coupling: { C: 0.8, D: 0.55, grade: '+cmd' },
      note: 'line one\r\nline two',
    }),
  ]);

  it('toResultsCsv(results) writes one line per row, dotted and numbered columns, CRLF and a BOM', () => {
    const text = toResultsCsv({ rows });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const table = readBack(text);
    expect(table[0]).toEqual([
      'unit',
      'year',
      'composite',
      'coupling.C',
      'coupling.D',
      'coupling.grade',
      'factorScores.1',
      'factorScores.2',
      'note',
    ]);
    expect(table).toHaveLength(3);
  });

  it('toResultsCsv(results) survives a round trip through an RFC 4180 parser', () => {
    const table = readBack(toResultsCsv({ rows }));
    expect(table[1]).toEqual([
      'Alpha, "the first"',
      '2019',
      '-0.25',
      '0.9',
      '0.61',
      'Primary coordination',
      '1.5',
      '-2',
      '',
    ]);
    expect(table[2]?.[8]).toBe('line one\r\nline two');
    expect(table[2]?.[6]).toBe('');
  });

  it('toResultsCsv(results) neutralizes formulas in text cells but not negative numbers', () => {
    const table = readBack(toResultsCsv({ rows }));
    expect(table[2]?.[0]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(table[2]?.[5]).toBe("'+cmd");
    expect(table[1]?.[2]).toBe('-0.25');
  });

  it('toResultsCsv(results) does not change its input', () => {
    const copy = structuredClone(rows);
    toResultsCsv({ rows });
    expect(rows).toEqual(copy);
  });
});

describe('neutralizeFormula', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])(
    'neutralizeFormula(%j) prefixes an apostrophe',
    (text) => {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    },
  );

  it('neutralizeFormula(text) leaves ordinary text alone', () => {
    expect(neutralizeFormula('Shanghai')).toBe('Shanghai');
    expect(neutralizeFormula('a=b')).toBe('a=b');
  });

  it('csvCell(value) writes finite numbers plainly and non-finite or missing values as empty', () => {
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
});
