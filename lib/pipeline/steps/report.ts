import { putJson } from '../../store/artifact-store.js';
import { renderReport, toResultsCsv } from '../../report/index.js';
import { assembleResults } from '../assemble-results.js';
import type { StepFunction } from '../step.js';

/**
 * Joins all artifacts into results.json, and writes results.csv and the
 * HTML report beside it under the run's prefix.
 */
export const reportStep: StepFunction = async (ctx) => {
  ctx.progress?.('writing results and report');
  const results = await assembleResults(ctx);
  const language = ctx.facts?.language ?? results.model.analysis.report.language;
  const html = renderReport(results, { language });

  await Promise.all([
    putJson(ctx.store, ctx.keys.resultsJson, results),
    ctx.store.put(ctx.keys.resultsCsv, toResultsCsv(results), 'text/csv; charset=utf-8'),
    ctx.store.put(ctx.keys.report, html, 'text/html; charset=utf-8'),
  ]);

  return {
    step: 'report',
    keys: [ctx.keys.resultsJson, ctx.keys.resultsCsv, ctx.keys.report],
    summary: { rows: results.rows.length, reportBytes: Buffer.byteLength(html) },
  };
};
