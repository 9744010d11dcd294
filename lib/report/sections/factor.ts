import { fitLabel, labelWidth, renderChart } from '../charts.js';
import type { ReportContext } from '../context.js';
import { type CfaSection, type FactorSection, sectionOf, skipReason } from '../data.js';
import { figure, type Html, html, table } from '../html.js';

/**
 * Exploratory factor analysis: sampling adequacy (KMO, Bartlett), variance
 * explained with a scree plot, the rotated loadings as a heat map and a
 * table, and the component score coefficients as a bar chart and a table;
 * then the confirmatory model when one was fitted.
 */
export function factorSection(ctx: ReportContext): Html {
  const raw = sectionOf<FactorSection>(ctx.results, 'factorAnalysis');
  if (raw === undefined || skipReason(raw) !== undefined) {
    return html`${ctx.notRun('factorAnalysis')}${cfaPart(ctx)}`;
  }
  const fa = keyedByIndicator(ctx, raw);
  const ids = ctx.results.model.indicators
    .map((i) => i.id)
    .filter((id) => fa.rotatedLoadings?.[id] !== undefined);
  const parts = [
    setupNote(ctx, fa),
    adequacy(ctx, fa),
    variance(ctx, fa),
    loadings(ctx, fa, ids),
    coefficients(ctx, fa, ids),
    cfaPart(ctx),
  ];
  return html`${parts}`;
}

type Keyed<T> = Readonly<Record<string, T>>;

/** The factor section with every per-indicator part keyed by indicator id. */
interface KeyedFactor extends Omit<
  FactorSection,
  'rotatedLoadings' | 'scoreCoefficients' | 'communalities' | 'kmo'
> {
  readonly rotatedLoadings?: Keyed<readonly number[]>;
  readonly scoreCoefficients?: Keyed<readonly number[]>;
  readonly communalities?: Keyed<number>;
  readonly kmo?: Omit<NonNullable<FactorSection['kmo']>, 'perIndicator'> & {
    readonly perIndicator?: Keyed<number>;
  };
}

/**
 * The section with its per-indicator parts keyed by indicator id. A step
 * may write them as arrays in the order of its `indicators` list (the
 * model's order when it has none) or as records already.
 */
function keyedByIndicator(ctx: ReportContext, fa: FactorSection): KeyedFactor {
  const ids = fa.indicators ?? ctx.results.model.indicators.map((i) => i.id);
  function keyed<T>(
    value: Readonly<Record<string, T>> | readonly T[] | undefined,
  ): Readonly<Record<string, T>> | undefined {
    if (!Array.isArray(value)) return value as Readonly<Record<string, T>> | undefined;
    return Object.fromEntries(
      ids.flatMap((id, j) => (j < value.length ? [[id, value[j] as T]] : [])),
    );
  }
  const { kmo, ...rest } = fa;
  return {
    ...rest,
    rotatedLoadings: keyed(fa.rotatedLoadings),
    scoreCoefficients: keyed(fa.scoreCoefficients),
    communalities: keyed(fa.communalities),
    ...(kmo !== undefined ? { kmo: { ...kmo, perIndicator: keyed(kmo.perIndicator) } } : {}),
  };
}

/** Observations, scope, direction handling and excluded indicators, in one note. */
function setupNote(ctx: ReportContext, fa: KeyedFactor): Html {
  const { loc } = ctx;
  const excluded = (fa.excluded ?? []).map((e) =>
    typeof e === 'string' ? e : `${e.indicator ?? ''}${e.reason ? ` (${e.reason})` : ''}`,
  );
  const scope = loc.plain(fa.scope === 'per-year' ? 'per-year' : 'pooled');
  const scopeNote = fa.n !== undefined ? loc.t('factorScope', { n: fa.n, scope }) : '';
  const excludedNote =
    excluded.length > 0 ? html` ${loc.t('excludedNote', { list: loc.list(excluded) })}` : '';
  return html`<p class="muted">${scopeNote} ${fa.direction ?? ''}${excludedNote}</p>`;
}

function factorCount(fa: KeyedFactor, ids: readonly string[]): number {
  const first = ids.length > 0 ? fa.rotatedLoadings?.[ids[0]] : undefined;
  return fa.retained ?? first?.length ?? 0;
}

function adequacy(ctx: ReportContext, fa: KeyedFactor): Html {
  const { loc } = ctx;
  const kmoReason = skipReason(fa.kmo);
  const bartReason = skipReason(fa.bartlett);
  const notComputable = (reason: string) =>
    html`<span class="muted">${loc.t('notComputable', { reason })}</span>`;
  const rows = [
    [loc.t('kmo'), kmoReason !== undefined ? notComputable(kmoReason) : loc.num(fa.kmo?.overall)],
    [
      loc.t('bartlett'),
      bartReason !== undefined
        ? notComputable(bartReason)
        : html`${loc.t('chiSquare')} = ${loc.num(fa.bartlett?.chiSquare, 2)}, \
${loc.t('df')} = ${loc.int(fa.bartlett?.df)}, ${loc.t('pValue')} ${pText(ctx, fa.bartlett?.pValue)}`,
    ],
  ];
  const adequacyTable = table({
    head: ['', loc.t('value')],
    rows,
    rowHeaders: true,
    className: 'compact',
  });
  return html`<h3>${loc.t('adequacy')}</h3>${adequacyTable}`;
}

function pText(ctx: ReportContext, p: number | undefined): string {
  const text = ctx.loc.p(p);
  return text.startsWith('<') ? text : `= ${text}`;
}

function variance(ctx: ReportContext, fa: KeyedFactor): Html {
  const { loc } = ctx;
  const eigen = fa.eigenvalues ?? [];
  if (eigen.length === 0) return html``;
  const total = eigen.reduce((s, v) => s + v, 0);
  let cumulative = 0;
  const rows = eigen.map((value, i) => {
    cumulative += (100 * value) / total;
    const rotated = fa.rotatedVariance?.[i];
    return [
      String(i + 1),
      loc.num(value),
      loc.num((100 * value) / total, 2),
      loc.num(cumulative, 2),
      rotated ? loc.num(rotated.ss) : '',
      rotated ? loc.num(rotated.percent, 2) : '',
      rotated ? loc.num(rotated.cumulativePercent, 2) : '',
    ];
  });
  const chart = renderChart(
    {
      grid: { left: 56, right: 24, top: 24, bottom: 48 },
      xAxis: {
        type: 'category',
        name: loc.plain('component'),
        nameLocation: 'middle',
        nameGap: 30,
        data: eigen.map((_, i) => String(i + 1)),
      },
      yAxis: { type: 'value', name: loc.plain('eigenvalue'), nameLocation: 'middle', nameGap: 36 },
      series: [
        {
          type: 'line',
          name: loc.plain('eigenvalue'),
          data: eigen,
          symbolSize: 8,
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#b8405e' },
            label: { formatter: loc.plain('kaiserLine'), position: 'insideEndTop' },
            data: [{ yAxis: 1 }],
          },
        },
      ],
    },
    { width: 640, height: 320 },
    loc.plain('scree'),
  );
  const retained =
    fa.retained !== undefined ? html`<p>${loc.t('retainedNote', { n: fa.retained })}</p>` : '';
  return html`<h3>${loc.t('variance')}</h3>${retained}${figure(chart, loc.t('scree'))}${table({
    head: [
      loc.t('component'),
      loc.t('eigenvalue'),
      loc.t('percentVariance'),
      loc.t('cumulative'),
      loc.t('ssLoadings'),
      loc.t('percentVariance'),
      loc.t('cumulative'),
    ],
    rows,
    numeric: [0, 1, 2, 3, 4, 5, 6],
  })}`;
}

function loadings(ctx: ReportContext, fa: KeyedFactor, ids: readonly string[]): Html {
  const { loc } = ctx;
  const k = factorCount(fa, ids);
  if (ids.length === 0 || k === 0) return html``;
  const factors = Array.from({ length: k }, (_, i) => loc.plain('factorLabel', { n: i + 1 }));
  const label = (id: string) => fitLabel(`${id} ${ctx.indicatorName(id)}`);
  const data = ids.flatMap((id, row) =>
    (fa.rotatedLoadings?.[id] ?? []).map((v, col) => [col, row, Math.round(v * 1000) / 1000]),
  );

  const chart = renderChart(
    {
      grid: { left: labelWidth(ids.map(label)), right: 16, top: 32, bottom: 56 },
      xAxis: { type: 'category', data: factors, position: 'top', splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: ids.map(label) },
      visualMap: {
        min: -1,
        max: 1,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 200,
        calculable: false,
        inRange: { color: ['#b8405e', '#f4f4f4', '#1f5f8b'] },
      },
      series: [{ type: 'heatmap', data, label: { show: true, fontSize: 11 } }],
    },
    { width: 620, height: 110 + ids.length * 30 },
    loc.plain('loadings'),
  );
  // Loadings of 0.5 or more in absolute value are set in bold, the usual
  // reading aid of a rotated component matrix.
  const msa = fa.kmo?.perIndicator;
  const rows = ids.map((id) => [
    ctx.indicatorCell(id),
    ...(fa.rotatedLoadings?.[id] ?? []).map(
      (v) => html`<span class="${Math.abs(v) >= 0.5 ? 'strong' : ''}">${loc.num(v)}</span>`,
    ),
    loc.num(fa.communalities?.[id]),
    ...(msa !== undefined ? [loc.num(msa[id])] : []),
  ]);
  return html`<h3>${loc.t('loadings')}</h3>${figure(chart, loc.t('loadings'))}${table({
    head: [
      loc.t('indicator'),
      ...factors,
      loc.t('communality'),
      ...(msa !== undefined ? [loc.t('msa')] : []),
    ],
    rows,
    numeric: Array.from({ length: k + 2 }, (_, i) => i + 1),
    rowHeaders: true,
  })}`;
}

function coefficients(ctx: ReportContext, fa: KeyedFactor, ids: readonly string[]): Html {
  const { loc } = ctx;
  const k = factorCount(fa, ids);
  const present = ids.filter((id) => fa.scoreCoefficients?.[id] !== undefined);
  if (present.length === 0 || k === 0) return html``;
  const factors = Array.from({ length: k }, (_, i) => loc.plain('factorLabel', { n: i + 1 }));
  const chart = renderChart(
    {
      legend: { top: 0, data: factors },
      grid: { left: 56, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: [...present], axisLabel: { interval: 0 } },
      yAxis: { type: 'value' },
      series: factors.map((name, f) => ({
        name,
        type: 'bar',
        data: present.map((id) => fa.scoreCoefficients?.[id]?.[f] ?? null),
      })),
    },
    { width: 720, height: 340 },
    loc.plain('scoreCoefficients'),
  );
  return html`<h3>${loc.t('scoreCoefficients')}</h3>${figure(chart, loc.t('scoreCoefficients'))}${table(
    {
      head: [loc.t('indicator'), ...factors],
      rows: present.map((id) => [
        ctx.indicatorCell(id),
        ...(fa.scoreCoefficients?.[id] ?? []).map((v) => loc.num(v)),
      ]),
      numeric: Array.from({ length: k }, (_, i) => i + 1),
      rowHeaders: true,
    },
  )}`;
}

/** Names of CFA fit indices as printed, in the order a reader expects. */
const FIT_INDICES: readonly (readonly [string, string, number])[] = [
  ['chiSquare', 'χ²', 2],
  ['df', 'df', 0],
  ['pValue', 'p', 3],
  ['cfi', 'CFI', 3],
  ['tli', 'TLI', 3],
  ['rmsea', 'RMSEA', 3],
  ['rmseaLower', 'RMSEA 90% CI, lower', 3],
  ['rmseaUpper', 'RMSEA 90% CI, upper', 3],
  ['srmr', 'SRMR', 3],
];

function cfaPart(ctx: ReportContext): Html {
  const { loc } = ctx;
  const cfa = sectionOf<CfaSection>(ctx.results, 'cfa');
  const title = html`<h3>${loc.t('cfa')}</h3>`;
  if (cfa === undefined || skipReason(cfa) !== undefined) return html`${title}${ctx.notRun('cfa')}`;
  const fit = cfa.fit ?? {};
  const fitRows = FIT_INDICES.filter(([key]) => fit[key] !== undefined).map(
    ([key, name, digits]) => [name, key === 'pValue' ? loc.p(fit[key]) : loc.num(fit[key], digits)],
  );
  const warn = cfa.converged === false ? html`<p class="warn">${loc.t('notConverged')}</p>` : '';
  const loadingRows = (cfa.loadings ?? []).map((l) => [
    l.factor === undefined ? '' : ctx.subsystemName(l.factor),
    l.indicator === undefined ? '' : ctx.indicatorCell(l.indicator),
    loc.num(l.standardized ?? l.estimate),
    loc.p(l.pValue),
  ]);
  const rel = Object.entries(cfa.reliability ?? {}).map(([f, r]) => [
    ctx.subsystemName(f),
    loc.num(r.cr),
    loc.num(r.ave),
  ]);
  return html`${title}${warn}<div class="two-col">${table({
    head: [loc.t('fitIndex'), loc.t('value')],
    rows: fitRows,
    numeric: [1],
    rowHeaders: true,
    className: 'compact',
  })}${
    rel.length > 0
      ? table({
          head: [loc.t('factorName'), loc.t('compositeReliability'), loc.t('ave')],
          rows: rel,
          numeric: [1, 2],
          rowHeaders: true,
          className: 'compact',
        })
      : ''
  }</div>${
    loadingRows.length > 0
      ? table({
          head: [
            loc.t('factorName'),
            loc.t('indicator'),
            loc.t('standardizedLoading'),
            loc.t('pValue'),
          ],
          rows: loadingRows,
          numeric: [2, 3],
        })
      : ''
  }`;
}
