import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedPackage, ROOT, type InstalledPackage } from './packed.js';

/** The package as a user gets it: packed, installed outside the checkout, run from another directory. */

const run = promisify(execFile);

let installed: InstalledPackage;
let elsewhere: string;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function latch(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return run(join(installed.binDir, 'latch'), args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, LATCH_TODAY: '2026-11-23' } });
}

beforeAll(async () => {
  installed = await installedPackage();
  elsewhere = await mkdtemp(join(tmpdir(), 'latch-cwd-'));
}, 600_000);

afterAll(async () => {
  if (elsewhere) await rm(elsewhere, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds what the CLI reads at run time, and no tests, sources or benchmark', () => {
    for (const file of ['bin/latch.js', 'build/src/cli/main.js', 'build/src/emulators/harness.js', 'schemas/client.schema.json', 'templates/init/README.md', 'policies/roles.yaml', 'clients/apex.yaml', '.github/workflows/plan.yml', '.github/workflows/apply.yml', '.github/workflows/drift.yml', 'action.yml', 'dist/index.js', 'README.md', 'LICENSE', 'package.json']) {
      expect(installed.packed, file).toContain(file);
    }
    const unwanted = installed.packed.filter((file) => /^(src|test|bench|scripts|build\/bench|\.ci)\/|\.map$|\.ts$|ci\.yml$/.test(file));
    expect(unwanted).toEqual([]);
  });

  it('installs outside the checkout and runs from any directory', async () => {
    expect(realpathSync(join(installed.project, 'node_modules/latch')).startsWith(ROOT)).toBe(false);
    expect((await latch(['--version'], elsewhere)).stdout).toBe(`${installed.manifest.version}\n`);

    const init = await latch(['init', 'access'], elsewhere);
    expect(init.stdout).toContain('Created an access repository in access');
    const validate = await latch(['validate', '--dir', 'access'], elsewhere);
    expect(validate.stdout).toBe('Valid: 1 clients, 2 people, 1 resources, 7 roles, 5 warnings.\n');

    const everything = [...(await filesUnder(join(installed.project, 'node_modules/latch'))), ...(await filesUnder(join(elsewhere, 'access')))];
    const mentioning: string[] = [];
    for (const file of everything) if ((await readFile(file, 'utf8')).includes(ROOT)) mentioning.push(file);
    expect(mentioning).toEqual([]);
    for (const output of [init.stdout, init.stderr, validate.stdout, validate.stderr]) expect(output).not.toContain(ROOT);
  });
});
