import { describe, expect, it } from 'vitest';
import type { ObservedRow } from '../../../lib/pipeline/validate/parse-row.js';
import { assemblePanel } from '../../../lib/pipeline/validate/assemble-panel.js';
import { checkSampleSize } from '../../../lib/pipeline/validate/sample-size.js';
import { smallModel } from './small-model.js';

const NA = Number.NaN;

function row(unit: string, year: number, values: number[], line = 2, file = 'a.csv'): ObservedRow {
  return { file, row: line, unit, year, values: Float64Array.from(values), columnNames: ['gdp', 'green', 'waste'], unitColumn: 'city' };
}

/** Four cities, two years, every column varying. */
function balanced(): ObservedRow[] {
  const units = ['Wuhan', 'Hefei', 'Xian', 'Jinan'];
  return [2019, 2018].flatMap((year, y) => units.map((u, i) => row(u, year, [10 + i + y, 20 - i, 5 + i * y], 2 + y * 4 + i)));
}

describe('assemblePanel(rows, model)', () => {
  it('assemblePanel(balanced rows) sorts by year then first-seen unit', () => {
    const { panel, issues } = assemblePanel(balanced(), smallModel());
    expect(panel?.units).toEqual(['Wuhan', 'Hefei', 'Xian', 'Jinan']);
    expect(panel?.years).toEqual([2018, 2019]);
    expect(panel?.rows.map((r) => `${r.unit} ${r.year}`).slice(0, 5)).toEqual([
      'Wuhan 2018', 'Hefei 2018', 'Xian 2018', 'Jinan 2018', 'Wuhan 2019',
    ]);
    expect(panel?.indicators).toEqual(['gdp', 'green', 'waste']);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('assemblePanel(a unit-year twice) is an error at the second row naming the first', () => {
    const rows = [...balanced(), row('Hefei', 2019, [1, 2, 3], 12, 'b.csv')];
    const { panel, issues } = assemblePanel(rows, smallModel());
    expect(panel).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: 'duplicate-row', file: 'b.csv', row: 12, column: 'city', unit: 'Hefei', year: 2019 })]);
    expect(issues[0].message).toContain('a.csv, row 3');
  });

  it('assemblePanel(a unit without a year) warns that the panel is unbalanced', () => {
    const rows = balanced().filter((r) => !(r.unit === 'Xian' && r.year === 2018));
    const { panel, issues } = assemblePanel(rows, smallModel());
    expect(panel?.rows).toHaveLength(7);
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'unbalanced-panel', unit: 'Xian' }));
    expect(issues.find((i) => i.code === 'unbalanced-panel')?.message).toContain('2018');
  });

  it('assemblePanel(a constant indicator) warns naming it', () => {
    const rows = balanced().map((r) => ({ ...r, values: Float64Array.from([r.values[0], 7, r.values[2]]) }));
    const { issues } = assemblePanel(rows, smallModel());
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'constant-column', column: 'green' }));
  });

  it('assemblePanel(missing: interpolate, a series with no value) is an error naming unit and column', () => {
    const rows = balanced().map((r) => (r.unit === 'Xian' ? { ...r, values: Float64Array.from([NA, r.values[1], r.values[2]]) } : r));
    const { panel, issues } = assemblePanel(rows, smallModel({ missing: 'interpolate' }));
    expect(panel).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: 'missing-value', unit: 'Xian', column: 'gdp' })]);
  });

  it('assemblePanel(missing: drop-unit, every unit incomplete) is an error', () => {
    const rows = balanced().map((r) => ({ ...r, values: Float64Array.from([NA, 1, 2]) }));
    const { panel, issues, missing } = assemblePanel(rows, smallModel({ missing: 'drop-unit' }));
    expect(panel).toBeUndefined();
    expect(missing.droppedUnits).toHaveLength(4);
    expect(issues.at(-1)).toMatchObject({ severity: 'error', code: 'no-units-left' });
  });

  it('assemblePanel(rows) does not change the rows it is given', () => {
    const rows = balanced().map((r, i) => (i === 0 ? { ...r, values: Float64Array.from([NA, 1, 2]) } : r));
    assemblePanel(rows, smallModel({ missing: 'interpolate' }));
    expect(Number.isNaN(rows[0].values[0])).toBe(true);
  });
});

describe('checkSampleSize(panel, model)', () => {
  const panelOf = (units: number, years: number) => {
    const rows = Array.from({ length: years }, (_, y) =>
      Array.from({ length: units }, (_, u) => ({ unit: `u${u}`, year: 2000 + y, values: [u, y, u + y] })),
    ).flat();
    return { indicators: ['gdp', 'green', 'waste'], units: rows.slice(0, units).map((r) => r.unit), years: Array.from({ length: years }, (_, y) => 2000 + y), rows };
  };

  it('checkSampleSize(2 units × 1 year) warns for factor analysis, DEA and clustering', () => {
    const warnings = checkSampleSize(panelOf(2, 1), smallModel());
    expect(warnings.map((w) => w.message.split(' ')[0])).toEqual(['factor', 'DEA', 'clustering']);
    expect(warnings.every((w) => w.code === 'too-few-units' && w.severity === 'warning')).toBe(true);
  });

  it('checkSampleSize(6 units × 2 years) is enough for all three analyses', () => {
    expect(checkSampleSize(panelOf(6, 2), smallModel())).toEqual([]);
  });

  it('checkSampleSize(disabled analyses) says nothing about them', () => {
    const model = smallModel({ factor: { enabled: false }, dea: { enabled: false }, clustering: { enabled: false } });
    expect(checkSampleSize(panelOf(2, 1), model)).toEqual([]);
  });

  it('checkSampleSize(per-year DEA) counts the smallest year', () => {
    const panel = panelOf(6, 2);
    const short = { ...panel, rows: panel.rows.filter((r) => !(r.year === 2001 && r.unit !== 'u0')) };
    const warnings = checkSampleSize(short, smallModel());
    expect(warnings.some((w) => w.message.startsWith('DEA') && w.message.includes('there are 1 units'))).toBe(true);
  });
});
