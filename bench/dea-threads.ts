/**
 * DEA on worker threads for the benchmark: the frame search split into
 * parts searched in parallel, merged by testing the union of their frames
 * against itself, again split over the threads (`frameSurvivors`, then
 * `frameOfUnits`), and the per-unit solves split over the same threads. The
 * threads hold the whole data from the start, so a request carries only
 * unit indices and a frame.
 */
import { Worker } from 'node:worker_threads';
import {
  type DeaData,
  type DeaFrame,
  frameOfUnits,
  type DeaOptions,
  type Rts,
  type UnitSolution,
  variableScales,
} from '../lib/analysis/dea/index.js';

export type ThreadRequest =
  | { readonly kind: 'frame'; readonly units: readonly number[]; readonly rts: Rts }
  | { readonly kind: 'survivors'; readonly candidates: readonly number[]; readonly tested: readonly number[]; readonly rts: Rts }
  | { readonly kind: 'solve'; readonly frame: DeaFrame; readonly units: readonly number[]; readonly options: DeaOptions };

export interface Solved {
  readonly frame: DeaFrame;
  readonly units: readonly UnitSolution[];
}

export class DeaThreads {
  private readonly workers: Worker[];
  private readonly data: DeaData;
  private readonly scales: Float64Array;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(data: DeaData, threads: number) {
    this.data = data;
    this.scales = variableScales(data);
    const entry = new URL('./dea-thread-worker.ts', import.meta.url);
    // Node 20 does not pass a parent's `--import tsx` on to a worker, so the
    // thread registers tsx itself before loading its TypeScript entry.
    const source =
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
      `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(source, { eval: true, workerData: { data, scales: this.scales } });
      worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
        const waiting = this.pending.get(id);
        this.pending.delete(id);
        if (error !== undefined) waiting?.reject(new Error(error));
        else waiting?.resolve(result);
      });
      worker.on('error', (e) => this.pending.forEach((p) => p.reject(e)));
      return worker;
    });
  }

  /** Units 0..n−1 dealt round-robin into one part per thread. */
  parts(): number[][] {
    const parts: number[][] = this.workers.map(() => []);
    for (let j = 0; j < this.data.inputs.length; j++) parts[j % parts.length].push(j);
    return parts;
  }

  /**
   * The frames of the parts (one per thread), as indices of units; their
   * union contains every extreme efficient unit (see `deaFrameAmong`).
   */
  async partFrames(rts: Rts): Promise<number[]> {
    const found = await Promise.all(
      this.parts().map((units, t) => this.request<number[]>(t, { kind: 'frame', units, rts })),
    );
    return found.flat();
  }

  /**
   * The frame among the union of the part frames: each thread tests its
   * share of the union against the whole union.
   */
  async merge(union: readonly number[], rts: Rts): Promise<DeaFrame> {
    const shares: number[][] = this.workers.map(() => []);
    union.forEach((j, i) => shares[i % shares.length].push(j));
    const kept = await Promise.all(
      shares.map((tested, t) => this.request<number[]>(t, { kind: 'survivors', candidates: union, tested, rts })),
    );
    return frameOfUnits(this.data, kept.flat(), rts, this.scales);
  }

  /** CCR and BCC together: both frames, then every unit against each. */
  async ccrAndBcc(options: DeaOptions): Promise<{ crs: Solved; vrs: Solved }> {
    const crsFrame = await this.merge(await this.partFrames('crs'), 'crs');
    const vrsFrame = await this.merge(await this.partFrames('vrs'), 'vrs');
    const crsUnits = this.solve(crsFrame, { ...options, rts: 'crs' });
    const vrsUnits = this.solve(vrsFrame, { ...options, rts: 'vrs' });
    return {
      crs: { frame: crsFrame, units: await crsUnits },
      vrs: { frame: vrsFrame, units: await vrsUnits },
    };
  }

  /**
   * Units split into one contiguous range per thread by the share of the
   * first input in all inputs, the first coordinate of the solver's warm
   * start grid: each thread then meets about its share of the grid's cells,
   * and solves only their centres, instead of nearly all of them.
   */
  spatialParts(): number[][] {
    const share = this.data.inputs.map((x) => x[0] / x.reduce((a, b) => a + b, 0));
    const order = share.map((_, j) => j).sort((a, b) => share[a] - share[b] || a - b);
    const size = Math.ceil(order.length / this.workers.length);
    return this.workers.map((_, t) => order.slice(t * size, (t + 1) * size));
  }

  /** Every unit against `frame`, the parts solved in parallel; results in unit order. */
  async solve(frame: DeaFrame, options: DeaOptions): Promise<UnitSolution[]> {
    const parts = this.spatialParts();
    const solved = await Promise.all(
      parts.map((units, t) => this.request<UnitSolution[]>(t, { kind: 'solve', frame, units, options })),
    );
    const out: UnitSolution[] = new Array(this.data.inputs.length);
    parts.forEach((units, t) => units.forEach((j, i) => (out[j] = solved[t][i])));
    return out;
  }

  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }

  private request<T>(thread: number, request: ThreadRequest): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[thread].postMessage({ id, request });
    });
  }
}
