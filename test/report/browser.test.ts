import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, SECTIONS } from '../../lib/report/index.js';
import { FOCUS_EACH_END } from '../../lib/report/focus.js';
import { fixtureResults, HOSTILE_NAMES, hostileResults, largeResults } from './fixtures.js';
import { type PipelineReport, renamedSample, runSample, SAMPLE_PANEL } from './run-sample.js';

/** What a reader on a slow link needs: the sample's report is under 2 MB and loads in under a second. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024;
const MAX_LOAD_MS = 1000;
const LOAD_RUNS = 3;
/** Charts of a complete run: coupling, scree, loadings, coefficients, trend, efficiency, Malmquist, dendrogram. */
const ALL_CHARTS = 8;
/** A large panel adds histograms of D, the composite score and efficiency. */
const LARGE_CHARTS = ALL_CHARTS + 3;
const LARGE_UNITS = 1000;

const ARTIFACTS = resolve('test-artifacts');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Debian's Chromium, never a downloaded browser. Without it these tests are
 * skipped on a developer's machine; CI installs it and sets
 * SMARTCITY_REQUIRE_BROWSER=1 so that a missing browser fails instead.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.SMARTCITY_REQUIRE_BROWSER) {
  throw new Error(`${CHROMIUM} is missing: install it with apt-get install chromium`);
}
const browserDescribe = hasBrowser ? describe : describe.skip;

let browser: Browser;
let dir: string;
let sample: PipelineReport;
let hostile: PipelineReport;
let completePath: string;
let largePath: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  [browser, sample, hostile] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    runSample(SAMPLE_PANEL),
    runSample(renamedSample(HOSTILE_NAMES)),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  completePath = join(dir, 'complete.html');
  writeFileSync(completePath, renderReport(fixtureResults(), { language: 'en' }));
  largePath = join(dir, 'large.html');
  writeFileSync(largePath, renderReport(largeResults(LARGE_UNITS), { language: 'en' }));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  readonly page: Page;
  readonly errors: string[];
}

/** Opens a report from a file: URL, collecting console errors and warnings. */
async function open(path: string, width: number): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, errors };
}

interface ChartFacts {
  readonly label: string;
  readonly width: number;
  readonly marks: number;
  readonly paths: number;
}

function chartFacts(page: Page): Promise<ChartFacts[]> {
  return page.locator('svg.chart').evaluateAll((svgs) =>
    svgs.map((svg) => ({
      label: svg.getAttribute('aria-label') ?? '',
      width: svg.getBoundingClientRect().width,
      marks: svg.querySelectorAll('[ecmeta_series_index]').length,
      paths: svg.querySelectorAll('path').length,
    })),
  );
}

browserDescribe('report of the bundled sample in Chromium', () => {
  it('report.html opens with no console errors and shows every section, each skipped part with its reason', async () => {
    const { page, errors } = await open(sample.reportPath, 1280);
    for (const [id] of SECTIONS) {
      const section = page.locator(`section#${id}`);
      expect(await section.count(), id).toBe(1);
      expect(await section.locator('h2').isVisible(), id).toBe(true);
    }
    for (const notice of await page.locator('.not-run').allInnerTexts()) {
      expect(notice).toMatch(/did not run: \S/);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('report.html draws all eight charts as SVG holding the data', async () => {
    const { page } = await open(sample.reportPath, 1280);
    const charts = await chartFacts(page);
    expect(charts).toHaveLength(ALL_CHARTS);
    for (const chart of charts) {
      expect(chart.width, chart.label).toBeGreaterThan(300);
      expect(chart.paths, chart.label).toBeGreaterThan(10);
    }
    // The coupling chart: one bar for each of C, T and D per city.
    const units = new Set(sample.results.rows.map((r) => r.unit)).size;
    expect(charts[0]?.label).toMatch(/^C, T and D per unit/);
    expect(charts[0]?.marks).toBeGreaterThanOrEqual(3 * units);
    await page.close();
  });

  it('report.html is screenshotted at 1280 px and 390 px, without page-wide sideways scrolling', async () => {
    for (const width of [1280, 390]) {
      const { page, errors } = await open(sample.reportPath, width);
      const file = join(ARTIFACTS, `report-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(10_000);
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number;
      expect(overflow, `width ${width}`).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('report.html is under 2 MB and reaches its load event in under a second', async () => {
    expect(statSync(sample.reportPath).size).toBeLessThan(MAX_REPORT_BYTES);
    // Navigation Timing, from the start of navigation to the end of the
    // load event, in a fresh page each time. The median of LOAD_RUNS loads
    // keeps one load slowed by other processes on a shared machine from
    // deciding the result.
    const times: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run++) {
      const { page } = await open(sample.reportPath, 1280);
      times.push(
        (await page.evaluate(
          "(() => { const [n] = performance.getEntriesByType('navigation'); return n ? n.loadEventEnd - n.startTime : Infinity; })()",
        )) as number,
      );
      await page.close();
    }
    const median =
      [...times].sort((a, b) => a - b)[Math.floor(LOAD_RUNS / 2)] ?? Number.POSITIVE_INFINITY;
    expect(median).toBeGreaterThan(0);
    expect(median, `load times ${times.map(Math.round).join(', ')} ms`).toBeLessThan(MAX_LOAD_MS);
  });
});

browserDescribe('report of the sample in Chinese in Chromium', () => {
  it('the Chinese report opens without errors, in zh-CN, with Chinese headings, at 390 px', async () => {
    const path = join(dir, 'report-zh.html');
    writeFileSync(path, renderReport(sample.results, { language: 'zh' }));
    const { page, errors } = await open(path, 390);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('#coupling h2').innerText()).toBe('耦合协调');
    expect(await page.locator('svg.chart').count()).toBe(ALL_CHARTS);
    await page.screenshot({ path: join(ARTIFACTS, 'report-zh-390.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

browserDescribe('report of complete results in Chromium', () => {
  it('complete.html (every step ran) draws all eight charts with data and no notice', async () => {
    const { page, errors } = await open(completePath, 1280);
    const charts = await chartFacts(page);
    expect(charts).toHaveLength(ALL_CHARTS);
    for (const chart of charts) {
      expect(chart.width, chart.label).toBeGreaterThan(300);
      expect(chart.paths, chart.label).toBeGreaterThan(10);
    }
    expect(await page.locator('.not-run').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-complete-1280.png'), fullPage: true });
    await page.close();
  });
});

browserDescribe('report of a hostile data file in Chromium', () => {
  it('hostile-panel.csv gives a report that runs no script and shows the names as text', async () => {
    const { page, errors } = await open(hostile.reportPath, 1280);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('main img, [onload], [onerror], [onmouseover]').count()).toBe(0);
    const table = await page.locator('#coupling table').first().innerText();
    for (const name of HOSTILE_NAMES) expect(table).toContain(name);
    const tiers = await page.locator('#summary .card').allInnerTexts();
    expect(tiers.join('\n')).toContain(HOSTILE_NAMES[0]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png') });
    await page.close();
  });

  it('hostile names in the model, the file name and the warnings run no script either', async () => {
    const path = join(dir, 'hostile-model.html');
    writeFileSync(path, renderReport(hostileResults(), { language: 'en' }));
    const { page, errors } = await open(path, 1280);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('script, main img, [onclick], [onerror]').count()).toBe(0);
    const indicators = await page.locator('#indicators table').innerText();
    expect(indicators).toContain('<img src=x onerror="window.__pwned=7">');
    expect(await page.locator('#quality').innerText()).toContain(
      'cell holds "<script>window.__pwned=10</script>"',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});

browserDescribe('report of a large panel in Chromium', () => {
  it('large.html (1,000 units) opens without console errors, every section and chart shown, nothing wider than the page', async () => {
    expect(statSync(largePath).size).toBeLessThan(MAX_REPORT_BYTES);
    for (const width of [1280, 390]) {
      const { page, errors } = await open(largePath, width);
      for (const [id] of SECTIONS) {
        expect(await page.locator(`section#${id} h2`).isVisible(), id).toBe(true);
      }
      const charts = await chartFacts(page);
      expect(charts).toHaveLength(LARGE_CHARTS);
      for (const chart of charts) expect(chart.paths, chart.label).toBeGreaterThan(10);
      // The coupling chart holds C, T and D of the units shown, not of all
      // 1,000: a bar per series and unit, and a symbol and a text per
      // series in the legend.
      expect(charts[0]?.marks).toBeGreaterThanOrEqual(3 * 2 * FOCUS_EACH_END);
      expect(charts[0]?.marks).toBeLessThanOrEqual(3 * (2 * FOCUS_EACH_END + 2));
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number;
      expect(overflow, `width ${width}`).toBeLessThanOrEqual(0);
      const hrefs = await page
        .locator('.downloads a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(['results.csv', 'results.json']);
      expect(errors).toEqual([]);
      if (width === 1280) {
        await page.screenshot({ path: join(ARTIFACTS, 'report-large-1280.png'), fullPage: true });
      }
      await page.close();
    }
  });
});
