import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCell, quoteCell } from '../../../lib/pipeline/validate/parse-cell.js';

const number = (value: number) => ({ kind: 'number', value });

describe('parseCell(text)', () => {
  it.each([
    ['42', 42],
    [' -3.5 ', -3.5],
    ['+.5', 0.5],
    ['1.2e3', 1200],
    ['1E-2', 0.01],
    ['7.', 7],
  ])('parseCell(%j) reads a plain number', (text, value) => {
    expect(parseCell(text)).toEqual(number(value));
  });

  it.each([
    ['1,234.5', 1234.5],
    ['12,345,678', 12345678],
    ['1 234', 1234],
    ['1\u00a0234.25', 1234.25],
    ['-1\u202f000', -1000],
  ])('parseCell(%j) drops thousands separators', (text, value) => {
    expect(parseCell(text)).toEqual(number(value));
  });

  it('parseCell("45.2%") drops the percent sign without dividing by 100', () => {
    expect(parseCell('45.2%')).toEqual(number(45.2));
    expect(parseCell('45.2 %')).toEqual(number(45.2));
    expect(parseCell('４５．２％')).toEqual(number(45.2));
  });

  it('parseCell(full-width digits) folds them to ASCII', () => {
    expect(parseCell('１２３４．５')).toEqual(number(1234.5));
    expect(parseCell('－７')).toEqual(number(-7));
    expect(parseCell('\u22123.5')).toEqual(number(-3.5));
  });

  it.each(['', '   ', 'NA', 'na', 'N/A', '#N/A', '-', '..', 'null', 'NULL', ' Na '])(
    'parseCell(%j) is missing',
    (text) => {
      expect(parseCell(text)).toEqual({ kind: 'missing' });
    },
  );

  it.each([
    ['abc', 'not-a-number'],
    ['12 km', 'not-a-number'],
    ['0x10', 'not-a-number'],
    ['1,23', 'decimal-comma'],
    ['3,5', 'decimal-comma'],
    ['1,2345', 'decimal-comma'],
    ['12,34,567', 'not-a-number'],
    ['NaN', 'not-finite'],
    ['-Infinity', 'not-finite'],
    ['inf', 'not-finite'],
    ['1e999', 'not-finite'],
    ['2019-01-01', 'not-a-number'],
    ['%', 'not-a-number'],
  ])('parseCell(%j) is invalid: %s', (text, reason) => {
    expect(parseCell(text)).toEqual({ kind: 'invalid', reason });
  });

  it('parseCell(String(x)) returns x for every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        // String(-0) is "0": signed zero is the one value text cannot carry.
        const cell = parseCell(String(x));
        return cell.kind === 'number' && cell.value === x;
      }),
    );
  });

  it('parseCell(grouped integer) equals the integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const grouped = n.toLocaleString('en-US');
        const cell = parseCell(grouped);
        return cell.kind === 'number' && cell.value === n;
      }),
    );
  });
});

describe('quoteCell(text)', () => {
  it('quoteCell(long text) shortens it to 40 characters with an ellipsis', () => {
    const quoted = quoteCell('x'.repeat(100));
    expect(quoted).toBe(JSON.stringify(`${'x'.repeat(39)}…`));
  });
});
