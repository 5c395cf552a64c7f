import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './cli-harness.js';

const exec = promisify(execFile);

/** The example clients reduced to their GitHub resources, so the GitHub emulator alone answers every read. */
export const GITHUB_CLIENTS: Record<string, string> = {
  'clients/apex.yaml': [
    'client: apex',
    'name: Apex Outdoor Co.',
    'domains: [apexoutdoor.com]',
    'owners: [maria]',
    'delegates: [dana]',
    '',
    'resources:',
    '  web:      { kind: github-repo, ref: acme-agency/apex-web }',
    '  api:      { kind: github-repo, ref: acme-agency/apex-api }',
    '  eng-team: { kind: github-team, ref: acme-agency/apex-engineers }',
    '',
    'people:',
    '  dana:  { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }   # their ops lead',
    '  sam:   { email: sam@apexoutdoor.com, github: sam-apex, role: client-contributor, until: 2027-06-30 }',
    '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }',
    '  tom:   { email: tom@acme-agency.com, github: tom-acme, role: agency-engineer }',
    '',
    'grants:',
    '  - { who: tom, on: api, level: maintain, until: 2027-03-31, why: "release manager for the v2 API launch" }',
    '',
  ].join('\n'),
  'clients/bloom.yaml': [
    'client: bloom',
    'name: Bloom Botanicals',
    'domains: [bloombotanicals.com]',
    'owners: [priya]',
    'delegates: [olivia]',
    '',
    'resources:',
    '  site:    { kind: github-repo, ref: acme-agency/bloom-site }',
    '  content: { kind: github-team, ref: acme-agency/bloom-content }',
    '',
    'people:',
    '  olivia: { email: olivia@bloombotanicals.com, github: olivia-bloom, role: client-admin }',
    '  leo:    { email: leo@bloombotanicals.com, github: leo-bloom, role: client-contributor, until: 2027-01-31 }',
    '  priya:  { email: priya@acme-agency.com, github: priya-acme, role: agency-lead }',
    '  maria:  { email: maria@acme-agency.com, github: maria-acme, role: agency-engineer }',
    '',
  ].join('\n'),
  'clients/cobalt.yaml': [
    'client: cobalt',
    'name: Cobalt Freight',
    'domains: [cobaltfreight.com]',
    'owners: [tom]',
    '',
    'resources:',
    '  portal: { kind: github-repo, ref: acme-agency/cobalt-portal }',
    '',
    'people:',
    '  ken: { email: ken@cobaltfreight.com, github: ken-cobalt, role: client-admin, until: 2026-12-31 }',
    '  tom: { email: tom@acme-agency.com, github: tom-acme, role: agency-lead }',
    '',
  ].join('\n'),
};

/** The example repository's policies, as text keyed by path. */
export async function examplePolicies(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of ['roles.yaml', 'guardrails.yaml', 'platforms.yaml']) files[`policies/${name}`] = await readFile(join(ROOT, 'policies', name), 'utf8');
  return files;
}

/** A throwaway directory, optionally a git repository whose commits have fixed authors and dates. */
export interface Workspace {
  dir: string;
  write(files: Record<string, string | null>): Promise<void>;
  read(path: string): Promise<string>;
  git(args: readonly string[], date?: string): Promise<string>;
  /** Writes the files (null deletes) and commits everything; returns the commit id. */
  commit(message: string, files: Record<string, string | null>, date: string): Promise<string>;
  remove(): Promise<void>;
}

export async function workspace(files: Record<string, string> = {}, options: { git?: boolean } = {}): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-gov-b-'));
  async function write(changes: Record<string, string | null>): Promise<void> {
    for (const [path, content] of Object.entries(changes)) {
      const full = join(dir, path);
      if (content === null) await rm(full, { force: true });
      else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
  }
  async function git(args: readonly string[], date = '2026-01-05T09:00:00Z'): Promise<string> {
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Maria',
      GIT_AUTHOR_EMAIL: 'maria@acme-agency.com',
      GIT_COMMITTER_NAME: 'Maria',
      GIT_COMMITTER_EMAIL: 'maria@acme-agency.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
    const { stdout } = await exec('git', [...args], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  }
  await write(files);
  if (options.git) await git(['init', '-q', '-b', 'main']);
  return {
    dir,
    write,
    read: (path) => readFile(join(dir, path), 'utf8'),
    git,
    async commit(message, changes, date) {
      await write(changes);
      await git(['add', '-A'], date);
      await git(['commit', '-q', '--allow-empty', '-m', message], date);
      return (await git(['rev-parse', 'HEAD'])).trim();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
