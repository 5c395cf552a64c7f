import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from './cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from './workspace.js';

const TOKEN = 'ghs_scopeTestToken0000000000000000000';
const APEX = GITHUB_CLIENTS['clients/apex.yaml'] ?? '';

interface JsonPlan {
  changes: { client: string | null; action: string; resource: string; principal: string; from: string | null; to: string | null; reason: string }[];
  findings: unknown[];
  scope?: { mode: string; base: string; clients: string[]; platforms: string[]; total: number; resources: number; reason: string };
}

let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  // maria-new is the account a test moves maria to: it exists on GitHub, or the plan would flag an unknown login.
  const seed = structuredClone(DEMO_GITHUB);
  seed.users = [...(seed.users ?? []), 'maria-new'];
  github = await startGithubEmulator({ seed, token: TOKEN });
  repo = await workspace({}, { git: true });
  await repo.commit('Start', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-01T09:00:00Z');
  await repo.git(['checkout', '-q', '-b', 'change']);
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const latch = (args: string[]) =>
  runLatch(args, { cwd: repo.dir, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '10' } });

/** Plans and returns the JSON plan with the GitHub calls it made. */
async function plan(args: string[]): Promise<{ json: JsonPlan; calls: string[] }> {
  github.requests.length = 0;
  const run = await latch(['plan', '--format', 'json', '--base', 'main', ...args]);
  expect(run.code, run.stderr).toBe(2);
  return { json: JSON.parse(run.stdout) as JsonPlan, calls: github.requests.map((request) => `${request.method} ${request.path}`) };
}

/** The repositories and teams a plan's REST calls named. */
function touched(calls: readonly string[]): string[] {
  return [...new Set(calls.flatMap((call) => /\/(?:repos\/acme-agency|teams)\/([^/]+)/.exec(call)?.[1] ?? []))].sort();
}

const apexOnly = (json: JsonPlan) => json.changes.filter((change) => change.client === 'apex');

describe('latch plan --scope changed against the emulated GitHub', () => {
  it("reads only the changed client's resources, and plans that client as a full plan does", async () => {
    await repo.commit('Sam becomes a viewer', { 'clients/apex.yaml': APEX.replace('role: client-contributor', 'role: client-viewer') }, '2026-11-02T09:00:00Z');

    const scoped = await plan(['--scope', 'changed']);
    expect(touched(scoped.calls)).toEqual(['apex-api', 'apex-engineers', 'apex-web']);
    expect(scoped.calls).not.toContain('GET /orgs/acme-agency/outside_collaborators');
    expect(scoped.json.findings).toEqual([]);
    expect(scoped.json.scope).toEqual({ mode: 'changed', base: 'main', clients: ['apex'], platforms: [], total: 3, resources: 3, reason: 'clients/apex.yaml changed' });

    const full = await plan([]);
    expect(touched(full.calls)).toEqual(['apex-api', 'apex-engineers', 'apex-web', 'bloom-content', 'bloom-site', 'cobalt-portal']);
    expect(full.calls).toContain('GET /orgs/acme-agency/outside_collaborators');
    expect(full.json.scope).toBeUndefined();
    expect(scoped.calls.length).toBeLessThan(full.calls.length);
    expect(apexOnly(scoped.json).length).toBeGreaterThan(0);
    expect(scoped.json.changes).toEqual(apexOnly(full.json));
  });

  it("reads only the clients naming a person whose people.yaml entry changed, and plans that person's grants there", async () => {
    const people = ['people:', '  maria: { email: maria@acme-agency.com, github: maria-acme }', '  tom:   { email: tom@acme-agency.com, github: tom-acme }', ''].join('\n');
    // The client files name maria and tom by key; their identities come from people.yaml.
    const byKey = (text: string) => text.replace(/(maria|tom): +\{ email: [^,]+, github: [^,]+, (role: [a-z-]+) \}/g, '$1: { $2 }');
    const clients = Object.fromEntries(Object.entries(GITHUB_CLIENTS).map(([file, text]) => [file, byKey(text)]));
    await repo.git(['checkout', '-q', 'main']);
    await repo.commit('People once', { 'policies/people.yaml': people, ...clients }, '2026-11-02T09:00:00Z');
    await repo.git(['checkout', '-q', '-B', 'change']);
    await repo.commit("Maria's new account", { 'policies/people.yaml': people.replace('github: maria-acme', 'github: maria-new') }, '2026-11-03T09:00:00Z');

    const scoped = await plan(['--scope', 'changed']);
    expect(scoped.json.scope).toMatchObject({ clients: ['apex', 'bloom'], total: 3, resources: 5, reason: 'policies/people.yaml: maria changed; clients apex, bloom' });
    expect(touched(scoped.calls)).toEqual(['apex-api', 'apex-engineers', 'apex-web', 'bloom-content', 'bloom-site']);
    const maria = scoped.json.changes.filter((change) => change.principal.startsWith('maria-'));
    expect(new Set(maria.map((change) => `${change.action} ${change.principal}`))).toEqual(new Set(['grant maria-new', 'revoke maria-acme']));
    expect(new Set(maria.map((change) => change.resource))).toEqual(new Set(['acme-agency/apex-web', 'acme-agency/apex-api', 'acme-agency/apex-engineers', 'acme-agency/bloom-site', 'acme-agency/bloom-content']));

    const full = await plan([]);
    expect(scoped.calls.length).toBeLessThan(full.calls.length);
    expect(scoped.json.changes).toEqual(full.json.changes.filter((change) => change.client === 'apex' || change.client === 'bloom'));
  });

  it('reads the clients whose people hold a changed role, and everything when the guardrails change', async () => {
    const policies = await examplePolicies();
    const roles = (policies['policies/roles.yaml'] ?? '').replace('levels: { drive-folder: reader }', 'levels: { drive-folder: reader, github-repo: pull }');
    await repo.commit('Finance may read code', { 'policies/roles.yaml': roles }, '2026-11-02T09:00:00Z');
    github.requests.length = 0;
    const nobody = await latch(['plan', '--base', 'main', '--scope', 'changed']);
    expect(nobody.code, nobody.stderr).toBe(0);
    expect(nobody.stdout).toContain('Scope: nothing changed since main affects any client, so no resource was read');
    expect(nobody.stdout).toContain('Because: policies/roles.yaml changed role client-finance, held in 0 clients.');
    expect(github.requests).toEqual([]);

    const guardrails = `${policies['policies/guardrails.yaml'] ?? ''}expiryWarningDays: 7\n`;
    await repo.commit('Shorter warning', { 'policies/guardrails.yaml': guardrails }, '2026-11-03T09:00:00Z');
    const run = await latch(['plan', '--base', 'main', '--scope', 'changed']);
    expect(run.stdout.split('\n')[0]).toBe('Scope: every client (3): policies/guardrails.yaml changed: every client is read.');
    expect(touched(github.requests.map((request) => request.path))).toEqual(['apex-api', 'apex-engineers', 'apex-web', 'bloom-content', 'bloom-site', 'cobalt-portal']);
    expect(github.requests.map((request) => request.path)).toContain('/orgs/acme-agency/outside_collaborators');
  });

  it('refuses --scope changed on drift and without a base', async () => {
    const drift = await latch(['drift', '--scope', 'changed', '--base', 'main']);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain('drift reads every client by definition; --scope changed is for plan');
    const baseless = await latch(['plan', '--scope', 'changed']);
    expect(baseless.stderr).toContain('--scope changed needs --base REF');
    expect(github.requests).toEqual([]);
  });
});
