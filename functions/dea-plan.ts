import type { Context } from 'aws-lambda';
import { putJson } from '../lib/store/artifact-store.js';
import { stepImplementations } from '../lib/pipeline/steps/index.js';
import { ENV, requireEnv } from './commons/config.js';
import { wrap } from './commons/handler.js';
import { parseState, type RunInput } from './commons/run-input.js';
import { runMeasured } from './commons/step-handler.js';
import { stepContext } from './commons/stores.js';

/**
 * What the workflow needs to fan out: the number of chunks and the S3 key
 * of a JSON array with one item per chunk, which the Distributed Map reads.
 * With no chunks the step is already finished (skipped or merged here).
 */
export interface DeaPlan {
  readonly chunks: number;
  /** Bucket and key of the item list, for the map's ItemReader. */
  readonly bucket?: string;
  readonly itemsKey?: string;
}

/** One Distributed Map item: the run and the chunk a worker computes. */
export interface DeaChunkItem {
  readonly run: RunInput;
  readonly chunk: number;
}

/** Key of the Distributed Map's item list, beside the step's chunk manifest. */
export function deaItemsKey(prefix: string): string {
  return `${prefix}steps/dea/map-items.json`;
}

export const handler = wrap('dea-plan', async (event: unknown, _context: Context) => {
  const { run } = parseState(event);
  const ctx = stepContext(run);
  return runMeasured('dea-plan', run, async (): Promise<DeaPlan> => {
    const dea = stepImplementations.dea;
    const { chunks, outcome } = await dea.plan(ctx);
    if (chunks === 0) {
      // Nothing to fan out: the plan has written the artifact (skipped), or
      // the merge of zero chunks writes it now, as the local runner does.
      if (outcome === undefined) await dea.merge(ctx, 0);
      return { chunks: 0 };
    }
    const items: DeaChunkItem[] = Array.from({ length: chunks }, (_, chunk) => ({ run, chunk }));
    const itemsKey = deaItemsKey(ctx.keys.prefix);
    await putJson(ctx.store, itemsKey, items);
    return { chunks, bucket: requireEnv(ENV.reportsBucket), itemsKey };
  });
});
