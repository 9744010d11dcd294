import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { artifactKeys } from '../../lib/pipeline/keys.js';
import type { Results } from '../../lib/pipeline/results.js';
import type { StepContext, StepFunction } from '../../lib/pipeline/step.js';
import { clusterStep } from '../../lib/pipeline/steps/cluster.js';
import { couplingStep } from '../../lib/pipeline/steps/coupling.js';
import { normalizeStep } from '../../lib/pipeline/steps/normalize.js';
import { reportStep } from '../../lib/pipeline/steps/report.js';
import { validateStep } from '../../lib/pipeline/steps/validate.js';
import { FileSetStore } from '../../lib/store/file-set-store.js';
import { FolderStore } from '../../lib/store/folder-store.js';

/** The bundled sample: 12 synthetic cities × 5 years × 21 indicators. */
export const SAMPLE_PANEL = resolve('examples/sample-cities/panel.csv');

export interface PipelineReport {
  readonly reportPath: string;
  readonly results: Results;
}

/**
 * Runs the pipeline's steps on a data file with the default model, on a
 * folder store, and returns the report the report step wrote. The steps run
 * in the step list's order; the factor and DEA steps are not in this list,
 * so their sections say they were not part of the run.
 */
export async function runSteps(file: string, language: 'en' | 'zh' = 'en'): Promise<PipelineReport> {
  const dir = mkdtempSync(join(tmpdir(), 'report-run-'));
  const ctx: StepContext = {
    runId: 'report-browser-test',
    store: new FolderStore(dir),
    keys: artifactKeys('report-browser-test'),
    inputStore: new FileSetStore([file]),
    inputs: [file],
    facts: { dataset: 'sample-cities', startedAt: '2026-12-03T13:00:00.000Z', softwareVersion: '0.1.0', language },
  };
  const steps: readonly StepFunction[] = [validateStep, normalizeStep, couplingStep, clusterStep, reportStep];
  for (const step of steps) await step(ctx);
  return {
    reportPath: join(dir, ctx.keys.report),
    results: JSON.parse(readFileSync(join(dir, ctx.keys.resultsJson), 'utf8')) as Results,
  };
}

/** RFC 4180 quoting for writing a test data file. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The sample with its first cities renamed to the given names, written as
 * a CSV file in a fresh temporary folder.
 */
export function renamedSample(names: readonly string[]): string {
  const lines = readFileSync(SAMPLE_PANEL, 'utf8').split(/\r?\n/);
  const rename = new Map(names.map((name, i) => [`City${i + 1}`, name]));
  const out = lines.map((line) => {
    const comma = line.indexOf(',');
    const unit = line.slice(0, comma);
    const name = rename.get(unit);
    return name === undefined ? line : `${quote(name)}${line.slice(comma)}`;
  });
  const path = join(mkdtempSync(join(tmpdir(), 'report-hostile-')), 'hostile-panel.csv');
  writeFileSync(path, out.join('\n'));
  return path;
}
