import type { Table, TableRow } from '../../lib/io/index.js';

/** All data rows of a table, for assertions. */
export async function collectRows(table: Table): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

/** A rejection's error, or undefined when the promise resolved. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}
