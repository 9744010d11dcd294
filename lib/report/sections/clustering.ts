import { leafOrder } from '../../analysis/cluster/index.js';
import { fitLabel, labelWidth, renderChart } from '../charts.js';
import type { ReportContext } from '../context.js';
import { asNumber, type ClusteringSection, type Merge, sectionOf, skipReason } from '../data.js';
import { FOCUS_EACH_END, LARGE_PANEL_UNITS } from '../focus.js';
import { figure, type Html, html, table } from '../html.js';
import { tierLabel } from './summary.js';

/**
 * The dendrogram on SPSS's rescaled 0–25 axis, the tier table and the
 * agglomeration schedule. Merges follow R's hclust convention (−i is
 * observation i, +s the cluster formed at stage s), as the clustering core
 * writes them.
 *
 * Above LARGE_PANEL_UNITS leaves the tree is drawn only above the cut into
 * k clusters, each cluster a leaf (`cutDendrogram`); with more than
 * LARGE_PANEL_UNITS clusters it is not drawn. The tier table then names a
 * few members of each tier with its size, and the schedule lists its last
 * stages, where the clusters join.
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
  const labels = leafLabels(cl);
  const tree = labels.length <= LARGE_PANEL_UNITS ? dendrogram(ctx, cl) : cutDendrogram(ctx, cl);
  return html`${setup}${tree}${tierTable(ctx, cl)}${schedule(ctx, cl)}`;
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

  const chart = dendrogramChart(
    ctx,
    order.map((leaf) => labels[leaf] ?? ''),
    [{ ...TREE_LINES, data: lines, ...cutMarker(rescaled, merges.length, cl.k ?? 0) }],
    labels.length * 28,
    loc.plain('dendrogram'),
  );
  return html`<h3>${loc.t('dendrogram')}</h3>${figure(chart, loc.t('dendrogram'))}`;
}

/** Members a tier row of a large panel names before giving the count. */
const TIER_NAMES_SHOWN = 5;

/** Stages of the schedule a large tree lists: its last ones. */
const SCHEDULE_TAIL = 2 * FOCUS_EACH_END;

/**
 * The dendrogram above its cut into k clusters, for a tree too large to
 * draw leaf by leaf: the last k − 1 merges are drawn as usual, and each of
 * the k subtrees they join is one leaf. A leaf starts at the rescaled
 * height of its subtree's top merge (0 for a single unit), so the spread
 * within a cluster stays visible, and is labelled with its tier (else
 * its cluster number) and size. The k clusters of the cut are those of R's `cutree(tree, k)`,
 * taken from the merge order; when k-means refinement moved units after
 * the cut, a leaf whose units now lie in several clusters is labelled with
 * its size only.
 *
 * Not drawn, with a sentence saying so, when k is missing, below 2 or
 * above LARGE_PANEL_UNITS, or when the merge list does not fit the labels.
 */
function cutDendrogram(ctx: ReportContext, cl: ClusteringSection): Html {
  const { loc } = ctx;
  const merges = cl.merges ?? [];
  const labels = leafLabels(cl);
  const n = labels.length;
  const k = cl.k ?? 0;
  const omitted = html`<h3>${loc.t('dendrogram')}</h3><p class="focus-note">${loc.t(
    'dendrogramOmitted',
    { units: loc.int(n), k: k > 0 ? loc.int(k) : '–' },
  )}</p>`;
  if (merges.length === 0 || n !== merges.length + 1 || k < 2 || k > LARGE_PANEL_UNITS) {
    return omitted;
  }
  const rescaled = givenRescaled(cl) ?? rescale(merges.map((m) => m.height ?? 0));
  // Merges numbered above n − k are the ones the cut undoes: drawn.
  const firstDrawn = n - k + 1;
  const isLeaf = (node: number) => node < 0 || node < firstDrawn;

  // Leaves of the cut tree in the order hclust would draw them.
  const leaves: number[] = [];
  const stack = [merges.length];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (isLeaf(node)) {
      leaves.push(node);
      continue;
    }
    const m = merges[node - 1];
    // hclust numbers a merge after the merges it joins; anything else is
    // a damaged list, whose walk could loop.
    for (const child of [m?.b ?? 0, m?.a ?? 0]) if (child < node) stack.push(child);
  }
  if (leaves.length !== k) return omitted;

  const clusterOf = new Map((cl.assignments ?? []).map((a) => [a.unit, a]));
  const leafText = leaves.map((node) => {
    const members = unitsUnder(merges, node);
    const clusters = new Set(members.map((i) => clusterOf.get(labels[i])?.cluster));
    const assignment = clusterOf.get(labels[members[0] ?? 0]);
    const size = loc.int(members.length);
    if (clusters.size !== 1 || assignment?.cluster === undefined) {
      return loc.plain('unitsCount', { n: size });
    }
    const tier = assignment.tier ?? '';
    const name =
      tier === 'A' || tier === 'B' || tier === 'C'
        ? loc.plain(`tier${tier}`)
        : tier !== ''
          ? tier
          : loc.plain('clusterName', { cluster: assignment.cluster });
    return loc.plain('clusterLeaf', { name, n: size });
  });

  const slot = new Map(leaves.map((node, i) => [node, i]));
  const position = new Map<number, number>();
  const at = (node: number): [number, number] => {
    const leafSlot = slot.get(node);
    if (leafSlot !== undefined) return [node < 0 ? 0 : (rescaled[node - 1] ?? 0), leafSlot];
    return [rescaled[node - 1] ?? 0, position.get(node) ?? 0];
  };
  const lines: { coords: number[][] }[] = [];
  for (let s = firstDrawn; s <= merges.length; s++) {
    const m = merges[s - 1];
    const [xa, ya] = at(m?.a ?? 0);
    const [xb, yb] = at(m?.b ?? 0);
    const x = rescaled[s - 1] ?? 0;
    position.set(s, (ya + yb) / 2);
    lines.push({
      coords: [
        [xa, ya],
        [x, ya],
        [x, yb],
        [xb, yb],
      ],
    });
  }
  // Each leaf as a thick bar from its own height, so a cluster reads as a
  // bar rather than a line ending in the air.
  const leafBars = leaves.map((node, i) => ({
    coords: [
      [0, i],
      [at(node)[0], i],
    ],
  }));

  const chart = dendrogramChart(
    ctx,
    leafText,
    [
      { ...TREE_LINES, data: lines, ...cutMarker(rescaled, merges.length, k) },
      { ...TREE_LINES, lineStyle: { color: '#9bb8cc', width: 8, opacity: 1 }, data: leafBars },
    ],
    k * 36,
    loc.plain('dendrogramCut', { k }),
  );
  return html`<h3>${loc.t('dendrogramCut', { k })}</h3>\
<p class="focus-note">${loc.t('dendrogramCutNote', { units: loc.int(n), k })}</p>\
${figure(chart, loc.t('dendrogramCut', { k }))}`;
}

/** The polyline series both dendrograms draw their branches with. */
const TREE_LINES = {
  type: 'lines',
  coordinateSystem: 'cartesian2d',
  polyline: true,
  silent: true,
  lineStyle: { color: '#1f5f8b', width: 1.6, opacity: 1 },
} as const;

/**
 * The dashed line where the tree is cut into k clusters: between the last
 * merge kept and the first one undone. Not drawn when heights do not rise
 * there (centroid linkage can reverse them).
 */
function cutMarker(rescaled: readonly number[], merges: number, k: number) {
  const kept = rescaled[merges - k];
  const undone = rescaled[merges - k + 1];
  if (k < 2 || kept === undefined || undone === undefined || !(undone > kept)) return {};
  return {
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { type: 'dashed', color: '#b8405e' },
      label: { formatter: `k = ${k}`, position: 'start' },
      data: [{ xAxis: (kept + undone) / 2 }],
    },
  };
}

/**
 * A dendrogram chart: SPSS's rescaled 0–25 distance across, one row per
 * leaf from the top, labelled with `leafText` (in leaf order) cut to the
 * room the chart gives labels.
 */
function dendrogramChart(
  ctx: ReportContext,
  leafText: readonly string[],
  series: readonly object[],
  rowsHeight: number,
  label: string,
): string {
  const fitted = leafText.map((t) => fitLabel(t));
  return renderChart(
    {
      grid: { left: labelWidth(leafText), right: 24, top: 16, bottom: 48 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 25,
        interval: 5,
        name: ctx.loc.plain('dendrogramAxis'),
        nameLocation: 'middle',
        nameGap: 26,
        axisLine: { onZero: false },
      },
      yAxis: {
        type: 'value',
        inverse: true,
        min: -1,
        max: leafText.length,
        interval: 1,
        splitLine: { show: false },
        axisTick: { show: false },
        axisLabel: { formatter: (v: number) => fitted[v] ?? '' },
      },
      series: [...series],
    },
    { width: 720, height: 80 + rowsHeight },
    label,
  );
}

/** Observations (0-based) under a node of the merge list. */
function unitsUnder(merges: readonly Merge[], node: number): number[] {
  const out: number[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const at = stack.pop() as number;
    if (at < 0) {
      out.push(-at - 1);
      continue;
    }
    // 0 names no node, and a merge joins only earlier ones: a damaged
    // merge list ends the walk there.
    if (at === 0) continue;
    const m = merges[at - 1];
    for (const child of [m?.b ?? 0, m?.a ?? 0]) if (child < at) stack.push(child);
  }
  return out;
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
  const large = leafLabels(cl).length > LARGE_PANEL_UNITS;
  const members = (units: readonly string[]) =>
    large && units.length > TIER_NAMES_SHOWN
      ? loc.t('unitsAmong', {
          n: loc.int(units.length),
          list: `${units.slice(0, TIER_NAMES_SHOWN).join(', ')} …`,
        })
      : units.join(', ');
  const rows = tiers.map((t) => {
    const extra = t as { meanComposite?: number; meanScore?: number };
    return [
      tierLabel(ctx, t.tier ?? ''),
      loc.int(clusterNumber(t)),
      members(t.units ?? []),
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
  // A large tree lists only its last stages, where the clusters join.
  const first =
    labels.length > LARGE_PANEL_UNITS ? Math.max(0, labels.length - 1 - SCHEDULE_TAIL) : 0;
  const note = (total: number) =>
    first > 0
      ? html`<p class="focus-note">${loc.t('scheduleLast', {
          shown: loc.int(total - first),
          total: loc.int(total),
        })}</p>`
      : '';
  if (stages !== undefined && stages.length > 0 && stages[0]?.cluster1 !== undefined) {
    // SPSS names a cluster by its lowest case number; the unit name is added.
    const caseName = (n: number | undefined) =>
      n === undefined ? '' : labels[n - 1] !== undefined ? `${n} ${labels[n - 1]}` : String(n);
    const rows = stages.slice(first).map((s, j) => [
      loc.int(s.stage),
      `${caseName(s.cluster1)} + ${caseName(s.cluster2)}`,
      loc.num(s.coefficient),
      rescaled?.[first + j] !== undefined ? loc.num(rescaled[first + j], 2) : '',
    ]);
    return html`<h3>${loc.t('schedule')}</h3>${note(stages.length)}${table({
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
  return html`<h3>${loc.t('schedule')}</h3>${note(merges.length)}${table({
    head: [loc.t('stage'), loc.t('combined'), loc.t('distance'), loc.t('rescaled'), loc.t('size')],
    rows: merges.slice(first).map((m, j) => [
      String(first + j + 1),
      `${name(m.a)} + ${name(m.b)}`,
      loc.num(m.height),
      loc.num(scale[first + j], 2),
      loc.int(asNumber(m.size)),
    ]),
    numeric: [0, 2, 3, 4],
    className: 'compact',
  })}`;
}
