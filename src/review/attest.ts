import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { isMap, isScalar, parseDocument } from 'yaml';
import { nextLineStart, pairNamed, rangeOf, splice, type Edit } from './yaml-edit.js';

/** What recording a review did to a client file. */
export interface Attestation {
  /** Path relative to the config directory. */
  file: string;
  /** The file as it was. */
  before: string;
  /** The file with the review recorded. */
  after: string;
  /** Unified diff of the change; empty when nothing changed. */
  patch: string;
}

/** Keys the `reviewed` block is placed after, the last one present wins: it sits with the file's header. */
const HEADER_KEYS = ['client', 'name', 'domains', 'owners', 'delegates'];

function existingEdits(value: unknown, on: string, by: string): Edit[] | undefined {
  if (!isMap(value)) return undefined;
  const onNode = pairNamed(value.items, 'on')?.value;
  const byNode = pairNamed(value.items, 'by')?.value;
  const onRange = isScalar(onNode) ? rangeOf(onNode) : undefined;
  const byRange = isScalar(byNode) ? rangeOf(byNode) : undefined;
  if (!onRange || !byRange) return undefined;
  return [
    { start: onRange[0], end: onRange[1], value: on },
    { start: byRange[0], end: byRange[1], value: by },
  ];
}

/**
 * Pure. The client file with `reviewed: { on, by }` recorded. Everything else (comments,
 * alignment, quoting) stays byte for byte: an existing block gets its two values replaced in
 * place, otherwise one line is added after the file's header keys. The YAML document is used
 * to find where, never re-printed.
 */
export function recordReview(text: string, on: string, by: string): string {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error(`the file is not valid YAML: ${document.errors[0]?.message ?? ''}`);
  const root = document.contents;
  if (!isMap(root)) throw new Error('the file is not a mapping of keys to values');
  const items = root.items;
  const existing = pairNamed(items, 'reviewed');
  if (existing) {
    const edits = existingEdits(existing.value, on, by);
    if (edits) return splice(text, edits);
    const range = rangeOf(existing.value);
    if (!range) throw new Error('the reviewed block has no position');
    return splice(text, [{ start: range[0], end: range[1], value: `{ on: ${on}, by: ${by} }` }]);
  }
  const anchor = [...HEADER_KEYS].reverse().map((key) => pairNamed(items, key)).find((pair) => pair !== undefined);
  const anchorEnd = rangeOf(anchor?.value)?.[1];
  const line = `reviewed: { on: ${on}, by: ${by} }\n`;
  if (anchorEnd === undefined) return `${line}${text}`;
  const at = nextLineStart(text, anchorEnd);
  const before = text.slice(0, at);
  return `${before}${before.endsWith('\n') || before === '' ? '' : '\n'}${line}${text.slice(at)}`;
}

/** The review recorded in `before`, with the unified diff a person reads before committing. */
export function attestation(file: string, before: string, on: string, by: string): Attestation {
  const after = recordReview(before, on, by);
  const patch = after === before ? '' : createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 2, headerOptions: FILE_HEADERS_ONLY });
  return { file, before, after, patch };
}
