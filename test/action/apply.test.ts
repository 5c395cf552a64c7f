import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLY_MARKER } from '../../src/action/apply-comment.js';
import { AuditRecord } from '../../src/history/audit-log.js';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { BOT, closeWorld, pullRequestEvent, pushEvent, REPOSITORY, runAction, startWorld, type GitRepo } from './harness.js';

const PR = 12;
let github: GithubEmulator;
let repo: GitRepo;
let base: string;

beforeEach(async () => {
  ({ repo, base, github } = await startWorld(() => ({ conversations: { repositories: { [REPOSITORY]: {} } } })));
});

afterEach(() => closeWorld({ repo, github }));

/** Opens the pull request at `head` and lets the Action plan it, as the plan workflow does. */
async function reviewPullRequest(head: string, inputs: Record<string, string> = {}) {
  github.conversations.addPull(REPOSITORY, { number: PR, title: 'Access change', user: 'priya-acme', head: { ref: 'change', sha: head }, base: { ref: 'main', sha: base } });
  const plan = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'pull_request', payload: pullRequestEvent({ number: PR, head, base }), sha: head, inputs });
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  return plan;
}

/** Merges it and runs the Action on the push to main, as the apply workflow does. */
function mergeAndApply(head: string, inputs: Record<string, string> = {}) {
  github.conversations.mergePull(REPOSITORY, PR, { sha: head, by: 'maria-acme' });
  return runAction({
    dir: repo.dir,
    apiUrl: github.url,
    eventName: 'push',
    payload: pushEvent({ before: base, after: head }),
    sha: head,
    inputs: { 'audit-file': join(repo.dir, 'audit/latch-audit.jsonl'), ...inputs },
  });
}

function applyComment(): string {
  const pull = github.conversations.issues(REPOSITORY).find((issue) => issue.number === PR);
  const comments = pull?.comments.filter((comment) => comment.login === BOT && comment.body.startsWith(APPLY_MARKER)) ?? [];
  expect(comments).toHaveLength(1);
  return comments[0]?.body ?? '';
}

function platformWrites(): string[] {
  return github.requests.filter((request) => request.method !== 'GET' && request.path !== '/graphql' && !request.path.includes('/issues/') && !request.path.includes('/git/')).map((request) => `${request.method} ${request.path}`);
}

async function auditRecords(): Promise<Array<Record<string, unknown> & { change: Record<string, unknown> }>> {
  const text = await readFile(join(repo.dir, 'audit/latch-audit.jsonl'), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown> & { change: Record<string, unknown> });
}

describe('the Action on a push to main', () => {
  it('offboards a client whose file was deleted: the plan says so, the apply revokes everything of it', async () => {
    await rm(join(repo.dir, 'clients/cobalt.yaml'));
    const head = await repo.commit('Offboard Cobalt: contract ended');
    const plan = await reviewPullRequest(head);
    const comment = github.conversations.issues(REPOSITORY)[0]?.comments[0]?.body ?? '';
    expect(comment).toContain('### Offboarding Cobalt Freight: 2 revocations on 1 resource');
    expect(comment).toContain('not counted toward the mass-revocation bound');
    expect(plan.summary).toContain('**Offboarding Cobalt Freight**');

    const apply = await mergeAndApply(head);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const portal = github.snapshot().repos['acme-agency/cobalt-portal'];
    // Everything of Cobalt is gone; only the account Latch never touches stays.
    expect(portal?.collaborators).toEqual({ 'acme-bot': 'admin' });
    expect(portal?.invitations ?? []).toEqual([]);

    const result = applyComment();
    expect(result).toContain('## Latch apply: done');
    expect(result).toContain('Merged by @maria-acme');
    expect(result).toMatch(/\| ✓ \| revoke `push` \| `acme-agency\/cobalt-portal` \| `ken-cobalt` \| applied/);
    expect(result).toMatch(/\| ✓ \| revoke `admin` \| `acme-agency\/cobalt-portal` \| `tom-acme` \| applied/);
    expect(result).not.toContain('The plan changed since review');

    const records = await auditRecords();
    const cobalt = records.filter((record) => record.change.resource === 'acme-agency/cobalt-portal');
    expect(cobalt.map((record) => [record.change.principal, record.status, record.pr, record.mergedBy, record.commit])).toEqual([
      ['ken-cobalt', 'applied', PR, 'maria-acme', head],
      ['tom-acme', 'applied', PR, 'maria-acme', head],
    ]);
    expect(records.every((record) => typeof record.at === 'string' && record.trigger === 'apply')).toBe(true);
    // The register reads these records back.
    expect(records.map((record) => AuditRecord.safeParse(record).success)).toEqual(records.map(() => true));
    expect(apply.summary).toContain(`${records.length} records in \`latch-audit.jsonl\``);
  });

  it('edits its result comment when the apply job runs again, and finds nothing left to do', async () => {
    const head = await repo.commit('no file change: apply the reviewed drift fixes');
    // Without a file change only a whole-agency plan has anything to apply.
    const all = { 'plan-scope': 'all' };
    await reviewPullRequest(head, all);
    expect((await mergeAndApply(head, all)).code).toBe(0);
    const writes = platformWrites().length;
    const again = await mergeAndApply(head, all);
    expect(again.code, again.stdout).toBe(0);
    expect(platformWrites()).toHaveLength(writes);
    const result = applyComment();
    expect(result).toMatch(/- 6 reviewed changes already in place/);
    // What the first run did counts as already in place, in the comment and the summary.
    expect(result).toContain('**✓ 0 done · = 6 already in place · ✗ 0 failed · ⏭ 0 not applied**');
    expect(again.summary).toContain('Applied 0, already in place 6, failed 0, not applied 0.');
    expect(result).not.toContain('not applied:');
  });

  describe('a plan that changed between review and merge', () => {
    async function reviewThenDrift(): Promise<string> {
      const bloom = join(repo.dir, 'clients/bloom.yaml');
      await writeFile(bloom, (await readFile(bloom, 'utf8')).replace('people:\n', 'people:\n  noor: { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }\n'));
      const head = await repo.commit('Noor joins Bloom');
      await reviewPullRequest(head);
      // After review, someone grants access by hand: a revocation no reviewer saw.
      github.addCollaboratorByHand('acme-agency/bloom-site', 'jake-freelance', 'admin');
      return head;
    }

    it('stops without changing anything when on-stale-plan is stop, and says what differs', async () => {
      const head = await reviewThenDrift();
      const apply = await mergeAndApply(head, { 'on-stale-plan': 'stop' });
      expect(apply.code).toBe(1);
      expect(platformWrites()).toEqual([]);
      expect(apply.stdout).toMatch(/^::error::Latch applied nothing: the plan made now .* differs from the reviewed plan/m);
      const result = applyComment();
      expect(result).toContain('## Latch apply: stopped: nothing applied');
      expect(result).toContain('1 change no one reviewed');
      expect(result).toMatch(/\| ⏭ \| revoke `admin` \| `acme-agency\/bloom-site` \| `jake-freelance` \| not applied: /);
      const records = await auditRecords();
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((record) => record.status === 'skipped')).toBe(true);
    });

    it('applies only what was reviewed by default, never the change no one saw', async () => {
      const head = await reviewThenDrift();
      const apply = await mergeAndApply(head);
      expect(apply.code, apply.stdout).toBe(0);
      const state = github.snapshot();
      expect(state.repos['acme-agency/bloom-site']?.collaborators?.['jake-freelance']).toBe('admin');
      // Apex is outside what the pull request changed: its drift is the nightly run's to report.
      expect(state.repos['acme-agency/apex-web']?.collaborators?.['zoe-zephyr']).toBe('push');
      expect(state.repos['acme-agency/bloom-site']?.invitations?.map((invitation) => invitation.invitee)).toContain('noor-bloom');
      const result = applyComment();
      expect(result).toContain('### The plan changed since review');
      expect(result).toMatch(/\| ⏭ \| revoke `admin` \| `acme-agency\/bloom-site` \| `jake-freelance` \| not applied: not reviewed \|/);
      const skipped = (await auditRecords()).filter((record) => record.status === 'skipped');
      expect(skipped.map((record) => record.change.principal)).toEqual(['jake-freelance']);
    });
  });

  it('reads at merge what the merge changed, widened to every reviewed change', async () => {
    const bloom = join(repo.dir, 'clients/bloom.yaml');
    await writeFile(bloom, (await readFile(bloom, 'utf8')).replace('people:\n', 'people:\n  noor: { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }\n'));
    const head = await repo.commit('Noor joins Bloom');
    // Reviewed as a whole-agency plan: the revocation of zoe-zephyr on Apex is approved too.
    await reviewPullRequest(head, { 'plan-scope': 'all' });
    github.requests.length = 0;
    const apply = await mergeAndApply(head);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(github.snapshot().repos['acme-agency/apex-web']?.collaborators?.['zoe-zephyr']).toBeUndefined();
    const read = github.requests.filter((request) => request.method === 'GET').map((request) => request.path);
    expect(read).toContain('/repos/acme-agency/apex-web/invitations');
    expect(read).toContain('/repos/acme-agency/bloom-site/invitations');
    // Cobalt had nothing reviewed and its file did not change.
    expect(read).not.toContain('/repos/acme-agency/cobalt-portal/invitations');
    expect(applyComment()).not.toContain('The plan changed since review');
  });

  it('applies nothing for a commit no reviewed pull request made', async () => {
    await writeFile(join(repo.dir, 'clients/apex.yaml'), (await readFile(join(repo.dir, 'clients/apex.yaml'), 'utf8')).replace(/ {2}sam: .*\n/, ''));
    const head = await repo.commit('pushed straight to main');
    const apply = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'push', payload: pushEvent({ before: base, after: head }), sha: head });
    expect(apply.code).toBe(1);
    expect(platformWrites()).toEqual([]);
    expect(apply.stdout).toContain('no merged pull request made commit');
  });
});
