/**
 * The worker thread that runs fuzz cases: it receives one case at a time
 * (file paths on disk), runs the whole local pipeline on it and posts back
 * how the run ended. Running cases on a thread lets the test thread stop a
 * case that never finishes, even one stuck in a synchronous loop, by
 * terminating the thread.
 *
 * While a case runs, JSON.stringify is observed (not replaced: it still
 * produces the same text) so that any NaN or ±Infinity that would be
 * written as null is recorded with its path. A statistic that is undefined
 * must be written as null on purpose; a NaN reaching the serializer is the
 * silent kind of null this suite forbids.
 */
import { parentPort } from 'node:worker_threads';
import { InvalidInputError, InvalidModelError } from '../../../lib/pipeline/errors.js';
import { runPipeline } from '../../../lib/pipeline/local-runner.js';
import type { CaseFiles, CaseReport, NonFiniteLeak } from './case-report.js';

const leaks: NonFiniteLeak[] = [];

/**
 * Built-in objects a hostile name could reach through `plainObject[name]`
 * (a unit called "__proto__" or "constructor"); any property a run adds to
 * them outlives the run and changes every later one in the process, as it
 * would in a warm Lambda.
 */
const PROTOTYPES: Record<string, object> = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  Object,
  // What `plainObject[name]` returns for the other inherited names
  // ("toString", "hasOwnProperty", …): functions, open to writes too.
  ...Object.fromEntries(
    Object.getOwnPropertyNames(Object.prototype)
      .filter((key) => key !== 'constructor' && key !== '__proto__')
      .map((key) => [`Object.prototype.${key}`, (Object.prototype as Record<string, unknown>)[key]])
      .filter((entry): entry is [string, object] => typeof entry[1] === 'function'),
  ),
};
const pristine = Object.fromEntries(
  Object.entries(PROTOTYPES).map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto))]),
);

function pollution(): string[] {
  return Object.entries(PROTOTYPES).flatMap(([name, proto]) =>
    Reflect.ownKeys(proto)
      .filter((key) => !pristine[name].has(key))
      .map((key) => `${name}.${String(key)}`),
  );
}
const plainStringify = JSON.stringify;

/** Walks a value the way JSON.stringify will and notes non-finite numbers. */
function findNonFinite(value: unknown, path: string, seen: Set<unknown>): void {
  if (leaks.length >= 20) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) leaks.push({ path, value: String(value) });
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return;
  if (ArrayBuffer.isView(value)) {
    const list = Array.from(value as unknown as ArrayLike<number>);
    list.forEach((v, i) => findNonFinite(v, `${path}[${i}]`, seen));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    findNonFinite(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, seen);
  }
}

function observingStringify(
  this: unknown,
  value: unknown,
  replacer?: Parameters<typeof JSON.stringify>[1],
  space?: Parameters<typeof JSON.stringify>[2],
): string {
  findNonFinite(value, '$', new Set());
  return plainStringify(value, replacer as never, space);
}

async function runCase(files: CaseFiles): Promise<CaseReport> {
  const report = await runPipelineCase(files);
  const added = pollution();
  return added.length > 0 ? { ...report, pollution: added } : report;
}

async function runPipelineCase(files: CaseFiles): Promise<CaseReport> {
  leaks.length = 0;
  const start = performance.now();
  (JSON as { stringify: unknown }).stringify = observingStringify;
  try {
    const run = await runPipeline({
      files: files.data,
      ...(files.model !== undefined ? { modelFile: files.model } : {}),
      outDir: files.outDir,
      database: false,
    });
    const ms = performance.now() - start;
    const error = run.error;
    if (run.status === 'SUCCEEDED') return { kind: 'succeeded', ms, leaks: [...leaks] };
    if (error instanceof InvalidInputError) {
      return {
        kind: 'invalid-input',
        ms,
        leaks: [...leaks],
        message: error.message,
        issues: error.issues.map((i) => ({ ...i })),
      };
    }
    if (error instanceof InvalidModelError) {
      return {
        kind: 'invalid-model',
        ms,
        leaks: [...leaks],
        message: error.message,
        problems: [...error.problems],
      };
    }
    return {
      kind: 'thrown',
      ms,
      leaks: [...leaks],
      name: error?.name ?? 'unknown',
      message: `FAILED without an input error: ${error?.message ?? 'no error given'}`,
      stack: error?.stack ?? '',
    };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    return {
      kind: 'thrown',
      ms: performance.now() - start,
      leaks: [...leaks],
      name: err.name,
      message: err.message,
      stack: err.stack ?? '',
    };
  } finally {
    (JSON as { stringify: unknown }).stringify = plainStringify;
  }
}

parentPort?.on('message', (files: CaseFiles) => {
  void runCase(files).then((report) => parentPort?.postMessage(report));
});
parentPort?.postMessage('ready');
