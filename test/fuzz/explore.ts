/**
 * Runs many generated cases of one property outside the test runner and
 * tallies how they end, grouping defects by their first line:
 *
 *   node --import tsx test/fuzz/explore.ts numbers 2000 [seed]
 *
 * Prints one JSON line of counts, then each distinct defect with the
 * number of cases that showed it and the index of the first such case;
 * the first failing input of each kind is saved under
 * `out/fuzz/<property>/` for shrinking and for a regression fixture, and
 * the counts are appended to `out/fuzz/tally.jsonl`.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type FuzzCase, propertyCases } from './arbitraries/cases.js';
import { CaseRunner, judge } from './harness/index.js';

const [name = 'numbers', countText = '200', seedText = '1'] = process.argv.slice(2);
const arbitrary = propertyCases[name];
if (!arbitrary) throw new RangeError(`no property "${name}"; try ${Object.keys(propertyCases).join(', ')}`);

const cases: FuzzCase[] = fc.sample(arbitrary, { numRuns: Number(countText), seed: Number(seedText) });
const runner = new CaseRunner();
const tally: Record<string, number> = {};
/** First error code of each failed case: what the damage was reported as. */
const codes: Record<string, number> = {};
const defects = new Map<string, { count: number; first: number }>();
const saveDir = join('out', 'fuzz', name);
mkdirSync(saveDir, { recursive: true });

for (const [index, c] of cases.entries()) {
  const { report, dir, outDir } = await runner.run(c.input);
  tally[report.kind] = (tally[report.kind] ?? 0) + 1;
  if (report.kind === 'invalid-input') {
    const code = report.issues.find((i) => i.severity === 'error')?.code ?? 'none';
    codes[code] = (codes[code] ?? 0) + 1;
  }
  if (report.kind === 'invalid-model') {
    const problem = `model: ${(report.problems[0] ?? 'none').replace(/\d+/g, 'N').slice(0, 80)}`;
    codes[problem] = (codes[problem] ?? 0) + 1;
  }
  const found = judge(report, outDir, c.expect);
  if (found.length > 0) tally.defective = (tally.defective ?? 0) + 1;
  for (const defect of found) {
    const key = defect.split('\n')[0].replace(/\d+(\.\d+)?/g, 'N').slice(0, 200);
    const seen = defects.get(key);
    if (seen) {
      seen.count++;
      continue;
    }
    defects.set(key, { count: 1, first: index });
    const caseDir = join(saveDir, String(index));
    mkdirSync(caseDir, { recursive: true });
    for (const f of c.input.files) writeFileSync(join(caseDir, f.name), f.bytes);
    if (c.input.model) writeFileSync(join(caseDir, 'model.json'), c.input.model);
    writeFileSync(join(caseDir, 'defect.txt'), `${defect}\n`);
  }
  runner.discard(dir);
}
await runner.close();
const summary = JSON.stringify({ property: name, cases: cases.length, seed: Number(seedText), ...tally });
console.log(summary);
// Every exploration appends its counts, so the cases tried add up across runs.
appendFileSync(join('out', 'fuzz', 'tally.jsonl'), `${summary}\n`);
console.log(JSON.stringify({ firstErrorCodes: codes }));
for (const [key, { count, first }] of defects) console.log(`${count}\t#${first}\t${key}`);
