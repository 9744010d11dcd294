/**
 * Lambda bundles: builds every handler exactly as the stack bundles it
 * (lib/infra/bundling.ts) and prints each bundle's size and its cold import
 * time in a fresh Node.js process, the part of a Lambda cold start that is
 * ours. Reference in the same invocation: an empty Node.js start.
 *
 *   node --import tsx bench/bundles.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHandlerBundles } from '../lib/infra/bundling.js';
import { allHandlerNames, handlerEntry } from '../lib/infra/handlers.js';

const RUNS = 3;
const dir = mkdtempSync(join(tmpdir(), 'sce-bundles-'));
const names = allHandlerNames();
await buildHandlerBundles(dir, names, handlerEntry);

/** Median wall time of a fresh `node` running `code`, in ms. */
function medianMs(code: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      env: { PATH: process.env.PATH ?? '' },
    });
    if (child.status !== 0) throw new Error(String(child.stderr));
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const empty = medianMs('');
console.log(`reference: empty Node.js start ${empty.toFixed(0)} ms (median of ${RUNS})`);
console.log(`${'handler'.padEnd(14)} ${'bundle'.padStart(9)} ${'import'.padStart(9)}`);
for (const name of names) {
  const file = join(dir, name, 'index.mjs');
  const size = statSync(file).size / (1024 * 1024);
  const importMs = medianMs(`await import(${JSON.stringify(file)});`) - empty;
  console.log(`${name.padEnd(14)} ${size.toFixed(2).padStart(6)} MB ${importMs.toFixed(0).padStart(6)} ms`);
}
