/**
 * Generated indicator models: 1–3 subsystems of 1–3 indicators each, random
 * directions and DEA roles, and every analysis option drawn from its
 * allowed values. Small on purpose, so that a case runs in a fraction of a
 * second and thousands fit in a local run.
 */
import fc from 'fast-check';

export interface GeneratedIndicator {
  readonly id: string;
  readonly name: string;
  readonly subsystem: string;
  readonly direction: 'positive' | 'negative';
  readonly dea?: 'input' | 'output' | 'undesirable-output';
}

export interface GeneratedModel {
  readonly name: string;
  readonly subsystems: readonly { readonly id: string; readonly name: string }[];
  readonly indicators: readonly GeneratedIndicator[];
  readonly analysis: Record<string, unknown>;
}

const direction = fc.constantFrom('positive' as const, 'negative' as const);
const deaRole = fc.constantFrom(undefined, 'input' as const, 'output' as const, 'undesirable-output' as const);

const retain = fc.oneof(
  fc.constant({ method: 'kaiser' }),
  fc.record({ method: fc.constant('count'), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ method: fc.constant('cumulative'), percent: fc.constantFrom(50, 80, 100) }),
);

/** Analysis options, each one of the values the model schema accepts. */
export const analysisOptions = fc.record({
  missing: fc.constantFrom('fail', 'interpolate', 'drop-unit'),
  allowNegative: fc.boolean(),
  normalization: fc.record({ scope: fc.constantFrom('pooled', 'per-year') }),
  entropy: fc.record({ shift: fc.constantFrom(0, 0, 0.01, 1) }),
  coupling: fc.record({ formula: fc.constantFrom('classic', 'modified') }),
  factor: fc.record({
    enabled: fc.boolean(),
    scope: fc.constantFrom('pooled', 'per-year'),
    retain,
    cfa: fc.record({ enabled: fc.boolean(), structure: fc.constantFrom('subsystems', 'efa') }),
  }),
  dea: fc.record({
    enabled: fc.boolean(),
    rts: fc.constantFrom('crs', 'vrs'),
    orientation: fc.constantFrom('input', 'output'),
    frontier: fc.constantFrom('per-year', 'pooled', 'longitudinal'),
    malmquist: fc.boolean(),
    superEfficiency: fc.boolean(),
    nonPositive: fc.constantFrom('error', 'translate'),
    undesirable: fc.constantFrom('input', 'translation'),
  }),
  clustering: fc.record({
    enabled: fc.boolean(),
    method: fc.constantFrom('ward', 'average', 'complete', 'single', 'centroid'),
    k: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom('jump', 'silhouette')),
    features: fc.constantFrom('indicators', 'factors', 'subsystems', 'composite'),
    kmeans: fc.boolean(),
  }),
  regression: fc.record({ enabled: fc.boolean() }),
});

/** A valid small model; the shape of its subsystems comes first. */
export const smallModel: fc.Arbitrary<GeneratedModel> = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
    analysisOptions,
  )
  .chain(([sizes, analysis]) => {
    const total = sizes.reduce((a, b) => a + b, 0);
    return fc
      .tuple(
        fc.array(direction, { minLength: total, maxLength: total }),
        fc.array(deaRole, { minLength: total, maxLength: total }),
      )
      .map(([directions, roles]) => {
        const indicators: GeneratedIndicator[] = [];
        sizes.forEach((size, s) => {
          for (let j = 0; j < size; j++) {
            const k = indicators.length;
            const role = roles[k];
            indicators.push({
              id: `S${s + 1}x${j + 1}`,
              name: `Indicator ${j + 1} of subsystem ${s + 1}`,
              subsystem: `S${s + 1}`,
              direction: directions[k],
              ...(role ? { dea: role } : {}),
            });
          }
        });
        return {
          name: 'generated model',
          subsystems: sizes.map((_, s) => ({ id: `S${s + 1}`, name: `Subsystem ${s + 1}` })),
          indicators,
          analysis,
        };
      });
  });
