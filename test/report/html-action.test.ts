import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { makeGitRepo, REPOSITORY, ROOT, runAction, TOKEN, type GitRepo } from '../action/harness.js';

let github: GithubEmulator;
let repo: GitRepo;
let bundle: string;

// The Action as these sources bundle it, so the test holds whether or not dist/ was rebuilt.
beforeAll(async () => {
  bundle = await mkdtemp(join(tmpdir(), 'latch-bundle-'));
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build-action.mjs'), join(bundle, 'index.js')], { cwd: ROOT });
  repo = await makeGitRepo();
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN, conversations: { repositories: { [REPOSITORY]: { issues: [] } } } });
});

afterAll(async () => {
  await github?.close();
  await repo?.remove();
  await rm(bundle, { recursive: true, force: true });
});

it('the drift run writes the report page of what it read and names it in an output', async () => {
  const sha = await repo.commit('main');
  const run = await runAction({
    dir: repo.dir,
    apiUrl: github.url,
    eventName: 'schedule',
    payload: { schedule: '17 3 * * *' },
    sha,
    inputs: { 'audit-file': join(repo.dir, 'latch-audit.jsonl'), 'report-file': 'out/report.html', 'revoke-expired': 'false' },
    entry: join(bundle, 'index.js'),
  });
  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(run.outputs['report-file']).toBe(join(repo.dir, 'out/report.html'));
  const html = await readFile(join(repo.dir, 'out/report.html'), 'utf8');
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('data-client="apex"');
  // The drift it found: an outside collaborator no client declares, on a client's repository.
  expect(html).toMatch(/<section id="drift"[^]*zoe-zephyr[^]*<\/section>/);
  expect(html).not.toContain('Platforms not read');
  expect(html).not.toContain(TOKEN);
});
