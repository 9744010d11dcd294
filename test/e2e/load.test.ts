import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoResultsStore } from '../../lib/store/dynamo-results-store.js';
import { INPUT_BUCKET, LocalAws, TABLE_NAME } from './harness/local-aws.js';

/**
 * Load on the local AWS harness: many data owners upload at once, and
 * EventBridge delivers some events more than once. Every upload must end in
 * exactly one finished run, with every result row in the table.
 *
 * Data: the first five years of the Grunfeld panel (plm::Grunfeld, 10 firms)
 * with its model, see examples/grunfeld/README.md; each upload is its own
 * dataset.
 */
const UPLOADS = 50;
const DUPLICATE_DELIVERIES = 2;
const YEARS = new Set(['1935', '1936', '1937', '1938', '1939']);

const PANEL = fileURLToPath(new URL('../../examples/grunfeld/panel.csv', import.meta.url));
const MODEL = fileURLToPath(new URL('../../examples/grunfeld/model.json', import.meta.url));

let env: LocalAws;
const quietLogs = process.env.POWERTOOLS_LOG_LEVEL;

beforeAll(async () => {
  // Fifty runs log thousands of lines; only errors matter here.
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  env = await LocalAws.start();
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (quietLogs === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = quietLogs;
});

describe(`a burst of ${UPLOADS} uploads with duplicate events`, () => {
  it('ends in exactly one finished run per upload, with every row written', async () => {
    const lines = (await readFile(PANEL, 'utf8')).trim().split('\n');
    const panel = [lines[0], ...lines.slice(1).filter((l) => YEARS.has(l.split(',')[1]))].join('\n');
    const rowsPerRun = panel.split('\n').length - 1;
    const model = await readFile(MODEL);
    const datasets = Array.from({ length: UPLOADS }, (_, i) => `load-${String(i).padStart(2, '0')}`);
    const put = (Key: string, Body: string | Buffer) =>
      env.s3.send(new PutObjectCommand({ Bucket: INPUT_BUCKET, Key, Body }));

    // Models first: their events find no data yet and start nothing.
    await Promise.all(datasets.map((d) => put(`datasets/${d}/model.json`, model)));
    await env.settleEvents();
    const eventsBefore = env.events.length;

    await Promise.all(datasets.map((d) => put(`datasets/${d}/panel.csv`, panel)));
    const uploadEvents = env.events.slice(eventsBefore).map((e) => e.event);
    for (let round = 0; round < DUPLICATE_DELIVERIES; round++) {
      await Promise.all(uploadEvents.map((event) => env.deliver(event)));
    }
    await env.settleEvents();
    await Promise.allSettled([...env.sfnServer.executions.values()].map((e) => e.done));

    const executions = [...env.sfnServer.executions.values()];
    const results = new DynamoResultsStore({ client: env.dynamo, tableName: TABLE_NAME });
    let rowsWritten = 0;
    for (const dataset of datasets) {
      const runs = await results.runsOfDataset(dataset);
      expect(runs, dataset).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'SUCCEEDED', rows: rowsPerRun });
      const rows = await results.resultsOfRun(runs[0].runId);
      expect(rows).toHaveLength(rowsPerRun);
      rowsWritten += rows.length;
    }

    expect(uploadEvents).toHaveLength(UPLOADS);
    expect(executions).toHaveLength(UPLOADS);
    expect(executions.every((e) => e.status === 'SUCCEEDED')).toBe(true);
    expect(rowsWritten).toBe(UPLOADS * rowsPerRun);
    process.stderr.write(
      `load: ${UPLOADS} uploads, ${uploadEvents.length * (1 + DUPLICATE_DELIVERIES)} events delivered, ` +
        `${executions.length} executions, ${rowsWritten} rows written\n`,
    );
  }, 900_000);
});
