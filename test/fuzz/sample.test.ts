import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { SAMPLE, sampleCase, sampleTable } from './arbitraries/cases.js';
import { fuzzProperty } from './harness/property.js';

describe('runPipeline on the damaged bundled sample under the default model', () => {
  fuzzProperty(
    'runPipeline(sample with hostile cells, damaged headers and rows, odd encodings; default model) ends in results or a clear input error',
    sampleCase(sampleTable(readFileSync(SAMPLE, 'utf8'))),
    15,
  );
});
