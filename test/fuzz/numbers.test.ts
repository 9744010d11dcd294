import { describe } from 'vitest';
import { numbersCase } from './arbitraries/cases.js';
import { fuzzProperty } from './harness/property.js';

describe('runPipeline on extreme numbers and degenerate panels', () => {
  fuzzProperty(
    'runPipeline(1e300, 1e-300, constant, zero, collinear, signed columns; one unit, one year, unbalanced) ends in schema-valid results without NaN, or in a clear input error',
    numbersCase,
    60,
  );
});
