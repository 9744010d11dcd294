import {
  type KCriterion,
  type Linkage,
  type ScheduleStage,
  agglomerationSchedule,
  chooseK,
  cutTree,
  dendrogramLayout,
  hierarchicalClustering,
  kmeansRefine,
  nameTiers,
  silhouette,
  standardize,
} from '../../analysis/cluster/index.js';
import { entropyWeights } from '../../analysis/entropy/index.js';
import { CollinearPredictorsError, type OlsCoefficient, type OlsResult, ols } from '../../analysis/regression/index.js';
import type { IndicatorModel } from '../../model/schema.js';
import { ArtifactNotFoundError } from '../../store/artifact-store.js';
import { readModel, readStepArtifact, timed, writeStepArtifact } from '../artifacts.js';
import { InvalidModelError } from '../errors.js';
import type { InputIssue } from '../issues.js';
import { rowKey } from '../panel.js';
import type { RowContribution, StepArtifact, StepContext, StepFunction } from '../step.js';

/** Fewer units than this cannot be grouped into tiers meaningfully. */
export const MIN_CLUSTER_UNITS = 3;

export type ClusterFeatures = 'indicators' | 'factors' | 'subsystems' | 'composite';

/** Units × features, the input of clustering run on its own (the CLI). */
export interface UnitTable {
  readonly units: readonly string[];
  readonly featureNames: readonly string[];
  /** One row per unit, one value per feature. */
  readonly values: readonly (readonly number[])[];
  /**
   * The score that orders tiers (A = highest mean), one per unit. When
   * absent, the mean of the unit's z-scored features is used.
   */
  readonly scores?: readonly number[];
}

export interface ClusterUnitsOptions {
  readonly method: Linkage;
  /** A number of clusters, or the criterion that chooses it. */
  readonly k: number | KCriterion;
  /** Refine the cut by k-means started at its centroids. */
  readonly kmeans?: boolean;
  /** Recorded in the section; what the feature columns are. */
  readonly features?: ClusterFeatures | string;
}

/** The `clustering` section of results.json. */
export interface ClusteringSection {
  readonly method: Linkage;
  /** What merge heights are measured in (ward: Euclidean, ward.D2; others: squared Euclidean). */
  readonly distance: 'euclidean' | 'squared-euclidean';
  readonly standardization: 'z-scores (n − 1)';
  readonly features: string;
  readonly featureNames: string[];
  /** Units in observation order: merge −i is labels[i − 1]. */
  readonly labels: string[];
  readonly k: number;
  /** `given` when the model fixed k, else the criterion that chose it. */
  readonly kCriterion: 'given' | KCriterion;
  readonly kCandidates?: { k: number; value: number }[];
  readonly merges: { a: number; b: number; height: number; size: number }[];
  readonly schedule: ScheduleStage[];
  readonly dendrogram: { order: string[]; rescaled: number[]; position: number[] };
  readonly assignments: { unit: string; cluster: number; tier: string }[];
  readonly tiers: { tier: string; cluster: number; units: string[]; meanComposite: number }[];
  /** Average silhouette width of the final partition (Euclidean, z-scores); null when k < 2. */
  readonly silhouette: number | null;
  readonly kmeans?: { iterations: number; converged: boolean; moved: number; stoppedBecause?: string };
  /** Features that were constant across units; their z-scores are 0. */
  readonly constantFeatures: string[];
  /** Units left out, with the reason. */
  readonly excluded: { unit: string; reason: string }[];
}

/**
 * Hierarchical clustering of units into development tiers, and the
 * regression check of the composite score.
 *
 * Inputs: the normalize artifact (rows: `normalized`, `subsystemIndex`) and
 * the factor artifact (rows: `factorScores`, `composite`). When the factor
 * step was skipped or wrote no composite, the composite is the
 * entropy-weighted sum of the subsystem indices (entropy weights over all
 * rows) and a `composite-fallback` warning says so.
 *
 * Clustering (`model.analysis.clustering`): one observation per unit.
 * Features: `composite` (default) = the unit's composite score in each year,
 * one column per year; `indicators`, `subsystems`, `factors` = the unit's
 * mean over its years of the normalized indicators, subsystem indices or
 * factor scores. With `composite`, a unit that lacks a year cannot be
 * placed and is left out (listed in `excluded`, with a warning); means over
 * years keep every unit. Features are z-scored, then clustered with the
 * model's method; k is given or chosen (`jump`, `silhouette`); tiers are
 * ordered by each cluster's mean, over its units, of the unit's mean
 * composite across its years.
 *
 * Regression (`model.analysis.regression`): OLS of the composite on the
 * subsystem indices (or the listed subsystem or indicator ids), pooled over
 * all unit-year rows. It is skipped, with the reason, when there are too
 * few rows, when predictors are collinear, or when the composite is the
 * fallback built from the subsystem indices (the fit would be exact by
 * construction).
 *
 * Writes sections `clustering` and `regression` (either may be
 * `{ skipped: reason }`) and the row field `tier`. The step is skipped when
 * normalize was skipped, both parts are disabled, or fewer than 3 units
 * have features.
 */
export const clusterStep: StepFunction = async (ctx) => {
  const { value: artifact, ms } = await timed(() => clusterAndRegress(ctx));
  const clustering = artifact.sections.clustering as Partial<ClusteringSection> | undefined;
  const summary =
    clustering?.k !== undefined ? { k: clustering.k, units: clustering.labels?.length ?? 0 } : undefined;
  return writeStepArtifact(ctx, { ...artifact, durationMs: ms }, summary);
};

async function clusterAndRegress(ctx: StepContext): Promise<StepArtifact> {
  const [model, normalize] = await Promise.all([readModel(ctx), readStepArtifact(ctx, 'normalize')]);
  const { clustering: clusterOptions, regression: regressionOptions } = model.analysis;
  if (normalize.skipped !== undefined) {
    return skipped('the normalize step was skipped, so there are no scores to cluster');
  }
  if (!clusterOptions.enabled && !regressionOptions.enabled) {
    return skipped('clustering and regression are both disabled in the model');
  }

  const warnings: InputIssue[] = [];
  const factor = await readFactor(ctx);
  const rows = joinRows(normalize.rows ?? [], factor?.rows ?? []);
  const compositeFallback = attachComposite(rows, model, warnings, factor === undefined);
  const units = [...new Set(rows.map((r) => r.unit))];
  if (units.length < MIN_CLUSTER_UNITS) {
    return skipped(`clustering needs at least ${MIN_CLUSTER_UNITS} units; the panel has ${units.length}`);
  }

  const sections: Record<string, unknown> = {};
  let tierOf = new Map<string, string>();
  if (clusterOptions.enabled) {
    const features = featuresFor(
      clusterOptions.features,
      rows,
      warnings,
      factor !== undefined,
      model.analysis.factor.scope === 'per-year',
    );
    const table = unitTable(rows, units, features, warnings);
    if (table.units.length < MIN_CLUSTER_UNITS) {
      return skipped(
        `clustering needs at least ${MIN_CLUSTER_UNITS} units with complete features; ${table.units.length} have them`,
      );
    }
    const k = clampK(clusterOptions.k, table.units.length, warnings);
    const section = {
      ...clusterUnits(table, { method: clusterOptions.method, k, kmeans: clusterOptions.kmeans, features }),
      excluded: units
        .filter((u) => !table.units.includes(u))
        .map((unit) => ({ unit, reason: `no ${features} value for every year` })),
    };
    sections.clustering = section;
    tierOf = new Map(section.assignments.map((a) => [a.unit, a.tier]));
  } else {
    sections.clustering = { skipped: 'clustering is disabled in the model' };
  }

  sections.regression = regressionOptions.enabled
    ? regress(rows, model, regressionOptions.predictors, compositeFallback, warnings)
    : { skipped: 'the regression check is disabled in the model' };

  const rowFields: RowContribution[] = rows
    .filter((r) => tierOf.has(r.unit))
    .map((r) => ({ unit: r.unit, year: r.year, fields: { tier: tierOf.get(r.unit) } }));
  return { step: 'cluster', sections, rows: rowFields, warnings };
}

/**
 * Clusters a units × features table: z-scores, the hierarchy, k (given or
 * chosen), the cut, optional k-means refinement, tiers by mean score, the
 * SPSS schedule and the dendrogram layout. Used by the step and by the
 * `cluster` CLI subcommand. Needs at least 2 units (3 to choose k).
 */
export function clusterUnits(
  table: UnitTable,
  options: ClusterUnitsOptions,
): Omit<ClusteringSection, 'excluded'> {
  const { units, values } = table;
  if (values.length !== units.length) {
    throw new RangeError(`clusterUnits: ${units.length} units but ${values.length} rows of features`);
  }
  const scaled = standardize(values);
  const z = scaled.values;
  const tree = hierarchicalClustering(z, { method: options.method, standardize: false });

  const choice = typeof options.k === 'number' ? undefined : chooseK(tree.merges, options.k, z);
  const k = choice?.k ?? (options.k as number);
  let clusters = cutTree(tree.merges, k);
  let kmeans: ClusteringSection['kmeans'];
  if (options.kmeans === true && k >= 2) {
    const refined = kmeansRefine(z, clusters);
    const moved = refined.clusters.filter((c, i) => c !== clusters[i]).length;
    kmeans = {
      iterations: refined.iterations,
      converged: refined.converged,
      moved,
      ...(refined.stoppedBecause ? { stoppedBecause: refined.stoppedBecause } : {}),
    };
    clusters = refined.clusters;
  }

  const scores = table.scores ?? z.map((row) => row.reduce((s, v) => s + v, 0) / row.length);
  const named = nameTiers(clusters, scores);
  const schedule = agglomerationSchedule(tree.merges, options.method);
  const layout = dendrogramLayout(tree.merges, schedule);
  return {
    method: options.method,
    distance: tree.distance,
    standardization: 'z-scores (n − 1)',
    features: options.features ?? 'table',
    featureNames: [...table.featureNames],
    labels: [...units],
    k,
    kCriterion: choice ? choice.criterion : 'given',
    ...(choice ? { kCandidates: choice.candidates } : {}),
    merges: tree.merges.map((m) => ({ ...m })),
    schedule,
    dendrogram: {
      order: layout.order.map((i) => units[i]),
      rescaled: layout.rescaled,
      position: layout.position,
    },
    assignments: units.map((unit, i) => ({ unit, cluster: clusters[i], tier: named.tierOf[i] })),
    tiers: named.tiers.map((t) => ({
      tier: t.tier,
      cluster: t.cluster,
      units: units.filter((_, i) => clusters[i] === t.cluster),
      meanComposite: t.meanScore,
    })),
    constantFeatures: scaled.constantColumns.map((j) => table.featureNames[j]),
    silhouette: k >= 2 && k < units.length ? silhouette(z, clusters).average : null,
    ...(kmeans ? { kmeans } : {}),
  };
}

/** One unit-year with everything the step reads about it. */
interface JoinedRow {
  readonly unit: string;
  readonly year: number;
  readonly normalized: Readonly<Record<string, number>>;
  readonly subsystemIndex: Readonly<Record<string, number>>;
  readonly factorScores?: readonly number[];
  composite: number;
}

/** The factor artifact, or undefined when the step was skipped or did not run. */
async function readFactor(ctx: StepContext): Promise<StepArtifact | undefined> {
  try {
    const factor = await readStepArtifact(ctx, 'factor');
    return factor.skipped === undefined ? factor : undefined;
  } catch (error) {
    if (error instanceof ArtifactNotFoundError) return undefined;
    throw error;
  }
}

function joinRows(normalize: readonly RowContribution[], factor: readonly RowContribution[]): JoinedRow[] {
  const factorFields = new Map(factor.map((r) => [rowKey(r.unit, r.year), r.fields]));
  return normalize.map((r) => {
    const f = factorFields.get(rowKey(r.unit, r.year));
    const scores = f?.factorScores;
    return {
      unit: r.unit,
      year: r.year,
      normalized: (r.fields.normalized ?? {}) as Record<string, number>,
      subsystemIndex: (r.fields.subsystemIndex ?? {}) as Record<string, number>,
      ...(Array.isArray(scores) ? { factorScores: scores as number[] } : {}),
      composite: typeof f?.composite === 'number' ? f.composite : Number.NaN,
    };
  });
}

/**
 * Fills the composite where the factor step gave none, with the
 * entropy-weighted sum of the subsystem indices. Returns whether it did.
 */
function attachComposite(
  rows: JoinedRow[],
  model: IndicatorModel,
  warnings: InputIssue[],
  factorSkipped: boolean,
): boolean {
  if (rows.length > 0 && rows.every((r) => Number.isFinite(r.composite))) return false;
  const ids = model.subsystems.map((s) => s.id).filter((id) => rows.every((r) => id in r.subsystemIndex));
  const u = rows.map((r) => ids.map((id) => r.subsystemIndex[id]));
  const weights = entropyWeights(u, { shift: model.analysis.entropy.shift }).weights;
  for (const [i, r] of rows.entries()) r.composite = u[i].reduce((s, v, k) => s + v * weights[k], 0);
  warnings.push({
    severity: 'warning',
    code: 'composite-fallback',
    message:
      `${factorSkipped ? 'the factor step was skipped' : 'the factor step gave no composite score'}; ` +
      'the composite used for clustering is the entropy-weighted sum of the subsystem indices ' +
      `(weights ${ids.map((id, k) => `${id} ${weights[k].toFixed(3)}`).join(', ')})`,
  });
  return true;
}

/**
 * The features actually used: `factors` needs factor scores that mean the
 * same thing in every row, else the subsystem indices are used. Factor
 * analysis run per year extracts each year's own factors (their number
 * and rotation differ from year to year), so a unit's mean "F1" over the
 * years would average unrelated quantities, or missing ones.
 */
function featuresFor(
  wanted: ClusterFeatures,
  rows: readonly JoinedRow[],
  warnings: InputIssue[],
  factorRan: boolean,
  perYearFactors: boolean,
): ClusterFeatures {
  if (wanted !== 'factors') return wanted;
  const scored = factorRan && rows.every((r) => r.factorScores !== undefined);
  if (scored && !perYearFactors) return wanted;
  warnings.push({
    severity: 'warning',
    code: 'cluster-features-fallback',
    message: scored
      ? 'clustering on factor scores was asked for, but factor analysis ran per year, so the factors differ ' +
        'from year to year and cannot be averaged over them; the subsystem indices were used instead'
      : 'clustering on factor scores was asked for, but the factor step wrote none; ' +
        'the subsystem indices were used instead',
  });
  return 'subsystems';
}

/** Builds one row of features per unit, leaving out units that cannot have one. */
function unitTable(
  rows: readonly JoinedRow[],
  units: readonly string[],
  features: ClusterFeatures,
  warnings: InputIssue[],
): UnitTable {
  const byUnit = new Map<string, JoinedRow[]>();
  for (const r of rows) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const names = featureNames(features, rows, years);

  const kept: string[] = [];
  const values: number[][] = [];
  const scores: number[] = [];
  for (const unit of units) {
    const own = byUnit.get(unit) ?? [];
    const row = features === 'composite' ? compositeByYear(own, years) : meanFeatures(own, features, names);
    if (row === undefined) {
      warnings.push({
        severity: 'warning',
        code: 'unit-not-clustered',
        unit,
        message:
          `unit ${unit} lacks some of the years ${years.join(', ')}, ` +
          'so it has no composite for every year and gets no tier',
      });
      continue;
    }
    kept.push(unit);
    values.push(row);
    scores.push(own.reduce((s, r) => s + r.composite, 0) / own.length);
  }
  return { units: kept, featureNames: names, values, scores };
}

function featureNames(features: ClusterFeatures, rows: readonly JoinedRow[], years: readonly number[]): string[] {
  const first = rows[0];
  switch (features) {
    case 'composite':
      return years.map(String);
    case 'indicators':
      return Object.keys(first.normalized);
    case 'subsystems':
      return Object.keys(first.subsystemIndex);
    case 'factors':
      return (first.factorScores ?? []).map((_, j) => `F${j + 1}`);
  }
}

function compositeByYear(own: readonly JoinedRow[], years: readonly number[]): number[] | undefined {
  const byYear = new Map(own.map((r) => [r.year, r.composite]));
  return years.every((y) => byYear.has(y)) ? years.map((y) => byYear.get(y) as number) : undefined;
}

function meanFeatures(own: readonly JoinedRow[], features: ClusterFeatures, names: readonly string[]): number[] {
  const valueOf = (r: JoinedRow, j: number): number =>
    features === 'indicators'
      ? r.normalized[names[j]]
      : features === 'subsystems'
        ? r.subsystemIndex[names[j]]
        : (r.factorScores as readonly number[])[j];
  return names.map((_, j) => own.reduce((s, r) => s + valueOf(r, j), 0) / own.length);
}

/** k above the number of units is lowered to it, with a warning. */
function clampK(k: number | KCriterion, units: number, warnings: InputIssue[]): number | KCriterion {
  if (typeof k !== 'number' || k <= units) return k;
  warnings.push({
    severity: 'warning',
    code: 'k-reduced',
    message: `the model asks for ${k} clusters but only ${units} units can be clustered; k = ${units} was used`,
  });
  return units;
}

/** The regression check, or `{ skipped }` saying why it could not run. */
function regress(
  rows: readonly JoinedRow[],
  model: IndicatorModel,
  chosen: readonly string[] | undefined,
  compositeFallback: boolean,
  warnings: InputIssue[],
): Record<string, unknown> {
  const subsystemIds = model.subsystems.map((s) => s.id).filter((id) => rows.every((r) => id in r.subsystemIndex));
  const predictors = chosen ?? subsystemIds;
  const unknown = predictors.filter((p) => !subsystemIds.includes(p) && !(p in (rows[0]?.normalized ?? {})));
  if (unknown.length > 0) {
    throw new InvalidModelError(
      'model',
      unknown.map((p) => `analysis.regression.predictors: "${p}" is neither a subsystem nor an indicator of this run`),
    );
  }
  if (compositeFallback && predictors.every((p) => subsystemIds.includes(p))) {
    return {
      skipped:
        'the composite is the weighted sum of the subsystem indices (the factor step gave none), ' +
        'so regressing it on them would fit exactly by construction',
    };
  }
  if (rows.length <= predictors.length + 1) {
    return { skipped: `the regression needs more than ${predictors.length + 1} rows; there are ${rows.length}` };
  }

  const value = (r: JoinedRow, p: string) => (subsystemIds.includes(p) ? r.subsystemIndex[p] : r.normalized[p]);
  try {
    const fit = ols(
      rows.map((r) => r.composite),
      rows.map((r) => predictors.map((p) => value(r, p))),
      { dependent: 'composite', predictors },
    );
    const degenerate = degenerateFit(fit);
    if (degenerate) return { skipped: degenerate };
    return {
      dependent: fit.dependent,
      predictors: fit.predictors,
      coefficients: fit.coefficients.map((c: OlsCoefficient) => ({ ...c })),
      r2: fit.r2,
      adjR2: fit.adjR2,
      f: fit.f,
      fP: fit.fP,
      df: fit.df,
      n: fit.n,
      sigma: fit.sigma,
      pooled: 'all unit-year rows',
      residuals: rows.map((r, i) => ({
        unit: r.unit,
        year: r.year,
        fitted: fit.fitted[i],
        residual: fit.residuals[i],
      })),
    };
  } catch (error) {
    if (!(error instanceof CollinearPredictorsError)) throw error;
    warnings.push({ severity: 'warning', code: 'collinear-predictors', message: error.message });
    return { skipped: error.message };
  }
}

/**
 * Why a fit has no usable statistics, or undefined when it has them all.
 * A constant composite leaves nothing to explain (R² = 0/0, as R's lm
 * gives NaN); predictors that reproduce it exactly leave zero residuals,
 * so standard errors are 0 and t and F divide by them. Either way the
 * numbers would reach results.json as NaN or Infinity.
 */
function degenerateFit(fit: OlsResult): string | undefined {
  if (!Number.isFinite(fit.r2)) {
    return 'the composite score is the same in every row, so there is no variation for a regression to explain';
  }
  const numbers = [
    fit.adjR2, fit.f, fit.fP,
    ...fit.coefficients.flatMap((c) => [c.estimate, c.se, c.t, c.p, c.beta ?? 0, c.vif ?? 0]),
  ];
  if (numbers.every(Number.isFinite)) return undefined;
  return 'the predictors reproduce the composite score exactly (every residual is zero), so standard errors, t and F do not exist';
}

function skipped(reason: string): StepArtifact {
  return { step: 'cluster', skipped: reason, sections: {} };
}
