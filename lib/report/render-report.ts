import type { Results } from '../pipeline/results.js';
import { type ReportContext, createContext } from './context.js';
import { toResultsCsv } from './csv.js';
import { type Html, html, raw } from './html.js';
import { createLocale, type Language } from './locale.js';
import type { MessageKey } from './messages.js';
import { clusteringSection } from './sections/clustering.js';
import { compositeSection } from './sections/composite.js';
import { couplingSection } from './sections/coupling.js';
import { efficiencySection } from './sections/efficiency.js';
import { factsSection, softwareName } from './sections/facts.js';
import { factorSection } from './sections/factor.js';
import { indicatorsSection } from './sections/indicators.js';
import { methodsSection } from './sections/methods.js';
import { qualitySection } from './sections/quality.js';
import { regressionSection } from './sections/regression.js';
import { reliabilitySection } from './sections/reliability.js';
import { summarySection } from './sections/summary.js';
import { STYLES } from './styles.js';

export interface ReportOptions {
  readonly language: Language;
}

/**
 * The page's Content-Security-Policy. No script may run at all (there is
 * no script-src, so `default-src 'none'` forbids every script, inline or
 * not); images only from data: URLs; no fetches, frames, forms or base
 * URL. Styles must allow inline because ECharts writes `style` attributes
 * into its SVG; every text that reaches the page is escaped, so an inline
 * style can only be one the report wrote.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Section ids in page order, the catalogue key of each title, and its renderer. */
export const SECTIONS: readonly (readonly [string, MessageKey, (ctx: ReportContext) => Html])[] = [
  ['summary', 'summary', summarySection],
  ['indicators', 'indicators', indicatorsSection],
  ['coupling', 'coupling', couplingSection],
  ['factor', 'factor', factorSection],
  ['reliability', 'reliability', reliabilitySection],
  ['composite', 'composite', compositeSection],
  ['efficiency', 'efficiency', efficiencySection],
  ['clustering', 'clustering', clusteringSection],
  ['regression', 'regression', regressionSection],
  ['quality', 'quality', qualitySection],
  ['methods', 'methods', methodsSection],
  ['facts', 'facts', factsSection],
];

/**
 * Renders the results of one run as one self-contained HTML page: charts
 * are inline SVG drawn now, results.csv and results.json are embedded as
 * data: links, and the page runs no script. Every string from the data
 * (unit, indicator and file names, messages) is escaped.
 *
 * A section whose step was skipped or did not run says so with the step's
 * reason. A section whose data has a shape the renderer cannot read says
 * that instead of failing the whole report, naming the error.
 */
export function renderReport(results: Results, options: ReportOptions): string {
  const loc = createLocale(options.language);
  const ctx = createContext(results, loc);
  const title = results.model.analysis?.report?.title ?? loc.plain('title');

  const sections = SECTIONS.map(([id, key, render]) => {
    let body: Html;
    try {
      body = render(ctx);
    } catch (error) {
      body = html`<p class="not-run">${loc.t('sectionFailed', { reason: (error as Error).message })}</p>`;
    }
    return html`<section id="${id}" aria-labelledby="${id}-title">\
<h2 id="${id}-title">${loc.t(key)}</h2>${body}</section>`;
  });
  const toc = SECTIONS.map(([id, key]) => html`<li><a href="#${id}">${loc.t(key)}</a></li>`);

  const base = fileStem(results.run.dataset ?? 'results');
  const downloads = downloadLinks(results, base);
  const subtitle = loc.t('subtitle', {
    units: loc.int(ctx.units.length),
    years: loc.yearSpan(ctx.years),
    indicators: results.model.indicators.length,
  });

  const page = html`<!doctype html>
<html lang="${loc.tag}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="generator" content="${softwareName(results.run.softwareVersion)}">
<title>${title} · ${results.run.dataset ?? results.run.modelName}</title>
<style>${raw(STYLES)}</style>
</head>
<body>
<header class="top"><div class="inner">
<h1>${title}</h1>
<p>${results.run.dataset ?? ''}${results.run.dataset ? ' · ' : ''}${results.run.modelName}</p>
<p>${subtitle} · ${loc.dateTime(results.run.finishedAt)}</p>
<div class="downloads"><span>${loc.t('downloads')}:</span>
<a download="${downloads.csvName}" href="${downloads.csvHref}">${loc.t('downloadCsv')}</a>
<a download="${downloads.jsonName}" href="${downloads.jsonHref}">${loc.t('downloadJson')}</a>\
${downloads.embedded ? '' : html`<p class="linked">${loc.t('downloadsLinked')}</p>`}</div>
</div></header>
<nav class="toc" aria-label="${loc.plain('contents')}"><ol>${toc}</ol></nav>
<main>${sections}</main>
<footer>${softwareName(results.run.softwareVersion)} · ${results.run.runId}</footer>
</body>
</html>
`;
  return page.html;
}

/**
 * Largest results.csv or results.json, in UTF-8 bytes, that the page
 * embeds as a data: link. Embedded, each file costs its size × 4/3 in
 * base64, and a page of several megabytes opens slowly; above this the
 * links point to the results.csv and results.json that the report step
 * writes beside report.html (in the output folder and under the run's S3
 * prefix alike).
 */
export const EMBED_LIMIT_BYTES = 1_000_000;

/** The files the report step writes beside report.html, as relative links. */
export const RESULTS_CSV_FILE = 'results.csv';
export const RESULTS_JSON_FILE = 'results.json';

interface Downloads {
  readonly embedded: boolean;
  readonly csvHref: string;
  readonly jsonHref: string;
  readonly csvName: string;
  readonly jsonName: string;
}

/**
 * Both downloads embedded when both files are at most EMBED_LIMIT_BYTES,
 * else both linked to the files beside the page, so the two always come
 * from the same place. Whether the JSON is over the limit is found without
 * serializing a large one whole (`longerThan`); the CSV is only built when
 * the JSON is small.
 */
function downloadLinks(results: Results, base: string): Downloads {
  const json = longerThan(results, EMBED_LIMIT_BYTES) ? undefined : JSON.stringify(results);
  const small = json !== undefined && utf8Length(json) <= EMBED_LIMIT_BYTES;
  const csv = small ? toResultsCsv(results) : undefined;
  if (json !== undefined && csv !== undefined && utf8Length(csv) <= EMBED_LIMIT_BYTES) {
    return {
      embedded: true,
      csvHref: `data:text/csv;charset=utf-8;base64,${base64Utf8(csv)}`,
      jsonHref: `data:application/json;charset=utf-8;base64,${base64Utf8(json)}`,
      csvName: `${base}-results.csv`,
      jsonName: `${base}-results.json`,
    };
  }
  return {
    embedded: false,
    csvHref: RESULTS_CSV_FILE,
    jsonHref: RESULTS_JSON_FILE,
    csvName: `${base}-results.csv`,
    jsonName: `${base}-results.json`,
  };
}

/**
 * Whether JSON.stringify(results) has more than `limit` characters,
 * serializing the rows one at a time and stopping once past the limit, so
 * the answer for 50,000 rows costs about as much as for a few hundred. The
 * sum of the parts' lengths is the whole's, less the commas and keys that
 * join them, so a sum over the limit means a whole over it; a sum under it
 * is checked on the whole text by the caller.
 */
function longerThan(results: Results, limit: number): boolean {
  let length = 0;
  for (const [key, value] of Object.entries(results)) {
    if (key === 'rows') continue;
    length += JSON.stringify(value)?.length ?? 0;
    if (length > limit) return true;
  }
  for (const row of results.rows) {
    length += JSON.stringify(row).length;
    if (length > limit) return true;
  }
  return false;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A download file name made of safe characters only. */
function fileStem(name: string): string {
  const stem = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '');
  return stem === '' ? 'results' : stem.slice(0, 80);
}

/** Base64 of the UTF-8 bytes of a text, for data: URLs. */
function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
