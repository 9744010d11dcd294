/**
 * Factor analysis, reliability and CFA at the sizes the tool meets: the
 * source paper's 12 cities × 5 years (60 rows) and larger pooled panels, all
 * with 21 indicators in three subsystems (8, 9 and 4 indicators, as the
 * default model).
 *
 *   node --import tsx bench/factor.bench.ts [--rows 60,1000,20000]
 *
 * Rows are drawn from a seeded three-factor model (loadings 0.5–0.9, factor
 * correlations 0.3), so every run analyses the same numbers. Each timing is
 * the median of 5 runs after one warm-up run.
 */
import { confirmatoryFactorAnalysis } from '../lib/analysis/cfa/index.js';
import { principalComponents } from '../lib/analysis/factor/index.js';
import { cronbachAlpha } from '../lib/analysis/reliability/index.js';
import { mulberry32 } from '../scripts/synthetic-panel.js';

const SIZES = [8, 9, 4];
const SEED = 20_261_203;

/** Box–Muller normal draws from a seeded mulberry32 stream. */
function normals(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function panel(rows: number): number[][] {
  const draw = normals(SEED + rows);
  const loadings = SIZES.flatMap((size, f) => Array.from({ length: size }, (_, i) => ({ f, l: 0.5 + (0.4 * i) / size })));
  return Array.from({ length: rows }, () => {
    const common = draw();
    const factors = SIZES.map(() => Math.sqrt(0.3) * common + Math.sqrt(0.7) * draw());
    return loadings.map(({ f, l }) => l * factors[f] + Math.sqrt(1 - l * l) * draw());
  });
}

function median(work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2];
}

const arg = process.argv.indexOf('--rows');
const rowsList = arg > 0 ? process.argv[arg + 1].split(',').map(Number) : [60, 1000, 20000];
let start = 0;
const factors = SIZES.map((size, f) => {
  const indicators = Array.from({ length: size }, (_, i) => start + i);
  start += size;
  return { name: `S${f + 1}`, indicators };
});

console.log('rows   EFA (ms)   alpha (ms)   CFA (ms)   CFA iterations');
for (const rows of rowsList) {
  const x = panel(rows);
  const efa = median(() => principalComponents(x));
  const alpha = median(() => cronbachAlpha(x));
  let iterations = 0;
  const cfa = median(() => {
    iterations = confirmatoryFactorAnalysis(x, factors).iterations;
  });
  console.log(
    `${String(rows).padStart(5)}  ${efa.toFixed(1).padStart(9)}  ${alpha.toFixed(1).padStart(11)}  ${cfa.toFixed(1).padStart(9)}  ${String(iterations).padStart(15)}`,
  );
}
