/**
 * Characters that let a file say one thing to a reviewer and another to Latch or a terminal.
 * Text from the repository reaches plans, pull request comments and terminals, so these are
 * refused when a file is loaded and escaped again where text is printed.
 */

/** C0 controls but tab and line feed, DEL and C1: they move the cursor, clear the screen or start escape sequences (ESC [2J, OSC 8 links). */
// eslint-disable-next-line no-control-regex -- finding control characters is this file's purpose
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** Direction overrides and isolates: they reorder a line as displayed ("Trojan Source", CVE-2021-42574). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;

/** Invisible characters: harmless in prose, but they make two names that look alike differ. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff]/u;

/** Everything a terminal or a renderer should never receive raw: the three sets above, plus tab and line feed. */
// eslint-disable-next-line no-control-regex -- finding control characters is this file's purpose
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff]/gu;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BACKSPACE',
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0x9d: 'OPERATING SYSTEM COMMAND',
  0xad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte-order mark)',
};

/** Which family a refused character belongs to; each has its own rule id and hint. */
export type UnsafeKind = 'control-character' | 'bidi-control' | 'invisible-character';

export interface UnsafeCharacter {
  kind: UnsafeKind;
  /** Offset in the text, in UTF-16 code units. */
  index: number;
  /** U+001B ESCAPE */
  label: string;
  /** A tab or line break: harmless on a terminal, refused only where text must stay on one line. */
  layout: boolean;
}

/** How strict a piece of text is checked. */
export interface TextKind {
  /** Prose that may span lines (a grant's why, a role's description): tab and line feed allowed. */
  multiline: boolean;
  /** Prose (a display name, a why): invisible characters allowed, since some scripts need joiners. */
  prose: boolean;
}

/** `U+001B ESCAPE` */
export function labelOf(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const name = NAMES[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` ${name}` : ''}`;
}

function kindOf(character: string, text: TextKind): UnsafeKind | undefined {
  if (BIDI.test(character)) return 'bidi-control';
  if (character === '\t' || character === '\n') return text.multiline ? undefined : 'control-character';
  if (CONTROL.test(character)) return 'control-character';
  if (INVISIBLE.test(character)) return text.prose ? undefined : 'invisible-character';
  return undefined;
}

/** The first character of `value` that text of this kind may not hold, or undefined. */
export function firstUnsafe(value: string, text: TextKind): UnsafeCharacter | undefined {
  let index = 0;
  for (const character of value) {
    const kind = kindOf(character, text);
    if (kind) return { kind, index, label: labelOf(character), layout: character === '\t' || character === '\n' };
    index += character.length;
  }
  return undefined;
}

/**
 * Characters of a raw file that no YAML file of Latch's needs anywhere, comments included: a
 * direction override in a comment is enough to show reviewers a different file. Tab, line
 * feed and the carriage return of a CRLF line end are allowed; a byte-order mark only first.
 */
export function unsafeInSource(source: string, limit: number): UnsafeCharacter[] {
  const found: UnsafeCharacter[] = [];
  // eslint-disable-next-line no-control-regex -- finding control characters is this file's purpose
  const pattern = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
  for (const match of source.matchAll(pattern)) {
    const character = match[0];
    const index = match.index;
    if (character === '\r' && source[index + 1] === '\n') continue;
    if (character === '\ufeff' && index === 0) continue;
    const kind = character === '\ufeff' ? 'invisible-character' : BIDI.test(character) ? 'bidi-control' : 'control-character';
    found.push({ kind, index, label: labelOf(character), layout: false });
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * Text safe to print on a terminal or in a rendered table: every control, direction and
 * invisible character (tab and line feed included) is written as a visible `\u{1b}`.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`);
}
