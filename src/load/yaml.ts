import { isAlias, isCollection, isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError, type YAMLMap } from 'yaml';
import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model/grants.js';
import { error } from './issues.js';
import { createSourceMap, type SourceMap } from './source-map.js';
import { decodeText } from './text.js';
import { deepFlowAt } from './nesting.js';
import { positionOf, sourceIssues, textIssues } from './yaml-text.js';

/**
 * How many alias expansions a file may cause (weighted by the size of what they repeat).
 * Latch's files have no use for deep aliasing; "billion laughs" files need thousands.
 */
export const MAX_ALIAS_COUNT = 100;

/** How deeply mappings and lists may nest: Latch's files need five levels; deep nesting only exhausts the stack. */
export const MAX_DEPTH = 16;

/** Keys that could reach an object's prototype if some later code copied the data naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A YAML file turned into plain data, with the positions of its nodes. */
export interface ParsedYaml extends SourceMap {
  file: string;
  /** Plain JSON-like data: objects, arrays, strings, numbers, booleans, null. */
  data: Record<string, unknown>;
}

export type ParseResult = { ok: true; parsed: ParsedYaml } | { ok: false; issues: ConfigIssue[] };

function rangeStart(node: unknown): number {
  return isNode(node) ? (node.range?.[0] ?? 0) : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function tooDeepIssue(at: SourcePosition): ConfigIssue {
  return error(
    at,
    'yaml-too-deep',
    `Mappings and lists are nested here more than ${MAX_DEPTH} levels deep.`,
    "Latch's files need a few levels at most; flatten the structure (schemas/ shows the expected shape).",
  );
}

function syntaxIssue(file: string, problem: YAMLError): ConfigIssue {
  const [start] = problem.linePos ?? [];
  const at: SourcePosition = { file, line: start?.line ?? 1, column: start?.col ?? 1 };
  switch (problem.code) {
    case 'MULTIPLE_DOCS':
      return error(
        at,
        'yaml-multiple-documents',
        'This file holds more than one YAML document (a "---" line starts a second one).',
        'Keep one document per file: remove the "---" line and what follows, or move it to its own file.',
      );
    case 'TAB_AS_INDENT':
      return error(at, 'yaml-syntax', 'A tab is used for indentation here; YAML allows only spaces.', 'Replace the tab with spaces (two per level is usual).');
    default: {
      // The parser recurses per nesting level and reports a stack overflow as a syntax error.
      if (problem.message.includes('call stack')) return tooDeepIssue(at);
      const sentence = problem.message.split(' at line ')[0] ?? problem.message;
      return error(
        at,
        'yaml-syntax',
        `This is not valid YAML: ${sentence}.`,
        'Check the indentation, colons, quotes and brackets on this line and the one before it.',
      );
    }
  }
}

type Locate = (offset: number) => SourcePosition;

function aliasLimitIssue(at: SourcePosition): ConfigIssue {
  return error(
    at,
    'yaml-alias-limit',
    `This file repeats values through aliases (*name) more than Latch allows (${MAX_ALIAS_COUNT} expansions): that is how "billion laughs" files exhaust memory.`,
    'Write the values out instead of nesting aliases of aliases.',
  );
}

function keyIssue(key: unknown, at: Locate): ConfigIssue | undefined {
  if (!isScalar(key)) {
    return error(at(rangeStart(key)), 'yaml-complex-key', 'A key here is a list or a mapping; Latch expects plain names as keys.', 'Write the key as plain text, such as dana: or web:.');
  }
  const name = String(key.value);
  if (name === '<<') {
    return error(at(rangeStart(key)), 'yaml-merge-key', 'A merge key (<<) is used here; Latch does not merge mappings.', 'Write the keys out in this mapping instead of merging another one into it.');
  }
  if (!FORBIDDEN_KEYS.has(name)) return undefined;
  return error(at(rangeStart(key)), 'yaml-forbidden-key', `The key "${name}" is not allowed in Latch's files.`, `"${name}" has a special meaning in JavaScript and is refused for safety; rename it.`);
}

/** Keys a mapping repeats. Checked here with a set: the library's own check compares every pair of keys. */
function duplicateKeys(map: YAMLMap, at: Locate): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    if (!seen.has(name)) {
      seen.add(name);
      continue;
    }
    issues.push(error(at(rangeStart(pair.key)), 'yaml-duplicate-key', `The key "${name}" appears twice in the same mapping.`, `Keep one "${name}" entry and merge what the two say.`));
  }
  return issues;
}

/** Collections above a node: pairs sit between a mapping and its values and are not a level. */
function depthOf(path: readonly unknown[]): number {
  return path.filter((ancestor) => isCollection(ancestor)).length + 1;
}

function tagIssue(tag: string, at: SourcePosition): ConfigIssue {
  return error(
    at,
    'yaml-tag',
    `The tag ${tag.replace(/^tag:yaml\.org,2002:/, '!!')} is used here; Latch's files use plain values only.`,
    'Remove the tag (the word starting with "!") and write the value as text, a number, a list or a mapping.',
  );
}

/** A %YAML or %TAG line: %YAML 1.1 would turn yes, no and on into booleans and 010 into 8, and enable merge keys. */
function directiveIssues(document: Document, at: Locate): ConfigIssue[] {
  const directives = document.directives;
  if (!directives) return [];
  const custom = Object.keys(directives.tags).filter((handle) => handle !== '!!');
  if (!directives.yaml.explicit && custom.length === 0) return [];
  return [
    error(
      at(0),
      'yaml-directive',
      'This file starts with a YAML directive (a line beginning with %YAML or %TAG); it changes how values are read.',
      'Delete the directive line and the "---" after it: Latch reads every file as YAML 1.2.',
    ),
  ];
}

/**
 * Refuses tags, directives, nesting deeper than MAX_DEPTH, merge keys, keys that are not plain scalars, repeated keys, prototype keys, and aliases that are too many,
 * name no earlier anchor, or point into the value that holds them (a cycle). Anchors are
 * tracked here in one pass: resolving each alias through the library would walk the whole
 * document per alias.
 */
function structureIssues(document: Document, at: Locate): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const anchors = new Map<string, readonly [number, number]>();
  let aliases = 0;
  visit(document, {
    Pair(_, pair) {
      const issue = keyIssue(pair.key, at);
      if (issue) issues.push(issue);
    },
    Node(_, node, path) {
      if (node.tag !== undefined) issues.push(tagIssue(node.tag, at(rangeStart(node))));
      if (isCollection(node) && depthOf(path) > MAX_DEPTH) {
        issues.push(tooDeepIssue(at(rangeStart(node))));
        return visit.BREAK;
      }
      if (isMap(node)) issues.push(...duplicateKeys(node, at));
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, [node.range?.[0] ?? 0, node.range?.[1] ?? 0]);
        return undefined;
      }
      aliases += 1;
      const offset = rangeStart(node);
      if (aliases > MAX_ALIAS_COUNT) {
        issues.push(aliasLimitIssue(at(offset)));
        return visit.BREAK;
      }
      const anchored = anchors.get(node.source);
      if (!anchored) {
        issues.push(error(at(offset), 'yaml-syntax', `The alias *${node.source} refers to no anchor defined before it.`, `Define &${node.source} earlier in the file, or write the value out.`));
      } else if (offset >= anchored[0] && offset < anchored[1]) {
        issues.push(error(at(offset), 'yaml-syntax', `The alias *${node.source} sits inside the value it refers to, which would repeat forever.`, 'Write the value out instead of referring to itself.'));
      }
      return undefined;
    },
  });
  return issues;
}

function firstAliasOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_, alias) {
      offset = rangeStart(alias);
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Parses one file safely: size, encoding, syntax, duplicate keys, several documents, alias
 * bombs, prototype keys, and a top level that is not a mapping are refused as ConfigIssues
 * with a position. Never throws for bad input.
 */
export function parseYaml(file: string, content: string | Uint8Array): ParseResult {
  const decoded = decodeText(file, content);
  if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
  const text = decoded.text;
  const unsafe = sourceIssues(file, text);
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  // The top-level mapping is one level, so flow brackets may nest one less.
  const deep = deepFlowAt(text, MAX_DEPTH - 1);
  if (deep >= 0) return { ok: false, issues: [tooDeepIssue(positionOf(file, text, deep))] };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true, version: '1.2' });
  const position = {
    at(offset: number): SourcePosition {
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col };
    },
  };
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    const issues = problems.map((problem) => syntaxIssue(file, problem));
    // An overflow leaves a trail of follow-on errors; the first says all there is.
    const deep = issues.find((issue) => issue.rule === 'yaml-too-deep');
    return { ok: false, issues: deep ? [deep] : issues };
  }
  const structure = [...directiveIssues(document, position.at), ...structureIssues(document, position.at), ...textIssues(document, position.at)];
  if (structure.length > 0) return { ok: false, issues: structure };
  if (!isMap(document.contents)) {
    const empty = document.contents === null;
    return {
      ok: false,
      issues: [
        error(
          position.at(rangeStart(document.contents)),
          'yaml-not-mapping',
          empty ? 'This file is empty.' : 'The top level of this file is not a mapping of keys to values.',
          'Start the file with keys such as "client: apex" (see schemas/ for the expected shape).',
        ),
      ],
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (failure) {
    if (!(failure instanceof ReferenceError)) throw failure;
    return { ok: false, issues: [aliasLimitIssue(position.at(firstAliasOffset(document)))] };
  }
  if (!isRecord(data)) {
    return { ok: false, issues: [error(position.at(0), 'yaml-not-mapping', 'The top level of this file is not a mapping of keys to values.', 'Start the file with keys such as "client: apex".')] };
  }
  const sourceMap = createSourceMap(file, document, lineCounter);
  return { ok: true, parsed: { file, data, value: sourceMap.value, key: sourceMap.key } };
}
