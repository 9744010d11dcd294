import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/** The CLI is tested as users run it: the bundled dist/cli.mjs in a new process. */
const CLI = 'dist/cli.mjs';
const BROKEN = 'test/fixtures/broken';

interface BrokenCase {
  readonly file: string;
  readonly defect: string;
  readonly code: string;
  readonly row?: number;
  readonly column?: string;
}

function cli(...args: string[]) {
  const child = spawnSync('node', [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const out = () => mkdtempSync(join(tmpdir(), 'sce-cli-'));

beforeAll(() => {
  execFileSync('node', ['scripts/build.mjs']);
});

describe('smartcity-eval run', () => {
  it('evaluates the bundled sample and writes results and the report', () => {
    const dir = out();
    const run = cli('run', 'examples/sample-cities/panel.csv', '--out', dir);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    for (const file of ['results.json', 'results.csv', 'report.html', 'validation.json', 'results.sqlite']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(run.stderr).toMatch(/Open the report: .*report\.html/);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results.rows).toHaveLength(60);
    expect(Object.keys(results.rows[0].subsystemIndex)).toEqual(['A', 'B', 'C']);
  });

  it('gives the same run id for the same file and model', () => {
    const a = cli('run', 'examples/sample-cities/panel.csv', '--out', out(), '--no-db');
    const b = cli('run', 'examples/sample-cities/panel.csv', '--out', out(), '--no-db');
    const id = (s: string) => /run (\S+) finished/.exec(s)?.[1];
    expect(id(a.stderr)).toBeDefined();
    expect(id(a.stderr)).toBe(id(b.stderr));
  });
});

describe('smartcity-eval on broken input', () => {
  const cases = JSON.parse(readFileSync(join(BROKEN, 'expected.json'), 'utf8')) as BrokenCase[];

  it.each(cases)('$file ($defect) exits with 2 and names where', (c) => {
    const dir = out();
    const run = cli('validate', join(BROKEN, c.file), '--out', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(c.file);
    if (c.row !== undefined) expect(run.stderr).toMatch(new RegExp(`row ${c.row}\\b`));
    if (c.column !== undefined) expect(run.stderr).toContain(`column ${c.column}`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'validation.json'))).toBe(true);
  });

  it('a missing file exits with 2 and names it', () => {
    const run = cli('run', 'no/such/file.csv', '--out', out());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no/such/file.csv');
  });

  it('an invalid model exits with 2 and names the key', () => {
    const run = cli('validate', 'examples/sample-cities/panel.csv', '--model', 'package.json', '--out', out());
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/package\.json: the model is not valid/);
  });

  it('an unknown option exits with 2', () => {
    expect(cli('run', '--frobnicate').status).toBe(2);
  });
});

describe('smartcity-eval subcommands', () => {
  it('dea runs DEA alone from named columns and writes efficiency and Malmquist', () => {
    const dir = out();
    const run = cli(
      'dea', 'examples/grunfeld/panel.csv', '--inputs', 'capital,value', '--outputs', 'inv',
      '--rts', 'crs', '--malmquist', '--out', dir,
    );
    expect(run.status).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(Object.keys(results.steps)).toEqual(['validate', 'dea']);
    expect(results.rows.every((r: { efficiency: { crs: number } }) => r.efficiency.crs > 0 && r.efficiency.crs <= 1 + 1e-9)).toBe(true);
    // 10 firms × 19 pairs of adjacent years.
    expect(results.malmquist).toHaveLength(190);
  });

  it('dea with an unknown column exits with 2 and names it', () => {
    const run = cli('dea', 'examples/grunfeld/panel.csv', '--inputs', 'capitol', '--outputs', 'inv', '--out', out());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('capitol');
  });

  it('cluster applies the linkage and k given on the command line', () => {
    const dir = out();
    const run = cli('cluster', 'examples/sample-cities/panel.csv', '--method', 'average', '-k', '4', '--out', dir);
    expect(run.status).toBe(0);
    const { clustering } = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(clustering.method).toBe('average');
    expect(new Set(clustering.assignments.map((a: { tier: string }) => a.tier)).size).toBe(4);
  });

  it('factor writes factor analysis, reliability and the CFA alone', () => {
    const dir = out();
    expect(cli('factor', 'examples/sample-cities/panel.csv', '--out', dir).status).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(Object.keys(results.steps)).toEqual(['validate', 'factor']);
    expect(results.factorAnalysis.retained).toBeGreaterThan(0);
    expect(results.reliability.alpha).toBeGreaterThan(0);
  });
});
