import {
  type ConstantColumn,
  type Direction,
  minMaxNormalize,
} from '../../analysis/normalize/index.js';
import {
  entropyWeights,
  subsystemIndices,
  withinGroupWeights,
} from '../../analysis/entropy/index.js';
import type { IndicatorModel } from '../../model/schema.js';
import { readModel, readPanel, timed, writeStepArtifact } from '../artifacts.js';
import { PipelineError } from '../errors.js';
import type { InputIssue } from '../issues.js';
import type { Panel } from '../panel.js';
import type { RowContribution, StepArtifact, StepFunction } from '../step.js';

/**
 * Normalizes the panel, weights the indicators by the entropy method and
 * builds one index per subsystem.
 *
 * - Normalization: min-max with each indicator's direction, over all rows
 *   or within each year (`model.analysis.normalization.scope`). A constant
 *   indicator becomes 1 everywhere and is reported as a `constant-column`
 *   warning.
 * - Weights: the entropy method over all rows of the panel, whatever the
 *   scope, so that every unit and year is scored with one set of weights
 *   (`model.analysis.entropy.shift` is added before the shares are formed).
 *   Weights are then renormalized within each subsystem.
 * - Subsystem index U = Σ_j w_j v_j within the subsystem, in [0, 1].
 *
 * Writes the `weights` section and, per unit-year row, the fields
 * `normalized` {indicator id: v} and `subsystemIndex` {subsystem id: U}.
 * Skips when the panel has fewer than two rows (no range to normalize by).
 */
export const normalizeStep: StepFunction = async (ctx) => {
  const { value: artifact, ms } = await timed(async () => {
    const [model, panel] = await Promise.all([readModel(ctx), readPanel(ctx)]);
    const n = panel.rows.length;
    return n < 2
      ? skipped(`the panel has ${n} row${n === 1 ? '' : 's'}; normalization needs at least two`)
      : normalizeAndWeight(model, panel);
  });
  return writeStepArtifact(ctx, { ...artifact, durationMs: ms }, summaryOf(artifact));
};

function normalizeAndWeight(model: IndicatorModel, panel: Panel): StepArtifact {
  const columns = indicatorColumns(model, panel);
  const { scope } = model.analysis.normalization;
  const { shift } = model.analysis.entropy;
  const x = panel.rows.map((r) => r.values);

  const normalized = minMaxNormalize(
    x,
    columns.map((c) => c.direction),
    scope === 'per-year' ? { groups: panel.rows.map((r) => r.year) } : {},
  );
  const entropy = entropyWeights(normalized.values, { shift });
  const subsystemOf = columns.map((c) => c.subsystem);
  const within = withinGroupWeights(entropy.weights, subsystemOf);
  const subsystems = model.subsystems.map((s) => s.id).filter((id) => within.groups.includes(id));
  const u = subsystemIndices(normalized.values, within.weights, subsystemOf, subsystems);

  const byId = (values: readonly number[]) =>
    Object.fromEntries(panel.indicators.map((id, j) => [id, values[j]]));
  const rows: RowContribution[] = panel.rows.map((r, i) => ({
    unit: r.unit,
    year: r.year,
    fields: {
      normalized: byId(normalized.values[i]),
      subsystemIndex: Object.fromEntries(subsystems.map((id, k) => [id, u[i][k]])),
    },
  }));

  return {
    step: 'normalize',
    sections: {
      weights: {
        global: byId(entropy.weights),
        withinSubsystem: byId(within.weights),
        entropy: byId(entropy.entropy),
        divergence: byId(entropy.divergence),
        method: 'entropy',
        scope,
        shift,
      },
    },
    rows,
    warnings: [
      ...normalized.constantColumns.map((c) => constantColumnIssue(c, panel)),
      ...weightIssues(entropy.equalWeightsFallback, within.equalWeightGroups),
    ],
  };
}

interface IndicatorColumn {
  readonly direction: Direction;
  readonly subsystem: string;
}

/** Direction and subsystem of each panel column, from the model. */
function indicatorColumns(model: IndicatorModel, panel: Panel): IndicatorColumn[] {
  return panel.indicators.map((id) => {
    const indicator = model.indicators.find((ind) => ind.id === id);
    if (!indicator) {
      throw new PipelineError(`normalize: the panel has indicator "${id}", which the model does not define`);
    }
    return { direction: indicator.direction, subsystem: indicator.subsystem };
  });
}

function constantColumnIssue(c: ConstantColumn, panel: Panel): InputIssue {
  const id = panel.indicators[c.column];
  const where = c.group === undefined ? 'in every row' : `in every row of ${c.group}`;
  return {
    severity: 'warning',
    code: 'constant-column',
    column: id,
    ...(c.group !== undefined ? { year: c.group } : {}),
    message: `indicator ${id} has the same value (${c.value}) ${where}; it was normalized to 1 and carries no entropy weight`,
  };
}

function weightIssues(equalWeights: boolean, equalWeightGroups: readonly string[]): InputIssue[] {
  const issues: InputIssue[] = [];
  if (equalWeights) {
    issues.push({
      severity: 'warning',
      code: 'equal-weights',
      message: 'no indicator varies enough to carry entropy weight; all indicators were weighted equally',
    });
  }
  for (const id of equalWeightGroups) {
    issues.push({
      severity: 'warning',
      code: 'equal-subsystem-weights',
      message: `no indicator of subsystem ${id} carries entropy weight; its indicators were weighted equally within it`,
    });
  }
  return issues;
}

function skipped(reason: string): StepArtifact {
  return { step: 'normalize', skipped: reason, sections: {} };
}

function summaryOf(artifact: StepArtifact): Record<string, number> {
  return { rows: artifact.rows?.length ?? 0, warnings: artifact.warnings?.length ?? 0 };
}
