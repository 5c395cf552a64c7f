import { spawn } from 'node:child_process';
import { git, GitError } from '../git.js';
import { commitOf, DEFAULT_AUDIT_BRANCH } from './audit-trail-read.js';
import { appendMissing, recordsByFile, type TrailRecord } from './audit-trail-records.js';

function gitWithInput(dir: string, args: readonly string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], { cwd: dir, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new GitError(`git ${args[0] ?? ''} failed in ${dir}: ${stderr.trim()}`))));
    child.stdin.end(input);
  });
}

/** `mode type sha\tname` lines of one tree level, by name. */
async function entries(dir: string, treeish: string | undefined): Promise<Map<string, string>> {
  if (treeish === undefined) return new Map();
  const listing = await git(dir, ['ls-tree', '--full-tree', treeish]).catch(() => '');
  return new Map(listing.split('\n').filter(Boolean).map((line) => [line.slice(line.indexOf('\t') + 1), line]));
}

/**
 * Appends records to the audit branch of the clone at `dir`, in the same month files the
 * Action's trail keeps, as one new commit on top of the branch (created on first use). The
 * work tree and the index are left alone. Push the branch to share it.
 */
export async function appendLocalTrail(dir: string, records: readonly TrailRecord[], author: { name: string; email: string }, branch = DEFAULT_AUDIT_BRANCH): Promise<string> {
  const tip = await commitOf(dir, `refs/heads/${branch}`);
  const audit = await entries(dir, tip ? `${tip}:audit` : undefined);
  for (const [path, fresh] of recordsByFile(records)) {
    const name = path.slice('audit/'.length);
    const { text } = appendMissing(tip && audit.has(name) ? await git(dir, ['cat-file', 'blob', `${tip}:${path}`]) : '', fresh);
    const blob = (await gitWithInput(dir, ['hash-object', '-w', '--stdin'], text)).trim();
    audit.set(name, `100644 blob ${blob}\t${name}`);
  }
  const auditTree = (await gitWithInput(dir, ['mktree'], `${[...audit.values()].join('\n')}\n`)).trim();
  const root = await entries(dir, tip);
  root.set('audit', `040000 tree ${auditTree}\taudit`);
  const tree = (await gitWithInput(dir, ['mktree'], `${[...root.values()].join('\n')}\n`)).trim();
  const identity = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email };
  const message = `Audit: ${records.length} emergency record${records.length === 1 ? '' : 's'}`;
  const commit = (await gitWithInput(dir, ['commit-tree', tree, ...(tip ? ['-p', tip] : [])], message, identity)).trim();
  await git(dir, ['update-ref', `refs/heads/${branch}`, commit, ...(tip ? [tip] : [])]);
  return commit;
}
