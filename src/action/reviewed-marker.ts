import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { RESOURCE_KINDS } from '../model/kinds.js';
import type { Change, Plan } from '../model/plan.js';

/**
 * What reviewers saw, carried from the pull request to the apply job inside the plan
 * comment: a hidden HTML comment with the fingerprint and, when it fits, the changes as
 * base64 of deflated JSON (`[action, client, kind, resource, principal, from, to]` each).
 * Base64 has no `-` or `>`, so the HTML comment cannot end early.
 *
 * The list only narrows an apply: what is applied must also be in the plan made at merge
 * from the merged files, so an edited list can hold changes back but never add one.
 */
export const REVIEWED_TAG = 'latch:reviewed';

/** The reviewed plan as the apply job gets it back. */
export interface ReviewedRecord {
  /** Fingerprint of the plan reviewers saw. */
  fingerprint: string;
  /** The commit the plan was made at. */
  head: string;
  /** The reviewed changes; undefined when the list was too large to embed. */
  changes?: Change[];
}

const Kind = z.enum(RESOURCE_KINDS);
const Entry = z.union([
  z.tuple([z.literal('grant'), z.string().nullable(), Kind, z.string(), z.string(), z.null(), z.string()]),
  z.tuple([z.literal('update'), z.string().nullable(), Kind, z.string(), z.string(), z.string(), z.string()]),
  z.tuple([z.literal('revoke'), z.string().nullable(), Kind, z.string(), z.string(), z.string(), z.null()]),
]);
const Entries = z.array(Entry);

const PATTERN = /<!-- latch:reviewed v1 head=([0-9a-zA-Z]*) fingerprint=(sha256:[0-9a-f]{64})(?: changes=([A-Za-z0-9+/=]+))? -->/;

function compact(changes: readonly Change[]): string {
  return JSON.stringify(changes.map((change) => [change.action, change.client, change.kind, change.resource, change.principal, change.from, change.to]));
}

/**
 * The marker line for a plan. When the changes' encoding is longer than `maxLength`, only
 * the fingerprint is embedded and an apply of a plan that differs then stops.
 */
export function encodeReviewed(plan: Plan, head: string, maxLength: number): string {
  const bare = `<!-- ${REVIEWED_TAG} v1 head=${head} fingerprint=${plan.fingerprint} -->`;
  const data = deflateRawSync(Buffer.from(compact(plan.changes)), { level: 9 }).toString('base64');
  const full = `<!-- ${REVIEWED_TAG} v1 head=${head} fingerprint=${plan.fingerprint} changes=${data} -->`;
  return full.length <= maxLength ? full : bare;
}

function toChange(entry: z.infer<typeof Entry>): Change {
  const reason = 'reviewed on the pull request';
  const [, client, kind, resource, principal] = entry;
  if (entry[0] === 'grant') return { action: 'grant', client, kind, resource, principal, from: null, to: entry[6], reason };
  if (entry[0] === 'update') return { action: 'update', client, kind, resource, principal, from: entry[5], to: entry[6], reason };
  return { action: 'revoke', client, kind, resource, principal, from: entry[5], to: null, reason };
}

/** The reviewed record in a comment body; undefined when there is none or it cannot be read. */
export function decodeReviewed(body: string): ReviewedRecord | undefined {
  const match = PATTERN.exec(body);
  if (!match) return undefined;
  const [, head = '', fingerprint = '', data] = match;
  if (data === undefined) return { fingerprint, head };
  try {
    const entries = Entries.parse(JSON.parse(inflateRawSync(Buffer.from(data, 'base64')).toString('utf8')));
    return { fingerprint, head, changes: entries.map(toChange) };
  } catch {
    return { fingerprint, head };
  }
}
