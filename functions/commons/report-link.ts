import { createHmac, timingSafeEqual } from 'node:crypto';
import { GenerateMacCommand, VerifyMacCommand } from '@aws-sdk/client-kms';
import { kmsClient } from './clients.js';
import { ENV, optionalEnv, requireEnv } from './config.js';

/**
 * Report links: private, unguessable and expiring, minted by this project
 * rather than presigned by S3.
 *
 * Why not a presigned S3 URL: one made from a Lambda role's temporary
 * credentials stops working when those credentials expire (hours), and SigV4 caps
 * any presigned URL at 7 days. Why not CloudFront signed URLs: they need an
 * RSA private key stored and guarded by the operator.
 *
 * Instead a link names the run, the document and an expiry time, and carries
 * an HMAC-SHA-256 of those made by a KMS HMAC key whose material never
 * leaves KMS. The report-link function checks the MAC with kms:VerifyMac and
 * only then redirects to a presigned URL that lives for a few minutes (made
 * from freshly issued credentials, so it cannot die early). Without the key nobody can
 * make or alter a link; after `exp` the function refuses it. Revoking every
 * link at once means replacing the key.
 */
export type ReportDocument = 'report' | 'error';

export interface LinkClaims {
  readonly runId: string;
  readonly doc: ReportDocument;
  /** Expiry, seconds since 1970-01-01 UTC. */
  readonly exp: number;
}

function message(claims: LinkClaims): Uint8Array {
  return new TextEncoder().encode(
    `smartcity-eval report link v1\n${claims.runId}\n${claims.doc}\n${claims.exp}`,
  );
}

interface MacSigner {
  sign(data: Uint8Array): Promise<Uint8Array>;
  verify(data: Uint8Array, mac: Uint8Array): Promise<boolean>;
}

/** KMS on AWS; a local secret (REPORT_LINK_SECRET) where there is no KMS. */
function signer(): MacSigner {
  const keyId = optionalEnv(ENV.linkKeyId);
  if (keyId !== undefined) {
    return {
      async sign(data) {
        const out = await kmsClient().send(
          new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: data }),
        );
        if (out.Mac === undefined) throw new Error('KMS GenerateMac returned no MAC');
        return out.Mac;
      },
      async verify(data, mac) {
        try {
          const out = await kmsClient().send(
            new VerifyMacCommand({
              KeyId: keyId,
              MacAlgorithm: 'HMAC_SHA_256',
              Message: data,
              Mac: mac,
            }),
          );
          return out.MacValid === true;
        } catch (error) {
          if ((error as { name?: string }).name === 'KMSInvalidMacException') return false;
          throw error;
        }
      },
    };
  }
  const secret = requireEnv(ENV.linkSecret);
  const hmac = (data: Uint8Array) => createHmac('sha256', secret).update(data).digest();
  return {
    sign: async (data) => hmac(data),
    verify: async (data, mac) => {
      const expected = hmac(data);
      return mac.length === expected.length && timingSafeEqual(mac, expected);
    },
  };
}

/** Days a link stays valid, from REPORT_LINK_DAYS (default 30). */
export function linkLifetimeDays(): number {
  const days = Number(optionalEnv(ENV.linkDays) ?? '30');
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`${ENV.linkDays} must be a positive number of days, not "${days}"`);
  }
  return days;
}

/** A link to a run's report (or error report) that expires after `days`. */
export async function mintReportLink(
  runId: string,
  doc: ReportDocument,
  now: Date = new Date(),
  days: number = linkLifetimeDays(),
): Promise<string> {
  const claims: LinkClaims = { runId, doc, exp: Math.floor(now.getTime() / 1000 + days * 86_400) };
  const mac = await signer().sign(message(claims));
  const url = new URL(requireEnv(ENV.linkBaseUrl));
  url.searchParams.set('run', claims.runId);
  url.searchParams.set('doc', claims.doc);
  url.searchParams.set('exp', String(claims.exp));
  url.searchParams.set('sig', Buffer.from(mac).toString('base64url'));
  return url.toString();
}

export type LinkCheck =
  | { readonly ok: true; readonly claims: LinkClaims }
  | { readonly ok: false; readonly reason: string };

/** Checks a link's query parameters: well formed, not expired, MAC valid. */
export async function checkReportLink(
  query: Readonly<Record<string, string | undefined>>,
  now: Date = new Date(),
): Promise<LinkCheck> {
  const { run, doc, exp, sig } = query;
  if (run === undefined || !/^[A-Za-z0-9_-]{1,80}$/.test(run)) {
    return { ok: false, reason: 'the link names no valid run' };
  }
  if (doc !== 'report' && doc !== 'error') {
    return { ok: false, reason: 'the link names no valid document' };
  }
  const expiry = Number(exp);
  if (exp === undefined || !Number.isInteger(expiry)) {
    return { ok: false, reason: 'the link has no expiry time' };
  }
  if (sig === undefined || sig === '') return { ok: false, reason: 'the link is not signed' };
  if (expiry * 1000 <= now.getTime()) return { ok: false, reason: 'the link has expired' };
  const claims: LinkClaims = { runId: run, doc, exp: expiry };
  const valid = await signer().verify(message(claims), Buffer.from(sig, 'base64url'));
  return valid ? { ok: true, claims } : { ok: false, reason: 'the link signature is not valid' };
}
