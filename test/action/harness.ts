import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { isMap, isSeq, parseDocument } from 'yaml';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator, type GithubEmulatorOptions } from '../../src/emulators/github/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'dist/index.js');
export const TOKEN = 'ghs_actionTestTokenValue0123456789';
export const REPOSITORY = 'acme-agency/access';
export const BOT = 'latch-app[bot]';

const exec = promisify(execFile);
/** Every run gets its own id, as on GitHub, so nothing that must stay the same between runs can depend on it. */
let nextRunId = 4200;

/** A throwaway git repository holding the example clients/ and policies/, committed as the base. */
export interface GitRepo {
  dir: string;
  /** Commits everything in the working tree and returns the commit id. */
  commit(message: string): Promise<string>;
  remove(): Promise<void>;
}

async function git(dir: string, args: string[]): Promise<string> {
  const { stdout } = await exec('git', args, { cwd: dir });
  return stdout.trim();
}

/**
 * Keeps only the GitHub resources of a client file (and the grants on them): these tests
 * run against the GitHub emulator alone, whatever other platforms the example declares.
 */
export function githubOnly(text: string): string {
  const document = parseDocument(text);
  const resources = document.get('resources');
  const dropped = new Set<string>();
  if (isMap(resources)) {
    for (const item of [...resources.items]) {
      const kind = isMap(item.value) ? String(item.value.get('kind')) : '';
      if (kind.startsWith('github-')) continue;
      dropped.add(String(item.key));
      resources.delete(item.key);
    }
  }
  const grants = document.get('grants');
  if (isSeq(grants)) {
    grants.items = grants.items.filter((grant) => !(isMap(grant) && dropped.has(String(grant.get('on')))));
  }
  return document.toString({ lineWidth: 0, flowCollectionPadding: true });
}

export async function makeGitRepo(): Promise<GitRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-action-'));
  await cp(join(ROOT, 'clients'), join(dir, 'clients'), { recursive: true });
  await cp(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  for (const file of await readdir(join(dir, 'clients'))) {
    const path = join(dir, 'clients', file);
    await writeFile(path, githubOnly(await readFile(path, 'utf8')));
  }
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await git(dir, ['config', 'user.email', 'maria@acme-agency.com']);
  await git(dir, ['config', 'user.name', 'Maria']);
  await git(dir, ['config', 'commit.gpgsign', 'false']);
  return {
    dir,
    async commit(message) {
      await git(dir, ['add', '--all']);
      await git(dir, ['commit', '--quiet', '--allow-empty', '-m', message]);
      return git(dir, ['rev-parse', 'HEAD']);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The example repository committed once, and the GitHub emulator serving the demo's organisation: where an Action test starts. */
export interface ActionWorld {
  repo: GitRepo;
  /** The commit made of the example. */
  base: string;
  github: GithubEmulator;
}

/** The demo's GitHub, plus the account the pull requests of these tests add to bloom. */
function worldSeed(): GithubEmulatorOptions['seed'] {
  const seed = structuredClone(DEMO_GITHUB);
  seed.users = [...(seed.users ?? []), 'noor-bloom'];
  return seed;
}

/**
 * Commits the example as `message` and starts the emulator with the demo's seed (and noor-bloom) and TOKEN;
 * `emulator` sees that commit (pull requests point at it) and adds to or replaces those options.
 */
export async function startWorld(emulator: (base: string) => Partial<GithubEmulatorOptions> = () => ({}), message = 'base'): Promise<ActionWorld> {
  const repo = await makeGitRepo();
  const base = await repo.commit(message);
  const github = await startGithubEmulator({ seed: worldSeed(), token: TOKEN, ...emulator(base) });
  return { repo, base, github };
}

/** Ends what startWorld started. */
export async function closeWorld(world: Pick<ActionWorld, 'repo' | 'github'>): Promise<void> {
  await world.github.close();
  await world.repo.remove();
}

/** A scheduled drift run of `sha`, its audit records in the repository's latch-audit.jsonl unless `inputs` says otherwise. */
export function runDrift(options: Omit<RunOptions, 'eventName' | 'payload'>): Promise<ActionRun> {
  return runAction({ ...options, eventName: 'schedule', payload: { schedule: '17 3 * * *' }, inputs: { 'audit-file': join(options.dir, 'latch-audit.jsonl'), ...options.inputs } });
}

/** The `pull_request` payload GitHub writes for an opened or synchronised pull request (the fields that matter, real shape). */
export function pullRequestEvent(options: { number: number; head: string; base: string; headRepo?: string | null }): Record<string, unknown> {
  const repo = (fullName: string) => ({ full_name: fullName, name: fullName.split('/')[1], owner: { login: fullName.split('/')[0] }, fork: fullName !== REPOSITORY });
  const headRepo = options.headRepo === undefined ? REPOSITORY : options.headRepo;
  return {
    action: 'synchronize',
    number: options.number,
    pull_request: {
      number: options.number,
      state: 'open',
      title: 'Access change',
      user: { login: 'maria-acme', type: 'User' },
      head: { ref: 'access-change', sha: options.head, repo: headRepo === null ? null : repo(headRepo) },
      base: { ref: 'main', sha: options.base, repo: repo(REPOSITORY) },
    },
    repository: repo(REPOSITORY),
    sender: { login: 'maria-acme', type: 'User' },
  };
}

/** The `push` payload of a merge to main. */
export function pushEvent(options: { before: string; after: string }): Record<string, unknown> {
  return {
    ref: 'refs/heads/main',
    before: options.before,
    after: options.after,
    created: false,
    deleted: false,
    forced: false,
    repository: { full_name: REPOSITORY, default_branch: 'main' },
    pusher: { name: 'maria-acme' },
    sender: { login: 'maria-acme', type: 'User' },
  };
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Outputs the step set, parsed from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** The job summary the step wrote. */
  summary: string;
}

/** Reads `name<<delimiter` records the way the runner does. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index] ?? '');
    if (!match) continue;
    const [, name = '', delimiter = ''] = match;
    const value: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1) value.push(lines[index] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

export interface RunOptions {
  /** The checked-out repository (GITHUB_WORKSPACE and the working directory). */
  dir: string;
  apiUrl: string;
  eventName: string;
  payload: Record<string, unknown>;
  /** The commit the run is for (GITHUB_SHA). */
  sha: string;
  /** Inputs by their action.yml names; `github-token` defaults to the emulator's token. */
  inputs?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** The Action's entry file; default the committed bundle, dist/index.js. */
  entry?: string;
}

/**
 * The environment the runner gives the Action: GITHUB_*, its inputs as INPUT_*, and the test's
 * own variables last. `files` are the runner's output and summary files, when the run has them.
 */
export function runnerEnv(options: Omit<RunOptions, 'entry'>, eventPath: string, files: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inputs: Record<string, string> = { 'github-token': TOKEN, ...options.inputs };
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LATCH_TODAY: '2026-11-23',
    LATCH_GITHUB_WRITE_INTERVAL_MS: '0',
    LATCH_RETRY_BASE_MS: '10',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_RUN_ID: String(nextRunId++),
    GITHUB_WORKSPACE: options.dir,
    GITHUB_SHA: options.sha,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...options.env,
  };
}

/** Runs the bundled Action the way the runner does: a node process with INPUT_* and the GITHUB_* files. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'latch-runner-'));
  try {
    const files = { event: join(scratch, 'event.json'), output: join(scratch, 'output'), summary: join(scratch, 'summary.md') };
    await writeFile(files.event, JSON.stringify(options.payload));
    await writeFile(files.output, '');
    await writeFile(files.summary, '');
    const env = runnerEnv(options, files.event, { GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary });
    const { code, stdout, stderr } = await spawnNode(options.entry ?? ENTRY, options.dir, env);
    return { code, stdout, stderr, outputs: parseOutputs(await readFile(files.output, 'utf8')), summary: await readFile(files.summary, 'utf8') };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Spawned asynchronously so the emulators in the test process keep answering. */
function spawnNode(entry: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
