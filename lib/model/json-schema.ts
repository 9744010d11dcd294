import { z } from 'zod';
import { modelSchema } from './schema.js';

/** The model's JSON Schema (draft 2020-12), as written for editors. */
export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(modelSchema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: 'smartcity-eval indicator model',
    description:
      'Indicators, their subsystems and directions, and the options of each analysis step.',
  };
}
