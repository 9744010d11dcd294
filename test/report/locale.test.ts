import { describe, expect, it } from 'vitest';
import { createLocale, type Language } from '../../lib/report/locale.js';
import { en, zh } from '../../lib/report/messages.js';

describe('createLocale', () => {
  it('createLocale(language) formats numbers with the locale’s grouping and decimals', () => {
    const english = createLocale('en');
    const chinese = createLocale('zh');
    expect(english.num(12345.6789, 2)).toBe('12,345.68');
    expect(chinese.num(12345.6789, 2)).toBe('12,345.68');
    expect(chinese.dateTime('2026-12-03T10:00:00Z')).toContain('2026年12月3日');
    expect(english.int(1234567)).toBe('1,234,567');
  });

  it('createLocale(language).num(missing) is a dash, not "NaN"', () => {
    const loc = createLocale('en');
    expect(loc.num(Number.NaN)).toBe('–');
    expect(loc.num(undefined)).toBe('–');
    expect(loc.num('0.5')).toBe('–');
  });

  it('createLocale(language).p(value) prints small p-values as "< 0.001"', () => {
    const loc = createLocale('en');
    expect(loc.p(2.9e-120)).toBe('< 0.001');
    expect(loc.p(0.0456)).toBe('0.046');
  });

  it('createLocale(language).t(key, params) escapes the values it inserts', () => {
    const loc = createLocale('en');
    expect(loc.t('notRunBecause', { reason: '<b>x</b>' }).html).toBe(
      'This analysis did not run: &lt;b&gt;x&lt;/b&gt;',
    );
    expect(loc.plain('notRunBecause', { reason: '<b>x</b>' })).toBe(
      'This analysis did not run: <b>x</b>',
    );
  });

  it('createLocale(language) uses the language’s words', () => {
    expect(createLocale('zh').plain('summary')).toBe('摘要');
    expect(createLocale('en').plain('summary')).toBe('Summary');
    expect(createLocale('zh').tag).toBe('zh-CN');
  });

  it('createLocale(language).option(prefix, value) names option values, or keeps an unknown one', () => {
    expect(createLocale('en').option('method', 'ward')).toBe('Ward’s method');
    expect(createLocale('zh').option('frontier', 'per-year')).toBe('逐年前沿');
    expect(createLocale('en').option('method', 'median')).toBe('median');
  });

  it('createLocale(unknown) throws a RangeError naming the language', () => {
    expect(() => createLocale('fr' as Language)).toThrow(RangeError);
    expect(() => createLocale('fr' as Language)).toThrow(/"fr"/);
  });

  it('the English and Chinese catalogues have the same keys and the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(holes(zh[key]), key).toEqual(holes(en[key]));
    }
  });
});
