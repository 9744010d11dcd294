import { fitLabel, labelWidth, PALETTE, renderChart } from '../charts.js';
import type { ReportContext } from '../context.js';
import { asNumber } from '../data.js';
import { chartSlots } from '../focus.js';
import { distributionFigure } from '../histogram.js';
import { figure, type Html, html, table } from '../html.js';

/**
 * Marker shapes: a new shape each time the colours run out, so no two of
 * the first 64 lines share both colour and shape.
 */
const SYMBOLS = [
  'circle',
  'rect',
  'triangle',
  'diamond',
  'emptyCircle',
  'emptyRect',
  'emptyTriangle',
  'emptyDiamond',
] as const;

/** Units up to which the trend chart also has a legend. */
const MAX_LEGEND_UNITS = 24;

/**
 * Composite scores and ranks: one line per unit across the years for a
 * panel (a bar chart for a single year), and the table of scores and ranks
 * per unit and year. A large panel draws the lines and rows of its
 * leading and trailing units (`ReportContext.focus`) and a histogram of
 * the latest year's scores over all units.
 */
export function compositeSection(ctx: ReportContext): Html {
  const { loc, years, latestYear, focus } = ctx;
  const has = ctx.units.some((u) =>
    years.some((y) => asNumber(ctx.row(u, y)?.composite) !== undefined),
  );
  if (!has || latestYear === undefined) return ctx.notRun('factorAnalysis');
  const units = focus.units;
  const slots = chartSlots(focus, loc.plain('omittedSlot', { n: loc.int(focus.omitted) }));

  const score = (u: string, y: number) => asNumber(ctx.row(u, y)?.composite) ?? null;
  const withLegend = units.length <= MAX_LEGEND_UNITS;
  const legendRows = withLegend ? Math.ceil(units.length / 4) : 0;
  const chart =
    years.length > 1
      ? renderChart(
          {
            // Each line is named at its end: with more units than colours,
            // the name is what tells lines apart. The legend repeats the
            // names for small panels only; for large ones it would outgrow
            // the chart.
            ...(withLegend ? { legend: { type: 'plain', bottom: 0, data: [...units] } } : {}),
            grid: {
              left: 56,
              right: labelWidth(units) + 12,
              top: 32,
              bottom: 40 + legendRows * 22,
            },
            xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
            yAxis: { type: 'value', name: 'F' },
            series: units.map((u, i) => ({
              name: u,
              type: 'line',
              data: years.map((y) => score(u, y)),
              symbol: SYMBOLS[Math.floor(i / PALETTE.length) % SYMBOLS.length],
              symbolSize: 7,
              endLabel: { show: true, formatter: () => fitLabel(u, 11), fontSize: 11 },
              labelLayout: { moveOverlap: 'shiftY' },
            })),
          },
          { width: 760, height: 420 + legendRows * 22 },
          loc.plain('trend'),
        )
      : renderChart(
          {
            grid: { left: labelWidth(slots.map((v) => v.label)), right: 24, top: 16, bottom: 28 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', inverse: true, data: slots.map((v) => fitLabel(v.label)) },
            series: [
              {
                type: 'bar',
                data: slots.map((v) => (v.unit === undefined ? null : score(v.unit, latestYear))),
              },
            ],
          },
          { width: 720, height: 60 + slots.length * 28 },
          loc.plain('compositeChart', { year: latestYear }),
        );
  const caption = years.length > 1 ? loc.t('trend') : loc.t('compositeChart', { year: latestYear });

  const sorted = [...units].sort(
    (a, b) =>
      (asNumber(ctx.row(a, latestYear)?.rank) ?? Infinity) -
      (asNumber(ctx.row(b, latestYear)?.rank) ?? Infinity),
  );
  const head = [
    loc.t('unit'),
    ...years.flatMap((y) => [html`${y} ${loc.t('score')}`, html`${y} ${loc.t('rank')}`]),
  ];
  const rows = sorted.map((u) => [
    u,
    ...years.flatMap((y) => [loc.num(ctx.row(u, y)?.composite), loc.int(ctx.row(u, y)?.rank)]),
  ]);

  const distribution = focus.limited
    ? distributionFigure(ctx, {
        values: ctx.units.map((u) => score(u, latestYear) ?? Number.NaN),
        digits: 2,
        caption: (n) => loc.plain('distributionComposite', { n: loc.int(n), year: latestYear }),
      })
    : '';
  return html`<p class="lead">${loc.t('compositeLead')}</p>${ctx.focusNote()}\
${figure(chart, caption)}${table({
    head,
    rows,
    numeric: years.flatMap((_, i) => [2 * i + 1, 2 * i + 2]),
    rowHeaders: true,
  })}${distribution}`;
}
