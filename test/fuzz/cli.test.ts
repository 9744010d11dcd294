/**
 * The CLI as users run it, on damaged inputs: every run must end with exit
 * code 0 (results) or 2 (the input or model is not valid, with a message),
 * never 1, which the CLI keeps for internal errors, and never with a stack
 * trace on the terminal. Each case starts a new process, so CI runs few.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesCase, modelsCase, readable } from './arbitraries/cases.js';
import { CASE_TIME_BOUND_MS, fuzzParameters, MESSAGE_LIMIT, propertyTimeout } from './harness/index.js';

const CLI = 'dist/cli.mjs';
const CI_RUNS = 8;

beforeAll(() => {
  // CI builds dist/ on install (npm's prepare script); build when absent.
  if (!existsSync(CLI)) execFileSync('node', ['scripts/build.mjs']);
});

describe('smartcity-eval run on damaged inputs', () => {
  it(
    'smartcity-eval run(damaged data or model file) exits 0 or 2 with a message, never 1 or a stack trace',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'sce-fuzz-cli-'));
      let count = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(filesCase, modelsCase).map(readable), async (c) => {
          const dir = join(root, String(count++));
          mkdirSync(dir);
          const data = c.input.files.map((f) => {
            writeFileSync(join(dir, f.name), f.bytes);
            return join(dir, f.name);
          });
          const model = c.input.model ? ['--model', join(dir, 'model.json')] : [];
          if (c.input.model) writeFileSync(join(dir, 'model.json'), c.input.model);
          const child = spawnSync('node', [CLI, 'run', ...data, ...model, '--out', join(dir, 'out'), '--no-db', '-q'], {
            encoding: 'utf8',
            timeout: CASE_TIME_BOUND_MS,
            // Room to see an over-long message rather than a killed child.
            maxBuffer: 256 * 1024 * 1024,
          });
          rmSync(dir, { recursive: true, force: true });
          expect(child.signal, 'the run was stopped at the time bound').toBeNull();
          expect([0, 2], child.stderr).toContain(child.status);
          expect(child.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
          if (child.status === 2) expect(child.stderr.trim()).not.toBe('');
          expect(child.stderr.length, 'length of the error output').toBeLessThan(MESSAGE_LIMIT);
        }),
        fuzzParameters(CI_RUNS),
      );
      rmSync(root, { recursive: true, force: true });
    },
    propertyTimeout(CI_RUNS) * 3,
  );
});
