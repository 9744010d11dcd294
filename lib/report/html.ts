import { escapeHtml } from './escape.js';

/**
 * Markup that is already safe to place in the page. Plain strings are never
 * trusted: the `html` template below escapes every string it is given, so
 * a unit name can only reach the page as text.
 */
export interface Html {
  readonly html: string;
}

export type Part = Html | string | number | undefined | null | false | readonly Part[];

/** Wraps markup the report built itself (an SVG from ECharts, fixed tags). */
export function raw(markup: string): Html {
  return { html: markup };
}

/** Tagged template: literal parts are markup, interpolated values are escaped. */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderPart(value) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

export function renderPart(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (Array.isArray(part)) return part.map((p: Part) => renderPart(p)).join('');
  if (typeof part === 'object') return (part as Html).html;
  return escapeHtml(part);
}

export interface TableSpec {
  readonly caption?: Part;
  /** Column headings; none for a table of name–value pairs. */
  readonly head: readonly Part[];
  readonly rows: readonly (readonly Part[])[];
  /** Columns (0-based) whose cells are numbers: right-aligned, tabular digits. */
  readonly numeric?: readonly number[];
  /** The first column names the row (`<th scope="row">`). */
  readonly rowHeaders?: boolean;
  readonly className?: string;
}

/** A data table inside a horizontally scrolling wrapper for narrow screens. */
export function table(spec: TableSpec): Html {
  const numeric = new Set(spec.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? raw(' class="num"') : '');
  const head = spec.head.map((cell, i) => html`<th scope="col"${cls(i)}>${cell}</th>`);
  const body = spec.rows.map(
    (row) =>
      html`<tr>${row.map((cell, i) =>
        i === 0 && spec.rowHeaders
          ? html`<th scope="row">${cell}</th>`
          : html`<td${cls(i)}>${cell}</td>`,
      )}</tr>`,
  );
  const caption = spec.caption === undefined ? '' : html`<caption>${spec.caption}</caption>`;
  const className = spec.className ? ` ${spec.className}` : '';
  const thead = spec.head.length === 0 ? '' : html`<thead><tr>${head}</tr></thead>`;
  return html`<div class="table-wrap${className}"><table>${caption}${thead}\
<tbody>${body}</tbody></table></div>`;
}

/** A chart with its caption; the table that follows it is its text alternative. */
export function figure(svg: string, caption: Part): Html {
  return html`<figure class="chart-figure">${raw(svg)}<figcaption>${caption}</figcaption></figure>`;
}
