import { isNode, isScalar, type Pair } from 'yaml';

/**
 * Helpers for editing a YAML file in place: the parsed document only says where, and the
 * text is changed by ranges, so comments, quoting and alignment stay byte for byte.
 */

/** One replacement in a text. */
export interface Edit {
  /** Offset of the first character replaced. */
  start: number;
  /** Offset after the last character replaced. */
  end: number;
  /** What replaces `[start, end)`. */
  value: string;
}

export function pairNamed(items: readonly Pair[], key: string): Pair | undefined {
  return items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

export function rangeOf(node: unknown): [number, number] | undefined {
  const range = isNode(node) ? node.range : undefined;
  return range ? [range[0], range[1]] : undefined;
}

/** Replaces `[start, end)` ranges of `text`, last first so earlier offsets stay valid. */
export function splice(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.value + result.slice(edit.end);
  return result;
}

/** Start of the line after the one a value ends on; a block collection's range already ends there. */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}
