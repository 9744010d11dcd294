/**
 * The clean panel that validation hands to every later step: one row per
 * unit and year, values in the order of `indicators`, already numeric and
 * complete (missing cells were rejected, interpolated or their unit dropped).
 */
export interface PanelRow {
  readonly unit: string;
  readonly year: number;
  readonly values: readonly number[];
}

export interface Panel {
  /** Indicator ids, the column order of every row's `values`. */
  readonly indicators: readonly string[];
  /** Distinct units in first-seen order. */
  readonly units: readonly string[];
  /** Distinct years, ascending. */
  readonly years: readonly number[];
  /** Rows sorted by year, then by unit in `units` order. */
  readonly rows: readonly PanelRow[];
}

/** The values as an observations × indicators matrix, in row order. */
export function panelMatrix(panel: Panel): number[][] {
  return panel.rows.map((r) => [...r.values]);
}

/** Rows of one year, in unit order. */
export function rowsOfYear(panel: Panel, year: number): PanelRow[] {
  return panel.rows.filter((r) => r.year === year);
}

/** A stable key for a unit-year pair. */
export function rowKey(unit: string, year: number): string {
  return `${unit}\u0000${year}`;
}
