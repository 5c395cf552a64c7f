import type { ConfigIssue } from '../errors.js';
import { error } from './issues.js';

/** Largest file Latch reads: a client file is a few KiB; anything this big is a mistake or an attack. */
export const MAX_FILE_BYTES = 256 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; issue: ConfigIssue };

/** 1-based line and column of a byte offset, counting columns in characters of the valid prefix. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: [...prefix].length + 1 };
}

/** Offset of the first byte that is not valid UTF-8: the lenient decoding re-encodes identically up to it. */
function firstInvalidByte(bytes: Uint8Array): number {
  const reencoded = new TextEncoder().encode(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  const length = Math.min(bytes.length, reencoded.length);
  for (let index = 0; index < length; index += 1) if (bytes[index] !== reencoded[index]) return index;
  return length;
}

/**
 * Turns file content into text, refusing what Latch will not parse: files over
 * MAX_FILE_BYTES and bytes that are not UTF-8 (a lenient decoder would silently change names).
 */
export function decodeText(file: string, content: string | Uint8Array): DecodeResult {
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > MAX_FILE_BYTES) {
    return {
      ok: false,
      issue: error(
        { file, line: 1, column: 1 },
        'file-too-large',
        `This file is ${Math.ceil(size / 1024)} KiB; Latch reads files of at most ${MAX_FILE_BYTES / 1024} KiB.`,
        'Split the client into smaller files or remove what does not belong here; a client file is normally a few KiB.',
      ),
    };
  }
  if (typeof content === 'string') return { ok: true, text: content };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    const { line, column } = positionOfByte(content, firstInvalidByte(content));
    return {
      ok: false,
      issue: error(
        { file, line, column },
        'not-utf8',
        'This file contains bytes that are not UTF-8 text.',
        'Save the file as UTF-8 (most editors offer "Save with encoding"); the bad bytes start at this position.',
      ),
    };
  }
}
