import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runPipeline } from '../../lib/pipeline/local-runner.js';
import type { Results } from '../../lib/pipeline/results.js';

/** The bundled sample: 12 synthetic cities × 5 years × 21 indicators. */
export const SAMPLE_PANEL = resolve('examples/sample-cities/panel.csv');

export interface PipelineReport {
  readonly reportPath: string;
  readonly results: Results;
}

/**
 * Runs the whole pipeline on a data file with the default model, as the
 * CLI does, into a fresh temporary folder, and returns the report.html and
 * results.json it wrote.
 */
export async function runSample(
  file: string,
  language: 'en' | 'zh' = 'en',
): Promise<PipelineReport> {
  const outDir = mkdtempSync(join(tmpdir(), 'report-run-'));
  const run = await runPipeline({ files: [file], outDir, database: false, language });
  if (run.status !== 'SUCCEEDED') {
    throw new Error(`pipeline run on ${file} ${run.status}: ${run.error?.message ?? 'no message'}`);
  }
  return {
    reportPath: join(outDir, 'report.html'),
    results: JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Results,
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
