import type { Results, ResultRow } from '../pipeline/results.js';
import type { StepName } from '../pipeline/step-list.js';

/*
 * Narrow views of the results.json sections the report reads. Every field
 * is optional: a section written by an older or newer step, or one cut
 * short by a skip, still renders whatever it holds, and missing numbers
 * show as "–".
 */

/** A part of a section that could not be computed on this data. */
export interface Skippable {
  readonly skipped?: string;
  readonly computable?: boolean;
  readonly reason?: string;
}

export interface WeightsSection extends Skippable {
  readonly global?: Readonly<Record<string, number>>;
  readonly withinSubsystem?: Readonly<Record<string, number>>;
  readonly entropy?: Readonly<Record<string, number>>;
  readonly divergence?: Readonly<Record<string, number>>;
  readonly method?: string;
  readonly scope?: string;
  readonly shift?: number;
}

export interface CouplingFields {
  readonly C?: number;
  readonly T?: number;
  readonly D?: number;
  readonly grade?: string;
  readonly gradeLevel?: number;
  readonly gradeZh?: string;
}

export interface GradeBand {
  readonly level?: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly name?: string;
  readonly nameZh?: string;
}

export interface CouplingSection extends Skippable {
  readonly formula?: string;
  readonly weights?: Readonly<Record<string, number>>;
  readonly scale?: readonly GradeBand[];
}

/** Per-indicator values keyed by id, or listed in the order of `indicators`. */
export type PerIndicator<T> = Readonly<Record<string, T>> | readonly T[];

export interface FactorSection extends Skippable {
  readonly n?: number;
  /** How indicator directions entered the analysis, in words. */
  readonly direction?: string;
  /** Indicators left out (constant or collinear), with or without reasons. */
  readonly excluded?: readonly (
    string | { readonly indicator?: string; readonly reason?: string }
  )[];
  /** Indicator ids in the order of array-valued parts (collinear ones may be left out). */
  readonly indicators?: readonly string[];
  readonly scope?: string;
  readonly kmo?: Skippable & {
    readonly overall?: number;
    readonly perIndicator?: PerIndicator<number>;
  };
  readonly bartlett?: Skippable & {
    readonly chiSquare?: number;
    readonly df?: number;
    readonly pValue?: number;
  };
  readonly eigenvalues?: readonly number[];
  readonly retained?: number;
  readonly rotatedVariance?: readonly {
    readonly ss?: number;
    readonly percent?: number;
    readonly cumulativePercent?: number;
  }[];
  readonly communalities?: PerIndicator<number>;
  readonly rotatedLoadings?: PerIndicator<readonly number[]>;
  readonly scoreCoefficients?: PerIndicator<readonly number[]>;
}

export interface AlphaEntry extends Skippable {
  readonly alpha?: number;
  readonly standardizedAlpha?: number;
  readonly items?: number;
  readonly factor?: number | string;
  readonly subsystem?: string;
  readonly name?: string;
}

export interface ReliabilitySection extends AlphaEntry {
  readonly itemStatistics?: readonly {
    readonly indicator?: string;
    readonly alphaIfDeleted?: number;
    readonly correctedItemTotal?: number;
  }[];
  readonly bySubsystem?: Readonly<Record<string, AlphaEntry>> | readonly AlphaEntry[];
  readonly byFactor?: Readonly<Record<string, AlphaEntry>> | readonly AlphaEntry[];
}

export interface CfaSection extends Skippable {
  readonly n?: number;
  readonly converged?: boolean;
  readonly fit?: Readonly<Record<string, number>>;
  readonly loadings?: readonly {
    readonly factor?: string;
    readonly indicator?: string;
    /** Unstandardized; `standardized` is the completely standardized loading. */
    readonly estimate?: number;
    readonly standardized?: number;
    readonly se?: number;
    readonly pValue?: number;
  }[];
  readonly reliability?: Readonly<Record<string, { readonly cr?: number; readonly ave?: number }>>;
}

export interface EfficiencyFields {
  readonly crs?: number;
  readonly vrs?: number;
  readonly scale?: number;
  readonly rts?: string;
  readonly super?: number;
  /** Units of the frontier this unit is projected on, with their weights λ. */
  readonly peers?: readonly {
    readonly unit?: string;
    readonly year?: number;
    readonly lambda?: number;
  }[];
}

export interface DeaSettings {
  /** Indicator ids; a single id may come as a plain string. */
  readonly inputs?: readonly string[] | string;
  readonly outputs?: readonly string[] | string;
  readonly orientation?: string;
  readonly frontier?: string;
  readonly rts?: string;
}

/** The DEA section: its settings at the top level or under `settings`. */
export interface DeaSection extends Skippable, DeaSettings {
  readonly settings?: DeaSettings;
  /** Per frontier (year): means and counts. */
  readonly summary?: readonly {
    readonly year?: number;
    readonly units?: number;
    readonly meanCrs?: number;
    readonly meanVrs?: number;
    readonly meanScale?: number;
    readonly efficientCrs?: number;
    readonly efficientVrs?: number;
  }[];
}

export interface MalmquistEntry {
  readonly unit?: string;
  readonly from?: number;
  readonly to?: number;
  readonly effch?: number;
  readonly techch?: number;
  readonly pech?: number;
  readonly sech?: number;
  readonly tfpch?: number;
}

export interface Merge {
  readonly a?: number;
  readonly b?: number;
  readonly height?: number;
  readonly size?: number;
}

export interface ClusteringSection extends Skippable {
  readonly method?: string;
  readonly distance?: string;
  readonly features?: string;
  readonly k?: number;
  /** Leaf labels in the order the merge list numbers them. */
  readonly labels?: readonly string[];
  readonly merges?: readonly Merge[];
  readonly dendrogram?: {
    readonly order?: readonly string[];
    /** Each merge on SPSS's 1–25 axis, in merge order (`rescaledHeights` in older files). */
    readonly rescaled?: readonly number[];
    readonly rescaledHeights?: readonly number[];
    readonly labels?: readonly string[];
  };
  readonly assignments?: readonly {
    readonly unit?: string;
    readonly cluster?: number;
    readonly tier?: string;
  }[];
  readonly schedule?: readonly {
    readonly stage?: number;
    readonly cluster1?: number;
    readonly cluster2?: number;
    readonly coefficient?: number;
  }[];
  readonly tiers?: readonly {
    readonly tier?: string;
    readonly cluster?: number;
    readonly units?: readonly string[];
    readonly meanComposite?: number;
  }[];
}

export interface RegressionSection extends Skippable {
  readonly dependent?: string;
  readonly predictors?: readonly string[];
  readonly coefficients?: readonly {
    readonly name?: string;
    readonly estimate?: number;
    readonly se?: number;
    readonly t?: number;
    readonly p?: number;
    readonly beta?: number | null;
    readonly vif?: number | null;
  }[];
  readonly r2?: number;
  readonly adjR2?: number;
  readonly f?: number;
  readonly fP?: number;
  readonly df?: readonly number[] | number;
  readonly n?: number;
}

/** Which step writes each section, for the "not run" reason. */
export const SECTION_STEP: Readonly<Record<string, StepName>> = {
  weights: 'normalize',
  coupling: 'coupling',
  factorAnalysis: 'factor',
  reliability: 'factor',
  cfa: 'factor',
  dea: 'dea',
  malmquist: 'dea',
  clustering: 'cluster',
  regression: 'cluster',
};

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A section of results.json when it is present as an object or array. */
export function sectionOf<T>(results: Results, name: string): T | undefined {
  const value = results[name];
  return value !== null && typeof value === 'object' ? (value as T) : undefined;
}

/** Why a (part of a) section holds no numbers, if it says so. */
export function skipReason(part: Skippable | undefined): string | undefined {
  if (part === undefined) return undefined;
  if (typeof part.skipped === 'string') return part.skipped;
  if (part.computable === false) return part.reason ?? '';
  return undefined;
}

/** A row field that is itself a record (`coupling`, `efficiency`, …). */
export function rowRecord<T>(row: ResultRow | undefined, field: string): T | undefined {
  const value = row?.[field];
  return isRecord(value) ? (value as T) : undefined;
}
