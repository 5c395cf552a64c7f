import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { GithubSeed, RepoPermission } from '../src/emulators/github/index.js';
import type { GoogleSeed } from '../src/emulators/google/index.js';
import type { SlackSeed } from '../src/emulators/slack/index.js';

/** Size of the generated agency; the defaults are the benchmark's. */
export interface BenchShape {
  clients: number;
  reposPerClient: number;
  /** Teams in all, spread over the clients; the same clients get a GA4 property and a group. */
  teams: number;
  clientPeople: number;
  agencyPool: number;
  /** Also give every client a Drive folder and a Slack channel, and some a GA4 property and a group. */
  google: boolean;
  slack: boolean;
}

export const DEFAULT_SHAPE: BenchShape = { clients: 1000, reposPerClient: 3, teams: 300, clientPeople: 4, agencyPool: 60, google: true, slack: true };

export interface BenchSeeds {
  github: GithubSeed;
  google: GoogleSeed;
  slack: SlackSeed;
}

const ORG = 'acme-agency';
const CLIENT_ROLES = ['client-admin', 'client-contributor', 'client-contributor', 'client-contributor'] as const;
const DRIVE_ROLE: Record<string, string> = { reader: 'reader', commenter: 'commenter', writer: 'writer', organizer: 'organizer' };

interface Person {
  login: string;
  email: string;
  role: string;
}

type RoleLevels = Record<string, Record<string, string | undefined>>;

/** A client's name, and the stem of its file. */
export function slug(index: number): string {
  return `c${String(index).padStart(4, '0')}`;
}

/** Deterministic pseudo-random numbers, so every run benchmarks the same repository. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * Writes a repository of `shape.clients` client files and returns platform states that
 * mostly match it: about 5 % of grants missing, 3 % at another level, and undeclared
 * strangers on about 12 % of resources.
 */
export async function generateBenchRepository(dir: string, policiesFrom: string, shape: BenchShape = DEFAULT_SHAPE): Promise<{ seeds: BenchSeeds; desiredGrants: number }> {
  const random = seeded(42);
  const github: GithubSeed = { org: ORG, members: [], users: [], repos: {}, teams: {} };
  const google: GoogleSeed = { drive: {}, ga4: {}, groups: {} };
  const slack: SlackSeed = { team: 'T0ACME', users: [], channels: {} };
  const slackIds = new Map<string, string>();
  const slackId = (email: string) => {
    let id = slackIds.get(email);
    if (!id) {
      id = `U${String(slackIds.size).padStart(7, '0')}`;
      slackIds.set(email, id);
      slack.users.push({ id, email });
    }
    return id;
  };
  await mkdir(join(dir, 'clients'), { recursive: true });
  await mkdir(join(dir, 'policies'), { recursive: true });
  for (const name of ['roles.yaml', 'guardrails.yaml', 'platforms.yaml']) {
    await writeFile(join(dir, 'policies', name), await readFile(join(policiesFrom, name), 'utf8'));
  }
  const roles = Object.fromEntries(
    Object.entries((parse(await readFile(join(policiesFrom, 'roles.yaml'), 'utf8')) as { roles: Record<string, { levels: Record<string, string> }> }).roles).map(
      ([name, role]) => [name, role.levels],
    ),
  ) as RoleLevels;
  for (let a = 0; a < shape.agencyPool; a += 1) github.members.push(`agent${a}-acme`);

  let desiredGrants = 0;
  /** Seeds one resource: each person's level with a little drift, plus sometimes a stranger. */
  function seedResource(people: Person[], kind: string, write: (person: Person | undefined, level: string, stranger?: string) => void, lower: (level: string) => string): void {
    for (const person of people) {
      const level = roles[person.role]?.[kind];
      if (!level) continue;
      desiredGrants += 1;
      const roll = random();
      if (roll < 0.05) continue;
      write(person, roll < 0.08 ? lower(level) : level);
    }
    if (random() < 0.12) write(undefined, '', `stranger${Math.floor(random() * 500)}`);
  }

  for (let c = 0; c < shape.clients; c += 1) {
    const client = slug(c);
    const lead = `agent${c % shape.agencyPool}-acme`;
    const engineer = `agent${(c + 7) % shape.agencyPool}-acme`;
    const extras = c % 10 < (shape.teams * 10) / shape.clients;
    // Person keys name one person across all files, so they are the logins themselves.
    const lines = [`client: ${client}`, `name: Client ${c}`, `domains: [${client}.example]`, `owners: [${lead}]`, '', 'resources:'];
    const people: Person[] = [
      { login: lead, email: `${lead}@acme-agency.com`, role: 'agency-lead' },
      { login: engineer, email: `${engineer}@acme-agency.com`, role: 'agency-engineer' },
    ];
    for (let p = 0; p < shape.clientPeople; p += 1) {
      people.push({ login: `${client}-p${p}`, email: `p${p}@${client}.example`, role: CLIENT_ROLES[p % CLIENT_ROLES.length] as string });
    }

    for (let r = 0; r < shape.reposPerClient; r += 1) {
      const ref = `${ORG}/${client}-repo${r}`;
      lines.push(`  repo${r}: { kind: github-repo, ref: ${ref} }`);
      const collaborators: Record<string, RepoPermission> = {};
      seedResource(people, 'github-repo', (person, level, stranger) => {
        if (stranger) {
          github.users?.push(stranger);
          collaborators[stranger] = 'push';
        } else if (person) collaborators[person.login] = level as RepoPermission;
      }, () => 'triage');
      github.repos[ref] = { collaborators };
    }
    if (extras) {
      const team = `${client}-team`;
      lines.push(`  team: { kind: github-team, ref: ${ORG}/${team} }`);
      const members: Record<string, 'member' | 'maintainer'> = {};
      seedResource(people, 'github-team', (person, level) => {
        if (person) members[person.login] = level as 'member' | 'maintainer';
      }, () => 'member');
      if (github.teams) github.teams[team] = { members };
    }
    if (shape.google) {
      const folder = `F${client}`;
      lines.push(`  files: { kind: drive-folder, ref: ${folder} }`);
      const permissions: NonNullable<GoogleSeed['drive']>[string] = [];
      seedResource(people, 'drive-folder', (person, level, stranger) => {
        if (stranger) permissions.push({ email: `${stranger}@gmail.com`, role: 'reader' });
        else if (person) permissions.push({ email: person.email, role: DRIVE_ROLE[level] as 'reader' });
      }, () => 'reader');
      if (google.drive) google.drive[folder] = permissions;
      // Agency leads are organizers: a role Drive has only in shared drives, so each client's folder lives in one.
      google.sharedDrives ??= {};
      google.sharedDrives[folder] = `0A${client}`;
      if (extras) {
        const property = String(400_000_000 + c);
        const group = `${client}-team@acme-agency.com`;
        lines.push(`  analytics: { kind: ga4-property, ref: "${property}" }`);
        lines.push(`  list: { kind: google-group, ref: ${group} }`);
        const bindings: Array<{ user: string; roles: string[] }> = [];
        seedResource(people, 'ga4-property', (person, level, stranger) => {
          bindings.push({ user: stranger ? `${stranger}@gmail.com` : (person?.email ?? ''), roles: [`predefinedRoles/${stranger ? 'viewer' : level}`] });
        }, () => 'viewer');
        if (google.ga4) google.ga4[property] = { bindings };
        const members: Array<{ email: string; role: 'OWNER' | 'MANAGER' | 'MEMBER' }> = [];
        seedResource(people, 'google-group', (person, level, stranger) => {
          members.push({ email: stranger ? `${stranger}@gmail.com` : (person?.email ?? ''), role: stranger ? 'MEMBER' : (level.toUpperCase() as 'MEMBER') });
        }, () => 'member');
        if (google.groups) google.groups[group] = members;
      }
    }
    if (shape.slack) {
      const channel = `C${client.toUpperCase()}`;
      lines.push(`  chat: { kind: slack-channel, ref: ${channel} }`);
      const members: string[] = [];
      seedResource(people, 'slack-channel', (person, _level, stranger) => {
        members.push(slackId(stranger ? `${stranger}@gmail.com` : (person?.email ?? '')));
      }, (level) => level);
      for (const person of people) slackId(person.email);
      slack.channels[channel] = { members };
    }

    lines.push('', 'people:');
    for (const person of people) {
      if (!github.members.includes(person.login)) github.users?.push(person.login);
      lines.push(`  ${person.login}: { email: ${person.email}, github: ${person.login}, role: ${person.role} }`);
    }
    await writeFile(join(dir, 'clients', `${client}.yaml`), `${lines.join('\n')}\n`);
  }
  return { seeds: { github, google, slack }, desiredGrants };
}
