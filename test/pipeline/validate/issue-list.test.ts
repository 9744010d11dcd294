import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../../lib/pipeline/issues.js';
import { IssueList } from '../../../lib/pipeline/validate/issue-list.js';

const issue = (severity: InputIssue['severity'], row: number): InputIssue => ({ severity, code: 'x', message: 'm', row });

describe('IssueList(cap)', () => {
  it('IssueList(3) keeps the first three of each severity and counts the rest', () => {
    const list = new IssueList(3);
    for (let row = 1; row <= 10; row++) list.add(issue('error', row));
    list.add(issue('warning', 1));

    expect(list.errorCount).toBe(10);
    expect(list.errors.map((e) => e.row)).toEqual([1, 2, 3, undefined]);
    expect(list.errors[3]).toMatchObject({ severity: 'error', code: 'more-errors' });
    expect(list.errors[3].message).toContain('7 more errors');
    expect(list.warnings).toEqual([issue('warning', 1)]);
  });

  it('IssueList() keeps a 50,000-error input to 1,001 stored findings', () => {
    const list = new IssueList();
    for (let row = 0; row < 50_000; row++) list.add(issue('error', row));
    expect(list.errors).toHaveLength(1001);
    expect(list.errorCount).toBe(50_000);
  });
});
