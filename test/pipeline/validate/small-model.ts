import { validateModel } from '../../../lib/model/load-model.js';
import type { IndicatorModel } from '../../../lib/model/schema.js';

/** A three-indicator model for tests of the validation functions. */
export function smallModel(analysis: Record<string, unknown> = {}): IndicatorModel {
  return validateModel(
    {
      name: 'small',
      subsystems: [{ id: 'S', name: 'Only' }],
      indicators: [
        { id: 'gdp', name: 'Gross domestic product', nameZh: '地区生产总值', subsystem: 'S', direction: 'positive' },
        { id: 'green', name: 'Green coverage', nameZh: '绿化覆盖率', subsystem: 'S', direction: 'positive', dea: 'output' },
        { id: 'waste', name: 'Solid waste', subsystem: 'S', direction: 'negative', dea: 'input' },
      ],
      analysis,
    },
    'small model',
  );
}
