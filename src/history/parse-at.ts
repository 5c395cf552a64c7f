import type { ConfigIssue } from '../errors.js';
import type { SchemaName } from '../load/model.js';
import { checkSchema, type SchemaData } from '../load/schema-check.js';
import type { LoadedPeople, WrittenClient } from '../load/people.js';
import type { SourceMap } from '../load/source-map.js';
import { parseYaml } from '../load/yaml.js';

/** A file as it was at some commit, or why it could not be read there. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function firstIssue(issues: readonly ConfigIssue[]): string {
  const [first] = issues;
  return first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : 'it does not validate';
}

/**
 * One file checked against its schema only: history is read leniently, so the cross-file
 * rules and guardrails of that day are not re-run, and a file that does not pass its schema
 * is reported rather than fatal.
 */
function check<N extends SchemaName>(name: N, file: string, content: string | Uint8Array): Parsed<{ data: SchemaData<N>; source: SourceMap }> {
  const parsed = parseYaml(file, content);
  if (!parsed.ok) return { ok: false, reason: firstIssue(parsed.issues) };
  const checked = checkSchema(name, parsed.parsed);
  if (!checked.ok) return { ok: false, reason: firstIssue(checked.issues) };
  return { ok: true, value: { data: checked.data, source: parsed.parsed } };
}

/** A policy file's data at some commit. */
export function parsePolicyAt<N extends Exclude<SchemaName, 'client'>>(name: N, file: string, content: string | Uint8Array): Parsed<SchemaData<N>> {
  const checked = check(name, file, content);
  return checked.ok ? { ok: true, value: checked.value.data } : checked;
}

/** policies/people.yaml at some commit, positions included. */
export function parsePeopleAt(file: string, content: string | Uint8Array): Parsed<LoadedPeople> {
  const checked = check('people', file, content);
  if (!checked.ok) return checked;
  const { data, source } = checked.value;
  return { ok: true, value: { file, people: data.people, locate: source.value, locateKey: source.key } };
}

/** A client file as written at that commit, positions included; people.yaml is resolved by the caller. */
export function parseClientAt(file: string, content: string | Uint8Array): Parsed<WrittenClient> {
  const checked = check('client', file, content);
  return checked.ok ? { ok: true, value: { file, data: checked.value.data, value: checked.value.source.value, key: checked.value.source.key } } : checked;
}
