import { describe, expect, it } from 'vitest';
import type { Results } from '../../lib/pipeline/results.js';
import { renderReport, SECTIONS } from '../../lib/report/index.js';
import { artifactKeys } from '../../lib/pipeline/keys.js';
import {
  EMBED_LIMIT_BYTES,
  FOCUS_EACH_END,
  LARGE_PANEL_UNITS,
  RESULTS_CSV_FILE,
  RESULTS_JSON_FILE,
} from '../../lib/report/index.js';
import {
  deepFreeze,
  HOSTILE_NAMES,
  LARGE_WARNINGS,
  largeResults,
  sectionHtml,
} from './fixtures.js';

/** The page of a large panel must stay a page a person can open. */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
const UNITS = 1000;
/** Units a per-unit table of a large panel holds: the leading and the trailing. */
const SHOWN = 2 * FOCUS_EACH_END;
/**
 * Charts of a large complete run: the eight of a small one, plus histograms
 * of D, of the composite score and of efficiency.
 */
const LARGE_CHARTS = 11;
/** Rows the whole page may hold; the 1,000-unit panel's own tables had over 10,000. */
const MAX_PAGE_ROWS = 700;
/** Validation findings and rank changes the page lists at most. */
const ISSUES_SHOWN = 200;
const MOVES_SHOWN = 10;
/** Stages of the schedule a large tree lists. */
const SCHEDULE_SHOWN = 2 * FOCUS_EACH_END;

function bodyRows(part: string): number {
  return (part.match(/<tbody>/g) ?? []).length === 0
    ? 0
    : (part.split('<tbody>').slice(1).join('').match(/<tr>/g) ?? []).length;
}

/** Rows of the n-th table (0-based) of a part of the page. */
function tableRows(part: string, n: number): number {
  const body = part.split('<tbody>')[n + 1] ?? '';
  return (body.slice(0, body.indexOf('</tbody>')).match(/<tr>/g) ?? []).length;
}

function latestRanking(results: Results): string[] {
  const latest = Math.max(...results.rows.map((r) => r.year));
  return results.rows
    .filter((r) => r.year === latest)
    .sort((a, b) => (b.composite as number) - (a.composite as number))
    .map((r) => r.unit);
}

describe('renderReport of a large panel', () => {
  const results = deepFreeze(largeResults(UNITS));
  const page = renderReport(results, { language: 'en' });
  const ranking = latestRanking(results);
  const omitted = UNITS - SHOWN;
  const focusSentence =
    'Showing 30 of 1,000 units: the 15 highest and the 15 lowest by composite score in 1986. ' +
    `The other ${omitted} units are in results.csv and results.json.`;

  it('renderReport(1,000 units) is a page under 2 MB with every section drawn', () => {
    expect(new TextEncoder().encode(page).length).toBeLessThan(MAX_PAGE_BYTES);
    for (const [id] of SECTIONS) {
      expect(page, id).toContain(`<section id="${id}"`);
      expect(sectionHtml(page, id), id).not.toMatch(/could not be drawn|not-run/);
    }
    expect(page).not.toMatch(/<script/i);
  });

  it('renderReport(1,000 units) draws a bounded number of charts, each followed by a table', () => {
    const svgs = page.match(/<svg role="img" aria-label="[^"]+" class="chart"/g) ?? [];
    expect(svgs).toHaveLength(LARGE_CHARTS);
    const figures = page.split('<figure class="chart-figure">').slice(1);
    for (const figure of figures) {
      const after = figure.slice(figure.indexOf('</figure>'), figure.indexOf('</figure>') + 400);
      expect(after).toMatch(
        /^<\/figure>(<h3>[^<]*<\/h3>)?(<p[^>]*>[^<]*<\/p>)?<div class="table-wrap/,
      );
    }
    expect(bodyRows(page)).toBeLessThan(MAX_PAGE_ROWS);
  });

  it('renderReport(1,000 units) shows the 15 highest and 15 lowest units and says how many are omitted', () => {
    for (const id of ['coupling', 'composite', 'efficiency']) {
      const section = sectionHtml(page, id);
      expect(section, id).toContain(`<p class="focus-note">${focusSentence}</p>`);
    }
    const coupling = sectionHtml(page, 'coupling');
    expect(tableRows(coupling, 0)).toBe(SHOWN);
    const shown = [...ranking.slice(0, FOCUS_EACH_END), ...ranking.slice(-FOCUS_EACH_END)];
    const firstColumn = [
      ...coupling
        .split('<tbody>')[1]
        .split('</tbody>')[0]
        .matchAll(/<tr><th scope="row">([^<]*)<\/th>/g),
    ].map((m) => m[1]);
    expect(firstColumn).toEqual(shown);
    // A unit from the middle of the ranking is in no per-unit chart or table.
    const middle = ranking[UNITS / 2] ?? '';
    for (const id of ['coupling', 'composite', 'efficiency']) {
      expect(sectionHtml(page, id), id).not.toContain(middle);
    }
    // The gap between the two ends is a labelled slot in the bar charts.
    expect(coupling).toContain(`⋯ ${omitted} more units ⋯`);
    expect(tableRows(sectionHtml(page, 'composite'), 0)).toBe(SHOWN);
  });

  it('renderReport(1,000 units) adds histograms whose counts cover every unit', () => {
    for (const [id, caption] of [
      ['coupling', 'Coordination degree D of all 1,000 units, 1986'],
      ['composite', 'Composite score of all 1,000 units, 1986'],
      ['efficiency', 'Technical efficiency (CRS) of all 1,000 units, 1986'],
    ] as const) {
      const section = sectionHtml(page, id);
      const at = section.indexOf(`<figcaption>${caption}</figcaption>`);
      expect(at, id).toBeGreaterThan(0);
      const body = section.slice(at).split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
      const counts = [...body.matchAll(/<td class="num">([\d,]+)<\/td>/g)].map((m) =>
        Number(m[1]?.replace(/,/g, '')),
      );
      expect(counts.length, id).toBeGreaterThan(1);
      expect(
        counts.reduce((s, c) => s + c, 0),
        id,
      ).toBe(UNITS);
    }
  });

  it('renderReport(1,000 units) draws the dendrogram down to the k clusters, with their sizes', () => {
    const section = sectionHtml(page, 'clustering');
    const clustering = results.clustering as {
      k: number;
      tiers: { tier: string; units: string[] }[];
    };
    expect(section).toContain(
      `<h3>Dendrogram of the ${clustering.k} clusters (rescaled distance 0–25)</h3>`,
    );
    const names: Record<string, string> = {
      A: 'A · leaders',
      B: 'B · middle',
      C: 'C · catching up',
    };
    for (const t of clustering.tiers) {
      expect(section).toContain(`${names[t.tier]}: ${t.units.length} units`);
    }
    // Every unit leaf of a full dendrogram would carry its name in the SVG.
    expect(section).not.toContain(ranking[UNITS / 2] ?? '');
    // The tier table names a few members and counts the rest.
    expect(tableRows(section, 0)).toBe(clustering.tiers.length);
    expect(section).toMatch(/\d+ units, among them [^<]+…/);
    expect(section).toContain(`The last ${SCHEDULE_SHOWN} of ${UNITS - 1} stages`);
    expect(tableRows(section, 1)).toBe(SCHEDULE_SHOWN);
  });

  it('renderReport(1,000 units) limits the Malmquist tables to the units shown', () => {
    const section = sectionHtml(page, 'efficiency');
    expect(section).toContain('Geometric means per unit over all periods');
    expect(section).not.toContain('Each unit and period');
    expect(section).toContain('results.json holds every pair');
  });

  it('renderReport(1,000 units) lists the largest rank changes and the first findings only', () => {
    const summary = sectionHtml(page, 'summary');
    const moves = summary.split('<ul class="moves">')[1]?.split('</ul>')[0] ?? '';
    expect((moves.match(/<li>/g) ?? []).length).toBe(MOVES_SHOWN);
    expect(summary).toMatch(/[\d,]+ more units changed rank; results\.csv holds every rank\./);
    expect(summary).not.toContain(ranking[UNITS / 2] ?? '');
    const quality = sectionHtml(page, 'quality');
    const total = results.validation.warnings.length;
    expect(total).toBeGreaterThan(LARGE_WARNINGS);
    expect(quality).toContain(
      `${total} warnings (the first ${ISSUES_SHOWN} are listed; validation.json, beside this report, holds all of them)`,
    );
    expect(tableRows(quality, 1)).toBe(ISSUES_SHOWN);
  });

  it('renderReport(1,000 units) links results.csv and results.json beside the page instead of embedding them', () => {
    expect(JSON.stringify(results).length).toBeGreaterThan(EMBED_LIMIT_BYTES);
    expect(page).not.toContain('href="data:');
    expect(page).toContain('download="generated-1000-results.csv" href="results.csv"');
    expect(page).toContain('download="generated-1000-results.json" href="results.json"');
    expect(page).toContain('too large to embed in this page');
  });

  it('RESULTS_CSV_FILE and RESULTS_JSON_FILE, read relative to report.html, are the run keys the report step writes', () => {
    const keys = artifactKeys('grunfeld-0123456789abcdef');
    const beside = (file: string) => new URL(file, `s3://bucket/${keys.report}`).pathname;
    expect(beside(RESULTS_CSV_FILE)).toBe(`/${keys.resultsCsv}`);
    expect(beside(RESULTS_JSON_FILE)).toBe(`/${keys.resultsJson}`);
  });

  it('renderReport(1,000 units, {language: "zh"}) says the same in Chinese', () => {
    const zh = renderReport(results, { language: 'zh' });
    expect(zh).not.toContain('could not be drawn');
    expect(zh).not.toContain('无法根据结果绘制本节');
    expect(sectionHtml(zh, 'coupling')).toContain(
      `显示 1,000 个单元中的 30 个：1986 年综合得分最高的 15 个和最低的 15 个。其余 ${omitted} 个单元见 results.csv 和 results.json。`,
    );
    expect(zh).toContain('结果过大，未嵌入本页');
  });
});

describe('renderReport of a large panel with hostile names', () => {
  it('renderReport(1,000 units) escapes the names of the units it shows, in charts, tables and notes', () => {
    const results = largeResults(UNITS);
    const [top, bottom] = [latestRanking(results)[0] ?? '', latestRanking(results).at(-1) ?? ''];
    let text = JSON.stringify(results);
    text = text.replaceAll(JSON.stringify(top), JSON.stringify(HOSTILE_NAMES[0]));
    text = text.replaceAll(JSON.stringify(bottom), JSON.stringify(HOSTILE_NAMES[1]));
    const page = renderReport(JSON.parse(text) as Results, { language: 'en' });
    expect(page).not.toMatch(/<script|<img/i);
    const coupling = sectionHtml(page, 'coupling');
    expect(coupling).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(coupling).toContain('&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
  });
});

describe('renderReport of a large panel without some steps', () => {
  it('renderReport(100 units without composite scores) ranks the units shown by D', () => {
    const full = largeResults(100);
    const rows = full.rows.map((r) => {
      const { composite: _c, rank: _r, ...rest } = r;
      return rest;
    });
    const page = renderReport({ ...full, rows } as Results, { language: 'en' });
    const coupling = sectionHtml(page, 'coupling');
    expect(coupling).toContain(
      'Showing 30 of 100 units: the 15 highest and the 15 lowest by coordination degree D in 1986.',
    );
    // The third number of each row of the latest year's table is D.
    const cell = '<td class="num">([^<]*)</td>';
    const rowPattern = new RegExp(`${cell}${cell}${cell}`, 'g');
    const body = coupling.split('<tbody>')[1]?.split('</tbody>')[0] ?? '';
    const shown = [...body.matchAll(rowPattern)].map((m) => Number(m[3]));
    expect(shown).toHaveLength(SHOWN);
    expect([...shown].sort((a, b) => b - a)).toEqual(shown);
    expect(page).not.toContain('could not be drawn');
  });

  it('renderReport(100 units, one year) draws the composite bars of the units shown and a histogram', () => {
    const full = largeResults(100);
    const page = renderReport(
      { ...full, rows: full.rows.filter((r) => r.year === 1986), malmquist: [] } as Results,
      { language: 'en' },
    );
    const composite = sectionHtml(page, 'composite');
    expect(composite).toContain('Composite score per unit, 1986');
    expect(composite).toContain('Composite score of all 100 units, 1986');
    expect(tableRows(composite, 0)).toBe(SHOWN);
    expect(page).not.toContain('could not be drawn');
  });
});

describe('renderReport at the large-panel threshold', () => {
  it(`renderReport(${LARGE_PANEL_UNITS} units) shows every unit and embeds the downloads as before`, () => {
    const page = renderReport(largeResults(LARGE_PANEL_UNITS), { language: 'en' });
    expect(page).not.toContain('class="focus-note"');
    expect(page).toContain('download="generated-40-results.csv" href="data:text/csv;');
    expect(tableRows(sectionHtml(page, 'coupling'), 0)).toBe(LARGE_PANEL_UNITS);
    expect(sectionHtml(page, 'clustering')).toContain(
      '<h3>Dendrogram (rescaled distance 0–25)</h3>',
    );
  });

  it(`renderReport(${LARGE_PANEL_UNITS + 1} units) shows the leading and trailing units and says how many are left out`, () => {
    const page = renderReport(largeResults(LARGE_PANEL_UNITS + 1), { language: 'en' });
    const coupling = sectionHtml(page, 'coupling');
    expect(coupling).toContain(
      `The other ${LARGE_PANEL_UNITS + 1 - SHOWN} units are in results.csv and results.json.`,
    );
    expect(tableRows(coupling, 0)).toBe(SHOWN);
  });
});
