/**
 * Runs fuzz cases on a worker thread with a wall-time bound per case. A
 * case that outlives the bound is reported as `timeout` and the thread is
 * terminated and replaced, so one hanging case cannot stall the suite.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CaseFiles, CaseReport } from './case-report.js';

/**
 * Wall-time bound of one case. The largest generated panel runs in well
 * under a second on an idle machine; the bound leaves room for a loaded
 * CI runner while still catching an iteration that does not stop.
 */
export const CASE_TIME_BOUND_MS = Number(process.env.SMARTCITY_FUZZ_CASE_MS ?? 30_000);

/** One generated input: data files as bytes, and a model file if any. */
export interface FuzzInput {
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  readonly model?: Uint8Array;
}

export class CaseRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly root = mkdtempSync(join(tmpdir(), 'sce-fuzz-'));
  private count = 0;

  /**
   * Writes the input to a fresh folder and runs it. The folder stays until
   * {@link discard}, so the caller can read the results first.
   */
  async run(input: FuzzInput): Promise<{ report: CaseReport; dir: string; outDir: string }> {
    const dir = join(this.root, String(this.count++));
    mkdirSync(join(dir, 'in'), { recursive: true });
    const data = input.files.map((f) => {
      const path = join(dir, 'in', f.name);
      writeFileSync(path, f.bytes);
      return path;
    });
    let model: string | undefined;
    if (input.model) {
      model = join(dir, 'in', 'model.json');
      writeFileSync(model, input.model);
    }
    const files: CaseFiles = { data, outDir: join(dir, 'out'), ...(model ? { model } : {}) };
    return { report: await this.send(files), dir, outDir: files.outDir };
  }

  discard(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
    rmSync(this.root, { recursive: true, force: true });
  }

  private async send(files: CaseFiles): Promise<CaseReport> {
    const worker = await this.start();
    return new Promise<CaseReport>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        void worker.terminate();
        this.worker = undefined;
        resolve({ kind: 'timeout', ms: CASE_TIME_BOUND_MS, leaks: [] });
      }, CASE_TIME_BOUND_MS);
      const onMessage = (report: CaseReport) => {
        clearTimeout(timer);
        worker.off('error', onError);
        if (report.pollution) {
          // A polluted thread would taint every later case: start afresh.
          void worker.terminate();
          this.worker = undefined;
        }
        resolve(report);
      };
      const onError = (error: Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        this.worker = undefined;
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(files);
    });
  }

  private async start(): Promise<Worker> {
    if (this.worker && this.ready) {
      await this.ready;
      return this.worker;
    }
    // Node 20 does not pass a parent's loader to a worker, so the thread
    // registers tsx itself before importing the TypeScript entry.
    const entry = new URL('./case-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const worker = new Worker(
      `import(${JSON.stringify(tsx)})` +
        `.then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true },
    );
    worker.unref();
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    await this.ready;
    return worker;
  }
}
