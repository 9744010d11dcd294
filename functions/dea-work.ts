import type { Context } from 'aws-lambda';
import { stepImplementations } from '../lib/pipeline/steps/index.js';
import { wrap } from './commons/handler.js';
import { parseState } from './commons/run-input.js';
import { runMeasured } from './commons/step-handler.js';
import { stepContext } from './commons/stores.js';

/**
 * One DEA chunk, run as one Distributed Map item. The item is
 * `{ run, chunk }`; the chunk's output goes to S3 and only its index is
 * returned (the map discards results, so the state stays small).
 */
export const handler = wrap('dea-work', async (event: unknown, _context: Context) => {
  const { run, chunk } = parseState(event);
  if (typeof chunk !== 'number' || !Number.isInteger(chunk) || chunk < 0) {
    throw new TypeError(`the map item has no valid chunk index: ${JSON.stringify(chunk)}`);
  }
  return runMeasured('dea-work', run, async () => {
    await stepImplementations.dea.work(stepContext(run), chunk);
    return { chunk };
  });
});
