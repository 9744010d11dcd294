/**
 * The documented contract of results.json. It names every section and row
 * field that users and other programs may rely on, with its meaning; inner
 * details of a section may grow (objects are open), but the fields listed
 * here keep their names and types. `schemas/results.schema.json` is
 * generated from it (`npm run schemas`) and the tests check real results
 * against it.
 */
import { z } from 'zod';

const num = z.number();
const byId = (what: string) => z.record(z.string(), num).describe(what);
const skippable = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.looseObject({ skipped: z.string() })]);

const issue = z.looseObject({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  unit: z.string().optional(),
  year: z.number().int().optional(),
});

const grade = {
  grade: z.string().describe('coordination grade, English'),
  gradeZh: z.string().describe('coordination grade, Simplified Chinese'),
  gradeLevel: z.number().int().min(1).max(10).describe('1 extreme disorder … 10 quality coordination'),
};

/** One exploratory factor analysis: pooled, or one year of a per-year run. */
const efa = z.looseObject({
  eigenvalues: z.array(num),
  retained: z.number().int(),
  rotatedVariance: z.array(
    z.looseObject({ ss: num, percent: num, cumulativePercent: num }),
  ),
  communalities: byId('communality h² of each indicator'),
  rotatedLoadings: z.record(z.string(), z.array(num)),
  scoreCoefficients: z.record(z.string(), z.array(num)),
  kmo: z.unknown(),
  bartlett: z.unknown(),
});

const row = z.looseObject({
  unit: z.string(),
  year: z.number().int(),
  values: byId('raw indicator values as read'),
  normalized: byId('min-max normalized values, direction-adjusted, in [0, 1]').optional(),
  subsystemIndex: byId('subsystem index U_k = Σ w_jk v_ij, in [0, 1]').optional(),
  coupling: z
    .looseObject({ C: num, T: num, D: num, ...grade })
    .describe('coupling degree C, comprehensive index T, coordination degree D')
    .optional(),
  factorScores: z.array(num).describe('scores of the retained rotated components').optional(),
  composite: num.describe('F = Σ (variance share of factor k) × F_k').optional(),
  rank: z.number().int().describe('rank of the composite within the year, 1 = best').optional(),
  efficiency: z
    .looseObject({
      crs: num.nullable().describe('CCR (constant returns) efficiency'),
      vrs: num.nullable().describe('BCC (variable returns) efficiency'),
      scale: num.nullable().describe('scale efficiency crs / vrs'),
      rts: z.string().nullable().describe('returns to scale: increasing, constant or decreasing'),
      super: num.nullable().optional().describe('Andersen–Petersen super-efficiency'),
    })
    .optional(),
  tier: z.string().describe('development tier, A leaders … catch-up').optional(),
});

export const resultsSchema = z.looseObject({
  schemaVersion: z.literal(1),
  run: z.looseObject({
    runId: z.string(),
    dataset: z.string().optional(),
    startedAt: z.string(),
    finishedAt: z.string(),
    softwareVersion: z.string(),
    inputs: z.array(z.looseObject({ file: z.string(), sha256: z.string() })),
    modelName: z.string(),
    modelSha256: z.string(),
  }),
  model: z.looseObject({ name: z.string() }).describe('the indicator model with defaults applied'),
  validation: z.looseObject({
    valid: z.boolean(),
    errors: z.array(issue),
    warnings: z.array(issue).describe('every warning of every step'),
    units: z.number().int(),
    years: z.number().int(),
    rows: z.number().int(),
  }),
  steps: z.record(
    z.string(),
    z.looseObject({
      status: z.enum(['done', 'skipped']),
      reason: z.string().optional(),
      durationMs: num.optional(),
    }),
  ),
  rows: z.array(row),
  weights: z
    .looseObject({
      global: byId('entropy weights over all indicators, summing to 1'),
      withinSubsystem: byId('entropy weights renormalized within each subsystem'),
      entropy: byId('entropy e_j'),
      divergence: byId('divergence d_j = 1 − e_j'),
    })
    .optional(),
  coupling: z
    .looseObject({ formula: z.enum(['classic', 'modified']), weights: byId('α_k of T') })
    .optional(),
  factorAnalysis: skippable(
    z.union([
      efa,
      z.looseObject({
        scope: z.literal('per-year'),
        byYear: z
          .array(efa.extend({ year: z.number().int() }))
          .describe('one exploratory factor analysis per year (analysis.factor.scope "per-year")'),
      }),
    ]),
  ).optional(),
  reliability: skippable(
    z.looseObject({ alpha: num.nullable(), standardizedAlpha: num.nullable() }),
  ).optional(),
  cfa: z.unknown().optional(),
  dea: z.unknown().optional(),
  malmquist: z
    .array(
      z.looseObject({
        unit: z.string(),
        from: z.number().int(),
        to: z.number().int(),
        effch: num.nullable(),
        techch: num.nullable(),
        pech: num.nullable(),
        sech: num.nullable(),
        tfpch: num.nullable(),
      }),
    )
    .optional(),
  clustering: skippable(
    z.looseObject({
      method: z.string(),
      distance: z.string(),
      features: z.string(),
      k: z.number().int(),
      merges: z.array(z.looseObject({ a: num, b: num, height: num, size: num })),
      assignments: z.array(
        z.looseObject({ unit: z.string(), cluster: z.number().int(), tier: z.string() }),
      ),
    }),
  ).optional(),
  regression: skippable(
    z.looseObject({
      dependent: z.string(),
      predictors: z.array(z.string()),
      coefficients: z.array(
        z.looseObject({ name: z.string(), estimate: num, se: num, t: num, p: num }),
      ),
      r2: num,
      adjR2: num,
      f: num,
      fP: num,
    }),
  ).optional(),
});

/** The results' JSON Schema (draft 2020-12), as published for users. */
export function resultsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(resultsSchema, { unrepresentable: 'any' }),
    title: 'smartcity-eval results.json',
    description:
      'Per unit-year rows and one section per analysis. Sections of analyses that did not run are absent or hold { skipped: reason }.',
  };
}
