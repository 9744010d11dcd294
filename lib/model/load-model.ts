import defaultModelJson from './default-model.json' with { type: 'json' };
import { InvalidModelError } from '../pipeline/errors.js';
import { type IndicatorModel, modelSchema } from './schema.js';

/**
 * Parses and validates a model from JSON text. Problems are listed with the
 * path of the offending key, e.g. `indicators[3].direction: …`.
 */
export function parseModel(text: string, file: string): IndicatorModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidModelError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return validateModel(raw, file);
}

export function validateModel(raw: unknown, file: string): IndicatorModel {
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new InvalidModelError(file, problems);
  }
  return parsed.data;
}

/** The source paper's 21-indicator system, with every default applied. */
export function defaultModel(): IndicatorModel {
  return validateModel(structuredClone(defaultModelJson), 'default model');
}
