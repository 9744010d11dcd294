import type { InputIssue } from '../../pipeline/issues.js';
import type { ValidationReport } from '../../pipeline/results.js';
import type { ReportContext } from '../context.js';
import { type Html, html, table } from '../html.js';

/**
 * Validation findings the page lists; validation.json, written beside the
 * report, holds all of them. A damaged file of a large panel can raise one
 * per cell, and a page of tens of thousands of rows helps no reader.
 */
const ISSUES_SHOWN = 200;

/**
 * Data quality: the files read, the validation errors and warnings (the
 * first ISSUES_SHOWN of them), missing-value treatment.
 */
export function qualitySection(ctx: ReportContext): Html {
  const { loc } = ctx;
  const v = ctx.results.validation;
  const files = table({
    head: [loc.t('file'), loc.t('rows'), loc.t('encoding'), loc.t('sha256')],
    rows: v.files.map((f) => [
      f.file,
      loc.int(f.rows),
      f.encoding ?? '',
      html`<code class="hash">${f.sha256}</code>`,
    ]),
    numeric: [1],
    rowHeaders: true,
  });
  const issues = [...v.errors, ...v.warnings];
  const severity = (level: 'error' | 'warning') =>
    html`<span class="sev-${level}">${loc.t(level)}</span>`;
  const where = (i: InputIssue) =>
    [i.file, i.row !== undefined ? `row ${i.row}` : undefined, i.column, i.unit, i.year]
      .filter((p) => p !== undefined && p !== '')
      .join(' · ');
  const list =
    issues.length === 0
      ? html`<p class="ok">${loc.t('qualityOk')}</p>`
      : html`<p>${loc.t('warningsCount', { n: issues.length })}${
          issues.length > ISSUES_SHOWN
            ? html` ${loc.t('issuesShown', { shown: loc.int(ISSUES_SHOWN) })}`
            : ''
        }</p>${table({
          head: [loc.t('severity'), loc.t('code'), loc.t('message'), loc.t('where')],
          rows: issues.slice(0, ISSUES_SHOWN).map((i) => [
            severity(i.severity === 'error' ? 'error' : 'warning'),
            html`<code>${i.code}</code>`,
            i.message,
            where(i),
          ]),
        })}`;
  const missing = v.missing ? missingNote(ctx, v.missing) : '';
  return html`<h3>${loc.t('files')}</h3>${files}${missing}${list}`;
}

/** The missing-value policy and what it did. */
function missingNote(ctx: ReportContext, missing: NonNullable<ValidationReport['missing']>): Html {
  const { loc } = ctx;
  const interpolated = missing.interpolated.length;
  const dropped = missing.droppedUnits;
  return html`<p>${loc.t('missingPolicy', { policy: missing.policy })}${
    interpolated > 0 ? html` ${loc.t('interpolated', { n: interpolated })}` : ''
  }${dropped.length > 0 ? html` ${loc.t('droppedUnits', { units: dropped.join(', ') })}` : ''}</p>`;
}
