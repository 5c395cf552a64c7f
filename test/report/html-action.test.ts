import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { startSlackEmulator, type SlackEmulator } from '../../src/emulators/slack/index.js';
import { makeGitRepo, REPOSITORY, ROOT, runDrift, TOKEN, type GitRepo } from '../action/harness.js';

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

let slack: SlackEmulator | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const SLACK_TOKEN = 'xoxb-notify-test-token-never-printed';

/** The agency's channel: the bot is a member of C0AGENCY only. */
async function startSlack(): Promise<SlackEmulator> {
  slack = await startSlackEmulator({
    seed: { team: 'T0ACME', botUserId: 'U0LATCH', users: [], channels: { C0AGENCY: { members: [] }, C0ELSEWHERE: { members: [], withoutApp: true } } },
    token: SLACK_TOKEN,
  });
  return slack;
}

async function notifyTo(channel: string | undefined): Promise<void> {
  const file = join(repo.dir, 'policies/platforms.yaml');
  const text = (await readFile(file, 'utf8')).replace(/^slack:.*$/m, channel ? `slack: { workspace: T0ACME, notify: { channel: ${channel} } }` : 'slack: { workspace: T0ACME }');
  await writeFile(file, text);
}

function driftRun(env: NodeJS.ProcessEnv) {
  return async () => {
    const sha = await repo.commit('main');
    return runDrift({ dir: repo.dir, apiUrl: github.url, sha, inputs: { 'revoke-expired': 'false' }, entry: join(bundle, 'index.js'), env });
  };
}

afterAll(async () => {
  await github?.close();
  await repo?.remove();
  await rm(bundle, { recursive: true, force: true });
});

it('the drift run writes the report page of what it read and names it in an output', async () => {
  const sha = await repo.commit('main');
  const run = await runDrift({ dir: repo.dir, apiUrl: github.url, sha, inputs: { 'report-file': 'out/report.html', 'revoke-expired': 'false' }, entry: join(bundle, 'index.js') });
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

it('posts a short summary to the agency channel when slack.notify is set, linking the issue and the run', async () => {
  const emulator = await startSlack();
  await notifyTo('C0AGENCY');
  const run = await driftRun({ SLACK_TOKEN, LATCH_SLACK_API_URL: emulator.url })();
  expect(run.code, run.stdout + run.stderr).toBe(2);
  const [message, ...more] = emulator.messages();
  expect(more).toEqual([]);
  expect(message?.channel).toBe('C0AGENCY');
  expect(message?.text).toMatch(/^\*Latch drift check, 2026-11-23\*\n• Drift: \d+ differences, 1 finding: <https:\/\/github\.com\/acme-agency\/access\/issues\/\d+\|the drift issue>\./);
  expect(message?.text).toMatch(/\nReport: <https:\/\/github\.com\/acme-agency\/access\/actions\/runs\/\d+\|the report page>$/);
  expect(message?.text).not.toContain(SLACK_TOKEN);
  expect(message?.text).not.toContain(TOKEN);
  expect(run.stdout).toContain('Slack: summary posted to C0AGENCY.');
});

it('posts nothing when slack.notify is not set', async () => {
  const emulator = await startSlack();
  await notifyTo(undefined);
  const run = await driftRun({ SLACK_TOKEN, LATCH_SLACK_API_URL: emulator.url })();
  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(emulator.messages()).toEqual([]);
  expect(emulator.requests.filter((request) => request.path.endsWith('chat.postMessage'))).toEqual([]);
});

it('warns and carries on when the message cannot be posted', async () => {
  const emulator = await startSlack();
  await notifyTo('C0ELSEWHERE');
  const run = await driftRun({ SLACK_TOKEN, LATCH_SLACK_API_URL: emulator.url })();
  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(emulator.messages()).toEqual([]);
  expect(run.stdout).toMatch(/^::warning::Slack notification not sent: .*not_in_channel/m);
  expect(run.stdout + run.stderr).not.toContain(SLACK_TOKEN);
});
