import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git is needed only where history is: `--base`, offboarding, who and register. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs git in `dir` and returns its standard output; a failure is a GitError quoting git's message. */
export async function git(dir: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd: dir, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args[0]} failed in ${dir}${stderr ? `: ${stderr}` : ''}`);
  }
}

/** Verifies a ref exists and returns its commit id. */
export async function resolveRef(dir: string, ref: string): Promise<string> {
  try {
    return (await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new GitError(`"${ref}" is not a commit, branch or tag of the repository at ${dir}; fetch it first (actions/checkout with fetch-depth: 0)`);
  }
}

/**
 * The YAML files of clients/ and policies/ as they were at `ref`, keyed by path relative to
 * the config directory, the way loadFromFiles takes them. Two git processes whatever the
 * number of files: ls-tree names the blobs, one cat-file reads them all.
 */
export async function filesAtRef(dir: string, ref: string): Promise<Map<string, string>> {
  const commit = await resolveRef(dir, ref);
  // Without --full-name, ls-tree answers relative to `dir`. Each line is "<mode> <type> <blob>\t<path>".
  const listing = await git(dir, ['ls-tree', '-r', commit, '--', 'clients', 'policies']);
  const blobs = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const tab = line.indexOf('\t');
    const path = line.slice(tab + 1);
    if (tab < 0 || !/\.ya?ml$/.test(path)) continue;
    blobs.set(path, line.slice(0, tab).split(' ')[2] ?? '');
  }
  const objects = await readObjects(dir, [...new Set(blobs.values())]);
  const files = new Map<string, string>();
  for (const [path, blob] of blobs) {
    const object = objects.get(blob);
    if (!object) throw new GitError(`git cat-file failed in ${dir}: ${path} at ${ref} (${blob}) is missing`);
    files.set(path, object.content.toString('utf8'));
  }
  return files;
}

/** One object as `git cat-file --batch` returns it. */
export interface GitObject {
  type: string;
  content: Buffer;
}

/** Splits the batch output into objects, in the order they were asked for; missing ones are left out. */
function parseBatch(output: Buffer, ids: readonly string[]): Map<string, GitObject> {
  const objects = new Map<string, GitObject>();
  let offset = 0;
  for (const id of ids) {
    const end = output.indexOf(0x0a, offset);
    if (end < 0) break;
    const header = output.subarray(offset, end).toString('utf8').split(' ');
    offset = end + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    objects.set(id, { type: header[1] ?? '', content: output.subarray(offset, offset + size) });
    // Each object's content is followed by one newline.
    offset += size + 1;
  }
  return objects;
}

/**
 * Reads many objects (blobs, commits) through one `git cat-file --batch` process: a history
 * of a thousand commits costs one process, not a thousand.
 */
export function readObjects(dir: string, ids: readonly string[]): Promise<Map<string, GitObject>> {
  if (ids.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new GitError(`git cat-file could not start in ${dir}: ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new GitError(`git cat-file failed in ${dir}${stderr ? `: ${stderr.trim()}` : ''}`));
        return;
      }
      resolve(parseBatch(Buffer.concat(chunks), ids));
    });
    // A write error (git gone) surfaces through the exit code in the close handler.
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${ids.join('\n')}\n`);
  });
}
