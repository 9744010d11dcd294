/**
 * Ward clustering at scale: this project's nearest-neighbour chain beside
 * R's stats::hclust and fastcluster, on the same seeded rows.
 *
 *   node --import tsx bench/cluster.bench.ts [--sizes 2000,20000,50000] [--no-r]
 *
 * Every run happens in its own child process, so each peak memory figure
 * (peak resident set size, VmHWM) belongs to one algorithm alone; "before"
 * is the same process's peak after loading the data, so the difference is
 * what the algorithm itself needed. R runs in the same invocation:
 * fastcluster::hclust.vector(method = "ward"), which like ours keeps
 * centroids instead of a matrix, at every size; stats::hclust(dist(x),
 * "ward.D2") and fastcluster::hclust(dist(x), "ward.D2") only up to
 * MAX_R_MATRIX_ROWS rows, because dist() alone takes 8·n(n−1)/2 bytes
 * (10 GB at 50,000 rows). The partition at k = 3 and the largest height
 * difference against fastcluster are printed as a correctness check.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cutTree, hierarchicalClustering } from '../lib/analysis/cluster/index.js';
import { mulberry32 } from '../scripts/synthetic-panel.js';

const DEFAULT_SIZES = [2_000, 20_000, 50_000];
const FEATURES = 5;
const SEED = 20_261_203;
/** stats::hclust and fastcluster::hclust need dist(): 1.6 GB at 20,000 rows. */
const MAX_R_MATRIX_ROWS = 20_000;

interface RunResult {
  readonly seconds: number;
  readonly peakMb: number;
  readonly beforeMb: number;
  readonly heights: number[];
  readonly cut3: number[];
}


/** Rows from three Gaussian groups (Box–Muller), like units in three tiers. */
function seededRows(n: number): number[][] {
  const random = mulberry32(SEED + n);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: n }, (_, i) => {
    const group = i % 3;
    return Array.from({ length: FEATURES }, () => group * 2 + gaussian());
  });
}

function writeCsv(path: string, rows: readonly number[][]): void {
  writeFileSync(path, rows.map((r) => r.map((v) => v.toPrecision(17)).join(',')).join('\n'));
}

function readCsv(path: string): number[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => line.split(',').map(Number));
}

/** Peak resident set size of this process so far, in MB (Linux VmHWM). */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Child mode: cluster the CSV once and print the result as JSON. */
function runChild(file: string): void {
  const rows = readCsv(file);
  const beforeMb = peakRssMb();
  const start = performance.now();
  const tree = hierarchicalClustering(rows, { method: 'ward', standardize: false });
  const seconds = (performance.now() - start) / 1000;
  const result: RunResult = {
    seconds,
    peakMb: peakRssMb(),
    beforeMb,
    heights: tree.merges.map((m) => m.height),
    cut3: cutTree(tree.merges, 3),
  };
  process.stdout.write(JSON.stringify(result));
}

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages({ library(fastcluster); library(jsonlite) })
hwm <- function() {
  line <- grep("^VmHWM", readLines("/proc/self/status"), value = TRUE)
  as.numeric(gsub("[^0-9]", "", line)) / 1024
}
x <- as.matrix(read.csv(args[2], header = FALSE))
before <- hwm()
elapsed <- system.time({
  h <- switch(args[1],
    vector = fastcluster::hclust.vector(x, method = "ward"),
    fastcluster = fastcluster::hclust(dist(x), method = "ward.D2"),
    stats = stats::hclust(dist(x), method = "ward.D2"))
})[["elapsed"]]
cat(toJSON(list(seconds = elapsed, peakMb = hwm(), beforeMb = before,
  heights = h$height, cut3 = unname(cutree(h, 3))), digits = NA, auto_unbox = TRUE))
`;

function runProcess(command: string, args: readonly string[]): RunResult | string {
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (child.status !== 0) return (child.stderr || `exit ${child.status}`).trim().split('\n').slice(-1)[0];
  return JSON.parse(child.stdout) as RunResult;
}

function hasR(): boolean {
  try {
    execFileSync('Rscript', ['-e', 'library(fastcluster); library(jsonlite)'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function sameGrouping(a: readonly number[], b: readonly number[]): boolean {
  // Cluster numbers follow first appearance in both, so equal partitions
  // give equal arrays.
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function maxHeightGap(a: readonly number[], b: readonly number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.reduce((worst, h, i) => Math.max(worst, Math.abs(h - y[i])), 0);
}

function line(name: string, n: number, r: RunResult | string, ours?: RunResult): string {
  if (typeof r === 'string') return `${name.padEnd(34)} ${String(n).padStart(6)}  ${r}`;
  const check = ours
    ? `  same k=3 partition: ${sameGrouping(r.cut3, ours.cut3) ? 'yes' : 'NO'}, max |Δheight| ${maxHeightGap(r.heights, ours.heights).toExponential(1)}`
    : '';
  return `${name.padEnd(34)} ${String(n).padStart(6)} ${r.seconds.toFixed(2).padStart(9)} s ${r.peakMb.toFixed(0).padStart(7)} MB peak (${Math.max(0, r.peakMb - r.beforeMb).toFixed(0)} MB over data load)${check}`;
}

function main(): void {
  const sizesFlag = process.argv.indexOf('--sizes');
  const sizes = sizesFlag > 0 ? process.argv[sizesFlag + 1].split(',').map(Number) : DEFAULT_SIZES;
  const withR = !process.argv.includes('--no-r') && hasR();
  const dir = mkdtempSync(join(tmpdir(), 'cluster-bench-'));
  const script = join(dir, 'ward.R');
  writeFileSync(script, R_SCRIPT);
  const self = fileURLToPath(import.meta.url);

  console.log(`Ward clustering, ${FEATURES} features, seeded rows (seed ${SEED} + n); one process per run`);
  console.log(`${'algorithm'.padEnd(34)} ${'rows'.padStart(6)} ${'time'.padStart(11)} ${'memory'.padStart(10)}`);
  try {
    for (const n of sizes) {
      const file = join(dir, `rows-${n}.csv`);
      writeCsv(file, seededRows(n));
      const ours = runProcess(process.execPath, ['--import', 'tsx', self, '--child', file]);
      console.log(line('smartcity-eval NN-chain (ward)', n, ours));
      if (!withR) continue;
      const reference = typeof ours === 'string' ? undefined : ours;
      console.log(line('R fastcluster::hclust.vector', n, runProcess('Rscript', [script, 'vector', file]), reference));
      for (const [name, mode] of [
        ['R fastcluster::hclust(dist)', 'fastcluster'],
        ['R stats::hclust(dist)', 'stats'],
      ] as const) {
        const result =
          n <= MAX_R_MATRIX_ROWS
            ? runProcess('Rscript', [script, mode, file])
            : `not run: dist() alone needs ${((8 * n * (n - 1)) / 2 / 1e9).toFixed(1)} GB`;
        console.log(line(name, n, result, reference));
      }
    }
    if (!withR) console.log('R comparison skipped (--no-r, or Rscript with fastcluster and jsonlite not found)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childFlag = process.argv.indexOf('--child');
if (childFlag > 0) runChild(process.argv[childFlag + 1]);
else main();
