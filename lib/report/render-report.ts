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
  const csvHref = `data:text/csv;charset=utf-8;base64,${base64Utf8(toResultsCsv(results))}`;
  const jsonHref = `data:application/json;charset=utf-8;base64,${base64Utf8(JSON.stringify(results))}`;
  const subtitle = loc.t('subtitle', {
    units: ctx.units.length,
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
<a download="${base}-results.csv" href="${csvHref}">${loc.t('downloadCsv')}</a>
<a download="${base}-results.json" href="${jsonHref}">${loc.t('downloadJson')}</a></div>
</div></header>
<nav class="toc" aria-label="${loc.plain('contents')}"><ol>${toc}</ol></nav>
<main>${sections}</main>
<footer>${softwareName(results.run.softwareVersion)} · ${results.run.runId}</footer>
</body>
</html>
`;
  return page.html;
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
