import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** Folder of the R-generated fixtures (see test/reference/factor.R). */
export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/factor/', import.meta.url));

export function readExpected<T>(file: string): T {
  return JSON.parse(readFileSync(FIXTURE_DIR + file, 'utf8')) as T;
}

/** Numeric columns of a fixture CSV, in the order asked for (all numeric columns by default). */
export function readColumns(file: string, columns?: readonly string[]): { names: string[]; rows: number[][] } {
  const records = parse(readFileSync(FIXTURE_DIR + file, 'utf8'), { columns: true }) as Record<string, string>[];
  const names = columns ? [...columns] : Object.keys(records[0]).filter((c) => records.every((r) => r[c] !== '' && Number.isFinite(Number(r[c]))));
  const rows = records.map((r) =>
    names.map((c) => {
      const v = Number(r[c]);
      if (!Number.isFinite(v)) throw new Error(`${file}: column ${c} is not numeric`);
      return v;
    }),
  );
  return { names, rows };
}

/** Largest absolute difference between two equally shaped arrays. */
export function maxAbsDiff(a: readonly (number | readonly number[])[], b: readonly (number | readonly number[])[]): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  a.forEach((x, i) => {
    const y = b[i];
    if (Array.isArray(x) && Array.isArray(y)) m = Math.max(m, maxAbsDiff(x, y));
    else m = Math.max(m, Math.abs((x as number) - (y as number)));
  });
  return m;
}
