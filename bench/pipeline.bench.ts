/**
 * Whole-pipeline benchmark. Generates seeded synthetic panels of the default
 * model and runs the pipeline on each in a fresh process, printing wall time
 * per step and in total, and peak memory. Reference runs in the same
 * invocation: an empty Node.js start (the floor under any CLI run), and R
 * (when installed) computing entropy weights, principal components with
 * varimax, Ward clustering and OLS on the same file.
 *
 *   npm run bench                 # all sizes
 *   npm run bench -- --quick      # the source-sized panel only
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STEPS } from '../lib/pipeline/step-list.js';
import { syntheticPanelCsv } from '../scripts/synthetic-panel.js';

const quick = process.argv.includes('--quick');
const sizes = quick
  ? [{ units: 12, years: 5 }]
  : [
      { units: 12, years: 5 },
      { units: 1000, years: 10 },
      { units: 5000, years: 10 },
    ];
const work = mkdtempSync(join(tmpdir(), 'sce-bench-'));

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });

function wallMs(command: string, args: string[]): { ms: number; ok: boolean; out: string } {
  const start = performance.now();
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: performance.now() - start, ok: child.status === 0, out: child.stdout + child.stderr };
}

/** Peak RSS in MB of a command, from GNU time. */
function peakMb(command: string, args: string[]): number | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const child = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8' });
  const kb = Number(child.stderr.trim().split('\n').at(-1));
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

const nodeStart = wallMs('node', ['-e', '']);
console.log(`reference: empty Node.js start ${nodeStart.ms.toFixed(0)} ms`);
const hasR = spawnSync('Rscript', ['--version']).status === 0;

for (const { units, years } of sizes) {
  const label = `${units} × 21 × ${years}`;
  const file = join(work, `panel-${units}x${years}.csv`);
  writeFileSync(file, syntheticPanelCsv({ units, years, seed: 7 }));
  console.log(`\n== ${label} (${units * years} rows) ==`);

  const cliArgs = ['dist/cli.mjs', 'run', file, '--out', join(work, `cli-${units}`), '--no-db', '-q'];
  const cli = wallMs('node', cliArgs);
  const cliPeak = peakMb('node', cliArgs);
  console.log(
    `CLI end to end, Node start included: ${(cli.ms / 1000).toFixed(2)} s` +
      (cliPeak !== undefined ? `, peak ${cliPeak.toFixed(0)} MB` : '') +
      (cli.ok ? '' : `  (FAILED: ${cli.out.trim().split('\n').at(-1)})`),
  );

  const once = spawnSync('node', ['--import', 'tsx', 'bench/run-once.ts', file, join(work, `run-${units}`)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const line = once.stdout.trim().split('\n').at(-1) ?? '';
  if (!line.startsWith('{')) {
    const why = once.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
    console.log(`  in-process run failed (exit ${once.status}): ${why}`);
    continue;
  }
  const run = JSON.parse(line) as {
    status?: string;
    timings?: Record<string, number>;
    totalMs?: number;
    peakRssMb?: number;
  };
  for (const step of STEPS) {
    const ms = run.timings?.[step.name];
    if (ms !== undefined) console.log(`  ${step.name.padEnd(10)} ${ms.toFixed(0).padStart(8)} ms`);
  }
  console.log(
    `  ${'total'.padEnd(10)} ${(run.totalMs ?? NaN).toFixed(0).padStart(8)} ms in process, ` +
      `peak ${(run.peakRssMb ?? NaN).toFixed(0)} MB, status ${run.status}`,
  );

  if (hasR) {
    const r = wallMs('Rscript', ['bench/reference-pipeline.R', file]);
    console.log(`reference: R (entropy, principal+varimax, Ward, lm) ${(r.ms / 1000).toFixed(2)} s${r.ok ? '' : ' (failed)'}`);
  }
}
