import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FolderStore } from '../../store/folder-store.js';
import type { StepContext } from '../step.js';
import type { StepName } from '../step-list.js';
import { deaStep } from './dea.js';

/** What a DEA worker thread is given: where the run's artifacts are, and which chunks to run. */
export interface DeaWorkerJob {
  readonly root: string;
  readonly runId: string;
  readonly chunks: readonly number[];
}

/**
 * Runs the chunks of the DEA step on worker threads, one thread per core
 * (at most one per chunk), each thread taking every k-th chunk. Matches the
 * local runner's chunk-runner signature.
 *
 * Threads read and write chunk files through their own FolderStore on the
 * run's folder, so this works for folder stores only; with any other store,
 * or with a single chunk, the chunks run in this thread. The worker entry is
 * `dea-worker.js` beside this file (a bundler must emit it as its own entry);
 * when running from TypeScript sources the threads load `dea-worker.ts`
 * through tsx (a development dependency).
 */
export async function runDeaChunksOnWorkers(
  ctx: StepContext,
  step: StepName,
  chunks: number,
  threads = availableParallelism(),
): Promise<void> {
  if (step !== 'dea') throw new RangeError(`runDeaChunksOnWorkers runs the dea step only, not "${step}"`);
  const count = Math.max(1, Math.min(threads, chunks));
  if (!(ctx.store instanceof FolderStore) || count === 1) {
    for (let i = 0; i < chunks; i++) await deaStep.work(ctx, i);
    return;
  }
  const root = ctx.store.root;
  const jobs: DeaWorkerJob[] = Array.from({ length: count }, (_, t) => ({
    root,
    runId: ctx.runId,
    chunks: Array.from({ length: chunks }, (_, i) => i).filter((i) => i % count === t),
  }));
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './dea-worker.ts' : './dea-worker.js', import.meta.url);
  await Promise.all(jobs.map((job) => runWorker(entry, job, fromSource)));
}

function runWorker(entry: URL, job: DeaWorkerJob, fromSource: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    // Node 20 does not apply a parent's `--import tsx` to a worker's entry,
    // so from sources the thread registers tsx itself before importing it.
    const worker = fromSource
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
            `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
          { eval: true, workerData: job },
        )
      : new Worker(entry, { workerData: job });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`DEA worker for chunks ${job.chunks.join(', ')} exited with code ${code}`));
    });
  });
}
