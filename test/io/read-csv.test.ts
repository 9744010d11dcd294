import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { TableReadError, detectDelimiter, readCsv } from '../../lib/io/index.js';
import { collectRows, rejection } from './collect.js';

describe('readCsv(bytes, file)', () => {
  it('readCsv(comma file) gives header and rows with spreadsheet row numbers', async () => {
    const table = await readCsv(Buffer.from('unit,year,A1\nBeijing,2019,"1,234.5"\n\nShanghai,2019,2\n'), 'a.csv');
    expect(table).toMatchObject({ format: 'csv', encoding: 'UTF-8', delimiter: ',', headerRow: 1, header: ['unit', 'year', 'A1'] });
    expect(await collectRows(table)).toEqual([
      { row: 2, cells: ['Beijing', '2019', '1,234.5'] },
      { row: 4, cells: ['Shanghai', '2019', '2'] },
    ]);
  });

  it('readCsv(quoted cell over two lines) keeps it one row', async () => {
    const table = await readCsv(Buffer.from('unit,note\n"Bei\njing",x\nShanghai,y\n'), 'a.csv');
    expect(await collectRows(table)).toEqual([
      { row: 2, cells: ['Bei\njing', 'x'] },
      { row: 3, cells: ['Shanghai', 'y'] },
    ]);
  });

  it('readCsv(leading blank lines, CRLF, rows of empty cells) skips blank rows', async () => {
    const table = await readCsv(Buffer.from('\r\n\r\nunit;year\r\n;\r\nWuhan;2019\r\n'), 'a.csv');
    expect(table.headerRow).toBe(3);
    expect(table.delimiter).toBe(';');
    expect(await collectRows(table)).toEqual([{ row: 5, cells: ['Wuhan', '2019'] }]);
  });

  it('readCsv(GBK bytes with a tab delimiter) decodes and splits them', async () => {
    const table = await readCsv(iconv.encode('城市\t年份\n武汉\t2019\n', 'gbk'), 'a.txt');
    expect(table).toMatchObject({ encoding: 'GB18030', delimiter: '\t', header: ['城市', '年份'] });
    expect(await collectRows(table)).toEqual([{ row: 2, cells: ['武汉', '2019'] }]);
  });

  it('readCsv(ragged rows) hands them on for the validator to judge', async () => {
    const table = await readCsv(Buffer.from('a,b,c\n1,2\n1,2,3,4\n'), 'a.csv');
    expect((await collectRows(table)).map((r) => r.cells.length)).toEqual([2, 4]);
  });

  it('readCsv(unclosed quote) fails with the row of the broken record', async () => {
    const error = await rejection(
      readCsv(Buffer.from('unit,year\nA,2019\n"B,2019\nC,2019\n'), 'a.csv').then(collectRows),
    );
    expect(error).toBeInstanceOf(TableReadError);
    expect(error).toMatchObject({ code: 'malformed-csv', row: 3 });
  });

  it('readCsv(bad bytes beyond the first megabyte) fails mid-stream with their line', async () => {
    const good = iconv.encode('城市,年份\n' + '深圳,2019\n'.repeat(150_000), 'gbk');
    const bytes = Buffer.concat([good, Buffer.from([0xff, 0x2c, 0x31, 0x0a])]);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const table = await readCsv(bytes, 'big.csv');
    const error = await rejection(collectRows(table));
    expect(error).toBeInstanceOf(TableReadError);
    expect(error).toMatchObject({ code: 'undecodable-bytes', row: 150_002 });
  });

  it('readCsv(blank text) fails as an empty file', async () => {
    await expect(readCsv(Buffer.from(' \n\n'), 'a.csv')).rejects.toMatchObject({ code: 'empty-file' });
  });

  it('readCsv(100,000 rows) streams every row', async () => {
    const body = 'unit,year,x\n' + Array.from({ length: 100_000 }, (_, i) => `u${i},2019,${i}`).join('\n');
    const rows = await collectRows(await readCsv(Buffer.from(body), 'big.csv'));
    expect(rows).toHaveLength(100_000);
    expect(rows.at(-1)).toEqual({ row: 100_001, cells: ['u99999', '2019', '99999'] });
  });
});

describe('detectDelimiter(text)', () => {
  it.each([
    ['a,b,c\n', ','],
    ['a;b;c\n', ';'],
    ['a\tb\tc\n', '\t'],
    ['"x;y",b,c\n', ','],
    ['\n\n"a,1";"b,2";c\n', ';'],
    ['single\n', ','],
  ])('detectDelimiter(%j) is %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});
