import type { Context, EventBridgeEvent } from 'aws-lambda';
import { wrap } from './commons/handler.js';
import { logger } from './commons/powertools.js';
import { datasetOfKey, type StartResult, startDatasetRun } from './commons/start-run.js';

/** The part of an S3 "Object Created" event (EventBridge) that is used here. */
interface ObjectCreatedDetail {
  readonly bucket: { readonly name: string };
  readonly object: { readonly key: string; readonly 'version-id'?: string };
}

/**
 * A new object in the input bucket starts a run of its dataset with all the
 * dataset's files. Keys outside `datasets/<dataset>/` are ignored, and a
 * duplicate delivery of the same event starts nothing (see startDatasetRun).
 */
export const handler = wrap(
  'start-run',
  async (
    event: EventBridgeEvent<'Object Created', ObjectCreatedDetail>,
    _context: Context,
  ): Promise<StartResult | { started: false; reason: string }> => {
    const key = event.detail?.object?.key;
    if (typeof key !== 'string') {
      throw new TypeError('the event is not an S3 "Object Created" event: detail.object.key is missing');
    }
    // Unlike S3's own notifications, EventBridge events carry the key as it
    // is (not URL-encoded), so it is used unchanged.
    const dataset = datasetOfKey(key);
    if (dataset === undefined) {
      logger.info('object outside datasets/, ignored', { key });
      return { started: false, reason: `${key} is not under datasets/<dataset>/` };
    }
    logger.info('object created', { key, eventId: event.id });
    return startDatasetRun(dataset, 'upload');
  },
);
