import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { datasetSlug } from '../pipeline/run-id.js';

/** The stack outputs the client needs (see lib/infra/smartcity-stack.ts). */
export interface StackOutputs {
  readonly InputBucketName: string;
  readonly StateMachineArn: string;
}

export interface SubmitOptions {
  /** The data file to upload. */
  readonly file: string;
  /** Dataset name: letters, digits, `.`, `_` and `-`. */
  readonly dataset: string;
  /** Outputs of the deployed stack; or give `bucket` and `stateMachineArn`. */
  readonly stackOutputs?: StackOutputs;
  readonly bucket?: string;
  readonly stateMachineArn?: string;
  /** Wait for the run and return its report link. @default true */
  readonly wait?: boolean;
  /** Give up waiting after this long. @default 15 minutes */
  readonly timeoutMs?: number;
  /** @default 2000 */
  readonly pollMs?: number;
  /** Clients; by default made from the environment (region, credentials). */
  readonly s3?: S3Client;
  readonly sfn?: SFNClient;
  /** Progress and the final link; the CLI prints these. */
  readonly log?: (message: string) => void;
}

export interface SubmitResult {
  /** Object key of the upload. */
  readonly key: string;
  /** S3 version id of the upload, or `etag:<etag>` on a bucket without versions. */
  readonly version: string;
  readonly status: 'UPLOADED' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly runId?: string;
  readonly executionArn?: string;
  /** The report link (SUCCEEDED). */
  readonly reportLink?: string;
  /** Why the run failed, with the error report link (FAILED). */
  readonly cause?: string;
}

const DATASET_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * `smartcity-eval submit <file> --dataset NAME`: uploads the file to
 * `datasets/<NAME>/<file name>` in the stack's input bucket, which starts a
 * run of that dataset, then waits for the run and returns the report link.
 *
 * The run is found without guessing its id: the client lists the state
 * machine's recent executions of the dataset and picks the one whose input
 * names this upload's exact object version.
 */
export async function submit(options: SubmitOptions): Promise<SubmitResult> {
  const bucket = options.bucket ?? options.stackOutputs?.InputBucketName;
  const stateMachineArn = options.stateMachineArn ?? options.stackOutputs?.StateMachineArn;
  if (!DATASET_NAME.test(options.dataset)) {
    throw new RangeError(
      `dataset name "${options.dataset}" may hold only letters, digits, ".", "_" and "-" (at most 100)`,
    );
  }
  if (bucket === undefined || bucket === '') {
    throw new RangeError('submit needs the input bucket: pass stackOutputs or bucket');
  }
  const log = options.log ?? (() => undefined);
  const s3 = options.s3 ?? new S3Client({});
  const body = await readFile(options.file);
  const key = `datasets/${options.dataset}/${basename(options.file)}`;
  const uploadedAt = Date.now();
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const version = put.VersionId ?? `etag:${(put.ETag ?? '').replaceAll('"', '')}`;
  log(`uploaded s3://${bucket}/${key}`);
  if (options.wait === false) return { key, version, status: 'UPLOADED' };

  if (stateMachineArn === undefined || stateMachineArn === '') {
    throw new RangeError('waiting for the run needs the state machine: pass stackOutputs or stateMachineArn');
  }
  const sfn = options.sfn ?? new SFNClient({});
  const deadline = uploadedAt + (options.timeoutMs ?? 15 * 60_000);
  const pollMs = options.pollMs ?? 2000;

  const executionArn = await findExecution(sfn, stateMachineArn, options.dataset, key, version, uploadedAt, deadline, pollMs);
  if (executionArn === undefined) {
    log('the run did not start in time');
    return { key, version, status: 'TIMED_OUT' };
  }
  log(`run ${executionArn.slice(executionArn.lastIndexOf(':') + 1)} started`);
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const runId = execution.name;
    if (execution.status === 'SUCCEEDED') {
      const reportLink = linkOf(execution);
      log(reportLink !== undefined ? `report: ${reportLink}` : 'the run finished without a report link');
      return { key, version, status: 'SUCCEEDED', executionArn, ...(runId ? { runId } : {}), ...(reportLink ? { reportLink } : {}) };
    }
    if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
      const cause = execution.cause ?? execution.error ?? String(execution.status);
      log(`the run failed: ${cause}`);
      const status = execution.status === 'FAILED' ? 'FAILED' : execution.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'ABORTED';
      return { key, version, status, executionArn, ...(runId ? { runId } : {}), cause };
    }
    if (Date.now() > deadline) return { key, version, status: 'TIMED_OUT', executionArn };
    await sleep(pollMs);
  }
}

/** The execution started for this upload: same dataset, and its input names the object version. */
async function findExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  dataset: string,
  key: string,
  version: string,
  uploadedAt: number,
  deadline: number,
  pollMs: number,
): Promise<string | undefined> {
  const prefix = `${datasetSlug(dataset).slice(0, 60) || 'dataset'}-`;
  const checked = new Set<string>();
  while (Date.now() <= deadline) {
    const list = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100 }));
    for (const e of list.executions ?? []) {
      if (e.executionArn === undefined || checked.has(e.executionArn)) continue;
      if (!e.name?.startsWith(prefix)) continue;
      // Clocks differ a little between this machine and AWS.
      if (e.startDate !== undefined && e.startDate.getTime() < uploadedAt - 60_000) continue;
      checked.add(e.executionArn);
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      const input = JSON.parse(described.input ?? '{}') as {
        run?: { inputs?: { key: string; version: string }[]; model?: { key: string; version: string } };
      };
      const refs = [...(input.run?.inputs ?? []), ...(input.run?.model ? [input.run.model] : [])];
      if (refs.some((r) => r.key === key && r.version === version)) return e.executionArn;
    }
    await sleep(pollMs);
  }
  return undefined;
}

function linkOf(execution: DescribeExecutionCommandOutput): string | undefined {
  const output = JSON.parse(execution.output ?? '{}') as { steps?: { record?: { link?: unknown } } };
  const link = output.steps?.record?.link;
  return typeof link === 'string' ? link : undefined;
}

/**
 * Reads the outputs file of `cdk deploy --outputs-file FILE`
 * ({ "<stack>": { "<output>": "<value>" } }) for one stack.
 */
export async function readStackOutputs(file: string, stackName = 'SmartcityEval'): Promise<StackOutputs> {
  const all = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, string>>;
  const outputs = all[stackName];
  if (outputs?.InputBucketName === undefined || outputs.StateMachineArn === undefined) {
    throw new RangeError(`${file} has no InputBucketName and StateMachineArn outputs for stack ${stackName}`);
  }
  return { InputBucketName: outputs.InputBucketName, StateMachineArn: outputs.StateMachineArn };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
