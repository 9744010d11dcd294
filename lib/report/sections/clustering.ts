import { leafOrder } from '../../analysis/cluster/index.js';
import { fitLabel, labelWidth, renderChart } from '../charts.js';
import type { ReportContext } from '../context.js';
import { asNumber, type ClusteringSection, type Merge, sectionOf, skipReason } from '../data.js';
import { figure, type Html, html, table } from '../html.js';
import { tierLabel } from './summary.js';

/**
 * The dendrogram on SPSS's rescaled 0–25 axis, the tier table and the
 * agglomeration schedule. Merges follow R's hclust convention (−i is
 * observation i, +s the cluster formed at stage s), as the clustering core
 * writes them.
 */
export function clusteringSection(ctx: ReportContext): Html {
  const { loc } = ctx;
  const cl = sectionOf<ClusteringSection>(ctx.results, 'clustering');
  if (cl === undefined || skipReason(cl) !== undefined) return ctx.notRun('clustering');

  const setup =
    cl.method !== undefined
      ? html`<p class="muted">${loc.t('clusteringSetup', {
          method: loc.option('method', cl.method),
          distance: cl.distance ?? 'euclidean',
          features: loc.option('features', cl.features ?? ''),
          k: cl.k ?? '',
        })}</p>`
      : '';
  return html`${setup}${dendrogram(ctx, cl)}${tierTable(ctx, cl)}${schedule(ctx, cl)}`;
}

/** Leaf labels in observation order: the section's labels, else the assignment order. */
function leafLabels(cl: ClusteringSection): string[] {
  const labels = cl.labels ?? cl.dendrogram?.labels;
  if (labels !== undefined) return [...labels];
  return (cl.assignments ?? []).map((a) => a.unit ?? '');
}

function givenRescaled(cl: ClusteringSection): readonly number[] | undefined {
  return cl.dendrogram?.rescaled ?? cl.dendrogram?.rescaledHeights;
}

/** SPSS's linear rescaling of merge heights to 1…25 (all at 25 when equal). */
function rescale(heights: readonly number[]): number[] {
  const low = Math.min(...heights);
  const span = Math.max(...heights) - low;
  return heights.map((h) => (span > 0 ? 1 + (24 * (h - low)) / span : 25));
}

function dendrogram(ctx: ReportContext, cl: ClusteringSection): Html {
  const { loc } = ctx;
  const merges = cl.merges ?? [];
  const labels = leafLabels(cl);
  if (merges.length === 0 || labels.length !== merges.length + 1) return html``;

  const given = cl.dendrogram?.order;
  const order =
    given !== undefined && given.length === labels.length
      ? given.map((leaf) => (typeof leaf === 'number' ? leaf : labels.indexOf(leaf)))
      : leafOrder(
          merges.map((m) => ({
            a: m.a ?? 0,
            b: m.b ?? 0,
            height: m.height ?? 0,
            size: m.size ?? 0,
          })),
        );
  const rescaled = givenRescaled(cl) ?? rescale(merges.map((m) => m.height ?? 0));

  const slot = new Array<number>(labels.length);
  order.forEach((leaf, i) => {
    slot[leaf] = i;
  });
  const position: number[] = [];
  const at = (node: number): [number, number] =>
    node < 0 ? [0, slot[-node - 1] ?? 0] : [rescaled[node - 1] ?? 0, position[node - 1] ?? 0];
  const lines = merges.map((m, s) => {
    const [xa, ya] = at(m.a ?? 0);
    const [xb, yb] = at(m.b ?? 0);
    const x = rescaled[s] ?? 0;
    position.push((ya + yb) / 2);
    return {
      coords: [
        [xa, ya],
        [x, ya],
        [x, yb],
        [xb, yb],
      ],
    };
  });
  const ordered = order.map((leaf) => fitLabel(labels[leaf] ?? ''));

  // Where the tree is cut into k clusters: between the last merge kept and
  // the first one undone. Not drawn when heights do not rise there
  // (centroid linkage can reverse them).
  const k = cl.k ?? 0;
  const kept = rescaled[merges.length - k];
  const undone = rescaled[merges.length - k + 1];
  const cut =
    k >= 2 && kept !== undefined && undone !== undefined && undone > kept
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#b8405e' },
            label: { formatter: `k = ${k}`, position: 'start' },
            data: [{ xAxis: (kept + undone) / 2 }],
          },
        }
      : {};

  const chart = renderChart(
    {
      grid: { left: labelWidth(labels), right: 24, top: 16, bottom: 48 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 25,
        interval: 5,
        name: loc.plain('dendrogramAxis'),
        nameLocation: 'middle',
        nameGap: 26,
        axisLine: { onZero: false },
      },
      yAxis: {
        type: 'value',
        inverse: true,
        min: -1,
        max: labels.length,
        interval: 1,
        splitLine: { show: false },
        axisTick: { show: false },
        axisLabel: { formatter: (v: number) => ordered[v] ?? '' },
      },
      series: [
        {
          type: 'lines',
          coordinateSystem: 'cartesian2d',
          polyline: true,
          silent: true,
          lineStyle: { color: '#1f5f8b', width: 1.6, opacity: 1 },
          data: lines,
          ...cut,
        },
      ],
    },
    { width: 720, height: 80 + labels.length * 28 },
    loc.plain('dendrogram'),
  );
  return html`<h3>${loc.t('dendrogram')}</h3>${figure(chart, loc.t('dendrogram'))}`;
}

function tierTable(ctx: ReportContext, cl: ClusteringSection): Html {
  const { loc } = ctx;
  const clusterOf = new Map((cl.assignments ?? []).map((a) => [a.unit, a.cluster]));
  const clusterNumber = (t: { cluster?: number; units?: readonly string[] }) =>
    t.cluster ?? clusterOf.get(t.units?.[0]);
  const tiers =
    cl.tiers ??
    [...new Set((cl.assignments ?? []).map((a) => a.tier))]
      .filter((t): t is string => t !== undefined)
      .sort()
      .map((tier) => ({
        tier,
        units: (cl.assignments ?? []).filter((a) => a.tier === tier).map((a) => a.unit ?? ''),
      }));
  if (tiers.length === 0) return html``;
  const rows = tiers.map((t) => {
    const extra = t as { meanComposite?: number; meanScore?: number };
    return [
      tierLabel(ctx, t.tier ?? ''),
      loc.int(clusterNumber(t)),
      (t.units ?? []).join(', '),
      loc.num(extra.meanComposite ?? extra.meanScore),
    ];
  });
  return html`<h3>${loc.t('tiersTitle')}</h3>${table({
    head: [loc.t('tier'), loc.t('cluster'), loc.t('members'), loc.t('meanScore')],
    rows,
    numeric: [1, 3],
    rowHeaders: true,
  })}`;
}

function schedule(ctx: ReportContext, cl: ClusteringSection): Html {
  const { loc } = ctx;
  const stages = cl.schedule;
  const rescaled = givenRescaled(cl);
  const labels = leafLabels(cl);
  if (stages !== undefined && stages.length > 0 && stages[0]?.cluster1 !== undefined) {
    // SPSS names a cluster by its lowest case number; the unit name is added.
    const caseName = (n: number | undefined) =>
      n === undefined ? '' : labels[n - 1] !== undefined ? `${n} ${labels[n - 1]}` : String(n);
    const rows = stages.map((s, i) => [
      loc.int(s.stage),
      `${caseName(s.cluster1)} + ${caseName(s.cluster2)}`,
      loc.num(s.coefficient),
      rescaled?.[i] !== undefined ? loc.num(rescaled[i], 2) : '',
    ]);
    return html`<h3>${loc.t('schedule')}</h3>${table({
      head: [loc.t('stage'), loc.t('combined'), loc.t('coefficient'), loc.t('rescaled')],
      rows,
      numeric: [0, 2, 3],
      className: 'compact',
    })}`;
  }
  const merges = cl.merges ?? [];
  if (merges.length === 0) return html``;
  const name = (node: number | undefined) =>
    node === undefined ? '' : node < 0 ? (labels[-node - 1] ?? String(-node)) : `#${node}`;
  const scale = rescaled ?? rescale(merges.map((m) => m.height ?? 0));
  return html`<h3>${loc.t('schedule')}</h3>${table({
    head: [loc.t('stage'), loc.t('combined'), loc.t('distance'), loc.t('rescaled'), loc.t('size')],
    rows: merges.map((m, i) => [
      String(i + 1),
      `${name(m.a)} + ${name(m.b)}`,
      loc.num(m.height),
      loc.num(scale[i], 2),
      loc.int(asNumber(m.size)),
    ]),
    numeric: [0, 2, 3, 4],
    className: 'compact',
  })}`;
}
