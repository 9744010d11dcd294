import type { ResultRow } from '../pipeline/results.js';
import { asNumber, type CouplingFields, rowRecord } from './data.js';

/**
 * Above this many units the per-unit charts and tables show only the
 * leading and trailing units (see `Focus`). Forty bars or lines is about
 * what a chart can hold with every unit still named; a reader of a larger
 * panel wants the ends and the shape of the distribution, and the complete
 * numbers are in results.csv and results.json.
 */
export const LARGE_PANEL_UNITS = 40;

/** Units shown at each end of the ranking when a panel is large. */
export const FOCUS_EACH_END = 15;

/** What orders the units: the composite score F, else the coordination degree D. */
export type FocusMeasure = 'composite' | 'D';

/**
 * The units the per-unit parts of the report show.
 *
 * A panel of at most LARGE_PANEL_UNITS units is shown whole, in the order
 * the rows name the units, exactly as it would be without this rule. A
 * larger one shows the FOCUS_EACH_END units ranked highest and the
 * FOCUS_EACH_END ranked lowest in the latest year, by composite score when
 * the factor step wrote one, else by D. Units without that value in the
 * latest year are not ranked; when no unit has either value the first
 * 2 × FOCUS_EACH_END units in row order are shown instead.
 */
export interface Focus {
  /** True when units are left out of the per-unit charts and tables. */
  readonly limited: boolean;
  /** Units shown, best first when ranked: `leading` then `trailing`. */
  readonly units: readonly string[];
  readonly leading: readonly string[];
  /** Empty when the panel is shown whole or no ranking was possible. */
  readonly trailing: readonly string[];
  /** Units of the panel not shown. */
  readonly omitted: number;
  readonly total: number;
  /** The ranking used; undefined when the panel is shown whole or unranked. */
  readonly by: FocusMeasure | undefined;
  readonly year: number | undefined;
}

export interface RankedUnit {
  readonly unit: string;
  readonly value: number;
}

/**
 * Units with a value of the measure in `year`, best first (highest value).
 * Ties keep the units' row order, so the ranking is deterministic.
 */
export function rankUnits(
  units: readonly string[],
  row: (unit: string, year: number) => ResultRow | undefined,
  year: number,
  by: FocusMeasure,
): RankedUnit[] {
  const ranked: RankedUnit[] = [];
  for (const unit of units) {
    const r = row(unit, year);
    const value =
      by === 'composite'
        ? asNumber(r?.composite)
        : asNumber(rowRecord<CouplingFields>(r, 'coupling')?.D);
    if (value !== undefined) ranked.push({ unit, value });
  }
  return ranked.sort((a, b) => b.value - a.value);
}

export function chooseFocus(
  units: readonly string[],
  row: (unit: string, year: number) => ResultRow | undefined,
  year: number | undefined,
): Focus {
  const total = units.length;
  if (total <= LARGE_PANEL_UNITS || year === undefined) {
    return whole(units, year);
  }
  for (const by of ['composite', 'D'] as const) {
    const ranked = rankUnits(units, row, year, by);
    if (ranked.length === 0) continue;
    if (ranked.length <= 2 * FOCUS_EACH_END) {
      const shown = ranked.map((r) => r.unit);
      return {
        limited: true,
        units: shown,
        leading: shown,
        trailing: [],
        omitted: total - shown.length,
        total,
        by,
        year,
      };
    }
    const leading = ranked.slice(0, FOCUS_EACH_END).map((r) => r.unit);
    const trailing = ranked.slice(-FOCUS_EACH_END).map((r) => r.unit);
    return {
      limited: true,
      units: [...leading, ...trailing],
      leading,
      trailing,
      omitted: total - leading.length - trailing.length,
      total,
      by,
      year,
    };
  }
  const first = units.slice(0, 2 * FOCUS_EACH_END);
  return {
    limited: true,
    units: first,
    leading: first,
    trailing: [],
    omitted: total - first.length,
    total,
    by: undefined,
    year,
  };
}

function whole(units: readonly string[], year: number | undefined): Focus {
  return {
    limited: false,
    units,
    leading: units,
    trailing: [],
    omitted: 0,
    total: units.length,
    by: undefined,
    year,
  };
}

/**
 * The category slots of a per-unit chart: the leading units, one empty
 * slot labelled with the number of omitted units, then the trailing units.
 * Without trailing units there is no gap slot.
 */
export interface ChartSlot {
  readonly unit: string | undefined;
  readonly label: string;
}

export function chartSlots(focus: Focus, gapLabel: string): ChartSlot[] {
  const slots: ChartSlot[] = focus.leading.map((unit) => ({ unit, label: unit }));
  if (focus.trailing.length > 0) {
    slots.push({ unit: undefined, label: gapLabel });
    for (const unit of focus.trailing) slots.push({ unit, label: unit });
  }
  return slots;
}
