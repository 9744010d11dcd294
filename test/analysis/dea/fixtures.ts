import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DeaData } from '../../../lib/analysis/dea/index.js';

const folder = fileURLToPath(new URL('../../fixtures/dea/', import.meta.url));

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(folder + name, 'utf8').trim().split('\n');
  const columns = header.split(',').map((c) => c.replaceAll('"', ''));
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replaceAll('"', ''));
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  });
}

function freeze(data: { inputs: number[][]; outputs: number[][] }): DeaData {
  data.inputs.forEach((row) => Object.freeze(row));
  data.outputs.forEach((row) => Object.freeze(row));
  return Object.freeze({ inputs: Object.freeze(data.inputs), outputs: Object.freeze(data.outputs) });
}

/** Cooper, Seiford & Tone's 12 hospitals: doctors, nurses → outpatients, inpatients. */
export function hospital(): DeaData {
  const rows = readCsv('hospital.csv');
  return freeze({
    inputs: rows.map((r) => [Number(r.doctors), Number(r.nurses)]),
    outputs: rows.map((r) => [Number(r.outpatients), Number(r.inpatients)]),
  });
}

/** The two Produc models of test/reference/dea.py. */
export const PRODUC_MODELS = {
  A: { inputs: ['pc', 'pcap', 'emp'], outputs: ['gsp'] },
  B: { inputs: ['pc', 'pcap'], outputs: ['gsp', 'emp'] },
} as const;

export interface ProducRow {
  readonly state: string;
  readonly year: number;
  readonly [column: string]: string | number;
}

export function producRows(): ProducRow[] {
  return readCsv('produc.csv').map((r) => ({ ...r, state: r.state, year: Number(r.year) }));
}

/** Produc (plm) for one model, one year or all years pooled (file order). */
export function produc(model: keyof typeof PRODUC_MODELS, year: number | null): DeaData {
  const spec = PRODUC_MODELS[model];
  const rows = producRows().filter((r) => year === null || r.year === year);
  return freeze({
    inputs: rows.map((r) => spec.inputs.map((c) => Number(r[c]))),
    outputs: rows.map((r) => spec.outputs.map((c) => Number(r[c]))),
  });
}

export interface ExpectedCase {
  readonly name: string;
  readonly dataset: 'hospital' | 'produc';
  readonly model?: 'A' | 'B';
  readonly year?: number | null;
  readonly rts: 'crs' | 'vrs' | 'nirs';
  readonly orientation: 'input' | 'output';
  readonly radial: readonly number[];
  readonly slackSum: readonly number[];
  readonly superRadial?: readonly (number | null)[];
}

export interface ExpectedMalmquist {
  readonly model: 'A';
  readonly orientation: 'input' | 'output';
  readonly years: readonly number[];
  readonly pairs: readonly {
    readonly unit: number;
    readonly from: number;
    readonly to: number;
    readonly crs: Readonly<Record<'tt' | 't1t1' | 'tt1' | 't1t', number>>;
    readonly vrs: Readonly<Record<'tt' | 't1t1' | 'tt1' | 't1t', number | null>>;
  }[];
}

export function expected(): { cases: ExpectedCase[]; malmquist: ExpectedMalmquist[] } {
  return JSON.parse(readFileSync(folder + 'expected.json', 'utf8'));
}

export function caseData(c: ExpectedCase): DeaData {
  return c.dataset === 'hospital' ? hospital() : produc(c.model ?? 'A', c.year ?? null);
}
