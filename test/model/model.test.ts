import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema } from '../../lib/model/json-schema.js';
import { defaultModel, parseModel } from '../../lib/model/load-model.js';
import { InvalidModelError } from '../../lib/pipeline/errors.js';

const minimal = {
  name: 'Two subsystems',
  subsystems: [
    { id: 'E', name: 'Economy' },
    { id: 'G', name: 'Green' },
  ],
  indicators: [
    { id: 'gdp', name: 'GDP', subsystem: 'E', direction: 'positive' },
    { id: 'waste', name: 'Waste', subsystem: 'G', direction: 'negative' },
  ],
};

function problemsOf(model: unknown): string[] {
  try {
    parseModel(JSON.stringify(model), 'model.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidModelError);
    return [...(error as InvalidModelError).problems];
  }
  throw new Error('the model was accepted');
}

describe('default model', () => {
  it('is the 21-indicator system in three subsystems and seven dimensions', () => {
    const model = defaultModel();
    expect(model.indicators).toHaveLength(21);
    expect(model.subsystems.map((s) => s.id)).toEqual(['A', 'B', 'C']);
    const count = (s: string) => model.indicators.filter((i) => i.subsystem === s).length;
    expect([count('A'), count('B'), count('C')]).toEqual([8, 9, 4]);
    expect(new Set(model.indicators.map((i) => i.dimension)).size).toBe(7);
  });

  it('marks the secondary-industry share and solid waste as negative', () => {
    const negative = defaultModel()
      .indicators.filter((i) => i.direction === 'negative')
      .map((i) => i.id);
    expect(negative).toEqual(['B5', 'C3']);
  });

  it('fills in every analysis default', () => {
    const { analysis } = defaultModel();
    expect(analysis.missing).toBe('fail');
    expect(analysis.coupling.formula).toBe('classic');
    expect(analysis.factor.retain).toEqual({ method: 'kaiser' });
    expect(analysis.clustering.k).toBe(3);
  });
});

describe('parseModel(text, file)', () => {
  it('accepts a minimal model and applies defaults', () => {
    const model = parseModel(JSON.stringify(minimal), 'model.json');
    expect(model.analysis.normalization.scope).toBe('pooled');
  });

  it('accepts a UTF-8 byte-order mark', () => {
    expect(parseModel(`\uFEFF${JSON.stringify(minimal)}`, 'model.json').name).toBe(
      'Two subsystems',
    );
  });

  it('rejects unknown keys, naming their path', () => {
    const problems = problemsOf({
      ...minimal,
      indicators: [{ ...minimal.indicators[0], weight: 2 }, minimal.indicators[1]],
    });
    expect(problems.join('\n')).toMatch(/indicators\[0\].*weight/);
  });

  it('rejects a misspelt analysis option', () => {
    expect(problemsOf({ ...minimal, analysis: { clustering: { linkage: 'ward' } } }).join()).toMatch(
      /analysis\.clustering/,
    );
  });

  it('rejects a direction other than positive or negative', () => {
    const problems = problemsOf({
      ...minimal,
      indicators: [{ ...minimal.indicators[0], direction: 'up' }, minimal.indicators[1]],
    });
    expect(problems.join()).toMatch(/indicators\[0\]\.direction/);
  });

  it('rejects duplicate ids and unknown subsystems', () => {
    const problems = problemsOf({
      ...minimal,
      indicators: [
        minimal.indicators[0],
        { ...minimal.indicators[1], id: 'gdp', subsystem: 'X' },
      ],
    });
    expect(problems.join('\n')).toMatch(/"gdp" is used twice/);
    expect(problems.join('\n')).toMatch(/subsystem "X"/);
  });

  it('rejects text that is not JSON, naming the file', () => {
    expect(() => parseModel('{ name: ', 'my-model.json')).toThrow(/my-model\.json.*not valid JSON/s);
  });
});

describe('schemas/model.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run npm run schemas)', () => {
    const committed = JSON.parse(readFileSync('schemas/model.schema.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(modelJsonSchema())));
  });
});

describe('coupling weights in the model', () => {
  it('must name every subsystem and add up to 1', () => {
    const partial = problemsOf({ ...minimal, analysis: { coupling: { weights: { E: 1 } } } });
    expect(partial.join('\n')).toMatch(/missing: G/);
    const off = problemsOf({ ...minimal, analysis: { coupling: { weights: { E: 0.5, G: 0.6 } } } });
    expect(off.join('\n')).toMatch(/add up to 1/);
    const ok = parseModel(
      JSON.stringify({ ...minimal, analysis: { coupling: { weights: { E: 0.4, G: 0.6 } } } }),
      'model.json',
    );
    expect(ok.analysis.coupling.weights).toEqual({ E: 0.4, G: 0.6 });
  });
});
