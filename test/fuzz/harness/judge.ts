/**
 * The verdict on one fuzz case: a list of defects, empty when the run ended
 * the way the pipeline promises. The promises checked:
 *
 * - no crash: the run ends SUCCEEDED, or FAILED with an InvalidInputError
 *   or InvalidModelError; any other exception is a defect;
 * - no hang: the run ends within the case time bound;
 * - no lasting side effect: the run adds nothing to Object.prototype,
 *   Array.prototype, Function.prototype, Object or the functions on
 *   Object.prototype;
 * - no silent null: no NaN or ±Infinity reaches JSON.stringify anywhere in
 *   the run (artifacts, results, report data); an undefined statistic must
 *   be written as an explicit null where the results schema allows one;
 * - a success writes results.json that parses, follows the published
 *   results schema, has one row per panel row, and a report beside it
 *   that shows markup from the input as text, never as markup;
 * - a failure explains itself: at least one error, each with a code and a
 *   message, and where the defect is in a cell, an error naming the row
 *   and the column.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsSchema } from '../../../lib/pipeline/results-schema.js';
import type { CaseReport } from './case-report.js';

export interface Expectation {
  /**
   * The input's defects are all in cells: a failure must name a row and a
   * column in at least one of its errors.
   */
  readonly cellDefects?: boolean;
}

/**
 * Verdicts about the whole file or panel that a planted cell can cause
 * without being named: a NUL byte makes the file binary, bytes no encoding
 * reads make it undecodable (both name the row), and under the policy
 * drop-unit a missing cell in every unit leaves no unit at all.
 */
const WHOLE_FILE_VERDICTS = new Set(['binary-file', 'undecodable-bytes', 'no-units-left']);

/**
 * Markup the generators put into unit names and headers; the report must
 * show it as text, so it may never appear in report.html verbatim.
 */
const INJECTED_MARKUP = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>'];

/**
 * Longest error message a person can be expected to read: an error with
 * thousands of problems must summarize them (the full list stays in the
 * error's data), not print megabytes to a terminal or a log line.
 */
export const MESSAGE_LIMIT = 20_000;

const GARBLED = /\[object Object\]|^undefined$/;

export function judge(report: CaseReport, outDir: string, expect: Expectation = {}): string[] {
  const defects = report.leaks.map(
    (leak) => `non-finite number ${leak.value} serialized as null at ${leak.path}`,
  );
  for (const added of report.pollution ?? []) {
    defects.push(`the run added ${added}, which every later run in the process inherits`);
  }
  switch (report.kind) {
    case 'timeout':
      return [...defects, `hang: no result within ${Math.round(report.ms)} ms`];
    case 'thrown':
      return [
        ...defects,
        `crash: ${report.name}: ${report.message}\n${report.stack.split('\n').slice(1, 6).join('\n')}`,
      ];
    case 'succeeded':
      return [...defects, ...judgeResults(outDir)];
    case 'invalid-model':
      if (report.message.length > MESSAGE_LIMIT) {
        defects.push(`model error message of ${report.message.length} characters (${report.problems.length} problems)`);
      }
      if (report.problems.length === 0) defects.push('model error lists no problem');
      for (const p of report.problems) {
        if (p.trim() === '' || GARBLED.test(p)) defects.push(`unclear model problem: ${p}`);
      }
      return defects;
    case 'invalid-input': {
      const errors = report.issues.filter((i) => i.severity === 'error');
      if (errors.length === 0) defects.push('input error lists no error');
      if (report.message.length > MESSAGE_LIMIT) {
        defects.push(`input error message of ${report.message.length} characters (${errors.length} errors)`);
      }
      for (const issue of report.issues) {
        if (!issue.code || issue.message.trim() === '' || GARBLED.test(issue.message)) {
          defects.push(`unclear issue: ${JSON.stringify(issue)}`);
        }
        if (issue.row !== undefined && !(Number.isInteger(issue.row) && issue.row >= 1)) {
          defects.push(`issue with an impossible row: ${JSON.stringify(issue)}`);
        }
      }
      const located = errors.some((e) => e.row !== undefined && e.column !== undefined);
      const wholeFile = errors.length > 0 && errors.every((e) => WHOLE_FILE_VERDICTS.has(e.code));
      if (expect.cellDefects && !located && !wholeFile) {
        defects.push(
          `cell defects but no error names a row and a column: ${errors.map((e) => e.code).join(', ')}`,
        );
      }
      return defects;
    }
  }
}

/**
 * Rounding allowed past the ends of a range the schema documents, such as
 * a normalized value in [0, 1]: a few units in the last place.
 */
const RANGE_SLACK = 1e-12;

interface RangedResults {
  rows?: {
    unit: string;
    year: number;
    normalized?: Record<string, number>;
    subsystemIndex?: Record<string, number>;
    coupling?: { C: number; T: number; D: number };
    efficiency?: { crs: number | null; vrs: number | null; scale: number | null };
  }[];
  weights?: { global?: Record<string, number> };
}

/**
 * The ranges results.schema.json documents: normalized values, subsystem
 * indices and C, T, D in [0, 1]; DEA efficiencies in (0, 1]; entropy
 * weights in [0, 1] adding up to 1.
 */
function rangeDefects(results: RangedResults): string[] {
  const defects: string[] = [];
  const check = (where: string, v: unknown, lo: number, hi: number, openLow = false) => {
    if (v === null || v === undefined) return;
    const ok = typeof v === 'number' && (openLow ? v > lo : v >= lo - RANGE_SLACK) && v <= hi + RANGE_SLACK;
    if (!ok && defects.length < 5) defects.push(`${where} = ${String(v)} is outside [${lo}, ${hi}]`);
  };
  for (const row of results.rows ?? []) {
    const at = `row ${row.unit} ${row.year}`;
    for (const [id, v] of Object.entries(row.normalized ?? {})) check(`${at} normalized.${id}`, v, 0, 1);
    for (const [id, v] of Object.entries(row.subsystemIndex ?? {})) check(`${at} subsystemIndex.${id}`, v, 0, 1);
    for (const key of ['C', 'T', 'D'] as const) check(`${at} coupling.${key}`, row.coupling?.[key], 0, 1);
    for (const key of ['crs', 'vrs', 'scale'] as const) {
      check(`${at} efficiency.${key}`, row.efficiency?.[key], 0, 1, true);
    }
  }
  const weights = Object.values(results.weights?.global ?? {});
  weights.forEach((w, i) => check(`weights.global[${i}]`, w, 0, 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length > 0 && Math.abs(sum - 1) > 1e-9) defects.push(`entropy weights add up to ${sum}, not 1`);
  return defects;
}

function judgeResults(outDir: string): string[] {
  const file = join(outDir, 'results.json');
  if (!existsSync(file)) return ['SUCCEEDED without results.json'];
  let results: {
    rows?: unknown[];
    validation?: { rows?: number };
    steps?: Record<string, { status: string; reason?: string }>;
  };
  try {
    results = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [`results.json does not parse: ${(error as Error).message}`];
  }
  const defects: string[] = [];
  const parsed = resultsSchema.safeParse(results);
  for (const issue of parsed.error?.issues.slice(0, 5) ?? []) {
    defects.push(`results.json breaks its schema at ${issue.path.join('.')}: ${issue.message}`);
  }
  if (results.rows?.length !== results.validation?.rows) {
    defects.push(`results.json has ${results.rows?.length} rows for ${results.validation?.rows} panel rows`);
  }
  defects.push(...rangeDefects(results as RangedResults));
  for (const [step, status] of Object.entries(results.steps ?? {})) {
    if (status.status === 'skipped' && !status.reason?.trim()) {
      defects.push(`step ${step} skipped without a reason`);
    }
  }
  const report = join(outDir, 'report.html');
  if (!existsSync(report)) return [...defects, 'SUCCEEDED without report.html'];
  const html = readFileSync(report, 'utf8');
  for (const markup of INJECTED_MARKUP) {
    if (html.includes(markup)) defects.push(`report.html holds the input's markup unescaped: ${markup}`);
  }
  return defects;
}
