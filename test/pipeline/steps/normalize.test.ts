import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateModel } from '../../../lib/model/load-model.js';
import type { IndicatorModel } from '../../../lib/model/schema.js';
import { readStepArtifact } from '../../../lib/pipeline/artifacts.js';
import { artifactKeys } from '../../../lib/pipeline/keys.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import type { StepContext } from '../../../lib/pipeline/step.js';
import { normalizeStep } from '../../../lib/pipeline/steps/normalize.js';
import { putJson } from '../../../lib/store/artifact-store.js';
import { FolderStore } from '../../../lib/store/folder-store.js';
import { referenceExpected } from '../../fixtures/entropy-coupling/load-reference.js';
import { REFERENCE_TOLERANCE } from '../../fixtures/entropy-coupling/reference-chain.js';
import { examplePanel, exampleModelInput, expectedRowIndex } from './grunfeld-example.js';

let dir: string;
let ctx: StepContext;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'normalize-step-'));
  const store = new FolderStore(dir);
  ctx = { runId: 'grunfeld-test', store, inputStore: store, inputs: [], keys: artifactKeys('grunfeld-test') };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeInputs(model: IndicatorModel, panel: Panel): Promise<void> {
  await putJson(ctx.store, ctx.keys.model, model);
  await putJson(ctx.store, ctx.keys.panel, panel);
}

function withAnalysis(analysis: Record<string, unknown>): IndicatorModel {
  const input = exampleModelInput();
  return validateModel({ ...input, analysis: { ...input.analysis, ...analysis } }, 'test model');
}

describe('normalizeStep on the Grunfeld example', () => {
  it('validateModel(examples/grunfeld/model.json) accepts the example model', async () => {
    const text = await readFile(new URL('../../../examples/grunfeld/model.json', import.meta.url), 'utf8');
    const model = validateModel(JSON.parse(text), 'examples/grunfeld/model.json');
    expect(model.subsystems.map((s) => s.id)).toEqual(['activity', 'capital']);
    expect(model.indicators.find((i) => i.id === 'capital')?.direction).toBe('negative');
  });

  for (const c of referenceExpected('grunfeld').cases.filter((k) => k.name !== 'pooled-alpha')) {
    it(`normalizeStep(${c.scope}, shift ${c.shift}) writes weights, normalized values and U that match R`, async () => {
      const panel = examplePanel();
      await writeInputs(withAnalysis({ normalization: { scope: c.scope }, entropy: { shift: c.shift } }), panel);

      const outcome = await normalizeStep(ctx);
      expect(outcome).toMatchObject({ step: 'normalize', keys: [ctx.keys.step('normalize')] });
      expect(outcome.skipped).toBeUndefined();

      const artifact = await readStepArtifact(ctx, 'normalize');
      const weights = artifact.sections.weights as Record<string, Record<string, number> | string | number>;
      expect(weights).toMatchObject({ method: 'entropy', scope: c.scope, shift: c.shift });
      const ids = ['inv', 'value', 'capital'];
      ids.forEach((id, j) => {
        expect(Math.abs((weights.global as Record<string, number>)[id] - c.weights[j])).toBeLessThan(REFERENCE_TOLERANCE);
        expect(Math.abs((weights.withinSubsystem as Record<string, number>)[id] - c.withinSubsystem[j])).toBeLessThan(
          REFERENCE_TOLERANCE,
        );
        expect(Math.abs((weights.entropy as Record<string, number>)[id] - c.entropy[j])).toBeLessThan(REFERENCE_TOLERANCE);
        expect(Math.abs((weights.divergence as Record<string, number>)[id] - c.divergence[j])).toBeLessThan(
          REFERENCE_TOLERANCE,
        );
      });

      expect(artifact.rows).toHaveLength(200);
      let worst = 0;
      for (const row of artifact.rows ?? []) {
        const i = expectedRowIndex(row.unit, row.year);
        const normalized = row.fields.normalized as Record<string, number>;
        const u = row.fields.subsystemIndex as Record<string, number>;
        ids.forEach((id, j) => (worst = Math.max(worst, Math.abs(normalized[id] - c.normalized[i][j]))));
        worst = Math.max(worst, Math.abs(u.activity - c.subsystemIndex[i][0]), Math.abs(u.capital - c.subsystemIndex[i][1]));
      }
      expect(worst).toBeLessThan(REFERENCE_TOLERANCE);
      expect(artifact.warnings).toEqual([]);
      expect(artifact.durationMs).toBeGreaterThanOrEqual(0);
    });
  }

  it('normalizeStep(panel with a constant indicator) warns with code constant-column naming the indicator', async () => {
    const panel = examplePanel();
    const flat: Panel = { ...panel, rows: panel.rows.map((r) => ({ ...r, values: [r.values[0], r.values[1], 100] })) };
    await writeInputs(withAnalysis({}), flat);

    await normalizeStep(ctx);
    const artifact = await readStepArtifact(ctx, 'normalize');
    expect(artifact.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'constant-column', column: 'capital' }),
      expect.objectContaining({ severity: 'warning', code: 'equal-subsystem-weights' }),
    ]);
    const weights = artifact.sections.weights as { global: Record<string, number> };
    expect(weights.global.capital).toBe(0);
    expect((artifact.rows?.[0].fields.subsystemIndex as Record<string, number>).capital).toBe(1);
  });

  it('normalizeStep(per-year scope, indicator constant in one year) names that year in the warning', async () => {
    const panel = examplePanel();
    const rows = panel.rows.map((r) => (r.year === 1940 ? { ...r, values: [r.values[0], 7, r.values[2]] } : r));
    await writeInputs(withAnalysis({ normalization: { scope: 'per-year' } }), { ...panel, rows });

    await normalizeStep(ctx);
    const artifact = await readStepArtifact(ctx, 'normalize');
    expect(artifact.warnings).toEqual([
      expect.objectContaining({ code: 'constant-column', column: 'value', year: 1940 }),
    ]);
  });

  it('normalizeStep(one-row panel) writes a skipped artifact instead of throwing', async () => {
    const panel = examplePanel();
    await writeInputs(withAnalysis({}), { ...panel, units: ['firm1'], years: [1935], rows: panel.rows.slice(0, 1) });

    const outcome = await normalizeStep(ctx);
    expect(outcome.skipped).toBe('the panel has 1 row; normalization needs at least two');
    expect((await readStepArtifact(ctx, 'normalize')).sections).toEqual({});
  });

  it('normalizeStep(panel column unknown to the model) fails naming the indicator', async () => {
    const panel = examplePanel();
    await writeInputs(withAnalysis({}), { ...panel, indicators: ['inv', 'value', 'kapital'] });
    await expect(normalizeStep(ctx)).rejects.toThrow(/indicator "kapital", which the model does not define/);
  });
});
