import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { TableReadError } from './errors.js';

/** The encodings a text table may come in, as reported to the user. */
export type TextEncoding =
  | 'UTF-8'
  | 'UTF-8 with BOM'
  | 'UTF-16LE'
  | 'UTF-16BE'
  | 'GB18030';

export interface DetectedEncoding {
  readonly encoding: TextEncoding;
  /** Bytes of byte-order mark to skip before decoding. */
  readonly bomLength: number;
}

/** Size of the pieces text is decoded in, so no second full copy is made. */
const CHUNK_BYTES = 1 << 20;

/**
 * Decides how to decode a text file.
 *
 * Rule, in order: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
 * bytes that are valid UTF-8 are UTF-8; anything else is read as GB18030,
 * the superset of GBK that Chinese Excel writes when it saves "CSV". GB18030
 * is checked while decoding ({@link decodeChunks}), and bytes it cannot map
 * are rejected there with the line they are on.
 *
 * Limitations: a GBK file whose bytes happen to be valid UTF-8 (possible
 * only for very short texts) is read as UTF-8; a Latin-1 or Windows-1252
 * file is read as GB18030 and its accented letters come out as wrong Chinese
 * characters rather than an error, because the two cannot be told apart from
 * the bytes. UTF-16 without a byte-order mark is rejected (NUL bytes).
 */
export function detectEncoding(bytes: Uint8Array, file: string): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'UTF-8 with BOM', bomLength: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'UTF-16LE', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'UTF-16BE', bomLength: 2 };

  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new TableReadError(
      'binary-file',
      file,
      `the file holds NUL bytes (first at byte ${nul}): it is binary, or UTF-16 ` +
        'without a byte-order mark; save it as CSV in UTF-8',
      lineOfByte(bytes, nul),
    );
  }
  if (isUtf8(bytes)) return { encoding: 'UTF-8', bomLength: 0 };
  return { encoding: 'GB18030', bomLength: 0 };
}

/**
 * Decodes `bytes` piece by piece. Throws a {@link TableReadError} with code
 * `undecodable-bytes` and the 1-based line number when a byte sequence is
 * not valid in the encoding (UTF-16 with an unpaired surrogate, or bytes
 * GB18030 cannot map).
 */
export function* decodeChunks(
  bytes: Uint8Array,
  detected: DetectedEncoding,
  file: string,
): Generator<string> {
  const decode = pieceDecoder(detected.encoding);
  let line = 1;
  for (let start = detected.bomLength; start < bytes.length; start += CHUNK_BYTES) {
    const last = start + CHUNK_BYTES >= bytes.length;
    const piece = bytes.subarray(start, Math.min(bytes.length, start + CHUNK_BYTES));
    const text = decodeOrReject(() => decode(piece, last), detected.encoding, file);
    const bad = detected.encoding === 'GB18030' ? text.indexOf('\uFFFD') : -1;
    if (bad >= 0) {
      throw undecodable(detected.encoding, file, line + countNewlines(text, bad));
    }
    line += countNewlines(text, text.length);
    if (text.length > 0) yield text;
  }
}

/** Decodes a whole text file (for small files and tests). */
export function decodeText(
  bytes: Uint8Array,
  file: string,
): { text: string; encoding: TextEncoding } {
  const detected = detectEncoding(bytes, file);
  return { text: [...decodeChunks(bytes, detected, file)].join(''), encoding: detected.encoding };
}

type PieceDecoder = (piece: Uint8Array, last: boolean) => string;

function pieceDecoder(encoding: TextEncoding): PieceDecoder {
  if (encoding === 'GB18030') {
    const decoder = iconv.getDecoder('gb18030');
    return (piece, last) => {
      const text = decoder.write(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
      return last ? text + (decoder.end() ?? '') : text;
    };
  }
  const label =
    encoding === 'UTF-16LE' ? 'utf-16le' : encoding === 'UTF-16BE' ? 'utf-16be' : 'utf-8';
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  return (piece, last) => decoder.decode(piece, { stream: !last });
}

/**
 * The UTF decoders reject bad bytes with a TypeError that does not say
 * where; the file is then rejected without a line number.
 */
function decodeOrReject(work: () => string, encoding: TextEncoding, file: string): string {
  try {
    return work();
  } catch (error) {
    if (error instanceof TypeError) throw undecodable(encoding, file);
    throw error;
  }
}

function undecodable(encoding: TextEncoding, file: string, line?: number): TableReadError {
  const expected = encoding === 'GB18030' ? 'UTF-8 or GB18030/GBK' : encoding;
  const where = line !== undefined ? `bytes on line ${line}` : 'some bytes';
  return new TableReadError(
    'undecodable-bytes',
    file,
    `${where} are not valid ${expected} text; save the file as CSV in UTF-8`,
    line,
  );
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
