import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs the README's sandbox walkthrough word for word, with the built CLI (`npm run build` first) as `latch`. */
const ROOT = resolve(import.meta.dirname, '../..');

async function walkthrough(): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const found = /<!-- sandbox-walkthrough -->\n```sh\n([\s\S]*?)\n```/.exec(readme);
  if (!found?.[1]) throw new Error('README.md has no sandbox walkthrough block');
  return found[1];
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

describe('the sandbox walkthrough of the README', () => {
  let dir: string;
  let run: { code: number | null; output: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latch-walkthrough-'));
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'latch'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/latch.js')}" "$@"\n`);
    await chmod(join(dir, 'bin', 'latch'), 0o755);
    await cp(join(ROOT, 'clients'), join(dir, 'clients'), { recursive: true });
    await cp(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
    // Only what a shell has: no variable of the test process reaches a platform or the Action.
    const env = { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, LATCH_TODAY: '2026-11-23' };
    // Any failing command stops the walkthrough, so every step below is proven to work as written.
    run = await bash(`set -e\n${await walkthrough()}`, dir, env);
  }, 240_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every command of the walkthrough without an error', () => {
    expect(run.output).not.toMatch(/^latch: /m);
    expect(run.code).toBe(0);
  });

  it('seeds the platforms from the files and reports the drift it made', () => {
    expect(run.output).toContain('latch apply gave the declared access (exit 0)');
    expect(run.output).toContain('by hand: jake-freelance is admin of acme-agency/apex-web');
    expect(run.output).toContain('outsider: jake@freelance-studio.com can edit Drive item 1ApexInternalNotes');
  });

  it("posts the Action's plan on the pull request opened through GitHub's route", () => {
    expect(run.output).toContain('plan comment created');
    const comments = /^\[\{"id".*"<!-- latch:plan -->.*$/m.exec(run.output)?.[0] ?? '';
    expect(comments).toContain('maria-acme');
    expect(comments).toContain('acme-agency/cobalt-portal');
  });

  it('merges the pull request by the push of main, and the push run applies it', () => {
    expect(run.output).toMatch(/Pushed main \([0-9a-f]{7}\) to the sandbox and merged pull request #1\./);
    expect(run.output).toContain('apply comment created');
    expect(run.output).not.toContain('no merged pull request made commit');
  });

  it('opens the drift issue with the drift the sandbox made, then stops and removes its environment', async () => {
    const issues = /^\[\{"id".*"<!-- latch:drift -->.*$/m.exec(run.output)?.[0] ?? '';
    expect(issues).toContain('jake-freelance');
    expect(issues).toContain('jake@freelance-studio.com');
    expect(issues).toContain('tom@acme-agency.com');
    expect(await readFile(join(dir, 'sandbox.log'), 'utf8')).toContain('Stopped (SIGTERM).');
    expect(existsSync(join(dir, '.sandbox.env'))).toBe(false);
  });
});
