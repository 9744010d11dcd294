import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { artifactKeys } from '../lib/pipeline/keys.js';
import { s3Client } from './commons/clients.js';
import { ENV, requireEnv } from './commons/config.js';
import { wrap } from './commons/handler.js';
import { logger } from './commons/powertools.js';
import { checkReportLink } from './commons/report-link.js';

/** Lifetime of the redirect target, long enough to start the download. */
const REDIRECT_SECONDS = 300;

const page = (status: number, text: string): LambdaFunctionURLResult => ({
  statusCode: status,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body: text,
});

/**
 * Opens a report link (a Lambda function URL). The link's MAC and expiry are
 * checked (see commons/report-link.ts); a good link is redirected to a
 * presigned URL that lives five minutes, made now from this function's own
 * freshly issued credentials. Bad or expired links get 403 without saying
 * whether the run they name exists.
 */
export const handler = wrap(
  'report-link',
  async (event: LambdaFunctionURLEvent, _context: Context): Promise<LambdaFunctionURLResult> => {
    if (event.requestContext?.http?.method !== 'GET') return page(405, 'only GET is allowed');
    const check = await checkReportLink(event.queryStringParameters ?? {});
    if (!check.ok) {
      logger.info('link refused', { reason: check.reason });
      return page(403, `This link cannot be opened: ${check.reason}.`);
    }
    const keys = artifactKeys(check.claims.runId);
    const key = check.claims.doc === 'report' ? keys.report : keys.errorReport;
    logger.appendKeys({ runId: check.claims.runId });
    const url = await getSignedUrl(
      s3Client(),
      new GetObjectCommand({ Bucket: requireEnv(ENV.reportsBucket), Key: key }),
      { expiresIn: REDIRECT_SECONDS },
    );
    logger.info('link opened', { doc: check.claims.doc });
    return {
      statusCode: 302,
      headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    };
  },
);
