import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import { nextLineStart, pairNamed, rangeOf, splice, type Edit } from './yaml-edit.js';

/** One file the removal changes, with the unified diff of the change. */
export interface FileEdit {
  /** Path relative to the config directory. */
  file: string;
  before: string;
  after: string;
  patch: string;
}

/** Who is removed: their keys in the files and the identities (logins, e-mails) they are known by, lower-cased. */
export interface PersonToRemove {
  keys: ReadonlySet<string>;
  identities: ReadonlySet<string>;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** From the start of the line `start` is on to the start of the line after `end`: the whole entry, its comment included. */
function wholeLines(text: string, start: number, end: number): Edit {
  return { start: text.lastIndexOf('\n', start - 1) + 1, end: nextLineStart(text, end), value: '' };
}

/** A person's entry is theirs when its key is theirs or it names one of their identities. */
function isTheirs(pair: Pair, person: PersonToRemove): boolean {
  const key = scalarText(pair.key);
  if (key !== undefined && person.keys.has(key)) return true;
  if (!isMap(pair.value)) return false;
  return pair.value.items.some((field) => {
    const value = scalarText(field.value);
    return value !== undefined && person.identities.has(value.toLowerCase());
  });
}

function peopleEdits(text: string, people: unknown, person: PersonToRemove): { edits: Edit[]; keys: string[] } {
  if (!isMap(people)) return { edits: [], keys: [] };
  const edits: Edit[] = [];
  const keys: string[] = [];
  for (const pair of people.items) {
    if (!isTheirs(pair, person)) continue;
    const start = rangeOf(pair.key)?.[0];
    const end = rangeOf(pair.value)?.[1];
    if (start === undefined || end === undefined) continue;
    keys.push(scalarText(pair.key) ?? '');
    edits.push(wholeLines(text, start, end));
  }
  return { edits, keys };
}

/** `owners: [maria, tom]` loses `tom`; a block list loses the line, and becomes `[]` when nothing is left. */
function listEdits(text: string, pair: Pair | undefined, keys: ReadonlySet<string>): Edit[] {
  const list = pair?.value;
  if (!isSeq(list)) return [];
  const kept = list.items.filter((item) => !keys.has(scalarText(item) ?? ''));
  if (kept.length === list.items.length) return [];
  const range = rangeOf(list);
  if (!range) return [];
  if (list.flow) return [{ start: range[0], end: range[1], value: `[${kept.map((item) => scalarText(item) ?? '').join(', ')}]` }];
  const keyEnd = rangeOf(pair?.key)?.[1];
  if (kept.length === 0 && keyEnd !== undefined) return [{ ...wholeLines(text, range[0], range[1]), start: keyEnd, value: ': []\n' }];
  return list.items.flatMap((item) => {
    const itemRange = rangeOf(item);
    return keys.has(scalarText(item) ?? '') && itemRange ? [wholeLines(text, itemRange[0], itemRange[1])] : [];
  });
}

/** Entries of `grants` whose `who` is theirs. */
function grantEdits(text: string, grants: unknown, keys: ReadonlySet<string>): Edit[] {
  if (!isSeq(grants)) return [];
  return grants.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const who = scalarText(pairNamed(item.items, 'who')?.value);
    const range = rangeOf(item);
    return who !== undefined && keys.has(who) && range ? [wholeLines(text, range[0], range[1])] : [];
  });
}

/**
 * Pure. The file without the person: their entry under `people`, their `grants`, their
 * place among `owners` and `delegates`. Everything else stays byte for byte; the YAML
 * document only says where, it is never re-printed.
 */
export function removePerson(text: string, person: PersonToRemove): string {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error(`the file is not valid YAML: ${document.errors[0]?.message ?? ''}`);
  const root = document.contents;
  if (!isMap(root)) return text;
  const people = peopleEdits(text, pairNamed(root.items, 'people')?.value, person);
  const keys = new Set([...person.keys, ...people.keys]);
  const edits = [
    ...people.edits,
    ...grantEdits(text, pairNamed(root.items, 'grants')?.value, keys),
    ...listEdits(text, pairNamed(root.items, 'owners'), keys),
    ...listEdits(text, pairNamed(root.items, 'delegates'), keys),
  ];
  return splice(text, edits);
}

/** The removal as an edit with its unified diff, `a/` and `b/` prefixed so `git apply` takes it; undefined when nothing changes. */
function removalEdit(file: string, before: string, person: PersonToRemove): FileEdit | undefined {
  const after = removePerson(before, person);
  if (after === before) return undefined;
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  return { file, before, after, patch };
}

/**
 * The edits that make the files stop declaring the person: the client files of `clients`
 * and, when it exists and `everywhere`, policies/people.yaml. Paths are from the repository's
 * root (`prefix` is where the config directory sits in it), so `git apply` takes the patches.
 */
export async function removalEdits(dir: string, prefix: string, files: readonly string[], person: PersonToRemove): Promise<FileEdit[]> {
  const edits: FileEdit[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(join(dir, file), 'utf8');
    } catch {
      continue;
    }
    const edit = removalEdit(`${prefix}${file}`, text, person);
    if (edit) edits.push(edit);
  }
  return edits;
}
