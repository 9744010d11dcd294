import type { ReportContext } from '../context.js';
import {
  asNumber,
  type ClusteringSection,
  type CouplingFields,
  rowRecord,
  sectionOf,
} from '../data.js';
import { type Html, html } from '../html.js';
import { gradeName } from './coupling.js';

/** Rank changes a large panel lists, the largest first. */
const MOVES_SHOWN = 10;

/** How many units the summary names at the top and at the bottom. */
const PODIUM = 3;

/**
 * The summary: who leads and who trails in the latest year (by composite
 * score, or by coordination degree D when factor analysis did not run),
 * how the coordination grades are spread, the tiers, and what changed
 * since the year before. For a large panel (`ReportContext.focus`) the
 * grade and tier cards give counts without names, and only the
 * MOVES_SHOWN largest rank changes are listed.
 */
export function summarySection(ctx: ReportContext): Html {
  const { loc, results, latestYear } = ctx;
  const overview = html`<p class="lead">${loc.t('overview', {
    units: loc.int(ctx.units.length),
    years: loc.yearSpan(ctx.years),
    indicators: results.model.indicators.length,
  })}</p>`;
  if (latestYear === undefined) return overview;

  const cards = [podium(ctx, latestYear), grades(ctx, latestYear), tiers(ctx)];
  return html`${overview}${headline(ctx, latestYear)}<div class="cards">${cards}</div>${changes(ctx)}`;
}

/** One sentence a reader can take away: who leads, who trails, how many are coordinated. */
function headline(ctx: ReportContext, year: number): Html {
  const { loc } = ctx;
  const { list } = ranking(ctx, year);
  const d = ctx.units
    .map((u) => asNumber(rowRecord<CouplingFields>(ctx.row(u, year), 'coupling')?.D))
    .filter((v): v is number => v !== undefined);
  const parts: Html[] = [];
  const first = list[0];
  const last = list[list.length - 1];
  if (first !== undefined && last !== undefined && list.length > 1) {
    parts.push(loc.t('headlineLeader', { top: first.unit, bottom: last.unit, year }));
  }
  if (d.length > 0) {
    // D of 0.5 and above is a "coordinated" grade (levels 6–10 of the
    // ten-band scale); below it the grades are kinds of imbalance.
    const coordinated = d.filter((v) => v >= COORDINATED_D).length;
    parts.push(loc.t('headlineCoordinated', { n: loc.int(coordinated), total: loc.int(d.length) }));
  }
  return parts.length === 0
    ? html``
    : html`<p class="headline">${parts.map((p, i) => html`${i > 0 ? ' ' : ''}${p}`)}</p>`;
}

/** Lower bound of the coordinated grades of the ten-band scale. */
const COORDINATED_D = 0.5;

interface Scored {
  readonly unit: string;
  readonly value: number;
}

/** Units of a year sorted best first by composite score, else by D. */
function ranking(ctx: ReportContext, year: number): { by: 'composite' | 'D'; list: Scored[] } {
  const composite = scoresOf(ctx, year, (unit) => asNumber(ctx.row(unit, year)?.composite));
  if (composite.length > 0) return { by: 'composite', list: composite };
  const d = scoresOf(ctx, year, (unit) =>
    asNumber(rowRecord<CouplingFields>(ctx.row(unit, year), 'coupling')?.D),
  );
  return { by: 'D', list: d };
}

function scoresOf(
  ctx: ReportContext,
  _year: number,
  value: (unit: string) => number | undefined,
): Scored[] {
  const list: Scored[] = [];
  for (const unit of ctx.units) {
    const v = value(unit);
    if (v !== undefined) list.push({ unit, value: v });
  }
  return list.sort((a, b) => b.value - a.value);
}

function podium(ctx: ReportContext, year: number): Html {
  const { loc } = ctx;
  const { by, list } = ranking(ctx, year);
  if (list.length === 0) return html``;
  const n = Math.min(PODIUM, Math.floor(list.length / 2) || 1);
  const item = (s: Scored) =>
    html`<li><span class="name">${s.unit}</span> <span class="val">${loc.num(s.value, 3)}</span></li>`;
  const top = list.slice(0, n);
  const bottom = list.slice(-n).reverse();
  const [topKey, bottomKey] =
    by === 'composite'
      ? (['topUnits', 'bottomUnits'] as const)
      : (['topUnitsByD', 'bottomUnitsByD'] as const);
  return html`<div class="card good"><h3>${loc.t(topKey, { year })}</h3><ol>${top.map(item)}</ol></div>
<div class="card weak"><h3>${loc.t(bottomKey, { year })}</h3>\
<ol class="bottom">${bottom.map(item)}</ol></div>`;
}

function grades(ctx: ReportContext, year: number): Html {
  const { loc } = ctx;
  const count = (n: number) => (n === 1 ? loc.t('oneUnit') : loc.t('unitsCount', { n }));
  const counts = new Map<string, { level: number; units: string[] }>();
  for (const unit of ctx.units) {
    const c = rowRecord<CouplingFields>(ctx.row(unit, year), 'coupling');
    if (c?.grade === undefined && c?.gradeZh === undefined) continue;
    const name = gradeName(ctx, c?.grade, c?.gradeZh);
    const entry = counts.get(name) ?? { level: asNumber(c?.gradeLevel) ?? 0, units: [] };
    entry.units.push(unit);
    counts.set(name, entry);
  }
  if (counts.size === 0) return html``;
  const sorted = [...counts.entries()].sort((a, b) => b[1].level - a[1].level);
  return html`<div class="card"><h3>${loc.t('gradesIn', { year })}</h3><ul class="grades">${sorted.map(
    ([name, e]) =>
      ctx.focus.limited
      ? html`<li><span class="grade g${e.level}">${name}</span> ${count(e.units.length)}</li>`
      : html`<li><span class="grade g${e.level}">${name}</span> ${count(e.units.length)}<br>\
<span class="muted">${e.units.join(', ')}</span></li>`,
  )}</ul></div>`;
}

function tiers(ctx: ReportContext): Html {
  const { loc } = ctx;
  const clustering = sectionOf<ClusteringSection>(ctx.results, 'clustering');
  const groups = new Map<string, string[]>();
  if (clustering?.tiers !== undefined) {
    for (const t of clustering.tiers) {
      if (t.tier !== undefined) groups.set(t.tier, [...(t.units ?? [])]);
    }
  } else if (clustering?.assignments !== undefined) {
    for (const a of clustering.assignments) {
      if (a.tier === undefined || a.unit === undefined) continue;
      groups.set(a.tier, [...(groups.get(a.tier) ?? []), a.unit]);
    }
  }
  if (groups.size === 0) return html``;
  const sorted = [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return html`<div class="card"><h3>${loc.t('tiersTitle')}</h3><ul class="tiers">${sorted.map(
    ([tier, units]) =>
      html`<li><span class="tier t${tier}">${tierLabel(ctx, tier)}</span> ${
        ctx.focus.limited ? loc.t('unitsCount', { n: loc.int(units.length) }) : units.join(', ')
      }</li>`,
  )}</ul></div>`;
}

/** "A · leaders" for the usual three tiers, the tier's own name otherwise. */
export function tierLabel(ctx: ReportContext, tier: string): Html | string {
  if (tier === 'A') return ctx.loc.t('tierA');
  if (tier === 'B') return ctx.loc.t('tierB');
  if (tier === 'C') return ctx.loc.t('tierC');
  return tier;
}

function changes(ctx: ReportContext): Html {
  const { loc, years } = ctx;
  if (years.length < 2) return html`<p class="muted">${loc.t('noEarlierYear')}</p>`;
  const to = years[years.length - 1];
  const from = years[years.length - 2];
  const moves: { unit: string; from: number; to: number }[] = [];
  for (const unit of ctx.units) {
    const a = asNumber(ctx.row(unit, from)?.rank);
    const b = asNumber(ctx.row(unit, to)?.rank);
    if (a !== undefined && b !== undefined && a !== b) moves.push({ unit, from: a, to: b });
  }
  moves.sort((x, y) => Math.abs(y.from - y.to) - Math.abs(x.from - x.to));

  const meanD = (year: number) => {
    const ds = ctx.units
      .map((u) => asNumber(rowRecord<CouplingFields>(ctx.row(u, year), 'coupling')?.D))
      .filter((d): d is number => d !== undefined);
    return ds.length === 0 ? undefined : ds.reduce((s, d) => s + d, 0) / ds.length;
  };
  const dFrom = meanD(from);
  const dTo = meanD(to);
  const dLine =
    dFrom !== undefined && dTo !== undefined
      ? html`<p>${loc.t('dChange', { from: loc.num(dFrom), to: loc.num(dTo) })}</p>`
      : '';
  const hasRanks = ctx.units.some((u) => asNumber(ctx.row(u, to)?.rank) !== undefined);
  const shownMoves = ctx.focus.limited ? moves.slice(0, MOVES_SHOWN) : moves;
  const moreMoves =
    shownMoves.length < moves.length
      ? html`<p class="muted">${loc.t('moreMoves', {
          n: loc.int(moves.length - shownMoves.length),
        })}</p>`
      : '';
  const list = hasRanks
    ? moves.length > 0
      ? html`<ul class="moves">${shownMoves.map(
          (m) =>
            html`<li><span class="name">${m.unit}</span> <span class="${m.to < m.from ? 'up' : 'down'}">${
              m.to < m.from ? '▲' : '▼'
            } ${loc.t(m.to < m.from ? 'rankUp' : 'rankDown')}</span> ${m.from} → ${m.to}</li>`,
        )}</ul>${moreMoves}`
      : html`<p>${loc.t('noRankChange')}</p>`
    : dMovers(ctx, from, to);
  return html`<h3>${loc.t('changesSince', { from, to })}</h3>${dLine}${list}`;
}

/** Without ranks, the units whose coordination degree D rose or fell most. */
function dMovers(ctx: ReportContext, from: number, to: number): Html {
  const { loc } = ctx;
  const d = (unit: string, year: number) =>
    asNumber(rowRecord<CouplingFields>(ctx.row(unit, year), 'coupling')?.D);
  const changes: { unit: string; delta: number }[] = [];
  for (const unit of ctx.units) {
    const a = d(unit, from);
    const b = d(unit, to);
    if (a !== undefined && b !== undefined && a !== b) changes.push({ unit, delta: b - a });
  }
  if (changes.length === 0) return html``;
  changes.sort((x, y) => y.delta - x.delta);
  const gains = changes.filter((c) => c.delta > 0).slice(0, PODIUM);
  const losses = changes
    .filter((c) => c.delta < 0)
    .slice(-PODIUM)
    .reverse();
  const item = (c: { unit: string; delta: number }) =>
    html`<li><span class="name">${c.unit}</span> \
<span class="${c.delta > 0 ? 'up' : 'down'}">${c.delta > 0 ? '▲ +' : '▼ '}${loc.num(c.delta)}</span></li>`;
  return html`<p>${loc.t('dMovers')}</p><ul class="moves">${gains.map(item)}${losses.map(item)}</ul>`;
}
