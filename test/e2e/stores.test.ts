import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactNotFoundError, getJson, putJson } from '../../lib/store/artifact-store.js';
import { DynamoResultsStore, GSI1, TABLE_KEYS } from '../../lib/store/dynamo-results-store.js';
import type { ResultRecord, RunRecord } from '../../lib/store/results-store.js';
import { S3Store } from '../../lib/store/s3-store.js';
import { type LocalServer, startDynamoServer, startS3Server } from './harness/servers.js';

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let s3Server: LocalServer;
let dynamoServer: LocalServer;
let s3: S3Client;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  s3Server = await startS3Server();
  dynamoServer = await startDynamoServer();
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: s3Server.endpoint,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  dynamo = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamoServer.endpoint, credentials });
  await s3.send(new CreateBucketCommand({ Bucket: 'store-test' }));
  await dynamo.send(
    new CreateTableCommand({
      TableName: 'results',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Object.values(TABLE_KEYS).map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      GlobalSecondaryIndexes: [
        {
          IndexName: GSI1,
          KeySchema: [
            { AttributeName: TABLE_KEYS.gsi1PartitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.gsi1SortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
}, 60_000);

afterAll(async () => {
  await s3Server?.close();
  await dynamoServer?.close();
});

describe('S3Store on s3rver', () => {
  it('put(key, body) then get(key) returns the same bytes under the prefix', async () => {
    const store = new S3Store({ client: s3, bucket: 'store-test', prefix: 'a/' });
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await store.put('runs/x/blob.bin', bytes);
    expect(await store.get('runs/x/blob.bin')).toEqual(bytes);
    await putJson(store, 'runs/x/doc.json', { city: 'Zürich', n: 1.5 });
    expect(await getJson(store, 'runs/x/doc.json')).toEqual({ city: 'Zürich', n: 1.5 });
    expect(store.location).toBe('s3://store-test/a/');
    expect(await new S3Store({ client: s3, bucket: 'store-test' }).exists('a/runs/x/doc.json')).toBe(true);
  });

  it('get(missing) throws ArtifactNotFoundError naming the key', async () => {
    const store = new S3Store({ client: s3, bucket: 'store-test', prefix: 'a/' });
    await expect(store.get('runs/none.json')).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(store.get('runs/none.json')).rejects.toThrow(/runs\/none\.json/);
  });

  it('exists(key) is exact: a longer key beside it does not count', async () => {
    const store = new S3Store({ client: s3, bucket: 'store-test', prefix: 'b/' });
    await store.put('report.json.bak', 'x');
    expect(await store.exists('report.json')).toBe(false);
    expect(await store.exists('report.json.bak')).toBe(true);
    expect(await store.exists('report')).toBe(false);
  });

  it('list(prefix) returns the keys under it, sorted, without the store prefix', async () => {
    const store = new S3Store({ client: s3, bucket: 'store-test', prefix: 'c/' });
    for (const key of ['runs/r1/b.json', 'runs/r1/a.json', 'runs/r2/a.json', 'other.json']) {
      await store.put(key, '{}');
    }
    expect(await store.list('runs/r1/')).toEqual(['runs/r1/a.json', 'runs/r1/b.json']);
    expect(await store.list('runs/')).toHaveLength(3);
  });

  it('get(key) asks for the pinned object version, and only for pinned keys', async () => {
    // s3rver keeps no versions, so what is checked is the request S3 receives.
    const asked: { key?: string; versionId?: string }[] = [];
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3Server.endpoint,
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetObjectCommand') {
          const input = args.input as { Key?: string; VersionId?: string };
          asked.push({ key: input.Key, versionId: input.VersionId });
        }
        return next(args);
      },
      { step: 'initialize', name: 'record-gets' },
    );
    const store = new S3Store({
      client,
      bucket: 'store-test',
      prefix: 'd/',
      versions: { 'datasets/x/panel.csv': '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' },
    });
    await new S3Store({ client: s3, bucket: 'store-test', prefix: 'd/' }).put('datasets/x/model.json', '{}');
    await store.get('datasets/x/model.json');
    await store.get('datasets/x/panel.csv').catch(() => undefined);
    expect(asked).toEqual([
      { key: 'd/datasets/x/model.json', versionId: undefined },
      { key: 'd/datasets/x/panel.csv', versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' },
    ]);
  });

  it('new S3Store({ bucket: "" }) is refused with a RangeError', () => {
    expect(() => new S3Store({ client: s3, bucket: '' })).toThrow(RangeError);
  });
});

const run = (runId: string, dataset: string, startedAt: string, extra: Partial<RunRecord> = {}): RunRecord => ({
  runId,
  dataset,
  status: 'SUCCEEDED',
  startedAt,
  ...extra,
});

const rows = (runId: string, dataset: string, units: readonly string[], years: readonly number[]): ResultRecord[] =>
  units.flatMap((unit) =>
    years.map((year) => ({ runId, dataset, unit, year, result: { composite: year / 1000, rank: 1, note: `${unit}#${year}` } })),
  );

describe('DynamoResultsStore on dynalite', () => {
  it('getRun(runId) returns what putRun stored; an unknown run is undefined', async () => {
    const store = new DynamoResultsStore({ client: dynamo, tableName: 'results' });
    const record = run('r-get', 'ds-get', '2026-01-01T00:00:00.000Z', {
      timings: { validate: 12.5 },
      inputHashes: { 'datasets/ds-get/panel.csv': 'v1' },
      units: 3,
    });
    await store.putRun(record);
    expect(await store.getRun('r-get')).toEqual(record);
    expect(await store.getRun('r-none')).toBeUndefined();
  });

  it('runsOfDataset(dataset) lists that dataset only, newest first, honouring the limit', async () => {
    const store = new DynamoResultsStore({ client: dynamo, tableName: 'results' });
    await store.putRun(run('r-old', 'ds-runs', '2025-03-01T02:00:00.000Z'));
    await store.putRun(run('r-new', 'ds-runs', '2026-03-01T02:00:00.000Z'));
    await store.putRun(run('r-mid', 'ds-runs', '2025-09-01T02:00:00.000Z'));
    await store.putRun(run('r-other', 'ds-runs-2', '2027-01-01T00:00:00.000Z'));
    expect((await store.runsOfDataset('ds-runs')).map((r) => r.runId)).toEqual(['r-new', 'r-mid', 'r-old']);
    expect((await store.runsOfDataset('ds-runs', 2)).map((r) => r.runId)).toEqual(['r-new', 'r-mid']);
  });

  it('createRun(run) writes only once for a run id', async () => {
    const store = new DynamoResultsStore({ client: dynamo, tableName: 'results' });
    expect(await store.createRun(run('r-once', 'ds-once', '2026-01-01T00:00:00.000Z', { status: 'RUNNING' }))).toBe(true);
    expect(await store.createRun(run('r-once', 'ds-once', '2026-02-01T00:00:00.000Z', { status: 'RUNNING' }))).toBe(false);
    expect((await store.getRun('r-once'))?.startedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('putResults(records) writes more than one batch; resultsOfRun and unitHistory read them back', async () => {
    const store = new DynamoResultsStore({ client: dynamo, tableName: 'results' });
    const years = Array.from({ length: 12 }, (_, i) => 2010 + i);
    await store.putRun(run('r-2025', 'ds-rows', '2025-03-01T00:00:00.000Z'));
    await store.putRun(run('r-2026', 'ds-rows', '2026-03-01T00:00:00.000Z'));
    await store.putResults(rows('r-2025', 'ds-rows', ['Beijing', 'Shanghai', 'Hang#zhou'], years.slice(0, 11)));
    await store.putResults(rows('r-2026', 'ds-rows', ['Beijing', 'Shanghai', 'Hang#zhou'], years));

    const ofRun = await store.resultsOfRun('r-2026');
    expect(ofRun).toHaveLength(36);
    expect(ofRun.find((r) => r.unit === 'Hang#zhou' && r.year === 2015)?.result).toEqual({
      composite: 2.015,
      rank: 1,
      note: 'Hang#zhou#2015',
    });

    const history = await store.unitHistory('ds-rows', 'Hang#zhou');
    expect(history.map((r) => `${r.year} ${r.runId}`)).toEqual(
      years.flatMap((y) => (y < 2021 ? [`${y} r-2025`, `${y} r-2026`] : [`${y} r-2026`])),
    );
    // A unit whose name extends another's is not mixed in.
    expect(await store.unitHistory('ds-rows', 'Hang')).toEqual([]);
  });

  it('putResults(records) resends UnprocessedItems until all are written', async () => {
    // A client on which DynamoDB throttles: each BatchWriteItem keeps back
    // its last three requests and returns them as UnprocessedItems, as the
    // service does under load.
    const throttled = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamoServer.endpoint, credentials });
    let calls = 0;
    throttled.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        calls++;
        const input = args.input as { RequestItems: Record<string, unknown[]> };
        const [table, requests] = Object.entries(input.RequestItems)[0];
        const kept = requests.length > 3 ? requests.slice(-3) : [];
        const sent = requests.slice(0, requests.length - kept.length);
        const result = await next({ ...args, input: { ...input, RequestItems: { [table]: sent } } });
        const output = result.output as { UnprocessedItems?: Record<string, unknown[]> };
        if (kept.length > 0) output.UnprocessedItems = { [table]: kept };
        return result;
      },
      { step: 'initialize', name: 'throttle' },
    );
    const store = new DynamoResultsStore({ client: throttled, tableName: 'results', baseDelayMs: 1 });
    await store.putResults(rows('r-throttled', 'ds-throttled', ['A', 'B', 'C'], [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029]));
    expect(await store.resultsOfRun('r-throttled')).toHaveLength(30);
    // 30 items: 25 (22 written, 3 back), those 3, then 5 (2 written, 3 back), those 3.
    expect(calls).toBe(4);
  });

  it('putResults gives up after maxAttempts with an error naming the count and table', async () => {
    const stuck = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamoServer.endpoint, credentials });
    stuck.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        const input = args.input as { RequestItems: Record<string, unknown[]> };
        const [table, requests] = Object.entries(input.RequestItems)[0];
        return { output: { UnprocessedItems: { [table]: requests }, $metadata: {} }, response: {} } as never;
      },
      { step: 'initialize', name: 'always-throttled' },
    );
    const store = new DynamoResultsStore({ client: stuck, tableName: 'results', maxAttempts: 3, baseDelayMs: 1 });
    await expect(store.putResults(rows('r-stuck', 'ds-stuck', ['A'], [2020, 2021]))).rejects.toThrow(
      /left 2 result item\(s\) unprocessed in table results after 3 attempts/,
    );
  });

  it('putResults rejects a fractional year with a RangeError naming the unit', async () => {
    const store = new DynamoResultsStore({ client: dynamo, tableName: 'results' });
    await expect(
      store.putResults([{ runId: 'r', dataset: 'd', unit: 'Lyon', year: 2020.5, result: {} }]),
    ).rejects.toThrow(/Lyon: year 2020.5/);
  });
});
