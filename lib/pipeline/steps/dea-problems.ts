import {
  type DeaData,
  type Orientation,
  translateNonPositive,
  type UndesirableTreatment,
  withUndesirableOutputs,
} from '../../analysis/dea/index.js';
import type { InputIssue } from '../issues.js';
import type { Panel } from '../panel.js';

export type Frontier = 'per-year' | 'pooled' | 'longitudinal';

/** DEA settings independent of any model file (the CLI passes them directly). */
export interface DeaRunOptions {
  /** Indicator ids used as inputs, outputs and undesirable outputs. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly undesirable?: readonly string[];
  readonly undesirableTreatment?: UndesirableTreatment;
  /** The model whose slacks and peers are reported; crs, vrs and nirs scores are always computed. */
  readonly rts: 'crs' | 'vrs';
  readonly orientation: Orientation;
  /** Who is compared with whom: each year's units, all unit-years, or each unit's years. */
  readonly frontier: Frontier;
  readonly malmquist: boolean;
  readonly superEfficiency: boolean;
  readonly nonPositive: 'error' | 'translate';
}

/** One DEA problem: the unit-years compared with each other. */
export interface DeaProblem {
  /** "2019", "pooled" or a unit name. */
  readonly id: string;
  readonly members: readonly { readonly unit: string; readonly year: number }[];
  readonly data: DeaData;
}

export interface BuiltProblems {
  readonly problems: readonly DeaProblem[];
  /** Per-year data of units present in every year, for the Malmquist index. */
  readonly periods: { readonly years: readonly number[]; readonly units: readonly string[]; readonly data: readonly DeaData[] };
  readonly translations: readonly { readonly indicator: string; readonly shift: number }[];
  readonly warnings: readonly InputIssue[];
  /** Set when DEA cannot run on this panel, in plain words. */
  readonly skipped?: string;
}

/** Fewer units than this per problem: DEA still runs but a warning says why scores may cluster at 1. */
/**
 * Largest ratio of a DEA variable's largest to its smallest value. Each
 * variable is scaled by its maximum before the linear programs; a value
 * below about 1e-15 of it is lost to rounding in their pivots (double
 * precision carries about 16 digits), which breaks the strict positivity
 * DEA needs.
 */
export const DYNAMIC_RANGE_LIMIT = 1e15;

/** The first variable whose values span more than {@link DYNAMIC_RANGE_LIMIT}. */
function widestSpread(
  data: DeaData,
  names: { readonly inputs: readonly string[]; readonly outputs: readonly string[] },
): { name: string; min: number; max: number } | undefined {
  const sides = [
    { rows: data.inputs, labels: names.inputs },
    { rows: data.outputs, labels: names.outputs },
  ];
  for (const { rows, labels } of sides) {
    for (let v = 0; v < (rows[0]?.length ?? 0); v++) {
      let min = Infinity;
      let max = -Infinity;
      for (const row of rows) {
        min = Math.min(min, row[v]);
        max = Math.max(max, row[v]);
      }
      if (min > 0 && !(max / min <= DYNAMIC_RANGE_LIMIT)) return { name: labels[v], min, max };
    }
  }
  return undefined;
}

export function recommendedUnits(m: number, s: number): number {
  // Rule of thumb of Cooper, Seiford & Tone (2007, p. 116): n ≥ max(m·s, 3(m + s)).
  return Math.max(m * s, 3 * (m + s));
}

/**
 * Turns the panel into DEA problems by `options.frontier`, after folding
 * undesirable outputs in and checking (or translating) non-positive cells.
 * A translation is computed over all rows at once, so every year shares the
 * same shift and scores stay comparable across years.
 */
export function buildProblems(panel: Panel, options: DeaRunOptions): BuiltProblems {
  const empty = { problems: [], periods: { years: [], units: [], data: [] }, translations: [], warnings: [] };
  const column = (id: string): number => {
    const index = panel.indicators.indexOf(id);
    if (index < 0) throw new RangeError(`DEA indicator "${id}" is not in the data (columns: ${panel.indicators.join(', ')})`);
    return index;
  };
  const inputIdx = options.inputs.map(column);
  const outputIdx = options.outputs.map(column);
  const badIdx = (options.undesirable ?? []).map(column);
  if (inputIdx.length + (options.undesirableTreatment === 'input' ? badIdx.length : 0) === 0 || outputIdx.length === 0) {
    return { ...empty, skipped: 'DEA needs at least one input and one output indicator' };
  }

  const rows = panel.rows;
  const pick = (idx: readonly number[]) => rows.map((r) => idx.map((i) => r.values[i]));
  let all: DeaData = withUndesirableOutputs(
    { inputs: pick(inputIdx), outputs: pick(outputIdx) },
    pick(badIdx),
    options.undesirableTreatment ?? 'input',
  );
  const names = variableNames(options);
  const bad = nonPositiveCells(all, names, panel);
  let translations: { indicator: string; shift: number }[] = [];
  if (bad.length > 0 && options.nonPositive === 'error') {
    const first = bad.slice(0, 3).map((b) => `${b.column} of ${b.unit} in ${b.year}`).join('; ');
    return {
      ...empty,
      warnings: bad,
      skipped: `DEA needs strictly positive data; ${bad.length} cell(s) are zero or negative (${first}${bad.length > 3 ? ', …' : ''}). Set analysis.dea.nonPositive to "translate" to shift them instead`,
    };
  }
  if (bad.length > 0) {
    const translated = translateNonPositive(all);
    // Values spanning nearly ±1.8e308 cannot be lifted without passing the
    // largest double; the LP would get Infinity.
    if (![...translated.data.inputs, ...translated.data.outputs].every((row) => row.every(Number.isFinite))) {
      return {
        ...empty,
        warnings: bad,
        skipped:
          'DEA cannot translate the zero or negative values: the values span so much of the number range ' +
          'that shifting them above zero passes the largest representable number',
      };
    }
    all = translated.data;
    translations = translated.translations.map((t) => ({
      indicator: t.kind === 'input' ? names.inputs[t.variable] : names.outputs[t.variable],
      shift: t.shift,
    }));
  }
  const spread = widestSpread(all, names);
  if (spread !== undefined) {
    return {
      ...empty,
      skipped:
        `DEA cannot use ${spread.name}: its values run from ${spread.min} to ${spread.max}, more than ` +
        `${Math.log10(DYNAMIC_RANGE_LIMIT)} orders of magnitude, so next to its largest value the smallest ` +
        'are zero to the linear programs (scores would come out infinite or undefined)',
    };
  }

  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = options.frontier === 'per-year' ? String(r.year) : options.frontier === 'pooled' ? 'pooled' : r.unit;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  const subset = (idx: readonly number[]): DeaData => ({
    inputs: idx.map((i) => all.inputs[i]),
    outputs: idx.map((i) => all.outputs[i]),
  });
  const problems: DeaProblem[] = [];
  const warnings: InputIssue[] = [];
  const m = all.inputs[0]?.length ?? 0;
  const s = all.outputs[0]?.length ?? 0;
  for (const [id, idx] of groups) {
    if (idx.length < 2) continue;
    if (idx.length < recommendedUnits(m, s)) {
      warnings.push({
        severity: 'warning',
        code: 'dea-few-units',
        message: `DEA problem "${id}" has ${idx.length} units for ${m} inputs and ${s} outputs; at least ${recommendedUnits(m, s)} are recommended, or many units score 1`,
      });
    }
    problems.push({ id, members: idx.map((i) => ({ unit: rows[i].unit, year: rows[i].year })), data: subset(idx) });
  }
  if (problems.length === 0) {
    return { ...empty, skipped: `no DEA problem has two or more units (frontier: ${options.frontier})` };
  }
  return { problems, periods: balancedPeriods(panel, all), translations, warnings };
}

function variableNames(options: DeaRunOptions): { inputs: string[]; outputs: string[] } {
  const bad = [...(options.undesirable ?? [])];
  return options.undesirableTreatment === 'translation'
    ? { inputs: [...options.inputs], outputs: [...options.outputs, ...bad] }
    : { inputs: [...options.inputs, ...bad], outputs: [...options.outputs] };
}

function nonPositiveCells(data: DeaData, names: { inputs: string[]; outputs: string[] }, panel: Panel): InputIssue[] {
  const issues: InputIssue[] = [];
  const scan = (rows: DeaData['inputs'], labels: string[]) =>
    rows.forEach((row, i) =>
      row.forEach((value, v) => {
        if (Number.isFinite(value) && value > 0) return;
        const { unit, year } = panel.rows[i];
        issues.push({
          severity: 'error',
          code: 'dea-non-positive',
          message: `${labels[v]} of ${unit} in ${year} is ${value}; DEA needs positive values`,
          column: labels[v],
          unit,
          year,
        });
      }),
    );
  scan(data.inputs, names.inputs);
  scan(data.outputs, names.outputs);
  return issues;
}

/** Per-year data restricted to the units present in every year (Malmquist needs a balanced panel). */
function balancedPeriods(panel: Panel, all: DeaData): BuiltProblems['periods'] {
  const where = new Map<string, number>();
  panel.rows.forEach((r, i) => where.set(`${r.unit}\u0000${r.year}`, i));
  const units = panel.units.filter((u) => panel.years.every((y) => where.has(`${u}\u0000${y}`)));
  const data = panel.years.map((y) => {
    const idx = units.map((u) => where.get(`${u}\u0000${y}`) as number);
    return { inputs: idx.map((i) => all.inputs[i]), outputs: idx.map((i) => all.outputs[i]) };
  });
  return { years: panel.years, units, data };
}
