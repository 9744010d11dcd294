import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COORDINATION_SCALE } from '../../../lib/analysis/coupling/index.js';
import { validateModel } from '../../../lib/model/load-model.js';
import type { IndicatorModel } from '../../../lib/model/schema.js';
import { readStepArtifact } from '../../../lib/pipeline/artifacts.js';
import { InvalidModelError } from '../../../lib/pipeline/errors.js';
import { artifactKeys } from '../../../lib/pipeline/keys.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import type { RowContribution, StepContext } from '../../../lib/pipeline/step.js';
import { couplingStep } from '../../../lib/pipeline/steps/coupling.js';
import { normalizeStep } from '../../../lib/pipeline/steps/normalize.js';
import { putJson } from '../../../lib/store/artifact-store.js';
import { FolderStore } from '../../../lib/store/folder-store.js';
import { type ReferenceCase, referenceExpected } from '../../fixtures/entropy-coupling/load-reference.js';
import { REFERENCE_TOLERANCE } from '../../fixtures/entropy-coupling/reference-chain.js';
import { examplePanel, exampleModelInput, expectedRowIndex } from './grunfeld-example.js';

interface Coupled {
  readonly C: number;
  readonly T?: number;
  readonly D: number;
  readonly grade: string;
  readonly gradeLevel: number;
  readonly gradeZh: string;
}

const reference = referenceExpected('grunfeld');
const referenceCase = (name: string): ReferenceCase => reference.cases.find((c) => c.name === name) as ReferenceCase;

let dir: string;
let ctx: StepContext;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'coupling-step-'));
  const store = new FolderStore(dir);
  ctx = { runId: 'grunfeld-test', store, inputStore: store, inputs: [], keys: artifactKeys('grunfeld-test') };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function model(coupling: Record<string, unknown>, edit: (m: Record<string, unknown>) => void = () => {}): IndicatorModel {
  const input = structuredClone(exampleModelInput()) as Record<string, unknown> & { analysis: Record<string, unknown> };
  input.analysis = { ...input.analysis, coupling };
  edit(input);
  return validateModel(input, 'test model');
}

/** A valid model whose coupling weights are then set without validation. */
function withWeights(weights: Record<string, number>): IndicatorModel {
  const valid = model({});
  return { ...valid, analysis: { ...valid.analysis, coupling: { ...valid.analysis.coupling, weights } } };
}

async function runBoth(m: IndicatorModel, panel: Panel = examplePanel()): Promise<RowContribution[]> {
  await putJson(ctx.store, ctx.keys.model, m);
  await putJson(ctx.store, ctx.keys.panel, panel);
  await normalizeStep(ctx);
  const outcome = await couplingStep(ctx);
  expect(outcome.keys).toEqual([ctx.keys.step('coupling')]);
  return [...((await readStepArtifact(ctx, 'coupling')).rows ?? [])];
}

/** Largest gap between the step's rows and R's values, and any grade mismatch. */
function compare(rows: readonly RowContribution[], field: string, c: ReferenceCase, formula: 'classic' | 'modified') {
  let worst = 0;
  let gradeMismatches = 0;
  for (const row of rows) {
    const i = expectedRowIndex(row.unit, row.year);
    const got = row.fields[field] as Coupled;
    worst = Math.max(worst, Math.abs(got.C - c[formula].C[i]), Math.abs(got.D - c[formula].D[i]));
    if (got.T !== undefined) worst = Math.max(worst, Math.abs(got.T - c.T[i]));
    const band = COORDINATION_SCALE[got.gradeLevel - 1];
    if (got.gradeLevel !== c[formula].gradeLevel[i] || band.name !== got.grade || band.nameZh !== got.gradeZh) {
      gradeMismatches++;
    }
  }
  return { worst, gradeMismatches };
}

describe('couplingStep on the Grunfeld example', () => {
  it('couplingStep(classic) writes coupling and couplingModified per row, matching R', async () => {
    const rows = await runBoth(model({ formula: 'classic' }));
    expect(rows).toHaveLength(200);
    const c = referenceCase('pooled');
    const main = compare(rows, 'coupling', c, 'classic');
    const other = compare(rows, 'couplingModified', c, 'modified');
    expect(main.worst).toBeLessThan(REFERENCE_TOLERANCE);
    expect(other.worst).toBeLessThan(REFERENCE_TOLERANCE);
    expect(main.gradeMismatches + other.gradeMismatches).toBe(0);
    expect(rows[0].fields.couplingClassic).toBeUndefined();
  });

  it('couplingStep(modified) makes the modified C the main one and keeps the classic beside it', async () => {
    const rows = await runBoth(model({ formula: 'modified' }));
    const c = referenceCase('pooled');
    expect(compare(rows, 'coupling', c, 'modified').worst).toBeLessThan(REFERENCE_TOLERANCE);
    expect(compare(rows, 'couplingClassic', c, 'classic').worst).toBeLessThan(REFERENCE_TOLERANCE);
    expect(rows[0].fields.couplingModified).toBeUndefined();
  });

  it('couplingStep(weights α) uses the model weights in T and D, matching R', async () => {
    const rows = await runBoth(model({ formula: 'classic', weights: { activity: 0.7, capital: 0.3 } }));
    const result = compare(rows, 'coupling', referenceCase('pooled-alpha'), 'classic');
    expect(result.worst).toBeLessThan(REFERENCE_TOLERANCE);
    expect(result.gradeMismatches).toBe(0);
  });

  it('couplingStep writes the coupling section: formula, α, the ten-level scale and per-year means of D', async () => {
    await runBoth(model({ formula: 'classic' }));
    const artifact = await readStepArtifact(ctx, 'coupling');
    const section = artifact.sections.coupling as {
      formula: string;
      weights: Record<string, number>;
      scale: unknown[];
      summary: { year: number; units: number; meanD: number }[];
    };
    expect(section.formula).toBe('classic');
    expect(section.weights).toEqual({ activity: 0.5, capital: 0.5 });
    expect(section.scale).toEqual(COORDINATION_SCALE);
    expect(section.summary.map((s) => s.year)).toEqual(examplePanel().years);

    const c = referenceCase('pooled');
    for (const year of [1935, 1954]) {
      const years = examplePanel()
        .rows.filter((r) => r.year === year)
        .map((r) => expectedRowIndex(r.unit, r.year));
      const meanD = years.reduce((sum, i) => sum + c.classic.D[i], 0) / years.length;
      const entry = section.summary.find((s) => s.year === year);
      expect(entry?.units).toBe(10);
      expect(Math.abs((entry?.meanD ?? Number.NaN) - meanD)).toBeLessThan(REFERENCE_TOLERANCE);
    }
  });

  it('couplingStep(model with one subsystem) writes a skipped artifact', async () => {
    const single = model({}, (m) => {
      m.subsystems = [{ id: 'all', name: 'All indicators' }];
      m.indicators = (m.indicators as Record<string, unknown>[]).map((ind) => ({ ...ind, subsystem: 'all' }));
    });
    await runBoth(single);
    const artifact = await readStepArtifact(ctx, 'coupling');
    expect(artifact.skipped).toBe('coupling needs at least two subsystems; the model has 1');
    expect(artifact.rows).toBeUndefined();
  });

  it('couplingStep(normalize skipped) writes a skipped artifact', async () => {
    const panel = examplePanel();
    await runBoth(model({}), { ...panel, units: ['firm1'], years: [1935], rows: panel.rows.slice(0, 1) });
    expect((await readStepArtifact(ctx, 'coupling')).skipped).toMatch(/normalize step was skipped/);
  });

  it('couplingStep(weights missing a subsystem) fails with an InvalidModelError naming it', async () => {
    // The model loader rejects such weights; the step checks again because
    // it trusts no artifact it did not write.
    expect(() => model({ weights: { activity: 1 } })).toThrow(/missing: capital/);
    await putJson(ctx.store, ctx.keys.model, withWeights({ activity: 1 }));
    await putJson(ctx.store, ctx.keys.panel, examplePanel());
    await normalizeStep(ctx);
    const failure = couplingStep(ctx);
    await expect(failure).rejects.toThrow(InvalidModelError);
    await expect(couplingStep(ctx)).rejects.toThrow(/no weight given for subsystem "capital"/);
  });

  it('couplingStep(weights not summing to 1) fails with an InvalidModelError giving the sum', async () => {
    expect(() => model({ weights: { activity: 0.6, capital: 0.6 } })).toThrow(/add up to 1/);
    await putJson(ctx.store, ctx.keys.model, withWeights({ activity: 0.6, capital: 0.6 }));
    await putJson(ctx.store, ctx.keys.panel, examplePanel());
    await normalizeStep(ctx);
    await expect(couplingStep(ctx)).rejects.toThrow(/weights must sum to 1, they sum to 1.2/);
  });
});
