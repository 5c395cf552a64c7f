import { describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator } from '../../../src/emulators/github/index.js';
import { emulatorPerTest } from '../../platforms/emulator-per-test.js';
import { call, TOKEN } from './fetch.js';

const emulators = emulatorPerTest<GithubEmulator>();

async function start(): Promise<GithubEmulator> {
  return emulators.started(await startGithubEmulator({ seed: { org: 'acme-agency', members: [], users: [], repos: {}, teams: {} }, token: TOKEN, conversations: { repositories: { 'acme-agency/access': {} } } }));
}

const PULLS = '/repos/acme-agency/access/pulls';

describe('POST /repos/{owner}/{repo}/pulls', () => {
  it('opens a pull request from a branch with commits, and refuses what GitHub refuses', async () => {
    const github = await start();
    const main = (await call(github.url, 'GET', '/repos/acme-agency/access/git/ref/heads/main')).body as { object: { sha: string } };
    const nothingNew = await call(github.url, 'POST', '/repos/acme-agency/access/git/refs', { body: { ref: 'refs/heads/same', sha: main.object.sha } });
    expect(nothingNew.status).toBe(201);
    const same = await call(github.url, 'POST', PULLS, { body: { title: 'x', head: 'same', base: 'main' } });
    expect(same.status).toBe(422);
    expect(same.body).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'No commits between main and same' }] });
    expect((await call(github.url, 'POST', PULLS, { body: { title: 'x', head: 'missing', base: 'main' } })).body).toMatchObject({ errors: [{ field: 'head', code: 'invalid' }] });
    expect((await call(github.url, 'POST', PULLS, { body: { head: 'same', base: 'main' } })).body).toMatchObject({ errors: [{ field: 'title', code: 'missing_field' }] });

    const tree = (await call(github.url, 'POST', '/repos/acme-agency/access/git/trees', { body: { tree: [{ path: 'a.txt', mode: '100644', type: 'blob', content: 'a' }] } })).body as { sha: string };
    const commit = (await call(github.url, 'POST', '/repos/acme-agency/access/git/commits', { body: { message: 'a', tree: tree.sha, parents: [main.object.sha] } })).body as { sha: string };
    await call(github.url, 'POST', '/repos/acme-agency/access/git/refs', { body: { ref: 'refs/heads/change', sha: commit.sha } });
    const opened = await call(github.url, 'POST', PULLS, { body: { title: 'Change', body: 'why', head: 'acme-agency:change', base: 'main' } });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ number: 1, state: 'open', title: 'Change', head: { ref: 'change', sha: commit.sha }, base: { ref: 'main', sha: main.object.sha } });
    const again = await call(github.url, 'POST', PULLS, { body: { title: 'Change', head: 'change', base: 'main' } });
    expect(again.body).toMatchObject({ errors: [{ message: 'A pull request already exists for acme-agency:change.' }] });
  });
});
