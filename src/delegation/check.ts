import type { ConfigIssue } from '../errors.js';
import { listing } from '../load/issues.js';
import { CLIENT_FILE } from '../load/load.js';
import type { ClientFile, Person } from '../load/model.js';
import { resolveClient, type LoadedPeople } from '../load/people.js';
import { checkSchema } from '../load/schema-check.js';
import { domainOf, sideOf } from '../load/sides.js';
import type { LoadedClient, Repository } from '../load/types.js';
import { parseYaml } from '../load/yaml.js';
import type { SourcePosition } from '../model/grants.js';
import type { FileChange } from './git-changes.js';

/** Who the author of a change is, as the client files know them. */
export type AuthorStanding = 'delegate' | 'agency' | 'client-person' | 'unknown';

/** What the delegation rules say about one change. */
export interface DelegationVerdict {
  /** The author as given on the command line. */
  author: string;
  /** Who the client files say the author is. */
  standing: AuthorStanding;
  /** Clients the author is a delegate of (standing `delegate`), or a person of. */
  clients: string[];
  /** Parts of the change the author may not make; empty when the change passes. */
  issues: ConfigIssue[];
}

const GUARDRAILS_FILE = 'policies/guardrails.yaml';
/** Fields of a client file that only the agency changes: who the client is, who runs it, what is reconciled, reviews. */
const AGENCY_FIELDS = ['client', 'name', 'domains', 'owners', 'delegates', 'resources', 'reviewed'] as const;

/** JSON with sorted keys, so that two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (!isRecord(inner)) return inner;
    return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function refusal(at: SourcePosition, rule: string, message: string, hint: string): ConfigIssue {
  return { file: at.file, line: at.line, column: at.column, severity: 'error', rule, message, hint };
}

/** The first line where two texts differ, for a file Latch does not parse. */
function firstDifference(change: FileChange): SourcePosition {
  const before = (change.before ?? '').split('\n');
  const after = (change.after ?? '').split('\n');
  let line = 0;
  while (line < before.length && line < after.length && before[line] === after[line]) line += 1;
  return { file: change.file, line: Math.min(line, Math.max(after.length, 1) - 1) + 1, column: 1 };
}

/** A client file at the base, its agency people resolved through today's people.yaml. */
function parseClient(file: string, text: string | undefined, people: LoadedPeople | undefined): ClientFile | undefined {
  if (text === undefined) return undefined;
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return undefined;
  const checked = checkSchema('client', parsed.parsed);
  return checked.ok ? resolveClient({ file, data: checked.data, value: parsed.parsed.value, key: parsed.parsed.key }, people).data : undefined;
}

/**
 * The roles delegates may assign, as the base says: a change that widens mayAssign is itself
 * refused, and must not widen what the rest of the same change is checked against.
 */
function mayAssignAtBase(changes: readonly FileChange[], repository: Repository): readonly string[] {
  const change = changes.find((candidate) => candidate.inConfig && candidate.file === GUARDRAILS_FILE);
  if (change?.before === undefined) return repository.guardrails.delegates.mayAssign;
  const parsed = parseYaml(change.file, change.before);
  const checked = parsed.ok ? checkSchema('guardrails', parsed.parsed) : undefined;
  return checked?.ok ? checked.data.delegates.mayAssign : repository.guardrails.delegates.mayAssign;
}

function matches(person: Person, author: string): boolean {
  return person.github?.toLowerCase() === author || person.email.toLowerCase() === author;
}

interface Standing {
  standing: AuthorStanding;
  clients: string[];
}

/** Delegate wherever any version of a file names the author under `delegates`; agency by e-mail domain. */
function standingOf(author: string, versions: readonly ClientFile[], repository: Repository): Standing {
  const delegateOf = new Set<string>();
  const personOf = new Set<string>();
  let agency = false;
  for (const data of versions) {
    for (const [key, person] of Object.entries(data.people)) {
      if (!matches(person, author)) continue;
      personOf.add(data.client);
      if (data.delegates.includes(key)) delegateOf.add(data.client);
      if (sideOf(person.email, repository.guardrails) === 'agency') agency = true;
    }
  }
  if (delegateOf.size > 0) return { standing: 'delegate', clients: [...delegateOf].sort() };
  if (agency) return { standing: 'agency', clients: [...personOf].sort() };
  if (personOf.size > 0) return { standing: 'client-person', clients: [...personOf].sort() };
  return { standing: 'unknown', clients: [] };
}

interface OwnFile {
  change: FileChange;
  before: ClientFile;
  head: LoadedClient;
}

function personIssues(own: OwnFile, mayAssign: readonly string[], who: string): ConfigIssue[] {
  const { before, head } = own;
  const after = head.data;
  const domains = new Set(before.domains.map((domain) => domain.toLowerCase()));
  const allowed = mayAssign.length > 0 ? listing([...mayAssign]) : 'none';
  const issues: ConfigIssue[] = [];
  const keys = [...new Set([...Object.keys(before.people), ...Object.keys(after.people)])].sort();
  for (const key of keys) {
    const was = before.people[key];
    const now = after.people[key];
    if (same(was, now)) continue;
    if (was && !domains.has(domainOf(was.email))) {
      issues.push(
        refusal(
          now ? head.locate(['people', key]) : head.locate(['people']),
          'delegate-other-domain',
          `${who} ${now ? 'changes' : 'removes'} ${key} (${was.email}), who is not one of ${after.client}'s own people; a delegate manages people of ${listing(before.domains)} only.`,
          'Ask the agency to make this change.',
        ),
      );
      continue;
    }
    if (!now) continue;
    if (!domains.has(domainOf(now.email))) {
      issues.push(
        refusal(
          head.locate(['people', key, 'email']),
          'delegate-other-domain',
          `${who} sets ${key} with the address ${now.email}, outside ${after.client}'s domains (${listing(before.domains)}); a delegate adds people of their own organisation only.`,
          `Use ${key}'s address at ${listing(before.domains)}, or ask the agency to add them.`,
        ),
      );
    }
    if (now.role !== undefined && !mayAssign.includes(now.role)) {
      const gives = was?.role !== now.role;
      issues.push(
        refusal(
          head.locate(['people', key, 'role']),
          'delegate-role',
          gives
            ? `${who} gives ${key} the role ${now.role}, which delegates may not assign (they may assign ${allowed}).`
            : `${who} changes ${key}, who has the role ${now.role}; delegates may change only people with the roles they may assign (${allowed}).`,
          gives ? `Choose one of ${allowed}, or ask the agency to give ${now.role}.` : `Ask the agency to make this change to ${key}.`,
        ),
      );
    }
  }
  return issues;
}

function grantIssues(own: OwnFile, who: string): ConfigIssue[] {
  const unmatched = own.before.grants.map((grant) => canonical(grant));
  const issues: ConfigIssue[] = [];
  own.head.data.grants.forEach((grant, index) => {
    const found = unmatched.indexOf(canonical(grant));
    if (found >= 0) {
      unmatched.splice(found, 1);
      return;
    }
    issues.push(
      refusal(
        own.head.locate(['grants', index]),
        'delegate-grant',
        `${who} adds or changes the grant of ${grant.level} on ${grant.on} to ${grant.who}; grants are exceptions beyond a role, and only the agency writes them.`,
        'Give the person one of the roles delegates may assign, or ask the agency for the exception.',
      ),
    );
  });
  return issues;
}

/** The path of the first entry of a list or mapping that differs, so the message points at it. */
function firstChange(field: string, before: unknown, after: unknown): (string | number)[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const index = after.findIndex((item, position) => !same(item, before[position]));
    return index >= 0 ? [field, index] : [field];
  }
  if (isRecord(before) && isRecord(after)) {
    const changed = Object.keys(after).find((key) => !same(before[key], after[key]));
    return changed === undefined ? [field] : [field, changed];
  }
  return [field];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function ownFileIssues(own: OwnFile, mayAssign: readonly string[], who: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const field of AGENCY_FIELDS) {
    if (same(own.before[field], own.head.data[field])) continue;
    issues.push(
      refusal(
        own.head.locate(firstChange(field, own.before[field], own.head.data[field])),
        'delegate-structure',
        `${who} changes "${field}" of ${own.head.data.client}; ${field === 'reviewed' ? 'reviews are attested by the agency' : 'who the client is, who runs it and which systems Latch reconciles are the agency\'s to change'}.`,
        `Undo the change to "${field}", or ask the agency to make it.`,
      ),
    );
  }
  return [...issues, ...personIssues(own, mayAssign, who), ...grantIssues(own, who)];
}

/** How a change that is not an edit of the author's own client file is described. */
function otherChange(change: FileChange, before: ClientFile | undefined, head: LoadedClient | undefined, clients: readonly string[]): string {
  if (before && clients.includes(before.client)) return 'deletes or renames their client file, which offboards the client';
  if (head && clients.includes(head.data.client)) {
    return change.before === undefined ? `adds ${change.file}` : `changes ${change.file}, whose version at the base is not a valid client file, so the change cannot be checked`;
  }
  return `touches ${change.file}`;
}

/**
 * Pure. Checks a change against the delegation rules: a client's delegate may change their
 * own client file only, and in it only people of the client's domains, with roles of
 * `guardrails.delegates.mayAssign`; never the file's identity, owners, delegates, resources,
 * reviews or grants. Agency people pass; a client person who is not a delegate may change
 * nothing; an author no file names is left to CODEOWNERS review.
 */
export function checkDelegateChange(author: string, repository: Repository, changes: readonly FileChange[]): DelegationVerdict {
  const wanted = author.trim().replace(/^@/, '').toLowerCase();
  const bases = new Map<string, ClientFile>();
  for (const change of changes) {
    const base = change.inConfig && CLIENT_FILE.test(change.file) ? parseClient(change.file, change.before, repository.people) : undefined;
    if (base) bases.set(change.file, base);
  }
  const { standing, clients } = standingOf(wanted, [...repository.clients.map((loaded) => loaded.data), ...bases.values()], repository);
  if (standing === 'agency' || standing === 'unknown') return { author, standing, clients, issues: [] };
  if (standing === 'client-person') {
    const issues = changes.map((change) =>
      refusal(
        firstDifference(change),
        'not-a-delegate',
        `${author} is a person of ${listing(clients)} but not a delegate, so may not change the access repository.`,
        'Ask a delegate of your organisation or the agency to make the change.',
      ),
    );
    return { author, standing, clients, issues };
  }
  const who = `${author} (a delegate of ${listing(clients)})`;
  const mayAssign = mayAssignAtBase(changes, repository);
  const issues: ConfigIssue[] = [];
  for (const change of changes) {
    const head = repository.clients.find((loaded) => loaded.file === change.file);
    const before = bases.get(change.file);
    const ownFile = change.inConfig && head !== undefined && clients.includes(head.data.client) && before !== undefined && before.client === head.data.client;
    if (ownFile) {
      issues.push(...ownFileIssues({ change, before, head }, mayAssign, who));
      continue;
    }
    const whose = otherChange(change, before, head, clients);
    issues.push(
      refusal(
        firstDifference(change),
        'delegate-other-file',
        `${who} ${whose}; a delegate may change only ${clients.map((client) => `clients/${client}.yaml`).join(' or ')}.`,
        'Leave this file out of the pull request, or ask the agency to make the change.',
      ),
    );
  }
  return { author, standing, clients, issues };
}
