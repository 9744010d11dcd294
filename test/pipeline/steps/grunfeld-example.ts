/**
 * The Grunfeld example (examples/grunfeld) as the validate step would hand
 * it on: a clean panel sorted by year, then unit, and the model input.
 */
import { readFileSync } from 'node:fs';
import type { ModelInput } from '../../../lib/model/schema.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import { referencePanel } from '../../fixtures/entropy-coupling/load-reference.js';

const exampleDir = new URL('../../../examples/grunfeld/', import.meta.url);
const reference = referencePanel('grunfeld');

export function exampleModelInput(): ModelInput {
  return JSON.parse(readFileSync(new URL('model.json', exampleDir), 'utf8')) as ModelInput;
}

export function examplePanel(): Panel {
  const lines = readFileSync(new URL('panel.csv', exampleDir), 'utf8').trim().split('\n');
  const records = lines.slice(1).map((line) => {
    const [unit, year, ...values] = line.split(',');
    return { unit, year: Number(year), values: values.map(Number) };
  });
  const units = [...new Set(records.map((r) => r.unit))];
  const years = [...new Set(records.map((r) => r.year))].sort((a, b) => a - b);
  const rows = [...records].sort((a, b) => a.year - b.year || units.indexOf(a.unit) - units.indexOf(b.unit));
  return { indicators: lines[0].split(',').slice(2), units, years, rows };
}

/**
 * Row of the reference fixture (plm's order: firm, then year) that holds a
 * unit-year of the example, whose units are named firm1 … firm10.
 */
export function expectedRowIndex(unit: string, year: number): number {
  const firm = unit.replace(/^firm/, '');
  const index = reference.units.findIndex((u, i) => u === firm && reference.years[i] === year);
  if (index < 0) throw new RangeError(`no reference row for ${unit} ${year}`);
  return index;
}
