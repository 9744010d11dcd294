import { describe } from 'vitest';
import { modelsCase } from './arbitraries/cases.js';
import { fuzzProperty } from './harness/property.js';

describe('runPipeline on damaged model files', () => {
  fuzzProperty(
    'runPipeline(model with wrong types, unknown keys, huge arrays, deep nesting, broken JSON) ends in results or a model error listing its problems',
    modelsCase,
    60,
  );
});
