import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GithubEmulator } from '../../src/emulators/github/index.js';
import { BOT, closeWorld, pullRequestEvent, REPOSITORY, runAction, startWorld, type GitRepo } from './harness.js';

const PR = 9;
let github: GithubEmulator;
let repo: GitRepo;
let base: string;

beforeEach(async () => {
  ({ repo, base, github } = await startWorld((commit) => ({
    conversations: { repositories: { [REPOSITORY]: { pulls: [{ number: PR, title: 'Noor joins Bloom', user: 'maria-acme', head: { ref: 'noor', sha: commit }, base: { ref: 'main', sha: commit } }] } } },
  })));
});

afterEach(() => closeWorld({ repo, github }));

async function planRun(inputs: Record<string, string> = {}) {
  const path = join(repo.dir, 'clients/bloom.yaml');
  await writeFile(path, (await readFile(path, 'utf8')).replace('people:\n', 'people:\n  noor:   { email: noor@bloombotanicals.com, github: noor-bloom, role: client-contributor }\n'));
  const head = await repo.commit('Noor joins Bloom');
  const run = await runAction({ dir: repo.dir, apiUrl: github.url, eventName: 'pull_request', payload: pullRequestEvent({ number: PR, head, base }), sha: head, inputs });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const comment = github.conversations.issues(REPOSITORY).find((issue) => issue.number === PR)?.comments.find((entry) => entry.login === BOT);
  return { body: comment?.body ?? '', paths: github.requests.map((request) => request.path) };
}

/** How often each repository's invitations were read: once by the head's plan, once by the base's. */
function invitationReads(paths: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const path of paths) {
    const repository = /^\/repos\/acme-agency\/([^/]+)\/invitations$/.exec(path)?.[1];
    if (repository) counts[repository] = (counts[repository] ?? 0) + 1;
  }
  return counts;
}

describe('the Action plans a pull request within what it changes', () => {
  it('reads the changed client for the head and the base alike, says so, and still marks drift that existed there', async () => {
    const { body, paths } = await planRun();
    expect(invitationReads(paths)).toEqual({ 'bloom-site': 2 });
    expect(paths.filter((path) => /\/teams\/(?!bloom-)/.test(path))).toEqual([]);
    expect(paths).not.toContain('/orgs/acme-agency/outside_collaborators');
    expect(body).toContain(`🔎 Scope: 1 of 3 clients (bloom), changed since ${base.slice(0, 7)}; audits and other clients are left to the nightly drift run.`);
    const [introduced = '', existing = ''] = body.split('### Drift that already existed');
    expect(introduced).toContain('noor-bloom');
    expect(existing).toContain('ken-cobalt');
    expect(existing).not.toContain('noor-bloom');
    expect(body).not.toContain('zoe-zephyr');
  });

  it('reads every client for the head and the base with plan-scope all', async () => {
    const { body, paths } = await planRun({ 'plan-scope': 'all' });
    expect(invitationReads(paths)).toEqual({ 'apex-api': 2, 'apex-web': 2, 'bloom-site': 2, 'cobalt-portal': 2 });
    expect(body).not.toContain('Scope:');
    expect(body.split('### Drift that already existed')[1]).toContain('zoe-zephyr');
  });
});
