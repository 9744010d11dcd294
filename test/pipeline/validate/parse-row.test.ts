import { describe, expect, it } from 'vitest';
import { matchColumns } from '../../../lib/pipeline/validate/match-columns.js';
import { parseRow, parseYear } from '../../../lib/pipeline/validate/parse-row.js';
import { smallModel } from './small-model.js';

const header = ['unit', 'year', 'gdp', 'green', 'waste'];

function parse(cells: string[], analysis: Record<string, unknown> = {}) {
  const model = smallModel(analysis);
  const { columns } = matchColumns(header, model, 'a.csv', 1);
  return parseRow({ row: 5, cells }, columns, model);
}

describe('parseRow(row, columns, model)', () => {
  it('parseRow(clean row) returns the values in model order', () => {
    const { observed, issues } = parse(['Wuhan', '2019', '1,500.5', '41.2%', '3'] );
    expect(issues).toEqual([]);
    expect(observed).toMatchObject({ file: 'a.csv', row: 5, unit: 'Wuhan', year: 2019, unitColumn: 'unit' });
    expect(Array.from(observed!.values)).toEqual([1500.5, 41.2, 3]);
  });

  it('parseRow(text in a number) names row, column, unit and year', () => {
    const { observed, issues } = parse(['Wuhan', '2019', 'n.a.', '41', '3']);
    expect(issues).toEqual([
      { severity: 'error', code: 'non-numeric', file: 'a.csv', row: 5, column: 'gdp', unit: 'Wuhan', year: 2019, message: '"n.a." is not a number' },
    ]);
    expect(observed).toBeDefined();
  });

  it('parseRow(negative value) is an error unless allowNegative', () => {
    expect(parse(['Wuhan', '2019', '1', '2', '-3']).issues[0]).toMatchObject({ code: 'negative-value', column: 'waste' });
    expect(parse(['Wuhan', '2019', '1', '2', '-3'], { allowNegative: true }).issues).toEqual([]);
  });

  it('parseRow(missing cell) is an error under "fail" and NaN otherwise', () => {
    expect(parse(['Wuhan', '2019', 'NA', '2', '3']).issues[0]).toMatchObject({ code: 'missing-value', column: 'gdp' });
    const { observed, issues } = parse(['Wuhan', '2019', 'NA', '2', '3'], { missing: 'interpolate' });
    expect(issues).toEqual([]);
    expect(Number.isNaN(observed!.values[0])).toBe(true);
  });

  it('parseRow(blank unit, bad year) gives errors and no row', () => {
    const { observed, issues } = parse([' ', '19', '1', '2', '3']);
    expect(observed).toBeUndefined();
    expect(issues.map((i) => [i.code, i.column])).toEqual([['missing-unit', 'unit'], ['implausible-year', 'year']]);
  });

  it('parseRow(short row, value right of the header) is a ragged row', () => {
    expect(parse(['Wuhan', '2019', '1', '2']).issues).toEqual([
      expect.objectContaining({ code: 'ragged-row', row: 5, column: 'waste' }),
    ]);
    expect(parse(['Wuhan', '2019', '1', '2', '3', '', 'x']).issues).toEqual([
      expect.objectContaining({ code: 'ragged-row', column: '(column G)' }),
    ]);
    expect(parse(['Wuhan', '2019', '1', '2', '3', '', ' ']).issues).toEqual([]);
  });
});

describe('parseYear(text)', () => {
  it.each([['2019', 2019], [' 2019.0 ', 2019], ['2019年', 2019], ['２０１９', 2019]])('parseYear(%j) is %i', (text, year) => {
    expect(parseYear(text)).toEqual({ year });
  });

  it.each([['2019.5', 'invalid-year'], ['FY2019', 'invalid-year'], ['', 'invalid-year'], ['20190', 'implausible-year'], ['1899', 'implausible-year']])(
    'parseYear(%j) is rejected as %s',
    (text, code) => {
      expect(parseYear(text)).toMatchObject({ code });
    },
  );
});
