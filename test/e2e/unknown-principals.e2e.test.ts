import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { DEMO_SLACK } from '../../src/demo/google-slack-seeds.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { startSlackEmulator, type SlackEmulator } from '../../src/emulators/slack/index.js';
import { runLatch } from './cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from './workspace.js';

const GITHUB_TOKEN = 'ghs_unknownPrincipalsTestToken000000000';
const SLACK_TOKEN = 'xoxb-unknownPrincipalsTestToken-000000';

/** A new client: maria is on the platforms already, ivan's login is mistyped and his e-mail has no Slack account. */
const ZEPHYR = [
  'client: zephyr',
  'name: Zephyr Labs',
  'domains: [zephyrlabs.io]',
  'owners: [maria]',
  '',
  'resources:',
  '  legacy: { kind: github-repo, ref: acme-agency/zephyr-legacy }',
  '  chat:   { kind: slack-channel, ref: C0ZEPH01 }',
  '',
  'people:',
  '  zoe:   { email: zoe@zephyrlabs.io, github: zoe-zephyr, role: client-admin }',
  '  ivan:  { email: ivan@zephyrlabs.io, github: ivan-zephyrr, role: client-contributor }',
  '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }',
  '',
].join('\n');
const IVAN_LINE = ZEPHYR.split('\n').findIndex((line) => line.startsWith('  ivan:')) + 1;

interface JsonPlan {
  changes: { action: string; principal: string }[];
  unknownPrincipals?: { platform: string; principal: string; message: string; clients: string[]; declared: { file: string; line: number }[] }[];
  uncheckedPrincipals?: { platform: string; principal: string; error: string }[];
}

let github: GithubEmulator;
let slack: SlackEmulator;
let repo: Workspace;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: GITHUB_TOKEN });
  const seed = structuredClone(DEMO_SLACK);
  seed.channels.C0ZEPH01 = { name: 'zephyr', members: ['U09ZOE'] };
  slack = await startSlackEmulator({ seed, token: SLACK_TOKEN });
  repo = await workspace({ ...(await examplePolicies()), ...GITHUB_CLIENTS, 'clients/zephyr.yaml': ZEPHYR });
});

afterEach(async () => {
  await github.close();
  await slack.close();
  await repo.remove();
});

const latch = (args: string[]) =>
  runLatch(args, {
    cwd: repo.dir,
    env: {
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN,
      LATCH_GITHUB_WRITE_INTERVAL_MS: '0',
      LATCH_SLACK_API_URL: slack.url,
      SLACK_TOKEN,
      LATCH_RETRY_BASE_MS: '1',
    },
  });

const userLookups = () => github.requests.filter((request) => request.path.startsWith('/users/')).map((request) => request.path);
const slackLookups = () => slack.requests.filter((request) => request.path.endsWith('users.lookupByEmail'));

describe('latch plan against the emulated GitHub and Slack: principals the platforms do not know', () => {
  it('shows a mistyped login and an e-mail without a Slack account as errors with file:line, and exits 1', async () => {
    const text = await latch(['plan']);

    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toContain('Unknown on the platform (2; these grants would fail at apply: fix the client files):');
    expect(text.stdout).toContain(`ivan-zephyrr (github, zephyr): GitHub has no user with this login; declared at clients/zephyr.yaml:${IVAN_LINE}`);
    expect(text.stdout).toContain(`ivan@zephyrlabs.io (slack, zephyr): no Slack account in the workspace has this e-mail; declared at clients/zephyr.yaml:${IVAN_LINE}`);
    expect(text.stdout).not.toContain(GITHUB_TOKEN);

    const json = await latch(['plan', '--format', 'json']);
    expect(json.code).toBe(1);
    const plan = JSON.parse(json.stdout) as JsonPlan;
    expect(plan.unknownPrincipals).toEqual([
      { platform: 'github', principal: 'ivan-zephyrr', message: 'GitHub has no user with this login', clients: ['zephyr'], declared: [{ file: 'clients/zephyr.yaml', line: IVAN_LINE, column: expect.any(Number) as unknown }] },
      { platform: 'slack', principal: 'ivan@zephyrlabs.io', message: 'no Slack account in the workspace has this e-mail', clients: ['zephyr'], declared: [{ file: 'clients/zephyr.yaml', line: IVAN_LINE, column: expect.any(Number) as unknown }] },
    ]);
    expect(plan.uncheckedPrincipals).toBeUndefined();

    const markdown = await latch(['plan', '--format', 'markdown']);
    expect(markdown.stdout).toContain('⛔ **Unknown on the platform: these grants would fail at apply; fix the client files** (2)');
  }, 60_000);

  it('asks only about the principals no reading shows: maria, already on both platforms, costs no call', async () => {
    const run = await latch(['plan', '--format', 'json']);

    const plan = JSON.parse(run.stdout) as JsonPlan;
    expect(plan.changes).toContainEqual(expect.objectContaining({ action: 'grant', principal: 'maria-acme' }));
    expect(plan.changes).toContainEqual(expect.objectContaining({ action: 'grant', principal: 'maria@acme-agency.com' }));
    expect(userLookups()).toEqual(['/users/ivan-zephyrr']);
    // The channels' reads fetched the workspace's user list: e-mails are answered from it.
    expect(slackLookups()).toEqual([]);
  }, 60_000);

  it('shows a lookup GitHub keeps failing as not checked, never as unknown, and the plan does not fail for it', async () => {
    github.switches.faults.push({ method: 'GET', path: '/users/', status: 502, raw: '<html>Bad Gateway</html>', times: 20 });

    const run = await latch(['plan', '--format', 'json']);

    expect(run.code, run.stderr).toBe(1);
    const plan = JSON.parse(run.stdout) as JsonPlan;
    expect(plan.unknownPrincipals?.map((entry) => entry.principal)).toEqual(['ivan@zephyrlabs.io']);
    expect(plan.uncheckedPrincipals).toEqual([{ platform: 'github', principal: 'ivan-zephyrr', error: expect.stringContaining('GET /users/ivan-zephyrr: 502') as unknown }]);

    slack.addUser({ id: 'U10IVAN', email: 'ivan@zephyrlabs.io', name: 'ivan' });
    github.switches.faults.push({ method: 'GET', path: '/users/', status: 502, raw: '<html>Bad Gateway</html>', times: 20 });
    const text = await latch(['plan']);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toContain('Could not check on the platform (1; not an error, checked again next run):');
    expect(text.stdout).not.toContain('Unknown on the platform');
  }, 60_000);
});
