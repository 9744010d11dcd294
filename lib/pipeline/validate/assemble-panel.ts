import type { IndicatorModel } from '../../model/schema.js';
import type { InputIssue } from '../issues.js';
import { type Panel, type PanelRow, rowKey } from '../panel.js';
import type { ValidationReport } from '../results.js';
import { interpolateSeries } from './interpolate-series.js';
import type { ObservedRow } from './parse-row.js';
import { checkSampleSize } from './sample-size.js';

export type MissingReport = NonNullable<ValidationReport['missing']>;

export interface AssembledPanel {
  /** The clean panel; absent when an error was found. */
  readonly panel?: Panel;
  readonly issues: InputIssue[];
  readonly missing: MissingReport;
}

/**
 * Joins the rows read from every file into one panel and runs the checks
 * that need all rows at once.
 *
 * 1. A unit and year given twice is an error at the later row, naming the
 *    first (`duplicate-row`); the first row is kept for the later checks.
 * 2. Missing cells follow `model.analysis.missing`: `fail` (the cells were
 *    already reported by parseRow), `interpolate` ({@link interpolateSeries}
 *    within each unit across its years; a unit with no value at all for an
 *    indicator is an error), or `drop-unit` (every unit with a missing cell
 *    is removed and named in a warning; none left is an error).
 * 3. Warnings on the panel that results: constant indicators, an unbalanced
 *    panel (one warning per unit naming its absent years), and samples too
 *    small for an enabled analysis ({@link checkSampleSize}).
 *
 * Units keep their first-seen order; rows are sorted by year, then unit.
 */
export function assemblePanel(rows: readonly ObservedRow[], model: IndicatorModel): AssembledPanel {
  const issues: InputIssue[] = [];
  const unique = dropDuplicates(rows, issues);
  const policy = model.analysis.missing;
  const missing = {
    interpolated: [] as MissingReport['interpolated'][number][],
    droppedUnits: [] as string[],
  };

  let complete = unique;
  if (policy === 'interpolate') complete = interpolate(unique, model, issues, missing.interpolated);
  if (policy === 'drop-unit') {
    complete = dropIncompleteUnits(unique, model, issues, missing.droppedUnits);
  }
  const report: MissingReport = { policy, ...missing };

  const failed = issues.some((i) => i.severity === 'error');
  if (failed || complete.some((r) => r.values.some(Number.isNaN))) {
    return { issues, missing: report };
  }
  const panel = toPanel(complete, model);
  issues.push(
    ...constantColumns(panel, model),
    ...unbalanced(panel),
    ...checkSampleSize(panel, model),
  );
  return { panel, issues, missing: report };
}

function dropDuplicates(rows: readonly ObservedRow[], issues: InputIssue[]): ObservedRow[] {
  const seen = new Map<string, ObservedRow>();
  const unique: ObservedRow[] = [];
  for (const row of rows) {
    const first = seen.get(rowKey(row.unit, row.year));
    if (first === undefined) {
      seen.set(rowKey(row.unit, row.year), row);
      unique.push(row);
      continue;
    }
    const at = first.file === row.file ? `row ${first.row}` : `${first.file}, row ${first.row}`;
    issues.push({
      severity: 'error',
      code: 'duplicate-row',
      file: row.file,
      row: row.row,
      column: row.unitColumn,
      unit: row.unit,
      year: row.year,
      message: `${row.unit} ${row.year} is given twice (first at ${at}); keep one row per unit and year`,
    });
  }
  return unique;
}

/** Rows of each unit in ascending year order, units in first-seen order. */
function byUnit(rows: readonly ObservedRow[]): Map<string, ObservedRow[]> {
  const groups = new Map<string, ObservedRow[]>();
  for (const row of rows) {
    const group = groups.get(row.unit);
    if (group) group.push(row);
    else groups.set(row.unit, [row]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.year - b.year);
  return groups;
}

function interpolate(
  rows: readonly ObservedRow[],
  model: IndicatorModel,
  issues: InputIssue[],
  filledCells: MissingReport['interpolated'][number][],
): ObservedRow[] {
  const out: ObservedRow[] = [];
  for (const [unit, group] of byUnit(rows)) {
    const values = group.map((r) => Float64Array.from(r.values));
    const years = group.map((r) => r.year);
    model.indicators.forEach((ind, k) => {
      const series = interpolateSeries(years, values.map((v) => v[k]));
      if (series === undefined) {
        issues.push({
          severity: 'error', code: 'missing-value', file: group[0].file, row: group[0].row,
          column: group[0].columnNames[k], unit,
          message: `${unit} has no value of ${ind.id} in any year, so it cannot be interpolated; fill it in or use analysis.missing "drop-unit"`,
        });
        return;
      }
      for (const i of series.filled) {
        values[i][k] = series.values[i];
        filledCells.push({ unit, year: years[i], indicator: ind.id });
      }
    });
    group.forEach((row, i) => out.push({ ...row, values: values[i] }));
  }
  return out;
}

function dropIncompleteUnits(
  rows: readonly ObservedRow[],
  model: IndicatorModel,
  issues: InputIssue[],
  dropped: string[],
): ObservedRow[] {
  for (const [unit, group] of byUnit(rows)) {
    const gaps = group.flatMap((row) =>
      model.indicators
        .filter((_, k) => Number.isNaN(row.values[k]))
        .map((ind) => `${ind.id} ${row.year}`),
    );
    if (gaps.length === 0) continue;
    dropped.push(unit);
    const shown =
      gaps.length > 5 ? `${gaps.slice(0, 5).join(', ')} and ${gaps.length - 5} more` : gaps.join(', ');
    issues.push({
      severity: 'warning', code: 'unit-dropped', unit,
      message: `${unit} is left out because of missing values (${shown})`,
    });
  }
  const droppedSet = new Set(dropped);
  const kept = rows.filter((row) => !droppedSet.has(row.unit));
  if (kept.length === 0 && rows.length > 0) {
    issues.push({
      severity: 'error', code: 'no-units-left',
      message: 'every unit has a missing value, so dropping incomplete units leaves nothing',
    });
  }
  return kept;
}

function toPanel(rows: readonly ObservedRow[], model: IndicatorModel): Panel {
  const units: string[] = [];
  const unitIndex = new Map<string, number>();
  for (const row of rows) {
    if (!unitIndex.has(row.unit)) {
      unitIndex.set(row.unit, units.length);
      units.push(row.unit);
    }
  }
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const panelRows: PanelRow[] = rows
    .map((r) => ({ unit: r.unit, year: r.year, values: Array.from(r.values) }))
    .sort((a, b) => a.year - b.year || (unitIndex.get(a.unit) ?? 0) - (unitIndex.get(b.unit) ?? 0));
  return { indicators: model.indicators.map((ind) => ind.id), units, years, rows: panelRows };
}

function constantColumns(panel: Panel, model: IndicatorModel): InputIssue[] {
  if (panel.rows.length < 2) return [];
  return model.indicators.flatMap((ind, k) => {
    const first = panel.rows[0].values[k];
    if (panel.rows.some((r) => r.values[k] !== first)) return [];
    return [{
      severity: 'warning' as const, code: 'constant-column', column: ind.id,
      message: `${ind.id} has the same value (${first}) in every row; it carries no information and its min-max normalization is undefined`,
    }];
  });
}

function unbalanced(panel: Panel): InputIssue[] {
  const present = new Map<string, Set<number>>(panel.units.map((u) => [u, new Set()]));
  for (const row of panel.rows) present.get(row.unit)?.add(row.year);
  return panel.units.flatMap((unit) => {
    const absent = panel.years.filter((y) => !present.get(unit)?.has(y));
    if (absent.length === 0) return [];
    return [{
      severity: 'warning' as const, code: 'unbalanced-panel', unit,
      message: `the panel is unbalanced: ${unit} has no row for ${absent.join(', ')}`,
    }];
  });
}
