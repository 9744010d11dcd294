import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { TableReadError, decodeChunks, decodeText, detectEncoding } from '../../lib/io/index.js';

const text = '城市,年份,A1\n北京,2019,1.5\n';

describe('detectEncoding(bytes) and decodeText(bytes)', () => {
  it.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with BOM', Buffer.from(`\uFEFF${text}`)],
    ['UTF-16LE', iconv.encode(text, 'utf-16le', { addBOM: true })],
    ['UTF-16BE', iconv.encode(text, 'utf-16be', { addBOM: true })],
    ['GB18030', iconv.encode(text, 'gbk')],
  ])('decodeText(%s bytes) gives the same text', (encoding, bytes) => {
    expect(decodeText(bytes, 'f.csv')).toEqual({ text, encoding });
  });

  it('decodeText(GB18030 four-byte sequence) reads characters outside GBK', () => {
    const rare = '𠀀,1\n';
    expect(decodeText(iconv.encode(`北京${rare}`, 'gb18030'), 'f.csv').text).toBe(`北京${rare}`);
  });

  it('decodeText(bytes valid in no encoding) names the line', () => {
    const bytes = Buffer.concat([Buffer.from('a\nb\n'), iconv.encode('北京', 'gbk'), Buffer.from([0xff, 0x30, 0x0a])]);
    let error: unknown;
    try {
      decodeText(bytes, 'f.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TableReadError);
    expect(error).toMatchObject({ code: 'undecodable-bytes', file: 'f.csv', row: 3 });
  });

  it('decodeText(UTF-16 with an unpaired surrogate) is rejected', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]);
    expect(() => decodeText(bytes, 'f.csv')).toThrow(/not valid UTF-16LE/);
  });

  it('detectEncoding(NUL bytes, no BOM) is rejected as binary with its line', () => {
    const bytes = Buffer.from('a,b\nc,\u0000\n');
    expect(() => detectEncoding(bytes, 'f.csv')).toThrow(TableReadError);
    expect(() => detectEncoding(bytes, 'f.csv')).toThrow(/NUL bytes \(first at byte 6\)/);
  });

  it('decodeChunks(GBK text longer than a chunk) splits characters across chunks correctly', () => {
    const long = '深圳,2019,3\n'.repeat(200_000);
    const bytes = iconv.encode(long, 'gbk');
    const chunks = [...decodeChunks(bytes, detectEncoding(bytes, 'f.csv'), 'f.csv')];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(long);
  });
});
