import { getJson } from '../../store/artifact-store.js';
import type { ResultRecord } from '../../store/results-store.js';
import type { Results } from '../results.js';
import type { StepFunction } from '../step.js';

/**
 * Writes the finished run and one record per unit and year to the results
 * store (SQLite locally, DynamoDB on AWS), and marks the run SUCCEEDED.
 */
export const recordStep: StepFunction = async (ctx) => {
  if (!ctx.results) {
    return { step: 'record', keys: [], skipped: 'no results store was configured' };
  }
  const results = await getJson<Results>(ctx.store, ctx.keys.resultsJson);
  const dataset = results.run.dataset ?? results.run.runId;

  const records: ResultRecord[] = results.rows.map(({ unit, year, ...result }) => ({
    runId: results.run.runId,
    dataset,
    unit,
    year,
    result,
  }));
  await ctx.results.putResults(records);

  const timings: Record<string, number> = {};
  for (const [name, status] of Object.entries(results.steps)) {
    if (status?.durationMs !== undefined) timings[name] = status.durationMs;
  }
  await ctx.results.putRun({
    runId: results.run.runId,
    dataset,
    status: 'SUCCEEDED',
    startedAt: results.run.startedAt,
    finishedAt: new Date().toISOString(),
    inputHashes: Object.fromEntries(results.run.inputs.map((i) => [i.file, i.sha256])),
    units: results.validation.units,
    years: results.validation.years,
    rows: records.length,
    reportKey: ctx.keys.report,
    timings,
  });
  return { step: 'record', keys: [], summary: { rows: records.length } };
};
