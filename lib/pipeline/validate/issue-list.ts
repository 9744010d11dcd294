import type { InputIssue } from '../issues.js';

/** Findings of each severity kept in a report; the rest are only counted. */
export const MAX_STORED_ISSUES = 1000;

/**
 * Collects findings with a cap per severity, so a badly broken 50 MB file
 * gives a report of a few hundred kilobytes rather than hundreds of
 * megabytes. What is left out is counted and summarized by one closing
 * finding (`more-errors` / `more-warnings`).
 */
export class IssueList {
  private readonly kept = { error: [] as InputIssue[], warning: [] as InputIssue[] };
  private readonly dropped = { error: 0, warning: 0 };

  constructor(private readonly cap: number = MAX_STORED_ISSUES) {}

  add(issue: InputIssue): void {
    const list = this.kept[issue.severity];
    if (list.length < this.cap) list.push(issue);
    else this.dropped[issue.severity]++;
  }

  addAll(issues: Iterable<InputIssue>): void {
    for (const issue of issues) this.add(issue);
  }

  /** Errors found so far, including those not kept. */
  get errorCount(): number {
    return this.kept.error.length + this.dropped.error;
  }

  get errors(): InputIssue[] {
    return withSummary(this.kept.error, this.dropped.error, 'error');
  }

  get warnings(): InputIssue[] {
    return withSummary(this.kept.warning, this.dropped.warning, 'warning');
  }
}

function withSummary(
  kept: InputIssue[],
  dropped: number,
  severity: InputIssue['severity'],
): InputIssue[] {
  if (dropped === 0) return [...kept];
  const noun = severity === 'error' ? 'errors' : 'warnings';
  return [
    ...kept,
    {
      severity,
      code: `more-${noun}`,
      message: `${dropped.toLocaleString('en-US')} more ${noun} were found and not listed; fix the ones above and validate again`,
    },
  ];
}
