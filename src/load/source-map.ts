import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
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

/** Slots per indexed node in the packed positions: line, column, key line, key column, flags. */
const SLOTS = 5;
const MAP = 1;
const SEQ = 2;
/** A key whose value is empty (`key:`): the path stops at the key. */
const EMPTY = 4;

/**
 * The positions of every node of an alias-free document, so that the parsed document (many
 * times the size of the file) need not be kept for error messages: node numbers by path,
 * and the numbers packed five to a node. Each path segment is tagged by its container, as
 * `walk` tells a mapping key from an index. Key line 0: the node has no key.
 */
interface PositionIndex {
  ids: Map<string, number>;
  packed: Int32Array;
}

function indexPositions(document: Document, lineCounter: LineCounter): PositionIndex {
  const ids = new Map<string, number>();
  const slots: number[] = [];
  function push(path: string, node: Node | null | undefined, key: Node | undefined, flags: number): void {
    const at = lineCounter.linePos(node?.range?.[0] ?? 0);
    const keyAt = key ? lineCounter.linePos(key.range?.[0] ?? 0) : { line: 0, col: 0 };
    ids.set(path, slots.length / SLOTS);
    slots.push(at.line, at.col, keyAt.line, keyAt.col, flags);
  }
  function add(path: string, node: Node, key?: Node): void {
    push(path, node, key, isMap(node) ? MAP : isSeq(node) ? SEQ : 0);
    if (isMap(node)) {
      for (const pair of node.items) {
        const text = keyText(pair);
        const child = `${path}\u0000k${text}`;
        // The first of duplicate keys wins, as in `pairOf`; the others' subtrees are never reached.
        if (text === undefined || ids.has(child)) continue;
        const pairKey = pair.key as Node;
        if (isNode(pair.value)) add(child, pair.value, pairKey);
        else push(child, pairKey, pairKey, EMPTY);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, position) => {
        if (isNode(item)) add(`${path}\u0000i${position}`, item);
      });
    }
  }
  if (isNode(document.contents)) add('', document.contents);
  return { ids, packed: Int32Array.from(slots) };
}

/** Follows `path` through the index as far as it exists, as `walk` follows it through the document; -1: not even the root. */
function lookUp({ ids, packed }: PositionIndex, path: DataPath): number {
  let prefix = '';
  let last = ids.get('') ?? -1;
  for (const segment of path) {
    const flags = last < 0 ? 0 : (packed[last * SLOTS + 4] ?? 0);
    if (flags & EMPTY) break;
    if (flags & MAP) prefix = `${prefix}\u0000k${String(segment)}`;
    else if (flags & SEQ && typeof segment === 'number') prefix = `${prefix}\u0000i${segment}`;
    else break;
    const id = ids.get(prefix);
    if (id === undefined) break;
    last = id;
  }
  return last;
}

function hasAlias(document: Document): boolean {
  let found = false;
  visit(document, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** Built apart from the document, so that no closure keeps it alive. */
function indexedSourceMap(file: string, index: PositionIndex, top: SourcePosition): SourceMap {
  const slot = (id: number, offset: number) => index.packed[id * SLOTS + offset] ?? 0;
  return {
    value(path) {
      const id = lookUp(index, path);
      return id < 0 ? top : { file, line: slot(id, 0), column: slot(id, 1) };
    },
    key(path) {
      const id = lookUp(index, path);
      if (id < 0) return top;
      const keyed = slot(id, 2) > 0;
      return { file, line: slot(id, keyed ? 2 : 0), column: slot(id, keyed ? 3 : 1) };
    },
  };
}

/**
 * Source positions for one document; offsets become 1-based line and column through the
 * LineCounter. An alias-free document (every client file Latch writes or expects) is reduced
 * to an index of positions; a document with aliases keeps its nodes, since a path may run
 * through an anchor.
 */
export function createSourceMap(file: string, document: Document, lineCounter: LineCounter): SourceMap {
  function at(node: Node | undefined | null): SourcePosition {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { file, line, column: col };
  }
  const root = (document.contents ?? undefined) as Node | undefined;
  if (!hasAlias(document)) return indexedSourceMap(file, indexPositions(document, lineCounter), at(root));
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
