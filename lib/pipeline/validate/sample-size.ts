import type { IndicatorModel } from '../../model/schema.js';
import type { InputIssue } from '../issues.js';
import type { Panel } from '../panel.js';

/** Fewest units clustering can use: two clusters need at least three points to mean anything. */
export const MIN_CLUSTER_UNITS = 3;

/**
 * Warns when the panel is too small for an analysis the model enables, so
 * the user learns it before that step skips itself:
 *
 * - factor analysis wants more observations than indicators (otherwise the
 *   correlation matrix is singular); observations are all rows when the
 *   factor scope is pooled, the smallest year's units when per-year;
 * - DEA wants at least 3 × (inputs + outputs) units in each frame (a rule
 *   of thumb from Cooper, Seiford & Tone, Data Envelopment Analysis, 2nd
 *   ed., 2007), where a frame is a year (per-year), all rows (pooled), or
 *   one unit's years (longitudinal);
 * - clustering wants at least {@link MIN_CLUSTER_UNITS} units.
 */
export function checkSampleSize(panel: Panel, model: IndicatorModel): InputIssue[] {
  const issues: InputIssue[] = [];
  const warn = (message: string) => {
    issues.push({ severity: 'warning', code: 'too-few-units', message });
  };
  const perYear = panel.years.map((y) => panel.rows.filter((r) => r.year === y).length);
  const smallestYear = perYear.length > 0 ? Math.min(...perYear) : 0;
  const { factor, dea, clustering } = model.analysis;

  const p = model.indicators.length;
  const factorRows = factor.scope === 'pooled' ? panel.rows.length : smallestYear;
  if (factor.enabled && factorRows <= p) {
    const what =
      factor.scope === 'pooled' ? `${factorRows} rows` : `${factorRows} units in the smallest year`;
    warn(`factor analysis wants more observations than indicators: ${what} for ${p} indicators`);
  }

  const roles = model.indicators.filter((ind) => ind.dea !== undefined).length;
  if (dea.enabled && roles > 0) {
    const frame = dea.frontier === 'pooled' ? panel.rows.length
      : dea.frontier === 'per-year' ? smallestYear
      : Math.min(...panel.units.map((u) => panel.rows.filter((r) => r.unit === u).length));
    const frameName = {
      pooled: 'rows in all',
      'per-year': 'units in the smallest year',
      longitudinal: 'years for some unit',
    }[dea.frontier];
    if (frame < 3 * roles) {
      warn(`DEA wants at least 3 × (inputs + outputs) = ${3 * roles} units per frame; there are ${frame} ${frameName}, so efficiency scores will crowd at 1`);
    }
  }

  if (clustering.enabled && panel.units.length < MIN_CLUSTER_UNITS) {
    warn(`clustering wants at least ${MIN_CLUSTER_UNITS} units; there are ${panel.units.length}`);
  }
  return issues;
}
