import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigIssue } from '../../src/errors.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';
import { parsed, runCli } from './fake-io.js';

/** Commands that read only the repository and its history: `--format json` gives one document on stdout. */

const TOKEN = 'ghp_jsonFilesSecret0000000000000000000';
const APEX = GITHUB_CLIENTS['clients/apex.yaml'] ?? '';

let repo: Workspace;

beforeEach(async () => {
  repo = await workspace({}, { git: true });
  await repo.commit('Start', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-01T09:00:00Z');
});

afterEach(async () => {
  await repo.remove();
});

const latch = (args: string[]) => runCli(args, { cwd: repo.dir, env: { GITHUB_TOKEN: TOKEN } });

interface ValidateJson {
  valid: boolean;
  issues: ConfigIssue[];
  counts: { clients: number; people: number; resources: number; roles: number } | null;
  author?: { login: string; standing: string; clients: string[] };
}

describe('latch validate --format json', () => {
  it('says valid with the counts and the warnings as issues, exit 0', async () => {
    await repo.write({ 'clients/cobalt.yaml': (GITHUB_CLIENTS['clients/cobalt.yaml'] ?? '').replace('until: 2026-12-31', 'until: 2026-11-25') });
    const run = await latch(['validate', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<ValidateJson>(run);
    expect(json.valid).toBe(true);
    expect(json.counts).toEqual({ clients: 3, people: 8, resources: 6, roles: expect.any(Number) as number });
    expect(json.issues.length).toBeGreaterThan(0);
    expect(json.issues.every((issue) => issue.severity === 'warning')).toBe(true);
    expect(Object.keys(json.issues[0] ?? {}).sort()).toEqual(['column', 'file', 'hint', 'line', 'message', 'rule', 'severity']);
  });

  it('puts the errors in the document and exits 1 when the files are invalid', async () => {
    await repo.write({ 'clients/apex.yaml': APEX.replace('role: client-contributor', 'role: client-wizard') });
    const run = await latch(['validate', '--format', 'json']);
    expect(run.code).toBe(1);
    const json = parsed<ValidateJson>(run);
    expect(json.valid).toBe(false);
    expect(json.counts).toBeNull();
    const error = json.issues.find((issue) => issue.severity === 'error');
    expect(error).toMatchObject({ file: 'clients/apex.yaml', line: 14, rule: 'unknown-role' });
    expect(error?.column).toBeGreaterThan(0);
    expect(error?.hint).not.toBe('');
  });

  it("refuses a delegate's change beyond their file in the document, with who the author is", async () => {
    await repo.git(['checkout', '-q', '-b', 'change']);
    await repo.commit('Dana edits bloom', { 'clients/bloom.yaml': `${GITHUB_CLIENTS['clients/bloom.yaml'] ?? ''}# touched\n` }, '2026-11-02T09:00:00Z');
    const run = await latch(['validate', '--format', 'json', '--author', 'dana-apex', '--base', 'main']);
    expect(run.code).toBe(1);
    const json = parsed<ValidateJson>(run);
    expect(json.valid).toBe(false);
    expect(json.author).toEqual({ login: 'dana-apex', standing: 'delegate', clients: ['apex'] });
    expect(json.issues.some((issue) => issue.severity === 'error' && issue.file === 'clients/bloom.yaml')).toBe(true);
  });
});

describe('latch who, access, register --format json', () => {
  it('who: the person and each grant with where it comes from', async () => {
    const run = await latch(['who', 'dana@apexoutdoor.com', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<{ query: string; access: { client: string; resource: string; principal: string; level: string }[] }>(run);
    expect(json.query).toBe('dana@apexoutdoor.com');
    expect(json.access).toContainEqual(expect.objectContaining({ client: 'apex', resource: 'acme-agency/apex-web', principal: 'dana-apex', level: 'push' }));
  });

  it('access: the matrix of one client', async () => {
    const run = await latch(['access', 'apex', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<{ client: string; resources: { ref: string }[]; people: { key: string }[] }>(run);
    expect(json.client).toBe('apex');
    expect(json.resources.map((resource) => resource.ref)).toContain('acme-agency/apex-api');
    expect(json.people.map((person) => person.key)).toEqual(expect.arrayContaining(['dana', 'sam', 'maria', 'tom']));
  });

  it('register: the rows from git history', async () => {
    const run = await latch(['register', '--format', 'json', '--client', 'cobalt']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<{ rows: { client: string; principal: string; status: string; grantedOn: string }[] }>(run);
    expect(json.rows.length).toBeGreaterThan(0);
    expect(json.rows.every((row) => row.client === 'cobalt')).toBe(true);
    expect(json.rows).toContainEqual(expect.objectContaining({ principal: 'ken-cobalt', grantedOn: expect.stringContaining('2026-11-01') as string }));
  });
});

describe('latch review --format json', () => {
  it('with --out: the checklists go to files and stdout lists them, as JSON', async () => {
    const out = join(repo.dir, 'reviews');
    const run = await latch(['review', '--format', 'json', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<{ written: string[]; overdue: string[] }>(run);
    expect(json.written).toEqual(['apex', 'bloom', 'cobalt'].map((client) => join(out, `${client}.json`)));
    expect(Array.isArray(json.overdue)).toBe(true);
    const apex = JSON.parse(await readFile(join(out, 'apex.json'), 'utf8')) as { reviews: { client: string }[] };
    expect(apex.reviews[0]?.client).toBe('apex');
  });

  it('with --attest: what was recorded, and the patch', async () => {
    const run = await latch(['review', '--format', 'json', '--attest', '--client', 'apex', '--by', 'maria']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<{ client: string; file: string; on: string; by: string; changed: boolean; patch: string | null }>(run);
    expect(json).toMatchObject({ client: 'apex', file: 'clients/apex.yaml', on: '2026-11-23', by: 'maria', changed: true });
    expect(json.patch).toContain('+reviewed');
    expect(await repo.read('clients/apex.yaml')).toContain('2026-11-23');
    const again = parsed<{ changed: boolean; patch: string | null }>(await latch(['review', '--format', 'json', '--attest', '--client', 'apex', '--by', 'maria']));
    expect(again).toMatchObject({ changed: false, patch: null });
  });
});

describe('commands without JSON output refuse it', () => {
  it.each([
    [['codeowners'], 'codeowners has no JSON output: it writes the CODEOWNERS file'],
    [['demo'], 'demo has no JSON output: it tells a story for people; use the commands it runs'],
    [['init', 'new-repository'], 'init has no JSON output: it writes a new access repository'],
    [['sandbox'], 'sandbox has no JSON output: it serves emulated platforms'],
  ])('latch %s --format json exits 1 with a clear message and nothing on stdout', async (argv, message) => {
    const run = await latch([...argv, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('usage and config errors with --format json', () => {
  it('exit 1, stdout empty, the message on stderr', async () => {
    await repo.write({ 'clients/apex.yaml': APEX.replace('role: client-contributor', 'role: client-wizard') });
    const run = await latch(['who', 'dana@apexoutdoor.com', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown-role');
  });
});
