import type { ReportContext } from '../context.js';
import { type RegressionSection, sectionOf, skipReason } from '../data.js';
import { type Html, html, table } from '../html.js';

/** The regression table: B, standard error, t, p, β and VIF, then fit. */
export function regressionSection(ctx: ReportContext): Html {
  const { loc } = ctx;
  const reg = sectionOf<RegressionSection>(ctx.results, 'regression');
  if (reg === undefined || skipReason(reg) !== undefined || reg.coefficients === undefined) {
    return ctx.notRun('regression');
  }
  const termName = (name: string | undefined) => {
    if (name === undefined) return '';
    if (name === '(Intercept)') return loc.t('intercept');
    if (ctx.results.model.subsystems.some((s) => s.id === name))
      return `${name} ${ctx.subsystemName(name)}`;
    if (ctx.results.model.indicators.some((i) => i.id === name)) return ctx.indicatorCell(name);
    return name;
  };
  const coefficients = table({
    head: [
      loc.t('term'),
      loc.t('estimate'),
      loc.t('se'),
      loc.t('tStat'),
      loc.t('pValue'),
      loc.t('beta'),
      loc.t('vif'),
    ],
    rows: reg.coefficients.map((c) => [
      termName(c.name),
      loc.num(c.estimate, 4),
      loc.num(c.se, 4),
      loc.num(c.t, 3),
      loc.p(c.p),
      c.beta === null || c.beta === undefined ? '' : loc.num(c.beta),
      c.vif === null || c.vif === undefined ? '' : loc.num(c.vif, 2),
    ]),
    numeric: [1, 2, 3, 4, 5, 6],
    rowHeaders: true,
  });
  const df = Array.isArray(reg.df) ? reg.df.join(', ') : reg.df !== undefined ? String(reg.df) : '';
  const fit = table({
    head: [loc.t('r2'), loc.t('adjR2'), loc.t('fStat'), loc.t('df'), loc.t('pValue')],
    rows: [[loc.num(reg.r2), loc.num(reg.adjR2), loc.num(reg.f, 2), df, loc.p(reg.fP)]],
    numeric: [0, 1, 2, 4],
    className: 'compact',
  });
  const dependent =
    reg.dependent === 'composite' ? loc.plain('compositeScore') : (reg.dependent ?? '');
  const setup = html`<p class="muted">${loc.t('regressionSetup', { dependent, n: reg.n ?? '–' })}</p>`;
  return html`${setup}${coefficients}${fit}`;
}
