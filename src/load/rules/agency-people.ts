import type { ConfigIssue } from '../../errors.js';
import type { SourcePosition } from '../../model/grants.js';
import type { IdentityField } from '../../platforms/kind.js';
import { IDENTITY_FIELDS } from '../../platforms/kinds.js';
import { error, listing, warning } from '../issues.js';
import type { GuardrailsFile } from '../model.js';
import { agencyPersonOf, inlineIdentities, PEOPLE_FILE, type LoadedPeople, type WrittenClient } from '../people.js';
import { domainOf, sideOf } from '../sides.js';
import { closest } from '../suggest.js';
import type { RuleContext } from '../types.js';
import { mailboxOf } from './mailboxes.js';
import { isRealDate } from './until.js';

const WORDS: Readonly<Record<IdentityField, string>> = { email: 'e-mail address', github: 'GitHub login', linkedin: 'LinkedIn member URN' };

function where(at: SourcePosition): string {
  return `${at.file}:${at.line}:${at.column}`;
}

function comparable(field: IdentityField, value: string, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): string {
  if (field === 'linkedin') return value.trim();
  return field === 'email' ? mailboxOf(value, guardrails) : value.toLowerCase();
}

function domainIssue(people: LoadedPeople, key: string, email: string, guardrails: GuardrailsFile): ConfigIssue | undefined {
  const at = people.locate(['people', key, 'email']);
  const domain = domainOf(email);
  if (guardrails.personalDomains.some((personal) => personal.toLowerCase() === domain)) {
    return error(at, 'personal-domain', `${key} works for the agency but is listed with a personal address at ${domain}.`, `Use their agency address (${listing(guardrails.agencyDomains)}); personal mailboxes are outside the agency's control.`);
  }
  if (sideOf(email, guardrails) === 'agency') return undefined;
  return error(
    at,
    'people-not-agency',
    `${key}'s address is at ${domain}, which is not an agency domain; ${PEOPLE_FILE} lists the agency's own people only.`,
    `Use their agency address (${listing(guardrails.agencyDomains)}), or declare ${key} in the client files they belong to.`,
  );
}

function untilIssue(people: LoadedPeople, key: string, until: string, today: string): ConfigIssue | undefined {
  const at = people.locate(['people', key, 'until']);
  if (!isRealDate(until)) return error(at, 'invalid-date', `${until} is not a date that exists.`, 'Write a real calendar date as YYYY-MM-DD, such as 2027-03-31.');
  if (until >= today) return undefined;
  return warning(
    at,
    'left-agency',
    `${key} left the agency after ${until}: their access ends in every client, and the plan revokes it.`,
    `Once the revocations are applied, remove ${key} from the client files, then from ${PEOPLE_FILE}.`,
  );
}

/**
 * Rules of policies/people.yaml alone: agency addresses only (the personal-domain rule as in
 * client files), one identity and one mailbox per person, and real last days.
 */
export function checkPeopleFile(people: LoadedPeople, context: RuleContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const owners = new Map(IDENTITY_FIELDS.map((field) => [field, new Map<string, { key: string; at: SourcePosition }>()]));
  for (const [key, person] of Object.entries(people.people)) {
    const domain = domainIssue(people, key, person.email, context.guardrails);
    if (domain) issues.push(domain);
    if (person.until !== undefined) {
      const until = untilIssue(people, key, person.until, context.today);
      if (until) issues.push(until);
    }
    for (const field of IDENTITY_FIELDS) {
      const raw = person[field];
      const seen = owners.get(field);
      if (raw === undefined || !seen) continue;
      const value = comparable(field, raw, context.guardrails);
      const at = people.locate(['people', key, field]);
      const first = seen.get(value);
      if (!first) {
        seen.set(value, { key, at });
        continue;
      }
      issues.push(
        error(
          at,
          'identity-shared',
          `The ${WORDS[field]} ${raw} of ${key} ${field === 'email' ? 'reaches the same mailbox as' : 'is also'} ${first.key}'s at ${where(first.at)}; one ${WORDS[field]} belongs to one person.`,
          `If it is the same person, keep one entry (${first.key}); otherwise correct the ${WORDS[field]}.`,
        ),
      );
    }
  }
  return issues;
}

interface Use {
  key: string;
  at: SourcePosition;
}

function unknownIssue(key: string, uses: readonly Use[], people: LoadedPeople | undefined): ConfigIssue {
  const [first] = uses;
  const places = listing(uses.map((use) => where(use.at)));
  const near = closest(key, Object.keys(people?.people ?? {}));
  return error(
    first?.at ?? { file: PEOPLE_FILE, line: 1, column: 1 },
    'people-unknown',
    `${key} is used by ${places} but is not in ${PEOPLE_FILE}, and no identities are given there.`,
    `${near === undefined ? '' : `Did you mean ${near}? `}Add ${key} to ${PEOPLE_FILE} with their e-mail (and github, linkedin where their clients' platforms need them), or write their identities in the client file.`,
  );
}

/** A client entry naming a people.yaml key that also writes identities: the same ones are redundant, other ones a conflict. */
function inlineIssues(client: WrittenClient, key: string, people: LoadedPeople): ConfigIssue[] {
  const entry = client.data.people[key];
  const agency = agencyPersonOf(people, key);
  if (!entry || !agency) return [];
  const fields = inlineIdentities(entry);
  if (fields.length === 0) return [];
  const issues: ConfigIssue[] = [];
  for (const field of fields) {
    const here = entry[field] ?? '';
    const there = agency[field];
    if (there !== undefined && comparable(field, here, { agencyDomains: [] }) === comparable(field, there, { agencyDomains: [] })) continue;
    issues.push(
      error(
        client.value(['people', key, field]),
        'person-identity-conflict',
        `${key} has the ${WORDS[field]} ${here} here, but ${there ?? 'none'} in ${PEOPLE_FILE}${there === undefined ? '' : ` (${where(people.locate(['people', key, field]))})`}; one person has one ${WORDS[field]}.`,
        `Remove the identities here (${PEOPLE_FILE} holds ${key}'s), or give this person another key if they are someone else.`,
      ),
    );
  }
  if (issues.length > 0) return issues;
  return [
    warning(
      client.key(['people', key]),
      'people-repeated-inline',
      `${key}'s identities are written here and in ${PEOPLE_FILE}; the ones of ${PEOPLE_FILE} are used.`,
      `Keep only the role (and an until, if any) here: ${key}: { role: ${entry.role ?? '...'} }.`,
    ),
  ];
}

/**
 * Rules between client files and people.yaml: an entry without identities must name a key of
 * people.yaml (reported once per key, listing every file that uses it: the same sentence
 * whether the key was mistyped or removed from people.yaml), and identities written inline
 * for a people.yaml key must agree with it.
 */
export function checkReferences(clients: readonly WrittenClient[], people: LoadedPeople | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const unknown = new Map<string, Use[]>();
  for (const client of clients) {
    for (const [key, entry] of Object.entries(client.data.people)) {
      if (people && agencyPersonOf(people, key)) issues.push(...inlineIssues(client, key, people));
      else if (entry.email === undefined) unknown.set(key, [...(unknown.get(key) ?? []), { key, at: client.key(['people', key]) }]);
    }
  }
  for (const [key, uses] of unknown) issues.push(unknownIssue(key, uses, people));
  return issues;
}

/**
 * Suggestions, not rules: an agency person written inline in two or more client files would
 * be written once in people.yaml. A repository without people.yaml stays valid.
 */
export function suggestPeopleFile(clients: readonly WrittenClient[], people: LoadedPeople | undefined, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): ConfigIssue[] {
  const uses = new Map<string, SourcePosition[]>();
  for (const client of clients) {
    for (const [key, entry] of Object.entries(client.data.people)) {
      if (entry.email === undefined || agencyPersonOf(people, key) || sideOf(entry.email, guardrails) !== 'agency') continue;
      uses.set(key, [...(uses.get(key) ?? []), client.key(['people', key])]);
    }
  }
  return [...uses]
    .filter(([, places]) => places.length > 1)
    .map(([key, places]) =>
      warning(
        places[0] ?? { file: PEOPLE_FILE, line: 1, column: 1 },
        'people-repeated',
        `${key} is repeated in ${places.length} client files: move them to ${PEOPLE_FILE} (see README: The agency's people).`,
        `Write ${key} once in ${PEOPLE_FILE} with their identities, and only their role in each client file (${listing(places.map((at) => at.file))}).`,
      ),
    );
}
