import { describe } from 'vitest';
import { filesCase } from './arbitraries/cases.js';
import { fuzzProperty } from './harness/property.js';

describe('runPipeline on damaged files', () => {
  fuzzProperty(
    'runPipeline(duplicate headers, 10k-character names, blank and ragged rows, quoting mistakes, BOMs, UTF-16 without BOM, GBK, lone surrogates, one file per year) ends in results or a clear input error',
    filesCase,
    60,
  );
});
