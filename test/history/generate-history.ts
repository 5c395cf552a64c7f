import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../e2e/cli-harness.js';

/** How big the generated agency and its history are. */
export interface HistoryShape {
  clients: number;
  /** Commits on the main line after the first one (merges count once). */
  changes: number;
  /** Every n-th change arrives as a branch commit merged by a merge commit. */
  mergeEvery: number;
  /** Every n-th change edits the role catalogue (every client is expanded again). */
  rolesEvery: number;
}

export const SCALE: HistoryShape = { clients: 300, changes: 1000, mergeEvery: 4, rolesEvery: 150 };

interface Person {
  email: string;
  github: string;
  role: string;
  until?: string;
}

interface Client {
  slug: string;
  people: Map<string, Person>;
  grants: { who: string; on: string; level: string; until: string; why: string }[];
  next: number;
}

/** Deterministic pseudo-random numbers, so every run measures the same history. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const START = Date.parse('2024-01-01T09:00:00Z');
const AGENCY = ['agency-lead', 'agency-engineer'];
const CLIENT = ['client-admin', 'client-contributor', 'client-viewer'];

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function render(client: Client): string {
  const lines = [
    `client: ${client.slug}`,
    `name: Client ${client.slug}`,
    `domains: [${client.slug}.example]`,
    'resources:',
    ...[0, 1, 2].map((index) => `  repo${index}: { kind: github-repo, ref: acme-agency/${client.slug}-repo${index} }`),
    `  team: { kind: github-team, ref: acme-agency/${client.slug}-team }`,
    'people:',
  ];
  for (const [key, person] of client.people) {
    lines.push(`  ${key}: { email: ${person.email}, github: ${person.github}, role: ${person.role}${person.until ? `, until: ${person.until}` : ''} }`);
  }
  if (client.grants.length > 0) {
    lines.push('grants:');
    for (const grant of client.grants) lines.push(`  - { who: ${grant.who}, on: ${grant.on}, level: ${grant.level}, until: ${grant.until}, why: "${grant.why}" }`);
  }
  return `${lines.join('\n')}\n`;
}

/** Adds a person; agency people keep one key, login and e-mail across clients, as the rules require. */
function addPerson(client: Client, random: () => number, time: number, agencyShare = 0.3): void {
  const agency = random() < agencyShare;
  const until = random() < 0.4 ? dayOf(time + Math.floor(30 + random() * 300) * 86_400_000) : undefined;
  const key = agency ? `agent${Math.floor(random() * 40)}` : `${client.slug}p${client.next}`;
  client.next += 1;
  if (client.people.has(key)) return;
  const email = agency ? `${key}@acme-agency.com` : `${key}@${client.slug}.example`;
  const role = agency ? (AGENCY[Math.floor(random() * AGENCY.length)] ?? 'agency-engineer') : (CLIENT[Math.floor(random() * CLIENT.length)] ?? 'client-viewer');
  client.people.set(key, { email, github: agency ? `${key}-acme` : key, role, ...(until && !agency ? { until } : {}) });
}

/** One change to one client file, as a pull request would make it. */
function change(client: Client, random: () => number, time: number): string {
  const keys = [...client.people.keys()];
  const pick = random();
  const victim = keys[Math.floor(random() * keys.length)];
  if (pick < 0.35 || !victim) {
    addPerson(client, random, time);
    return `Add a person to ${client.slug}`;
  }
  if (pick < 0.55) {
    client.people.delete(victim);
    client.grants = client.grants.filter((grant) => grant.who !== victim);
    return `Remove ${victim} from ${client.slug}`;
  }
  const person = client.people.get(victim);
  if (pick < 0.8 && person) {
    const roles = person.email.endsWith('@acme-agency.com') ? AGENCY : CLIENT;
    person.role = roles[Math.floor(random() * roles.length)] ?? person.role;
    return `Change the role of ${victim} at ${client.slug}`;
  }
  if (person?.email.endsWith('@acme-agency.com')) {
    client.grants.push({ who: victim, on: 'repo0', level: 'maintain', until: dayOf(time + Math.floor(10 + random() * 200) * 86_400_000), why: 'release, with \\"hotfix\\" duty' });
    return `Raise ${victim} on ${client.slug} repo0`;
  }
  client.grants = [];
  return `Drop the exceptions of ${client.slug}`;
}

class Stream {
  private readonly parts: string[] = [];
  private mark = 0;

  commit(ref: string, who: string, time: number, message: string, parents: number[], files: Map<string, string>): number {
    this.mark += 1;
    const seconds = Math.floor(time / 1000);
    this.parts.push(`commit ${ref}\nmark :${this.mark}\n`, `author ${who} <${who.toLowerCase().replace(/ /g, '.')}@acme-agency.com> ${seconds} +0000\n`);
    this.parts.push(`committer ${who} <${who.toLowerCase().replace(/ /g, '.')}@acme-agency.com> ${seconds} +0000\n`, `data ${Buffer.byteLength(message)}\n${message}\n`);
    const [from, ...merges] = parents;
    if (from !== undefined) this.parts.push(`from :${from}\n`);
    for (const merge of merges) this.parts.push(`merge :${merge}\n`);
    for (const [path, content] of files) this.parts.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    this.parts.push('\n');
    return this.mark;
  }

  text(): string {
    return this.parts.join('');
  }
}

async function fastImport(dir: string, stream: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`))));
    child.stdin.end(stream);
  });
}

/**
 * Writes the history of an agency with `shape.clients` clients into the (empty, initialised)
 * git repository at `dir` in one `git fast-import`, then checks out main. Returns the number of
 * commits on the main line.
 */
export async function generateHistory(dir: string, shape: HistoryShape, git: (args: string[]) => Promise<string>): Promise<number> {
  const random = seeded(7);
  const stream = new Stream();
  const clients: Client[] = [];
  let time = START;
  const first = new Map<string, string>();
  for (const name of ['roles.yaml', 'guardrails.yaml', 'platforms.yaml']) first.set(`policies/${name}`, await readFile(join(ROOT, 'policies', name), 'utf8'));
  const roles = first.get('policies/roles.yaml') ?? '';
  for (let index = 0; index < shape.clients; index += 1) {
    const client: Client = { slug: `c${String(index).padStart(3, '0')}`, people: new Map(), grants: [], next: 0 };
    for (let person = 0; person < 4; person += 1) addPerson(client, random, time);
    clients.push(client);
    first.set(`clients/${client.slug}.yaml`, render(client));
  }
  let head = stream.commit('refs/heads/main', 'Ana Lee', time, 'Initial access (#1)', [], first);
  for (let number = 1; number <= shape.changes; number += 1) {
    time += Math.floor(random() * 2 * 86_400_000);
    const files = new Map<string, string>();
    let message: string;
    if (number % shape.rolesEvery === 0) {
      const narrow = (number / shape.rolesEvery) % 2 === 1;
      files.set('policies/roles.yaml', narrow ? roles.replace('levels: { github-repo: push, github-team: member, drive-folder: commenter', 'levels: { github-repo: triage, github-team: member, drive-folder: commenter') : roles);
      message = `${narrow ? 'Narrow' : 'Restore'} client-contributor`;
    } else {
      const client = clients[Math.floor(random() * clients.length)];
      if (!client) continue;
      const before = render(client);
      message = change(client, random, time);
      if (render(client) === before) {
        addPerson(client, random, time, 0);
        message = `Add a person to ${client.slug}`;
      }
      files.set(`clients/${client.slug}.yaml`, render(client));
    }
    const pr = number + 1;
    if (number % shape.mergeEvery === 0) {
      const branch = stream.commit(`refs/heads/topic${number}`, 'Carla Diaz', time - 3_600_000, message, [head], files);
      head = stream.commit('refs/heads/main', 'Priya Shah', time, `Merge pull request #${pr} from acme/topic${number}`, [head, branch], files);
    } else {
      head = stream.commit('refs/heads/main', number % 3 === 0 ? 'Ben Ortiz' : 'Dana Apex', time, `${message} (#${pr})`, [head], files);
    }
  }
  await fastImport(dir, stream.text());
  await git(['reset', '--hard', '-q', 'main']);
  return shape.changes + 1;
}
