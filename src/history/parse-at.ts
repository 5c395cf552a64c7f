import type { ConfigIssue } from '../errors.js';
import type { SchemaName } from '../load/model.js';
import { checkSchema, type SchemaData } from '../load/schema-check.js';
import type { LoadedClient } from '../load/types.js';
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
function check<N extends SchemaName>(name: N, file: string, content: string | Uint8Array): Parsed<{ data: SchemaData<N>; locate: LoadedClient['locate'] }> {
  const parsed = parseYaml(file, content);
  if (!parsed.ok) return { ok: false, reason: firstIssue(parsed.issues) };
  const checked = checkSchema(name, parsed.parsed);
  if (!checked.ok) return { ok: false, reason: firstIssue(checked.issues) };
  return { ok: true, value: { data: checked.data, locate: parsed.parsed.value } };
}

/** A policy file's data at some commit. */
export function parsePolicyAt<N extends Exclude<SchemaName, 'client'>>(name: N, file: string, content: string | Uint8Array): Parsed<SchemaData<N>> {
  const checked = check(name, file, content);
  return checked.ok ? { ok: true, value: checked.value.data } : checked;
}

/** A client file as loadRepository would have given it at that commit, positions included. */
export function parseClientAt(file: string, content: string | Uint8Array): Parsed<LoadedClient> {
  const checked = check('client', file, content);
  return checked.ok ? { ok: true, value: { file, data: checked.value.data, locate: checked.value.locate } } : checked;
}
