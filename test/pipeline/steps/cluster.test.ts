import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cutTree, hierarchicalClustering } from '../../../lib/analysis/cluster/index.js';
import { ols } from '../../../lib/analysis/regression/index.js';
import { validateModel } from '../../../lib/model/load-model.js';
import type { IndicatorModel } from '../../../lib/model/schema.js';
import { readStepArtifact } from '../../../lib/pipeline/artifacts.js';
import { InvalidModelError } from '../../../lib/pipeline/errors.js';
import { artifactKeys } from '../../../lib/pipeline/keys.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import type { RowContribution, StepArtifact, StepContext } from '../../../lib/pipeline/step.js';
import { type ClusteringSection, clusterStep, clusterUnits } from '../../../lib/pipeline/steps/cluster.js';
import { normalizeStep } from '../../../lib/pipeline/steps/normalize.js';
import { putJson } from '../../../lib/store/artifact-store.js';
import { FolderStore } from '../../../lib/store/folder-store.js';
import { examplePanel, exampleModelInput } from './grunfeld-example.js';

let dir: string;
let ctx: StepContext;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-step-'));
  const store = new FolderStore(dir);
  ctx = { runId: 'cluster-test', store, inputStore: store, inputs: [], keys: artifactKeys('cluster-test') };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function model(analysis: Record<string, unknown> = {}): IndicatorModel {
  const input = structuredClone(exampleModelInput()) as Record<string, unknown> & {
    analysis: Record<string, unknown>;
  };
  input.analysis = { ...input.analysis, ...analysis };
  return validateModel(input, 'test model');
}

/**
 * A factor artifact as the factor step writes it. Its composite here is the
 * mean of the row's normalized values: any score the clustering reads will
 * do, and this one is easy to recompute independently.
 */
async function writeFactorArtifact(normalizeRows: readonly RowContribution[]): Promise<Map<string, number>> {
  const composite = new Map<string, number>();
  const rows = normalizeRows.map((r) => {
    const v = Object.values(r.fields.normalized as Record<string, number>);
    const score = v.reduce((s, x) => s + x, 0) / v.length;
    composite.set(`${r.unit}/${r.year}`, score);
    return { unit: r.unit, year: r.year, fields: { factorScores: v, composite: score, rank: 0 } };
  });
  const artifact: StepArtifact = { step: 'factor', sections: { factorAnalysis: {} }, rows };
  await putJson(ctx.store, ctx.keys.step('factor'), artifact);
  return composite;
}

async function prepare(m: IndicatorModel, panel: Panel = examplePanel(), withFactor = true) {
  await putJson(ctx.store, ctx.keys.model, m);
  await putJson(ctx.store, ctx.keys.panel, panel);
  await normalizeStep(ctx);
  const normalize = await readStepArtifact(ctx, 'normalize');
  const composite = withFactor ? await writeFactorArtifact(normalize.rows ?? []) : undefined;
  return { normalize, composite };
}

describe('clusterStep on the Grunfeld example', () => {
  it('clusterStep(default model) clusters units on their composite by year into tiers A, B, C', async () => {
    const panel = examplePanel();
    const { composite } = await prepare(model(), panel);
    const outcome = await clusterStep(ctx);
    expect(outcome.keys).toEqual([ctx.keys.step('cluster')]);
    const artifact = await readStepArtifact(ctx, 'cluster');
    const section = artifact.sections.clustering as ClusteringSection;

    // Independent recomputation from the panel: one row per unit, one
    // composite per year, then the core's Ward tree cut at 3.
    const table = panel.units.map((u) => panel.years.map((y) => composite?.get(`${u}/${y}`) as number));
    const tree = hierarchicalClustering(table, { method: 'ward' });
    expect(section.labels).toEqual(panel.units);
    expect(section.featureNames).toEqual(panel.years.map(String));
    expect(section.method).toBe('ward');
    expect(section.distance).toBe('euclidean');
    expect(section.k).toBe(3);
    expect(section.kCriterion).toBe('given');
    expect(section.merges.map((m) => m.height)).toEqual(tree.merges.map((m) => m.height));
    expect(section.assignments.map((a) => a.cluster)).toEqual(cutTree(tree.merges, 3));
    expect(section.schedule).toHaveLength(panel.units.length - 1);
    expect(section.dendrogram.order).toHaveLength(panel.units.length);
    expect(Math.max(...section.dendrogram.rescaled)).toBe(25);

    // Tier A holds the highest mean composite.
    const meanOf = (u: string) => panel.years.reduce((s, y) => s + (composite?.get(`${u}/${y}`) as number), 0) / panel.years.length;
    expect(section.tiers.map((t) => t.tier)).toEqual(['A', 'B', 'C']);
    const means = section.tiers.map((t) => t.meanComposite);
    expect(means[0]).toBeGreaterThan(means[1]);
    expect(means[1]).toBeGreaterThan(means[2]);
    for (const t of section.tiers) {
      const want = t.units.reduce((s, u) => s + meanOf(u), 0) / t.units.length;
      expect(Math.abs(t.meanComposite - want)).toBeLessThanOrEqual(1e-12);
    }

    // Every unit-year row gets its unit's tier.
    expect(artifact.rows).toHaveLength(panel.rows.length);
    const tierOf = new Map(section.assignments.map((a) => [a.unit, a.tier]));
    for (const r of artifact.rows ?? []) expect(r.fields.tier).toBe(tierOf.get(r.unit));
  });

  it('clusterStep regresses the composite on the subsystem indices, pooled, as ols() does', async () => {
    const { normalize, composite } = await prepare(model());
    await clusterStep(ctx);
    const regression = (await readStepArtifact(ctx, 'cluster')).sections.regression as ReturnType<typeof ols> & {
      residuals: { unit: string; year: number; residual: number }[];
    };
    const rows = normalize.rows ?? [];
    const u = (r: RowContribution) => r.fields.subsystemIndex as Record<string, number>;
    const direct = ols(
      rows.map((r) => composite?.get(`${r.unit}/${r.year}`) as number),
      rows.map((r) => [u(r).activity, u(r).capital]),
      { dependent: 'composite', predictors: ['activity', 'capital'] },
    );
    expect(regression.predictors).toEqual(['activity', 'capital']);
    expect(regression.n).toBe(200);
    expect(regression.df).toEqual([2, 197]);
    // JSON keeps doubles exactly, so the step's numbers equal the core's.
    expect(regression.coefficients).toEqual(direct.coefficients);
    expect(regression.r2).toBe(direct.r2);
    expect(regression.residuals[0]).toEqual({
      unit: rows[0].unit,
      year: rows[0].year,
      fitted: direct.fitted[0],
      residual: direct.residuals[0],
    });
  });

  it('clusterStep without a factor artifact falls back to the entropy-weighted subsystem composite and says so', async () => {
    await prepare(model(), examplePanel(), false);
    await clusterStep(ctx);
    const artifact = await readStepArtifact(ctx, 'cluster');
    expect(artifact.skipped).toBeUndefined();
    expect(artifact.warnings?.map((w) => w.code)).toContain('composite-fallback');
    expect((artifact.sections.clustering as ClusteringSection).tiers).toHaveLength(3);
    expect((artifact.sections.regression as { skipped?: string }).skipped).toMatch(/fit exactly by construction/);
  });

  it('clusterStep(k = "silhouette", average, kmeans) records the criterion, candidates and refinement', async () => {
    await prepare(model({ clustering: { method: 'average', k: 'silhouette', kmeans: true, features: 'indicators' } }));
    await clusterStep(ctx);
    const section = (await readStepArtifact(ctx, 'cluster')).sections.clustering as ClusteringSection;
    expect(section.kCriterion).toBe('silhouette');
    expect(section.distance).toBe('squared-euclidean');
    expect(section.featureNames).toEqual(['inv', 'value', 'capital']);
    const best = section.kCandidates?.reduce((a, b) => (b.value > a.value ? b : a));
    expect(section.k).toBe(best?.k);
    expect(section.kmeans?.converged).toBe(true);
    expect(new Set(section.assignments.map((a) => a.cluster)).size).toBe(section.k);
  });

  it('clusterStep(features = "factors") clusters unit means of the factor scores', async () => {
    const panel = examplePanel();
    const { normalize } = await prepare(model({ clustering: { features: 'factors', k: 2 } }), panel);
    await clusterStep(ctx);
    const section = (await readStepArtifact(ctx, 'cluster')).sections.clustering as ClusteringSection;
    expect(section.features).toBe('factors');
    expect(section.featureNames).toEqual(['F1', 'F2', 'F3']);
    // The test's factor scores are the normalized values; average them per unit.
    const table = panel.units.map((u) => {
      const own = (normalize.rows ?? []).filter((r) => r.unit === u);
      return [0, 1, 2].map(
        (j) => own.reduce((s, r) => s + Object.values(r.fields.normalized as Record<string, number>)[j], 0) / own.length,
      );
    });
    const tree = hierarchicalClustering(table, { method: 'ward' });
    expect(section.assignments.map((a) => a.cluster)).toEqual(cutTree(tree.merges, 2));
  });

  it('clusterStep(features = "factors") without factor scores uses the subsystem indices and says so', async () => {
    await prepare(model({ clustering: { features: 'factors' } }), examplePanel(), false);
    await clusterStep(ctx);
    const artifact = await readStepArtifact(ctx, 'cluster');
    expect((artifact.sections.clustering as ClusteringSection).features).toBe('subsystems');
    expect(artifact.warnings?.map((w) => w.code)).toContain('cluster-features-fallback');
  });

  it('clusterStep leaves out a unit that lacks a year, with a warning', async () => {
    const full = examplePanel();
    const panel: Panel = { ...full, rows: full.rows.filter((r) => !(r.unit === 'firm3' && r.year === 1940)) };
    await prepare(model(), panel);
    await clusterStep(ctx);
    const artifact = await readStepArtifact(ctx, 'cluster');
    const section = artifact.sections.clustering as ClusteringSection;
    expect(section.labels).not.toContain('firm3');
    expect(section.excluded).toEqual([{ unit: 'firm3', reason: 'no composite value for every year' }]);
    expect(artifact.warnings?.find((w) => w.code === 'unit-not-clustered')?.unit).toBe('firm3');
    expect(artifact.rows?.some((r) => r.unit === 'firm3')).toBe(false);
  });

  it('clusterStep skips with a reason when fewer than 3 units remain', async () => {
    const full = examplePanel();
    const units = ['firm1', 'firm2'];
    const panel: Panel = { ...full, units, rows: full.rows.filter((r) => units.includes(r.unit)) };
    await prepare(model(), panel);
    const outcome = await clusterStep(ctx);
    expect(outcome.skipped).toMatch(/at least 3 units; the panel has 2/);
  });

  it('clusterStep skips when both clustering and regression are disabled', async () => {
    await prepare(model({ clustering: { enabled: false }, regression: { enabled: false } }));
    expect((await clusterStep(ctx)).skipped).toMatch(/both disabled/);
  });

  it('clusterStep rejects a regression predictor that is neither a subsystem nor an indicator', async () => {
    await prepare(model({ regression: { predictors: ['activity', 'gdp'] } }));
    await expect(clusterStep(ctx)).rejects.toThrow(InvalidModelError);
    await expect(clusterStep(ctx)).rejects.toThrow(/"gdp" is neither a subsystem nor an indicator/);
  });

  it('clusterStep reports collinear predictors as a skipped regression, not a failed run', async () => {
    // inv and the activity index are not collinear, but naming the same
    // subsystem twice makes two identical columns.
    await prepare(model({ regression: { predictors: ['activity', 'activity'] } }));
    await clusterStep(ctx);
    const artifact = await readStepArtifact(ctx, 'cluster');
    expect((artifact.sections.regression as { skipped?: string }).skipped).toMatch(/"activity" is a linear combination of "activity"/);
    expect(artifact.warnings?.map((w) => w.code)).toContain('collinear-predictors');
  });
});

describe('clusterUnits(table, options)', () => {
  it('clusterUnits orders tiers by the given scores whatever the unit order', () => {
    const values = [[1], [1.1], [5], [5.2], [9], [9.1]];
    const units = ['a', 'b', 'c', 'd', 'e', 'f'];
    const scores = [10, 11, 50, 52, 90, 91];
    const forward = clusterUnits({ units, featureNames: ['x'], values, scores }, { method: 'ward', k: 3 });
    const backward = clusterUnits(
      { units: [...units].reverse(), featureNames: ['x'], values: [...values].reverse(), scores: [...scores].reverse() },
      { method: 'ward', k: 3 },
    );
    const tierMap = (s: typeof forward) => Object.fromEntries(s.assignments.map((a) => [a.unit, a.tier]));
    expect(tierMap(forward)).toEqual({ a: 'C', b: 'C', c: 'B', d: 'B', e: 'A', f: 'A' });
    expect(tierMap(backward)).toEqual(tierMap(forward));
  });

  it('clusterUnits rejects a table whose rows do not match its units', () => {
    expect(() => clusterUnits({ units: ['a'], featureNames: ['x'], values: [[1], [2]] }, { method: 'ward', k: 2 })).toThrow(
      /1 units but 2 rows/,
    );
  });
});
