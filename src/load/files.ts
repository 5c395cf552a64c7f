import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { ConfigIssue } from '../errors.js';
import { firstUnsafe, printable } from './characters.js';
import { error } from './issues.js';

/** How deep the walk of clients/ and policies/ goes looking for links and misplaced files. */
const MAX_WALK_DEPTH = 8;

const YAML_NAME = /\.ya?ml$/;

/** The files Latch reads, by path relative to the configuration directory, and what was refused while finding them. */
export interface FoundFiles {
  files: Map<string, Uint8Array>;
  issues: ConfigIssue[];
}

interface Kind {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

function isMissing(failure: unknown): boolean {
  return failure instanceof Error && 'code' in failure && (failure.code === 'ENOENT' || failure.code === 'ENOTDIR');
}

async function kindOf(path: string): Promise<Kind | undefined> {
  try {
    return await lstat(path);
  } catch (failure) {
    if (isMissing(failure)) return undefined;
    throw failure;
  }
}

function refused(path: string, kind: Kind): ConfigIssue {
  const at = { file: path, line: 1, column: 1 };
  if (kind.isSymbolicLink()) {
    return error(at, 'not-a-file', `${path} is a symbolic link; Latch reads only regular files and directories of the repository.`, 'Replace the link with the file or directory itself: a link can point outside the repository, where review does not reach.');
  }
  if (kind.isDirectory()) {
    return error(at, 'not-a-file', `${path} is a directory, though its name looks like a YAML file.`, 'Rename the directory, or move its content out of it: Latch reads clients/<client>.yaml files only.');
  }
  return error(at, 'not-a-file', `${path} is not a regular file (a pipe, socket or device).`, 'Replace it with a regular YAML file.');
}

/**
 * Every path under `top` (relative to `dir`), depth first: links and special files are
 * refused wherever they are; directories are entered but never followed through a link.
 */
async function walk(dir: string, path: string, depth: number, visit: (path: string, kind: Kind) => void): Promise<void> {
  if (depth > MAX_WALK_DEPTH) return;
  const entries = await readdir(join(dir, path), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = `${path}/${entry.name}`;
    visit(child, entry);
    if (entry.isDirectory() && !YAML_NAME.test(entry.name)) await walk(dir, child, depth + 1, visit);
  }
}

/**
 * The policy files and clients/*.yaml of `dir`, as bytes. Refused, each with its path and a
 * hint: a symbolic link anywhere under clients/ or policies/ (or either directory being one),
 * a directory or special file named like a YAML file, and a YAML file in a subdirectory of
 * clients/, which Latch would otherwise silently ignore. A missing file or directory is
 * simply absent: the caller reports missing policies.
 */
export async function findFiles(dir: string, policyFiles: readonly string[]): Promise<FoundFiles> {
  const issues: ConfigIssue[] = [];
  const wanted: string[] = [];
  for (const top of ['clients', 'policies']) {
    const kind = await kindOf(join(dir, top));
    if (!kind) continue;
    if (!kind.isDirectory()) {
      issues.push(refused(top, kind));
      continue;
    }
    await walk(dir, top, 1, (path, entry) => {
      const yaml = YAML_NAME.test(path);
      if (firstUnsafe(path, { multiline: false, prose: false })) issues.push(unsafeName(path));
      else if (entry.isSymbolicLink() || (yaml && !entry.isFile())) issues.push(refused(path, entry));
      else if (entry.isFile() && top === 'clients' && yaml && path.split('/').length > 2) issues.push(nested(path));
      else if (entry.isFile() && (policyFiles.includes(path) || (top === 'clients' && yaml))) wanted.push(path);
    });
  }
  const files = new Map<string, Uint8Array>();
  const limit = pLimit(32);
  const contents = await Promise.all(wanted.map((path) => limit(() => readFile(join(dir, path)))));
  wanted.forEach((path, index) => {
    const content = contents[index];
    if (content) files.set(path, content);
  });
  return { files, issues };
}

function nested(path: string): ConfigIssue {
  return error(
    { file: path, line: 1, column: 1 },
    'client-file-nested',
    `${path} is in a subdirectory of clients/; Latch reads client files only directly in clients/, so this one would be ignored.`,
    `Move it to clients/${path.slice(path.lastIndexOf('/') + 1)}, or rename it so it does not end in .yaml if it is not a client file.`,
  );
}

/** Names are printed with every issue, so one holding an escape sequence is refused, and shown escaped. */
function unsafeName(path: string): ConfigIssue {
  const shown = printable(path);
  return error(
    { file: shown, line: 1, column: 1 },
    'unsafe-file-name',
    `The name ${shown} holds a control, direction or invisible character; printed on a terminal it could rewrite what is shown.`,
    'Rename the file or directory using visible characters only (a client file is named after its slug, such as clients/apex.yaml).',
  );
}
