import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import type { LiveEntry } from '../../src/history/live.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import type { WhoReport } from '../../src/report/who.js';
import { runLatch } from '../e2e/cli-harness.js';
import { githubOnlyRepo } from './github-clients.js';

const TOKEN = 'ghs_liveSecretTokenValue123456789';

let github: GithubEmulator;
let repo: { dir: string; remove: () => Promise<void> };

function latch(args: string[], today = '2026-11-23') {
  return runLatch(args, { cwd: repo.dir, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN, LATCH_TODAY: today, LATCH_RETRY_BASE_MS: '1' } });
}

function summary(entries: readonly LiveEntry[]): string[] {
  return entries.map((entry) => `${entry.resource} ${entry.desired ?? '-'} ${entry.actual ?? '-'}${entry.pending ? ` (${entry.pending})` : ''} ${entry.status}`).sort();
}

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN });
  repo = await githubOnlyRepo();
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

describe('latch who --live against the GitHub emulator', () => {
  it('shows pending invitations and marks the level that differs', async () => {
    const result = await latch(['who', 'sam-apex', '--live', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as WhoReport;
    expect(summary(report.live ?? [])).toEqual([
      'acme-agency/apex-api push admin (open) different',
      'acme-agency/apex-engineers member member same',
      'acme-agency/apex-web push push same',
    ]);
    expect(report.read).toEqual({ resources: 6, unread: 0 });
    expect(github.requests.filter((request) => request.method !== 'GET' && request.path !== '/graphql')).toEqual([]);
  });

  it('finds access on another client\'s resource that no file declares', async () => {
    const result = await latch(['who', 'ken@cobaltfreight.com', '--live']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\+\s+bloom\s+github-repo\s+acme-agency\/bloom-site\s+ken-cobalt\s+push\s+not declared for bloom$/m);
    expect(result.stdout).toMatch(/=\s+cobalt\s+github-repo\s+acme-agency\/cobalt-portal\s+ken-cobalt\s+push\s+as declared/);
    expect(result.stdout).toContain('Live on the platforms (6 resources read; 1 difference):');
  });

  it('treats an expired invitation as missing access and an open one as not accepted yet', async () => {
    const result = await latch(['who', 'leo-bloom', '--live', '--format', 'markdown']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('| - | bloom | github-repo | acme-agency/bloom-site | leo-bloom | push (invitation expired) | missing: the repository says push |');
    expect(result.stdout).toContain('| = | bloom | github-team | acme-agency/bloom-content | leo-bloom | member (invitation pending) | as declared, not accepted yet |');
  });

  it('says which resources could not be read instead of calling them empty', async () => {
    github.switches.faults.push({ method: 'GET', path: '/repos/acme-agency/apex-web/invitations', status: 500, times: 20 });
    const result = await latch(['who', 'dana-apex', '--live', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as WhoReport;
    expect(report.read?.unread).toBe(1);
    expect(report.live?.find((entry) => entry.resource === 'acme-agency/apex-web')).toMatchObject({ status: 'unread', desired: 'push' });
    expect(result.stdout).not.toContain(TOKEN);
  });
});

describe('plans warn about access ending soon', () => {
  it.each([
    { command: 'plan', today: '2026-12-20', warns: true },
    { command: 'drift', today: '2026-12-20', warns: true },
    { command: 'plan', today: '2026-12-01', warns: false },
  ])('$command on $today', async ({ command, today, warns }) => {
    const result = await latch([command], today);
    expect(result.code, result.stderr).toBe(2);
    const warning = /clients\/cobalt\.yaml:11:66\s+The access of ken \(cobalt\) ends after 2026-12-31, in 11 days, on github-repo acme-agency\/cobalt-portal \(push\)\. Renew it in a pull request/;
    if (warns) expect(result.stdout).toMatch(warning);
    else expect(result.stdout).not.toContain('ken (cobalt) ends after');
  });
});
