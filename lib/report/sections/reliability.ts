import type { ReportContext } from '../context.js';
import { type AlphaEntry, type ReliabilitySection, sectionOf, skipReason } from '../data.js';
import { type Html, html, table } from '../html.js';

/** Cronbach's alpha of all indicators, of each subsystem and of each factor. */
export function reliabilitySection(ctx: ReportContext): Html {
  const { loc } = ctx;
  const rel = sectionOf<ReliabilitySection>(ctx.results, 'reliability');
  if (rel === undefined || skipReason(rel) !== undefined) return ctx.notRun('reliability');

  const line = (name: string | Html, e: AlphaEntry) => {
    const reason = skipReason(e);
    return reason !== undefined
      ? [
          name,
          html`<span class="muted">${loc.t('notComputable', { reason })}</span>`,
          '',
          loc.int(e.items),
        ]
      : [name, loc.num(e.alpha), loc.num(e.standardizedAlpha), loc.int(e.items)];
  };
  const rows = [line(loc.t('overall'), rel)];
  for (const [key, e] of entries(rel.bySubsystem))
    rows.push(line(ctx.subsystemName(e.subsystem ?? key), e));
  for (const [key, e] of entries(rel.byFactor)) {
    const n = e.factor ?? key;
    rows.push(
      line(typeof n === 'number' || /^\d+$/.test(n) ? loc.plain('factorLabel', { n }) : n, e),
    );
  }
  const scales = table({
    head: [loc.t('scaleLabel'), loc.t('alpha'), loc.t('standardizedAlpha'), loc.t('items')],
    rows,
    numeric: [1, 2, 3],
    rowHeaders: true,
  });
  return html`${scales}${itemTable(ctx, rel)}`;
}

/**
 * Alpha if each indicator were deleted, and its corrected item-total
 * correlation (SPSS "Item-Total Statistics").
 */
function itemTable(ctx: ReportContext, rel: ReliabilitySection): Html {
  const { loc } = ctx;
  const items = rel.itemStatistics ?? [];
  if (items.length === 0) return html``;
  return html`<h3>${loc.t('itemTotal')}</h3>${table({
    head: [loc.t('indicator'), loc.t('alphaIfDeleted'), loc.t('correctedItemTotal')],
    rows: items.map((it) => [
      it.indicator === undefined ? '' : ctx.indicatorCell(it.indicator),
      loc.num(it.alphaIfDeleted),
      loc.num(it.correctedItemTotal),
    ]),
    numeric: [1, 2],
    rowHeaders: true,
  })}`;
}

/** Entries of a keyed record, or of a list keyed by position from 1. */
function entries(
  value: Readonly<Record<string, AlphaEntry>> | readonly AlphaEntry[] | undefined,
): [string, AlphaEntry][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((e, i) => [String(i + 1), e]);
  return Object.entries(value as Readonly<Record<string, AlphaEntry>>);
}
