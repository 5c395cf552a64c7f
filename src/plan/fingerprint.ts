import { createHash } from 'node:crypto';
import type { Change } from '../model/plan.js';
import { compareChanges, compareText } from './order.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON with object keys sorted and no whitespace, so equal data always gives equal text.
 * Like JSON.stringify, it leaves out undefined properties and writes undefined array items as null.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (isRecord(value)) {
    const members: string[] = [];
    for (const key of Object.keys(value).sort(compareText)) {
      const member = value[key];
      if (member === undefined || typeof member === 'function') continue;
      members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `sha256:` and the hex sha256 of the canonical JSON of the changes in plan order. The
 * changes are sorted first, so the same set of changes gives the same fingerprint however
 * it was assembled; ties in plan order fall back to the canonical text itself.
 *
 * The text is hashed one change at a time: joined whole, it was tens of MB per plan at a
 * thousand clients, made several times per run, and a large share of the peak memory.
 */
export function fingerprintChanges(changes: readonly Change[]): string {
  const hash = createHash('sha256');
  let separator = '[';
  for (const tie of tiesInPlanOrder(changes)) {
    const texts = tie.map(canonicalJson).sort(compareText);
    for (const text of texts) {
      hash.update(separator);
      hash.update(text);
      separator = ',';
    }
  }
  hash.update(separator === '[' ? '[]' : ']');
  return `sha256:${hash.digest('hex')}`;
}

/** The changes sorted in plan order, in runs that plan order cannot tell apart. */
function* tiesInPlanOrder(changes: readonly Change[]): Generator<Change[]> {
  let tie: Change[] = [];
  for (const change of [...changes].sort(compareChanges)) {
    const first = tie[0];
    if (first && compareChanges(first, change) !== 0) {
      yield tie;
      tie = [];
    }
    tie.push(change);
  }
  if (tie.length > 0) yield tie;
}
