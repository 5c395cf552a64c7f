import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: packed, installed outside the checkout, run from another
 * directory. Installing needs no network: the dependencies are pinned to the versions of
 * the project's lock file, which `npm ci` has already put in npm's cache.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Manifest {
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

/** No variable of an enclosing `npm test` may steer the npm that installs the package. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

let work: string;
let tarball: string;
let packed: string[];
let bin: string;
let manifest: Manifest;

/** A project whose only dependency is the tarball, with the project's own runtime dependencies locked. */
async function writeProject(dir: string, file: string): Promise<void> {
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

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function latch(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return run(bin, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, LATCH_TODAY: '2026-11-23' } });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'build/src/cli/main.js'))) throw new Error('build/ is missing: run "npm run build" (npm test does) before this test');
  manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  work = await mkdtemp(join(tmpdir(), 'latch-package-'));
  // The build is the one `npm test` just made; `prepare` would only make it again.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env: cleanEnv() });
  const [result] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!result) throw new Error('npm pack made no tarball');
  tarball = result.filename;
  packed = result.files.map((file) => file.path);
  const project = join(work, 'project');
  await run('mkdir', [project]);
  await writeProject(project, join(work, tarball));
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env: cleanEnv() });
  bin = join(project, 'node_modules/.bin/latch');
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds what the CLI reads at run time, and no tests, sources or benchmark', () => {
    for (const file of ['bin/latch.js', 'build/src/cli/main.js', 'build/src/emulators/harness.js', 'schemas/client.schema.json', 'templates/init/README.md', 'policies/roles.yaml', 'clients/apex.yaml', '.github/workflows/plan.yml', '.github/workflows/apply.yml', '.github/workflows/drift.yml', 'action.yml', 'dist/index.js', 'README.md', 'LICENSE', 'package.json']) {
      expect(packed, file).toContain(file);
    }
    const unwanted = packed.filter((file) => /^(src|test|bench|scripts|build\/bench|\.ci)\/|\.map$|\.ts$|ci\.yml$/.test(file));
    expect(unwanted).toEqual([]);
  });

  it('installs outside the checkout and runs from any directory', async () => {
    expect(realpathSync(join(work, 'project/node_modules/latch')).startsWith(ROOT)).toBe(false);
    const elsewhere = await mkdtemp(join(work, 'cwd-'));
    expect((await latch(['--version'], elsewhere)).stdout).toBe(`${manifest.version}\n`);

    const init = await latch(['init', 'access'], elsewhere);
    expect(init.stdout).toContain('Created an access repository in access');
    const validate = await latch(['validate', '--dir', 'access'], elsewhere);
    expect(validate.stdout).toBe('Valid: 1 clients, 2 people, 1 resources, 7 roles, 5 warnings.\n');

    const everything = [...(await filesUnder(join(work, 'project/node_modules/latch'))), ...(await filesUnder(join(elsewhere, 'access')))];
    const mentioning: string[] = [];
    for (const file of everything) if ((await readFile(file, 'utf8')).includes(ROOT)) mentioning.push(file);
    expect(mentioning).toEqual([]);
    for (const output of [init.stdout, init.stderr, validate.stdout, validate.stderr]) expect(output).not.toContain(ROOT);
  });
});
