import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLY_MARKER, renderApplyComment } from '../../src/action/apply-comment.js';
import { encodeReviewed, readReviewed } from '../../src/action/reviewed-marker.js';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';
import type { AccessRequest, Change, Plan } from '../../src/model/plan.js';
import type { ConversationsSeed } from '../../src/emulators/github/issues.js';
import { DRIFT_MARKER, renderDriftIssue } from '../../src/report/drift-issue.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { PLAN_MARKER, renderPlanComment } from '../../src/report/pr-comment.js';
import { renderRequestMarkdown } from '../../src/report/request-markdown.js';
import { renderStatusMarkdown } from '../../src/report/status.js';
import { BOT, makeGitRepo, pullRequestEvent, pushEvent, REPOSITORY, runAction, TOKEN, type GitRepo } from '../action/harness.js';
import { grant, planOf, revoke } from '../action/fixtures.js';

const PR = 21;
const SLOW = 240_000;
const exec = promisify(execFile);

/** A marker whose list holds only the revocation of zoe-zephyr: what an attacker wants applied instead of the reviewed plan. */
function forgedMarker(head: string): string {
  return encodeReviewed(planOf([revoke('apex', 'acme-agency/apex-web', 'zoe-zephyr')]), head, 10_000);
}

let github: GithubEmulator | undefined;
let repo: GitRepo;
let base: string;

function emulator(): GithubEmulator {
  if (!github) throw new Error('the emulator is not started');
  return github;
}

async function start(conversations: ConversationsSeed = { repositories: { [REPOSITORY]: {} } }): Promise<GithubEmulator> {
  const seed = structuredClone(DEMO_GITHUB);
  seed.users = [...(seed.users ?? []), 'noor-bloom'];
  github = await startGithubEmulator({ seed, token: TOKEN, conversations });
  return github;
}

beforeEach(async () => {
  repo = await makeGitRepo();
  base = await repo.commit('base');
});

afterEach(async () => {
  await github?.close();
  github = undefined;
  await repo.remove();
});

/** Noor joins Bloom, with a `why:` that carries `why` (a forged marker, a team mention, HTML). */
async function noorJoins(why: string): Promise<string> {
  const bloom = join(repo.dir, 'clients/bloom.yaml');
  const text = (await readFile(bloom, 'utf8')).replace('people:\n', 'people:\n  noor: { email: noor@bloombotanicals.com, github: noor-bloom }\n');
  await writeFile(bloom, `${text}\ngrants:\n  - { who: noor, on: site, level: push, why: ${JSON.stringify(why)} }\n`);
  return repo.commit('Noor joins Bloom');
}

async function planPull(head: string, planHead = head): Promise<void> {
  const run = await runAction({ dir: repo.dir, apiUrl: emulator().url, eventName: 'pull_request', payload: pullRequestEvent({ number: PR, head: planHead, base }), sha: planHead });
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

function mergeAndApply(head: string) {
  emulator().conversations.mergePull(REPOSITORY, PR, { sha: head, by: 'maria-acme' });
  return runAction({
    dir: repo.dir,
    apiUrl: emulator().url,
    eventName: 'push',
    payload: pushEvent({ before: base, after: head }),
    sha: head,
    inputs: { 'audit-file': join(repo.dir, 'latch-audit.jsonl') },
  });
}

function comment(marker: string): string {
  const pull = emulator().conversations.issues(REPOSITORY).find((issue) => issue.number === PR);
  const found = pull?.comments.filter((entry) => entry.login === BOT && entry.body.startsWith(marker)) ?? [];
  expect(found).toHaveLength(1);
  return found[0]?.body ?? '';
}

function platformWrites(): string[] {
  return emulator().requests.filter((request) => request.method !== 'GET' && request.path !== '/graphql' && !request.path.includes('/issues/') && !request.path.includes('/git/')).map((request) => `${request.method} ${request.path}`);
}

describe('a forged reviewed plan in a client file', () => {
  it(
    'is shown inert in the plan comment, and the merge applies exactly the reviewed plan',
    async () => {
      await start();
      const hostile = `launch ${forgedMarker(base)} ping @acme-agency/apex-engineers <img src=x onerror=alert(1)> <!-- hidden -->`;
      const head = await noorJoins(hostile);
      emulator().conversations.addPull(REPOSITORY, { number: PR, title: 'Noor', user: 'mallory', head: { ref: 'noor', sha: head }, base: { ref: 'main', sha: base } });
      await planPull(head);

      const body = comment(PLAN_MARKER);
      expect(body.split('latch:reviewed')).toHaveLength(2);
      expect(body).not.toMatch(/(?<![\p{L}\p{N}_])@acme-agency\/apex-engineers/u);
      expect(body.replace(PLAN_MARKER, '').replace(/\n<!-- latch:reviewed v1 [^\n]* -->\n$/, '')).not.toContain('<!--');
      const genuine = readReviewed(body, head).record;
      expect(genuine?.changes?.map((change) => `${change.action} ${change.principal}`)).toContain('grant noor-bloom');

      const apply = await mergeAndApply(head);
      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      const result = comment(APPLY_MARKER);
      expect(result).toContain(`reviewed plan \`${genuine?.fingerprint ?? 'none'}\``);
      expect(result).not.toContain('not applied:');
      const state = emulator().snapshot();
      // The reviewed changes the forged list left out are carried out too.
      expect(state.repos['acme-agency/bloom-site']?.invitations?.map((invitation) => invitation.invitee)).toContain('noor-bloom');
      expect(state.repos['acme-agency/bloom-site']?.collaborators?.['ken-cobalt']).toBeUndefined();
      expect(result).toContain(`**✓ ${genuine?.changes?.length ?? 0} done · = 0 already in place · ✗ 0 failed · ⏭ 0 not applied**`);
    },
    SLOW,
  );

  it(
    'is refused when the marker was made at another commit than the merged head, and nothing is applied',
    async () => {
      await start();
      const reviewedHead = await noorJoins('new contributor');
      const apex = join(repo.dir, 'clients/apex.yaml');
      await writeFile(apex, (await readFile(apex, 'utf8')).replace(/ {2}sam: .*\n/, ''));
      const head = await repo.commit('sam leaves, pushed after the review');
      emulator().conversations.addPull(REPOSITORY, { number: PR, title: 'Noor', user: 'mallory', head: { ref: 'noor', sha: head }, base: { ref: 'main', sha: base } });
      await exec('git', ['checkout', '--quiet', reviewedHead], { cwd: repo.dir });
      await planPull(head, reviewedHead);
      await exec('git', ['checkout', '--quiet', head], { cwd: repo.dir });

      const apply = await mergeAndApply(head);
      expect(apply.code).toBe(1);
      expect(platformWrites()).toEqual([]);
      expect(comment(APPLY_MARKER)).toContain(`made at ${reviewedHead.slice(0, 7)}, not at the pull request's head ${head.slice(0, 7)}`);
      expect(apply.stdout).toMatch(/^::error::Latch applied nothing/m);
    },
    SLOW,
  );

  it(
    'is ignored in a comment a person wrote, even one shaped like the bot’s',
    async () => {
      const head = await noorJoins('new contributor');
      const forged = `${PLAN_MARKER}\n## Latch access plan\n\n${encodeReviewed(planOf([grant('bloom', 'acme-agency/bloom-site', 'noor-bloom')]), head, 10_000)}\n`;
      await start({
        repositories: {
          [REPOSITORY]: {
            pulls: [{ number: PR, title: 'Noor', user: 'mallory', head: { ref: 'noor', sha: head }, base: { ref: 'main', sha: base } }],
            comments: [{ issue: PR, body: forged, user: 'mallory' }],
          },
        },
      });
      const apply = await mergeAndApply(head);
      expect(apply.code).toBe(1);
      expect(platformWrites()).toEqual([]);
      expect(comment(APPLY_MARKER)).toContain('has no Latch plan comment');
    },
    SLOW,
  );
});

describe('the marker reader', () => {
  const head = 'c'.repeat(40);
  const genuine = encodeReviewed(planOf([grant('bloom', 'acme-agency/bloom-site', 'noor-bloom')]), head, 10_000);
  const forged = forgedMarker(head);

  it.each([
    ['two markers, the forged one first', `${PLAN_MARKER}\n${forged}\n${genuine}\n`, 'reviewed-plan markers'],
    ['two markers on the last line', `${PLAN_MARKER}\n${forged} ${genuine}\n`, 'reviewed-plan markers'],
    ['a marker that is not the last line', `${PLAN_MARKER}\n${genuine}\nmore text\n`, 'not the last line'],
    ['a marker for another head', `${PLAN_MARKER}\n${genuine.replace(head, 'd'.repeat(40))}\n`, 'not at the pull request'],
    ['no marker', `${PLAN_MARKER}\nno plan\n`, 'carries no reviewed plan'],
  ])('refuses %s', (_case, body, why) => {
    const lookup = readReviewed(body, head);
    expect(lookup.record).toBeUndefined();
    expect(lookup.refused).toContain(why);
  });

  it('reads the marker on the last line, CRLF line ends and trailing blank lines allowed', () => {
    expect(readReviewed(`${PLAN_MARKER}\r\nplan\r\n${genuine}\r\n\r\n`, head).record?.changes?.map((change) => change.principal)).toEqual(['noor-bloom']);
  });
});

const HEAD = 'e'.repeat(40);
const MARKER = forgedMarker(HEAD);

/** Text a client file can carry into a report, each a way to forge a marker, ping, or break out of markdown. */
const HOSTILE: Array<[string, string]> = [
  ['a marker', `launch ${MARKER}`],
  ['a marker split across lines', MARKER.replace(' fingerprint=', '\n fingerprint=').replace(' -->', '\n-->')],
  ['a marker inside a code span', `\`${MARKER}\``],
  ['team and person mentions', 'ask @acme-agency/apex-engineers or @mallory'],
  ['an HTML comment and raw HTML', '<!-- hidden --> <img src=x onerror=alert(1)> <script>alert(1)</script>'],
  ['a closing code fence', 'a\n```\n<img src=x onerror=alert(1)>\n```\nb'],
  ['a code span that closes early', 'x`` <img src=x onerror=alert(1)> ``'],
];

/** A plan whose every person-written field holds `text`: reason, principal, resource ref, client label, display name. */
function hostilePlan(text: string): Plan {
  const changes: Change[] = [
    { ...grant('bloom', 'acme-agency/bloom-site', 'noor-bloom'), reason: text },
    { ...revoke('bloom', 'acme-agency/bloom-site', text), reason: 'not declared' },
    { ...revoke('bloom', text, 'zoe'), reason: text },
    { ...revoke(text, 'acme-agency/other', 'zoe'), reason: text },
  ];
  return planOf(changes, {
    offboarding: [{ client: text, name: text, file: `clients/${text}.yaml`, revocations: 1, resources: 1 }],
    held: [{ rule: 'never-touch', client: text, kind: 'github-repo', resource: text, principal: text, reason: text }],
    unread: [{ client: text, kind: 'github-repo', resource: text, error: text }],
    findings: [{ platform: 'github', subject: text, message: text }],
    warnings: [{ message: text, file: `clients/${text}.yaml`, line: 3 }],
  });
}

/** Drops what GitHub does not render as markdown: fenced blocks (by CommonMark's closing rule), escaped characters, code spans. */
function prose(body: string): string {
  const kept: string[] = [];
  let fence = 0;
  for (const line of body.split('\n')) {
    const run = /^ {0,3}(`{3,})/.exec(line)?.[1]?.length ?? 0;
    if (fence === 0 && run > 0) fence = run;
    else if (fence > 0 && run >= fence && /^ {0,3}`+\s*$/.test(line)) fence = 0;
    else if (fence === 0) kept.push(line);
  }
  return kept.join('\n').replace(/\\[\\`*_[\]<>|~#]/g, '').replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

function expectInert(body: string, ownMarkers: readonly string[]): void {
  let rest = body;
  for (const marker of ownMarkers) rest = rest.split(marker).join('');
  expect(rest).not.toMatch(/latch:/);
  const text = prose(rest);
  expect(text).not.toMatch(/<!--|<img|<script/i);
  expect(text).not.toMatch(/(?<![\p{L}\p{N}_])@(acme-agency|mallory)/u);
}

describe.each(HOSTILE)('text with %s', (_case, text) => {
  const plan = hostilePlan(text);
  const genuine = encodeReviewed(plan, HEAD, 20_000);

  it('cannot forge or hide the reviewed plan in the plan comment, nor ping or inject', () => {
    const body = renderPlanComment({ plan, massRevoke: { exceeded: true, message: text }, foreignDomains: [text], head: 'eeeeeee', base: 'fffffff', reviewedMarker: genuine, planFileName: 'latch-plan.json' });
    expect(readReviewed(body, HEAD).record?.fingerprint).toBe(plan.fingerprint);
    expectInert(body, [PLAN_MARKER, genuine]);
  });

  it('is inert in the job summary, the drift issue, the apply comment, the status and the request', () => {
    expectInert(renderMarkdown(plan), []);
    const drift = renderDriftIssue({ plan, differences: plan.changes, expired: [{ change: plan.changes[1] as Change, status: 'failed', detail: text }] });
    expectInert(drift.body, [DRIFT_MARKER]);
    expectInert(drift.title, []);
    const apply = renderApplyComment({
      outcome: {
        decision: { toApply: plan.changes, withheld: [], alreadyDone: [plan.changes[0] as Change], reviewedWithheld: [{ change: plan.changes[2] as Change, why: text }], differences: [text] },
        results: plan.changes.map((change) => ({ change, status: 'failed' as const, detail: text })),
        withheld: [{ change: plan.changes[3] as Change, why: text }],
        counts: { applied: 0, alreadyInPlace: 1, failed: 4, notApplied: 2 },
      },
      stopped: text,
      mergedBy: 'maria-acme',
      commit: 'abcdef1234',
      fingerprint: plan.fingerprint,
      auditFile: 'latch-audit.jsonl',
    });
    expectInert(apply.replace('Merged by @maria-acme', ''), [APPLY_MARKER]);
    expectInert(renderStatusMarkdown({ today: '2026-11-23', clients: [{ client: text, name: text, status: 'needs-attention', attention: [text], waiting: [text], invitations: [] }], organisation: [text] }), []);
    const request: AccessRequest = { client: 'bloom', kind: 'meta-ad-account', resource: text, key: text, principal: text, wanted: 'advertise', actual: null, status: 'missing', ask: text, reason: text, steps: [text] };
    expectInert(renderRequestMarkdown({ client: 'bloom', name: text, file: `clients/${text}.yaml`, to: [{ key: text, email: text }], from: [], date: '2026-11-23', todo: [request], waiting: [request], verified: [request], unverified: [{ client: 'bloom', kind: 'google-ads-account', resource: text, error: text }] }), []);
  });
});
