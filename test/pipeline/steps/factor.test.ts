import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelInput } from '../../../lib/model/schema.js';
import { validateModel } from '../../../lib/model/load-model.js';
import { readStepArtifact } from '../../../lib/pipeline/artifacts.js';
import { artifactKeys } from '../../../lib/pipeline/keys.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import type { StepArtifact, StepContext } from '../../../lib/pipeline/step.js';
import { factorStep } from '../../../lib/pipeline/steps/factor.js';
import { putJson } from '../../../lib/store/artifact-store.js';
import { FolderStore } from '../../../lib/store/folder-store.js';
import { readExpected } from '../../analysis/factor/fixture-data.js';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { FIXTURE_DIR } from '../../analysis/factor/fixture-data.js';

/** Closed-form and fully converged quantities (EFA, alpha) against R. */
const EXACT_TOLERANCE = 1e-10;
/** lavaan's optimizer stops near 1e-5 of the optimum; the requirement is 1e-4. */
const CFA_TOLERANCE = 1e-4;

const INDICATORS = ['hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp'];

/** plm::Produc as a model: public capital (A) and the economy (B); unemployment is "negative". */
function producModel(factor: Record<string, unknown> = {}): ModelInput {
  return {
    name: 'US states public capital (plm::Produc)',
    subsystems: [
      { id: 'A', name: 'Public capital' },
      { id: 'B', name: 'Economy' },
    ],
    indicators: INDICATORS.map((id) => ({
      id,
      name: id,
      subsystem: ['hwy', 'water', 'util'].includes(id) ? 'A' : 'B',
      direction: id === 'unemp' ? ('negative' as const) : ('positive' as const),
    })),
    analysis: { factor: { retain: { method: 'count', count: 2 }, ...factor } },
  };
}

/** The Produc fixture as the validate step hands it on: sorted by year, then unit. */
function producPanel(keep?: { units?: number; years?: number }): Panel {
  const records = parse(readFileSync(FIXTURE_DIR + 'produc.csv', 'utf8'), { columns: true }) as Record<string, string>[];
  let rows = records.map((r) => ({ unit: r.state, year: Number(r.year), values: INDICATORS.map((c) => Number(r[c])) }));
  const units = [...new Set(rows.map((r) => r.unit))].slice(0, keep?.units);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b).slice(0, keep?.years);
  rows = rows
    .filter((r) => units.includes(r.unit) && years.includes(r.year))
    .sort((a, b) => a.year - b.year || units.indexOf(a.unit) - units.indexOf(b.unit));
  return { indicators: INDICATORS, units, years, rows };
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function runStep(model: ModelInput, panel: Panel): Promise<StepArtifact> {
  const dir = await mkdtemp(join(tmpdir(), 'factor-step-'));
  folders.push(dir);
  const store = new FolderStore(dir);
  const keys = artifactKeys('factor-test');
  const ctx: StepContext = { runId: 'factor-test', store, keys, inputStore: store, inputs: [] };
  await putJson(store, keys.model, validateModel(model, 'model.json'));
  await putJson(store, keys.panel, panel);
  const outcome = await factorStep(ctx);
  expect(outcome.keys).toEqual([keys.step('factor')]);
  return readStepArtifact(ctx, 'factor');
}

interface ProducExpected {
  efa: {
    indicators: string[];
    eigenvalues: number[];
    rotatedLoadings: number[][];
    scoreCoefficients: number[][];
    communalities: number[];
    composite: number[];
    unit: string[];
    year: number[];
    kmo: { overall: number; perIndicator: number[] };
    bartlett: { chiSquare: number; df: number; pValue: number };
  };
  alpha: { alpha: number; standardizedAlpha: number; correctedItemTotal: number[] };
  alphaBySubsystem: Record<string, { alpha: number; standardizedAlpha: number }>;
  cfa: {
    normal: Record<string, number>;
    wishart: Record<string, number>;
    loadings: { factor: string; indicator: string; estimate: number; standardized: number }[];
    residualVariances: { indicator: string; estimate: number }[];
  };
}

type Section = Record<string, any>;

describe('factorStep on plm::Produc (48 states × 17 years, pooled)', () => {
  const expected = readExpected<ProducExpected>('produc-step-expected.json');
  // One run of the step serves every check in this block.
  let pooled: Promise<StepArtifact> | undefined;
  const pooledRun = (): Promise<StepArtifact> => (pooled ??= runStep(producModel(), producPanel()));

  it('factorStep(ctx) writes factorAnalysis equal to R on the direction-adjusted panel', async () => {
    const artifact = await pooledRun();
    expect(artifact.skipped).toBeUndefined();
    const fa = artifact.sections.factorAnalysis as Section;
    expect(fa.scope).toBe('pooled');
    expect(fa.n).toBe(816);
    expect(fa.retained).toBe(2);
    expect(fa.kmo.computable).toBe(true);
    expect(Math.abs(fa.kmo.overall - expected.efa.kmo.overall)).toBeLessThan(EXACT_TOLERANCE);
    expect(Math.abs(fa.kmo.perIndicator.unemp - expected.efa.kmo.perIndicator[6])).toBeLessThan(EXACT_TOLERANCE);
    expect(Math.abs(fa.bartlett.chiSquare / expected.efa.bartlett.chiSquare - 1)).toBeLessThan(EXACT_TOLERANCE);
    INDICATORS.forEach((id, i) => {
      expected.efa.rotatedLoadings[i].forEach((v, k) => {
        expect(Math.abs(fa.rotatedLoadings[id][k] - v)).toBeLessThan(EXACT_TOLERANCE);
        expect(Math.abs(fa.scoreCoefficients[id][k] - expected.efa.scoreCoefficients[i][k])).toBeLessThan(
          EXACT_TOLERANCE,
        );
      });
      expect(Math.abs(fa.communalities[id] - expected.efa.communalities[i])).toBeLessThan(EXACT_TOLERANCE);
    });
    // Unemployment is negative: after × −1 it loads positively on its own component.
    expect(fa.rotatedLoadings.unemp[1]).toBeGreaterThan(0.9);
    expect(fa.rotatedVariance).toHaveLength(2);
    expect(fa.converged).toBe(true);
  });

  it('factorStep(ctx) writes composite and rank per row, rank 1 = highest composite of the year', async () => {
    const artifact = await pooledRun();
    const rows = artifact.rows ?? [];
    expect(rows).toHaveLength(816);
    const want = new Map(expected.efa.unit.map((u, i) => [`${u}/${expected.efa.year[i]}`, expected.efa.composite[i]]));
    for (const row of rows) {
      const f = row.fields as { composite: number; factorScores: number[]; rank: number };
      expect(Math.abs(f.composite - want.get(`${row.unit}/${row.year}`)!)).toBeLessThan(EXACT_TOLERANCE);
      expect(f.factorScores).toHaveLength(2);
    }
    for (const year of [1970, 1986]) {
      const ofYear = rows.filter((r) => r.year === year).map((r) => r.fields as { composite: number; rank: number });
      expect(ofYear.map((f) => f.rank).sort((a, b) => a - b)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
      const best = ofYear.find((f) => f.rank === 1)!;
      expect(best.composite).toBe(Math.max(...ofYear.map((f) => f.composite)));
    }
  });

  it('factorStep(ctx) writes reliability equal to psych::alpha, overall, by subsystem and by factor', async () => {
    const artifact = await pooledRun();
    const rel = artifact.sections.reliability as Section;
    expect(Math.abs(rel.alpha - expected.alpha.alpha)).toBeLessThan(EXACT_TOLERANCE);
    expect(Math.abs(rel.standardizedAlpha - expected.alpha.standardizedAlpha)).toBeLessThan(EXACT_TOLERANCE);
    expect(rel.items).toBe(7);
    rel.itemStatistics.forEach((s: Section, i: number) =>
      expect(Math.abs(s.correctedItemTotal - expected.alpha.correctedItemTotal[i])).toBeLessThan(EXACT_TOLERANCE),
    );
    for (const id of ['A', 'B']) {
      expect(Math.abs(rel.bySubsystem[id].alpha - expected.alphaBySubsystem[id].alpha)).toBeLessThan(EXACT_TOLERANCE);
    }
    // Six indicators load most on the first component, unemployment on the second (one item: no alpha).
    expect(rel.byFactor.map((f: Section) => f.items)).toEqual([6, 1]);
    expect(rel.byFactor[1].computable).toBe(false);
  });

  it('factorStep(ctx) writes the subsystem CFA equal to lavaan and reports its Heywood case', async () => {
    const artifact = await pooledRun();
    const cfa = artifact.sections.cfa as Section;
    expect(cfa.converged).toBe(true);
    for (const key of ['chisq', 'cfi', 'tli', 'rmsea', 'srmr', 'aic', 'bic'] as const) {
      const mine = { chisq: 'chiSquare' }[key as 'chisq'] ?? key;
      expect(Math.abs(cfa.fit[mine] - expected.cfa.normal[key])).toBeLessThan(CFA_TOLERANCE);
    }
    expect(Math.abs(cfa.fitWishart.chiSquare - expected.cfa.wishart.chisq)).toBeLessThan(CFA_TOLERANCE);
    expected.cfa.loadings.forEach((e, i) => {
      expect(Math.abs(cfa.loadings[i].estimate - e.estimate)).toBeLessThan(CFA_TOLERANCE);
      expect(Math.abs(cfa.loadings[i].standardized - e.standardized)).toBeLessThan(CFA_TOLERANCE);
    });
    // lavaan warns "some estimated ov variances are negative": gsp's residual variance.
    const negative = expected.cfa.residualVariances.filter((r) => r.estimate < 0).map((r) => r.indicator);
    expect(negative).toEqual(['gsp']);
    expect(cfa.heywood).toContainEqual(
      expect.objectContaining({ kind: 'negative-residual-variance', where: 'gsp' }),
    );
    expect(Object.keys(cfa.reliability)).toEqual(['A', 'B']);
  });
});

describe('factorStep on degenerate and disabled input', () => {
  it('factorStep(ctx) per year on 5 states × 2 years (fewer rows than indicators) still scores every row', async () => {
    const artifact = await runStep(
      producModel({ scope: 'per-year', retain: { method: 'kaiser' } }),
      producPanel({ units: 5, years: 2 }),
    );
    expect(artifact.skipped).toBeUndefined();
    const fa = artifact.sections.factorAnalysis as Section;
    expect(fa.scope).toBe('per-year');
    expect(fa.byYear).toHaveLength(2);
    for (const year of fa.byYear) {
      expect(year.singular).toBe(true);
      expect(year.collinear.length).toBeGreaterThanOrEqual(3);
      expect(year.kmo).toMatchObject({ computable: false });
      expect(year.kmo.reason).toMatch(/5 rows for 7 indicators/);
      expect(year.bartlett).toMatchObject({ computable: false });
    }
    const rows = artifact.rows ?? [];
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(Number.isFinite((row.fields as { composite: number }).composite)).toBe(true);
    // Pooled CFA has 10 rows for 7 indicators: S is positive definite, so it is attempted.
    expect(artifact.sections.cfa).toBeDefined();
    expect((artifact.sections.reliability as Section).byFactorNote).toMatch(/per-year/);
  });

  it('factorStep(ctx) skips with a reason when fewer than 3 rows are given', async () => {
    const artifact = await runStep(producModel(), producPanel({ units: 2, years: 1 }));
    expect(artifact.skipped).toMatch(/at least 3 rows; the panel has 2/);
    expect(artifact.sections).toEqual({});
  });

  it('factorStep(ctx) skips when factor analysis is turned off', async () => {
    const artifact = await runStep(producModel({ enabled: false }), producPanel({ units: 5, years: 1 }));
    expect(artifact.skipped).toMatch(/turned off/);
  });

  it('factorStep(ctx) leaves a constant indicator out with a warning', async () => {
    const panel = producPanel({ units: 12, years: 2 });
    const flat: Panel = { ...panel, rows: panel.rows.map((r) => ({ ...r, values: r.values.map((v, j) => (j === 2 ? 7 : v)) })) };
    const artifact = await runStep(producModel({ retain: { method: 'kaiser' } }), flat);
    expect(artifact.warnings).toContainEqual(expect.objectContaining({ code: 'constant-indicator', column: 'util' }));
    const fa = artifact.sections.factorAnalysis as Section;
    expect(fa.excluded).toEqual(['util']);
    expect(fa.rotatedLoadings.util).toBeUndefined();
  });

  it('factorStep(ctx) rejects a custom CFA naming an unknown indicator', async () => {
    await expect(
      runStep(
        producModel({ cfa: { structure: 'custom', factors: { X: ['hwy', 'nope'] } } }),
        producPanel({ units: 12, years: 2 }),
      ),
    ).rejects.toThrow(/"nope", which is not a varying indicator/);
  });
});

