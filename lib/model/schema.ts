/**
 * The indicator model: which indicators a data file holds, how they group
 * into subsystems, which way is "better" for each, and the options of every
 * analysis step. Unknown keys are rejected everywhere, so a misspelt option
 * fails loudly instead of being ignored.
 *
 * `schemas/model.schema.json` is generated from this file
 * (`npm run schemas`) for editors that understand JSON Schema.
 */
import { z } from 'zod';

const identifier = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/,
    'an id starts with a letter and holds only letters, digits, "_", "." or "-" (at most 64)',
  );

const label = z.string().trim().min(1).max(200);

export const subsystemSchema = z.strictObject({
  id: identifier,
  name: label,
  /** Simplified Chinese name, used when the report is written in Chinese. */
  nameZh: label.optional(),
});

export const indicatorSchema = z.strictObject({
  id: identifier,
  name: label,
  nameZh: label.optional(),
  unit: z.string().max(60).optional(),
  subsystem: identifier,
  dimension: label.optional(),
  /** positive: larger is better; negative: smaller is better. */
  direction: z.enum(['positive', 'negative']),
  /** Role of the indicator in data envelopment analysis, if any. */
  dea: z.enum(['input', 'output', 'undesirable-output']).optional(),
});

const scope = z.enum(['pooled', 'per-year']);

export const analysisSchema = z.strictObject({
  /** How missing cells are handled: stop, interpolate within a unit, or drop the unit. */
  missing: z.enum(['fail', 'interpolate', 'drop-unit']).default('fail'),
  /** Whether negative values are allowed in the raw data. */
  allowNegative: z.boolean().default(false),
  normalization: z
    .strictObject({
      /** Min and max over all rows (pooled) or within each year. */
      scope: scope.default('pooled'),
    })
    .prefault({}),
  entropy: z
    .strictObject({
      /**
       * Constant added to every normalized value before the entropy method,
       * so that no share is exactly zero. 0 keeps the textbook method.
       */
      shift: z.number().min(0).max(1).default(0),
    })
    .prefault({}),
  coupling: z
    .strictObject({
      /** classic: Liao's C; modified: Wang et al. (2021). */
      formula: z.enum(['classic', 'modified']).default('classic'),
      /** Contribution weights α_k of T, keyed by subsystem id; equal by default. */
      weights: z.record(z.string(), z.number().min(0)).optional(),
    })
    .prefault({}),
  factor: z
    .strictObject({
      enabled: z.boolean().default(true),
      scope: scope.default('pooled'),
      retain: z
        .discriminatedUnion('method', [
          z.strictObject({ method: z.literal('kaiser') }),
          z.strictObject({
            method: z.literal('count'),
            count: z.number().int().min(1),
          }),
          z.strictObject({
            method: z.literal('cumulative'),
            percent: z.number().gt(0).max(100),
          }),
        ])
        .default({ method: 'kaiser' }),
      cfa: z
        .strictObject({
          enabled: z.boolean().default(true),
          structure: z.enum(['subsystems', 'efa', 'custom']).default('subsystems'),
          /** For `custom`: factor name → indicator ids. */
          factors: z.record(z.string(), z.array(identifier).min(2)).optional(),
        })
        .prefault({}),
    })
    .prefault({}),
  dea: z
    .strictObject({
      enabled: z.boolean().default(true),
      rts: z.enum(['crs', 'vrs']).default('vrs'),
      orientation: z.enum(['input', 'output']).default('input'),
      frontier: z.enum(['per-year', 'pooled', 'longitudinal']).default('per-year'),
      malmquist: z.boolean().default(true),
      superEfficiency: z.boolean().default(false),
      /** What to do with zero or negative DEA data: stop, or translate and report. */
      nonPositive: z.enum(['error', 'translate']).default('error'),
      /**
       * How indicators with the role `undesirable-output` enter DEA: as extra
       * inputs (less is better), or translated (w − b) and kept as outputs
       * after Seiford & Zhu (2002), which suits vrs only.
       */
      undesirable: z.enum(['input', 'translation']).default('input'),
    })
    .prefault({}),
  clustering: z
    .strictObject({
      enabled: z.boolean().default(true),
      /**
       * Agglomeration on z-scored features: Ward (heights as R's ward.D2),
       * or average (SPSS's between-groups default), complete, single or
       * centroid linkage on squared Euclidean distance.
       */
      method: z
        .enum(['ward', 'average', 'complete', 'single', 'centroid'])
        .default('ward'),
      /**
       * Number of tiers, or how to choose it: `jump` (largest gap between
       * merge heights) or `silhouette` (best average width), k = 2…10.
       */
      k: z.union([z.number().int().min(1), z.enum(['jump', 'silhouette'])]).default(3),
      /**
       * composite: each unit's composite score in every year (a unit must
       * have all years); the others: the unit's mean over its years.
       */
      features: z
        .enum(['indicators', 'factors', 'subsystems', 'composite'])
        .default('composite'),
      /** Refine the cut by k-means started at its centroids (deterministic). */
      kmeans: z.boolean().default(false),
    })
    .prefault({}),
  regression: z
    .strictObject({
      enabled: z.boolean().default(true),
      /**
       * Predictors of the composite score (subsystem or indicator ids; the
       * latter enter as normalized values); the subsystem indices by
       * default. OLS with an intercept over all unit-year rows.
       */
      predictors: z.array(z.string()).optional(),
    })
    .prefault({}),
  report: z
    .strictObject({
      language: z.enum(['en', 'zh']).default('en'),
      title: label.optional(),
    })
    .prefault({}),
});

export const modelSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: label,
    description: z.string().max(2000).optional(),
    subsystems: z.array(subsystemSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
    analysis: analysisSchema.prefault({}),
  })
  .superRefine((model, ctx) => {
    const subsystemIds = new Set<string>();
    model.subsystems.forEach((s, i) => {
      if (subsystemIds.has(s.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['subsystems', i, 'id'],
          message: `subsystem id "${s.id}" is used twice`,
        });
      }
      subsystemIds.add(s.id);
    });
    const indicatorIds = new Set<string>();
    model.indicators.forEach((ind, i) => {
      if (indicatorIds.has(ind.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'id'],
          message: `indicator id "${ind.id}" is used twice`,
        });
      }
      indicatorIds.add(ind.id);
      if (!subsystemIds.has(ind.subsystem)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'subsystem'],
          message: `indicator "${ind.id}" names subsystem "${ind.subsystem}", which the model does not define`,
        });
      }
    });
    for (const s of model.subsystems) {
      if (!model.indicators.some((ind) => ind.subsystem === s.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['subsystems'],
          message: `subsystem "${s.id}" has no indicators`,
        });
      }
    }
    const alpha = model.analysis.coupling.weights;
    if (alpha) {
      const path = ['analysis', 'coupling', 'weights'];
      for (const key of Object.keys(alpha)) {
        if (!subsystemIds.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, key],
            message: `coupling weight given for unknown subsystem "${key}"`,
          });
        }
      }
      const missing = [...subsystemIds].filter((id) => alpha[id] === undefined);
      if (missing.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `coupling weights must name every subsystem; missing: ${missing.join(', ')}`,
        });
      }
      const sum = Object.values(alpha).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-9) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `coupling weights must add up to 1 (they add up to ${sum})`,
        });
      }
    }
  });

/** A model as written in a file (defaults not yet applied). */
export type ModelInput = z.input<typeof modelSchema>;
/** A validated model with every default filled in. */
export type IndicatorModel = z.output<typeof modelSchema>;
export type Indicator = IndicatorModel['indicators'][number];
export type Subsystem = IndicatorModel['subsystems'][number];
export type AnalysisOptions = IndicatorModel['analysis'];
