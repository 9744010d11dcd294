/**
 * Entry of a DEA worker thread (see dea-workers.ts): runs the DEA step's
 * `work` for each chunk it was given, on the run's folder store.
 */
import { workerData } from 'node:worker_threads';
import { FolderStore } from '../../store/folder-store.js';
import { artifactKeys } from '../keys.js';
import type { StepContext } from '../step.js';
import { deaStep } from './dea.js';
import type { DeaWorkerJob } from './dea-workers.js';

const job = workerData as DeaWorkerJob;
const store = new FolderStore(job.root);
const ctx: StepContext = {
  runId: job.runId,
  store,
  keys: artifactKeys(job.runId),
  inputStore: store,
  inputs: [],
};
for (const chunk of job.chunks) await deaStep.work(ctx, chunk);
