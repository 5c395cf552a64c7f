import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../action/harness.js';

/** The environment whose secrets only `main` may reach. */
const WRITER_ENVIRONMENT = 'latch-apply';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Job {
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

interface Loaded {
  file: string;
  workflow: Workflow;
  /** The file as written, comments included: a commented step still tells the reader which secret it takes. */
  text: string;
}

/** One row of the README's table of secrets and variables. */
interface SetupRow {
  name: string;
  kind: 'secret' | 'variable';
  /** The environment it belongs to; undefined for a repository secret or variable. */
  environment?: string;
  usedBy: string[];
}

async function load(): Promise<Loaded[]> {
  const dir = join(ROOT, '.github/workflows');
  const files = (await readdir(dir)).filter((file) => file.endsWith('.yml')).sort();
  return Promise.all(files.map(async (file) => {
    const text = await readFile(join(dir, file), 'utf8');
    return { file, workflow: parse(text) as Workflow, text };
  }));
}

function environmentOf(job: Job): string | undefined {
  return typeof job.environment === 'string' ? job.environment : job.environment?.name;
}

/** `secrets.X` and `vars.X` referenced anywhere in a workflow, `if:` conditions too; GITHUB_TOKEN is GitHub's, not set up by anyone. */
function references(text: string): Array<{ kind: SetupRow['kind']; name: string }> {
  const found = [...text.matchAll(/\b(secrets|vars)\.([A-Za-z0-9_]+)/g)]
    .map((match) => ({ kind: match[1] === 'secrets' ? 'secret' as const : 'variable' as const, name: match[2] ?? '' }))
    .filter((reference) => reference.name !== 'GITHUB_TOKEN');
  return [...new Map(found.map((reference) => [reference.name, reference])).values()];
}

function cells(line: string): string[] {
  return line.split('|').slice(1, -1).map((cell) => cell.trim());
}

/** The table under the Action's setup steps, whose header starts `| Name | Kind | Where | Used by |`. */
async function setupTable(): Promise<SetupRow[]> {
  const lines = (await readFile(join(ROOT, 'README.md'), 'utf8')).split('\n');
  const header = lines.findIndex((line) => /^\|\s*Name\s*\|\s*Kind\s*\|\s*Where\s*\|\s*Used by\s*\|/.test(line));
  expect(header, 'the README has the table of secrets and variables').toBeGreaterThan(-1);
  const rows: SetupRow[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [name = '', kind = '', where = '', usedBy = ''] = cells(line);
    expect(['secret', 'variable'], line).toContain(kind);
    const environment = /^environment `([^`]+)`$/.exec(where)?.[1];
    expect(environment !== undefined || where === 'repository', line).toBe(true);
    rows.push({
      name: name.replace(/`/g, ''),
      kind: kind as SetupRow['kind'],
      environment,
      usedBy: usedBy.split(',').map((file) => file.trim()).sort(),
    });
  }
  return rows;
}

/** The Latch step of a job: the one that runs this repository's action.yml. */
function latchStep(job: Job): Step | undefined {
  return job.steps.find((step) => step.uses === './' || step.uses === './.latch');
}

/** The create-github-app-token step whose token the Latch step gets as github-token. */
function appTokenStep(job: Job): Step | undefined {
  const id = /^\$\{\{ steps\.([\w-]+)\.outputs\.token \}\}$/.exec(latchStep(job)?.with?.['github-token'] ?? '')?.[1];
  return job.steps.find((step) => step.id === id && step.uses?.startsWith('actions/create-github-app-token@'));
}

describe('the identities of the workflows', () => {
  it('give the plan, which a pull request can rewrite, read-only secrets and no environment', async () => {
    const plan = (await load()).find(({ file }) => file === 'plan.yml');
    const rows = new Map((await setupTable()).map((row) => [row.name, row]));
    expect(plan?.text).not.toMatch(/LATCH_WRITE_/);
    expect(plan?.text).not.toMatch(/^\s*environment\s*:/m);
    for (const reference of references(plan?.text ?? '')) {
      expect(rows.get(reference.name)?.environment, reference.name).toBeUndefined();
    }
    const job = plan?.workflow.jobs.plan;
    expect(job && appTokenStep(job)?.with).toMatchObject({
      'app-id': '${{ secrets.LATCH_READ_APP_ID }}',
      'private-key': '${{ secrets.LATCH_READ_APP_PRIVATE_KEY }}',
    });
  });

  it('keep the writer in jobs of the environment only main may use, started only from main', async () => {
    const rows = await setupTable();
    const writerNames = rows.filter((row) => row.environment !== undefined).map((row) => row.name);
    const holders = (await load()).filter(({ text }) => references(text).some((reference) => writerNames.includes(reference.name)));
    expect(holders.map(({ file }) => file)).toEqual(['apply.yml', 'drift.yml']);
    for (const { file, workflow } of holders) {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        if (file === 'drift.yml' && name === 'pages') continue;
        expect(environmentOf(job), `${file} ${name}`).toBe(WRITER_ENVIRONMENT);
        expect(appTokenStep(job)?.with, `${file} ${name}`).toMatchObject({
          'app-id': '${{ secrets.LATCH_WRITE_APP_ID }}',
          'private-key': '${{ secrets.LATCH_WRITE_APP_PRIVATE_KEY }}',
        });
      }
      for (const [trigger, settings] of Object.entries(workflow.on)) {
        expect(['push', 'schedule', 'workflow_dispatch'], `${file} ${trigger}`).toContain(trigger);
        if (trigger === 'push') expect((settings as { branches: string[] }).branches, file).toEqual(['main']);
      }
    }
  });

  it('use exactly the secrets and variables of the README table, where and by whom it says', async () => {
    const rows = await setupTable();
    const used = new Map<string, { kind: SetupRow['kind']; files: string[] }>();
    for (const { file, text } of await load()) {
      for (const reference of references(text)) {
        const entry = used.get(reference.name) ?? { kind: reference.kind, files: [] };
        entry.files.push(file);
        used.set(reference.name, entry);
      }
    }
    expect([...used.keys()].sort()).toEqual(rows.map((row) => row.name).sort());
    for (const row of rows) {
      expect(used.get(row.name)?.kind, row.name).toBe(row.kind);
      expect(used.get(row.name)?.files.sort(), row.name).toEqual(row.usedBy);
      expect(row.environment, row.name).toBe(row.name.startsWith('LATCH_WRITE_') ? WRITER_ENVIRONMENT : undefined);
    }
  });

  it('post comments and issues with the workflow token and trust only that account', async () => {
    for (const { file, workflow } of await load()) {
      for (const job of Object.values(workflow.jobs)) {
        const step = latchStep(job);
        if (!step) continue;
        expect(step.with?.['comment-token'], file).toBe('${{ github.token }}');
        expect(step.with?.['bot-login'], file).toBe('github-actions[bot]');
        expect(appTokenStep(job), file).toBeDefined();
      }
    }
  });

  it('grant each job only the permissions it uses', async () => {
    const needs: Record<string, Record<string, string>> = {
      'ci.yml test': { contents: 'read' },
      'plan.yml plan': { contents: 'read', 'pull-requests': 'write' },
      'apply.yml apply': { contents: 'write', 'pull-requests': 'write' },
      'drift.yml drift': { contents: 'write', issues: 'write' },
      // Pages' deployment token is traded from the OIDC token.
      'drift.yml pages': { pages: 'write', 'id-token': 'write' },
    };
    const seen: string[] = [];
    for (const { file, workflow } of await load()) {
      expect(workflow.permissions, file).toEqual({});
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const key = `${file} ${name}`;
        seen.push(key);
        const expected: Record<string, string> = { ...needs[key] };
        // The OIDC token only where a step trades it for a Google token.
        if (job.steps.some((step) => step.uses?.startsWith('google-github-actions/auth@'))) expected['id-token'] = 'write';
        // contents: write (the audit trail branch) only in the environment-protected jobs.
        if (job.permissions?.contents === 'write') expect(environmentOf(job), key).toBe(WRITER_ENVIRONMENT);
        expect(job.permissions, key).toEqual(expected);
      }
    }
    expect(seen.sort()).toEqual(Object.keys(needs).sort());
  });

  it('publish the report page on Pages only when asked, from a job that sees no credential of a platform', async () => {
    const drift = (await load()).find(({ file }) => file === 'drift.yml');
    const pages = drift?.workflow.jobs.pages as (Job & { if?: string; needs?: string }) | undefined;
    expect(pages?.needs).toBe('drift');
    expect(pages?.if).toContain("vars.LATCH_PAGES == 'true'");
    expect(environmentOf(pages ?? { steps: [] })).toBe('github-pages');
    const text = JSON.stringify(pages);
    expect(text).not.toMatch(/secrets\./);
    expect(text).not.toMatch(/LATCH_WRITE_|LATCH_READ_|_TOKEN/);
    expect(pages?.steps.map((step) => step.uses?.replace(/@.*/, '') ?? 'run')).toEqual(['actions/download-artifact', 'run', 'actions/upload-pages-artifact', 'actions/deploy-pages']);
    for (const step of pages?.steps ?? []) if (step.uses) expect(step.uses, 'actions are pinned by commit').toMatch(/@[0-9a-f]{40}$/);
    // Every run keeps the page as an artifact, whether or not Pages is on.
    const upload = drift?.workflow.jobs.drift?.steps.find((step) => step.with?.name === 'latch-report');
    expect(upload?.uses).toMatch(/^actions\/upload-artifact@[0-9a-f]{40}$/);
    expect(upload?.with?.path).toBe('${{ steps.latch.outputs.report-file }}');
  });

  it('keep a read cache per workflow, which the apply and drift jobs never share with a pull request', async () => {
    const caches = new Map<string, { key: string; restoreKeys: string[]; path: string }>();
    for (const { file, workflow } of await load()) {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const step = latchStep(job);
        if (!step) continue;
        const where = `${file} ${name}`;
        const restore = job.steps.findIndex((candidate) => candidate.uses?.startsWith('actions/cache/restore@'));
        const save = job.steps.findIndex((candidate) => candidate.uses?.startsWith('actions/cache/save@'));
        const latch = job.steps.indexOf(step);
        expect(restore, where).toBeGreaterThan(-1);
        expect(restore, where).toBeLessThan(latch);
        expect(save, where).toBeGreaterThan(latch);
        const restoreStep = job.steps[restore] as Step;
        const saveStep = job.steps[save] as Step;
        // Saved also when the Latch step fails (drift fails while drift remains).
        expect(saveStep.if, where).toMatch(/^always\(\)/);
        const path = restoreStep.with?.path;
        expect(path, where).toMatch(/^\$\{\{ runner\.temp \}\}\/latch-cache-[a-z-]+$/);
        expect(saveStep.with?.path, where).toBe(path);
        expect(step.env?.LATCH_CACHE_DIR, where).toBe(path);
        const key = restoreStep.with?.key ?? '';
        expect(saveStep.with?.key, where).toBe(key);
        // A key per run, so every run saves what it read; the family it restores from is the workflow's own.
        expect(key, where).toMatch(/^latch-read-[a-z]+-.*\$\{\{ github\.run_id \}\}$/);
        const restoreKeys = (restoreStep.with?.['restore-keys'] ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
        for (const prefix of restoreKeys) expect(key.startsWith(prefix), `${where}: ${prefix}`).toBe(true);
        caches.set(file, { key, restoreKeys, path: path ?? '' });
      }
    }
    expect([...caches.keys()].sort()).toEqual(['apply.yml', 'drift.yml', 'plan.yml']);
    const planKey = caches.get('plan.yml')?.key ?? '';
    for (const trusted of ['apply.yml', 'drift.yml']) {
      const cache = caches.get(trusted);
      // No key or restore key of a job holding the writer can find a cache a pull request saved.
      for (const prefix of [cache?.key ?? '', ...(cache?.restoreKeys ?? [])]) {
        expect(planKey.startsWith(prefix), `${trusted}: ${prefix}`).toBe(false);
        expect(prefix.startsWith('latch-read-plan-'), `${trusted}: ${prefix}`).toBe(false);
      }
      // actions/cache versions an entry by its path too: another path never restores it.
      expect(cache?.path, trusted).not.toBe(caches.get('plan.yml')?.path);
    }
  });

  it('seal each read cache under the key of its own trust level: the writer\'s only in the latch-apply environment', async () => {
    const expected: Record<string, string> = {
      'plan.yml plan': '${{ secrets.LATCH_READ_CACHE_KEY }}',
      'apply.yml apply': '${{ secrets.LATCH_WRITE_CACHE_KEY }}',
      'drift.yml drift': '${{ secrets.LATCH_WRITE_CACHE_KEY }}',
    };
    const seen: string[] = [];
    for (const { file, workflow, text } of await load()) {
      if (file !== 'plan.yml') expect(text, file).not.toMatch(/LATCH_READ_CACHE_KEY/);
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const where = `${file} ${name}`;
        if (JSON.stringify(job).includes('LATCH_WRITE_CACHE_KEY')) expect(environmentOf(job), where).toBe(WRITER_ENVIRONMENT);
        const step = latchStep(job);
        if (!step) continue;
        seen.push(where);
        expect(step.env?.LATCH_CACHE_KEY, where).toBe(expected[where]);
      }
    }
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
    const rows = new Map((await setupTable()).map((row) => [row.name, row]));
    expect(rows.get('LATCH_READ_CACHE_KEY')).toMatchObject({ kind: 'secret', environment: undefined, usedBy: ['plan.yml'] });
    expect(rows.get('LATCH_WRITE_CACHE_KEY')).toMatchObject({ kind: 'secret', environment: WRITER_ENVIRONMENT, usedBy: ['apply.yml', 'drift.yml'] });
  });
});
