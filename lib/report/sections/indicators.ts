import type { ReportContext } from '../context.js';
import { sectionOf, type WeightsSection } from '../data.js';
import { type Html, html, table } from '../html.js';

/**
 * The indicator system: every indicator of the model with its subsystem,
 * dimension, unit, direction and DEA role, and the entropy weights when the
 * normalize step computed them.
 */
export function indicatorsSection(ctx: ReportContext): Html {
  const { loc, results } = ctx;
  const weights = sectionOf<WeightsSection>(results, 'weights');
  const hasWeights = weights?.global !== undefined;
  const scopeKey = weights?.scope === 'per-year' ? 'per-year' : 'pooled';
  const head = [
    loc.t('id'),
    loc.t('indicator'),
    loc.t('subsystem'),
    loc.t('dimension'),
    loc.t('measureUnit'),
    loc.t('direction'),
    loc.t('deaRole'),
    ...(hasWeights ? [loc.t('globalWeight'), loc.t('withinWeight'), loc.t('entropy')] : []),
  ];
  const rows = results.model.indicators.map((ind) => [
    html`<span class="id">${ind.id}</span>`,
    ctx.indicatorName(ind.id),
    ctx.subsystemName(ind.subsystem),
    ind.dimension ?? '',
    ind.unit ?? '',
    html`<span class="dir-${ind.direction}">${ind.direction === 'positive' ? '+' : '−'}</span> \
${loc.t(ind.direction)}`,
    ind.dea === undefined ? '' : loc.t(ind.dea),
    ...(hasWeights
      ? [
          loc.num(weights?.global?.[ind.id], 4),
          loc.num(weights?.withinSubsystem?.[ind.id], 4),
          loc.num(weights?.entropy?.[ind.id], 4),
        ]
      : []),
  ]);
  const note = hasWeights
    ? html`<p class="muted">${loc.t('weightsNote', { scope: loc.plain(scopeKey) })}</p>`
    : ctx.notRun('weights');
  return html`${table({ head, rows, numeric: hasWeights ? [7, 8, 9] : [] })}${note}`;
}
