import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Results } from '../../lib/pipeline/results.js';

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
