import type { Context } from 'aws-lambda';
import { stepImplementations } from '../lib/pipeline/steps/index.js';
import { wrap } from './commons/handler.js';
import { announce } from './commons/notify.js';
import { mintReportLink } from './commons/report-link.js';
import { parseState } from './commons/run-input.js';
import { runMeasured } from './commons/step-handler.js';
import { stepContext } from './commons/stores.js';

/**
 * The last step: records the run and its unit-year rows in the table (the
 * record step marks the run SUCCEEDED), then announces the report link.
 * The link is returned too, as the execution's output.
 */
export const handler = wrap('record', async (event: unknown, _context: Context) => {
  const { run } = parseState(event);
  return runMeasured('record', run, async () => {
    const outcome = await stepImplementations.record(stepContext(run, true));
    const link = await mintReportLink(run.runId, 'report');
    await announce({ runId: run.runId, dataset: run.dataset, status: 'SUCCEEDED', link });
    return { ...outcome, link };
  });
});
