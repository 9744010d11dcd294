/**
 * Benchmark of reading and validating input files: the validate step on
 * seeded synthetic panels of the default model (23 columns) as UTF-8 CSV,
 * GBK CSV and .xlsx. Each run happens in a fresh process, which prints its
 * wall time and peak resident memory (`process.resourceUsage().maxRSS`).
 * Baselines on the same bytes, also each in a fresh process: csv-parse's
 * synchronous parser alone (parse into one array, no checks), the floor
 * for any CSV validation built on it; and, when R is installed, `read.csv`.
 *
 *   node --import tsx bench/validate.bench.ts            # all sizes
 *   node --import tsx bench/validate.bench.ts --quick    # the smallest only
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { artifactKeys } from '../lib/pipeline/keys.js';
import { validateStep } from '../lib/pipeline/steps/validate.js';
import { FolderStore } from '../lib/store/folder-store.js';
import { syntheticPanelCsv } from '../scripts/synthetic-panel.js';

interface Measure {
  readonly ms: number;
  readonly peakMb: number;
}

/** Child mode: one measured run, printed as JSON. */
async function measureOne(mode: string, path: string): Promise<void> {
  const start = performance.now();
  if (mode === 'validate') {
    await validateStep({
      runId: 'bench',
      store: new FolderStore(mkdtempSync(join(tmpdir(), 'sce-validate-run-'))),
      keys: artifactKeys('bench'),
      inputStore: new FolderStore(dirname(path)),
      inputs: [basename(path)],
    });
  } else {
    parse(readFileSync(path), { relax_column_count: true });
  }
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

function spawnMeasure(mode: string, path: string): Measure {
  const self = new URL(import.meta.url).pathname;
  const child = spawnSync('node', ['--import', 'tsx', self, '--one', mode, path], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${mode} ${path} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measure;
}

function rReadCsvMs(path: string): number | undefined {
  const script = `t <- system.time(x <- read.csv("${path}"))[["elapsed"]]; cat(t * 1000)`;
  const child = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
  return child.status === 0 ? Number(child.stdout) : undefined;
}

async function writeXlsx(csv: string, path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  const lines = csv.trim().split('\n');
  sheet.addRow(lines[0].split(','));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    sheet.addRow([cells[0], ...cells.slice(1).map(Number)]);
  }
  await workbook.xlsx.writeFile(path);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? [10_000] : [10_000, 100_000, 300_000];
  const work = mkdtempSync(join(tmpdir(), 'sce-validate-bench-'));
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

  console.log('rows\tinput\tMiB\tms\tMiB/s\tpeak RSS MiB');
  for (const rows of sizes) {
    const csv = syntheticPanelCsv({ units: rows / 10, years: 10, seed: 7 });
    const utf8 = join(work, `panel-${rows}.csv`);
    const gbk = join(work, `panel-${rows}-gbk.csv`);
    writeFileSync(utf8, csv);
    writeFileSync(gbk, iconv.encode(csv.replace(/^unit,year/, '城市,年份'), 'gbk'));
    const runs: [string, string, string][] = [
      ['validate, CSV UTF-8', 'validate', utf8],
      ['validate, CSV GBK', 'validate', gbk],
      ['csv-parse sync only', 'parse', utf8],
    ];
    if (rows <= 100_000) {
      const xlsx = join(work, `panel-${rows}.xlsx`);
      await writeXlsx(csv, xlsx);
      runs.push(['validate, xlsx', 'validate', xlsx]);
    }
    for (const [label, mode, path] of runs) {
      const { ms, peakMb } = spawnMeasure(mode, path);
      const bytes = readFileSync(path).length;
      console.log([rows, label, mib(bytes), ms.toFixed(0), (bytes / 2 ** 20 / (ms / 1000)).toFixed(1), peakMb.toFixed(0)].join('\t'));
    }
    const rMs = rReadCsvMs(utf8);
    if (rMs !== undefined) console.log([rows, 'R read.csv', mib(csv.length), rMs.toFixed(0), '', ''].join('\t'));
  }
}

const one = process.argv.indexOf('--one');
if (one >= 0) await measureOne(process.argv[one + 1], process.argv[one + 2]);
else await main();
