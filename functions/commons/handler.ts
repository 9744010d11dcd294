import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './powertools.js';

/**
 * Puts the run id (and dataset) on every log line and trace of one
 * invocation. Runs after the logger's own middleware, which clears these
 * keys again when the invocation ends.
 */
function runKeys(): MiddlewareObj<unknown> {
  return {
    before: (request) => {
      const run = (request.event as { run?: { runId?: unknown; dataset?: unknown } } | null)?.run;
      if (typeof run?.runId === 'string') {
        logger.appendKeys({ runId: run.runId, dataset: run.dataset });
        tracer.putAnnotation('runId', run.runId);
      }
    },
    onError: (request) => {
      logger.error('invocation failed', { error: request.error });
    },
  };
}

/**
 * Wraps a handler with the project's middleware: tracing, structured JSON
 * logs with the Lambda context and run id, and metrics flushed at the end.
 */
export function wrap<E, R>(name: string, fn: (event: E, context: Context) => Promise<R>) {
  return middy(fn)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(runKeys())
    .before(() => {
      logger.appendKeys({ handler: name });
    });
}
