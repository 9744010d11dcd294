import { describe } from 'vitest';
import { cellsCase } from './arbitraries/cases.js';
import { fuzzProperty } from './harness/property.js';

describe('runPipeline on hostile cell texts', () => {
  fuzzProperty(
    'runPipeline(NaN, Infinity, 1e999, formulas, markup, full-width digits in cells) succeeds or names the row and column of a bad cell',
    cellsCase,
    60,
  );
});
