/**
 * One pipeline run in a fresh process, for the whole-pipeline benchmark:
 * prints the step timings and the process's peak resident memory as JSON.
 *
 *   node --import tsx bench/run-once.ts <panel.csv> <outDir>
 */
import { runPipeline } from '../lib/pipeline/local-runner.js';

const [file, outDir] = process.argv.slice(2);
const start = performance.now();
const result = await runPipeline({ files: [file], outDir, database: false });
const totalMs = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({
    status: result.status,
    error: result.error?.message,
    timings: result.timings,
    totalMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
