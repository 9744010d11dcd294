import { DynamoResultsStore } from '../../lib/store/dynamo-results-store.js';
import { S3Store } from '../../lib/store/s3-store.js';
import { artifactKeys } from '../../lib/pipeline/keys.js';
import type { StepContext } from '../../lib/pipeline/step.js';
import { SOFTWARE_VERSION } from '../../lib/pipeline/version.js';
import { dynamoClient, s3Client } from './clients.js';
import { ENV, requireEnv } from './config.js';
import { logger } from './powertools.js';
import { pinnedVersions, type RunInput } from './run-input.js';

/** The reports bucket: every run's artifacts under `runs/<run id>/`. */
export function reportsStore(): S3Store {
  return new S3Store({ client: s3Client(), bucket: requireEnv(ENV.reportsBucket) });
}

/** The input bucket, read at the object versions the run was started with. */
export function inputStore(run?: RunInput): S3Store {
  return new S3Store({
    client: s3Client(),
    bucket: requireEnv(ENV.inputBucket),
    ...(run ? { versions: pinnedVersions(run) } : {}),
  });
}

export function resultsStore(): DynamoResultsStore {
  return new DynamoResultsStore({
    client: dynamoClient(),
    tableName: requireEnv(ENV.tableName),
  });
}

/**
 * The step context of a run on AWS: the same keys as a local run, with S3
 * for both stores. Only the record step is given the results table.
 */
export function stepContext(run: RunInput, withResults = false): StepContext {
  return {
    runId: run.runId,
    store: reportsStore(),
    keys: artifactKeys(run.runId),
    inputStore: inputStore(run),
    inputs: run.inputs.map((input) => input.key),
    ...(run.model ? { modelKey: run.model.key } : {}),
    ...(withResults ? { results: resultsStore() } : {}),
    facts: {
      dataset: run.dataset,
      startedAt: run.startedAt,
      softwareVersion: process.env[ENV.softwareVersion] ?? SOFTWARE_VERSION,
    },
    progress: (message) => logger.info('progress', { detail: message }),
  };
}
