import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { RESOURCE_KINDS } from '../model/kinds.js';
import type { Change, Plan } from '../model/plan.js';

/**
 * What reviewers saw, carried from the pull request to the apply job inside the plan
 * comment: a hidden HTML comment with the head commit, the fingerprint and, when it fits,
 * the changes as base64 of deflated JSON (`[action, client, kind, resource, principal, from,
 * to]` each). Base64 has no `-` or `>`, so the HTML comment cannot end early.
 *
 * It is read only from the bot's own plan comment, only as that comment's last line, only
 * when the tag occurs nowhere else in the body, and only for the pull request's head commit:
 * text a client file puts into the comment can neither stand in for it nor add a second one.
 * The list only narrows an apply: what is applied must also be in the plan made at merge.
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

/** The reviewed record, or why there is none. */
export type ReviewedLookup = { record: ReviewedRecord; refused?: undefined } | { record?: undefined; refused: string };

const Kind = z.enum(RESOURCE_KINDS);
const Entry = z.union([
  z.tuple([z.literal('grant'), z.string().nullable(), Kind, z.string(), z.string(), z.null(), z.string()]),
  z.tuple([z.literal('update'), z.string().nullable(), Kind, z.string(), z.string(), z.string(), z.string()]),
  z.tuple([z.literal('revoke'), z.string().nullable(), Kind, z.string(), z.string(), z.string(), z.null()]),
]);
const Entries = z.array(Entry);

const LINE = /^<!-- latch:reviewed v1 head=([0-9a-f]{40}|[0-9a-f]{64}) fingerprint=(sha256:[0-9a-f]{64})(?: changes=([A-Za-z0-9+/=]+))? -->$/;

function compact(changes: readonly Change[]): string {
  return JSON.stringify(changes.map((change) => [change.action, change.client, change.kind, change.resource, change.principal, change.from, change.to]));
}

/**
 * The marker line for a plan. When the changes' encoding is longer than `maxLength`, only
 * the fingerprint is embedded and an apply of a plan that differs then stops.
 */
export function encodeReviewed(plan: Plan, head: string, maxLength: number): string {
  const bare = `<!-- ${REVIEWED_TAG} v1 head=${head.toLowerCase()} fingerprint=${plan.fingerprint} -->`;
  const data = deflateRawSync(Buffer.from(compact(plan.changes)), { level: 9 }).toString('base64');
  const full = `<!-- ${REVIEWED_TAG} v1 head=${head.toLowerCase()} fingerprint=${plan.fingerprint} changes=${data} -->`;
  return full.length <= maxLength ? full : bare;
}

function toChange(entry: z.infer<typeof Entry>): Change {
  const reason = 'reviewed on the pull request';
  const [, client, kind, resource, principal] = entry;
  if (entry[0] === 'grant') return { action: 'grant', client, kind, resource, principal, from: null, to: entry[6], reason };
  if (entry[0] === 'update') return { action: 'update', client, kind, resource, principal, from: entry[5], to: entry[6], reason };
  return { action: 'revoke', client, kind, resource, principal, from: entry[5], to: null, reason };
}

function decode(head: string, fingerprint: string, data: string | undefined): ReviewedRecord {
  if (data === undefined) return { fingerprint, head };
  try {
    const entries = Entries.parse(JSON.parse(inflateRawSync(Buffer.from(data, 'base64')).toString('utf8')));
    return { fingerprint, head, changes: entries.map(toChange) };
  } catch {
    // A damaged list keeps the fingerprint: a plan that changed since review then stops.
    return { fingerprint, head };
  }
}

/**
 * The reviewed record of the plan comment `body` (the bot's own, found by the caller) for
 * the pull request whose head commit is `head`; anything else is refused with the reason.
 */
export function readReviewed(body: string, head: string): ReviewedLookup {
  const occurrences = body.split(REVIEWED_TAG).length - 1;
  if (occurrences === 0) return { refused: 'the plan comment carries no reviewed plan' };
  if (occurrences > 1) return { refused: `the plan comment holds ${occurrences} reviewed-plan markers where Latch writes one` };
  const last = body.trimEnd().split(/\r?\n/).at(-1) ?? '';
  const match = LINE.exec(last);
  if (!match) return { refused: 'the reviewed-plan marker is not the last line of the plan comment, or is malformed' };
  const [, markedHead = '', fingerprint = '', data] = match;
  if (markedHead !== head.toLowerCase()) {
    return { refused: `the reviewed plan was made at ${markedHead.slice(0, 7)}, not at the pull request's head ${head.slice(0, 7)}` };
  }
  return { record: decode(markedHead, fingerprint, data) };
}
