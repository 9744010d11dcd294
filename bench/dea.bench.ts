/**
 * DEA benchmark: CCR input-oriented (3 inputs, 2 outputs) on seeded
 * synthetic data at n = 1,000, 5,000, 20,000 and 100,000, our solver
 * against a generic-LP baseline (scipy's HiGHS, one LP per unit, the way
 * DEA packages solve it) on the same data in the same run; then CCR and
 * BCC together at n = 100,000, on one thread and on one worker thread per
 * core (at least two; see `dea-threads.ts`).
 *
 * Run: node --import tsx bench/dea.bench.ts [--no-baseline] [--baseline-max N]
 *        [--sizes 1000,5000]   (the CCR + BCC line runs when 100000 is among them)
 *
 * Data: inputs uniform on [10, 100]; two Cobb–Douglas outputs with
 * decreasing returns (exponent sums 0.75 and 0.8) times exp(−u), u
 * half-normal with σ = 0.3, so there is a real frontier and real
 * inefficiency. The baseline runs in a python3 subprocess; only its LP loop
 * is timed (interpreter start and data transfer excluded), and its scores
 * are compared with ours as a check. Above 1,000 units it solves a seeded
 * sample of 500 units' LPs (each still against all n units) and scales the
 * time up to n, which the table marks "est."; above --baseline-max (5,000
 * by default) it is not run. Our times are the best of three runs after a
 * warm-up, so they exclude JIT compilation.
 */
import { spawnSync } from 'node:child_process';
import { dea, type DeaData } from '../lib/analysis/dea/index.js';
import { availableParallelism } from 'node:os';
import { mulberry32 } from '../scripts/synthetic-panel.js';
import { DeaThreads } from './dea-threads.js';

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] ?? '' : '1000,5000,20000,100000';
const SIZES = sizesArg.split(',').map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 2)) {
  throw new RangeError(`--sizes wants unit counts of at least 2, separated by commas (got "${sizesArg}")`);
}
const runBaseline = !args.includes('--no-baseline');
const baselineMax = Number(args[args.indexOf('--baseline-max') + 1] ?? 5000) || 5000;

function synthetic(n: number, seed = 20240601): DeaData {
  const rand = mulberry32(seed + n);
  const halfNormal = (sigma: number) => {
    const u1 = Math.max(rand(), 1e-12);
    const u2 = rand();
    return Math.abs(sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
  };
  const inputs: number[][] = [];
  const outputs: number[][] = [];
  for (let j = 0; j < n; j++) {
    const x = [10 + 90 * rand(), 10 + 90 * rand(), 10 + 90 * rand()];
    const y1 = x[0] ** 0.3 * x[1] ** 0.25 * x[2] ** 0.2 * Math.exp(-halfNormal(0.3));
    const y2 = x[0] ** 0.2 * x[1] ** 0.3 * x[2] ** 0.3 * Math.exp(-halfNormal(0.3));
    inputs.push(x);
    outputs.push([y1, y2]);
  }
  return { inputs, outputs };
}

const BASELINE = `
import json, sys, time
import numpy as np
from scipy.optimize import linprog
d = json.load(sys.stdin)
X = np.array(d["inputs"]); Y = np.array(d["outputs"])
n, m = X.shape; s = Y.shape[1]
A = np.zeros((m + s, n + 1)); b = np.zeros(m + s)
A[:m, 1:] = X.T; A[m:, 1:] = -Y.T
c = np.zeros(n + 1); c[0] = 1.0
out = []
t0 = time.perf_counter()
for o in d["units"]:
    A[:m, 0] = -X[o]; b[m:] = -Y[o]
    r = linprog(c, A_ub=A, b_ub=b, bounds=[(0, None)] * (n + 1), method="highs")
    out.append(r.x[0])
print(json.dumps({"seconds": time.perf_counter() - t0, "radial": out}))
`;

const SAMPLE = 500;

/** The units whose LPs the baseline solves: all of them, or a seeded sample. */
function baselineUnits(n: number): number[] {
  const all = Array.from({ length: n }, (_, j) => j);
  if (n <= 1000) return all;
  const rand = mulberry32(7);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, SAMPLE).sort((a, b) => a - b);
}

function baseline(data: DeaData, units: readonly number[]): { seconds: number; radial: number[] } | string {
  const run = spawnSync('python3', ['-c', BASELINE], {
    input: JSON.stringify({ ...data, units }),
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  if (run.status !== 0) return `failed: ${run.stderr.split('\n').slice(-2).join(' ')}`;
  return JSON.parse(run.stdout);
}

function time<T>(work: () => T, repeat = 1): { value: T; seconds: number } {
  let best = Infinity;
  let value = work();
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    value = work();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { value, seconds: best };
}

async function timeAsync<T>(work: () => Promise<T>, repeat = 2): Promise<{ value: T; seconds: number }> {
  let best = Infinity;
  let value = await work();
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    value = await work();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { value, seconds: best };
}

const fmt = (s: number) => (s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);

console.log('CCR, input orientation, 3 inputs, 2 outputs (seeded synthetic data)\n');
const load = (await import('node:os')).loadavg()[0];
console.log(`machine: ${(await import('node:os')).availableParallelism()} cores, load average ${load.toFixed(1)} at start\n`);
console.log('      n | frame | ours: scores | ours: + slacks, peers | HiGHS one LP per unit | speed-up | max |Δθ|');
console.log('--------+-------+--------------+-----------------------+-----------------------+----------+---------');
for (const n of SIZES) {
  const data = synthetic(n);
  const repeat = n <= 20_000 ? 3 : 1;
  const scores = time(() => dea(data, { rts: 'crs', slacks: false, peers: false }), repeat);
  const full = time(() => dea(data, { rts: 'crs' }), repeat);
  let base = runBaseline ? 'skipped (too slow)' : 'not run';
  let speedup = '';
  let delta = '';
  if (runBaseline && n <= baselineMax) {
    const units = baselineUnits(n);
    const ref = baseline(data, units);
    if (typeof ref === 'string') base = ref;
    else {
      const seconds = (ref.seconds * n) / units.length;
      base = units.length < n ? `${fmt(seconds)} est.` : fmt(seconds);
      speedup = `${Math.round(seconds / scores.seconds)}×`;
      let worst = 0;
      ref.radial.forEach((r, i) => (worst = Math.max(worst, Math.abs(r - scores.value.units[units[i]].radial))));
      delta = worst.toExponential(1);
    }
  }
  console.log(
    `${String(n).padStart(7)} | ${String(scores.value.frame.length).padStart(5)} | ${fmt(scores.seconds).padStart(12)} | ${fmt(full.seconds).padStart(21)} | ${base.padStart(21)} | ${speedup.padStart(8)} | ${delta}`,
  );
}

if (!SIZES.includes(100_000)) process.exit(0);
const big = synthetic(100_000);
const both = time(() => {
  const crs = dea(big, { rts: 'crs', slacks: false, peers: false });
  const vrs = dea(big, { rts: 'vrs', slacks: false, peers: false });
  return { crs, vrs };
});
const bothFull = time(() => {
  dea(big, { rts: 'crs' });
  dea(big, { rts: 'vrs' });
});
console.log(
  `\nn = 100,000, CCR and BCC together, one thread: ${fmt(both.seconds)} for scores ` +
    `(frames ${both.value.crs.frame.length} and ${both.value.vrs.frame.length}), ` +
    `${fmt(bothFull.seconds)} with slacks and peers`,
);

// The same on one worker thread per core: each thread searches the frames
// of its part of the units, the threads test the union of those frames
// against itself, then each solves its share of the units. Threads are
// started and warmed up before timing; the data is sent to them once.
const threads = Math.max(2, availableParallelism());
const pool = new DeaThreads(big, threads);
try {
  const scoresOnly = { slacks: false, peers: false };
  const parallel = await timeAsync(() => pool.ccrAndBcc(scoresOnly));
  const parallelFull = await timeAsync(() => pool.ccrAndBcc({}));
  let worst = 0;
  parallel.value.crs.units.forEach((u, j) => (worst = Math.max(worst, Math.abs(u.radial - both.value.crs.units[j].radial))));
  parallel.value.vrs.units.forEach((u, j) => (worst = Math.max(worst, Math.abs(u.radial - both.value.vrs.units[j].radial))));
  console.log(
    `n = 100,000, CCR and BCC together, ${threads} worker threads: ${fmt(parallel.seconds)} for scores ` +
      `(frames ${parallel.value.crs.frame.units.length} and ${parallel.value.vrs.frame.units.length}; ` +
      `max |Δθ| against one thread ${worst.toExponential(1)}), ${fmt(parallelFull.seconds)} with slacks and peers`,
  );
} finally {
  await pool.close();
}
