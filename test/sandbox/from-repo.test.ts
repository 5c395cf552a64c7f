import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxState } from '../../src/sandbox/state.js';
import { runCli } from '../cli/fake-io.js';

/** `latch sandbox --from DIR --write-state FILE`: the platforms as an access repository declares them, with the drift made for it. */
const ROOT = resolve(import.meta.dirname, '../..');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latch-from-repo-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seeded(repo: string): Promise<{ state: SandboxState; stdout: string }> {
  const result = await runCli(['sandbox', '--from', repo, '--write-state', join(dir, 'state.json')], { cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { state: JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as SandboxState, stdout: result.stdout };
}

async function replace(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  await writeFile(file, text.replace(from, to));
}

describe('the sandbox seeded from an access repository', () => {
  it("has the new repository's resources and people only, the agency's people in the organisation, its colleagues of policies/people.yaml included", async () => {
    const repo = join(dir, 'access');
    expect((await runCli(['init', repo], { cwd: dir })).code).toBe(0);
    await replace(join(repo, 'policies/platforms.yaml'), 'org: change-me', 'org: northwind');
    await replace(join(repo, 'policies/guardrails.yaml'), 'change-me.example', 'northwind.com');
    await writeFile(join(repo, 'policies/people.yaml'), 'people:\n  lead: { email: ada@northwind.com, github: ada-nw }\n  ravi: { email: ravi@northwind.com, github: ravi-nw }\n');
    await replace(join(repo, 'clients/sample.yaml'), 'change-me/sample-web', 'northwind/sample-web');

    const { state, stdout } = await seeded(repo);
    expect(state.repository).toBe('northwind/access');
    expect(Object.keys(state.github.repos)).toEqual(['northwind/sample-web']);
    expect(state.github.repos['northwind/sample-web']?.collaborators).toEqual({ 'ada-nw': 'admin', 'casey-sample': 'push', 'jake-freelance': 'admin' });
    expect(state.github.teams).toEqual({});
    expect(state.github.members.sort()).toEqual(['ada-nw', 'ravi-nw']);
    expect(state.github.owners).toEqual([]);
    expect(state.github.users?.sort()).toEqual(['ada-nw', 'casey-sample', 'jake-freelance', 'ravi-nw']);
    expect(stdout).toContain('latch apply gave the declared access (exit 0).');
    expect(stdout).toContain('by hand: jake-freelance is admin of northwind/sample-web (nobody declared it)');
  });

  it('makes drift by hand on the first repository, Slack channel and Drive item of the example repository', async () => {
    const repo = join(dir, 'example');
    await cp(join(ROOT, 'clients'), join(repo, 'clients'), { recursive: true });
    await cp(join(ROOT, 'policies'), join(repo, 'policies'), { recursive: true });

    const { state, stdout } = await seeded(repo);
    expect(stdout).toContain('latch apply gave the declared access (exit 0).');
    expect(stdout).toContain('by hand: jake-freelance is admin of acme-agency/apex-web (nobody declared it)');
    expect(stdout).toMatch(/missing: \S+@acme-agency\.com was removed from Slack channel \S+ by hand \(the files give access\)/);
    expect(stdout).toContain('outsider: jake@freelance-studio.com can edit Drive item 1ApexInternalNotes');
    expect(state.github.repos['acme-agency/apex-web']?.collaborators?.['jake-freelance']).toBe('admin');
    expect(state.google.drive?.['1ApexInternalNotes']).toContainEqual({ email: 'jake@freelance-studio.com', role: 'writer' });
  });
});
