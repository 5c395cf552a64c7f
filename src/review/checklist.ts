import type { DesiredState } from '../desire/expand.js';
import type { LoadedClient } from '../load/types.js';
import type { GuardrailsFile } from '../load/model.js';
import { sideOf } from '../load/sides.js';
import type { DesiredGrant, Side, Trace } from '../model/grants.js';
import type { ResourceKind } from '../model/kinds.js';
import { reviewDue, type ReviewDue } from '../load/review-due.js';

/** One line of a review: a person's access to one resource, or a person with no access at all. */
export interface ChecklistLine {
  /** The person's key in the client file. */
  person: string;
  /** The person's e-mail, as the file writes it. */
  email: string;
  /** Agency or client side, from the e-mail's domain. */
  side: Side;
  /** Absent for a person this file gives no access. */
  access?: {
    /** The resource's name in the client file. */
    key: string;
    /** Resource kind. */
    kind: ResourceKind;
    /** The platform's reference. */
    ref: string;
    /** The level the file gives. */
    level: string;
    /** Last day of access, when bounded. */
    until?: string;
    /** verify: the client owns the resource and grants it themselves. */
    mode: 'manage' | 'verify';
  };
  /** Why: the role or justified grant, with file:line. */
  why: string;
}

/** The access of one client as a reviewer goes through it. */
export interface ReviewChecklist {
  /** The client's slug. */
  client: string;
  /** Its display name. */
  name: string;
  /** The client file, relative to the config directory. */
  file: string;
  /** The day the checklist was made. */
  today: string;
  /** When the client was last reviewed, and whether a review is overdue. */
  due: ReviewDue;
  /** Client-side people first, then agency people; each person's resources in the file's order. */
  lines: ChecklistLine[];
}

function describeTrace(trace: Trace): string {
  const where = `${trace.file}:${trace.line}`;
  if (trace.source === 'role') return `role ${trace.role ?? '?'} (${where})`;
  return `grant "${trace.why ?? ''}" (${where})`;
}

/** The source that gives the level, then any other source that asks for the same grant. */
export function describeBecause(because: readonly Trace[]): string {
  const [first, ...others] = because;
  if (!first) return 'no declaration found';
  return [describeTrace(first), ...others.map((trace) => `also ${describeTrace(trace)}`)].join('; ');
}

function sideRank(side: Side): number {
  return side === 'client' ? 0 : 1;
}

/**
 * Pure. The checklist of one client from the desired state (expired grants are left out: the
 * plan revokes them). One line per person and resource; a person the file names but gives no
 * access is listed too, so the reviewer can remove them.
 */
export function buildChecklist(loaded: LoadedClient, desired: Pick<DesiredState, 'grants' | 'resources'>, guardrails: GuardrailsFile, today: string): ReviewChecklist {
  const { data } = loaded;
  const order = new Map(Object.keys(data.resources).map((key, index) => [key, index]));
  const resources = new Map(desired.resources.filter((resource) => resource.client === data.client).map((resource) => [`${resource.kind}\u0000${resource.ref}`, resource]));
  const byPerson = new Map<string, DesiredGrant[]>();
  for (const grant of desired.grants) {
    if (grant.client !== data.client) continue;
    byPerson.set(grant.person, [...(byPerson.get(grant.person) ?? []), grant]);
  }
  const people = Object.entries(data.people)
    .map(([key, person]) => ({ key, email: person.email, side: sideOf(person.email, guardrails) }))
    .sort((a, b) => sideRank(a.side) - sideRank(b.side) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lines: ChecklistLine[] = [];
  for (const person of people) {
    const grants = byPerson.get(person.key) ?? [];
    if (grants.length === 0) {
      lines.push({ person: person.key, email: person.email, side: person.side, why: 'this file gives them no access to any resource' });
      continue;
    }
    const placed = grants.map((grant) => ({ grant, resource: resources.get(`${grant.kind}\u0000${grant.resource}`) }));
    placed.sort((a, b) => (order.get(a.resource?.key ?? '') ?? 0) - (order.get(b.resource?.key ?? '') ?? 0));
    for (const { grant, resource } of placed) {
      const access: NonNullable<ChecklistLine['access']> = {
        key: resource?.key ?? grant.resource,
        kind: grant.kind,
        ref: grant.resource,
        level: grant.level,
        mode: resource?.mode ?? 'manage',
      };
      if (grant.until !== undefined) access.until = grant.until;
      lines.push({ person: person.key, email: person.email, side: person.side, access, why: describeBecause(grant.because) });
    }
  }
  return { client: data.client, name: data.name, file: loaded.file, today, due: reviewDue(data, guardrails, today), lines };
}
