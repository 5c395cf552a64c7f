import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { PLAN_MARKER } from '../../src/report/pr-comment.js';
import { BOT, closeWorld, pullRequestEvent, pushEvent, REPOSITORY, startWorld, TOKEN, type GitRepo } from './harness.js';
import { runInProcess } from './in-process.js';

let github: GithubEmulator;
let repo: GitRepo;
let base: string;

beforeEach(async () => {
  const seed = structuredClone(DEMO_GITHUB);
  seed.users = [...(seed.users ?? []), 'noor-bloom', 'omar-bloom'];
  ({ repo, base, github } = await startWorld(() => ({ seed, conversations: { repositories: { [REPOSITORY]: {} } } })));
});

afterEach(() => closeWorld({ repo, github }));

async function addPerson(line: string): Promise<string> {
  const path = join(repo.dir, 'clients/bloom.yaml');
  await writeFile(path, (await readFile(path, 'utf8')).replace('people:\n', `people:\n  ${line}\n`));
  return repo.commit(`${line.split(':')[0] ?? ''} joins Bloom`);
}

/** Opens pull request `number` from `from` to `head` and lets the Action plan it; returns its plan comment. */
async function planPullRequest(number: number, from: string, head: string): Promise<{ comment: string; summary: string }> {
  github.conversations.addPull(REPOSITORY, { number, title: 'Access change', user: 'priya-acme', head: { ref: `change-${number}`, sha: head }, base: { ref: 'main', sha: from } });
  const run = await runInProcess({ dir: repo.dir, apiUrl: github.url, eventName: 'pull_request', payload: pullRequestEvent({ number, head, base: from }), sha: head });
  expect(run.code, run.stdout).toBe(0);
  const comment = github.conversations.issues(REPOSITORY).find((issue) => issue.number === number)?.comments.find((entry) => entry.login === BOT && entry.body.startsWith(PLAN_MARKER));
  return { comment: comment?.body ?? '', summary: run.summary };
}

async function mergeAndApply(number: number, from: string, head: string) {
  github.conversations.mergePull(REPOSITORY, number, { sha: head, by: 'maria-acme' });
  const inputs = { 'audit-file': join(repo.dir, 'out/latch-audit.jsonl') };
  return runInProcess({ dir: repo.dir, apiUrl: github.url, eventName: 'push', payload: pushEvent({ before: from, after: head }), sha: head, inputs });
}

/** The block of the comment that starts with `heading`, up to the next heading of its level. */
function block(comment: string, heading: string): string {
  const start = comment.indexOf(`### ${heading}`);
  if (start < 0) return '';
  const next = comment.indexOf('\n### ', start + 4);
  return comment.slice(start, next < 0 ? undefined : next);
}

const REFUSAL = 'Must have admin rights to Repository.';

describe('a change that failed at the last apply', { timeout: 60_000 }, () => {
  it('is shown as failed with the reason on the next pull request, not as drift, until an apply carries it out', async () => {
    const first = await addPerson('noor:   { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }');
    await planPullRequest(12, base, first);
    // GitHub's answer to a collaborator write the token may not make (REST: "Add a repository collaborator", 403).
    github.switches.faults.push({ method: 'PUT', path: '/repos/acme-agency/bloom-site/collaborators/noor-bloom', status: 403, body: { message: REFUSAL }, times: 20 });
    const failing = await mergeAndApply(12, base, first);
    expect(failing.code).toBe(1);
    expect(github.git.files(REPOSITORY, 'latch-audit')?.size).toBeGreaterThan(0);
    github.switches.faults.length = 0;

    const second = await addPerson('omar:   { email: omar@bloombotanicals.com, github: omar-bloom, role: client-contributor }');
    const { comment, summary } = await planPullRequest(13, first, second);
    const failed = block(comment, 'Failed at the last apply');
    expect(failed).toContain('### Failed at the last apply (1)');
    expect(failed).toMatch(/bloom: `grant noor-bloom push on acme-agency\/bloom-site \(github-repo\)`\. Failed at the last apply \(pull request \\#12, \d{4}-\d{2}-\d{2}\): .*Must have admin rights to Repository\./);
    expect(failed).not.toContain(TOKEN);
    expect(block(comment, 'Drift that already existed')).not.toContain('noor-bloom');
    expect(block(comment, 'Changes this pull request makes')).toContain('omar-bloom');
    expect(block(comment, 'Changes this pull request makes')).not.toContain('noor-bloom');
    expect(summary).not.toContain('audit trail could not be read');

    const fixed = await mergeAndApply(13, first, second);
    expect(fixed.code, fixed.stdout).toBe(0);
    const third = await repo.commit('no access change');
    const after = await planPullRequest(14, second, third);
    expect(after.comment).not.toContain('Failed at the last apply');
    expect(after.comment).not.toContain('noor-bloom');
  });

  it('is not marked when the trail cannot be read, and the plan says so in one line', async () => {
    const head = await addPerson('noor:   { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }');
    // A token without Contents: read on the access repository.
    github.switches.faults.push({ method: 'GET', path: '/git/ref/', status: 403, body: { message: 'Resource not accessible by integration' } });
    const { comment } = await planPullRequest(12, base, head);
    expect(comment).toMatch(/ℹ️ The audit trail could not be read, so changes that failed at the last apply are not marked: .*403 Resource not accessible by integration/);
    expect(comment).toContain('### Changes this pull request makes (2)');
  });
});

describe('a pull request against a main whose files do not validate', { timeout: 60_000 }, () => {
  it('is planned alone, and the comment says the comparison and offboarding are unavailable, naming the base error', async () => {
    const path = join(repo.dir, 'clients/bloom.yaml');
    const valid = await readFile(path, 'utf8');
    await writeFile(path, valid.replace(/(olivia: \{[^}]*role: )client-admin/, '$1client-boss'));
    const broken = await repo.commit('a role that does not exist');
    const line = valid.split('\n').findIndex((text) => text.includes('olivia:')) + 1;
    await writeFile(path, valid.replace('people:\n', 'people:\n  noor:   { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }\n'));
    const head = await repo.commit('Fix the role, and Noor joins');

    const { comment, summary } = await planPullRequest(15, broken, head);
    expect(comment).toContain(`⚠️ The files at the base ${broken} do not validate (clients/bloom.yaml:${line}:`);
    expect(comment).toContain('the comparison with the base (drift that already existed) and offboarding (client files deleted since the base) are unavailable for this run');
    expect(comment).toContain('### Changes by client');
    expect(comment).toContain('noor-bloom');
    expect(comment).not.toContain('Not compared with the base');
    expect(comment).toMatch(/<!-- latch:reviewed v1 head=[0-9a-f]{40} /);
    expect(summary).toContain('do not validate');

    // Merged, the repair is applied as reviewed: the plan at merge is made against the broken commit too.
    const applied = await mergeAndApply(15, broken, head);
    expect(applied.code, applied.stdout).toBe(0);
    expect(github.snapshot().repos['acme-agency/bloom-site']?.invitations?.map((invitation) => invitation.invitee)).toContain('noor-bloom');
  });
});
