import { spawn } from 'node:child_process';
import type { GithubSeed } from '../../src/emulators/github/index.js';

/** How big the generated agency is. */
export interface Scale {
  clients: number;
  /** Commits after the first, each changing one client file. */
  commits: number;
  /** Agency people, each working for several clients. */
  agency: number;
}

interface Person {
  key: string;
  email: string;
  github: string;
  role: 'client-admin' | 'client-contributor' | 'agency-lead' | 'agency-engineer';
}

interface GeneratedClient {
  slug: string;
  people: Person[];
}

const LEVELS: Record<Person['role'], { repo: 'push' | 'admin'; team: 'member' | 'maintainer' }> = {
  'client-admin': { repo: 'push', team: 'member' },
  'client-contributor': { repo: 'push', team: 'member' },
  'agency-lead': { repo: 'admin', team: 'maintainer' },
  'agency-engineer': { repo: 'push', team: 'member' },
};

function slugOf(index: number): string {
  return `c${String(index + 1).padStart(3, '0')}`;
}

function agencyPerson(index: number, role: Person['role']): Person {
  const name = `staff${String(index).padStart(2, '0')}`;
  return { key: name, email: `${name}@acme-agency.com`, github: `${name}-acme`, role };
}

/** The clients as the last commit leaves them: a delegate, a contributor, a lead and an engineer each. */
export function generateClients(scale: Scale): GeneratedClient[] {
  return Array.from({ length: scale.clients }, (_, index) => {
    const slug = slugOf(index);
    return {
      slug,
      people: [
        { key: `admin-${slug}`, email: `admin@${slug}.example`, github: `${slug}-admin`, role: 'client-admin' },
        { key: `dev-${slug}`, email: `dev@${slug}.example`, github: `${slug}-dev`, role: 'client-contributor' },
        agencyPerson(index % scale.agency, 'agency-lead'),
        agencyPerson((index + 7) % scale.agency, 'agency-engineer'),
      ],
    };
  });
}

/** One client file; `revision` adds a changing comment and, on odd revisions, a viewer, so each commit differs. */
export function renderClient(client: GeneratedClient, revision: number): string {
  const lead = client.people.find((person) => person.role === 'agency-lead');
  const lines = [
    `# revision ${revision}`,
    `client: ${client.slug}`,
    `name: Client ${client.slug.toUpperCase()}`,
    `domains: [${client.slug}.example]`,
    `owners: [${lead?.key ?? ''}]`,
    `delegates: [admin-${client.slug}]`,
    '',
    'resources:',
    `  web:  { kind: github-repo, ref: acme-agency/${client.slug}-web }`,
    `  api:  { kind: github-repo, ref: acme-agency/${client.slug}-api }`,
    `  team: { kind: github-team, ref: acme-agency/${client.slug}-team }`,
    '',
    'people:',
    ...client.people.map((person) => `  ${person.key}: { email: ${person.email}, github: ${person.github}, role: ${person.role} }`),
  ];
  if (revision % 2 === 1) lines.push(`  sponsor-${client.slug}: { email: sponsor@${client.slug}.example, role: client-viewer }`);
  return `${lines.join('\n')}\n`;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/**
 * Writes the history with one `git fast-import` process: a first commit with the policies
 * and every client, then `commits` commits each changing one client, a day apart. The last
 * revision of every file is even, so HEAD holds exactly what generateClients describes.
 */
export async function generateHistory(dir: string, scale: Scale, policies: Record<string, string>): Promise<void> {
  const clients = generateClients(scale);
  const revisions = new Map(clients.map((client) => [client.slug, 0]));
  const start = Date.parse('2024-01-01T09:00:00Z') / 1000;
  const chunks: string[] = [];
  const commit = (mark: number, message: string, files: Record<string, string>) => {
    const when = `${start + mark * 3600} +0000`;
    chunks.push(`commit refs/heads/main\nmark :${mark}\nauthor Maria <maria@acme-agency.com> ${when}\ncommitter Maria <maria@acme-agency.com> ${when}\n${data(message)}`);
    if (mark > 1) chunks.push(`from :${mark - 1}\n`);
    for (const [path, content] of Object.entries(files)) chunks.push(`M 100644 inline ${path}\n${data(content)}`);
  };
  commit(1, 'Start', { ...policies, ...Object.fromEntries(clients.map((client) => [`clients/${client.slug}.yaml`, renderClient(client, 0)])) });
  for (let index = 0; index < scale.commits; index += 1) {
    const client = clients[(index * 37) % clients.length];
    if (!client) continue;
    const revision = (revisions.get(client.slug) ?? 0) + 1;
    revisions.set(client.slug, revision);
    commit(index + 2, `Change ${client.slug}`, { [`clients/${client.slug}.yaml`]: renderClient(client, revision) });
  }
  // Every client ends on an even revision: the same people as generateClients says.
  const last = scale.commits + 2;
  const closing = clients.filter((client) => (revisions.get(client.slug) ?? 0) % 2 === 1);
  commit(last, 'Settle', Object.fromEntries(closing.map((client) => [`clients/${client.slug}.yaml`, renderClient(client, (revisions.get(client.slug) ?? 0) + 1)])));
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`))));
    child.stdin.end(chunks.join(''));
  });
}

/** The GitHub organisation exactly as the generated clients ask, with public e-mails for the import. */
export function generateSeed(scale: Scale): GithubSeed {
  const seed: GithubSeed = { org: 'acme-agency', members: [], repos: {}, teams: {}, emails: {} };
  const members = new Set<string>();
  for (const client of generateClients(scale)) {
    const collaborators = Object.fromEntries(client.people.map((person) => [person.github, LEVELS[person.role].repo]));
    seed.repos[`acme-agency/${client.slug}-web`] = { collaborators };
    seed.repos[`acme-agency/${client.slug}-api`] = { collaborators: { ...collaborators } };
    (seed.teams ??= {})[`${client.slug}-team`] = { members: Object.fromEntries(client.people.map((person) => [person.github, LEVELS[person.role].team])) };
    for (const person of client.people) {
      (seed.emails ??= {})[person.github] = person.email;
      if (person.role.startsWith('agency')) members.add(person.github);
    }
  }
  seed.members = [...members].sort();
  return seed;
}
