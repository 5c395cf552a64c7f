import type { AgencyPerson } from '../load/model.js';
import type { ImportedClient, ImportedPerson } from './build.js';

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9@._/-]*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*)$/i;

/** A scalar as YAML writes it: plain when that reads back as the same string, else double-quoted. */
export function scalar(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function flow(entries: readonly [string, string | undefined][]): string {
  return `{ ${entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${scalar(value)}`)
    .join(', ')} }`;
}

function list(values: readonly string[]): string {
  return `[${values.map(scalar).join(', ')}]`;
}

/** Agency people are written once in policies/people.yaml; client files name them with their role. */
function isAgency(person: ImportedPerson): boolean {
  return person.side === 'agency' && person.email !== undefined;
}

function personLine(person: ImportedPerson): string {
  if (isAgency(person)) return `  ${person.key}: ${flow([['role', person.role], ['until', person.until]])}`;
  return `  ${person.key}: ${flow([
    ['email', person.email],
    ['github', person.github],
    ['linkedin', person.linkedin],
    ['role', person.role],
    ['until', person.until],
  ])}`;
}

/**
 * Pure. policies/people.yaml for the agency people an import found (each once, by key), after
 * those the repository already has, which are kept as they are.
 */
export function renderImportedPeople(clients: readonly ImportedClient[], existing: Readonly<Record<string, AgencyPerson>>): string {
  const people = new Map<string, [string, string | undefined][]>(
    Object.entries(existing).map(([key, person]) => [key, [['email', person.email], ['github', person.github], ['linkedin', person.linkedin], ['until', person.until]]]),
  );
  for (const person of clients.flatMap((client) => client.people).filter(isAgency)) {
    if (!people.has(person.key)) people.set(person.key, [['email', person.email], ['github', person.github], ['linkedin', person.linkedin]]);
  }
  const lines = [
    '# yaml-language-server: $schema=../schemas/people.schema.json',
    "# The agency's people, each once with every identity; client files name them by key with a role.",
    people.size > 0 ? 'people:' : 'people: {}',
    ...[...people].map(([key, fields]) => `  ${key}: ${flow(fields)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function grantLine(person: ImportedPerson, grant: ImportedPerson['grants'][number], why: string): string {
  const parts = [`who: ${scalar(person.key)}`, `on: ${scalar(grant.key)}`, `level: ${scalar(grant.level)}`];
  parts.push(`why: ${JSON.stringify(why)}`);
  return `  - { ${parts.join(', ')} }`;
}

function title(slug: string): string {
  return slug.charAt(0).toUpperCase() + slug.slice(1);
}

/**
 * Pure. One imported client as a client file a person finishes by hand: the shape of the
 * example files (agency people by key only: renderImportedPeople writes their identities),
 * TODO comments where the platform cannot know the answer, and people
 * without a known e-mail written commented out (an invented address would be wrong, and
 * one that cannot be right would not validate).
 */
export function renderImportedClient(client: ImportedClient, meta: { source: string; today: string }): string {
  const why = `imported ${meta.today}`;
  const known = client.people.filter((person) => person.email !== undefined);
  const unknown = client.people.filter((person) => person.email === undefined);
  const lines = [
    '# yaml-language-server: $schema=../schemas/client.schema.json',
    `# Imported from ${meta.source} on ${meta.today} by "latch import": today's access, to start from.`,
    '# Check every line, fill in the TODOs, then move the file to clients/ in a pull request.',
    `client: ${client.client}`,
    `name: ${scalar(title(client.client))}   # TODO: the client's name`,
    `domains: ${list(client.domains)}`,
    `owners: ${list(client.owners)}   # TODO: check: agency people with the highest level, as found`,
    'delegates: []   # client admins allowed to edit this file',
    '',
    'resources:',
    ...client.resources.map((resource) => `  ${resource.key}: ${flow([['kind', resource.kind], ['ref', resource.ref]])}`),
    '',
    known.length > 0 || unknown.length > 0 ? 'people:' : 'people: {}',
    ...known.map(personLine),
  ];
  for (const person of unknown) {
    const access = person.access.map((item) => `${item.level} on ${item.key}`).join(', ');
    const identity = person.github ? `, github: ${person.github}` : person.linkedin ? `, linkedin: ${scalar(person.linkedin)}` : '';
    const shown = identity ? '' : ` (${person.principal})`;
    lines.push(`  # ${person.key}: { email: TODO${identity} }   # no e-mail known${shown}; has ${access}`);
  }
  if (known.length === 0 && unknown.length > 0) lines.splice(lines.indexOf('people:'), 1, 'people: {}   # every person below needs an e-mail first');
  const grants = known.flatMap((person) => person.grants.map((grant) => grantLine(person, grant, why)));
  if (grants.length > 0) lines.push('', 'grants:', ...grants);
  return `${lines.join('\n')}\n`;
}
