import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { inject } from 'vitest';

/**
 * The package as a user gets it: packed, installed outside the checkout. Installing needs no
 * network: the dependencies are pinned to the versions of the project's lock file, which
 * `npm ci` has already put in npm's cache. Packing and installing take a while, so the first
 * test file of a run that asks does it, in the run's directory (test/package/global-setup.ts),
 * and the others wait for it and reuse it.
 */

export const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

export interface Manifest {
  version: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
  license: string;
  /** Versions the project holds its dependencies' dependencies at; a user's project sets its own. */
  overrides?: Record<string, string>;
}
interface LockEntry {
  dev?: boolean;
}

/** The installed package, shared by every test file of one run: read it, never change it. */
export interface InstalledPackage {
  /** The manifest of the checkout the package was packed from. */
  manifest: Manifest;
  /** Paths inside the tarball, as `npm pack` lists them. */
  packed: string[];
  /** The project the tarball is installed into, outside the checkout. */
  project: string;
  /** The directory holding the installed `latch` executable, for a `PATH`. */
  binDir: string;
}

/** No variable of an enclosing `npm test` may steer the npm that installs the package. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** A project whose only dependency is the tarball, with the project's own runtime dependencies locked. */
async function writeProject(dir: string, file: string, manifest: Manifest): Promise<void> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${file}`;
  const packages: Record<string, unknown> = {
    '': { dependencies: { latch: spec } },
    'node_modules/latch': { version: manifest.version, resolved: spec, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'install-check', private: true, dependencies: { latch: spec }, overrides: manifest.overrides }));
  await writeFile(join(dir, 'package-lock.json'), JSON.stringify({ name: 'install-check', lockfileVersion: 3, requires: true, packages }));
}

async function packAndInstall(work: string): Promise<InstalledPackage> {
  if (!existsSync(join(ROOT, 'build/src/cli/main.js'))) throw new Error('build/ is missing: run "npm run build" (npm test does) before this test');
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  // The build is the one `npm test` just made; `prepare` would only make it again.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env: cleanEnv() });
  const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!result) throw new Error('npm pack made no tarball');
  const project = join(work, 'project');
  await mkdir(project);
  await writeProject(project, join(work, result.filename), manifest);
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env: cleanEnv() });
  return { manifest, packed: result.files.map((file) => file.path), project, binDir: join(project, 'node_modules/.bin') };
}

/** The first file to take the lock packs; the others wait for its answer, which says what happened either way. */
async function shared(work: string): Promise<InstalledPackage> {
  const answer = join(work, 'installed.json');
  try {
    await mkdir(join(work, 'lock'));
  } catch {
    while (!existsSync(answer)) await sleep(250);
    const written = JSON.parse(await readFile(answer, 'utf8')) as { installed: InstalledPackage } | { failed: string };
    if ('failed' in written) throw new Error(`packing or installing the package failed: ${written.failed}`);
    return written.installed;
  }
  // Written whole, then renamed: a waiting file never reads half an answer.
  const publish = async (content: object) => {
    await writeFile(`${answer}.part`, JSON.stringify(content));
    await rename(`${answer}.part`, answer);
  };
  try {
    const installed = await packAndInstall(work);
    await publish({ installed });
    return installed;
  } catch (error) {
    await publish({ failed: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

let installing: Promise<InstalledPackage> | undefined;

/** The packed package installed outside the checkout, packed once per run. */
export function installedPackage(): Promise<InstalledPackage> {
  installing ??= shared(inject('packageDir'));
  return installing;
}
