import { beforeAll, describe, expect, it } from 'vitest';
import { checkReportLink, linkLifetimeDays, mintReportLink } from '../../functions/commons/report-link.js';

// The local signing path (REPORT_LINK_SECRET); on AWS the same code signs
// and verifies with a KMS HMAC key instead.
beforeAll(() => {
  process.env.REPORT_LINK_SECRET = 'unit test secret';
  process.env.REPORT_LINK_URL = 'https://links.example/open';
  delete process.env.REPORT_LINK_KEY_ID;
});

const query = (link: string) => Object.fromEntries(new URL(link).searchParams);
const NOW = new Date('2026-12-03T12:00:00Z');

describe('report links', () => {
  it('mintReportLink(run, doc, now, days) gives a link that checkReportLink accepts until it expires', async () => {
    const link = await mintReportLink('grunfeld-0123456789abcdef', 'report', NOW, 30);
    expect(link.startsWith('https://links.example/open?run=grunfeld-0123456789abcdef&doc=report&exp=')).toBe(true);
    const claims = { runId: 'grunfeld-0123456789abcdef', doc: 'report', exp: NOW.getTime() / 1000 + 30 * 86_400 };
    expect(await checkReportLink(query(link), NOW)).toEqual({ ok: true, claims });
    const lastSecond = new Date((claims.exp - 1) * 1000);
    expect((await checkReportLink(query(link), lastSecond)).ok).toBe(true);
    const atExpiry = new Date(claims.exp * 1000);
    expect(await checkReportLink(query(link), atExpiry)).toEqual({ ok: false, reason: 'the link has expired' });
  });

  it('checkReportLink refuses a link with any part changed', async () => {
    const good = query(await mintReportLink('cities-00000000000000aa', 'report', NOW, 1));
    const bad = 'the link signature is not valid';
    expect(await checkReportLink({ ...good, run: 'cities-00000000000000ab' }, NOW)).toEqual({ ok: false, reason: bad });
    expect(await checkReportLink({ ...good, doc: 'error' }, NOW)).toEqual({ ok: false, reason: bad });
    expect(await checkReportLink({ ...good, exp: String(Number(good.exp) + 1) }, NOW)).toEqual({ ok: false, reason: bad });
    expect(await checkReportLink({ ...good, sig: `${good.sig.slice(0, -2)}AA` }, NOW)).toEqual({ ok: false, reason: bad });
  });

  it('checkReportLink names what is missing or malformed', async () => {
    const good = query(await mintReportLink('cities-00000000000000aa', 'error', NOW, 1));
    expect((await checkReportLink({ ...good, run: '../etc/passwd' }, NOW)).ok).toBe(false);
    expect(await checkReportLink({ ...good, doc: 'results' }, NOW)).toEqual({
      ok: false,
      reason: 'the link names no valid document',
    });
    expect(await checkReportLink({ ...good, exp: 'soon' }, NOW)).toEqual({ ok: false, reason: 'the link has no expiry time' });
    expect(await checkReportLink({ ...good, sig: '' }, NOW)).toEqual({ ok: false, reason: 'the link is not signed' });
  });

  it('a link signed with another secret is refused', async () => {
    const link = query(await mintReportLink('cities-00000000000000aa', 'report', NOW, 1));
    process.env.REPORT_LINK_SECRET = 'another secret';
    try {
      expect((await checkReportLink(link, NOW)).ok).toBe(false);
    } finally {
      process.env.REPORT_LINK_SECRET = 'unit test secret';
    }
  });

  it('linkLifetimeDays() reads REPORT_LINK_DAYS and rejects a non-positive value', () => {
    process.env.REPORT_LINK_DAYS = '7';
    expect(linkLifetimeDays()).toBe(7);
    process.env.REPORT_LINK_DAYS = '0';
    expect(() => linkLifetimeDays()).toThrow(/REPORT_LINK_DAYS must be a positive number of days/);
    delete process.env.REPORT_LINK_DAYS;
    expect(linkLifetimeDays()).toBe(30);
  });
});
