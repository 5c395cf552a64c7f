import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';
import { onlyLocalNetwork } from '../platforms/emulator-per-test.js';
import { parsed, runCli } from './fake-io.js';

/** Commands that read or change the platforms, against the emulated GitHub: stdout is one JSON document. */

const TOKEN = 'ghs_jsonPlatformsToken00000000000000000';
/** Another credential of the environment, which the GitHub adapter knows nothing of. */
const OTHER_SECRET = 'xoxb-jsonOtherSecret-000000000000';

onlyLocalNetwork();

let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN });
  repo = await workspace({}, { git: true });
  await repo.commit('Start', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-01T09:00:00Z');
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const latch = (args: string[]) =>
  runCli(args, {
    cwd: repo.dir,
    env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, SLACK_TOKEN: OTHER_SECRET, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', LATCH_RETRY_BASE_MS: '10' },
  });

interface PlanJson {
  fingerprint: string;
  changes: { action: string; client: string | null; kind: string; resource: string; principal: string; from: string | null; to: string | null }[];
  unread: { client: string | null; kind: string; resource: string; error: string }[];
  findings: { platform: string; subject: string; message: string }[];
}

interface ApplyJson {
  fingerprint: string;
  reviewed: { fingerprint: string; changes: number } | null;
  changes: { id: string; status: string; detail: string | null; action: string; resource: string; principal: string }[];
  counts: { applied: number; alreadyInPlace: number; failed: number; notApplied: number };
  unread: unknown[];
  stopped: { by: string; message: string } | null;
  auditLog: string | null;
}

/** A proxy in front of the API that quotes a credential in its refusal. */
function leakyRefusal(path: string): void {
  github.switches.faults.push({ method: 'GET', path, status: 403, body: { message: `proxy refused the request (credential ${OTHER_SECRET} not allowed)` }, times: 10 });
}

describe('latch plan and drift --format json', () => {
  it('plan: the changes, exit 2', async () => {
    const run = await latch(['plan', '--format', 'json']);
    expect(run.code, run.stderr).toBe(2);
    const json = parsed<PlanJson>(run);
    expect(json.fingerprint).toMatch(/^sha256:/);
    expect(json.changes.length).toBeGreaterThan(0);
    expect(json.changes[0]).toEqual(expect.objectContaining({ action: expect.any(String) as string, kind: expect.stringMatching(/^github-/) as string }));
  });

  it('plan: a resource that cannot be read is in unread, exit 1, and no credential of the environment is in the document', async () => {
    leakyRefusal('/repos/acme-agency/apex-web/invitations');
    const run = await latch(['plan', '--format', 'json']);
    expect(run.code).toBe(1);
    const json = parsed<PlanJson>(run);
    const unread = json.unread.find((entry) => entry.resource === 'acme-agency/apex-web');
    expect(unread?.error).toContain('[redacted]');
    expect(run.stdout).not.toContain(OTHER_SECRET);
    expect(run.stdout).not.toContain(TOKEN);
  });

  it('drift: the same document with the findings, and no text header', async () => {
    github.addCollaboratorByHand('acme-agency/apex-web', 'jake-freelance', 'admin');
    const run = await latch(['drift', '--format', 'json']);
    expect(run.code, run.stderr).toBe(2);
    const json = parsed<PlanJson>(run);
    expect(json.changes).toContainEqual(expect.objectContaining({ action: 'revoke', resource: 'acme-agency/apex-web', principal: 'jake-freelance' }));
  });
});

describe('latch apply --format json', () => {
  it('each change with its outcome and audit record id; the ids are those of the records appended to --audit-log', async () => {
    const audit = join(repo.dir, 'audit.jsonl');
    const planned = parsed<PlanJson>(await latch(['plan', '--format', 'json']));
    const run = await latch(['apply', '--yes', '--format', 'json', '--audit-log', audit]);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<ApplyJson>(run);
    expect(json.fingerprint).toBe(planned.fingerprint);
    expect(json.reviewed).toBeNull();
    expect(json.stopped).toBeNull();
    expect(json.changes).toHaveLength(planned.changes.length);
    expect(json.changes.every((change) => change.status === 'applied' && /^[0-9a-f]{32}$/.test(change.id))).toBe(true);
    expect(json.counts).toEqual({ applied: planned.changes.length, alreadyInPlace: 0, failed: 0, notApplied: 0 });
    expect(json.auditLog).toBe(audit);
    const kept = (await readFile(audit, 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
    expect(kept).toEqual(json.changes.map((change) => change.id));
    expect(parsed<PlanJson>(await latch(['plan', '--format', 'json'])).changes).toEqual([]);
  });

  it('a change the platform refuses is failed with its reason, the others are applied, exit 1', async () => {
    github.switches.faults.push({ method: 'PUT', path: /\/collaborators\//, status: 422, body: { message: `Validation Failed near ${OTHER_SECRET}` } });
    const run = await latch(['apply', '--yes', '--format', 'json']);
    expect(run.code).toBe(1);
    const json = parsed<ApplyJson>(run);
    const failed = json.changes.filter((change) => change.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toContain('Validation Failed');
    expect(json.counts.failed).toBe(1);
    expect(json.counts.applied).toBe(json.changes.length - 1);
    expect(run.stdout).not.toContain(OTHER_SECRET);
  });

  it('applies a reviewed plan file and says which', async () => {
    const planFile = join(repo.dir, 'plan.json');
    await latch(['plan', '--out', planFile]);
    const run = await latch(['apply', '--plan', planFile, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<ApplyJson>(run);
    const saved = JSON.parse(await readFile(planFile, 'utf8')) as PlanJson;
    expect(json.reviewed).toEqual({ fingerprint: saved.fingerprint, changes: saved.changes.length });
    expect(json.counts.applied).toBe(saved.changes.length);
  });

  it('does not ask: without --yes or --plan it refuses before reading anything, stdout empty', async () => {
    const run = await latch(['apply', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('apply --format json does not ask before changing platforms: pass --yes, or --plan');
    expect(github.requests).toEqual([]);
  });
});

describe('latch status and report --format json', () => {
  it('status: every client with its health; a client with a resource that could not be read needs attention, and the run exits 1', async () => {
    leakyRefusal('/repos/acme-agency/apex-web/invitations');
    const run = await latch(['status', '--format', 'json']);
    expect(run.code, run.stderr).toBe(1);
    const json = parsed<{ today: string; clients: { client: string; status: string; attention: string[] }[] }>(run);
    expect(json.today).toBe('2026-11-23');
    expect(json.clients.map((client) => client.client).sort()).toEqual(['apex', 'bloom', 'cobalt']);
    const apex = json.clients.find((client) => client.client === 'apex');
    expect(apex?.status).toBe('needs-attention');
    expect(apex?.attention.join('\n')).toContain('could not be read');
    expect(run.stdout).not.toContain(OTHER_SECRET);
  });

  it('report: the page model on stdout; with --out, the file and a JSON line saying where', async () => {
    leakyRefusal('/repos/acme-agency/cobalt-portal/invitations');
    const page = await latch(['report', '--format', 'json']);
    expect(page.code, page.stderr).toBe(0);
    expect(parsed<{ today: string; matrices: { client: string }[] }>(page).matrices.map((matrix) => matrix.client)).toContain('apex');
    expect(page.stdout).toContain('[redacted]');
    expect(page.stdout).not.toContain(OTHER_SECRET);

    const out = join(repo.dir, 'report.json');
    const written = await latch(['report', '--format', 'json', '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(parsed<{ written: string[] }>(written)).toEqual({ written: [out] });
    expect((JSON.parse(await readFile(out, 'utf8')) as { today: string }).today).toBe('2026-11-23');
  });
});

describe('latch revoke --format json', () => {
  it('each revocation with its outcome and audit record id, and the change to the files', async () => {
    await latch(['apply', '--yes']);
    const run = await latch(['revoke', 'sam@apexoutdoor.com', '--everywhere', '--reason', 'laptop stolen', '--yes', '--by', 'maria', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<{
      person: string[];
      reason: string;
      by: string;
      revocations: { id: string; status: string; kind: string; resource: string; principal: string }[];
      unread: unknown[];
      auditKeptIn: string[];
      edits: { file: string; patch: string }[];
      pullRequest: unknown;
    }>(run);
    expect(json.person).toEqual(['sam-apex', 'sam@apexoutdoor.com']);
    expect(json).toMatchObject({ reason: 'laptop stolen', by: 'maria', unread: [], pullRequest: null });
    expect(json.revocations.length).toBeGreaterThan(0);
    expect(json.revocations.every((entry) => entry.status === 'applied' && entry.principal === 'sam-apex' && /^[0-9a-f]{32}$/.test(entry.id))).toBe(true);
    expect(json.auditKeptIn).toEqual([expect.stringContaining('branch latch-audit') as string]);
    expect(json.edits.map((edit) => edit.file)).toContain('clients/apex.yaml');
    const trail = await repo.git(['show', `latch-audit:audit/${new Date().toISOString().slice(0, 7)}.jsonl`]);
    for (const entry of json.revocations) expect(trail).toContain(entry.id);
  });

  it('does not ask: without --yes it refuses, stdout empty', async () => {
    const run = await latch(['revoke', 'sam@apexoutdoor.com', '--everywhere', '--reason', 'laptop stolen', '--by', 'maria', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('revoke --format json does not ask before changing platforms: pass --yes');
  });
});

describe('latch import and request --format json', () => {
  it("import: the clients written, the report of what was not mapped, and whether the files validate", async () => {
    const out = join(repo.dir, 'imported');
    const empty = await workspace({ ...(await examplePolicies()) });
    try {
      const run = await runCli(['import', '--platform', 'github', '--dir', empty.dir, '--out', out, '--format', 'json'], {
        cwd: repo.dir,
        env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN },
      });
      const json = parsed<{ platform: string; out: string; clients: { client: string; file: string; resources: number; people: number }[]; report: { unmapped: string[] }; valid: boolean; issues: unknown[] }>(run);
      expect(run.code).toBe(json.valid ? 0 : 1);
      expect(json).toMatchObject({ platform: 'github', out });
      expect(json.clients.map((client) => client.client)).toEqual(expect.arrayContaining(['apex', 'bloom']));
      const apex = json.clients.find((client) => client.client === 'apex');
      expect(apex?.file).toBe('clients/apex.yaml');
      expect(apex?.resources).toBeGreaterThan(0);
      expect(await readFile(join(out, 'clients/apex.yaml'), 'utf8')).toContain('client: apex');
      expect(Array.isArray(json.report.unmapped)).toBe(true);
    } finally {
      await empty.remove();
    }
  });

  it('request: a client with no verify-mode account gets the same document, with nothing asked', async () => {
    const run = await latch(['request', 'apex', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const json = parsed<{ client: string; file: string; todo: unknown[]; waiting: unknown[]; verified: unknown[]; unverified: unknown[] }>(run);
    expect(json).toMatchObject({ client: 'apex', file: 'clients/apex.yaml', todo: [], waiting: [], verified: [], unverified: [] });
  });
});
