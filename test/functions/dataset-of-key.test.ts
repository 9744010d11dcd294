import { describe, expect, it } from 'vitest';
import { datasetOfKey } from '../../functions/commons/start-run.js';

describe('datasetOfKey(key)', () => {
  it('returns the folder under datasets/ of a file', () => {
    expect(datasetOfKey('datasets/shanghai/panel-2024.csv')).toBe('shanghai');
    expect(datasetOfKey('datasets/yangtze-delta/years/2020.xlsx')).toBe('yangtze-delta');
    expect(datasetOfKey('datasets/shanghai/model.json')).toBe('shanghai');
  });

  it('returns undefined outside datasets/, for folder markers and for files directly under datasets/', () => {
    expect(datasetOfKey('uploads/shanghai/panel.csv')).toBeUndefined();
    expect(datasetOfKey('datasets/shanghai/')).toBeUndefined();
    expect(datasetOfKey('datasets/panel.csv')).toBeUndefined();
    expect(datasetOfKey('datasets//panel.csv')).toBeUndefined();
  });
});
