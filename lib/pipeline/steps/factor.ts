import { type CfaFactor, type CfaResult, confirmatoryFactorAnalysis } from '../../analysis/cfa/index.js';
import {
  type PrincipalComponentsResult,
  type RetentionRule,
  principalComponents,
  rankDescending,
} from '../../analysis/factor/index.js';
import type { Matrix } from '../../analysis/matrix.js';
import { type CronbachAlphaResult, cronbachAlpha } from '../../analysis/reliability/index.js';
import type { IndicatorModel } from '../../model/schema.js';
import { readModel, readPanel, timed, writeStepArtifact } from '../artifacts.js';
import { InvalidModelError } from '../errors.js';
import type { InputIssue } from '../issues.js';
import type { Panel, PanelRow } from '../panel.js';
import type { RowContribution, StepArtifact, StepFunction } from '../step.js';

/** Fewest rows for which a correlation matrix and scores mean anything. */
const MIN_ROWS = 3;

/**
 * Exploratory factor analysis, reliability and the confirmatory measurement
 * model, on the clean panel.
 *
 * Direction: indicators whose direction is `negative` enter with their raw
 * values multiplied by −1. That leaves every standard deviation and the
 * size of every correlation as it was, and makes "larger is better" hold
 * for all indicators, so positive loadings, component scores and the
 * composite all read "higher is better".
 *
 * EFA (`model.analysis.factor`): principal components of the correlation
 * matrix, retention by `retain` (eigenvalue > 1 by default), varimax with
 * Kaiser normalization to machine precision; see `principalComponents`.
 * `scope: pooled` (default) analyses all unit-year rows together, which is
 * what makes KMO and Bartlett computable when there are fewer units than
 * indicators; `per-year` analyses each year on its own and writes one entry
 * per year under `factorAnalysis.byYear`. A constant indicator (zero
 * variance over the rows analysed) is left out with a warning. A singular
 * correlation matrix is reported, not fatal (see `collinear`, and KMO and
 * Bartlett with `computable: false`).
 *
 * Reliability: Cronbach's alpha on the direction-adjusted pooled rows, for
 * all indicators, each subsystem, and (pooled scope) each retained factor,
 * with each indicator assigned to the factor it loads on most in absolute
 * value. A group with fewer than two indicators is reported as not
 * computable.
 *
 * CFA (`model.analysis.factor.cfa`): ML measurement model on the pooled
 * rows; factors are the subsystems (default), the EFA assignment, or the
 * model's `factors`. The first indicator of each factor is its marker.
 * Failures the data cause (fewer rows than indicators, an unidentified
 * model) skip the CFA with the reason; the rest of the step still stands.
 *
 * Rows: `factorScores` (one per retained component, in `rotatedVariance`
 * order), `composite` = Σ (ss_k / Σ ss) F_k, and `rank`, the competition
 * rank of the composite among the units of the same year (1 = highest
 * composite = best; ties share the better rank).
 *
 * Skips when factor analysis is disabled, when fewer than 3 rows (or, per
 * year, a year with fewer than 3 units) or fewer than 2 non-constant
 * indicators are left, or when the retention rule asks for more components
 * than the data can give.
 */
export const factorStep: StepFunction = async (ctx) => {
  const { value: artifact, ms } = await timed(async () => {
    const [model, panel] = await Promise.all([readModel(ctx), readPanel(ctx)]);
    return analyse(model, panel);
  });
  const summary = {
    rows: artifact.rows?.length ?? 0,
    retained: retainedOf(artifact.sections.factorAnalysis),
  };
  return writeStepArtifact(ctx, { ...artifact, durationMs: ms }, summary);
};

function retainedOf(section: unknown): number {
  const retained = (section as { retained?: unknown } | undefined)?.retained;
  return typeof retained === 'number' ? retained : 0;
}

function skipped(reason: string, warnings: readonly InputIssue[] = []): StepArtifact {
  return { step: 'factor', skipped: reason, sections: {}, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** The analysis on a parsed model and panel; exported for tests and the CLI. */
export function analyse(model: IndicatorModel, panel: Panel): StepArtifact {
  const options = model.analysis.factor;
  if (!options.enabled) return skipped('factor analysis is turned off in the model (analysis.factor.enabled is false)');
  if (panel.rows.length < MIN_ROWS) {
    return skipped(`factor analysis needs at least ${MIN_ROWS} rows; the panel has ${panel.rows.length}`);
  }
  const warnings: InputIssue[] = [];
  const adjusted = directionAdjusted(model, panel);
  const kept = nonConstantColumns(adjusted, panel.indicators, warnings);
  if (kept.length < 2) {
    return skipped(`factor analysis needs at least 2 indicators that vary; ${kept.length} do`, warnings);
  }
  const ids = kept.map((j) => panel.indicators[j]);
  const matrix = adjusted.map((row) => kept.map((j) => row[j]));
  const retain = options.retain as RetentionRule;

  let factorAnalysis: Record<string, unknown>;
  let rows: RowContribution[];
  let pooled: PrincipalComponentsResult | undefined;
  try {
    if (options.scope === 'pooled') {
      pooled = principalComponents(matrix, { retain, names: ids });
      factorAnalysis = { scope: 'pooled', ...efaSection(pooled, ids) };
      rows = rowFields(panel.rows, pooled.scores, pooled.composite);
    } else {
      const byYear: Record<string, unknown>[] = [];
      const scores: number[][] = new Array(panel.rows.length);
      const composite: number[] = new Array(panel.rows.length);
      for (const year of panel.years) {
        const index = panel.rows.flatMap((r, i) => (r.year === year ? [i] : []));
        if (index.length < MIN_ROWS) {
          return skipped(
            `per-year factor analysis needs at least ${MIN_ROWS} units in every year; ${year} has ${index.length}`,
            warnings,
          );
        }
        const result = principalComponents(
          index.map((i) => matrix[i]),
          { retain, names: ids },
        );
        byYear.push({ year, ...efaSection(result, ids) });
        index.forEach((i, pos) => {
          scores[i] = result.scores[pos];
          composite[i] = result.composite[pos];
        });
      }
      factorAnalysis = { scope: 'per-year', indicators: ids, byYear };
      rows = rowFields(panel.rows, scores, composite);
    }
  } catch (error) {
    if (error instanceof RangeError) return skipped(`factor analysis is not possible on this data: ${error.message}`, warnings);
    throw error;
  }

  const reliability = reliabilitySection(model, matrix, ids, pooled);
  const cfa = cfaSection(model, matrix, ids, pooled, warnings);
  return {
    step: 'factor',
    sections: {
      factorAnalysis: {
        n: panel.rows.length,
        direction: 'indicators with direction "negative" enter as raw value × −1',
        excluded: panel.indicators.filter((id) => !ids.includes(id)),
        retention: retain,
        ...factorAnalysis,
      },
      reliability,
      cfa,
    },
    rows,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function directionAdjusted(model: IndicatorModel, panel: Panel): number[][] {
  const sign = panel.indicators.map((id) => {
    const indicator = model.indicators.find((i) => i.id === id);
    if (indicator === undefined) throw new InvalidModelError('model', [`the panel has indicator "${id}", which the model does not define`]);
    return indicator.direction === 'negative' ? -1 : 1;
  });
  return panel.rows.map((r) => r.values.map((v, j) => v * sign[j]));
}

function nonConstantColumns(x: Matrix, ids: readonly string[], warnings: InputIssue[]): number[] {
  const kept: number[] = [];
  ids.forEach((id, j) => {
    const first = x[0][j];
    if (x.every((row) => row[j] === first)) {
      warnings.push({
        severity: 'warning',
        code: 'constant-indicator',
        column: id,
        message: `indicator ${id} has the same value (${first}) in every row, so it has no correlation; factor analysis leaves it out`,
      });
    } else {
      kept.push(j);
    }
  });
  return kept;
}

const byId = <T>(ids: readonly string[], values: readonly T[]): Record<string, T> =>
  Object.fromEntries(ids.map((id, i) => [id, values[i]]));
const rowsById = (ids: readonly string[], m: readonly (readonly number[])[]): Record<string, number[]> =>
  Object.fromEntries(ids.map((id, i) => [id, [...m[i]]]));

function efaSection(r: PrincipalComponentsResult, ids: readonly string[]): Record<string, unknown> {
  return {
    n: r.n,
    indicators: ids,
    kmo: r.kmo.computable
      ? { computable: true, overall: r.kmo.overall, perIndicator: byId(ids, r.kmo.perIndicator) }
      : r.kmo,
    bartlett: r.bartlett.computable
      ? { computable: true, chiSquare: r.bartlett.chiSquare, df: r.bartlett.df, pValue: r.bartlett.pValue }
      : r.bartlett,
    singular: r.singular,
    collinear: r.collinear.map((j) => ids[j]),
    eigenvalues: r.eigenvalues,
    retained: r.retained,
    unrotatedVariance: r.variance,
    rotatedVariance: r.rotatedVariance,
    communalities: byId(ids, r.communalities),
    unrotatedLoadings: rowsById(ids, r.unrotatedLoadings),
    rotatedLoadings: rowsById(ids, r.rotatedLoadings),
    scoreCoefficients: rowsById(ids, r.scoreCoefficients),
    rotation: r.retained > 1 ? r.rotation : 'none (one component)',
    rotationMatrix: r.rotationMatrix,
    iterations: r.iterations,
    converged: r.converged,
    compositeWeights: r.compositeWeights,
  };
}

function rowFields(
  rows: readonly PanelRow[],
  scores: readonly number[][],
  composite: readonly number[],
): RowContribution[] {
  const rank = new Array<number>(rows.length);
  const years = [...new Set(rows.map((r) => r.year))];
  for (const year of years) {
    const index = rows.flatMap((r, i) => (r.year === year ? [i] : []));
    const ranks = rankDescending(index.map((i) => composite[i]));
    index.forEach((i, pos) => (rank[i] = ranks[pos]));
  }
  return rows.map((r, i) => ({
    unit: r.unit,
    year: r.year,
    fields: { factorScores: scores[i], composite: composite[i], rank: rank[i] },
  }));
}

/** Indicator groups: each retained factor gets the indicators that load most on it. */
function efaGroups(r: PrincipalComponentsResult): { name: string; members: number[] }[] {
  const groups = Array.from({ length: r.retained }, (_, k) => ({ name: `F${k + 1}`, members: [] as number[] }));
  r.rotatedLoadings.forEach((row, i) => {
    let best = 0;
    row.forEach((v, k) => {
      if (Math.abs(v) > Math.abs(row[best])) best = k;
    });
    groups[best].members.push(i);
  });
  return groups;
}

function alphaEntry(x: Matrix, members: readonly number[], ids: readonly string[]): Record<string, unknown> {
  if (members.length < 2) {
    return {
      computable: false,
      reason: `alpha needs at least 2 indicators; this group has ${members.length}`,
      items: members.length,
      indicators: members.map((j) => ids[j]),
    };
  }
  const names = members.map((j) => ids[j]);
  let result: CronbachAlphaResult;
  try {
    result = cronbachAlpha(x.map((row) => members.map((j) => row[j])), names);
  } catch (error) {
    if (error instanceof RangeError) return { computable: false, reason: error.message, items: members.length, indicators: names };
    throw error;
  }
  return {
    alpha: result.alpha,
    standardizedAlpha: result.standardizedAlpha,
    items: result.items,
    indicators: names,
    itemStatistics: result.itemStatistics.map((s) => ({
      indicator: names[s.index],
      alphaIfDeleted: s.alphaIfDeleted,
      standardizedAlphaIfDeleted: s.standardizedAlphaIfDeleted,
      correctedItemTotal: s.correctedItemTotal,
    })),
  };
}

function reliabilitySection(
  model: IndicatorModel,
  x: Matrix,
  ids: readonly string[],
  pooled: PrincipalComponentsResult | undefined,
): Record<string, unknown> {
  const all = ids.map((_, j) => j);
  const subsystemOf = (id: string) => model.indicators.find((i) => i.id === id)?.subsystem;
  const bySubsystem = Object.fromEntries(
    model.subsystems.map((s) => [
      s.id,
      { subsystem: s.id, ...alphaEntry(x, all.filter((j) => subsystemOf(ids[j]) === s.id), ids) },
    ]),
  );
  return {
    ...alphaEntry(x, all, ids),
    rows: x.length,
    bySubsystem,
    ...(pooled
      ? { byFactor: efaGroups(pooled).map((g) => ({ factor: g.name, ...alphaEntry(x, g.members, ids) })) }
      : { byFactorNote: 'with scope per-year the factors differ by year, so no alpha by factor is given' }),
  };
}

function cfaSection(
  model: IndicatorModel,
  x: Matrix,
  ids: readonly string[],
  pooled: PrincipalComponentsResult | undefined,
  warnings: InputIssue[],
): Record<string, unknown> {
  const options = model.analysis.factor.cfa;
  if (!options.enabled) return { skipped: 'the confirmatory model is turned off in the model (analysis.factor.cfa.enabled is false)' };
  let factors: CfaFactor[];
  switch (options.structure) {
    case 'subsystems':
      factors = model.subsystems.map((s) => ({
        name: s.id,
        indicators: ids.flatMap((id, j) =>
          model.indicators.find((i) => i.id === id)?.subsystem === s.id ? [j] : [],
        ),
      }));
      break;
    case 'efa':
      if (pooled === undefined) return { skipped: 'structure "efa" needs the pooled factor analysis; scope is per-year' };
      factors = efaGroups(pooled).map((g) => ({ name: g.name, indicators: g.members }));
      break;
    case 'custom': {
      const given = options.factors;
      if (given === undefined || Object.keys(given).length === 0) {
        throw new InvalidModelError('model', ['analysis.factor.cfa.factors: structure "custom" needs factors (name → indicator ids)']);
      }
      const unknown = Object.values(given).flat().filter((id) => !ids.includes(id));
      if (unknown.length > 0) {
        throw new InvalidModelError('model', [
          `analysis.factor.cfa.factors names ${unknown.map((u) => `"${u}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a varying indicator of the data`,
        ]);
      }
      factors = Object.entries(given).map(([name, list]) => ({
        name,
        indicators: list.map((id) => ids.indexOf(id)),
      }));
      break;
    }
    default:
      throw new RangeError(`unknown CFA structure "${String(options.structure)}"`);
  }
  const tooSmall = factors.filter((f) => f.indicators.length < 2);
  for (const f of tooSmall) {
    warnings.push({
      severity: 'warning',
      code: 'cfa-factor-dropped',
      message: `factor ${f.name} has ${f.indicators.length} indicator${f.indicators.length === 1 ? '' : 's'}; the confirmatory model needs at least 2 per factor and leaves it out`,
    });
  }
  factors = factors.filter((f) => f.indicators.length >= 2);
  if (factors.length === 0) return { skipped: 'no factor has at least 2 indicators' };
  let result: CfaResult;
  try {
    result = confirmatoryFactorAnalysis(x, factors, { names: ids });
  } catch (error) {
    if (error instanceof RangeError) return { skipped: `the confirmatory model cannot be fitted: ${error.message}` };
    throw error;
  }
  const flat = (f: CfaResult['normal']) => ({
    chiSquare: f.chiSquare,
    df: f.df,
    pValue: f.pValue,
    cfi: f.cfi,
    tli: f.tli,
    rmsea: f.rmsea,
    rmseaLower: f.rmseaLower,
    rmseaUpper: f.rmseaUpper,
  });
  return {
    structure: options.structure,
    factors: Object.fromEntries(factors.map((f) => [f.name, f.indicators.map((j) => ids[j])])),
    n: result.n,
    converged: result.converged,
    iterations: result.iterations,
    freeParameters: result.freeParameters,
    fmin: result.fmin,
    fit: {
      ...flat(result.normal),
      srmr: result.srmr,
      aic: result.aic,
      bic: result.bic,
      logLikelihood: result.logLikelihood,
    },
    fitLabel: result.normal.label,
    fitWishart: flat(result.wishart),
    fitWishartLabel: result.wishart.label,
    baseline: { chiSquare: result.normal.baselineChiSquare, df: result.normal.baselineDf },
    loadings: result.loadings,
    residualVariances: result.residualVariances,
    factorCovariances: result.factorCovariances,
    reliability: Object.fromEntries(
      factors.map((f) => [
        f.name,
        { cr: result.compositeReliability[f.name], ave: result.averageVarianceExtracted[f.name] },
      ]),
    ),
    heywood: result.heywood,
  };
}
