/**
 * The smallest inputs the fuzz properties found that broke a promise of
 * the pipeline, each kept as a fixture (test/fixtures/fuzz-regressions/)
 * with a test named after what went wrong. Every case runs on the case
 * worker, so a NaN written as null anywhere in the run fails it too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseRunner, judge } from './harness/index.js';

const ROOT = 'test/fixtures/fuzz-regressions';
const runner = new CaseRunner();
afterAll(() => runner.close());

/** Largest difference between the statistics of a panel and its rescaled twin. */
const RESCALE_TOLERANCE = 1e-10;

interface Run {
  readonly defects: string[];
  readonly results: Record<string, any>;
}

async function runFixture(name: string, panel = 'panel.csv'): Promise<Run> {
  const dir = join(ROOT, name);
  const { report, dir: caseDir, outDir } = await runner.run({
    files: [{ name: 'panel.csv', bytes: readFileSync(join(dir, panel)) }],
    model: readFileSync(join(dir, 'model.json')),
  });
  const defects = judge(report, outDir);
  const results = report.kind === 'succeeded' ? JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) : {};
  runner.discard(caseDir);
  return { defects, results };
}

describe('fuzz regressions', () => {
  it('a column near 1e302 overflowed the sums of squares: alpha was NaN and its correlations 0', async () => {
    const huge = await runFixture('huge-column-alpha');
    const plain = await runFixture('huge-column-alpha', 'panel-rescaled.csv');
    expect(huge.defects).toEqual([]);
    expect(plain.defects).toEqual([]);
    // Correlation-based statistics do not depend on the unit of c.
    const fa = (r: Run) => r.results.factorAnalysis;
    expect(Math.abs(fa(huge).kmo.overall - fa(plain).kmo.overall)).toBeLessThan(RESCALE_TOLERANCE);
    for (const id of ['a', 'b', 'c']) {
      expect(Math.abs(fa(huge).communalities[id] - fa(plain).communalities[id])).toBeLessThan(RESCALE_TOLERANCE);
    }
    const std = (r: Run) => r.results.reliability.standardizedAlpha;
    expect(Math.abs(std(huge) - std(plain))).toBeLessThan(RESCALE_TOLERANCE);
    // Raw alpha is dominated by c's variance, so it is near 0, and finite.
    expect(Number.isFinite(huge.results.reliability.alpha)).toBe(true);
  });

  it('a column near 1e302 in per-year factor analysis gave NaN KMOs and NaN regression statistics', async () => {
    const run = await runFixture('huge-column-regression');
    expect(run.defects).toEqual([]);
    expect(Number.isFinite(run.results.regression.r2)).toBe(true);
    for (const year of run.results.factorAnalysis.byYear) expect(year.kmo.computable).toBe(true);
  });

  it('two indicators that cancel in their total made alpha if deleted -Infinity', async () => {
    const run = await runFixture('cancelling-items-alpha');
    expect(run.defects).toEqual([]);
    const items = run.results.reliability.itemStatistics;
    const other = items.find((s: { indicator: string }) => s.indicator === 'other');
    expect(other.alphaIfDeleted).toBeNull();
    expect(other.correctedItemTotal).toBeNull();
    // The whole scale still has a total that varies, and its (negative) alpha.
    expect(run.results.reliability.alpha).toBeCloseTo(-3, 12);
  });

  it('indicators correlated with no other one made every KMO 0/0 = NaN', async () => {
    const run = await runFixture('uncorrelated-indicator-kmo');
    expect(run.defects).toEqual([]);
    expect(run.results.factorAnalysis.kmo).toEqual({
      computable: true,
      overall: null,
      perIndicator: { x1: null, x2: null, x3: null },
    });
  });

  it('a one-factor CFA of three indicators has df 0 and wrote its p value as NaN', async () => {
    const run = await runFixture('saturated-cfa');
    expect(run.defects).toEqual([]);
    expect(run.results.cfa.fit.df).toBe(0);
    expect(run.results.cfa.fit.pValue).toBeNull();
  });

  it('a column from -1.75e308 to 1.75e308 overflowed max - min and crashed the entropy weights on NaN', async () => {
    const run = await runFixture('full-range-normalize');
    expect(run.defects).toEqual([]);
    const a = run.results.rows.map((r: { normalized: { a: number } }) => r.normalized.a);
    expect(a.slice(0, 3)).toEqual([0, 0.5, 1]);
    expect(a[3]).toBeCloseTo(2.75 / 3.5, 14);
  });

  it('per-year factor analysis wrote a factorAnalysis section (byYear) that the results schema rejected', async () => {
    const run = await runFixture('per-year-factor-features');
    expect(run.defects).toEqual([]);
    expect(run.results.factorAnalysis.scope).toBe('per-year');
    expect(run.results.factorAnalysis.byYear.map((y: { year: number }) => y.year)).toEqual([2001, 2002, 2003]);
  });

  it('a model with 300 broken indicators gave a 47,000-character error message listing all 600 problems', async () => {
    const dir = join(ROOT, 'long-model-error');
    const { report, dir: caseDir, outDir } = await runner.run({
      files: [{ name: 'panel.csv', bytes: readFileSync(join(dir, 'panel.csv')) }],
      model: readFileSync(join(dir, 'model.json')),
    });
    expect(judge(report, outDir)).toEqual([]);
    runner.discard(caseDir);
    if (report.kind !== 'invalid-model') throw new Error(`expected a model error, got ${report.kind}`);
    expect(report.problems).toHaveLength(600);
    expect(report.message.split('\n')).toHaveLength(12);
    expect(report.message).toMatch(/… and 590 more$/);
  });

  it('a DEA input from -1.7e308 to 1.7e308 overflowed its translation and crashed the run with DeaDataError', async () => {
    const run = await runFixture('full-range-dea-translation');
    expect(run.defects).toEqual([]);
    expect(run.results.steps.dea.status).toBe('skipped');
    expect(run.results.steps.dea.reason).toMatch(/cannot translate/);
  });

  it('a DEA output at the largest double gave Infinity slacks and NaN Malmquist indices, written as null', async () => {
    const run = await runFixture('max-double-dea');
    expect(run.defects).toEqual([]);
    expect(run.results.steps.dea.reason).toMatch(/DEA cannot use b: .* orders of magnitude/);
  });

  it('DEA columns mixing 1e-298 and 1e302 gave an Infinity score and NaN Malmquist indices, written as null', async () => {
    const run = await runFixture('mixed-magnitude-dea');
    expect(run.defects).toEqual([]);
    expect(run.results.steps.dea.status).toBe('skipped');
  });

  it('a unit named __proto__ made the chart text cache write prev and next onto Object.prototype', async () => {
    // judge() compares the built-in prototypes before and after the run.
    const run = await runFixture('proto-unit-name');
    expect(run.defects).toEqual([]);
    expect(run.results.rows.map((r: { unit: string }) => r.unit)).toContain('__proto__');
    const again = await runFixture('proto-unit-name');
    expect(again.defects).toEqual([]);
  });

  it('per-year factor scores of different lengths crashed clustering on factor features', async () => {
    const run = await runFixture('per-year-factor-features');
    expect(run.defects).toEqual([]);
    expect(run.results.clustering.features).toBe('subsystems');
    const codes = run.results.validation.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('cluster-features-fallback');
  });
});
