import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';

const TOKEN = 'ghs_reviewTestToken000000000000000000';
let github: GithubEmulator;
let repo: Workspace;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: TOKEN });
  const policies = await examplePolicies();
  policies['policies/guardrails.yaml'] = `${policies['policies/guardrails.yaml'] ?? ''}review: { maxDays: 90 }   # every client's access is reviewed each quarter\n`;
  repo = await workspace({ ...policies, ...GITHUB_CLIENTS });
  await repo.write({ 'clients/cobalt.yaml': `${GITHUB_CLIENTS['clients/cobalt.yaml'] ?? ''}reviewed: { on: 2026-10-01, by: tom }\n` });
});

afterEach(async () => {
  await github.close();
  await repo.remove();
});

const latch = (args: string[]) => runLatch(args, { cwd: repo.dir, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN } });

describe('latch review', () => {
  it('writes one checklist per client with --out, client-side people first', async () => {
    const run = await latch(['review', '--out', 'reviews']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Wrote 3 review checklists to reviews; overdue: apex, bloom.\n');
    expect((await readdir(join(repo.dir, 'reviews'))).sort()).toEqual(['apex.md', 'bloom.md', 'cobalt.md']);
    const apex = await repo.read('reviews/apex.md');
    expect(apex).toContain('**overdue**: never reviewed (limit 90 days)');
    const boxes = apex.split('\n').filter((line) => line.startsWith('- [ ] '));
    expect(boxes).toHaveLength(12);
    expect(boxes[0]).toBe('- [ ] github-repo `acme-agency/apex-web` (web) · **push** · role client-admin (clients/apex.yaml:13)');
    expect(apex.indexOf('**dana**')).toBeLessThan(apex.indexOf('**maria**'));
    expect(await repo.read('reviews/cobalt.md')).toContain('last reviewed 2026-10-01 by tom (53 days ago, limit 90)');
  });

  it('prints one client to stdout, or JSON', async () => {
    const markdown = await latch(['review', '--client', 'cobalt']);
    expect(markdown.stdout.startsWith('# Access review: Cobalt Freight (cobalt)\n')).toBe(true);
    const json = await latch(['review', '--client', 'bloom', '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { reviews: { client: string; lines: unknown[] }[] };
    expect(parsed.reviews.map((review) => [review.client, review.lines.length])).toEqual([['bloom', 8]]);
    const unknown = await latch(['review', '--client', 'apx']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Did you mean apex?');
  });

  it('records an attestation, keeps the file as written, and the overdue warning goes', async () => {
    const before = await latch(['validate']);
    expect(before.code).toBe(0);
    expect(before.stderr).toContain('clients/apex.yaml:1:9: warning: The access of apex is due for review: never reviewed (limit 90 days). (review-overdue)');
    expect(before.stderr).not.toContain('The access of cobalt is due for review');

    const original = await repo.read('clients/apex.yaml');
    const attest = await latch(['review', '--client', 'apex', '--attest', '--by', 'maria@acme-agency.com']);
    expect(attest.code, attest.stderr).toBe(0);
    expect(attest.stdout).toBe(
      [
        '--- a/clients/apex.yaml',
        '+++ b/clients/apex.yaml',
        '@@ -4,4 +4,5 @@',
        ' owners: [maria]',
        ' delegates: [dana]',
        '+reviewed: { on: 2026-11-23, by: maria }',
        ' ',
        ' resources:',
        '',
        'Recorded the review of apex on 2026-11-23 by maria in clients/apex.yaml; commit it in a pull request.',
        '',
      ].join('\n'),
    );
    expect(await repo.read('clients/apex.yaml')).toBe(original.replace('delegates: [dana]\n', 'delegates: [dana]\nreviewed: { on: 2026-11-23, by: maria }\n'));
    const after = await latch(['validate']);
    expect(after.stderr).not.toContain('The access of apex is due for review');
    expect(after.stderr).toContain('clients/bloom.yaml:1:9: warning');

    const again = await latch(['review', '--client', 'apex', '--attest', '--by', 'maria']);
    expect(again.stdout).toBe('clients/apex.yaml already records a review on 2026-11-23 by maria; nothing changed.\n');
  });

  it.each([
    { by: 'dana', says: "dana is on apex's side and not an owner" },
    { by: 'ken', says: 'ken is not a person of this file' },
  ])('refuses an attestation by $by', async ({ by, says }) => {
    const original = await repo.read('clients/apex.yaml');
    const run = await latch(['review', '--client', 'apex', '--attest', '--by', by]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(says);
    expect(await repo.read('clients/apex.yaml')).toBe(original);
  });

  it('needs --client and --by to attest', async () => {
    const run = await latch(['review', '--attest']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--attest needs --client SLUG and --by PERSON');
  });

  it('lists overdue reviews in the drift report', async () => {
    const drift = await latch(['drift', '--format', 'json']);
    const plan = JSON.parse(drift.stdout) as { warnings: { message: string; file?: string; line?: number }[] };
    const overdue = plan.warnings.filter((warning) => warning.message.includes('(review-overdue)'));
    expect(overdue.map((warning) => `${warning.file ?? ''}:${warning.line ?? 0}`)).toEqual(['clients/apex.yaml:1', 'clients/bloom.yaml:1']);
  });
});
