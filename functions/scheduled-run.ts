import type { Context } from 'aws-lambda';
import { wrap } from './commons/handler.js';
import { logger } from './commons/powertools.js';
import { listDatasets, type StartResult, startDatasetRun } from './commons/start-run.js';

/**
 * The yearly run (EventBridge Scheduler): re-evaluates every dataset with
 * all its files. One dataset's failure to start does not stop the others;
 * the handler fails at the end if any did, so the schedule's retry policy
 * tries again (datasets already started are skipped as duplicates then).
 */
export const handler = wrap('scheduled-run', async (_event: unknown, _context: Context) => {
  const datasets = await listDatasets();
  const results: (StartResult & { dataset: string })[] = [];
  const failures: string[] = [];
  for (const dataset of datasets) {
    try {
      results.push({ dataset, ...(await startDatasetRun(dataset, 'schedule')) });
    } catch (error) {
      logger.error('could not start dataset run', { dataset, error });
      failures.push(`${dataset}: ${(error as Error).message}`);
    } finally {
      logger.removeKeys(['runId', 'dataset']);
    }
  }
  logger.info('yearly run started', { datasets: datasets.length, failed: failures.length });
  if (failures.length > 0) {
    throw new Error(`could not start ${failures.length} dataset run(s): ${failures.join('; ')}`);
  }
  return { datasets: results };
});
