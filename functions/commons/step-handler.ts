import type { Context } from 'aws-lambda';
import type { StepFunction, StepOutcome } from '../../lib/pipeline/step.js';
import type { StepName } from '../../lib/pipeline/step-list.js';
import { wrap } from './handler.js';
import { logger, metrics } from './powertools.js';
import { parseState, type RunInput } from './run-input.js';
import { stepContext } from './stores.js';

/**
 * A Lambda handler for one step: parse the state, build the step context,
 * call the step, log and measure, return the outcome (keys, never data).
 * Errors propagate unchanged, so Step Functions sees their names
 * (InvalidInputError is not retried; anything else is, with backoff).
 */
export function stepHandler(
  name: StepName,
  step: StepFunction,
  options: { readonly withResults?: boolean } = {},
) {
  return wrap(name, async (event: unknown, _context: Context): Promise<StepOutcome> => {
    const { run } = parseState(event);
    return runMeasured(name, run, () => step(stepContext(run, options.withResults)));
  });
}

/** Runs one unit of work with a start and end log line and a duration metric. */
export async function runMeasured<T extends object>(
  name: string,
  run: RunInput,
  work: () => Promise<T>,
): Promise<T> {
  logger.info('step started', { step: name });
  const start = performance.now();
  const result = await work();
  const durationMs = Math.round(performance.now() - start);
  metrics.addDimension('step', name);
  metrics.addMetric('StepDuration', 'Milliseconds', durationMs);
  const summary = 'summary' in result ? result.summary : undefined;
  const skipped = 'skipped' in result ? result.skipped : undefined;
  logger.info('step finished', { step: name, durationMs, skipped, summary, dataset: run.dataset });
  return result;
}
