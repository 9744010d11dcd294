import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { deriveRunId } from '../../lib/pipeline/run-id.js';
import { s3Client, sfnClient } from './clients.js';
import { ENV, requireEnv } from './config.js';
import { logger, metrics } from './powertools.js';
import type { InputVersionRef, RunInput } from './run-input.js';
import { resultsStore } from './stores.js';

/** Where data owners put their files: `datasets/<dataset>/<file>`. */
export const DATASETS_PREFIX = 'datasets/';
/** An optional model file beside a dataset's data files. */
export const MODEL_FILE = 'model.json';

/** The dataset an object key belongs to, or undefined outside `datasets/`. */
export function datasetOfKey(key: string): string | undefined {
  if (!key.startsWith(DATASETS_PREFIX)) return undefined;
  const rest = key.slice(DATASETS_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return rest.slice(0, slash);
}

/**
 * The dataset's current files with their versions. S3 lists keys without
 * version ids, so each file is asked for its current version with HEAD; a
 * bucket without versioning gives none, and the entity tag stands in.
 * Folder markers and hidden files (a leading dot) are not data.
 */
export async function datasetFiles(
  dataset: string,
): Promise<{ inputs: InputVersionRef[]; model?: InputVersionRef }> {
  const bucket = requireEnv(ENV.inputBucket);
  const prefix = `${DATASETS_PREFIX}${dataset}/`;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3Client().send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(token !== undefined ? { ContinuationToken: token } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      const name = object.Key?.slice(prefix.length) ?? '';
      if (name === '' || name.endsWith('/') || name.split('/').some((p) => p.startsWith('.'))) {
        continue;
      }
      keys.push(object.Key as string);
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);

  const refs: InputVersionRef[] = [];
  for (const key of keys.sort()) {
    const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const version = head.VersionId ?? `etag:${(head.ETag ?? '').replaceAll('"', '')}`;
    refs.push({ key, version });
  }
  const model = refs.find((r) => r.key === `${prefix}${MODEL_FILE}`);
  const inputs = refs.filter((r) => r !== model);
  return model ? { inputs, model } : { inputs };
}

export interface StartResult {
  readonly runId: string;
  /** False when this run was already started (a duplicate event). */
  readonly started: boolean;
  readonly reason?: string;
}

/**
 * Starts a run of one dataset with all its current files. The run id derives
 * from the dataset, the file versions and the model (deriveRunId), and is the
 * execution name, so a duplicate event starts nothing: Step Functions refuses
 * a second execution of the same name. A yearly run adds the year to the
 * derivation, so it evaluates unchanged files again once a year.
 */
export async function startDatasetRun(
  dataset: string,
  trigger: RunInput['trigger'],
  now: Date = new Date(),
): Promise<StartResult> {
  const { inputs, model } = await datasetFiles(dataset);
  if (inputs.length === 0) {
    logger.warn('dataset has no data files', { dataset });
    return { runId: '', started: false, reason: 'the dataset has no data files' };
  }
  const derivation =
    trigger === 'schedule'
      ? [...inputs, { key: '(yearly run)', version: String(now.getUTCFullYear()) }]
      : inputs;
  const runId = deriveRunId(dataset, derivation, model ? `${model.key}@${model.version}` : 'default');
  const run: RunInput = {
    runId,
    dataset,
    startedAt: now.toISOString(),
    trigger,
    inputs,
    ...(model ? { model } : {}),
  };
  logger.appendKeys({ runId, dataset });

  const created = await resultsStore().createRun({
    runId,
    dataset,
    status: 'RUNNING',
    startedAt: run.startedAt,
    inputHashes: Object.fromEntries(
      [...inputs, ...(model ? [model] : [])].map((r) => [r.key, r.version]),
    ),
  });
  try {
    // Started even when the record already existed: an earlier attempt may
    // have written it and failed before starting the execution.
    await sfnClient().send(
      new StartExecutionCommand({
        stateMachineArn: requireEnv(ENV.stateMachineArn),
        name: runId,
        input: JSON.stringify({ run }),
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ExecutionAlreadyExists') {
      logger.info('duplicate event, run already started');
      metrics.addMetric('DuplicateEvents', 'Count', 1);
      return { runId, started: false, reason: 'already started' };
    }
    throw error;
  }
  if (!created) {
    logger.info('run record existed, execution started now');
  }
  logger.info('run started', { trigger, files: inputs.length, model: model?.key });
  metrics.addMetric('RunsStarted', 'Count', 1);
  return { runId, started: true };
}

/** Every dataset in the input bucket, from its top-level folders. */
export async function listDatasets(): Promise<string[]> {
  const datasets: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3Client().send(
      new ListObjectsV2Command({
        Bucket: requireEnv(ENV.inputBucket),
        Prefix: DATASETS_PREFIX,
        Delimiter: '/',
        ...(token !== undefined ? { ContinuationToken: token } : {}),
      }),
    );
    for (const p of page.CommonPrefixes ?? []) {
      const name = p.Prefix?.slice(DATASETS_PREFIX.length, -1);
      if (name) datasets.push(name);
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return datasets;
}
