import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Results } from '../../lib/pipeline/results.js';
import { clusterUnits } from '../../lib/pipeline/steps/cluster.js';
import { mulberry32 } from '../../scripts/synthetic-panel.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/report/results.json', import.meta.url));

/** The R-computed results of the Produc panel (see test/fixtures/report/README.md). */
export function fixtureResults(): Results {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Results;
}

/** Unit names that try to run script or inject markup, one per kind of attack. */
export const HOSTILE_NAMES = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '"><svg onload=window.__pwned=3>',
  '</style><script>window.__pwned=4</script>',
  "' onmouseover='window.__pwned=5",
  '=HYPERLINK("http://evil.example","click")',
] as const;

/**
 * The fixture with its first units renamed to hostile names everywhere they
 * occur (rows, clustering, Malmquist), hostile dataset, file, indicator,
 * unit-of-measure and subsystem names, and a warning quoting hostile text.
 */
export function hostileResults(): Results {
  let text = readFileSync(FIXTURE, 'utf8');
  const victims = [
    'Connecticut',
    'Maine',
    'Massachusetts',
    'New Hampshire',
    'Rhode Island',
    'Vermont',
  ];
  victims.forEach((unit, i) => {
    const name = JSON.stringify(HOSTILE_NAMES[i]).slice(1, -1);
    text = text.replaceAll(`"${unit}"`, `"${name}"`);
  });
  text = text.replaceAll(
    '"produc-northeast"',
    JSON.stringify('<b>data</b><script>window.__pwned=6</script>'),
  );
  text = text.replaceAll(
    '"produc-northeast.csv"',
    JSON.stringify('<img src=x onerror=alert(1)>.csv'),
  );
  const results = JSON.parse(text) as Results & {
    model: { indicators: { name: string; unit?: string }[]; subsystems: { name: string }[] };
    validation: { warnings: unknown[] };
  };
  // Names from a user's model file and a cell value quoted in a warning.
  results.model.indicators[0].name = '<img src=x onerror="window.__pwned=7">';
  results.model.indicators[0].unit = '</td><script>window.__pwned=8</script>';
  results.model.subsystems[0].name = '<b onclick="window.__pwned=9">A</b>';
  results.validation.warnings.push({
    severity: 'warning',
    code: 'non-numeric',
    message: 'cell holds "<script>window.__pwned=10</script>"',
    row: 3,
  });
  return results;
}

/** The inner HTML of one section of a rendered report. */
export function sectionHtml(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  if (start < 0) return '';
  return page.slice(start, page.indexOf('</section>', start));
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}


/** Warnings added to a generated large panel: more than the page lists. */
export const LARGE_WARNINGS = 500;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Results of `units` units over the fixture's five years, made from the
 * fixture: unit i copies the rows of fixture unit i mod 12 under the name
 * "<state> NNNN" with its composite score, C, T, D and efficiencies moved
 * by seeded noise, ranks recomputed per year, the Malmquist pairs copied,
 * LARGE_WARNINGS validation warnings, and the clustering of the latest
 * composite scores into three tiers computed by the clustering step's own
 * routine (Ward's method). The numbers mean nothing; the shape is a real
 * run's, at the size of a large panel.
 */
export function largeResults(units: number, seed = 7): Results {
  const base = fixtureResults();
  const random = mulberry32(seed);
  const sources = [...new Set(base.rows.map((r) => r.unit))];
  const names = Array.from(
    { length: units },
    (_, i) => `${sources[i % sources.length]} ${String(i + 1).padStart(4, '0')}`,
  );
  const rows: Record<string, unknown>[] = [];
  names.forEach((name, i) => {
    const source = sources[i % sources.length];
    const shift = random() - 0.5;
    for (const row of base.rows.filter((r) => r.unit === source)) {
      const copy = structuredClone(row) as unknown as Record<string, unknown> & {
        composite: number;
        coupling: { C: number; T: number; D: number };
        efficiency: { crs: number; vrs: number; scale: number };
      };
      copy.unit = name;
      copy.composite += shift + 0.1 * (random() - 0.5);
      copy.coupling.C = clamp01(copy.coupling.C + 0.2 * shift);
      copy.coupling.T = clamp01(copy.coupling.T + 0.3 * shift);
      copy.coupling.D = Math.sqrt(copy.coupling.C * copy.coupling.T);
      copy.efficiency.vrs = clamp01(copy.efficiency.vrs - 0.3 * Math.abs(shift));
      copy.efficiency.scale = clamp01(copy.efficiency.scale - 0.1 * random());
      copy.efficiency.crs = copy.efficiency.vrs * copy.efficiency.scale;
      rows.push(copy);
    }
  });
  const years = [...new Set(rows.map((r) => r.year as number))].sort((a, b) => a - b);
  for (const year of years) {
    const ofYear = rows
      .filter((r) => r.year === year)
      .sort((a, b) => (b.composite as number) - (a.composite as number));
    ofYear.forEach((r, i) => {
      r.rank = i + 1;
    });
  }
  const latest = years[years.length - 1];
  const scores = names.map(
    (name) => rows.find((r) => r.unit === name && r.year === latest)?.composite as number,
  );
  const clustering = clusterUnits(
    { units: names, featureNames: ['composite'], values: scores.map((s) => [s]), scores },
    { method: 'ward', k: 3, features: 'composite' },
  );
  const tierOf = new Map(clustering.assignments.map((a) => [a.unit, a.tier]));
  for (const r of rows) r.tier = tierOf.get(r.unit as string);

  const malmquist = names.flatMap((name, i) =>
    (base.malmquist as { unit: string }[])
      .filter((e) => e.unit === sources[i % sources.length])
      .map((e) => ({ ...e, unit: name })),
  );
  const warnings = Array.from({ length: LARGE_WARNINGS }, (_, i) => ({
    severity: 'warning' as const,
    code: 'outlier',
    message: `value ${i} is far from the mean of hwy`,
    row: i + 2,
    unit: names[i % names.length],
  }));
  const { byPeriod } = base.malmquistSummary as { byPeriod: unknown };
  return {
    ...base,
    run: { ...base.run, dataset: `generated-${units}` },
    validation: { ...base.validation, warnings: [...base.validation.warnings, ...warnings] },
    rows,
    clustering,
    malmquist,
    malmquistSummary: { byPeriod },
  } as unknown as Results;
}
