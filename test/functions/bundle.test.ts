import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, buildHandlerBundles } from '../../lib/infra/bundling.js';
import { allHandlerNames, handlerEntry } from '../../lib/infra/handlers.js';
import { artifactKeys } from '../../lib/pipeline/keys.js';
import { startS3Server } from '../e2e/harness/servers.js';

const run = promisify(execFile);
let dir: string;

/**
 * Every handler bundled exactly as the stack bundles it (lib/infra/bundling.ts),
 * then loaded and called by a separate `node` process, as the Lambda runtime
 * loads `index.mjs`: no TypeScript, no test runner, no source tree.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartcity-bundles-'));
  await buildHandlerBundles(dir, allHandlerNames(), handlerEntry);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Imports a bundle in a fresh Node process, calls its handler, returns the result and log lines. */
async function invokeBundle(
  name: string,
  event: unknown,
  env: Record<string, string>,
): Promise<{ result: unknown; logs: Record<string, unknown>[] }> {
  const script = join(dir, `invoke-${name}.mjs`);
  await writeFile(
    script,
    `const { handler } = await import(${JSON.stringify(join(dir, name, 'index.mjs'))});
const context = { functionName: ${JSON.stringify(name)}, functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:${name}', memoryLimitInMB: '256',
  awsRequestId: 'req-1', logGroupName: '/aws/lambda/${name}', logStreamName: 'local',
  getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: true };
const result = await handler(JSON.parse(process.argv[2]), context);
process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');
`,
  );
  const { stdout } = await run(process.execPath, [script, JSON.stringify(event)], {
    env: { PATH: process.env.PATH ?? '', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', ...env },
  });
  const lines = stdout.split('\n');
  const resultLine = lines.find((l) => l.startsWith('RESULT '));
  if (resultLine === undefined) throw new Error(`no result from ${name}:\n${stdout}`);
  const logs = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { result: JSON.parse(resultLine.slice('RESULT '.length)), logs };
}

describe('handler bundles', () => {
  it('validate bundle: reads an upload from S3 and writes the clean panel and the validation report', async () => {
    const s3Server = await startS3Server();
    try {
      const s3 = new S3Client({
        region: 'us-east-1',
        endpoint: s3Server.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestChecksumCalculation: 'WHEN_REQUIRED',
      });
      await s3.send(new CreateBucketCommand({ Bucket: 'input' }));
      await s3.send(new CreateBucketCommand({ Bucket: 'reports' }));
      const panel = await readFile(new URL('../../examples/grunfeld/panel.csv', import.meta.url));
      const model = await readFile(new URL('../../examples/grunfeld/model.json', import.meta.url));
      await s3.send(new PutObjectCommand({ Bucket: 'input', Key: 'datasets/grunfeld/panel.csv', Body: panel }));
      await s3.send(new PutObjectCommand({ Bucket: 'input', Key: 'datasets/grunfeld/model.json', Body: model }));

      const runId = 'grunfeld-00000000000000aa';
      const run = {
        runId,
        dataset: 'grunfeld',
        startedAt: '2026-12-03T12:00:00.000Z',
        trigger: 'upload',
        inputs: [{ key: 'datasets/grunfeld/panel.csv', version: 'etag:unknown' }],
        model: { key: 'datasets/grunfeld/model.json', version: 'etag:unknown' },
      };
      const { result, logs } = await invokeBundle('validate', { run }, {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_ENDPOINT_URL_S3: s3Server.endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        INPUT_BUCKET: 'input',
        REPORTS_BUCKET: 'reports',
      });
      expect(result).toMatchObject({
        step: 'validate',
        keys: expect.arrayContaining([artifactKeys(runId).panel, artifactKeys(runId).validation]),
        summary: { units: 10, years: 20, rows: 200 },
      });
      const written = await s3.send(new GetObjectCommand({ Bucket: 'reports', Key: artifactKeys(runId).panel }));
      const clean = JSON.parse(await written.Body!.transformToString()) as { units: string[]; rows: unknown[] };
      expect(clean.units).toHaveLength(10);
      expect(clean.rows).toHaveLength(200);
      expect(logs.length).toBeGreaterThan(0);
      expect(logs.every((l) => l.runId === runId && l.handler === 'validate')).toBe(true);
    } finally {
      await s3Server.close();
    }
  }, 60_000);

  it('bundle(handler) builds one ESM index.mjs per handler', async () => {
    const names = (await readdir(dir)).filter((n) => !n.endsWith('.mjs')).sort();
    expect(names).toEqual([...allHandlerNames()].sort());
    for (const name of names) {
      expect((await stat(join(dir, name, 'index.mjs'))).size, name).toBeGreaterThan(1000);
    }
  });

  it('every bundle loads on this Node without a source tree (no dynamic require failures)', async () => {
    const script = join(dir, 'load-all.mjs');
    await writeFile(
      script,
      `for (const name of ${JSON.stringify(allHandlerNames())}) {
  const m = await import('./' + name + '/index.mjs');
  if (typeof m.handler !== 'function') throw new Error(name + ' exports no handler');
}
process.stdout.write('loaded');`,
    );
    const { stdout } = await run(process.execPath, [script], { env: { PATH: process.env.PATH ?? '' } });
    expect(stdout).toBe('loaded');
  }, 60_000);

  it('report-link bundle: a signed link redirects to a short-lived URL, a forged one gets 403', async () => {
    const env = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example-secret',
      REPORTS_BUCKET: 'reports-bucket',
      REPORT_LINK_URL: 'https://links.example/',
      REPORT_LINK_SECRET: 'bundle test secret',
      POWERTOOLS_SERVICE_NAME: 'smartcity-eval-report-link',
    };
    // The link is minted by the function record and on-failure use, bundled
    // the same way and run in its own process.
    const mint = join(dir, 'mint.mjs');
    const minter = fileURLToPath(new URL('../../functions/commons/report-link.ts', import.meta.url));
    await build({
      stdin: {
        contents: `import { mintReportLink } from ${JSON.stringify(minter)};
process.stdout.write(await mintReportLink('grunfeld-0123456789abcdef', 'report', new Date(), 1));`,
        resolveDir: dir,
        loader: 'ts',
      },
      outfile: mint,
      bundle: true,
      format: 'esm',
      platform: 'node',
      banner: { js: BUNDLE.banner },
      logLevel: 'silent',
    });
    const { stdout: link } = await run(process.execPath, [mint], { env: { PATH: process.env.PATH ?? '', ...env } });
    const url = new URL(link);
    const event = (query: URLSearchParams) => ({
      version: '2.0',
      rawPath: '/',
      rawQueryString: query.toString(),
      queryStringParameters: Object.fromEntries(query),
      headers: {},
      requestContext: { http: { method: 'GET', path: '/' } },
    });

    const good = await invokeBundle('report-link', event(url.searchParams), env);
    const redirect = good.result as { statusCode: number; headers: Record<string, string> };
    expect(redirect.statusCode).toBe(302);
    const target = new URL(redirect.headers.location);
    expect(target.pathname).toBe('/runs/grunfeld-0123456789abcdef/report.html');
    expect(target.hostname).toBe('reports-bucket.s3.us-east-1.amazonaws.com');
    expect(target.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(good.logs.some((l) => l.message === 'link opened' && l.runId === 'grunfeld-0123456789abcdef')).toBe(true);

    const forgedQuery = new URLSearchParams(url.searchParams);
    forgedQuery.set('doc', 'error');
    const forged = await invokeBundle('report-link', event(forgedQuery), env);
    expect((forged.result as { statusCode: number }).statusCode).toBe(403);
  }, 60_000);
});
