/**
 * The report step's own work on one results.json: rendering report.html
 * (renderReport), building results.csv (toResultsCsv) and serializing
 * results.json, each timed once, with the page's size and the process's
 * peak resident set size after all three.
 *
 *   node --import tsx bench/report.bench.ts [results.json …]
 *
 * Without arguments it reads the report's fixture (12 units × 5 years). To
 * measure a large panel, run the pipeline on a seeded synthetic one first:
 *
 *   node --import tsx -e "import('./scripts/synthetic-panel.ts').then(m => process.stdout.write(m.syntheticPanelCsv({ units: 1000, years: 10, seed: 7 })))" > /tmp/p1000.csv
 *   node scripts/build.mjs && node dist/cli.mjs run /tmp/p1000.csv --out /tmp/p1000 --no-db
 *   node --import tsx bench/report.bench.ts /tmp/p1000/results.json
 *
 * Each file is measured in its own child process, so one file's heap does
 * not inflate the next one's peak. Loading ECharts (about a second under
 * tsx, less from the built bundle) happens before the clock starts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHILD = '--child';

if (process.argv[2] === CHILD) {
  const file = process.argv[3] ?? '';
  const { renderReport, toResultsCsv } = await import('../lib/report/index.js');
  const results = JSON.parse(readFileSync(file, 'utf8'));
  const units = new Set(results.rows.map((r: { unit: string }) => r.unit)).size;
  let start = performance.now();
  const page = renderReport(results, { language: 'en' });
  const renderMs = performance.now() - start;
  start = performance.now();
  const csv = toResultsCsv(results);
  const csvMs = performance.now() - start;
  start = performance.now();
  const json = JSON.stringify(results);
  const jsonMs = performance.now() - start;
  const status = readFileSync('/proc/self/status', 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  process.stdout.write(
    JSON.stringify({
      file,
      units,
      rows: results.rows.length,
      renderMs: Math.round(renderMs),
      csvMs: Math.round(csvMs),
      jsonMs: Math.round(jsonMs),
      pageBytes: Buffer.byteLength(page),
      csvBytes: Buffer.byteLength(csv),
      jsonBytes: Buffer.byteLength(json),
      peakMb: Math.round(peakKb / 1024),
    }),
  );
} else {
  const files = process.argv.slice(2);
  const targets =
    files.length > 0
      ? files
      : [fileURLToPath(new URL('../test/fixtures/report/results.json', import.meta.url))];
  const self = fileURLToPath(import.meta.url);
  console.log('units\trows\trender ms\tcsv ms\tjson ms\tpage KB\tpeak MB\tfile');
  for (const file of targets) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, CHILD, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out);
    console.log(
      [
        r.units,
        r.rows,
        r.renderMs,
        r.csvMs,
        r.jsonMs,
        Math.round(r.pageBytes / 1024),
        r.peakMb,
        r.file,
      ].join('\t'),
    );
  }
}
