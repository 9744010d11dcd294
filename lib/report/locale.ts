import { escapeHtml } from './escape.js';
import { type Html, raw } from './html.js';
import { en, type MessageKey, type Messages, zh } from './messages.js';

export type Language = 'en' | 'zh';

const CATALOGUES: Readonly<Record<Language, Messages>> = { en, zh };
const BCP47: Readonly<Record<Language, string>> = { en: 'en-US', zh: 'zh-CN' };

/**
 * Words and number formats of one language. `t` returns markup: the
 * catalogue text is trusted, every inserted value is escaped. `plain`
 * returns the same text unescaped, for chart labels (ECharts escapes what
 * it writes into SVG).
 */
export interface Locale {
  readonly language: Language;
  /** BCP 47 tag for the `lang` attribute and Intl. */
  readonly tag: string;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): Html;
  plain(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  /** A number with exactly `digits` decimals; "–" for a missing value. */
  num(value: unknown, digits?: number): string;
  /** A whole number with grouping. */
  int(value: unknown): string;
  /** A p-value: three decimals, or "< 0.001". */
  p(value: unknown): string;
  /** An ISO timestamp as a UTC date and time. */
  dateTime(iso: string): string;
  /** Years as a range, "2015–2019", or a single year. */
  yearSpan(years: readonly number[]): string;
  /** A list joined the way the language joins lists. */
  list(items: readonly string[]): string;
  /**
   * The catalogue's word for an option value, `prefix_value` (dashes become
   * underscores), or the value itself when the catalogue has none.
   */
  option(prefix: string, value: string): string;
}

export function createLocale(language: Language): Locale {
  const messages = CATALOGUES[language];
  if (messages === undefined) {
    throw new RangeError(
      `report language "${String(language)}" is not supported; use "en" or "zh"`,
    );
  }
  const tag = BCP47[language];
  const formats = new Map<number, Intl.NumberFormat>();
  const fixed = (digits: number): Intl.NumberFormat => {
    let format = formats.get(digits);
    if (format === undefined) {
      format = new Intl.NumberFormat(tag, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      formats.set(digits, format);
    }
    return format;
  };
  const fill = (text: string, params: Readonly<Record<string, string | number>>, esc: boolean) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? (esc ? escapeHtml(params[name]) : String(params[name])) : whole,
    );
  const listFormat = new Intl.ListFormat(tag, { type: 'conjunction' });
  const dateFormat = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });

  return {
    language,
    tag,
    t: (key, params = {}) => raw(fill(messages[key], params, true)),
    plain: (key, params = {}) => fill(messages[key], params, false),
    num: (value, digits = 3) =>
      typeof value === 'number' && Number.isFinite(value) ? fixed(digits).format(value) : '–',
    int: (value) =>
      typeof value === 'number' && Number.isFinite(value) ? fixed(0).format(value) : '–',
    p: (value) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
      return value < 0.001 ? `< ${fixed(3).format(0.001)}` : fixed(3).format(value);
    },
    dateTime: (iso) => {
      const time = Date.parse(iso);
      return Number.isNaN(time) ? iso : `${dateFormat.format(time)} UTC`;
    },
    yearSpan: (years) => {
      if (years.length === 0) return '';
      const first = years[0];
      const last = years[years.length - 1];
      return first === last ? String(first) : `${first}–${last}`;
    },
    list: (items) => listFormat.format(items),
    option: (prefix, value) => {
      const key = `${prefix}_${value.replace(/-/g, '_')}`;
      return Object.hasOwn(messages, key) ? messages[key as MessageKey] : value;
    },
  };
}
