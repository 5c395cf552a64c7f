import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  name?: string;
  version?: string;
}

function manifestAt(dir: string): Manifest | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/**
 * The folder of Latch's own package.json, from the source tree, the build or an installed
 * package alike: everything read at run time by path (schemas, the example repository, the
 * init templates, the Action) is resolved from here, never from the current directory.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (manifestAt(dir)?.name === 'latch') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the latch package folder');
    dir = parent;
  }
}

/** The version of the installed Latch, as its package.json says. */
export function packageVersion(): string {
  const version = manifestAt(packageRoot())?.version;
  if (!version) throw new Error('the latch package.json has no version');
  return version;
}
