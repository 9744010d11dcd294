import type { Context } from 'aws-lambda';
import { stepImplementations } from '../lib/pipeline/steps/index.js';
import { wrap } from './commons/handler.js';
import { parseState } from './commons/run-input.js';
import { runMeasured } from './commons/step-handler.js';
import { stepContext } from './commons/stores.js';

/** Joins the DEA chunk outputs into the step artifact, after the map. */
export const handler = wrap('dea-merge', async (event: unknown, _context: Context) => {
  const state = parseState(event);
  const chunks = (state.steps as { dea?: { chunks?: unknown } } | undefined)?.dea?.chunks;
  if (typeof chunks !== 'number' || !Number.isInteger(chunks) || chunks < 1) {
    throw new TypeError(`the state has no DEA plan with chunks: ${JSON.stringify(chunks)}`);
  }
  return runMeasured('dea-merge', state.run, () =>
    stepImplementations.dea.merge(stepContext(state.run), chunks),
  );
});
