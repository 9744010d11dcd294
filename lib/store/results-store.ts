/**
 * Where finished runs and their per unit-year results are kept: an embedded
 * SQLite file locally, DynamoDB on AWS. Access patterns: the runs of a
 * dataset newest first, the results of one run, and one unit's history.
 */
export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface RunRecord {
  readonly runId: string;
  readonly dataset: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly inputHashes?: Readonly<Record<string, string>>;
  readonly units?: number;
  readonly years?: number;
  readonly rows?: number;
  readonly reportKey?: string;
  readonly error?: string;
  readonly timings?: Readonly<Record<string, number>>;
}

export interface ResultRecord {
  readonly runId: string;
  readonly dataset: string;
  readonly unit: string;
  readonly year: number;
  /** The row of results.json for this unit and year. */
  readonly result: Readonly<Record<string, unknown>>;
}

export interface ResultsStore {
  putRun(run: RunRecord): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  runsOfDataset(dataset: string, limit?: number): Promise<RunRecord[]>;
  putResults(records: readonly ResultRecord[]): Promise<void>;
  resultsOfRun(runId: string): Promise<ResultRecord[]>;
  unitHistory(dataset: string, unit: string): Promise<ResultRecord[]>;
  close?(): Promise<void>;
}
