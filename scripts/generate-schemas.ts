/**
 * Writes schemas/model.schema.json and schemas/results.schema.json from the
 * zod schemas, so editors can check model files and users can rely on the
 * results' shape. A test fails when a committed file is out of date.
 *
 *   npm run schemas
 */
import { writeFileSync } from 'node:fs';
import { modelJsonSchema } from '../lib/model/json-schema.js';
import { resultsJsonSchema } from '../lib/pipeline/results-schema.js';

const write = (file: string, schema: unknown) =>
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);

write('schemas/model.schema.json', modelJsonSchema());
write('schemas/results.schema.json', resultsJsonSchema());
