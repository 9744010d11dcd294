import {
  ALPHA_SUM_TOLERANCE,
  COORDINATION_SCALE,
  type CouplingFormula,
  coordinationGrade,
  couplingCoordination,
} from '../../analysis/coupling/index.js';
import type { IndicatorModel } from '../../model/schema.js';
import { readModel, readStepArtifact, timed, writeStepArtifact } from '../artifacts.js';
import { InvalidModelError } from '../errors.js';
import type { RowContribution, StepArtifact, StepFunction } from '../step.js';

/**
 * Coupling coordination of the subsystems, from the subsystem indices U
 * that the normalize step wrote.
 *
 * Per unit-year row it writes `coupling: { C, T, D, grade, gradeLevel,
 * gradeZh }` computed with `model.analysis.coupling.formula`, and the other
 * formula's `{ C, D, grade, gradeLevel, gradeZh }` beside it, so both can be
 * compared: `couplingModified` when the formula is classic (the default),
 * `couplingClassic` when it is modified. T does not depend on the formula.
 *
 * The `coupling` section holds the formula, the weights α of T by
 * subsystem id (equal unless `model.analysis.coupling.weights` gives them;
 * given weights must name every subsystem and sum to 1), the ten-level
 * grade scale, and per year the mean C, T and D over units.
 *
 * Skips when normalize was skipped or the model has fewer than two
 * subsystems (coupling needs at least two).
 */
export const couplingStep: StepFunction = async (ctx) => {
  const { value: artifact, ms } = await timed(async () => {
    const [model, normalize] = await Promise.all([
      readModel(ctx),
      readStepArtifact(ctx, 'normalize'),
    ]);
    if (normalize.skipped !== undefined) {
      return skipped('the normalize step was skipped, so there are no subsystem indices');
    }
    const subsystems = model.subsystems.map((s) => s.id);
    if (subsystems.length < 2) {
      return skipped(`coupling needs at least two subsystems; the model has ${subsystems.length}`);
    }
    return coordinate(model, subsystems, normalize.rows ?? []);
  });
  const summary = { rows: artifact.rows?.length ?? 0 };
  return writeStepArtifact(ctx, { ...artifact, durationMs: ms }, summary);
};

function coordinate(
  model: IndicatorModel,
  subsystems: readonly string[],
  input: readonly RowContribution[],
): StepArtifact {
  const formula = model.analysis.coupling.formula;
  const other: CouplingFormula = formula === 'classic' ? 'modified' : 'classic';
  const alpha = contributionWeights(model, subsystems);
  const alphaVector = subsystems.map((id) => alpha[id]);

  const rows: RowContribution[] = input.map((row) => {
    const u = indicesOf(row, subsystems);
    const main = couplingCoordination(u, { formula, alpha: alphaVector });
    const second = couplingCoordination(u, { formula: other, alpha: alphaVector });
    return {
      unit: row.unit,
      year: row.year,
      fields: {
        coupling: { C: main.C, T: main.T, D: main.D, ...gradeFields(main.D) },
        [other === 'modified' ? 'couplingModified' : 'couplingClassic']: {
          C: second.C,
          D: second.D,
          ...gradeFields(second.D),
        },
      },
    };
  });

  return {
    step: 'coupling',
    sections: {
      coupling: {
        formula,
        weights: alpha,
        scale: COORDINATION_SCALE,
        summary: perYearMeans(rows),
      },
    },
    rows,
  };
}

/** α by subsystem id: the model's, checked to name every subsystem, or equal. */
function contributionWeights(
  model: IndicatorModel,
  subsystems: readonly string[],
): Record<string, number> {
  const given = model.analysis.coupling.weights;
  if (given === undefined) {
    return Object.fromEntries(subsystems.map((id) => [id, 1 / subsystems.length]));
  }

  const missing = subsystems.filter((id) => given[id] === undefined);
  const total = subsystems.reduce((sum, id) => sum + (given[id] ?? 0), 0);
  const problems = [
    ...missing.map((id) => `analysis.coupling.weights: no weight given for subsystem "${id}"`),
    ...(Math.abs(total - 1) > ALPHA_SUM_TOLERANCE
      ? [`analysis.coupling.weights: the weights must sum to 1, they sum to ${total}`]
      : []),
  ];
  if (problems.length > 0) throw new InvalidModelError('model', problems);
  return Object.fromEntries(subsystems.map((id) => [id, given[id]]));
}

function indicesOf(row: RowContribution, subsystems: readonly string[]): number[] {
  const index = row.fields.subsystemIndex as Readonly<Record<string, number>> | undefined;
  return subsystems.map((id) => {
    const value = index?.[id];
    if (typeof value !== 'number') {
      throw new RangeError(`coupling: no index of subsystem "${id}" for ${row.unit} ${row.year} in the normalize artifact`);
    }
    return value;
  });
}

function gradeFields(d: number) {
  const band = coordinationGrade(d);
  return { grade: band.name, gradeLevel: band.level, gradeZh: band.nameZh };
}

interface YearSummary {
  readonly year: number;
  readonly units: number;
  readonly meanC: number;
  readonly meanT: number;
  readonly meanD: number;
}

function perYearMeans(rows: readonly RowContribution[]): YearSummary[] {
  const byYear = new Map<number, { C: number; T: number; D: number }[]>();
  for (const row of rows) {
    const c = row.fields.coupling as { C: number; T: number; D: number };
    const list = byYear.get(row.year) ?? [];
    list.push(c);
    byYear.set(row.year, list);
  }
  const mean = (list: readonly { C: number; T: number; D: number }[], key: 'C' | 'T' | 'D') =>
    list.reduce((sum, c) => sum + c[key], 0) / list.length;
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, list]) => ({
      year,
      units: list.length,
      meanC: mean(list, 'C'),
      meanT: mean(list, 'T'),
      meanD: mean(list, 'D'),
    }));
}

function skipped(reason: string): StepArtifact {
  return { step: 'coupling', skipped: reason, sections: {} };
}
