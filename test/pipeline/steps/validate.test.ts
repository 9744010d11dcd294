import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidModelError } from '../../../lib/pipeline/errors.js';
import { formatIssue } from '../../../lib/pipeline/issues.js';
import type { Panel } from '../../../lib/pipeline/panel.js';
import type { ValidationReport } from '../../../lib/pipeline/results.js';
import { validateStep } from '../../../lib/pipeline/steps/validate.js';
import { getJson } from '../../../lib/store/artifact-store.js';
import { validateContext } from './validate-context.js';

const BROKEN = 'test/fixtures/broken';
const INPUTS = 'test/fixtures/inputs';

interface ExpectedFinding {
  readonly file: string;
  readonly defect: string;
  readonly code: string;
  readonly row?: number;
  readonly column?: string;
}

const brokenFiles = JSON.parse(readFileSync(`${BROKEN}/expected.json`, 'utf8')) as ExpectedFinding[];
const producModel = JSON.parse(readFileSync(`${INPUTS}/produc-model.json`, 'utf8')) as Record<string, unknown>;

/** Runs the step, expecting it to fail; returns the error and the report it wrote. */
async function failedRun(files: readonly string[], model?: unknown) {
  const ctx = await validateContext(files, model);
  const error = await validateStep(ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  const report = (await ctx.store.exists(ctx.keys.validation))
    ? await getJson<ValidationReport>(ctx.store, ctx.keys.validation)
    : undefined;
  return { error, report, panelWritten: await ctx.store.exists(ctx.keys.panel) };
}

async function passingRun(files: readonly string[], model: unknown = producModel) {
  const ctx = await validateContext(files, model);
  const outcome = await validateStep(ctx);
  return {
    outcome,
    panel: await getJson<Panel>(ctx.store, ctx.keys.panel),
    report: await getJson<ValidationReport>(ctx.store, ctx.keys.validation),
  };
}

describe('validateStep on deliberately broken files', () => {
  it.each(brokenFiles)('validateStep($file) throws InvalidInputError: $defect', async (expected) => {
    const { error, report, panelWritten } = await failedRun([`${BROKEN}/${expected.file}`]);

    expect(error).toBeInstanceOf(InvalidInputError);
    const issues = (error as InvalidInputError).issues;
    const finding = issues.find((i) => i.code === expected.code);
    expect(finding, `codes found: ${issues.map((i) => i.code).join(', ')}`).toBeDefined();
    expect(finding?.severity).toBe('error');
    expect(finding?.file).toBe(expected.file);
    expect(finding?.row).toBe(expected.row);
    expect(finding?.column).toBe(expected.column);
    expect(finding?.message.length).toBeGreaterThan(10);

    // The message the CLI prints names the place.
    const printed = formatIssue(finding!);
    if (expected.row !== undefined) expect(printed).toContain(`row ${expected.row}`);
    if (expected.column !== undefined) expect(printed).toContain(`column ${expected.column}`);
    expect((error as Error).message).toContain(expected.file);

    // The report was written before the throw, and no panel.
    expect(report?.valid).toBe(false);
    expect(report?.errors).toContainEqual(finding);
    expect(panelWritten).toBe(false);
  });
});

describe('validateStep on files that must pass', () => {
  it('validateStep(produc.csv) writes the panel sorted by year, then unit', async () => {
    const { panel, report, outcome } = await passingRun([`${INPUTS}/produc.csv`]);

    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.files[0]).toMatchObject({ file: 'produc.csv', rows: 40, encoding: 'UTF-8' });
    expect(report.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report).toMatchObject({ units: 8, years: 5, rows: 40, indicators: 8 });
    expect(panel.indicators).toEqual(['pcap', 'hwy', 'water', 'util', 'pc', 'gsp', 'emp', 'unemp']);
    expect(panel.years).toEqual([1970, 1971, 1972, 1973, 1974]);
    expect(panel.units.slice(0, 3)).toEqual(['ALABAMA', 'ARIZONA', 'ARKANSAS']);
    expect(panel.rows.slice(0, 2).map((r) => [r.unit, r.year])).toEqual([['ALABAMA', 1970], ['ARIZONA', 1970]]);
    expect(panel.rows[0].values).toEqual([15032.67, 7325.8, 1655.68, 6051.2, 35793.8, 28418, 1010.5, 4.7]);
    expect(outcome.keys).toEqual([
      'runs/test-run/model.json',
      'runs/test-run/validation.json',
      'runs/test-run/panel.json',
      'runs/test-run/steps/validate.json',
    ]);
  });

  it.each([
    ['produc-gbk.csv', 'GB18030'],
    ['produc-bom.csv', 'UTF-8 with BOM'],
    ['produc-semicolon.csv', 'UTF-8'],
    ['produc-utf16.csv', 'UTF-16LE'],
    ['produc.xlsx', 'xlsx, sheet "data"'],
  ])('validateStep(%s) reads the same panel as produc.csv (%s)', async (file, encoding) => {
    const reference = await passingRun([`${INPUTS}/produc.csv`]);
    const { panel, report } = await passingRun([`${INPUTS}/${file}`]);

    expect(report.valid).toBe(true);
    expect(report.files[0].encoding).toBe(encoding);
    expect(panel.years).toEqual(reference.panel.years);
    expect(panel.rows.map((r) => r.values)).toEqual(reference.panel.rows.map((r) => r.values));
    if (file === 'produc-gbk.csv') expect(panel.units[0]).toBe('阿拉巴马州');
    else expect(panel.units).toEqual(reference.panel.units);
  });

  it('validateStep(produc-bom.csv) warns about the column the model does not know', async () => {
    const { report } = await passingRun([`${INPUTS}/produc-bom.csv`]);
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'unknown-column', column: 'Region', row: 1 }));
  });

  it('validateStep(one file per year) takes each year from its file name', async () => {
    const reference = await passingRun([`${INPUTS}/produc.csv`]);
    const files = [1974, 1970, 1972, 1971, 1973].map((y) => `${INPUTS}/produc_${y}.csv`);
    const { panel, report } = await passingRun(files);

    expect(panel).toEqual(reference.panel);
    const fromName = report.warnings.filter((w) => w.code === 'year-from-file-name');
    expect(fromName.map((w) => w.file).sort()).toEqual(files.map((f) => f.split('/').pop()).sort());
    expect(report.files.map((f) => f.rows)).toEqual([8, 8, 8, 8, 8]);
  });

  it('validateStep(a year given in two files) reports the duplicate across files', async () => {
    const { error } = await failedRun([`${INPUTS}/produc.csv`, `${INPUTS}/produc_1972.csv`], producModel);
    const duplicates = (error as InvalidInputError).issues.filter((i) => i.code === 'duplicate-row');
    expect(duplicates).toHaveLength(8);
    expect(duplicates[0]).toMatchObject({ file: 'produc_1972.csv', row: 2, unit: 'ALABAMA', year: 1972 });
    expect(duplicates[0].message).toContain('produc.csv, row 4');
  });

  it('validateStep(no model) uses the default model and writes it with defaults', async () => {
    const ctx = await validateContext([`${INPUTS}/produc.csv`]);
    await validateStep(ctx).catch(() => undefined);
    const model = await getJson<{ indicators: unknown[]; analysis: { missing: string } }>(ctx.store, ctx.keys.model);
    expect(model.indicators).toHaveLength(21);
    expect(model.analysis.missing).toBe('fail');
  });

  it('validateStep(an invalid or absent model) throws InvalidModelError and writes nothing', async () => {
    const bad = await validateContext([`${INPUTS}/produc.csv`], { ...producModel, analysis: { missing: 'guess' } });
    await expect(validateStep(bad)).rejects.toBeInstanceOf(InvalidModelError);
    await expect(validateStep(bad)).rejects.toThrow(/analysis\.missing/);
    expect(await bad.store.list('runs/')).toEqual([]);

    const absent = await validateContext([`${INPUTS}/produc.csv`]);
    await expect(validateStep({ ...absent, modelKey: 'model.json' })).rejects.toThrow(/model file does not exist/);
  });

  it('validateStep(a file with 4,000 bad cells) stores the first 1,000 errors and counts the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-many-'));
    const lines = ['unit,year,pcap,hwy,water,util,pc,gsp,emp,unemp'];
    for (let i = 0; i < 500; i++) lines.push(`u${i},2000,x,x,x,x,x,x,x,x`);
    writeFileSync(join(dir, 'bad.csv'), lines.join('\n'));
    const { error, report } = await failedRun([join(dir, 'bad.csv')], producModel);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(report?.errors).toHaveLength(1001);
    expect(report?.errors.at(-1)).toMatchObject({ code: 'more-errors' });
    expect(report?.errors.at(-1)?.message).toContain('3,000 more errors');
  });

  it('validateStep(a file that does not exist) reports it by name', async () => {
    const ctx = await validateContext([], producModel);
    const run = validateStep({ ...ctx, inputs: ['nowhere.csv'] });
    await expect(run).rejects.toBeInstanceOf(InvalidInputError);
    const report = await getJson<ValidationReport>(ctx.store, ctx.keys.validation);
    expect(report.errors[0]).toMatchObject({ code: 'file-not-found', file: 'nowhere.csv' });
  });
});
