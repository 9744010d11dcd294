import { fitLabel, labelWidth, renderChart, stackedLegend } from '../charts.js';
import type { ReportContext } from '../context.js';
import {
  asNumber,
  type DeaSection,
  type EfficiencyFields,
  type MalmquistEntry,
  rowRecord,
  sectionOf,
  skipReason,
} from '../data.js';
import { chartSlots } from '../focus.js';
import { distributionFigure } from '../histogram.js';
import { figure, type Html, html, table } from '../html.js';

const INDICES = ['effch', 'techch', 'pech', 'sech', 'tfpch'] as const;

/**
 * DEA efficiency per unit (latest year as chart and table, technical
 * efficiency of every year for panels) and the Malmquist decomposition per
 * unit and per period, with geometric means per period. A large panel
 * shows its leading and trailing units (`ReportContext.focus`) in the
 * per-unit charts and tables, adds a histogram of efficiency over all
 * units, and leaves out the table of every unit and period.
 */
export function efficiencySection(ctx: ReportContext): Html {
  const { loc, latestYear } = ctx;
  const dea = sectionOf<DeaSection>(ctx.results, 'dea');
  const has =
    latestYear !== undefined &&
    ctx.units.some((u) => rowRecord(ctx.row(u, latestYear), 'efficiency') !== undefined);
  if (!has || skipReason(dea) !== undefined || latestYear === undefined) return ctx.notRun('dea');

  const parts = [setup(ctx, dea), latest(ctx, latestYear), byYear(ctx, dea), malmquist(ctx)];
  return html`<p class="lead">${loc.t('efficiencyLead')}</p>${parts}`;
}

function setup(ctx: ReportContext, section: DeaSection | undefined): Html {
  const { loc } = ctx;
  const dea = section?.settings ?? section;
  if (dea?.inputs === undefined || dea.outputs === undefined) return html``;
  const names = (ids: readonly string[] | string) =>
    loc.list((typeof ids === 'string' ? [ids] : ids).map((id) => ctx.indicatorName(id)));
  return html`<p class="muted">${loc.t('deaSetup', {
    inputs: names(dea.inputs),
    outputs: names(dea.outputs),
    orientation: dea.orientation === 'output' ? loc.plain('output') : loc.plain('input'),
    frontier: loc.option('frontier', dea.frontier ?? ''),
  })}</p>`;
}

function latest(ctx: ReportContext, year: number): Html {
  const { loc, focus } = ctx;
  const efficiency = (unit: string | undefined) =>
    unit === undefined ? undefined : rowRecord<EfficiencyFields>(ctx.row(unit, year), 'efficiency');
  const values = focus.units.map((unit) => ({ unit, e: efficiency(unit) }));
  const slots = chartSlots(focus, loc.plain('omittedSlot', { n: loc.int(focus.omitted) }));
  const hasSuper = values.some((v) => asNumber(v.e?.super) !== undefined);
  const hasPeers = values.some((v) => Array.isArray(v.e?.peers));
  const peers = (e: EfficiencyFields | undefined) =>
    (e?.peers ?? []).map((p) => `${p.unit ?? ''} (${loc.num(p.lambda, 2)})`).join(', ');
  const keys = ['crs', 'vrs', 'scale'] as const;
  const names = [loc.plain('crs'), loc.plain('vrs'), loc.plain('scaleEff')];
  const { legend, top } = stackedLegend(names);
  const chart = renderChart(
    {
      legend,
      grid: { left: labelWidth(slots.map((v) => v.label)), right: 24, top, bottom: 28 },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', inverse: true, data: slots.map((v) => fitLabel(v.label)) },
      series: keys.map((key, i) => ({
        name: names[i],
        type: 'bar',
        barGap: '10%',
        data: slots.map((v) => asNumber(efficiency(v.unit)?.[key]) ?? null),
      })),
    },
    { width: 720, height: top + 40 + slots.length * 42 },
    loc.plain('efficiencyChart', { year }),
  );
  const rts = (r: string | undefined) =>
    r === 'increasing' || r === 'decreasing' || r === 'constant' ? loc.t(r) : (r ?? '');
  const distribution = focus.limited
    ? distributionFigure(ctx, {
        values: ctx.units.map((u) => asNumber(efficiency(u)?.crs) ?? Number.NaN),
        range: [0, 1],
        bins: 20,
        digits: 2,
        caption: (n) => loc.plain('distributionEfficiency', { n: loc.int(n), year }),
      })
    : '';
  return html`${ctx.focusNote()}${figure(chart, loc.t('efficiencyChart', { year }))}${table({
    head: [
      loc.t('unit'),
      loc.t('crs'),
      loc.t('vrs'),
      loc.t('scaleEff'),
      loc.t('rts'),
      ...(hasSuper ? [loc.t('superEff')] : []),
      ...(hasPeers ? [loc.t('peers')] : []),
    ],
    rows: values.map((v) => [
      v.unit,
      loc.num(v.e?.crs),
      loc.num(v.e?.vrs),
      loc.num(v.e?.scale),
      rts(v.e?.rts),
      ...(hasSuper ? [loc.num(v.e?.super)] : []),
      ...(hasPeers ? [peers(v.e)] : []),
    ]),
    numeric: hasSuper ? [1, 2, 3, 5] : [1, 2, 3],
    rowHeaders: true,
  })}${distribution}`;
}

function byYear(ctx: ReportContext, dea: DeaSection | undefined): Html {
  const { loc, years } = ctx;
  if (years.length < 2) return html``;
  const summary = Array.isArray(dea?.summary) ? (dea?.summary ?? []) : [];
  const perFrontier =
    summary.length > 0
      ? table({
          caption: loc.t('deaByYear'),
          head: [
            loc.t('year'),
            loc.t('crs'),
            loc.t('vrs'),
            loc.t('scaleEff'),
            loc.t('efficientCount'),
          ],
          rows: summary.map((y) => [
            String(y.year ?? ''),
            loc.num(y.meanCrs),
            loc.num(y.meanVrs),
            loc.num(y.meanScale),
            `${loc.int(y.efficientCrs)} / ${loc.int(y.units)}`,
          ]),
          numeric: [1, 2, 3, 4],
          rowHeaders: true,
        })
      : '';
  return html`${perFrontier}<h3>${loc.t('crs')}</h3>${table({
    head: [loc.t('unit'), ...years.map(String)],
    rows: ctx.focus.units.map((u) => [
      u,
      ...years.map((y) => loc.num(rowRecord<EfficiencyFields>(ctx.row(u, y), 'efficiency')?.crs)),
    ]),
    numeric: years.map((_, i) => i + 1),
    rowHeaders: true,
  })}`;
}

type Indices = Readonly<Partial<Record<(typeof INDICES)[number], number>>>;

/**
 * Geometric means per period and per unit: the step's `malmquistSummary`
 * when it wrote one (DEAP's "annual means" and "firm means"), else the same
 * means taken here from the pairs.
 */
function malmquistMeans(ctx: ReportContext, entries: readonly MalmquistEntry[]) {
  const summary = sectionOf<{
    byPeriod?: readonly (Indices & { from?: number; to?: number })[];
    byUnit?: readonly (Indices & { unit?: string | number })[];
  }>(ctx.results, 'malmquistSummary');
  const meanOf = (group: readonly MalmquistEntry[]): Indices =>
    Object.fromEntries(INDICES.map((key) => [key, geometricMean(group.map((e) => e[key]))]));

  const periods = [...new Set(entries.map((e) => `${e.from}–${e.to}`))];
  const byPeriod =
    summary !== undefined &&
    !Array.isArray(summary) &&
    Array.isArray(summary.byPeriod) &&
    summary.byPeriod.length > 0
      ? summary.byPeriod.map((p) => ({ label: `${p.from}–${p.to}`, means: p as Indices }))
      : periods.map((label) => ({
          label,
          means: meanOf(entries.filter((e) => `${e.from}–${e.to}` === label)),
        }));
  const unitNames =
    summary !== undefined && !Array.isArray(summary) && Array.isArray(summary.byUnit)
      ? summary.byUnit.every((u) => typeof u.unit === 'string')
      : false;
  const shown = ctx.focus.units;
  const given = new Map(
    unitNames
      ? (summary?.byUnit ?? []).map((u) => [String(u.unit), u as Indices] as const)
      : [],
  );
  // A large panel lists its leading and trailing units only, in the
  // report's order of them; a small one lists every unit as written.
  const byUnit = unitNames
    ? ctx.focus.limited
      ? shown.flatMap((unit) => {
          const means = given.get(unit);
          return means === undefined ? [] : [{ label: unit, means }];
        })
      : (summary?.byUnit ?? []).map((u) => ({ label: String(u.unit), means: u as Indices }))
    : shown
        .map((unit) => ({ label: unit, means: meanOf(entries.filter((e) => e.unit === unit)) }))
        .filter((u) => u.means.tfpch !== undefined);
  return { byPeriod, byUnit };
}

function malmquist(ctx: ReportContext): Html {
  const { loc } = ctx;
  const entries = sectionOf<readonly MalmquistEntry[]>(ctx.results, 'malmquist');
  const title = html`<h3>${loc.t('malmquist')}</h3>`;
  if (!Array.isArray(entries) || entries.length === 0) {
    return ctx.years.length < 2 ? html`` : html`${title}${ctx.notRun('malmquist')}`;
  }
  const { byPeriod, byUnit } = malmquistMeans(ctx, entries);
  const names = INDICES.map((key) => loc.plain(key));
  const stacked = stackedLegend(names);
  const chart = renderChart(
    {
      legend: stacked.legend,
      grid: { left: 48, right: 24, top: stacked.top, bottom: 32 },
      xAxis: { type: 'category', data: byPeriod.map((p) => p.label) },
      yAxis: { type: 'value', scale: true },
      series: INDICES.map((key, i) => ({
        name: names[i],
        type: 'bar',
        data: byPeriod.map((p) => asNumber(p.means[key]) ?? null),
        ...(i === 0
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#555' },
                label: { show: false },
                data: [{ yAxis: 1 }],
              },
            }
          : {}),
      })),
    },
    { width: 720, height: stacked.top + 300 },
    loc.plain('malmquistChart'),
  );
  const period = (p: string) => html`<span class="nowrap">${p}</span>`;
  const indexCells = (m: Indices) => INDICES.map((k) => loc.num(m[k]));
  const numeric = [1, 2, 3, 4, 5];
  return html`${title}<p>${loc.t('malmquistLead')}</p>${figure(chart, loc.t('malmquistChart'))}${table(
    {
      caption: loc.t('meansByPeriod'),
      head: [loc.t('period'), ...INDICES.map((k) => loc.t(k))],
      rows: byPeriod.map((p) => [period(p.label), ...indexCells(p.means)]),
      numeric,
      rowHeaders: true,
    },
  )}${table({
    caption: loc.t('meansByUnit'),
    head: [loc.t('unit'), ...INDICES.map((k) => loc.t(k))],
    rows: byUnit.map((u) => [u.label, ...indexCells(u.means)]),
    numeric,
    rowHeaders: true,
  })}${
    ctx.focus.limited
      ? html`<p class="focus-note">${loc.t('pairsOmitted')}</p>`
      : table({
          caption: loc.t('malmquistPairs'),
          head: [loc.t('unit'), loc.t('period'), ...INDICES.map((k) => loc.t(k))],
          rows: byUnitThenPeriod(ctx, entries).map((e) => [
            e.unit ?? '',
            period(`${e.from}–${e.to}`),
            ...indexCells(e),
          ]),
          numeric: [2, 3, 4, 5, 6],
          rowHeaders: true,
        })
  }`;
}

/** Pairs grouped by unit in the report's unit order, periods ascending. */
function byUnitThenPeriod(
  ctx: ReportContext,
  entries: readonly MalmquistEntry[],
): MalmquistEntry[] {
  const position = new Map(ctx.units.map((u, i) => [u, i]));
  return [...entries].sort(
    (a, b) =>
      (position.get(a.unit ?? '') ?? Infinity) - (position.get(b.unit ?? '') ?? Infinity) ||
      (a.from ?? 0) - (b.from ?? 0),
  );
}

/** Geometric mean, the usual average of index numbers (Färe et al. 1994). */
function geometricMean(values: readonly (number | undefined)[]): number | undefined {
  const positive = values.filter((v): v is number => typeof v === 'number' && v > 0);
  if (positive.length === 0) return undefined;
  return Math.exp(positive.reduce((s, v) => s + Math.log(v), 0) / positive.length);
}
