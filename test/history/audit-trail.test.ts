import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { PlatformError } from '../../src/errors.js';
import { appendAuditTrail, type TrailRepository } from '../../src/history/audit-trail.js';
import { keepAuditTrail } from '../../src/history/audit-trail-keep.js';
import { recordLines, withRecordIds, type TrailRecord } from '../../src/history/audit-trail-records.js';
import { createApi, readSettings } from '../../src/platforms/github/client.js';
import { startGithubEmulator, type GithubEmulator } from '../../src/emulators/github/index.js';

const TOKEN = 'ghs_trailTestTokenValue0123456789';
const REPO = 'acme-agency/access';
const BRANCH = 'latch-audit';
const FAST = { baseDelayMs: 1 };
let github: GithubEmulator;

beforeEach(async () => {
  github = await startGithubEmulator({ seed: DEMO_GITHUB, token: TOKEN, git: { repositories: { [REPO]: {}, 'acme-agency/empty': { empty: true } } } });
});

afterEach(async () => {
  await github.close();
});

function client(repo = REPO): TrailRepository {
  const settings = readSettings({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, LATCH_GITHUB_WRITE_INTERVAL_MS: '0' });
  const [owner = '', name = ''] = repo.split('/');
  return { api: createApi(settings, pino({ level: 'silent' }), { retryBaseMs: 1 }), owner, repo: name };
}

/** The records one run writes: `count` changes, all stamped with the run's time. */
function run(name: string, at: string, count: number): TrailRecord[] {
  const lines = Array.from({ length: count }, (_, index) =>
    JSON.stringify({ at, trigger: 'apply', run: name, status: 'applied', change: { action: 'grant', kind: 'github-repo', resource: `acme-agency/${name}`, principal: `person-${index}`, from: null, to: 'push' } }),
  );
  return withRecordIds(`${lines.join('\n')}\n`);
}

function file(path: string): string[] {
  const text = github.git.files(REPO, BRANCH)?.get(path);
  return text === undefined ? [] : text.trimEnd().split('\n');
}

function ids(path: string): string[] {
  return file(path).map((line) => (JSON.parse(line) as { id: string }).id);
}

function status(method: string, path: string, code: number): number {
  return github.requests.filter((request) => request.method === method && request.path.includes(path) && request.status === code).length;
}

/** Runs `race` right before the client's next request of `method` on a path holding `path`. */
function raceBefore(trail: TrailRepository, method: string, path: string, race: () => Promise<unknown>): void {
  let raced = false;
  trail.api.octokit.hook.before('request', async (options) => {
    if (raced || options.method !== method || !options.url.includes(path)) return;
    raced = true;
    await race();
  });
}

describe('appendAuditTrail against the GitHub emulator', () => {
  it('creates the branch on first use, then appends each run to the month file in order', async () => {
    const first = run('apex', '2026-12-01T09:00:00.000Z', 3);
    const second = run('bloom', '2026-12-02T09:00:00.000Z', 2);
    const created = await appendAuditTrail(client(), BRANCH, first, FAST);
    expect(created).toMatchObject({ appended: 3, present: 0, files: ['audit/2026-12.jsonl'], attempts: 1 });
    expect(status('POST', '/git/refs', 201)).toBe(1);
    await appendAuditTrail(client(), BRANCH, second, FAST);
    expect(file('audit/2026-12.jsonl').join('\n')).toBe(recordLines([...first, ...second]).trimEnd());
    expect(github.git.log(REPO, BRANCH)).toEqual(['Audit: 2 records in audit/2026-12.jsonl', 'Audit: 3 records in audit/2026-12.jsonl']);
    // The branch holds the trail only, nothing of main.
    expect([...(github.git.files(REPO, BRANCH)?.keys() ?? [])]).toEqual(['audit/2026-12.jsonl']);
  });

  it('starts a new file when the month rolls over, leaving the old one as it was', async () => {
    const december = run('apex', '2026-12-31T23:59:59.000Z', 2);
    const january = run('apex', '2027-01-01T00:00:01.000Z', 1);
    await appendAuditTrail(client(), BRANCH, december, FAST);
    const before = file('audit/2026-12.jsonl');
    const result = await appendAuditTrail(client(), BRANCH, january, FAST);
    expect(result.files).toEqual(['audit/2027-01.jsonl']);
    expect(file('audit/2026-12.jsonl')).toEqual(before);
    expect(ids('audit/2027-01.jsonl')).toEqual(january.map((record) => record.id));
  });

  it('retries after a non-fast-forward 422 when another run moved the branch, and both runs land', async () => {
    await appendAuditTrail(client(), BRANCH, run('seed', '2026-12-01T08:00:00.000Z', 1), FAST);
    const ours = run('apex', '2026-12-01T09:00:00.000Z', 2);
    const theirs = run('bloom', '2026-12-01T09:00:01.000Z', 2);
    const trail = client();
    raceBefore(trail, 'PATCH', '/git/refs/', () => appendAuditTrail(client(), BRANCH, theirs, FAST));
    const result = await appendAuditTrail(trail, BRANCH, ours, FAST);
    expect(result.attempts).toBe(2);
    expect(status('PATCH', '/git/refs/', 422)).toBe(1);
    expect(ids('audit/2026-12.jsonl').slice(1)).toEqual([...theirs, ...ours].map((record) => record.id));
  });

  it('creates the branch once when two first runs race: the loser appends instead', async () => {
    const ours = run('apex', '2026-12-01T09:00:00.000Z', 2);
    const theirs = run('bloom', '2026-12-01T09:00:01.000Z', 3);
    const trail = client();
    raceBefore(trail, 'POST', '/git/refs', () => appendAuditTrail(client(), BRANCH, theirs, FAST));
    const result = await appendAuditTrail(trail, BRANCH, ours, FAST);
    expect(result.attempts).toBe(2);
    expect(status('POST', '/git/refs', 422)).toBe(1);
    expect(ids('audit/2026-12.jsonl')).toEqual([...theirs, ...ours].map((record) => record.id));
  });

  it('lands every record of five runs appending at once, none twice, each run in its order', async () => {
    await appendAuditTrail(client(), BRANCH, run('seed', '2026-12-01T08:00:00.000Z', 1), FAST);
    const runs = ['apex', 'bloom', 'cobalt', 'delta', 'echo'].map((name, index) => run(name, `2026-12-01T09:00:0${index}.000Z`, 4));
    const results = await Promise.all(runs.map((records) => appendAuditTrail(client(), BRANCH, records, FAST)));
    const written = ids('audit/2026-12.jsonl');
    expect(written).toHaveLength(1 + 5 * 4);
    expect(new Set(written).size).toBe(written.length);
    for (const records of runs) {
      const positions = records.map((record) => written.indexOf(record.id));
      expect(positions.every((position) => position > 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    expect(results.some((result) => result.attempts > 1)).toBe(true);
  });

  it('writes no record twice when the answer to a ref update that did land was lost', async () => {
    await appendAuditTrail(client(), BRANCH, run('seed', '2026-12-01T08:00:00.000Z', 1), FAST);
    const ours = run('apex', '2026-12-01T09:00:00.000Z', 3);
    const trail = client();
    let lost = false;
    trail.api.octokit.hook.after('request', (_response, options) => {
      if (lost || options.method !== 'PATCH') return;
      lost = true;
      throw Object.assign(new Error('socket hang up'), { status: 502 });
    });
    const result = await appendAuditTrail(trail, BRANCH, ours, FAST);
    expect(result).toMatchObject({ appended: 0, present: 3, attempts: 2 });
    expect(ids('audit/2026-12.jsonl').slice(1)).toEqual(ours.map((record) => record.id));
  });

  it('gives up after its tries while the branch keeps being refused, and says so', async () => {
    await appendAuditTrail(client(), BRANCH, run('seed', '2026-12-01T08:00:00.000Z', 1), FAST);
    github.switches.faults.push({ method: 'PATCH', path: '/git/refs/', status: 422, body: { message: 'Update is not a fast forward' }, times: 10 });
    const failure = appendAuditTrail(client(), BRANCH, run('apex', '2026-12-01T09:00:00.000Z', 1), { ...FAST, attempts: 3 });
    await expect(failure).rejects.toThrow(/records not appended after 3 tries: .*PATCH \/repos\/acme-agency\/access\/git\/refs\/heads\/latch-audit: 422 Update is not a fast forward/);
    expect(status('PATCH', '/git/refs/', 422)).toBe(3);
    expect(file('audit/2026-12.jsonl')).toHaveLength(1);
  });

  it('fails at once on a repository with no commit (409)', async () => {
    const failure = appendAuditTrail(client('acme-agency/empty'), BRANCH, run('apex', '2026-12-01T09:00:00.000Z', 1), FAST);
    await expect(failure).rejects.toThrow(PlatformError);
    await expect(failure).rejects.toThrow(/409 Git Repository is empty/);
  });
});

describe('keepAuditTrail', () => {
  it('reports a persistent refusal as an error annotation naming the artifact, never the token, and returns false', async () => {
    github.switches.faults.push({ method: 'POST', path: '/git/blobs', status: 403, body: { message: 'Resource not accessible by integration' }, times: 20 });
    const notes: string[] = [];
    const reporter = { annotate: (level: 'error', message: string) => notes.push(`${level}: ${message}`), info: (text: string) => notes.push(`info: ${text}`) };
    const kept = await keepAuditTrail({ github: client(), branch: BRANCH, reporter, artifact: 'latch-audit.jsonl', options: FAST }, run('apex', '2026-12-01T09:00:00.000Z', 2));
    expect(kept).toBe(false);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^error: Latch could not append 2 audit records to branch latch-audit of acme-agency\/access: .*403 Resource not accessible by integration/);
    expect(notes[0]).toContain('latch-audit.jsonl (artifact latch-audit)');
    expect(notes[0]).not.toContain(TOKEN);
    expect(github.git.files(REPO, BRANCH)).toBeUndefined();
  });
});
