import { getJson } from '../store/artifact-store.js';
import { readModel, readPanel } from './artifacts.js';
import { rowKey } from './panel.js';
import type { Results, ResultRow, RunSummary, StepStatus, ValidationReport } from './results.js';
import type { StepArtifact, StepContext } from './step.js';
import { type StepName, STEP_NAMES } from './step-list.js';
import { sha256Hex } from './run-id.js';

/** The analysis steps whose artifacts become sections and row fields. */
const ANALYSIS_STEPS = STEP_NAMES.filter(
  (name): name is Exclude<StepName, 'validate' | 'report' | 'record'> =>
    name !== 'validate' && name !== 'report' && name !== 'record',
);

/**
 * Joins the validated panel and every analysis artifact into the one
 * results document: sections side by side, row fields merged per unit and
 * year. Validation warnings of all steps are gathered in one list so the
 * report's data-quality section is complete.
 */
export async function assembleResults(ctx: StepContext): Promise<Results> {
  const [model, panel, validation] = await Promise.all([
    readModel(ctx),
    readPanel(ctx),
    getJson<ValidationReport>(ctx.store, ctx.keys.validation),
  ]);

  const rows = new Map<string, Record<string, unknown>>();
  for (const r of panel.rows) {
    const values: Record<string, number> = {};
    panel.indicators.forEach((id, j) => {
      values[id] = r.values[j];
    });
    rows.set(rowKey(r.unit, r.year), { unit: r.unit, year: r.year, values });
  }

  const sections: Record<string, unknown> = {};
  const steps: Partial<Record<StepName, StepStatus>> = { validate: { status: 'done' } };
  const warnings = [...validation.warnings];
  for (const name of ANALYSIS_STEPS) {
    const key = ctx.keys.step(name);
    if (!(await ctx.store.exists(key))) continue;
    const artifact = await getJson<StepArtifact>(ctx.store, key);
    steps[name] = {
      status: artifact.skipped === undefined ? 'done' : 'skipped',
      ...(artifact.skipped !== undefined ? { reason: artifact.skipped } : {}),
      ...(artifact.durationMs !== undefined ? { durationMs: artifact.durationMs } : {}),
    };
    Object.assign(sections, artifact.sections);
    warnings.push(...(artifact.warnings ?? []));
    for (const contribution of artifact.rows ?? []) {
      const row = rows.get(rowKey(contribution.unit, contribution.year));
      if (row) Object.assign(row, contribution.fields);
    }
  }

  const modelText = JSON.stringify(model);
  const run: RunSummary = {
    runId: ctx.runId,
    ...(ctx.facts?.dataset !== undefined ? { dataset: ctx.facts.dataset } : {}),
    startedAt: ctx.facts?.startedAt ?? new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    softwareVersion: ctx.facts?.softwareVersion ?? 'unknown',
    inputs: validation.files.map((f) => ({ file: f.file, sha256: f.sha256 })),
    modelName: model.name,
    modelSha256: sha256Hex(modelText),
  };

  return {
    ...sections,
    schemaVersion: 1,
    run,
    model,
    validation: { ...validation, warnings },
    steps,
    rows: [...rows.values()] as ResultRow[],
  };
}
