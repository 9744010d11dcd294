import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One logger, one metrics and one tracer per function instance. The service
 * name, log level and metrics namespace come from the POWERTOOLS_* variables
 * the stack sets; the defaults below apply to local runs.
 */
export const logger = new Logger({ serviceName: 'smartcity-eval' });

export const metrics = new Metrics({
  namespace: 'SmartcityEval',
  serviceName: 'smartcity-eval',
});

export const tracer = new Tracer({ serviceName: 'smartcity-eval' });
