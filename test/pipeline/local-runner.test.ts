import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LocalRunResult, runPipeline } from '../../lib/pipeline/local-runner.js';
import { resultsJsonSchema, resultsSchema } from '../../lib/pipeline/results-schema.js';
import { STEPS } from '../../lib/pipeline/step-list.js';
import { SqliteResultsStore } from '../../lib/store/sqlite-results-store.js';

const SAMPLE = 'examples/sample-cities/panel.csv';
const tempDir = () => mkdtempSync(join(tmpdir(), 'sce-run-'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('runPipeline on the bundled sample', () => {
  let dir: string;
  let run: LocalRunResult;
  beforeAll(async () => {
    dir = tempDir();
    run = await runPipeline({ files: [SAMPLE], outDir: dir });
  });

  it('runs every step in the order of the step list', () => {
    expect(run.status).toBe('SUCCEEDED');
    expect(run.outcomes.map((o) => o.step)).toEqual(STEPS.map((s) => s.name));
  });

  it('writes results that follow the published results schema', () => {
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    const parsed = resultsSchema.safeParse(results);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(results.rows).toHaveLength(60);
    for (const step of ['normalize', 'factor', 'dea', 'coupling', 'cluster']) {
      expect(results.steps[step]?.status, step).toBe('done');
    }
  });

  it('records the run and one result per unit and year in SQLite', async () => {
    const store = new SqliteResultsStore(join(dir, 'results.sqlite'));
    const record = await store.getRun(run.runId);
    expect(record).toMatchObject({ status: 'SUCCEEDED', units: 12, years: 5, rows: 60 });
    expect(await store.resultsOfRun(run.runId)).toHaveLength(60);
    expect((await store.unitHistory('panel', 'City3')).map((r) => r.year)).toEqual([
      2015, 2016, 2017, 2018, 2019,
    ]);
    await store.close();
  });
});

describe('runPipeline on invalid input', () => {
  it('records the run as FAILED, writes the validation report and leaves the file intact', async () => {
    const file = 'test/fixtures/broken/text-in-number.csv';
    const before = sha(file);
    const dir = tempDir();
    const run = await runPipeline({ files: [file], outDir: dir });

    expect(run.status).toBe('FAILED');
    expect(run.error?.name).toBe('InvalidInputError');
    expect(sha(file)).toBe(before);
    const report = JSON.parse(readFileSync(join(dir, 'validation.json'), 'utf8'));
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toMatchObject({ row: 4, column: 'A3' });

    const store = new SqliteResultsStore(join(dir, 'results.sqlite'));
    expect(await store.getRun(run.runId)).toMatchObject({ status: 'FAILED' });
    await store.close();
  });
});

describe('schemas/results.schema.json', () => {
  it('is the JSON Schema generated from the results schema (run npm run schemas)', () => {
    const committed = JSON.parse(readFileSync('schemas/results.schema.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(resultsJsonSchema())));
  });
});
