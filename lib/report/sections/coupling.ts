import { fitLabel, labelWidth, renderChart } from '../charts.js';
import type { ReportContext } from '../context.js';
import {
  asNumber,
  type CouplingFields,
  type CouplingSection,
  rowRecord,
  sectionOf,
  skipReason,
} from '../data.js';
import { chartSlots } from '../focus.js';
import { distributionFigure } from '../histogram.js';
import { figure, type Html, html, table } from '../html.js';

/**
 * Coupling coordination per unit: C, T, D and the grade of the latest
 * year as a grouped bar chart and a table, D of every year for panels, and
 * the grading scale. A large panel shows its leading and trailing units
 * (`ReportContext.focus`) and a histogram of D over all units.
 */
export function couplingSection(ctx: ReportContext): Html {
  const { loc, results, latestYear } = ctx;
  const section = sectionOf<CouplingSection>(results, 'coupling');
  const hasRows = ctx.units.some(
    (u) => latestYear !== undefined && rowRecord(ctx.row(u, latestYear), 'coupling'),
  );
  if (
    section === undefined ||
    skipReason(section) !== undefined ||
    !hasRows ||
    latestYear === undefined
  ) {
    return ctx.notRun('coupling');
  }

  const formula =
    section.formula === 'modified' ? loc.t('formulaModified') : loc.t('formulaClassic');
  const { focus } = ctx;
  const coupling = (unit: string | undefined) =>
    unit === undefined
      ? undefined
      : rowRecord<CouplingFields>(ctx.row(unit, latestYear), 'coupling');
  const values = focus.units.map((unit) => ({ unit, c: coupling(unit) }));
  const slots = chartSlots(focus, loc.plain('omittedSlot', { n: loc.int(focus.omitted) }));
  const gradeOf = (c: CouplingFields | undefined) => gradeName(ctx, c?.grade, c?.gradeZh);
  // The coupling step also writes D by the other formula, so readers can
  // see how much the choice matters (Wang et al. 2021).
  const otherField = section.formula === 'modified' ? 'couplingClassic' : 'couplingModified';
  const otherName = loc.plain(
    section.formula === 'modified' ? 'formulaClassic' : 'formulaModified',
  );
  const other = (unit: string) => rowRecord<CouplingFields>(ctx.row(unit, latestYear), otherField);
  const hasOther = ctx.units.some((u) => other(u) !== undefined);

  const chart = renderChart(
    {
      legend: { top: 0, data: ['C', 'T', 'D'] },
      grid: { left: labelWidth(slots.map((v) => v.label)), right: 24, top: 32, bottom: 28 },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', inverse: true, data: slots.map((v) => fitLabel(v.label)) },
      series: (['C', 'T', 'D'] as const).map((key) => ({
        name: key,
        type: 'bar',
        barGap: '10%',
        data: slots.map((v) => asNumber(coupling(v.unit)?.[key]) ?? null),
      })),
    },
    { width: 720, height: 60 + slots.length * 42 },
    loc.plain('couplingChart', { year: latestYear }),
  );
  const latestTable = table({
    head: [
      loc.t('unit'),
      'C',
      'T',
      'D',
      loc.t('grade'),
      ...(hasOther ? [loc.t('otherFormulaD', { formula: otherName })] : []),
    ],
    rows: values.map((v) => [
      v.unit,
      loc.num(v.c?.C),
      loc.num(v.c?.T),
      loc.num(v.c?.D),
      html`<span class="grade g${asNumber(v.c?.gradeLevel) ?? 0}">${gradeOf(v.c)}</span>`,
      ...(hasOther ? [loc.num(other(v.unit)?.D)] : []),
    ]),
    numeric: hasOther ? [1, 2, 3, 5] : [1, 2, 3],
    rowHeaders: true,
  });

  const distribution = focus.limited
    ? distributionFigure(ctx, {
        values: ctx.units.map((u) => asNumber(coupling(u)?.D) ?? Number.NaN),
        range: [0, 1],
        bins: 20,
        digits: 2,
        caption: (n) => loc.plain('distributionD', { n: loc.int(n), year: latestYear }),
      })
    : '';
  return html`<p class="lead">${loc.t('couplingLead')} <span class="muted">(${formula})</span></p>
${ctx.focusNote()}${figure(chart, loc.t('couplingChart', { year: latestYear }))}${latestTable}\
${distribution}${byYear(ctx)}${scaleTable(ctx, section)}`;
}

function byYear(ctx: ReportContext): Html {
  const { loc, years } = ctx;
  if (years.length < 2) return html``;
  return html`<h3>${loc.t('couplingByYear')}</h3>${table({
    head: [loc.t('unit'), ...years.map(String)],
    rows: ctx.focus.units.map((unit) => [
      unit,
      ...years.map((y) => loc.num(rowRecord<CouplingFields>(ctx.row(unit, y), 'coupling')?.D)),
    ]),
    numeric: years.map((_, i) => i + 1),
    rowHeaders: true,
  })}`;
}

function scaleTable(ctx: ReportContext, section: CouplingSection): Html {
  const { loc } = ctx;
  if (section.scale === undefined || section.scale.length === 0) return html``;
  return html`<h3>${loc.t('scale')}</h3>${table({
    head: [loc.t('level'), loc.t('range'), loc.t('grade')],
    rows: section.scale.map((band) => [
      loc.int(band.level),
      `${loc.num(band.lower, 1)} – ${loc.num(band.upper, 1)}`,
      html`<span class="grade g${asNumber(band.level) ?? 0}">\
${gradeName(ctx, band.name, band.nameZh)}</span>`,
    ]),
    numeric: [0],
    className: 'compact',
  })}`;
}

/** A grade's name in the report's language, English capitalized. */
export function gradeName(
  ctx: ReportContext,
  name: string | undefined,
  nameZh: string | undefined,
): string {
  if (ctx.loc.language === 'zh' && nameZh !== undefined) return nameZh;
  const text = name ?? nameZh ?? '';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
