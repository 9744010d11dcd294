/**
 * One fuzz property as a vitest test: run every generated case through the
 * whole pipeline on the case worker and fail on the first case with a
 * defect, which fast-check then shrinks to a smallest failing input.
 */
import fc from 'fast-check';
import { afterAll, it } from 'vitest';
import { type FuzzCase, readable } from '../arbitraries/cases.js';
import { CaseRunner } from './case-runner.js';
import { judge } from './judge.js';
import { fuzzParameters, propertyTimeout } from './settings.js';

export function fuzzProperty(title: string, cases: fc.Arbitrary<FuzzCase>, ciRuns: number): void {
  const runner = new CaseRunner();
  const tally: Record<string, number> = { cases: 0 };
  afterAll(async () => {
    await runner.close();
    // One line per property, so a local run with SMARTCITY_FUZZ_RUNS can
    // be counted from the test output.
    console.info(`fuzz ${title}: ${JSON.stringify(tally)}`);
  });

  it(
    title,
    async () => {
      await fc.assert(
        fc.asyncProperty(cases.map(readable), async (c) => {
          const { report, dir, outDir } = await runner.run(c.input);
          tally.cases++;
          tally[report.kind] = (tally[report.kind] ?? 0) + 1;
          const defects = judge(report, outDir, c.expect);
          runner.discard(dir);
          if (defects.length > 0) throw new Error(defects.join('\n'));
        }),
        fuzzParameters(ciRuns),
      );
    },
    propertyTimeout(ciRuns),
  );
}
