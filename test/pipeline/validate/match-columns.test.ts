import { describe, expect, it } from 'vitest';
import { columnLetter, headerKey, matchColumns } from '../../../lib/pipeline/validate/match-columns.js';
import { yearFromFileName } from '../../../lib/pipeline/validate/year-from-file-name.js';
import { smallModel } from './small-model.js';

const model = smallModel();

describe('matchColumns(header, model)', () => {
  it('matchColumns(ids) finds unit, year and every indicator', () => {
    const { columns, issues } = matchColumns(['unit', 'year', 'waste', 'gdp', 'green'], model, 'a.csv', 1);
    expect(issues).toEqual([]);
    expect(columns).toMatchObject({ unitColumn: 0, yearColumn: 1, indicatorColumns: [3, 4, 2], usable: true });
  });

  it('matchColumns(names, Chinese names, synonyms) matches ignoring case, spacing and width', () => {
    const header = ['\uFEFF城市', '年份', ' GROSS  domestic product ', '绿化覆盖率', 'ｓｏｌｉｄ ｗａｓｔｅ'];
    const { columns, issues } = matchColumns(header, model, 'a.csv', 1);
    expect(issues).toEqual([]);
    expect(columns.indicatorColumns).toEqual([2, 3, 4]);
    expect(columns.header[0]).toBe('城市');
  });

  it('matchColumns(unknown and blank columns) warns and ignores them; trailing blanks are dropped', () => {
    const { columns, issues } = matchColumns(['City', 'Year', 'gdp', '', 'note', 'green', 'waste', '', ''], model, 'a.csv', 1);
    expect(columns.usable).toBe(true);
    expect(columns.header).toHaveLength(7);
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unnamed-column', column: '(column D)' }),
      expect.objectContaining({ severity: 'warning', code: 'unknown-column', column: 'note' }),
    ]);
  });

  it('matchColumns(a header twice, an indicator under two names) gives errors naming the columns', () => {
    const { columns, issues } = matchColumns(['unit', 'year', 'gdp', 'GDP', 'green', 'Green coverage', 'waste'], model, 'a.csv', 3);
    expect(columns.usable).toBe(false);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'duplicate-header', row: 3, column: 'GDP' }),
      expect.objectContaining({ code: 'duplicate-column', row: 3, column: 'Green coverage' }),
    ]);
    expect(issues[0].message).toContain('columns C and D');
  });

  it('matchColumns(no unit, year or indicator column) gives one error for each', () => {
    const { issues } = matchColumns(['place', 'gdp'], model, 'data.csv', 1);
    const codes = issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.column]);
    expect(codes).toEqual([
      ['missing-unit-column', undefined],
      ['missing-year-column', undefined],
      ['missing-column', 'green'],
      ['missing-column', 'waste'],
    ]);
  });

  it('matchColumns(no year column, year in the file name) takes the year and warns', () => {
    const { columns, issues } = matchColumns(['unit', 'gdp', 'green', 'waste'], model, 'uploads/cities_2019.xlsx', 1);
    expect(columns).toMatchObject({ usable: true, yearColumn: -1, yearFromName: 2019 });
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'year-from-file-name' })]);
  });
});

describe('yearFromFileName(file)', () => {
  it.each([
    ['2019.csv', 2019],
    ['data/cities_2019.xlsx', 2019],
    ['panel-2020-final.csv', 2020],
    ['C:\\exports\\2018年.csv', 2018],
    ['panel.csv', undefined],
    ['2018-2019.csv', undefined],
    ['20190.csv', undefined],
    ['1850.csv', undefined],
    ['2019/panel.csv', undefined],
  ])('yearFromFileName(%j) is %s', (file, year) => {
    expect(yearFromFileName(file)).toBe(year);
  });
});

describe('headerKey and columnLetter', () => {
  it('headerKey(text) folds width, case and spaces', () => {
    expect(headerKey('  Ａ１  Value ')).toBe('a1 value');
  });

  it('columnLetter(index) counts as spreadsheets do', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
