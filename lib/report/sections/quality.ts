import type { InputIssue } from '../../pipeline/issues.js';
import type { ReportContext } from '../context.js';
import { type Html, html, table } from '../html.js';

/** Data quality: the files read, every validation error and warning, missing-value treatment. */
export function qualitySection(ctx: ReportContext): Html {
  const { loc } = ctx;
  const v = ctx.results.validation;
  const files = table({
    head: [loc.t('file'), loc.t('rows'), loc.t('encoding'), loc.t('sha256')],
    rows: v.files.map((f) => [f.file, loc.int(f.rows), f.encoding ?? '', html`<code class="hash">${f.sha256}</code>`]),
    numeric: [1],
    rowHeaders: true,
  });
  const issues = [...v.errors, ...v.warnings];
  const where = (i: InputIssue) =>
    [i.file, i.row !== undefined ? `row ${i.row}` : undefined, i.column, i.unit, i.year]
      .filter((p) => p !== undefined && p !== '')
      .join(' · ');
  const list =
    issues.length === 0
      ? html`<p class="ok">${loc.t('qualityOk')}</p>`
      : html`<p>${loc.t('warningsCount', { n: issues.length })}</p>${table({
          head: [loc.t('severity'), loc.t('code'), loc.t('message'), loc.t('where')],
          rows: issues.map((i) => [
            html`<span class="sev-${i.severity === 'error' ? 'error' : 'warning'}">${loc.t(i.severity === 'error' ? 'error' : 'warning')}</span>`,
            html`<code>${i.code}</code>`,
            i.message,
            where(i),
          ]),
        })}`;
  const missing = v.missing
    ? html`<p>${loc.t('missingPolicy', { policy: v.missing.policy })} ${
        v.missing.interpolated.length > 0 ? loc.t('interpolated', { n: v.missing.interpolated.length }) : ''
      } ${v.missing.droppedUnits.length > 0 ? loc.t('droppedUnits', { units: v.missing.droppedUnits.join(', ') }) : ''}</p>`
    : '';
  return html`<h3>${loc.t('files')}</h3>${files}${missing}${list}`;
}
