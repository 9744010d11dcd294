import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteResultsStore } from '../../lib/store/sqlite-results-store.js';

const stores: SqliteResultsStore[] = [];
function open(): SqliteResultsStore {
  const store = new SqliteResultsStore(join(mkdtempSync(join(tmpdir(), 'sce-db-')), 'r.sqlite'));
  stores.push(store);
  return store;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('SqliteResultsStore', () => {
  it('lists the runs of a dataset newest first and updates a run in place', async () => {
    const store = open();
    await store.putRun({ runId: 'a', dataset: 'd', status: 'SUCCEEDED', startedAt: '2026-01-01T00:00:00Z' });
    await store.putRun({ runId: 'b', dataset: 'd', status: 'RUNNING', startedAt: '2026-02-01T00:00:00Z' });
    await store.putRun({ runId: 'c', dataset: 'other', status: 'RUNNING', startedAt: '2026-03-01T00:00:00Z' });
    await store.putRun({ runId: 'b', dataset: 'd', status: 'FAILED', startedAt: '2026-02-01T00:00:00Z', error: 'bad row' });

    const runs = await store.runsOfDataset('d');
    expect(runs.map((r) => r.runId)).toEqual(['b', 'a']);
    expect(runs[0]).toMatchObject({ status: 'FAILED', error: 'bad row' });
    expect(await store.getRun('missing')).toBeUndefined();
  });

  it('returns a run\'s results and one unit\'s history across runs', async () => {
    const store = open();
    await store.putRun({ runId: 'r1', dataset: 'd', status: 'SUCCEEDED', startedAt: '2026-01-01T00:00:00Z' });
    await store.putRun({ runId: 'r2', dataset: 'd', status: 'SUCCEEDED', startedAt: '2026-02-01T00:00:00Z' });
    await store.putResults([
      { runId: 'r1', dataset: 'd', unit: 'City1', year: 2019, result: { composite: 0.1 } },
      { runId: 'r1', dataset: 'd', unit: 'City2', year: 2019, result: { composite: 0.2 } },
      { runId: 'r2', dataset: 'd', unit: 'City1', year: 2020, result: { composite: 0.3 } },
    ]);
    expect((await store.resultsOfRun('r1')).map((r) => r.unit)).toEqual(['City1', 'City2']);
    const history = await store.unitHistory('d', 'City1');
    expect(history.map((r) => [r.year, r.result.composite])).toEqual([
      [2019, 0.1],
      [2020, 0.3],
    ]);
  });
});
