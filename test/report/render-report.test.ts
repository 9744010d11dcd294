import { describe, expect, it } from 'vitest';
import type { Results } from '../../lib/pipeline/results.js';
import {
  CONTENT_SECURITY_POLICY,
  escapeHtml,
  renderReport,
  SECTIONS,
  toResultsCsv,
} from '../../lib/report/index.js';
import type { Language } from '../../lib/report/locale.js';
import {
  deepFreeze,
  fixtureResults,
  HOSTILE_NAMES,
  hostileResults,
  sectionHtml,
} from './fixtures.js';

const SECTION_IDS = SECTIONS.map(([id]) => id);

/** Charts the fixture must produce: coupling, scree, loadings, coefficients, trend, efficiency, Malmquist, dendrogram. */
const FIXTURE_CHARTS = 8;

function decodeDataLink(page: string, download: string): string {
  const match = new RegExp(
    `download="[^"]*${download}" href="data:[^;]+;charset=utf-8;base64,([^"]+)"`,
  ).exec(page);
  if (!match?.[1]) throw new Error(`no data link for ${download}`);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(
    Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)),
  );
}

describe('renderReport', () => {
  const results = deepFreeze(fixtureResults());
  const page = renderReport(results, { language: 'en' });

  it('renderReport(results) writes every section in reading order, each drawn', () => {
    const positions = SECTION_IDS.map((id) => page.indexOf(`<section id="${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const id of SECTION_IDS) {
      expect(sectionHtml(page, id), id).not.toMatch(/could not be drawn|not-run/);
    }
  });

  it('renderReport(results) draws the charts as inline SVG, each followed by a table', () => {
    const svgs = page.match(/<svg role="img" aria-label="[^"]+" class="chart"/g) ?? [];
    expect(svgs).toHaveLength(FIXTURE_CHARTS);
    const figures = page.split('<figure class="chart-figure">').slice(1);
    for (const figure of figures)
      expect(figure.slice(0, figure.indexOf('</figure>') + 200)).toMatch(
        /<\/figure>(<h3>[^<]*<\/h3>)?<div class="table-wrap/,
      );
  });

  it('renderReport(results) holds no script, and a CSP that forbids scripts', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`,
    );
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src/);
  });

  it('renderReport(results) embeds results.csv and results.json as download links', () => {
    expect(decodeDataLink(page, '-results.csv')).toBe(toResultsCsv(results));
    expect(JSON.parse(decodeDataLink(page, '-results.json'))).toEqual(results);
  });

  it('renderReport(results) prints the fixture’s numbers in the right places', () => {
    const ny = results.rows.find((r) => r.unit === 'New York' && r.year === 1986);
    const coupling = ny?.coupling as { D: number };
    expect(sectionHtml(page, 'coupling')).toContain(
      `<td class="num">${coupling.D.toFixed(3)}</td>`,
    );
    const kmo = (results.factorAnalysis as { kmo: { overall: number } }).kmo.overall;
    expect(sectionHtml(page, 'factor')).toContain(kmo.toFixed(3));
    const alpha = (results.reliability as { alpha: number }).alpha;
    expect(sectionHtml(page, 'reliability')).toContain(alpha.toFixed(3));
  });

  it('renderReport(results) without a Malmquist summary takes per-period geometric means equal to R’s', () => {
    const { malmquistSummary, ...rest } = results;
    const efficiency = sectionHtml(renderReport(rest as Results, { language: 'en' }), 'efficiency');
    const means = (
      malmquistSummary as { byPeriod: { from: number; to: number; tfpch: number; effch: number }[] }
    ).byPeriod;
    expect(means.length).toBeGreaterThan(0);
    for (const m of means) {
      expect(efficiency).toContain(
        `<th scope="row"><span class="nowrap">${m.from}–${m.to}</span></th><td class="num">${m.effch.toFixed(3)}</td>`,
      );
      expect(efficiency).toContain(`<td class="num">${m.tfpch.toFixed(3)}</td></tr>`);
    }
  });

  it('renderReport(results) opens the summary with the leader, the last unit and the coordinated count', () => {
    const latest = results.rows.filter((r) => r.year === 1986);
    const coordinated = latest.filter((r) => (r.coupling as { D: number }).D >= 0.5).length;
    expect(sectionHtml(page, 'summary')).toContain(
      `<p class="headline">In 1986, New York ranks first and Rhode Island last. ${coordinated} of ${latest.length} units reach a coordinated grade (D ≥ 0.5).</p>`,
    );
  });

  it('renderReport(results) lists every validation warning under data quality', () => {
    const quality = sectionHtml(page, 'quality');
    expect(results.validation.warnings.length).toBeGreaterThan(0);
    for (const w of results.validation.warnings) expect(quality).toContain(w.message);
  });

  it('renderReport(results, {language: "zh"}) writes Chinese labels, names and grades', () => {
    const zh = renderReport(results, { language: 'zh' });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<h2 id="coupling-title">耦合协调</h2>');
    expect(zh).toContain('公共基础设施');
    expect(zh).toContain('良好协调');
    expect(zh).not.toContain('could not be drawn');
  });

  it('renderReport(results, {language: unknown}) throws a RangeError naming it', () => {
    expect(() => renderReport(results, { language: 'de' as Language })).toThrow(/"de"/);
  });
});

describe('renderReport with hostile names', () => {
  const page = renderReport(hostileResults(), { language: 'en' });

  it('renderReport(results) escapes unit, dataset and file names everywhere, charts included', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<svg onload/i);
    expect(page).not.toMatch(/ onmouseover='/);
    expect(page).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;');
    expect(page).not.toMatch(/<b onclick/);
    expect(page).toContain('&lt;img src=x onerror=&quot;window.__pwned=7&quot;&gt;');
    expect(page).toContain('&lt;/td&gt;&lt;script&gt;window.__pwned=8&lt;/script&gt;');
    expect(page).toContain('cell holds &quot;&lt;script&gt;window.__pwned=10&lt;/script&gt;&quot;');
  });

  it('renderReport(results) neutralizes a formula name in the embedded CSV', () => {
    const csv = decodeDataLink(page, '-results.csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(HOSTILE_NAMES.length).toBeGreaterThan(0);
  });
});

describe('renderReport with sections that did not run', () => {
  function without(names: readonly string[], steps: Results['steps']): Results {
    const copy: Record<string, unknown> = { ...fixtureResults() };
    for (const name of names) delete copy[name];
    copy.rows = (copy.rows as Results['rows']).map((r) => {
      const { efficiency: _e, ...rest } = r;
      return rest;
    });
    copy.steps = steps;
    return copy as unknown as Results;
  }

  it('renderReport(results) says "Not run" with the step’s reason for a skipped step', () => {
    const results = without(['dea', 'malmquist', 'malmquistSummary'], {
      ...fixtureResults().steps,
      dea: { status: 'skipped', reason: 'no indicator has a DEA role <input>' },
    });
    const section = sectionHtml(renderReport(results, { language: 'en' }), 'efficiency');
    expect(section).toContain('Not run');
    expect(section).toContain('no indicator has a DEA role &lt;input&gt;');
  });

  it('renderReport(results) says the step was not part of the run when it is absent', () => {
    const { cluster: _c, ...steps } = fixtureResults().steps;
    const results = without(['clustering', 'regression'], steps);
    const page = renderReport(results, { language: 'zh' });
    expect(sectionHtml(page, 'clustering')).toContain('本次运行未包含该步骤');
    expect(sectionHtml(page, 'regression')).toContain('未运行');
  });

  it('renderReport(results) shows a part that could not be computed with its reason', () => {
    const results = fixtureResults() as Results & { factorAnalysis: Record<string, unknown> };
    results.factorAnalysis.kmo = {
      computable: false,
      reason: 'the correlation matrix is singular',
    };
    const section = sectionHtml(renderReport(results, { language: 'en' }), 'factor');
    expect(section).toContain('not computable: the correlation matrix is singular');
  });

  it('renderReport(results) names a malformed section instead of failing the page', () => {
    const results = {
      ...fixtureResults(),
      factorAnalysis: { eigenvalues: 'seven' },
    } as unknown as Results;
    const page = renderReport(results, { language: 'en' });
    expect(sectionHtml(page, 'factor')).toContain('could not be drawn');
    expect(sectionHtml(page, 'coupling')).not.toContain('could not be drawn');
  });

  it('renderReport(results) of a single year has no trend or change lines and still draws', () => {
    const full = fixtureResults();
    const results = {
      ...full,
      rows: full.rows.filter((r) => r.year === 1986),
      malmquist: [],
    } as Results;
    const page = renderReport(results, { language: 'en' });
    expect(sectionHtml(page, 'summary')).toContain('one year only');
    expect(page).not.toContain('could not be drawn');
    expect(sectionHtml(page, 'composite')).toContain('Composite score per unit, 1986');
  });
});

describe('renderReport with a section its step skipped', () => {
  it('renderReport(results) gives the section’s own reason when the step ran but skipped that part', () => {
    const results = {
      ...fixtureResults(),
      regression: { skipped: 'the regression needs more than 4 rows; there are 3' },
    } as Results;
    const section = sectionHtml(renderReport(results, { language: 'en' }), 'regression');
    expect(section).toContain('Not run');
    expect(section).toContain('the regression needs more than 4 rows; there are 3');
  });
});

describe('renderReport with per-indicator parts written as arrays', () => {
  it('renderReport(results) draws the same factor section from arrays in `indicators` order as from records', () => {
    const keyed = fixtureResults();
    const fa = keyed.factorAnalysis as Record<string, Record<string, unknown>>;
    const ids = keyed.model.indicators.map((i) => i.id);
    const asArray = (record: Record<string, unknown> | undefined) => ids.map((id) => record?.[id]);
    const listed = {
      ...keyed,
      factorAnalysis: {
        ...fa,
        indicators: ids,
        rotatedLoadings: asArray(fa.rotatedLoadings),
        scoreCoefficients: asArray(fa.scoreCoefficients),
        communalities: asArray(fa.communalities),
        kmo: { ...fa.kmo, perIndicator: asArray(fa.kmo?.perIndicator as Record<string, unknown>) },
      },
    } as Results;
    // Chart element ids differ between renders; compare the tables only.
    const tables = (page: string) =>
      sectionHtml(page, 'factor').replace(/<svg[\s\S]*?<\/svg>/g, '');
    expect(tables(renderReport(listed, { language: 'en' }))).toBe(
      tables(renderReport(keyed, { language: 'en' })),
    );
  });
});
