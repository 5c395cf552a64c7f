import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { appendAuditTrail } from '../../src/history/audit-trail.js';
import { recordLines, withRecordIds } from '../../src/history/audit-trail-records.js';
import { createApi, readSettings } from '../../src/platforms/github/client.js';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { closeWorld, pullRequestEvent, pushEvent, REPOSITORY, runAction, startWorld, TOKEN, type GitRepo } from './harness.js';

const PR = 21;
let github: GithubEmulator;
let repo: GitRepo;
let base: string;

beforeEach(async () => {
  ({ repo, base, github } = await startWorld(() => ({ conversations: { repositories: { [REPOSITORY]: {} } } })));
});

afterEach(() => closeWorld({ repo, github }));

/** Offboards Cobalt through a pull request the Action plans, as reviewers see it, then merges it. */
async function offboardCobalt() {
  await rm(join(repo.dir, 'clients/cobalt.yaml'));
  const head = await repo.commit('Offboard Cobalt');
  github.conversations.addPull(REPOSITORY, { number: PR, title: 'Access change', user: 'priya-acme', head: { ref: 'change', sha: head }, base: { ref: 'main', sha: base } });
  const plan = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'pull_request', payload: pullRequestEvent({ number: PR, head, base }), sha: head });
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  github.conversations.mergePull(REPOSITORY, PR, { sha: head, by: 'maria-acme' });
  return head;
}

function apply(head: string) {
  const inputs = { 'audit-file': join(repo.dir, 'out/latch-audit.jsonl') };
  return runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'push', payload: pushEvent({ before: base, after: head }), sha: head, inputs });
}

async function artifactLines(): Promise<string[]> {
  return (await readFile(join(repo.dir, 'out/latch-audit.jsonl'), 'utf8')).trimEnd().split('\n');
}

/** The trail branch's month files, concatenated in file order. */
function trailLines(branch = 'latch-audit'): string[] {
  const files = github.git.files(REPOSITORY, branch);
  if (!files) return [];
  const months = [...files.keys()].filter((path) => /^audit\/\d{4}-\d{2}\.jsonl$/.test(path)).sort();
  return months.flatMap((path) => (files.get(path) ?? '').trimEnd().split('\n'));
}

// Each test runs the bundled Action two or three times; a loaded machine needs more than the default.
describe('the audit trail branch of the access repository', { timeout: 90_000 }, () => {
  it('receives the records of an apply after a merge, the same records as the artifact, with ids', async () => {
    const head = await offboardCobalt();
    const run = await apply(head);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const artifact = await artifactLines();
    expect(artifact.length).toBeGreaterThan(0);
    expect(trailLines()).toEqual(artifact);
    const records = artifact.map((line) => JSON.parse(line) as { id: string; pr: number; mergedBy: string; status: string; change: { principal: string } });
    expect(records.every((record) => /^[0-9a-f]{32}$/.test(record.id) && record.pr === PR && record.mergedBy === 'maria-acme')).toBe(true);
    expect(records.filter((record) => record.status === 'applied').length).toBeGreaterThan(0);
    expect(run.stdout).toMatch(new RegExp(`Audit trail: ${records.length} records appended to branch latch-audit \\(audit/\\d{4}-\\d{2}\\.jsonl, commit [0-9a-f]{7}\\)`));
    expect(github.git.files(REPOSITORY, 'main')?.has('audit/')).toBe(false);
  });

  it('appends after what earlier runs left on the branch, never rewriting it', async () => {
    const earlier = withRecordIds(`${JSON.stringify({ at: '2020-01-02T09:00:00.000Z', trigger: 'drift', status: 'applied', change: {} })}\n`);
    const settings = readSettings({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, LATCH_GITHUB_WRITE_INTERVAL_MS: '0' });
    const [owner = '', name = ''] = REPOSITORY.split('/');
    await appendAuditTrail({ api: createApi(settings, pino({ level: 'silent' })), owner, repo: name }, 'latch-audit', earlier);
    const first = trailLines();
    const run = await apply(await offboardCobalt());
    expect(run.code, run.stdout).toBe(0);
    const both = trailLines();
    expect(both).toEqual([...first, ...(await artifactLines())]);
    expect(github.git.files(REPOSITORY, 'latch-audit')?.get('audit/2020-01.jsonl')).toBe(recordLines(earlier));
    expect(github.git.log(REPOSITORY, 'latch-audit')).toHaveLength(2);
  });

  it('writes to the branch the audit-branch input names', async () => {
    const head = await offboardCobalt();
    const run = await runAction({
      dir: repo.dir,
      apiUrl: github.url,
      eventName: 'push',
      payload: pushEvent({ before: base, after: head }),
      sha: head,
      inputs: { 'audit-file': join(repo.dir, 'out/latch-audit.jsonl'), 'audit-branch': 'compliance/access-log' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(trailLines('compliance/access-log')).toEqual(await artifactLines());
    expect(github.git.files(REPOSITORY, 'latch-audit')).toBeUndefined();
  });

  it('fails the job loudly when the records cannot be appended, and keeps them in the artifact', async () => {
    const head = await offboardCobalt();
    github.switches.faults.push({ method: 'POST', path: '/git/blobs', status: 403, body: { message: 'Resource not accessible by integration' }, times: 50 });
    const run = await apply(head);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::Latch could not append \d+ audit records to branch latch-audit of acme-agency\/access: .*403 Resource not accessible by integration/m);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.outputs['audit-file']).toBe(join(repo.dir, 'out/latch-audit.jsonl'));
    expect((await artifactLines()).length).toBeGreaterThan(0);
    expect(github.git.files(REPOSITORY, 'latch-audit')).toBeUndefined();
    // The access changes themselves were carried out: only the record keeping failed.
    expect(github.snapshot().repos['acme-agency/cobalt-portal']?.collaborators).toEqual({ 'acme-bot': 'admin' });
  });

  it('refuses an audit-branch input git would not accept, before touching anything', async () => {
    const run = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'push', payload: pushEvent({ before: base, after: base }), sha: base, inputs: { 'audit-branch': 'audit..log' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Latch: input audit-branch is "audit..log"; use a branch name such as latch-audit');
    expect(github.requests).toEqual([]);
  });

  describe('on a drift run that revokes expired grants', () => {
    function drift() {
      const inputs = { 'audit-file': join(repo.dir, 'out/latch-audit.jsonl') };
      // Ken's access to Cobalt ends on 2026-12-31.
      return runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'schedule', payload: { schedule: '17 3 * * *' }, sha: base, inputs, env: { LATCH_TODAY: '2027-01-04' } });
    }

    it('puts the revocation records on the branch', async () => {
      const run = await drift();
      expect(run.code, run.stdout).toBe(2);
      const lines = await artifactLines();
      expect(lines.map((line) => JSON.parse(line) as { trigger: string; change: { principal: string } }).map((record) => `${record.trigger} ${record.change.principal}`)).toEqual(['drift ken-cobalt']);
      expect(trailLines()).toEqual(lines);
    });

    it('fails the job with exit 1, not the drift code, when the branch refuses them', async () => {
      github.switches.faults.push({ method: 'POST', path: '/git/blobs', status: 403, body: { message: 'Resource not accessible by integration' }, times: 50 });
      const run = await drift();
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::Latch could not append 1 audit record to branch latch-audit/m);
      expect(await artifactLines()).toHaveLength(1);
    });
  });
});
