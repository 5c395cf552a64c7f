import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { GITHUB_BODY_LIMIT } from '../../src/report/pr-comment.js';
import { BOT, makeGitRepo, pullRequestEvent, pushEvent, REPOSITORY, runAction, TOKEN, type ActionRun, type GitRepo } from './harness.js';

const PR = 31;
const CONTRACTORS = 3000;
let github: GithubEmulator;
let repo: GitRepo;
let base: string;
let head: string;
let plan: ActionRun;

const WHOLE_AGENCY = { 'plan-scope': 'all' };

/** Three thousand people nobody declared on one repository: an unexplained mass revocation. */
beforeAll(async () => {
  repo = await makeGitRepo();
  base = await repo.commit('base');
  head = await repo.commit('a small change');
  const seed = structuredClone(DEMO_GITHUB);
  const web = seed.repos['acme-agency/apex-web'];
  for (let index = 0; index < CONTRACTORS; index += 1) {
    if (web?.collaborators) web.collaborators[`contractor-with-a-long-login-${String(index).padStart(4, '0')}`] = 'push';
  }
  github = await startGithubEmulator({
    seed,
    token: TOKEN,
    conversations: { repositories: { [REPOSITORY]: { pulls: [{ number: PR, title: 'Small change', head: { ref: 'small', sha: head }, base: { ref: 'main', sha: base } }] } } },
  });
  // The change touches no client file: only a whole-agency plan sees the three thousand.
  plan = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'pull_request', payload: pullRequestEvent({ number: PR, head, base }), sha: head, inputs: WHOLE_AGENCY });
});

afterAll(async () => {
  await github.close();
  await repo.remove();
});

function comment(): string {
  return github.conversations.issues(REPOSITORY)[0]?.comments.find((entry) => entry.login === BOT)?.body ?? '';
}

describe('a plan too large for one comment', () => {
  it('stays under GitHub’s limit, keeps counts and clients, and cuts details visibly', () => {
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const body = comment();
    expect(body.length).toBeGreaterThan(10_000);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('✂️ **Details cut**');
    expect(body).toMatch(new RegExp(`\\*\\*−${CONTRACTORS + 2}\\*\\* to revoke`));
    for (const client of ['apex', 'bloom']) expect(body).toMatch(new RegExp(`<summary><b>${client}</b>: \\+\\d+ ~\\d+ −\\d+</summary>`));
    expect(body).toContain('🚨 **Mass revocation');
  });

  it('keeps the whole plan in the plan file and the job summary', async () => {
    const saved = JSON.parse(await readFile(plan.outputs['plan-file'] ?? '', 'utf8')) as { changes: Array<{ principal: string }> };
    expect(saved.changes.filter((change) => change.principal.startsWith('contractor-'))).toHaveLength(CONTRACTORS);
    expect(plan.summary).toContain('contractor-with-a-long-login-2999');
  });

  it('stops the apply after merge: an unexplained mass revocation is not applied', async () => {
    github.conversations.mergePull(REPOSITORY, PR, { sha: head, by: 'maria-acme' });
    const apply = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'push', payload: pushEvent({ before: base, after: head }), sha: head, inputs: WHOLE_AGENCY });
    expect(apply.code).toBe(1);
    expect(github.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
    expect(apply.stdout).toMatch(/::error::Latch applied nothing: mass revocation: 3\d{3} revocations/);
    const result = github.conversations.issues(REPOSITORY)[0]?.comments.find((entry) => entry.body.startsWith('<!-- latch:apply -->'))?.body ?? '';
    expect(result.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(result).toContain('label the pull request latch:allow-mass-revoke');
  });
});
