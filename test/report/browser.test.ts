import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../lib/pipeline/results.js';
import { renderReport, SECTIONS } from '../../lib/report/index.js';
import { fixtureResults, HOSTILE_NAMES, hostileResults } from './fixtures.js';

/** The limits: the sample's report is under 2 MB and loads in under a second. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024;
const MAX_LOAD_MS = 1000;
const LOAD_RUNS = 3;
/** Charts of a full run: coupling, scree, loadings, coefficients, trend, efficiency, Malmquist, dendrogram. */
const EXPECTED_CHARTS = 8;

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

let browser: Browser;
let dir: string;
let sample: Results;
let samplePath: string;
let hostilePath: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  sample = fixtureResults();
  samplePath = join(dir, 'report.html');
  writeFileSync(samplePath, renderReport(sample, { language: 'en' }));
  hostilePath = join(dir, 'hostile.html');
  writeFileSync(hostilePath, renderReport(hostileResults(), { language: 'en' }));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  readonly page: Page;
  readonly errors: string[];
}

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

describe('report of the sample in Chromium', () => {
  it('report.html opens with no console errors and shows every section with a heading', async () => {
    const { page, errors } = await open(samplePath, 1280);
    for (const [id] of SECTIONS) {
      const section = page.locator(`section#${id}`);
      await expect(section.count()).resolves.toBe(1);
      expect(await section.locator('h2').isVisible(), id).toBe(true);
    }
    expect(await page.locator('.not-run').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('report.html draws every chart as an SVG holding its data', async () => {
    const { page } = await open(samplePath, 1280);
    const charts = await page.locator('svg.chart').evaluateAll((svgs) =>
      svgs.map((svg) => ({
        label: svg.getAttribute('aria-label'),
        width: svg.getBoundingClientRect().width,
        marks: svg.querySelectorAll('[ecmeta_series_index]').length,
        lines: svg.querySelectorAll('path').length,
      })),
    );
    expect(charts).toHaveLength(EXPECTED_CHARTS);
    for (const chart of charts) {
      expect(chart.width, chart.label ?? '').toBeGreaterThan(300);
      expect(chart.lines, chart.label ?? '').toBeGreaterThan(10);
    }
    // The coupling chart has one bar for each of C, T and D per unit.
    const units = new Set(sample.rows.map((r) => r.unit)).size;
    expect(charts[0]?.marks).toBeGreaterThanOrEqual(3 * units);
    await page.close();
  });

  it('report.html is screenshotted at 1280 px and 390 px, without page-wide sideways scrolling', async () => {
    for (const width of [1280, 390]) {
      const { page, errors } = await open(samplePath, width);
      const file = join(ARTIFACTS, `report-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(10_000);
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      expect(overflow, `width ${width}`).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('report.html is under 2 MB and reaches its load event in under a second', async () => {
    expect(statSync(samplePath).size).toBeLessThan(MAX_REPORT_BYTES);
    // Navigation Timing, from the start of navigation to the end of the
    // load event, in a fresh page each time. The median of LOAD_RUNS loads
    // keeps one load slowed by other processes on a shared machine from
    // deciding the result.
    const times: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run++) {
      const { page } = await open(samplePath, 1280);
      times.push(
        (await page.evaluate(
          "(() => { const [n] = performance.getEntriesByType('navigation'); return n ? n.loadEventEnd - n.startTime : Infinity; })()",
        )) as number,
      );
      await page.close();
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(LOAD_RUNS / 2)] ?? Number.POSITIVE_INFINITY;
    expect(median).toBeGreaterThan(0);
    expect(median, `load times ${times.map(Math.round).join(', ')} ms`).toBeLessThan(MAX_LOAD_MS);
  });
});

describe('report of a hostile data file in Chromium', () => {
  it('hostile.html runs no script and shows the names as text', async () => {
    const { page, errors } = await open(hostilePath, 1280);
    const pwned = await page.evaluate('window.__pwned');
    expect(pwned).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('main img, main svg[onload], [onerror], [onmouseover]').count()).toBe(0);
    const text = await page.locator('#coupling table').first().innerText();
    for (const name of HOSTILE_NAMES) expect(text).toContain(name);
    expect(await page.locator('header h1 + p').innerText()).toContain('<b>data</b><script>window.__pwned=6</script>');
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png') });
    await page.close();
  });
});
