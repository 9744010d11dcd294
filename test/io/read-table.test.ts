import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, MAX_XLSX_BYTES, TableReadError, isPercentFormat, readTable } from '../../lib/io/index.js';
import { collectRows, rejection } from './collect.js';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readTable(bytes, file)', () => {
  it('readTable(0 bytes) says the file is empty', async () => {
    const error = await rejection(readTable(new Uint8Array(), 'a.csv'));
    expect(error).toBeInstanceOf(TableReadError);
    expect(error).toMatchObject({ code: 'empty-file', message: 'the file is empty (0 bytes)' });
  });

  it('readTable(file over the limit) is refused before it is parsed', async () => {
    const csv = Buffer.alloc(MAX_CSV_BYTES + 1, 0x41);
    await expect(readTable(csv, 'a.csv')).rejects.toMatchObject({ code: 'file-too-large' });
    const xlsx = Buffer.alloc(MAX_XLSX_BYTES + 1);
    xlsx.set([0x50, 0x4b, 0x03, 0x04]);
    await expect(readTable(xlsx, 'a.xlsx')).rejects.toThrow(/above the limit of 50 MiB/);
  });

  it('readTable(.xls or OLE bytes) asks for .xlsx or CSV', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readTable(ole, 'data.bin')).rejects.toMatchObject({ code: 'unsupported-format' });
  });

  it('readTable(.xlsx name, not a workbook) is an unreadable workbook', async () => {
    await expect(readTable(Buffer.from('unit,year\n'), 'a.xlsx')).rejects.toMatchObject({ code: 'unreadable-xlsx' });
  });

  it('readTable(workbook bytes under any name) reads the sheet named "data"', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('README').addRow(['notes']);
      const data = wb.addWorksheet('Data');
      data.addRow(['unit', 'year', 'share', 'gdp', 'ratio']);
      data.addRow(['Wuhan', 2019, 0.452, { formula: '1+1', result: 2 }, { richText: [{ text: '1' }, { text: '.5' }] }]);
      data.getCell('C2').numFmt = '0.0%';
      data.addRow([]);
      data.addRow(['Hefei', 2019, 0.1, { error: '#DIV/0!' }, true]);
      data.getCell('C4').numFmt = '0%';
    });
    const table = await readTable(bytes, 'upload.bin');
    expect(table).toMatchObject({ format: 'xlsx', sheet: 'Data', headerRow: 1 });
    expect(await collectRows(table)).toEqual([
      { row: 2, cells: ['Wuhan', '2019', '45.2%', '2', '1.5'] },
      { row: 4, cells: ['Hefei', '2019', '10%', '#DIV/0!', 'TRUE'] },
    ]);
  });

  it('readTable(workbook without a "data" sheet) reads the first sheet', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('2019').addRow(['unit', 'year']);
      wb.addWorksheet('other').addRow(['x']);
    });
    const table = await readTable(bytes, 'a.xlsx');
    expect(table.sheet).toBe('2019');
    expect(await collectRows(table)).toEqual([]);
  });

  it('readTable(workbook with an empty sheet) says it has no header', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('data');
    });
    await expect(readTable(bytes, 'a.xlsx')).rejects.toMatchObject({ code: 'empty-file' });
  });
});

describe('readTable(workbook with empty trailing cells)', () => {
  it('readTable(row whose last cells are empty) pads it to the sheet width', async () => {
    const bytes = await workbook((wb) => {
      const sheet = wb.addWorksheet('data');
      sheet.addRow(['unit', 'year', 'a', 'b']);
      sheet.addRow(['Wuhan', 2019, 1]);
    });
    const rows = await collectRows(await readTable(bytes, 'a.xlsx'));
    expect(rows).toEqual([{ row: 2, cells: ['Wuhan', '2019', '1', ''] }]);
  });
});

describe('isPercentFormat(numFmt)', () => {
  it.each([
    ['0%', true],
    ['0.00%', true],
    ['#,##0.0%;[Red]-#,##0.0%', true],
    ['0.0"%"', false],
    ['0.0\\%', false],
    ['General', false],
    ['', false],
  ])('isPercentFormat(%j) is %s', (numFmt, percent) => {
    expect(isPercentFormat(numFmt)).toBe(percent);
  });
});
