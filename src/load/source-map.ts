import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourcePosition } from '../model/grants.js';

/** A path into parsed data: mapping keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/** Positions of the nodes of one parsed YAML file. */
export interface SourceMap {
  /** Position of the value at `path`, or of the nearest existing parent. */
  value(path: DataPath): SourcePosition;
  /** Position of the key that names the value at `path` (for a sequence item, the item itself). */
  key(path: DataPath): SourcePosition;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return undefined;
}

interface Step {
  node: Node;
  keyNode?: Node;
}

/** Pairs of each mapping by key text, built on first use: locating stays linear in the size of the file. */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const text = keyText(pair);
      if (text !== undefined && !index.has(text)) index.set(text, pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

/** Follows `path` as far as it exists; aliases are followed to their anchor. */
function walk(document: Document, path: DataPath): Step[] {
  const steps: Step[] = [];
  let node: unknown = document.contents;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = pairOf(node, String(segment));
      if (!pair || !isNode(pair.value)) {
        if (pair && isScalar(pair.key)) steps.push({ node: pair.key, keyNode: pair.key });
        break;
      }
      steps.push({ node: pair.value, keyNode: isScalar(pair.key) ? pair.key : undefined });
      node = pair.value;
      continue;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (!isNode(item)) break;
      steps.push({ node: item });
      node = item;
      continue;
    }
    break;
  }
  return steps;
}

/** Source positions for one document; offsets become 1-based line and column through the LineCounter. */
export function createSourceMap(file: string, document: Document, lineCounter: LineCounter): SourceMap {
  function at(node: Node | undefined | null): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  }
  const root = (document.contents ?? undefined) as Node | undefined;
  return {
    value(path) {
      const steps = walk(document, path);
      return at(steps[steps.length - 1]?.node ?? root);
    },
    key(path) {
      const steps = walk(document, path);
      const last = steps[steps.length - 1];
      return at(last?.keyNode ?? last?.node ?? root);
    },
  };
}
