import { type Table, TableReadError, readTable } from '../../io/index.js';
import { defaultModel, parseModel } from '../../model/load-model.js';
import type { IndicatorModel } from '../../model/schema.js';
import { ArtifactNotFoundError, putJson } from '../../store/artifact-store.js';
import { timed, writeStepArtifact } from '../artifacts.js';
import { InvalidInputError, InvalidModelError } from '../errors.js';
import type { ValidationReport } from '../results.js';
import { sha256Hex } from '../run-id.js';
import type { StepContext, StepFunction, StepOutcome } from '../step.js';
import {
  IssueList,
  type MissingReport,
  type ObservedRow,
  assemblePanel,
  matchColumns,
  parseRow,
} from '../validate/index.js';
import type { Panel } from '../panel.js';

type FileEntry = ValidationReport['files'][number];

/** Rows between progress messages while a large file is read. */
const PROGRESS_EVERY = 100_000;

/**
 * The validate step: reads every input file, checks it against the model
 * and writes the clean panel the later steps use.
 *
 * Reads `ctx.inputs` from `ctx.inputStore` (CSV or .xlsx, one whole panel
 * or one file per year) and the model from `ctx.modelKey`, or the default
 * model. Always writes `keys.model` (the model with defaults applied) and
 * `keys.validation` (the {@link ValidationReport}); when there is no error
 * also `keys.panel` and the step artifact. With errors, it throws an
 * {@link InvalidInputError} carrying them after the report is written. A
 * model file that is absent or invalid throws {@link InvalidModelError}
 * before anything is written.
 */
export const validateStep: StepFunction = async (ctx) => {
  const model = await loadModel(ctx);
  const { value, ms } = await timed(() => validateInputs(ctx, model));
  const { report, panel } = value;

  await putJson(ctx.store, ctx.keys.model, model);
  await putJson(ctx.store, ctx.keys.validation, report);
  if (!report.valid || panel === undefined) throw new InvalidInputError(report.errors);

  await putJson(ctx.store, ctx.keys.panel, panel);
  const outcome = await writeStepArtifact(
    ctx,
    { step: 'validate', sections: {}, warnings: report.warnings, durationMs: ms },
    {
      units: report.units,
      years: report.years,
      rows: report.rows,
      warnings: report.warnings.length,
    },
  );
  return withKeys(outcome, [ctx.keys.model, ctx.keys.validation, ctx.keys.panel]);
};

async function loadModel(ctx: StepContext): Promise<IndicatorModel> {
  if (ctx.modelKey === undefined) return defaultModel();
  let bytes: Uint8Array;
  try {
    bytes = await ctx.inputStore.get(ctx.modelKey);
  } catch (error) {
    if (error instanceof ArtifactNotFoundError) {
      throw new InvalidModelError(ctx.modelKey, ['the model file does not exist']);
    }
    throw error;
  }
  return parseModel(new TextDecoder().decode(bytes), ctx.modelKey);
}

async function validateInputs(
  ctx: StepContext,
  model: IndicatorModel,
): Promise<{ report: ValidationReport; panel?: Panel }> {
  const issues = new IssueList();
  const files: FileEntry[] = [];
  const observed: ObservedRow[] = [];

  if (ctx.inputs.length === 0) {
    issues.add({ severity: 'error', code: 'no-input', message: 'no data file was given' });
  }
  for (const file of ctx.inputs) {
    files.push(await readFile(ctx, file, model, issues, observed));
  }

  let panel: Panel | undefined;
  let missing: MissingReport | undefined;
  if (issues.errorCount === 0) {
    const assembled = assemblePanel(observed, model);
    issues.addAll(assembled.issues);
    missing = assembled.missing;
    panel = issues.errorCount === 0 ? assembled.panel : undefined;
  }

  const units = panel?.units.length ?? new Set(observed.map((r) => r.unit)).size;
  const years = panel?.years.length ?? new Set(observed.map((r) => r.year)).size;
  const report: ValidationReport = {
    valid: panel !== undefined,
    files,
    errors: issues.errors,
    warnings: issues.warnings,
    units,
    years,
    rows: panel?.rows.length ?? observed.length,
    indicators: model.indicators.length,
    ...(missing !== undefined ? { missing } : {}),
  };
  return panel !== undefined ? { report, panel } : { report };
}

/**
 * Reads one file into `observed`, adding its findings to `issues`. A file
 * that cannot be read at all gives one error and no rows.
 */
async function readFile(
  ctx: StepContext,
  file: string,
  model: IndicatorModel,
  issues: IssueList,
  observed: ObservedRow[],
): Promise<FileEntry> {
  let bytes: Uint8Array;
  try {
    bytes = await ctx.inputStore.get(file);
  } catch (error) {
    if (!(error instanceof ArtifactNotFoundError)) throw error;
    issues.add({
      severity: 'error', code: 'file-not-found', file, message: 'the file does not exist',
    });
    return { file, sha256: '', rows: 0 };
  }
  const entry = { file, sha256: sha256Hex(bytes) };

  let table: Table | undefined;
  let rows = 0;
  try {
    table = await readTable(bytes, file);
    const matched = matchColumns(table.header, model, file, table.headerRow);
    const { columns } = matched;
    issues.addAll(matched.issues);
    for await (const row of table.rows) {
      rows++;
      if (rows % PROGRESS_EVERY === 0) {
        ctx.progress?.(`${file}: ${rows.toLocaleString('en-US')} rows read`);
      }
      if (!columns.usable) continue;
      const parsed = parseRow(row, columns, model);
      issues.addAll(parsed.issues);
      if (parsed.observed) observed.push(parsed.observed);
    }
    if (rows === 0) {
      issues.add({
        severity: 'error', code: 'no-data-rows', file, row: table.headerRow + 1,
        message: 'the file has a header row but no data rows',
      });
    }
  } catch (error) {
    if (!(error instanceof TableReadError)) throw error;
    issues.add({
      severity: 'error', code: error.code, file,
      ...(error.row !== undefined ? { row: error.row } : {}),
      message: error.message,
    });
  }
  return {
    ...entry,
    rows,
    ...(table?.encoding !== undefined ? { encoding: table.encoding } : {}),
    ...(table?.sheet !== undefined ? { encoding: `xlsx, sheet "${table.sheet}"` } : {}),
  };
}

function withKeys(outcome: StepOutcome, keys: readonly string[]): StepOutcome {
  return { ...outcome, keys: [...keys, ...outcome.keys] };
}
