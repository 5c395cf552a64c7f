import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { installedPackage, ROOT } from './packed.js';

/**
 * A new user's whole path with the README alone: the packed package installed outside the
 * checkout, then the README's sandbox walkthrough word for word, from `latch init` to the
 * drift issue, with that package's `latch` and Action bundle.
 */

async function walkthrough(): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const found = /<!-- sandbox-walkthrough -->\n```sh\n([\s\S]*?)\n```/.exec(readme);
  if (!found?.[1]) throw new Error('README.md has no sandbox walkthrough block');
  return found[1];
}

/** Runs in its own process group: whatever the script leaves running (the sandbox, when a step fails) is stopped with it. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    // A sandbox left running holds the output pipes open: stop it when bash exits, so the pipes close.
    child.on('exit', () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Nothing of the group is left.
      }
    });
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

/** The first line of JSON the script printed that holds `marker`: what a `curl` of GitHub's API answered. */
function printed<T>(output: string, marker: string): T {
  const line = output.split('\n').find((candidate) => /^\[?\{"/.test(candidate) && candidate.includes(marker));
  if (!line) throw new Error(`the walkthrough printed no JSON with ${marker}`);
  return JSON.parse(line) as T;
}

interface Comment {
  body: string;
}
interface Issue {
  title: string;
  state: string;
  body: string;
}
interface SavedState {
  github: { repos: Record<string, { collaborators?: Record<string, string>; invitations?: { invitee?: string | null; permissions: string }[] }> };
}

describe("a new user's path through the packed package, as the README tells it", () => {
  let dir: string;
  let run: { code: number | null; output: string };

  beforeAll(async () => {
    const installed = await installedPackage();
    dir = await mkdtemp(join(tmpdir(), 'latch-journey-'));
    // Only what a shell has, with the installed `latch` on the PATH and nothing of the checkout.
    const path = [installed.binDir, ...(process.env.PATH ?? '').split(delimiter).filter((entry) => !entry.startsWith(ROOT))].join(delimiter);
    const env = { PATH: path, HOME: dir, LATCH_TODAY: '2026-11-23' };
    // Any failing command stops the walkthrough, so every step is proven to work as written.
    run = await bash(`set -e\n${await walkthrough()}`, dir, env);
  }, 600_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs every command of the walkthrough without an error, never from the checkout', () => {
    expect(run.output).not.toMatch(/^latch: /m);
    expect(run.code).toBe(0);
    expect(run.output).not.toContain(ROOT);
  });

  it('starts the sandbox from the new repository alone, and plans and applies its drift', async () => {
    const log = await readFile(join(dir, 'sandbox.log'), 'utf8');
    expect(log).toContain('access repository acme-agency/access');
    expect(log).toContain('latch apply gave the declared access (exit 0)');
    expect(log).toContain('by hand: jake-freelance is admin of acme-agency/sample-web');
    expect(run.output).toMatch(/- revoke +github-repo +acme-agency\/sample-web +jake-freelance +admin/);
    expect(run.output).toMatch(/✓ applied.*jake-freelance/);
    // The demo agency's people are no part of this organisation.
    expect(run.output).not.toContain('dana-apex');
  });

  it("posts the Action's plan on the pull request: Ravi's new access", () => {
    const comments = printed<Comment[]>(run.output, '<!-- latch:plan -->');
    const plan = comments.find((comment) => comment.body.includes('<!-- latch:plan -->'))?.body ?? '';
    expect(plan).toContain('**+1** to grant · **~0** to update · **−0** to revoke');
    expect(plan).toMatch(/^ github-repo acme-agency\/sample-web\n\+ +ravi-acme +push +# role agency-engineer in clients\/sample\.yaml:\d+$/m);
    expect(plan).not.toContain('jake-freelance');
  });

  it('merges the pull request by the push of main, and the push run applies it', async () => {
    expect(run.output).toMatch(/Pushed main \([0-9a-f]{7}\) to the sandbox and merged pull request #1\./);
    expect(run.output).toContain('apply comment created');
    const saved = parse(await readFile(join(dir, 'sandbox-state.yaml'), 'utf8')) as SavedState;
    const repo = saved.github.repos['acme-agency/sample-web'];
    const ravi = repo?.collaborators?.['ravi-acme'] ?? repo?.invitations?.find((invitation) => invitation.invitee === 'ravi-acme')?.permissions;
    expect(ravi).toBe('push');
    expect(repo?.collaborators).toMatchObject({ 'maria-acme': 'admin', 'casey-sample': 'push' });
  });

  it('opens the drift issue with the access given by hand after the apply, then stops the sandbox', async () => {
    const issues = printed<Issue[]>(run.output, '<!-- latch:drift -->');
    const drift = issues.find((issue) => issue.body.includes('<!-- latch:drift -->'));
    expect(drift?.state).toBe('open');
    expect(drift?.body).toContain('jake-freelance');
    expect(drift?.body).not.toContain('ravi-acme');
    expect(await readFile(join(dir, 'sandbox.log'), 'utf8')).toContain('Stopped (SIGTERM).');
    expect(existsSync(join(dir, '.sandbox.env'))).toBe(false);
  });
});
