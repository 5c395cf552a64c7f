import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** Spawns the built CLI (`npm run build` first) as a person would. */
const BIN = resolve(import.meta.dirname, '../../bin/latch.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latch-serve-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function latch(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', done));
  /** Resolves once stdout holds `text`. */
  const printed = (text: string) =>
    new Promise<void>((done) => {
      const check = () => (stdout.includes(text) ? done() : child.stdout.once('data', check));
      check();
    });
  return { child, exited, printed, out: () => stdout, err: () => stderr };
}

/** Whether 127.0.0.1:port can be listened on now. */
async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((done) => {
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => done(true));
  });
  if (listening) await new Promise((done) => server.close(done));
  return listening;
}

/**
 * A base for ten free ports in a row, below Linux's ephemeral range (32768 and up), where the
 * emulators of tests running beside this one take their ports from.
 */
async function freeBase(): Promise<number> {
  for (let base = 20_000 + (process.pid % 1000) * 10; base < 32_000; base += 10) {
    const ports = Array.from({ length: 10 }, (_, offset) => base + offset);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error('no ten free ports in a row below 32000');
}

function parseExports(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

describe('latch sandbox, served', () => {
  it('prints only export lines with --env, listens on --port-base, and stops cleanly on SIGINT', async () => {
    const base = await freeBase();
    const sandbox = latch(['sandbox', '--env', '--port-base', String(base)]);
    await sandbox.printed('LATCH_ACTION=');
    const env = parseExports(sandbox.out());
    expect(sandbox.out().trim().split('\n').every((line) => line.startsWith('export '))).toBe(true);
    expect(env.GITHUB_API_URL).toBe(`http://127.0.0.1:${base}`);
    expect(env.LATCH_JIRA_API_URL).toBe(`http://127.0.0.1:${base + 8}`);
    expect(env.LATCH_SANDBOX_URL).toBe(`http://127.0.0.1:${base + 9}`);
    const collaborators = await fetch(`${env.GITHUB_API_URL}/repos/acme-agency/apex-web/collaborators`, { headers: { authorization: `token ${env.GITHUB_TOKEN}` } });
    expect(collaborators.status).toBe(200);

    const save = latch(['sandbox', 'save', 'now.json'], env);
    expect(await save.exited).toBe(0);
    const saved = JSON.parse(await readFile(join(dir, 'now.json'), 'utf8')) as { github: { repos: Record<string, unknown> } };
    expect(Object.keys(saved.github.repos)).toContain('acme-agency/apex-web');

    sandbox.child.kill('SIGINT');
    expect(await sandbox.exited).toBe(0);
    await expect(fetch(env.GITHUB_API_URL ?? '')).rejects.toThrow();
  }, 60_000);

  it('says plainly when a port is taken, a state file is wrong, or options clash', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as { port: number };
    const taken = latch(['sandbox', '--port-base', String(port)]);
    expect(await taken.exited).toBe(1);
    expect(taken.err()).toMatch(/^latch: .*EADDRINUSE/m);
    expect(taken.err()).not.toMatch(/\n\s+at /);
    await new Promise((done) => blocker.close(done));

    const clash = latch(['sandbox', '--state', 'a.yaml', '--from', '.']);
    expect(await clash.exited).toBe(1);
    expect(clash.err()).toContain('give --state FILE or --from DIR, not both');

    const push = latch(['sandbox', 'push']);
    expect(await push.exited).toBe(1);
    expect(push.err()).toContain('LATCH_SANDBOX_URL is not set');
  }, 60_000);
});
