/**
 * A finding about the input: where it is and what is wrong, in words a data
 * owner can act on. Rows are 1-based as a spreadsheet shows them (the header
 * is row 1); columns are header names.
 */
export interface InputIssue {
  readonly severity: 'error' | 'warning';
  /** A stable machine-readable code, such as `non-numeric` or `duplicate-row`. */
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly unit?: string;
  readonly year?: number;
}

/** "file, row 7, column A3: message" — the form every CLI message uses. */
export function formatIssue(issue: InputIssue): string {
  const where = [
    issue.file,
    issue.row !== undefined ? `row ${issue.row}` : undefined,
    issue.column !== undefined ? `column ${issue.column}` : undefined,
  ].filter((part) => part !== undefined);
  return where.length > 0 ? `${where.join(', ')}: ${issue.message}` : issue.message;
}
