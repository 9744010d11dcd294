import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submit } from '../../lib/client/submit.js';
import { artifactKeys } from '../../lib/pipeline/keys.js';
import { RETRY } from '../../lib/infra/workflow.js';
import { runPipeline } from '../../lib/pipeline/local-runner.js';
import type { Results } from '../../lib/pipeline/results.js';
import { DynamoResultsStore } from '../../lib/store/dynamo-results-store.js';
import type { ResultsStore } from '../../lib/store/results-store.js';
import {
  INPUT_BUCKET,
  LocalAws,
  REPORTS_BUCKET,
  STATE_MACHINE_ARN,
  TABLE_NAME,
} from './harness/local-aws.js';

// The Grunfeld panel (plm::Grunfeld, 10 firms × 20 years) and its model:
// real public data, see examples/grunfeld/README.md.
const PANEL = fileURLToPath(new URL('../../examples/grunfeld/panel.csv', import.meta.url));
const MODEL = fileURLToPath(new URL('../../examples/grunfeld/model.json', import.meta.url));

let env: LocalAws;
let results: ResultsStore;
let model: Buffer;
/** Lines the handlers logged (Powertools writes JSON lines to stdout). */
const logLines: Record<string, unknown>[] = [];
const originalWrite = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
        continue;
      } catch {
        // not a log line
      }
    }
    return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  env = await LocalAws.start();
  results = new DynamoResultsStore({ client: env.dynamo, tableName: TABLE_NAME });
  model = await readFile(MODEL);
}, 120_000);

afterAll(async () => {
  process.stdout.write = originalWrite;
  await env?.close();
});

/** Puts the model under the dataset (its event finds no data yet and starts nothing). */
async function putModel(dataset: string): Promise<void> {
  await env.s3.send(
    new PutObjectCommand({ Bucket: INPUT_BUCKET, Key: `datasets/${dataset}/model.json`, Body: model }),
  );
  await env.settleEvents();
}

const submitTo = (dataset: string, file: string) =>
  submit({
    file,
    dataset,
    bucket: INPUT_BUCKET,
    stateMachineArn: STATE_MACHINE_ARN,
    s3: env.s3,
    sfn: env.sfn,
    pollMs: 50,
    timeoutMs: 120_000,
  });

async function getText(bucket: string, key: string): Promise<string> {
  const object = await env.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}

describe('upload → run → results → report link', () => {
  let runId: string;
  let link: string;

  it('submit(file, dataset) uploads, the event starts the workflow, and the run succeeds', async () => {
    await putModel('grunfeld');
    expect(env.sfnServer.executions.size).toBe(0);

    const outcome = await submitTo('grunfeld', PANEL);
    expect(outcome.status, outcome.cause).toBe('SUCCEEDED');
    expect(outcome.key).toBe('datasets/grunfeld/panel.csv');
    runId = outcome.runId!;
    link = outcome.reportLink!;
    expect(runId).toMatch(/^grunfeld-[0-9a-f]{16}$/);
    expect(link.startsWith(env.linkUrl)).toBe(true);
    // Every step's handler ran once, in the order of the state machine.
    for (const name of ['validate', 'normalize', 'factor', 'dea-plan', 'coupling', 'cluster', 'report', 'record']) {
      expect(env.invocations.get(name), name).toBe(1);
    }
  }, 180_000);

  it('fans DEA out through the Distributed Map: one worker per item of the plan', async () => {
    const items = JSON.parse(
      await getText(REPORTS_BUCKET, `${artifactKeys(runId).prefix}steps/dea/map-items.json`),
    ) as { run: { runId: string }; chunk: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.chunk)).toEqual(items.map((_, i) => i));
    expect(items.every((i) => i.run.runId === runId)).toBe(true);
    expect(env.invocations.get('dea-work')).toBe(items.length);
    expect(env.invocations.get('dea-merge')).toBe(1);
    const dea = JSON.parse(await getText(REPORTS_BUCKET, artifactKeys(runId).step('dea'))) as { step: string };
    expect(dea.step).toBe('dea');
  });

  it('records the run and one row per unit-year in DynamoDB, with its access patterns', async () => {
    const run = await results.getRun(runId);
    expect(run).toMatchObject({ runId, dataset: 'grunfeld', status: 'SUCCEEDED', units: 10, years: 20, rows: 200 });
    expect(run?.reportKey).toBe(artifactKeys(runId).report);

    const rows = await results.resultsOfRun(runId);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.unit)).size).toBe(10);

    const runs = await results.runsOfDataset('grunfeld');
    expect(runs.map((r) => r.runId)).toEqual([runId]);

    const history = await results.unitHistory('grunfeld', 'firm1');
    expect(history.map((r) => r.year)).toEqual(Array.from({ length: 20 }, (_, i) => 1935 + i));
  });

  it('writes the report under the run, and its link opens it over HTTP', async () => {
    const keys = artifactKeys(runId);
    const html = await getText(REPORTS_BUCKET, keys.report);
    expect(html.toLowerCase()).toContain('<!doctype html');
    const resultsJson = JSON.parse(await getText(REPORTS_BUCKET, keys.resultsJson)) as { rows: unknown[] };
    expect(resultsJson.rows).toHaveLength(200);

    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(html);
  });

  it('gives the same results as a local run of the same files (one model of a run)', async () => {
    const cloud = JSON.parse(await getText(REPORTS_BUCKET, artifactKeys(runId).resultsJson)) as Results;
    for (const step of ['normalize', 'factor', 'dea', 'coupling', 'cluster'] as const) {
      expect(cloud.steps[step]?.status, step).toBe('done');
    }
    const outDir = await mkdtemp(join(tmpdir(), 'smartcity-local-'));
    try {
      const local = await runPipeline({ files: [PANEL], modelFile: MODEL, outDir, dataset: 'grunfeld', database: false });
      expect(local.status).toBe('SUCCEEDED');
      const here = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8')) as Results;
      // Everything but the facts of the run itself (ids, times, file names).
      const { run: _r1, steps: _s1, validation: v1, ...cloudRest } = cloud;
      const { run: _r2, steps: _s2, validation: v2, ...localRest } = here;
      expect(cloudRest).toEqual(localRest);
      expect([v1.units, v1.years, v1.rows, v1.errors]).toEqual([v2.units, v2.years, v2.rows, v2.errors]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a link whose signature or run was changed', async () => {
    const forged = new URL(link);
    forged.searchParams.set('run', 'grunfeld-0000000000000000');
    expect((await fetch(forged)).status).toBe(403);
    const longer = new URL(link);
    longer.searchParams.set('exp', String(Number(longer.searchParams.get('exp')) + 86_400));
    expect((await fetch(longer)).status).toBe(403);
    const unsigned = new URL(link);
    unsigned.searchParams.delete('sig');
    expect((await fetch(unsigned)).status).toBe(403);
  });

  it('logs JSON lines that all carry the run id and the handler name while a step runs', () => {
    // Every line a step function wrote, found by the Lambda context fields.
    const stepLines = logLines.filter(
      (l) => typeof l.function_name === 'string' && !['start-run', 'report-link'].includes(l.function_name),
    );
    expect(stepLines.length).toBeGreaterThan(10);
    const ofRun = stepLines.filter((l) => l.runId === runId);
    expect(ofRun.length).toBeGreaterThan(10);
    for (const line of stepLines) {
      expect(line.runId, JSON.stringify(line)).toBeTypeOf('string');
      expect(line.handler, JSON.stringify(line)).toBe(line.function_name);
      expect(line.level).toBeTypeOf('string');
      expect(line.function_request_id).toBeTypeOf('string');
    }
  });

  it('a duplicate delivery of the same S3 event starts nothing', async () => {
    const last = env.events.at(-1)!;
    const executions = env.sfnServer.executions.size;
    const again = (await env.deliver(last.event)) as { started: boolean; runId: string };
    expect(again).toMatchObject({ started: false, runId });
    expect(env.sfnServer.executions.size).toBe(executions);
    expect((await results.runsOfDataset('grunfeld')).length).toBe(1);
    expect((await results.getRun(runId))?.status).toBe('SUCCEEDED');
  });
});

describe('a broken upload', () => {
  it('ends FAILED with a validation report and an error page, and the upload is kept as it was', async () => {
    const good = await readFile(PANEL, 'utf8');
    const broken = good.replace('firm1,1936,391.8,', 'firm1,1936,about 400,');
    expect(broken).not.toBe(good);
    // One value of firm1 in 1936 becomes text, as a hand-edited sheet might.
    const path = join(tmpdir(), `grunfeld-broken-${process.pid}`, 'panel.csv');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, broken);
    await putModel('grunfeld-broken');

    const outcome = await submitTo('grunfeld-broken', path);
    await rm(dirname(path), { recursive: true });
    expect(outcome.status).toBe('FAILED');
    expect(outcome.cause).toMatch(/Validate input: InvalidInputError/);
    expect(outcome.cause).toContain(`Error report: ${env.linkUrl}`);
    const runId = outcome.runId!;

    // Not retried: invalid input fails at once.
    const run = await results.getRun(runId);
    expect(run?.status).toBe('FAILED');
    expect(run?.error).toMatch(/^Validate input: InvalidInputError: /);
    expect(run?.finishedAt).toBeTypeOf('string');

    const keys = artifactKeys(runId);
    const validation = JSON.parse(await getText(REPORTS_BUCKET, keys.validation)) as {
      valid: boolean;
      errors: { row?: number; column?: string }[];
    };
    expect(validation.valid).toBe(false);
    expect(validation.errors.some((e) => e.column === 'inv')).toBe(true);
    const page = await getText(REPORTS_BUCKET, keys.errorReport);
    expect(page).toContain('Validation report');
    expect(page).toContain('about 400');

    const link = outcome.cause!.slice(outcome.cause!.indexOf('Error report: ') + 'Error report: '.length).trim();
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(page);

    expect(await getText(INPUT_BUCKET, 'datasets/grunfeld-broken/panel.csv')).toBe(broken);
    expect(await getText(INPUT_BUCKET, 'datasets/grunfeld-broken/model.json')).toBe(model.toString('utf8'));
  }, 180_000);
});

describe('a transient failure', () => {
  it('is retried by the workflow, and the run ends well', async () => {
    await putModel('grunfeld-retry');
    const before = env.invocations.get('normalize') ?? 0;
    env.failNextInvocations.set('normalize', 1);

    // A file name with spaces and a non-ASCII dash travels as the object key.
    const path = join(tmpdir(), `grunfeld-retry-${process.pid}`, 'Grunfeld panel 1935–1954.csv');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await readFile(PANEL));
    const outcome = await submitTo('grunfeld-retry', path);
    await rm(dirname(path), { recursive: true });
    expect(outcome.status, outcome.cause).toBe('SUCCEEDED');
    expect(outcome.key).toBe('datasets/grunfeld-retry/Grunfeld panel 1935–1954.csv');
    expect((env.invocations.get('normalize') ?? 0) - before).toBe(2);
    expect((await results.getRun(outcome.runId!))?.status).toBe('SUCCEEDED');
    expect(await results.resultsOfRun(outcome.runId!)).toHaveLength(200);
  }, 180_000);
});

describe('a failure that does not go away', () => {
  it('is retried three times, then the run ends FAILED with the step and reason', async () => {
    await putModel('grunfeld-down');
    const before = env.invocations.get('coupling') ?? 0;
    env.failNextInvocations.set('coupling', RETRY.maxAttempts + 1);

    const outcome = await submitTo('grunfeld-down', PANEL);
    expect(outcome.status).toBe('FAILED');
    expect((env.invocations.get('coupling') ?? 0) - before).toBe(RETRY.maxAttempts + 1);
    const run = await results.getRun(outcome.runId!);
    expect(run?.status).toBe('FAILED');
    expect(run?.error).toMatch(/^Coupling coordination: Lambda\.ServiceException: /);
    const page = await getText(REPORTS_BUCKET, artifactKeys(outcome.runId!).errorReport);
    expect(page).toContain('Coupling coordination');
    expect(page).not.toContain('Validation report');
    // What the earlier steps wrote stays under the run.
    expect(await getText(REPORTS_BUCKET, artifactKeys(outcome.runId!).step('dea'))).toContain('"step":"dea"');
  }, 180_000);
});

describe('the yearly run', () => {
  it('re-runs every dataset once, with new run ids, and a repeated trigger starts nothing', async () => {
    const before = new Set(env.sfnServer.executions.keys());
    const first = (await env.invoke('scheduled-run', {})) as {
      datasets: { dataset: string; runId: string; started: boolean }[];
    };
    expect(first.datasets.map((d) => d.dataset).sort()).toEqual([
      'grunfeld',
      'grunfeld-broken',
      'grunfeld-down',
      'grunfeld-retry',
    ]);
    expect(first.datasets.every((d) => d.started)).toBe(true);
    const started = [...env.sfnServer.executions.values()].filter((e) => !before.has(e.executionArn));
    expect(started).toHaveLength(4);
    for (const e of started) expect(JSON.parse(e.input).run.trigger).toBe('schedule');

    const again = (await env.invoke('scheduled-run', {})) as typeof first;
    expect(again.datasets.every((d) => !d.started)).toBe(true);
    expect(env.sfnServer.executions.size).toBe(before.size + 4);

    await Promise.all(started.map((e) => e.done));
    const status = Object.fromEntries(
      first.datasets.map((d) => [d.dataset, env.sfnServer.executions.get(`${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${d.runId}`)?.status]),
    );
    expect(status).toEqual({
      grunfeld: 'SUCCEEDED',
      'grunfeld-broken': 'FAILED',
      'grunfeld-down': 'SUCCEEDED',
      'grunfeld-retry': 'SUCCEEDED',
    });
    expect((await results.runsOfDataset('grunfeld')).map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  }, 180_000);
});
