import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator, type PushedCommit } from '../../src/emulators/github/index.js';

const TOKEN = 'ghs_sandboxMergeTestToken000000000';
const REPO = 'acme-agency/access';
const sha = (digit: string) => digit.repeat(40);
const commit = (id: string, parents: string[], files: Record<string, string> = { 'clients/apex.yaml': `client: apex # ${id}\n` }): PushedCommit => ({
  sha: sha(id),
  parents: parents.map(sha),
  message: `commit ${id}`,
  date: '2026-11-23T09:00:00Z',
  files,
});

let github: GithubEmulator;
beforeEach(async () => {
  github = await startGithubEmulator({ seed: { org: 'acme-agency', members: ['maria-acme'], repos: {} }, token: TOKEN, conversations: { repositories: { [REPO]: {} } } });
  github.push(REPO, 'main', [commit('1', [])], 'maria-acme');
  github.push(REPO, 'change', [commit('2', ['1'], { 'clients/apex.yaml': 'client: apex # changed\n' }), commit('1', [])], 'maria-acme');
});
afterEach(async () => {
  await github.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${github.url}${path}`, { method, headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function openPull(): Promise<number> {
  const created = await call('POST', `/repos/${REPO}/pulls`, { title: 'Change', head: 'change', base: 'main' });
  expect(created.status).toBe(201);
  return created.body.number as number;
}

describe('pull requests of the sandbox: pushed branches, merges', () => {
  it('opens a pull request on pushed branches, with their git ids', async () => {
    const number = await openPull();
    const pull = await call('GET', `/repos/${REPO}/pulls/${number}`);
    expect(pull.body.head).toMatchObject({ ref: 'change', sha: sha('2') });
    expect(pull.body.base).toMatchObject({ ref: 'main', sha: sha('1') });
    expect(github.git.files(REPO, 'change')?.get('clients/apex.yaml')).toBe('client: apex # changed\n');
  });

  it('moves the head on a push to the branch, and marks the pull request merged when its head reaches main by a push', async () => {
    const number = await openPull();
    expect(github.push(REPO, 'change', [commit('3', ['2']), commit('2', ['1']), commit('1', [])], 'maria-acme').merged).toEqual([]);
    expect((await call('GET', `/repos/${REPO}/pulls/${number}`)).body.head).toMatchObject({ sha: sha('3') });
    const merged = github.push(REPO, 'main', [commit('4', ['1', '3']), commit('3', ['2']), commit('2', ['1']), commit('1', [])], 'maria-acme');
    expect(merged.merged).toEqual([number]);
    const pull = await call('GET', `/repos/${REPO}/pulls/${number}`);
    expect(pull.body).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: sha('4'), merged_by: { login: 'maria-acme' } });
    const found = await call('GET', `/repos/${REPO}/commits/${sha('4')}/pulls`);
    expect(found.status).toBe(200);
  });

  it('merges through PUT /pulls/{n}/merge as GitHub documents it', async () => {
    const number = await openPull();
    expect((await call('PUT', `/repos/${REPO}/pulls/${number}/merge`, { sha: sha('9') })).status).toBe(409);
    expect((await call('PUT', `/repos/${REPO}/pulls/${number}/merge`, { merge_method: 'fast-forward' })).status).toBe(422);
    const merged = await call('PUT', `/repos/${REPO}/pulls/${number}/merge`, { sha: sha('2'), merge_method: 'merge' });
    expect(merged).toMatchObject({ status: 200, body: { merged: true, message: 'Pull Request successfully merged' } });
    expect(github.git.log(REPO, 'main')).toEqual([`Merge pull request #${number} from acme-agency/change`, 'commit 1']);
    expect(github.git.files(REPO, 'main')?.get('clients/apex.yaml')).toBe('client: apex # changed\n');
    expect((await call('GET', `/repos/${REPO}/pulls/${number}`)).body).toMatchObject({ merged: true, merge_commit_sha: merged.body.sha });
    expect((await call('PUT', `/repos/${REPO}/pulls/${number}/merge`, {})).status).toBe(405);
    expect((await call('PUT', `/repos/${REPO}/pulls/99/merge`, {})).status).toBe(404);
  });
});
