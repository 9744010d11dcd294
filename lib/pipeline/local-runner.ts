import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { FileSetStore } from '../store/file-set-store.js';
import { FolderStore } from '../store/folder-store.js';
import type { ResultsStore } from '../store/results-store.js';
import { SqliteResultsStore } from '../store/sqlite-results-store.js';
import { InvalidInputError, InvalidModelError } from './errors.js';
import { artifactKeys } from './keys.js';
import { deriveRunId, sha256Hex } from './run-id.js';
import type { StepContext, StepOutcome } from './step.js';
import { type StepName, STEPS } from './step-list.js';
import { runDeaChunksOnWorkers } from './steps/dea-workers.js';
import { isFanOut, stepImplementations } from './steps/index.js';
import { SOFTWARE_VERSION } from './version.js';

export interface LocalRunOptions {
  /** Data files: one whole panel, or one file per year. */
  readonly files: readonly string[];
  /** A model file; the default 21-indicator model when absent. */
  readonly modelFile?: string;
  /** Folder for results.json, results.csv, report.html and the run's artifacts. */
  readonly outDir: string;
  /** Dataset name; the first file's base name when absent. */
  readonly dataset?: string;
  /** SQLite results database; `<outDir>/results.sqlite` by default, false for none. */
  readonly database?: string | false;
  /** Run only these steps (validate always runs first); all by default. */
  readonly steps?: readonly StepName[];
  readonly language?: 'en' | 'zh';
  readonly progress?: (message: string) => void;
  /**
   * Runs the chunks of a fan-out step. By default DEA chunks run on worker
   * threads, one per core, when there is more than one chunk.
   */
  readonly runChunks?: ChunkRunner;
}

/** Runs the chunks of a fan-out step, e.g. on worker threads. */
export type ChunkRunner = (
  ctx: StepContext,
  step: StepName,
  chunks: number,
) => Promise<void>;

export interface LocalRunResult {
  readonly runId: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly outDir: string;
  /** Paths of the files written at the top of outDir. */
  readonly written: readonly string[];
  readonly timings: Readonly<Partial<Record<StepName, number>>>;
  readonly outcomes: readonly StepOutcome[];
  readonly error?: Error;
}

/**
 * Runs the pipeline on files on this machine: the same steps, artifact keys
 * and results shape as the AWS workflow, with a folder for the artifact store
 * and SQLite for the results store. The run is recorded as RUNNING first and
 * as SUCCEEDED or FAILED at the end, so a failed run is never lost.
 *
 * Input errors (invalid data or model) come back as a FAILED result with the
 * validation report written; any other error is recorded and rethrown.
 */
export async function runPipeline(options: LocalRunOptions): Promise<LocalRunResult> {
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const inputKeys = [...options.files];
  const inputStore = new FileSetStore(
    options.modelFile ? [...inputKeys, options.modelFile] : inputKeys,
  );

  const inputHashes: Record<string, string> = {};
  for (const file of inputKeys) inputHashes[file] = sha256Hex(await readFileOrEmpty(file));
  const modelHash = options.modelFile
    ? sha256Hex(await readFileOrEmpty(options.modelFile))
    : 'default';
  const dataset =
    options.dataset ?? basename(inputKeys[0] ?? 'dataset', extname(inputKeys[0] ?? ''));
  const runId = deriveRunId(
    dataset,
    inputKeys.map((key) => ({ key: basename(key), version: inputHashes[key] })),
    modelHash,
  );
  const startedAt = new Date().toISOString();
  const results: ResultsStore | undefined =
    options.database === false
      ? undefined
      : new SqliteResultsStore(options.database ?? join(outDir, 'results.sqlite'));

  const ctx: StepContext = {
    runId,
    store: new FolderStore(outDir),
    keys: artifactKeys(runId),
    inputStore,
    inputs: inputKeys,
    ...(options.modelFile ? { modelKey: options.modelFile } : {}),
    ...(results ? { results } : {}),
    facts: {
      dataset,
      startedAt,
      softwareVersion: SOFTWARE_VERSION,
      inputHashes,
      ...(options.language ? { language: options.language } : {}),
    },
    ...(options.progress ? { progress: options.progress } : {}),
  };

  await results?.putRun({ runId, dataset, status: 'RUNNING', startedAt, inputHashes });
  const timings: Partial<Record<StepName, number>> = {};
  const outcomes: StepOutcome[] = [];
  const wanted = new Set(options.steps ?? STEPS.map((s) => s.name));
  wanted.add('validate');

  try {
    for (const info of STEPS) {
      if (!wanted.has(info.name)) continue;
      options.progress?.(`${info.title}…`);
      const start = performance.now();
      outcomes.push(await runStep(ctx, info.name, options.runChunks));
      timings[info.name] = Math.round(performance.now() - start);
      options.progress?.(`${info.title}: done in ${(timings[info.name]! / 1000).toFixed(2)} s`);
    }
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    await results?.putRun({
      runId,
      dataset,
      status: 'FAILED',
      startedAt,
      finishedAt: new Date().toISOString(),
      inputHashes,
      error: err.message,
    });
    const written = await publish(ctx, outDir, ['validation']);
    await results?.close?.();
    if (err instanceof InvalidInputError || err instanceof InvalidModelError) {
      return { runId, status: 'FAILED', outDir, written, timings, outcomes, error: err };
    }
    throw err;
  }

  const written = await publish(ctx, outDir, ['results', 'csv', 'report', 'validation']);
  await results?.close?.();
  return { runId, status: 'SUCCEEDED', outDir, written, timings, outcomes };
}

async function runStep(
  ctx: StepContext,
  name: StepName,
  runChunks: ChunkRunner | undefined,
): Promise<StepOutcome> {
  const step = stepImplementations[name];
  if (!isFanOut(step)) return step(ctx);

  const { chunks, outcome } = await step.plan(ctx);
  if (chunks === 0 && outcome) return outcome;
  const runner = runChunks ?? (name === 'dea' ? runDeaChunksOnWorkers : undefined);
  if (runner) await runner(ctx, name, chunks);
  else for (let i = 0; i < chunks; i++) await step.work(ctx, i);
  return step.merge(ctx, chunks);
}

/** Copies the run's main files to the top of the output folder. */
async function publish(
  ctx: StepContext,
  outDir: string,
  which: readonly ('results' | 'csv' | 'report' | 'validation')[],
): Promise<string[]> {
  const sources = {
    results: [ctx.keys.resultsJson, 'results.json'],
    csv: [ctx.keys.resultsCsv, 'results.csv'],
    report: [ctx.keys.report, 'report.html'],
    validation: [ctx.keys.validation, 'validation.json'],
  } as const;
  const written: string[] = [];
  for (const name of which) {
    const [key, file] = sources[name];
    if (!(await ctx.store.exists(key))) continue;
    await copyFile(join(outDir, key), join(outDir, file));
    written.push(join(outDir, file));
  }
  return written;
}

async function readFileOrEmpty(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch {
    // A missing file is reported by validation with its name; hashing it
    // as empty keeps the run id defined until then.
    return new Uint8Array();
  }
}
