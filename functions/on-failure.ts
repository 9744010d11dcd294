import type { Context } from 'aws-lambda';
import { getJson } from '../lib/store/artifact-store.js';
import { artifactKeys } from '../lib/pipeline/keys.js';
import type { ValidationReport } from '../lib/pipeline/results.js';
import { renderErrorReport } from './commons/error-report.js';
import { wrap } from './commons/handler.js';
import { announce } from './commons/notify.js';
import { logger, metrics } from './commons/powertools.js';
import { mintReportLink } from './commons/report-link.js';
import { parseState } from './commons/run-input.js';
import { reportsStore, resultsStore } from './commons/stores.js';

/** What a Catch adds to the state: the error as Step Functions reports it. */
interface CaughtError {
  readonly Error?: string;
  readonly Cause?: string;
}

/**
 * A Lambda failure's Cause is the JSON the runtime wrote
 * ({ errorType, errorMessage, trace }); other causes are plain text.
 */
function describe(caught: CaughtError): { error: string; message: string } {
  const error = caught.Error ?? 'Error';
  const cause = caught.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorType?: string; errorMessage?: string };
    if (typeof parsed.errorMessage === 'string') {
      return { error: parsed.errorType ?? error, message: parsed.errorMessage };
    }
  } catch {
    // Not JSON: a States.* error or a plain-text cause.
  }
  return { error, message: cause || error };
}

/**
 * Where every Catch of the workflow leads: marks the run FAILED with the
 * reason, writes a readable error report under the run (with the validation
 * report when the data was invalid) and announces the failure. The uploads
 * are not touched. The workflow then ends in a Fail state.
 */
export const handler = wrap('on-failure', async (event: unknown, _context: Context) => {
  const state = parseState(event);
  const { run } = state;
  const step = typeof state.step === 'string' ? state.step : 'unknown step';
  const { error, message } = describe((state.error ?? {}) as CaughtError);
  const finishedAt = new Date().toISOString();
  const keys = artifactKeys(run.runId);
  const store = reportsStore();

  // The validation report belongs in the error report when the data was
  // the problem; after a later step's failure it would only say "valid".
  const report = (await store.exists(keys.validation))
    ? await getJson<ValidationReport>(store, keys.validation)
    : undefined;
  const validation = report !== undefined && !report.valid ? report : undefined;
  await store.put(
    keys.errorReport,
    renderErrorReport({
      runId: run.runId,
      dataset: run.dataset,
      step,
      error,
      message,
      finishedAt,
      ...(validation ? { validation } : {}),
    }),
    'text/html; charset=utf-8',
  );

  const results = resultsStore();
  const existing = await results.getRun(run.runId);
  const reason = `${step}: ${error}: ${message}`.slice(0, 4000);
  await results.putRun({
    ...(existing ?? { runId: run.runId, dataset: run.dataset, startedAt: run.startedAt }),
    status: 'FAILED',
    finishedAt,
    error: reason,
  });

  const link = await mintReportLink(run.runId, 'error');
  await announce({ runId: run.runId, dataset: run.dataset, status: 'FAILED', link, reason });
  logger.warn('run failed', { step, error });
  metrics.addMetric('RunsFailed', 'Count', 1);
  return {
    runId: run.runId,
    status: 'FAILED',
    step,
    error,
    errorReportKey: keys.errorReport,
    link,
    cause: `${reason.slice(0, 2000)}\nError report: ${link}`,
  };
});
