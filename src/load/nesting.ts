/** Index of the last character before `index` that is not a space or tab, or -1 at the start of the text. */
function previousSignificant(source: string, index: number): number {
  for (let at = index - 1; at >= 0; at -= 1) {
    const character = source[at];
    if (character !== ' ' && character !== '\t') return at;
  }
  return -1;
}

/**
 * Whether YAML reads a bracket or quote at `index` as starting a value rather than as text
 * inside a plain scalar: it follows the start of a line, an indicator, or a bracket that
 * itself opened a collection (`opened`), never a bracket inside text such as `a[[`.
 */
function startsValue(source: string, index: number, opened: ReadonlySet<number>): boolean {
  const before = previousSignificant(source, index);
  if (before < 0) return true;
  const character = source[before] ?? '';
  if (character === '[' || character === '{') return opened.has(before);
  return '\n:-,?'.includes(character);
}

/**
 * Offset of the first flow bracket ("[" or "{") nested more than `max` deep, or -1. The
 * parser recurses once per level and a few thousand levels overflow its stack, at an offset
 * that depends on the stack's size, so this is found before parsing, in one pass. Quoted
 * text and comments are skipped.
 */
export function deepFlowAt(source: string, max: number): number {
  let depth = 0;
  let quote: string | undefined;
  const opened = new Set<number>();
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index];
    if (quote !== undefined) {
      if (character === '\\' && quote === '"') index += 1;
      else if (character === quote && quote === "'" && source[index + 1] === "'") index += 1;
      else if (character === quote) quote = undefined;
      continue;
    }
    if (character === '#' && (index === 0 || /\s/.test(source[index - 1] ?? ''))) {
      const end = source.indexOf('\n', index);
      index = end < 0 ? source.length : end;
    } else if ((character === '"' || character === "'") && startsValue(source, index, opened)) {
      quote = character;
    } else if ((character === '[' || character === '{') && startsValue(source, index, opened)) {
      opened.add(index);
      depth += 1;
      if (depth > max) return index;
    } else if ((character === ']' || character === '}') && depth > 0) {
      depth -= 1;
    }
  }
  return -1;
}
