import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GithubSeed, RepoPermission } from '../src/platforms/github/emulator.js';

/** Size of the generated agency; the defaults are the benchmark's. */
export interface BenchShape {
  clients: number;
  reposPerClient: number;
  /** Teams in all, spread over the clients. */
  teams: number;
  clientPeople: number;
  agencyPool: number;
}

export const DEFAULT_SHAPE: BenchShape = { clients: 1000, reposPerClient: 3, teams: 300, clientPeople: 4, agencyPool: 60 };

const ORG = 'acme-agency';
const CLIENT_ROLES = ['client-admin', 'client-contributor', 'client-contributor', 'client-contributor'] as const;
const REPO_LEVEL: Record<string, RepoPermission> = { 'client-admin': 'push', 'client-contributor': 'push', 'agency-lead': 'admin', 'agency-engineer': 'push' };

function slug(index: number): string {
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
 * Writes a repository of `shape.clients` client files and returns the GitHub state that
 * mostly matches it: about 5 % of grants missing, 3 % at the wrong level, 2 % undeclared.
 */
export async function generateBenchRepository(dir: string, policiesFrom: string, shape: BenchShape = DEFAULT_SHAPE): Promise<{ seed: GithubSeed; desiredGrants: number }> {
  const random = seeded(42);
  const seed: GithubSeed = { org: ORG, members: [], users: [], repos: {}, teams: {} };
  await mkdir(join(dir, 'clients'), { recursive: true });
  await mkdir(join(dir, 'policies'), { recursive: true });
  for (const name of ['roles.yaml', 'guardrails.yaml', 'platforms.yaml']) {
    const { readFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'policies', name), await readFile(join(policiesFrom, name), 'utf8'));
  }
  for (let a = 0; a < shape.agencyPool; a += 1) seed.members.push(`agent${a}-acme`);
  let desiredGrants = 0;
  for (let c = 0; c < shape.clients; c += 1) {
    const client = slug(c);
    const lead = `agent${c % shape.agencyPool}-acme`;
    const engineer = `agent${(c + 7) % shape.agencyPool}-acme`;
    // Person keys name one person across all files, so they are the logins themselves.
    const lines = [`client: ${client}`, `name: Client ${c}`, `domains: [${client}.example]`, `owners: [${lead}]`, '', 'resources:'];
    const repos: string[] = [];
    for (let r = 0; r < shape.reposPerClient; r += 1) {
      const ref = `${ORG}/${client}-repo${r}`;
      repos.push(ref);
      lines.push(`  repo${r}: { kind: github-repo, ref: ${ref} }`);
    }
    const team = c % 10 < (shape.teams * 10) / shape.clients ? `${client}-team` : undefined;
    if (team) lines.push(`  team: { kind: github-team, ref: ${ORG}/${team} }`);
    lines.push('', 'people:');
    const people: Array<{ login: string; role: string }> = [];
    people.push({ login: lead, role: 'agency-lead' }, { login: engineer, role: 'agency-engineer' });
    lines.push(`  ${lead}: { email: ${lead}@acme-agency.com, github: ${lead}, role: agency-lead }`);
    lines.push(`  ${engineer}: { email: ${engineer}@acme-agency.com, github: ${engineer}, role: agency-engineer }`);
    for (let p = 0; p < shape.clientPeople; p += 1) {
      const login = `${client}-p${p}`;
      const role = CLIENT_ROLES[p % CLIENT_ROLES.length] as string;
      people.push({ login, role });
      seed.users?.push(login);
      lines.push(`  ${login}: { email: p${p}@${client}.example, github: ${login}, role: ${role} }`);
    }
    await writeFile(join(dir, 'clients', `${client}.yaml`), `${lines.join('\n')}\n`);
    for (const ref of repos) {
      const collaborators: Record<string, RepoPermission> = {};
      for (const person of people) {
        desiredGrants += 1;
        const roll = random();
        if (roll < 0.05) continue;
        collaborators[person.login] = roll < 0.08 ? 'triage' : (REPO_LEVEL[person.role] as RepoPermission);
      }
      if (random() < 0.12) {
        const stranger = `stranger${Math.floor(random() * 500)}`;
        seed.users?.push(stranger);
        collaborators[stranger] = 'push';
      }
      seed.repos[ref] = { collaborators };
    }
    if (team && seed.teams) {
      const members: Record<string, 'member' | 'maintainer'> = {};
      for (const person of people) {
        desiredGrants += 1;
        if (random() < 0.05) continue;
        members[person.login] = person.role === 'agency-lead' ? 'maintainer' : 'member';
      }
      seed.teams[team] = { members };
    }
  }
  return { seed, desiredGrants };
}
