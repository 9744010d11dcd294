/**
 * Writes schemas/model.schema.json from the zod model schema, so editors can
 * check and complete model files. A test fails when the committed file is
 * out of date.
 *
 *   npm run schemas
 */
import { writeFileSync } from 'node:fs';
import { modelJsonSchema } from '../lib/model/json-schema.js';

writeFileSync('schemas/model.schema.json', `${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
