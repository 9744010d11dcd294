import type { Results, ResultRow } from '../pipeline/results.js';
import { isRecord, SECTION_STEP, skipReason } from './data.js';
import { chooseFocus, type Focus } from './focus.js';
import { type Html, html } from './html.js';
import type { Locale } from './locale.js';

/** What every section renderer is given: the results, the language and lookups. */
export interface ReportContext {
  readonly results: Results;
  readonly loc: Locale;
  /** Units in the order the rows first name them. */
  readonly units: readonly string[];
  /** Years, ascending. */
  readonly years: readonly number[];
  /** The last year of the panel; undefined only when there are no rows. */
  readonly latestYear: number | undefined;
  row(unit: string, year: number): ResultRow | undefined;
  /** The units per-unit charts and tables show (all of them up to LARGE_PANEL_UNITS). */
  readonly focus: Focus;
  /**
   * The sentence saying which units a per-unit chart or table shows and
   * where the others are; nothing when every unit is shown.
   */
  focusNote(): Html;
  /** Indicator name in the report's language (plain text, not escaped). */
  indicatorName(id: string): string;
  /** An indicator's id as a small tag followed by its name, for table cells. */
  indicatorCell(id: string): Html;
  /** Subsystem name in the report's language (plain text, not escaped). */
  subsystemName(id: string): string;
  /**
   * The "not run" notice of a missing or skipped section, with its reason:
   * the section's own `skipped` reason, else its step's, else that the step
   * was not part of the run.
   */
  notRun(section: string): Html;
}

export function createContext(results: Results, loc: Locale): ReportContext {
  const units: string[] = [];
  const seenUnits = new Set<string>();
  const yearSet = new Set<number>();
  const byKey = new Map<string, ResultRow>();
  for (const row of results.rows) {
    if (!seenUnits.has(row.unit)) {
      seenUnits.add(row.unit);
      units.push(row.unit);
    }
    yearSet.add(row.year);
    byKey.set(`${row.unit}\u0000${row.year}`, row);
  }
  const years = [...yearSet].sort((a, b) => a - b);
  const latestYear = years[years.length - 1];
  const row = (unit: string, year: number) => byKey.get(`${unit}\u0000${year}`);
  const focus = chooseFocus(units, row, latestYear);
  const zh = loc.language === 'zh';
  const indicators = new Map(results.model.indicators.map((i) => [i.id, i]));
  const subsystems = new Map(results.model.subsystems.map((s) => [s.id, s]));

  return {
    results,
    loc,
    units,
    years,
    latestYear,
    row,
    focus,
    focusNote: () => {
      if (!focus.limited) return html``;
      const measure =
        focus.by === 'composite' ? loc.plain('measureComposite') : loc.plain('measureD');
      const params = {
        shown: loc.int(focus.units.length),
        total: loc.int(focus.total),
        n: loc.int(focus.leading.length),
        omitted: loc.int(focus.omitted),
        measure,
        year: focus.year ?? '',
      };
      const key =
        focus.by === undefined
          ? 'focusFirst'
          : focus.trailing.length > 0
            ? 'focusEnds'
            : 'focusRanked';
      return html`<p class="focus-note">${loc.t(key, params)}</p>`;
    },
    indicatorName: (id) => {
      const ind = indicators.get(id);
      return ind === undefined ? id : zh && ind.nameZh ? ind.nameZh : ind.name;
    },
    indicatorCell: (id) => {
      const ind = indicators.get(id);
      const name = ind === undefined ? '' : zh && ind.nameZh ? ind.nameZh : ind.name;
      return html`<span class="id">${id}</span> ${name}`;
    },
    subsystemName: (id) => {
      const sub = subsystems.get(id);
      return sub === undefined ? id : zh && sub.nameZh ? sub.nameZh : sub.name;
    },
    notRun: (section) => {
      // A step that ran can still skip one of its sections ({ skipped }):
      // that reason is the more precise one.
      const own = results[section];
      const ownReason = isRecord(own) ? skipReason(own) : undefined;
      const step = SECTION_STEP[section];
      const status = step === undefined ? undefined : results.steps[step];
      const reason =
        ownReason !== undefined && ownReason !== ''
          ? ownReason
          : status === undefined
            ? loc.plain('notInRun')
            : status.reason !== undefined && status.reason !== ''
              ? status.reason
              : loc.plain('noReason');
      return html`<p class="not-run"><strong>${loc.t('notRun')}.</strong> \
${loc.t('notRunBecause', { reason })}</p>`;
    },
  };
}
