import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { pinnedGitEnv, type Author } from './git-env.js';

const exec = promisify(execFile);


const MARIA: Author = { name: 'Maria Lopez', email: 'maria@acme-agency.com' };
const DANA: Author = { name: 'Dana Whitfield', email: 'dana@apexoutdoor.com' };
const TOM: Author = { name: 'Tom Becker', email: 'tom@acme-agency.com' };
const PRIYA: Author = { name: 'Priya Natarajan', email: 'priya@acme-agency.com' };
const OLIVIA: Author = { name: 'Olivia Park', email: 'olivia@bloombotanicals.com' };

const IVY = '  ivy:    { email: ivy@bloombotanicals.com, github: ivy-bloom, role: client-contributor }';

/** Fixed authors, committers and dates, so every commit id is the same on every run. */
async function git(dir: string, args: readonly string[], author: Author = MARIA, date = '2026-03-02T10:00:00Z'): Promise<string> {
  return (await exec('git', [...args], { cwd: dir, env: pinnedGitEnv(dir, author, date) })).stdout;
}

async function commit(dir: string, message: string, author: Author, date: string): Promise<void> {
  await git(dir, ['add', '-A'], author, date);
  await git(dir, ['commit', '-q', '-m', message], author, date);
}

async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  const changed = change(text);
  // The history is told about sam, tom's grant and leo: without them it would tell another story.
  if (changed === text) throw new Error(`the example history expects sam, tom's grant and leo in the example's ${file}`);
  await writeFile(path, changed);
}

function withoutLines(text: string, drop: RegExp): string {
  return text
    .split('\n')
    .filter((line) => !drop.test(line))
    .join('\n');
}

/**
 * Turns a copy of the example repository in `dir` into the short history README's samples
 * of `who` and `register` tell: onboarding in #1 (without sam and tom's grant, with ivy at
 * Bloom), sam added by the client's delegate in #3, tom raised on the API on a branch merged
 * as #5, ivy removed in #7. The last commit's files are the example's, unchanged.
 */
export async function exampleHistory(dir: string): Promise<void> {
  const apex = await readFile(join(dir, 'clients/apex.yaml'), 'utf8');
  const bloom = await readFile(join(dir, 'clients/bloom.yaml'), 'utf8');
  await git(dir, ['init', '-q', '-b', 'main']);
  await edit(dir, 'clients/apex.yaml', (text) => withoutLines(text, /^ {2}sam:|^grants:|^ {2}- \{ who: tom/));
  await edit(dir, 'clients/bloom.yaml', (text) => text.replace(/^( {2}leo:.*)$/m, `$1\n${IVY}`));
  await commit(dir, 'Onboard Apex, Bloom and Cobalt (#1)', MARIA, '2026-03-02T10:00:00Z');
  await edit(dir, 'clients/apex.yaml', () => withoutLines(apex, /^grants:|^ {2}- \{ who: tom/));
  await commit(dir, 'Add sam to Apex (#3)', DANA, '2026-06-15T14:20:00Z');
  await git(dir, ['checkout', '-q', '-b', 'tom-v2-release']);
  await writeFile(join(dir, 'clients/apex.yaml'), apex);
  await commit(dir, 'Tom manages the v2 API release', TOM, '2026-09-01T11:00:00Z');
  await git(dir, ['checkout', '-q', 'main'], PRIYA);
  const merge = 'Merge pull request #5 from acme-agency/tom-v2-release\n\nTom manages the v2 API release';
  await git(dir, ['merge', '-q', '--no-ff', '-m', merge, 'tom-v2-release'], PRIYA, '2026-09-02T16:45:00Z');
  await writeFile(join(dir, 'clients/bloom.yaml'), bloom);
  await commit(dir, 'Remove ivy from Bloom (#7)', OLIVIA, '2026-10-20T08:30:00Z');
}
