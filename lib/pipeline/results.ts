import type { IndicatorModel } from '../model/schema.js';
import type { InputIssue } from './issues.js';
import type { StepName } from './step-list.js';

/**
 * The shape of results.json (documented for users by
 * schemas/results.schema.json). Analysis steps add top-level sections named
 * in their artifacts (`weights`, `coupling`, `factorAnalysis`, `reliability`,
 * `cfa`, `dea`, `malmquist`, `clustering`, `regression`, …) and fields to
 * the per unit-year rows (`subsystemIndex`, `coupling`, `factorScores`,
 * `composite`, `rank`, `efficiency`, `tier`, …).
 */
export interface Results {
  readonly schemaVersion: 1;
  readonly run: RunSummary;
  readonly model: IndicatorModel;
  readonly validation: ValidationReport;
  /** Which steps ran, which were skipped and why, and how long each took. */
  readonly steps: Readonly<Partial<Record<StepName, StepStatus>>>;
  readonly rows: readonly ResultRow[];
  readonly [section: string]: unknown;
}

export interface RunSummary {
  readonly runId: string;
  readonly dataset?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly softwareVersion: string;
  readonly inputs: readonly { readonly file: string; readonly sha256: string }[];
  readonly modelName: string;
  readonly modelSha256: string;
}

export interface StepStatus {
  readonly status: 'done' | 'skipped';
  readonly reason?: string;
  readonly durationMs?: number;
}

export interface ResultRow {
  readonly unit: string;
  readonly year: number;
  readonly [field: string]: unknown;
}

/** What the validate step writes: every finding, and what was read. */
export interface ValidationReport {
  readonly valid: boolean;
  readonly files: readonly { readonly file: string; readonly sha256: string; readonly rows: number; readonly encoding?: string }[];
  readonly errors: readonly InputIssue[];
  readonly warnings: readonly InputIssue[];
  readonly units: number;
  readonly years: number;
  readonly rows: number;
  readonly indicators: number;
  /** Missing-value treatment applied, and to which cells or units. */
  readonly missing?: {
    readonly policy: 'fail' | 'interpolate' | 'drop-unit';
    readonly interpolated: readonly { readonly unit: string; readonly year: number; readonly indicator: string }[];
    readonly droppedUnits: readonly string[];
  };
}
