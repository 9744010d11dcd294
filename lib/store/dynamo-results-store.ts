import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ResultRecord, ResultsStore, RunRecord } from './results-store.js';

/**
 * Results in one DynamoDB table (single-table design). Key attributes:
 *
 * | item    | pk              | sk                  | gsi1pk                    | gsi1sk                     |
 * |---------|-----------------|---------------------|---------------------------|----------------------------|
 * | run     | RUN#<run>       | RUN                 | DATASET#<dataset>         | <startedAt>#<run>          |
 * | result  | RUN#<run>       | ROW#<unit>#<year>   | UNIT#<dataset>#<unit>     | <year>#<startedAt>#<run>   |
 *
 * Access patterns:
 * - one run: GetItem pk = RUN#<run>, sk = RUN;
 * - runs of a dataset, newest first: Query gsi1 on DATASET#<dataset>,
 *   ScanIndexForward = false (startedAt is ISO 8601, so text order is time order);
 * - a run's results: Query pk = RUN#<run>, sk begins_with ROW#;
 * - one unit's history: Query gsi1 on UNIT#<dataset>#<unit>, in year order and,
 *   within a year, in the order the runs started.
 *
 * Key parts are URI-encoded, so a `#` inside a dataset or unit name cannot
 * make two keys collide. A result row is stored as JSON text (`resultJson`)
 * rather than a DynamoDB map: DynamoDB numbers reject NaN and Infinity and
 * results.json is the form every reader already understands.
 */
export const GSI1 = 'gsi1';

/** The key schema the stack creates; kept here so code and table agree. */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1PartitionKey: 'gsi1pk',
  gsi1SortKey: 'gsi1sk',
} as const;

/** BatchWriteItem accepts at most 25 requests. */
const BATCH_SIZE = 25;

export interface DynamoResultsStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Attempts of one batch before giving up on unprocessed items. @default 8 */
  readonly maxAttempts?: number;
  /** First backoff delay in milliseconds, doubled per attempt. @default 50 */
  readonly baseDelayMs?: number;
}

export class DynamoResultsStore implements ResultsStore {
  readonly tableName: string;
  private readonly doc: DynamoDBDocumentClient;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;

  constructor(options: DynamoResultsStoreOptions) {
    if (options.tableName === '') {
      throw new RangeError('DynamoResultsStore: the table name is empty');
    }
    this.tableName = options.tableName;
    this.doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 50;
  }

  async putRun(run: RunRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: runItem(run) }),
    );
  }

  /**
   * Records a new run only if no run with this id exists yet (a conditional
   * put), and says whether it did. Duplicate S3 events derive the same run id,
   * so the second one finds the record and leaves it alone.
   */
  async createRun(run: RunRecord): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: runItem(run),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const response = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: runPk(runId), sk: 'RUN' },
        ConsistentRead: true,
      }),
    );
    return response.Item === undefined ? undefined : toRun(response.Item);
  }

  async runsOfDataset(dataset: string, limit?: number): Promise<RunRecord[]> {
    const items = await this.query(
      {
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `DATASET#${part(dataset)}` },
        ScanIndexForward: false,
      },
      limit,
    );
    return items.map(toRun);
  }

  async putResults(records: readonly ResultRecord[]): Promise<void> {
    const runs = new Map<string, RunRecord | undefined>();
    const items: Record<string, unknown>[] = [];
    for (const record of records) {
      if (!runs.has(record.runId)) runs.set(record.runId, await this.getRun(record.runId));
      // The unit history is ordered by the start of the run; a run not yet
      // recorded sorts by its id alone, which is still stable.
      const startedAt = runs.get(record.runId)?.startedAt ?? '';
      items.push(resultItem(record, startedAt));
    }
    for (let start = 0; start < items.length; start += BATCH_SIZE) {
      await this.writeBatch(items.slice(start, start + BATCH_SIZE));
    }
  }

  async resultsOfRun(runId: string): Promise<ResultRecord[]> {
    const items = await this.query({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :row)',
      ExpressionAttributeValues: { ':pk': runPk(runId), ':row': 'ROW#' },
    });
    return items.map(toResult);
  }

  async unitHistory(dataset: string, unit: string): Promise<ResultRecord[]> {
    const items = await this.query({
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `UNIT#${part(dataset)}#${part(unit)}` },
    });
    return items.map(toResult);
  }

  /**
   * Writes up to 25 items, resending UnprocessedItems with exponential
   * backoff and full jitter (the AWS Architecture Blog's recommendation),
   * because DynamoDB returns them under throttling instead of failing.
   */
  private async writeBatch(items: readonly Record<string, unknown>[]): Promise<void> {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > this.maxAttempts) {
        throw new Error(
          `DynamoDB left ${pending.length} result item(s) unprocessed in table ` +
            `${this.tableName} after ${this.maxAttempts} attempts`,
        );
      }
      if (attempt > 1) await sleep(Math.random() * this.baseDelayMs * 2 ** (attempt - 2));
      const response = await this.doc.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      const left = response.UnprocessedItems?.[this.tableName] ?? [];
      pending = left.flatMap((request) =>
        request.PutRequest?.Item !== undefined ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    }
  }

  private async query(
    input: QueryCommandInput,
    limit?: number,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          ...input,
          ...(start !== undefined ? { ExclusiveStartKey: start } : {}),
          ...(limit !== undefined ? { Limit: limit - items.length } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined && (limit === undefined || items.length < limit));
    return items;
  }
}

function part(value: string): string {
  return encodeURIComponent(value);
}

function runPk(runId: string): string {
  return `RUN#${part(runId)}`;
}

function runItem(run: RunRecord): Record<string, unknown> {
  return {
    pk: runPk(run.runId),
    sk: 'RUN',
    gsi1pk: `DATASET#${part(run.dataset)}`,
    gsi1sk: `${run.startedAt}#${part(run.runId)}`,
    type: 'run',
    ...run,
  };
}

function resultItem(record: ResultRecord, startedAt: string): Record<string, unknown> {
  if (!Number.isInteger(record.year)) {
    throw new RangeError(`result of ${record.unit}: year ${record.year} is not an integer`);
  }
  const year = String(record.year).padStart(4, '0');
  return {
    pk: runPk(record.runId),
    sk: `ROW#${part(record.unit)}#${year}`,
    gsi1pk: `UNIT#${part(record.dataset)}#${part(record.unit)}`,
    gsi1sk: `${year}#${startedAt}#${part(record.runId)}`,
    type: 'result',
    runId: record.runId,
    dataset: record.dataset,
    unit: record.unit,
    year: record.year,
    resultJson: JSON.stringify(record.result),
  };
}

function toRun(item: Record<string, unknown>): RunRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...run } = item;
  return run as unknown as RunRecord;
}

function toResult(item: Record<string, unknown>): ResultRecord {
  return {
    runId: item.runId as string,
    dataset: item.dataset as string,
    unit: item.unit as string,
    year: item.year as number,
    result: JSON.parse(item.resultJson as string) as Record<string, unknown>,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
