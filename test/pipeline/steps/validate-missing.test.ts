import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../lib/pipeline/errors.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import type { ValidationReport } from '../../../lib/pipeline/results.js';
import { validateStep } from '../../../lib/pipeline/steps/validate.js';
import { getJson } from '../../../lib/store/artifact-store.js';
import { validateContext } from './validate-context.js';

const INPUTS = 'test/fixtures/inputs';
const GAPS = `${INPUTS}/produc-gaps.csv`;

/**
 * Interpolated values against R's approx(rule = 2): both compute one
 * multiply-add per cell, so they agree to a few units in the last place.
 */
const INTERPOLATION_TOLERANCE = 1e-12;

interface Reference {
  readonly indicators: readonly string[];
  readonly gaps: readonly { unit: string; year: number; var: string }[];
  readonly rows: readonly { unit: string; year: number; values: number[] }[];
}

const reference = JSON.parse(readFileSync(`${INPUTS}/produc-interpolated.json`, 'utf8')) as Reference;
const baseModel = JSON.parse(readFileSync(`${INPUTS}/produc-model.json`, 'utf8')) as Record<string, unknown>;
const withMissing = (missing: string) => ({ ...baseModel, analysis: { missing } });

async function run(missing: string) {
  const ctx = await validateContext([GAPS], withMissing(missing));
  const error = await validateStep(ctx).then(() => undefined, (e: unknown) => e);
  const report = await getJson<ValidationReport>(ctx.store, ctx.keys.validation);
  const panel = (await ctx.store.exists(ctx.keys.panel)) ? await getJson<Panel>(ctx.store, ctx.keys.panel) : undefined;
  return { error, report, panel };
}

describe('validateStep with missing values (plm::Produc with ten blanked cells)', () => {
  it('validateStep(missing: "interpolate") fills gaps as R approx(rule = 2) does', async () => {
    const { error, report, panel } = await run('interpolate');

    expect(error).toBeUndefined();
    expect(panel?.indicators).toEqual(reference.indicators);
    expect(panel?.rows).toHaveLength(reference.rows.length);
    for (const expected of reference.rows) {
      const row = panel?.rows.find((r) => r.unit === expected.unit && r.year === expected.year);
      expect(row, `${expected.unit} ${expected.year}`).toBeDefined();
      row?.values.forEach((value, k) => {
        const scale = Math.max(1, Math.abs(expected.values[k]));
        expect(Math.abs(value - expected.values[k]) / scale).toBeLessThanOrEqual(INTERPOLATION_TOLERANCE);
      });
    }
    const filled = report.missing?.interpolated.map((c) => `${c.unit} ${c.year} ${c.indicator}`).sort();
    expect(filled).toEqual(reference.gaps.map((g) => `${g.unit} ${g.year} ${g.var}`).sort());
    expect(report.missing?.policy).toBe('interpolate');
  });

  it('validateStep(missing: "drop-unit") leaves out every unit with a gap and says so', async () => {
    const { error, report, panel } = await run('drop-unit');

    expect(error).toBeUndefined();
    const withGaps = [...new Set(reference.gaps.map((g) => g.unit))];
    expect(report.missing?.droppedUnits).toEqual(withGaps);
    expect(panel?.units).toEqual(['CONNECTICUT', 'DELAWARE']);
    expect(panel?.rows).toHaveLength(10);
    const warned = report.warnings.filter((w) => w.code === 'unit-dropped').map((w) => w.unit);
    expect(warned).toEqual(withGaps);
  });

  it('validateStep(missing: "fail") reports every blank cell with its row and column', async () => {
    const { error, report, panel } = await run('fail');

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(panel).toBeUndefined();
    const missing = report.errors.filter((e) => e.code === 'missing-value');
    expect(missing).toHaveLength(reference.gaps.length);
    // ALABAMA 1972 is the fourth spreadsheet row; pcap its third column.
    expect(missing[0]).toMatchObject({ row: 4, column: 'pcap', unit: 'ALABAMA', year: 1972 });
  });
});
