import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateModel } from '../../../lib/model/load-model.js';
import type { IndicatorModel } from '../../../lib/model/schema.js';
import { readStepArtifact } from '../../../lib/pipeline/artifacts.js';
import { artifactKeys } from '../../../lib/pipeline/keys.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import type { FanOutStep, StepArtifact, StepContext } from '../../../lib/pipeline/step.js';
import { createDeaStep, deaStep, runDeaOnPanel } from '../../../lib/pipeline/steps/dea.js';
import { runDeaChunksOnWorkers } from '../../../lib/pipeline/steps/dea-workers.js';
import { putJson } from '../../../lib/store/artifact-store.js';
import { FolderStore } from '../../../lib/store/folder-store.js';
import { classifyScale } from '../../../lib/analysis/dea/index.js';
import { expected, producRows } from '../../analysis/dea/fixtures.js';

/** Agreement with the HiGHS values of test/reference/dea.py. */
const HIGHS_TOL = 1e-8;

const INDICATORS = ['pcap', 'pc', 'emp', 'gsp'];

/** Produc (plm) as the validate step hands it on: sorted by year, then unit. */
function producPanel(edit: (values: number[], unit: string, year: number) => void = () => {}): Panel {
  const records = producRows().map((r) => {
    const values = INDICATORS.map((c) => Number(r[c]));
    edit(values, r.state, r.year);
    return { unit: r.state, year: r.year, values };
  });
  const units = [...new Set(records.map((r) => r.unit))];
  const years = [...new Set(records.map((r) => r.year))].sort((a, b) => a - b);
  const rows = [...records].sort((a, b) => a.year - b.year || units.indexOf(a.unit) - units.indexOf(b.unit));
  return { indicators: INDICATORS, units, years, rows };
}

function producModel(dea: Record<string, unknown>, roles = true): IndicatorModel {
  const role = (r: string) => (roles ? { dea: r } : {});
  return validateModel(
    {
      name: 'Produc DEA',
      subsystems: [{ id: 'P', name: 'Production' }],
      indicators: [
        { id: 'pcap', name: 'Public capital', subsystem: 'P', direction: 'positive', ...role('input') },
        { id: 'pc', name: 'Private capital', subsystem: 'P', direction: 'positive', ...role('input') },
        { id: 'emp', name: 'Employment', subsystem: 'P', direction: 'positive', ...role('input') },
        { id: 'gsp', name: 'Gross state product', subsystem: 'P', direction: 'positive', ...role('output') },
      ],
      analysis: { dea },
    },
    'test model',
  );
}

let dir: string;
let ctx: StepContext;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dea-step-'));
  const store = new FolderStore(dir);
  ctx = { runId: 'produc-test', store, inputStore: store, inputs: [], keys: artifactKeys('produc-test') };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(model: IndicatorModel, panel: Panel, step: FanOutStep = deaStep, workers = false): Promise<StepArtifact> {
  await putJson(ctx.store, ctx.keys.model, model);
  await putJson(ctx.store, ctx.keys.panel, panel);
  const { chunks, outcome } = await step.plan(ctx);
  if (chunks === 0 && outcome) return readStepArtifact(ctx, 'dea');
  if (workers) await runDeaChunksOnWorkers(ctx, 'dea', chunks, 2);
  else for (let i = 0; i < chunks; i++) await step.work(ctx, i);
  await step.merge(ctx, chunks);
  return readStepArtifact(ctx, 'dea');
}

type Efficiency = { crs: number; vrs: number; scale: number; rts: string; super?: number | null; slacks?: Record<string, number>; peers?: { unit: string; year: number; lambda: number }[] };

const ref = expected();
const refCase = (name: string) => ref.cases.find((c) => c.name === name)!;

describe('deaStep (plan, work, merge) on Produc', () => {
  it('deaStep writes per-year crs and vrs scores and vrs slacks that agree with HiGHS', async () => {
    const artifact = await run(producModel({ rts: 'vrs', orientation: 'input', frontier: 'per-year' }), producPanel());
    expect(artifact.skipped).toBeUndefined();
    for (const year of [1970, 1986]) {
      const rows = artifact.rows!.filter((r) => r.year === year);
      const crs = refCase(`produc A ${year} crs input`);
      const vrs = refCase(`produc A ${year} vrs input`);
      expect(rows).toHaveLength(48);
      rows.forEach((row, j) => {
        const e = row.fields.efficiency as Efficiency;
        expect(Math.abs(e.crs - crs.radial[j])).toBeLessThanOrEqual(HIGHS_TOL);
        expect(Math.abs(e.vrs - vrs.radial[j])).toBeLessThanOrEqual(HIGHS_TOL);
        expect(e.scale).toBeCloseTo(e.crs / e.vrs, 12);
        const slackSum = Object.values(e.slacks!).reduce((a, b) => a + b, 0);
        expect(Math.abs(slackSum - vrs.slackSum[j])).toBeLessThanOrEqual(HIGHS_TOL * 1e6);
        for (const p of e.peers!) expect(p.year).toBe(year);
      });
    }
  });

  it('deaStep classifies returns to scale and sums them per year', async () => {
    const artifact = await run(producModel({ rts: 'vrs' }), producPanel());
    const dea = artifact.sections.dea as { summary: { year: number; units: number; rts: Record<string, number> }[]; frames: { frame: number }[] };
    expect(dea.summary).toHaveLength(17);
    for (const s of dea.summary) expect(s.rts.increasing + s.rts.constant + s.rts.decreasing).toBe(s.units);
    for (const row of artifact.rows!) {
      const e = row.fields.efficiency as Efficiency;
      if (Math.abs(e.crs - e.vrs) <= 1e-9) expect(e.rts).toBe('constant');
      else expect(['increasing', 'decreasing']).toContain(e.rts);
    }
  });

  for (const orientation of ['input', 'output'] as const) {
    it(`runDeaOnPanel classifies returns to scale as the crs, vrs and nirs LPs of HiGHS do (Produc A, ${orientation})`, () => {
      const artifact = runDeaOnPanel(producPanel(), {
        inputs: ['pcap', 'pc', 'emp'], outputs: ['gsp'], rts: 'vrs', orientation,
        frontier: 'per-year', malmquist: false, superEfficiency: false, nonPositive: 'error',
      });
      let checked = 0;
      for (const year of [1970, 1986]) {
        const score = (rts: string) => {
          const radial = refCase(`produc A ${year} ${rts} ${orientation}`).radial;
          return radial.map((r) => (orientation === 'input' ? r : 1 / r));
        };
        const [crs, vrs, nirs] = [score('crs'), score('vrs'), score('nirs')];
        const states = producRows().filter((r) => r.year === year).map((r) => r.state);
        for (const row of artifact.rows!.filter((r) => r.year === year)) {
          const j = states.indexOf(row.unit);
          const want = classifyScale(crs[j], vrs[j], nirs[j]).rts;
          expect((row.fields.efficiency as Efficiency).rts).toBe(want);
          checked++;
        }
      }
      expect(checked).toBe(96);
    });
  }

  it('deaStep writes the Malmquist pairs with year labels and the reference distances', async () => {
    const artifact = await run(producModel({ rts: 'vrs', malmquist: true }), producPanel());
    const pairs = artifact.sections.malmquist as { unit: string; from: number; to: number; tfpch: number; distances: { crs: Record<string, number> } }[];
    const want = ref.malmquist.find((m) => m.orientation === 'input')!;
    expect(pairs).toHaveLength(want.pairs.length);
    const states = producPanel().units;
    for (const w of want.pairs.slice(0, 96)) {
      const got = pairs.find((p) => p.unit === states[w.unit] && p.from === w.from)!;
      expect(got.to).toBe(w.to);
      for (const key of ['tt', 't1t1', 'tt1', 't1t'] as const) {
        expect(Math.abs(got.distances.crs[key] - w.crs[key])).toBeLessThanOrEqual(HIGHS_TOL);
      }
    }
    const summary = artifact.sections.malmquistSummary as { byUnit: unknown[]; byPeriod: { from: number; to: number }[] };
    expect(summary.byUnit).toHaveLength(48);
    expect(summary.byPeriod[0]).toMatchObject({ from: 1970, to: 1971 });
    const infeasible = (artifact.sections.dea as { infeasible: { kind: string }[] }).infeasible;
    expect(infeasible.filter((i) => i.kind === 'malmquist-vrs').length).toBe(
      want.pairs.reduce((a, p) => a + (p.vrs.tt1 === null ? 1 : 0) + (p.vrs.t1t === null ? 1 : 0), 0),
    );
  });

  it('deaStep with super-efficiency reports scores above 1 and infeasible units', async () => {
    const artifact = await run(producModel({ rts: 'vrs', superEfficiency: true, malmquist: false }), producPanel());
    const want = refCase('produc A 1986 vrs input').superRadial!;
    const rows = artifact.rows!.filter((r) => r.year === 1986);
    rows.forEach((row, j) => {
      const e = row.fields.efficiency as Efficiency;
      if (want[j] === null) expect(e.super).toBeNull();
      else expect(Math.abs((e.super as number) - (want[j] as number))).toBeLessThanOrEqual(HIGHS_TOL * Math.max(1, want[j] as number));
    });
    const infeasible = (artifact.sections.dea as { infeasible: { kind: string; year: number }[] }).infeasible;
    expect(infeasible.filter((i) => i.kind === 'super-efficiency' && i.year === 1986)).toHaveLength(want.filter((w) => w === null).length);
  });

  it('deaStep in several chunks on worker threads gives the one-chunk result (pooled frontier)', async () => {
    const model = producModel({ rts: 'crs', frontier: 'pooled', malmquist: false });
    const single = runDeaOnPanel(producPanel(), {
      inputs: ['pcap', 'pc', 'emp'], outputs: ['gsp'], rts: 'crs', orientation: 'input',
      frontier: 'pooled', malmquist: false, superEfficiency: false, nonPositive: 'error',
    });
    const artifact = await run(model, producPanel(), createDeaStep(300), true);
    const manifest = JSON.parse(new TextDecoder().decode(await ctx.store.get(ctx.keys.chunkManifest('dea'))));
    expect(manifest.chunks).toBe(3);
    expect(artifact.rows).toEqual(single.rows);
    const pooled = refCase('produc A pooled crs input');
    // Produc's file order is state then year; rows here are year then state.
    const order = producRows().map((r) => `${r.state}/${r.year}`);
    for (const row of artifact.rows!) {
      const j = order.indexOf(`${row.unit}/${row.year}`);
      expect(Math.abs((row.fields.efficiency as Efficiency).crs - pooled.radial[j])).toBeLessThanOrEqual(HIGHS_TOL);
    }
  });
});

describe('deaStep skips and data rules', () => {
  it('deaStep skips when no indicator has a DEA role', async () => {
    const artifact = await run(producModel({}, false), producPanel());
    expect(artifact.skipped).toMatch(/no indicator of the model has a DEA role/);
  });

  it('deaStep skips when DEA is disabled', async () => {
    const artifact = await run(producModel({ enabled: false }), producPanel());
    expect(artifact.skipped).toMatch(/disabled/);
  });

  it('deaStep names zero cells and skips under nonPositive "error"', async () => {
    const panel = producPanel((v, unit, year) => {
      if (unit === 'OHIO' && year === 1980) v[2] = 0;
    });
    const artifact = await run(producModel({}), panel);
    expect(artifact.skipped).toMatch(/emp of OHIO in 1980/);
    expect(artifact.warnings).toEqual([expect.objectContaining({ code: 'dea-non-positive', unit: 'OHIO', year: 1980, column: 'emp' })]);
  });

  it('deaStep translates and reports the shift under nonPositive "translate"', async () => {
    const panel = producPanel((v, unit, year) => {
      if (unit === 'OHIO' && year === 1980) v[2] = -5;
    });
    const artifact = await run(producModel({ nonPositive: 'translate', malmquist: false }), panel);
    expect(artifact.skipped).toBeUndefined();
    const translations = (artifact.sections.dea as { translations: { indicator: string; shift: number }[] }).translations;
    expect(translations).toHaveLength(1);
    expect(translations[0].indicator).toBe('emp');
    expect(translations[0].shift).toBeGreaterThan(5);
  });

  it('deaStep skips a longitudinal frontier with one year per unit', async () => {
    const panel = producPanel();
    const oneYear: Panel = { ...panel, years: [1970], rows: panel.rows.filter((r) => r.year === 1970) };
    const artifact = await run(producModel({ frontier: 'longitudinal' }), oneYear);
    expect(artifact.skipped).toMatch(/no DEA problem has two or more units/);
  });

  it('runDeaOnPanel(longitudinal) compares each unit with its own years', () => {
    const out = runDeaOnPanel(producPanel(), {
      inputs: ['pcap', 'pc', 'emp'], outputs: ['gsp'], rts: 'vrs', orientation: 'input',
      frontier: 'longitudinal', malmquist: false, superEfficiency: false, nonPositive: 'error',
    });
    const ohio = out.rows!.filter((r) => r.unit === 'OHIO');
    expect(ohio).toHaveLength(17);
    const best = Math.max(...ohio.map((r) => (r.fields.efficiency as Efficiency).vrs));
    expect(best).toBeCloseTo(1, 12);
    for (const r of ohio) for (const p of (r.fields.efficiency as Efficiency).peers!) expect(p.unit).toBe('OHIO');
  });
});
