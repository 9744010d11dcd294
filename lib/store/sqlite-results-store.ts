import Database from 'better-sqlite3';
import type { ResultRecord, ResultsStore, RunRecord } from './results-store.js';

/**
 * The embedded results store of the command-line tool: one SQLite file.
 * Tables mirror the DynamoDB access patterns (runs of a dataset newest first,
 * a run's results, one unit's history), so a local run rehearses a cloud one.
 */
export class SqliteResultsStore implements ResultsStore {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS runs (
        run_id TEXT PRIMARY KEY,
        dataset TEXT NOT NULL,
        started_at TEXT NOT NULL,
        status TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS runs_by_dataset ON runs (dataset, started_at DESC);
      CREATE TABLE IF NOT EXISTS results (
        run_id TEXT NOT NULL,
        dataset TEXT NOT NULL,
        unit TEXT NOT NULL,
        year INTEGER NOT NULL,
        result TEXT NOT NULL,
        PRIMARY KEY (run_id, unit, year)
      );
      CREATE INDEX IF NOT EXISTS results_by_unit ON results (dataset, unit, year);
    `);
  }

  async putRun(run: RunRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO runs (run_id, dataset, started_at, status, record)
         VALUES (@runId, @dataset, @startedAt, @status, @record)
         ON CONFLICT (run_id) DO UPDATE SET status = excluded.status,
           started_at = excluded.started_at, record = excluded.record`,
      )
      .run({ ...pick(run), record: JSON.stringify(run) });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const row = this.db.prepare('SELECT record FROM runs WHERE run_id = ?').get(runId) as
      | { record: string }
      | undefined;
    return row ? (JSON.parse(row.record) as RunRecord) : undefined;
  }

  async runsOfDataset(dataset: string, limit = 50): Promise<RunRecord[]> {
    const rows = this.db
      .prepare('SELECT record FROM runs WHERE dataset = ? ORDER BY started_at DESC LIMIT ?')
      .all(dataset, limit) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as RunRecord);
  }

  async putResults(records: readonly ResultRecord[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO results (run_id, dataset, unit, year, result)
       VALUES (?, ?, ?, ?, ?)`,
    );
    const all = this.db.transaction((batch: readonly ResultRecord[]) => {
      for (const r of batch) {
        insert.run(r.runId, r.dataset, r.unit, r.year, JSON.stringify(r.result));
      }
    });
    all(records);
  }

  async resultsOfRun(runId: string): Promise<ResultRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM results WHERE run_id = ? ORDER BY year, unit')
      .all(runId) as RawResult[];
    return rows.map(toRecord);
  }

  async unitHistory(dataset: string, unit: string): Promise<ResultRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT results.* FROM results JOIN runs USING (run_id)
         WHERE results.dataset = ? AND results.unit = ?
         ORDER BY results.year, runs.started_at DESC`,
      )
      .all(dataset, unit) as RawResult[];
    return rows.map(toRecord);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

interface RawResult {
  run_id: string;
  dataset: string;
  unit: string;
  year: number;
  result: string;
}

function toRecord(row: RawResult): ResultRecord {
  return {
    runId: row.run_id,
    dataset: row.dataset,
    unit: row.unit,
    year: row.year,
    result: JSON.parse(row.result) as Record<string, unknown>,
  };
}

function pick(run: RunRecord) {
  return {
    runId: run.runId,
    dataset: run.dataset,
    startedAt: run.startedAt,
    status: run.status,
  };
}
