import type { InputIssue } from '../../lib/pipeline/issues.js';
import type { ValidationReport } from '../../lib/pipeline/results.js';

export interface ErrorReportInput {
  readonly runId: string;
  readonly dataset: string;
  /** Title of the step that failed. */
  readonly step: string;
  /** Error name, e.g. InvalidInputError or Lambda.Unknown. */
  readonly error: string;
  readonly message: string;
  readonly finishedAt: string;
  /** The validation report, when validation wrote one. */
  readonly validation?: ValidationReport;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function issueRows(issues: readonly InputIssue[]): string {
  return issues
    .map(
      (i) =>
        `<tr><td>${escape(i.severity)}</td><td>${escape(i.file ?? '')}</td>` +
        `<td>${i.row ?? ''}</td><td>${escape(i.column ?? '')}</td>` +
        `<td>${escape(i.code)}</td><td>${escape(i.message)}</td></tr>`,
    )
    .join('\n');
}

/**
 * A self-contained HTML page that tells a data owner why a run failed. For
 * invalid data it lists every finding of the validation report (file, row,
 * column, what is wrong), so the file can be fixed and uploaded again.
 */
export function renderErrorReport(input: ErrorReportInput): string {
  const v = input.validation;
  const findings =
    v === undefined
      ? ''
      : `<h2>Validation report</h2>
<p>${v.errors.length} error(s), ${v.warnings.length} warning(s);
${v.units} unit(s), ${v.years} year(s), ${v.rows} row(s) read.</p>
<table><thead><tr><th>severity</th><th>file</th><th>row</th><th>column</th><th>code</th><th>what is wrong</th></tr></thead>
<tbody>
${issueRows([...v.errors, ...v.warnings])}
</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Run failed: ${escape(input.dataset)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head>
<body>
<h1>The evaluation of “${escape(input.dataset)}” failed</h1>
<dl><dt>Run</dt><dd>${escape(input.runId)}</dd>
<dt>Step</dt><dd>${escape(input.step)}</dd>
<dt>Error</dt><dd>${escape(input.error)}</dd>
<dt>Time</dt><dd>${escape(input.finishedAt)}</dd></dl>
<pre>${escape(input.message)}</pre>
${findings}
<p>The uploaded files were not changed. Fix the problem and upload the file again to start a new run.</p>
</body></html>
`;
}
