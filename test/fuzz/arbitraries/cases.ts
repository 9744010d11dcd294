/**
 * The generated cases of each property: input files as bytes, plus what a
 * failure must show. Shared by the property tests and by the exploration
 * script that runs thousands of cases and tallies what goes wrong.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Expectation, FuzzInput } from '../harness/index.js';
import {
  applyTableChange,
  byteForm,
  perYearFiles,
  tableChange,
  tableText,
  textBytes,
  textStyle,
} from './file-chaos.js';
import { hostileCell } from './hostile-text.js';
import { modelMutation, mutateModel } from './model-chaos.js';
import { modelAndPanel, type Table, toCsv } from './panel.js';
import { type GeneratedModel, smallModel } from './small-model.js';

export interface FuzzCase {
  readonly input: FuzzInput;
  readonly expect: Expectation;
}

const PREVIEW_CHARS = 1_500;

/** A file's bytes as text for a failure message: UTF-8 with U+FFFD for bad bytes, cut short. */
function preview(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}… (${bytes.length} bytes)` : text;
}

/**
 * Gives a case a readable form, so that fast-check prints a counterexample
 * as the files' text instead of a list of byte values.
 */
export function readable(c: FuzzCase): FuzzCase {
  return Object.assign(c, {
    [fc.toStringMethod]: () =>
      [
        ...c.input.files.map((f) => `--- ${f.name} ---\n${preview(f.bytes)}`),
        ...(c.input.model ? [`--- model.json ---\n${preview(c.input.model)}`] : []),
      ].join('\n'),
  });
}

/** The bundled sample: 12 synthetic cities × 2015–2019 × 21 indicators. */
export const SAMPLE = 'examples/sample-cities/panel.csv';

const utf8 = (text: string) => new TextEncoder().encode(text);

export function modelBytes(model: GeneratedModel | unknown): Uint8Array {
  return utf8(JSON.stringify(model, null, 1));
}

function caseOf(model: GeneratedModel, table: Table, expect: Expectation = {}): FuzzCase {
  return {
    input: { files: [{ name: 'panel.csv', bytes: utf8(toCsv(table)) }], model: modelBytes(model) },
    expect,
  };
}

/**
 * Numerical hazards in well-formed files: extreme magnitudes, constant,
 * zero, collinear and signed columns, unbalanced panels, one unit, one
 * year, every analysis option.
 */
export const numbersCase: fc.Arbitrary<FuzzCase> = smallModel
  .chain(modelAndPanel())
  .map(({ model, table }) => caseOf(model, table));

/**
 * Hostile texts planted in the cells of a generated panel. A failure must
 * name the row and the column of a bad cell.
 */
export const cellsCase: fc.Arbitrary<FuzzCase> = smallModel
  .chain(modelAndPanel(6, 3))
  .chain(({ model, table }) =>
    fc
      .array(fc.record({ row: fc.nat(100), column: fc.nat(20), text: hostileCell }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((plants) => {
        const rows = table.rows.map((r) => [...r]);
        for (const { row, column, text } of plants) {
          if (rows.length === 0) break;
          const r = rows[row % rows.length];
          r[2 + (column % (r.length - 2))] = text;
        }
        return caseOf(model, { header: table.header, rows }, { cellDefects: rows.length > 0 });
      }),
  );

/**
 * Damaged files: table changes, text style and byte form together, and
 * sometimes the panel split into one file per year.
 */
export const filesCase: fc.Arbitrary<FuzzCase> = smallModel
  .chain(modelAndPanel(6, 3))
  .chain(({ model, table }) =>
    fc
      .record({
        changes: fc.array(tableChange, { maxLength: 3 }),
        style: textStyle,
        bytes: byteForm,
        perYear: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      })
      .map(({ changes, style, bytes, perYear }) => {
        const changed = changes.reduce(applyTableChange, table);
        const parts = perYear ? perYearFiles(changed) : [{ name: 'panel.csv', table: changed }];
        const files = parts.map((part) => ({
          name: part.name,
          bytes: textBytes(tableText(part.table, style), bytes.form, bytes.at),
        }));
        return { input: { files, model: modelBytes(model) }, expect: {} };
      }),
  );

/** Model files with wrong types, unknown keys, huge arrays and broken JSON. */
export const modelsCase: fc.Arbitrary<FuzzCase> = smallModel
  .chain(modelAndPanel(5, 2))
  .chain(({ model, table }) =>
    fc.array(modelMutation, { minLength: 1, maxLength: 3 }).map((mutations) => ({
      input: {
        files: [{ name: 'panel.csv', bytes: utf8(toCsv(table)) }],
        model: mutateModel(model, mutations),
      },
      expect: {},
    })),
  );

/**
 * The bundled 12-city sample under the default 21-indicator model (no
 * model file), with hostile cells planted and the file damaged: the path
 * most users take, at the size of the source paper.
 */
export const sampleCase = (sample: Table): fc.Arbitrary<FuzzCase> =>
  fc
    .record({
      plants: fc.array(fc.record({ row: fc.nat(100), column: fc.nat(30), text: hostileCell }), { maxLength: 2 }),
      changes: fc.array(tableChange, { maxLength: 2 }),
      style: textStyle,
      bytes: byteForm,
    })
    .map(({ plants, changes, style, bytes }) => {
      const rows = sample.rows.map((r) => [...r]);
      for (const { row, column, text } of plants) {
        const r = rows[row % rows.length];
        r[2 + (column % (r.length - 2))] = text;
      }
      const changed = changes.reduce(applyTableChange, { header: sample.header, rows });
      const file = textBytes(tableText(changed, style), bytes.form, bytes.at);
      return { input: { files: [{ name: 'panel.csv', bytes: file }] }, expect: {} };
    });

/** The sample panel as a table of cell texts. */
export function sampleTable(csv: string): Table {
  const [header, ...rows] = csv.trim().split(/\r?\n/).map((line) => line.split(','));
  return { header, rows };
}

/** Every property's cases by name, for the exploration script. */
export const propertyCases: Record<string, fc.Arbitrary<FuzzCase>> = {
  numbers: numbersCase.map(readable),
  cells: cellsCase.map(readable),
  files: filesCase.map(readable),
  models: modelsCase.map(readable),
  sample: sampleCase(sampleTable(readFileSync(SAMPLE, 'utf8'))).map(readable),
};
