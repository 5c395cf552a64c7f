import type { ConfigIssue } from '../../errors.js';
import type { SourcePosition } from '../../model/grants.js';
import type { IdentityField } from '../../platforms/kind.js';
import { IDENTITY_FIELDS } from '../../platforms/kinds.js';
import { error } from '../issues.js';
import { canonicalRef } from '../refs.js';
import type { SourcedClient } from '../types.js';

function where(at: SourcePosition): string {
  return `${at.file}:${at.line}`;
}

interface Seen {
  client: string;
  person: string;
  at: SourcePosition;
}

interface Claim {
  client: string;
  /** The resource's key in the claiming file. */
  key: string;
  at: SourcePosition;
}

function checkRefs(clients: readonly SourcedClient[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const claimed = new Map<string, Claim>();
  for (const client of clients) {
    for (const [key, resource] of Object.entries(client.data.resources)) {
      const ref = canonicalRef(resource.kind, resource.ref);
      const id = `${resource.kind}\u0000${ref}`;
      const at = client.locate(['resources', key, 'ref']);
      const first = claimed.get(id);
      if (!first) {
        claimed.set(id, { client: client.data.client, key, at });
        continue;
      }
      const same = first.client === client.data.client;
      issues.push(
        error(
          at,
          'ref-claimed-twice',
          same
            ? `${resource.ref} (${resource.kind}) is declared twice in this file, as ${first.key} and as ${key}.`
            : `${resource.ref} (${resource.kind}) already belongs to client ${first.client} (${where(first.at)}); one client never reaches another client's systems.`,
          same ? `Keep one of the two entries.` : `Remove it here, or move it out of ${first.at.file} if it really belongs to ${client.data.client}.`,
        ),
      );
    }
  }
  return issues;
}

/** How messages name each identity field. */
const IDENTITY_WORDS: Readonly<Record<IdentityField, string>> = { email: 'e-mail address', github: 'GitHub login', linkedin: 'LinkedIn member URN' };

/** E-mails and logins compare case-insensitively; LinkedIn member ids are case-sensitive. */
function comparable(field: IdentityField, raw: string): string {
  return field === 'linkedin' ? raw.trim() : raw.toLowerCase();
}

/**
 * One person, one identity: the same person key, e-mail, GitHub login or LinkedIn URN (every
 * field some kind knows people by) must mean the same person with the same identities in
 * every file. One pass with an index per field, so a thousand client files cost a thousand
 * lookups, not a million comparisons.
 */
function checkIdentities(clients: readonly SourcedClient[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byKey = new Map<string, Partial<Record<IdentityField, Seen & { value: string }>>>();
  const byValue = new Map(IDENTITY_FIELDS.map((field) => [field, new Map<string, Seen>()]));
  for (const client of clients) {
    for (const [key, person] of Object.entries(client.data.people)) {
      const known = byKey.get(key) ?? {};
      for (const field of IDENTITY_FIELDS) {
        const raw = person[field];
        const values = byValue.get(field);
        if (raw === undefined || !values) continue;
        const value = comparable(field, raw);
        const at = client.locate(['people', key, field]);
        const word = IDENTITY_WORDS[field];
        const earlier = known[field];
        if (!earlier) known[field] = { client: client.data.client, person: key, at, value };
        else if (earlier.value !== value) {
          issues.push(
            error(
              at,
              'person-identity-conflict',
              `${key} has the ${word} ${raw} here, but ${earlier.value} in ${where(earlier.at)}; one person has one ${word}.`,
              `Use the same ${word} for ${key} in both files; if they are two different people, give one of them another key (such as ${key}-${client.data.client}).`,
            ),
          );
        }
        const owner = values.get(value);
        if (!owner) values.set(value, { client: client.data.client, person: key, at });
        else if (owner.person !== key) {
          issues.push(
            error(
              at,
              'identity-shared',
              `The ${word} ${raw} is given to ${key} here but to ${owner.person} in ${where(owner.at)}; one ${word} belongs to one person.`,
              `If it is the same person, use the same key (${owner.person}) in both places; otherwise correct the ${word}.`,
            ),
          );
        }
      }
      byKey.set(key, known);
    }
  }
  return issues;
}

function checkDuplicateSlugs(clients: readonly SourcedClient[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, SourcedClient>();
  for (const client of clients) {
    const first = seen.get(client.data.client);
    if (!first) {
      seen.set(client.data.client, client);
      continue;
    }
    issues.push(
      error(
        client.locate(['client']),
        'duplicate-client',
        `Client ${client.data.client} is declared by two files: ${first.file} and this one.`,
        'Keep one file per client and merge the two.',
      ),
    );
  }
  return issues;
}

/** Rules between client files: systems, identities and slugs each belong to one client or person. */
export function checkAcrossClients(clients: readonly SourcedClient[]): ConfigIssue[] {
  return [...checkDuplicateSlugs(clients), ...checkRefs(clients), ...checkIdentities(clients)];
}
