import { renderChart } from './charts.js';
import type { ReportContext } from './context.js';
import { figure, type Html, html, table } from './html.js';

export interface Histogram {
  /** bins + 1 equally spaced break points, lower to upper. */
  readonly breaks: readonly number[];
  /** Values in [breaks[i], breaks[i + 1]); the last bin also holds `upper`. */
  readonly counts: readonly number[];
}

/**
 * Counts of values in `bins` equal-width bins from `lower` to `upper`,
 * each closed on the left, the last closed on both sides: R's
 * `hist(x, breaks = seq(lower, upper, length.out = bins + 1),
 * right = FALSE, include.lowest = TRUE)$counts`. R shifts its breaks by
 * 1e-7 of the bin width to absorb rounding; here a value is compared with
 * the computed break points exactly, which gives the same counts unless a
 * value lies within that distance of a break.
 *
 * Non-finite values are not counted. Values outside [lower, upper] raise a
 * RangeError naming the first, as R's `hist` stops on them; `bins` must be
 * a positive integer and `upper` > `lower` (one bin may have
 * `upper` = `lower`, holding every value equal to both).
 */
export function histogram(
  values: readonly number[],
  lower: number,
  upper: number,
  bins: number,
): Histogram {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`histogram: bins must be a positive integer, got ${bins}`);
  }
  if (!(upper > lower) && !(upper === lower && bins === 1)) {
    throw new RangeError(`histogram: upper (${upper}) must exceed lower (${lower})`);
  }
  const width = (upper - lower) / bins;
  const breaks = Array.from({ length: bins + 1 }, (_, i) =>
    i === bins ? upper : lower + i * width,
  );
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lower || v > upper) {
      throw new RangeError(`histogram: value ${v} lies outside [${lower}, ${upper}]`);
    }
    let i = width > 0 ? Math.min(bins - 1, Math.floor((v - lower) / width)) : 0;
    // The floor can land one bin off when a value sits on a computed break.
    while (i > 0 && v < (breaks[i] ?? lower)) i--;
    while (i < bins - 1 && v >= (breaks[i + 1] ?? upper)) i++;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { breaks, counts };
}

/** Sturges' number of classes, ⌈log₂ n + 1⌉ (Sturges 1926; R's `nclass.Sturges`). */
export function sturgesBins(n: number): number {
  return n < 1 ? 1 : Math.ceil(Math.log2(n) + 1);
}

export interface DistributionSpec {
  readonly values: readonly number[];
  /** Fixed range (e.g. 0–1 for D and efficiency); else the values' range in Sturges bins. */
  readonly range?: readonly [number, number];
  readonly bins?: number;
  /** Chart caption and aria label, plain text, given the number of values drawn. */
  readonly caption: (n: number) => string;
  /** Decimals of the interval labels. */
  readonly digits: number;
}

/**
 * A histogram of one measure over every unit, as a bar chart followed by
 * its table of intervals and counts: the view of a large panel that the
 * per-unit charts can no longer give.
 */
export function distributionFigure(ctx: ReportContext, spec: DistributionSpec): Html {
  const { loc } = ctx;
  const finite = spec.values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return html``;
  let low = Infinity;
  let high = -Infinity;
  for (const v of finite) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  // Values a step wrote just outside a fixed range (efficiency 1 + 1e-12)
  // widen it rather than fail the section.
  const lower = Math.min(spec.range?.[0] ?? low, low);
  const upper = Math.max(spec.range?.[1] ?? high, high);
  const caption = spec.caption(finite.length);
  const bins = upper > lower ? (spec.bins ?? sturgesBins(finite.length)) : 1;
  const { breaks, counts } = histogram(finite, lower, upper, bins);
  const labels = counts.map((_, i) => {
    const from = loc.num(breaks[i], spec.digits);
    const to = loc.num(breaks[i + 1], spec.digits);
    return `${from}–${to}`;
  });
  const chart = renderChart(
    {
      grid: { left: 56, right: 16, top: 24, bottom: 64 },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: labels.length > 10 ? 45 : 0, fontSize: 10 },
      },
      yAxis: { type: 'value', name: loc.plain('unitsAxis'), minInterval: 1 },
      series: [{ type: 'bar', barCategoryGap: '6%', data: [...counts] }],
    },
    { width: 720, height: 300 },
    caption,
  );
  return html`${figure(chart, caption)}${table({
    head: [loc.t('interval'), loc.t('unitsAxis')],
    rows: counts.map((c, i) => [html`<span class="nowrap">${labels[i]}</span>`, loc.int(c)]),
    numeric: [1],
    rowHeaders: true,
    className: 'compact',
  })}`;
}
