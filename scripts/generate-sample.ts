/**
 * Writes the bundled sample, a SYNTHETIC panel of 12 cities × 5 years × the
 * 21 indicators of the default model (see scripts/synthetic-panel.ts):
 *
 *   npm run sample
 */
import { syntheticPanelCsv } from './synthetic-panel.js';

process.stdout.write(syntheticPanelCsv());
