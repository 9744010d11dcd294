import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../lib/report/escape.js';
import { html, raw, table } from '../../lib/report/html.js';

describe('escapeHtml', () => {
  it('escapeHtml(text) replaces the five characters that end text or attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapeHtml(text) leaves other text, CJK included, as it is', () => {
    expect(escapeHtml('上海市 Zürich 42')).toBe('上海市 Zürich 42');
  });

  it('escapeHtml(undefined | null) is the empty string, numbers are printed', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(-1.5)).toBe('-1.5');
  });

  it('escapeHtml(escaped) escapes again, so nothing is decoded by accident', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('html template', () => {
  const hostile = '<script>window.__pwned=1</script>';

  it('html`…${string}` escapes every interpolated string', () => {
    expect(html`<td>${hostile}</td>`.html).toBe(
      '<td>&lt;script&gt;window.__pwned=1&lt;/script&gt;</td>',
    );
  });

  it('html`…${Html}` keeps markup built by the report, and arrays are joined', () => {
    const items = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${raw('<br>')}`.html).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul><br>',
    );
  });

  it('html`…${attribute}` cannot break out of a quoted attribute', () => {
    expect(html`<a title="${'" onmouseover="x'}">`.html).toBe(
      '<a title="&quot; onmouseover=&quot;x">',
    );
  });

  it('table(spec) escapes cells and heads and marks numeric columns', () => {
    const out = table({
      head: ['<h>'],
      rows: [[hostile, '1.0']],
      numeric: [1],
      rowHeaders: true,
    }).html;
    expect(out).not.toContain('<script>');
    expect(out).toContain('<th scope="row">&lt;script&gt;');
    expect(out).toContain('<td class="num">1.0</td>');
  });
});
