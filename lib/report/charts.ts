import { BarChart, HeatmapChart, LineChart, LinesChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import LRU from 'zrender/lib/core/LRU.js';
import { escapeHtml } from './escape.js';

// Only the parts the report draws are registered: the full 'echarts' entry
// takes about a second to import, most of it for charts never used here.
echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  LinesChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  VisualMapComponent,
  SVGRenderer,
]);

// zrender, ECharts' renderer, caches text widths and colours in an LRU whose
// map is a plain object. A text equal to an inherited key (a unit named
// "__proto__" or "constructor") then finds Object.prototype or Object as a
// cache entry, and the LRU links it into its list by writing `prev` and
// `next` onto it: every later run in the process (a warm Lambda) sees
// those keys on every object and fails model validation. Each map is given
// a null prototype before it is read or written, where inherited keys do
// not exist.
type LruInternals = { _map: object };
const lru = LRU.prototype as unknown as Record<'get' | 'put', (this: LruInternals, ...args: unknown[]) => unknown>;
for (const method of ['get', 'put'] as const) {
  const original = lru[method];
  lru[method] = function (this: LruInternals, ...args: unknown[]) {
    if (Object.getPrototypeOf(this._map) !== null) Object.setPrototypeOf(this._map, null);
    return original.apply(this, args);
  };
}

/** Colours of the report, chosen to stay apart in greyscale print too. */
export const PALETTE = [
  '#1f5f8b',
  '#e07b39',
  '#3c9d5d',
  '#b8405e',
  '#7a5195',
  '#c9a227',
  '#4aa3a2',
  '#6b6b6b',
] as const;

/** Fonts that hold both Latin and CJK glyphs on common systems. */
export const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Draws one chart to an SVG string with ECharts' server-side renderer
 * (`renderer: 'svg', ssr: true`), animation off, so the page needs no
 * script to show it. The root element gets `role="img"` and an
 * `aria-label`; its fixed width and height stay as the intrinsic size, and
 * the page's CSS scales it to the column width through the viewBox.
 *
 * ECharts escapes every text it writes into the SVG, unit names included;
 * `label` is escaped here.
 */
export function renderChart(
  option: echarts.EChartsCoreOption,
  size: ChartSize,
  label: string,
): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({
      animation: false,
      color: [...PALETTE],
      textStyle: { fontFamily: FONT_FAMILY, color: '#222' },
      ...option,
    });
    const svg = chart.renderToSVGString();
    return svg.replace(
      /^<svg /,
      `<svg role="img" aria-label="${escapeHtml(label)}" class="chart" `,
    );
  } finally {
    chart.dispose();
  }
}

/**
 * Width in pixels to reserve for axis labels. The server-side renderer has
 * no fonts to measure with and underestimates proportional text, so the
 * reserve is estimated here: about 0.62 em per Latin character and 1 em per
 * CJK character, plus a small gap, capped at `max`.
 */
export function labelWidth(labels: readonly string[], fontSize = 12, max = MAX_LABEL_PX): number {
  let widest = 0;
  for (const label of labels) widest = Math.max(widest, textEm(label) * fontSize);
  return Math.min(max, Math.ceil(widest) + 14);
}

/** Widest axis label the charts give room to, in pixels. */
export const MAX_LABEL_PX = 280;

function charEm(ch: string): number {
  return /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 1 : 0.62;
}

function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

/**
 * A label cut with an ellipsis to fit `maxPx` by the same estimate as
 * `labelWidth`, so that it never runs past the room reserved for it. The
 * tables beside the charts keep the full text.
 */
export function fitLabel(text: string, fontSize = 12, maxPx = MAX_LABEL_PX - 14): string {
  if (textEm(text) * fontSize <= maxPx) return text;
  let out = '';
  let em = 0;
  for (const ch of text) {
    em += charEm(ch);
    if ((em + 1) * fontSize > maxPx) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * A legend stacked one entry per line above the plot, and the top margin
 * the plot then needs. A single-line legend would overlap itself when the
 * names are long, because the server-side renderer cannot measure them.
 */
export function stackedLegend(names: readonly string[]): { legend: object; top: number } {
  return {
    legend: { orient: 'vertical', top: 0, left: 0, itemGap: 6, data: [...names] },
    top: 24 + names.length * 20,
  };
}
