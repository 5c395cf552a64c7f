import { isPair, isScalar, isSeq, visit, type Document, type Scalar } from 'yaml';
import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model/grants.js';
import { firstUnsafe, printable, unsafeInSource, type TextKind, type UnsafeCharacter, type UnsafeKind } from './characters.js';
import { error } from './issues.js';

/** Issues per file at most: a file full of escape characters needs one fix, not a thousand lines. */
const MAX_TEXT_ISSUES = 10;

/** Fields written as prose: a why or a description may span lines, and a display name may use joiners. */
const MULTILINE_FIELDS = new Set(['why', 'description']);
const PROSE_FIELDS = new Set(['why', 'description', 'name']);

const HINT: Record<UnsafeKind, string> = {
  'control-character': 'Delete the character (in quotes it may be written as an escape such as "\\e", "\\x1b" or "\\u001b"); only a why or a description may span lines.',
  'bidi-control': 'Delete the character: it changes the order in which the line is displayed, so reviewers would read something other than what Latch reads.',
  'invisible-character': 'Retype the name without the invisible character: it makes two names that look the same differ.',
};

function danger(kind: UnsafeKind): string {
  switch (kind) {
    case 'control-character':
      return 'a control character: printed on a terminal it can clear the screen, move the cursor or hide a link';
    case 'bidi-control':
      return 'a direction control: it reorders how the text is displayed';
    case 'invisible-character':
      return 'an invisible character, not allowed in names, keys and references';
  }
}

type Locate = (offset: number) => SourcePosition;

function issueAt(at: SourcePosition, subject: string, found: UnsafeCharacter): ConfigIssue {
  if (found.layout) {
    return error(at, found.kind, `${subject} contains ${found.label}; only a why or a description may hold tabs and line breaks.`, 'Write it on one line, without tabs (a block scalar "|" keeps line breaks).');
  }
  return error(at, found.kind, `${subject} contains ${found.label}, ${danger(found.kind)}.`, HINT[found.kind]);
}

/** 1-based line and column of an offset, as the YAML parser counts them. */
export function positionOf(file: string, source: string, index: number): SourcePosition {
  const before = source.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { file, line: before.split('\n').length, column: index - lineStart + 1 };
}

/**
 * Control and direction characters anywhere in the raw text, comments included, at their
 * exact position. Checked before parsing, so no parser message ever quotes one.
 */
export function sourceIssues(file: string, source: string): ConfigIssue[] {
  return unsafeInSource(source, MAX_TEXT_ISSUES).map((found) => issueAt(positionOf(file, source, found.index), 'This line', found));
}

interface Field {
  /** The key naming the value (for a list item, the key of the list). */
  name: string;
  isKey: boolean;
}

/** The field a scalar is the key or the value of, from the nodes above it. */
function fieldOf(node: Scalar, path: readonly unknown[]): Field {
  const parent = path[path.length - 1];
  if (isPair(parent)) {
    if (parent.key === node) return { name: String(node.value), isKey: true };
    return { name: isScalar(parent.key) ? String(parent.key.value) : '', isKey: false };
  }
  const holder = path[path.length - 2];
  if (isSeq(parent) && isPair(holder) && isScalar(holder.key)) return { name: String(holder.key.value), isKey: false };
  return { name: '', isKey: false };
}

function textKind(field: Field): TextKind {
  if (field.isKey) return { multiline: false, prose: false };
  return { multiline: MULTILINE_FIELDS.has(field.name), prose: PROSE_FIELDS.has(field.name) };
}

/**
 * Refuses control, direction and invisible characters in every key and value once escapes
 * ("\e", "\u202e") are decoded, at the start of the scalar. Tab and line feed only in a why
 * or a description.
 */
export function textIssues(document: Document, at: Locate): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  visit(document, {
    Scalar(_, node, path) {
      if (typeof node.value !== 'string') return undefined;
      const field = fieldOf(node, path);
      const found = firstUnsafe(node.value, textKind(field));
      if (!found) return undefined;
      const name = printable(field.name);
      const subject = field.isKey ? `The key "${printable(field.name.slice(0, found.index))}…"` : name ? `The value of ${name}` : 'This value';
      issues.push(issueAt(at(node.range?.[0] ?? 0), subject, found));
      return issues.length >= MAX_TEXT_ISSUES ? visit.BREAK : undefined;
    },
  });
  return issues;
}
