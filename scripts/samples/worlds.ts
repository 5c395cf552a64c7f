import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_GITHUB, DEMO_PUBLIC_EMAILS } from '../../src/demo/github-seed.js';
import { mariaLeaves } from '../../src/demo/leaver.js';
import { DEMO_TOKENS } from '../../src/demo/tokens.js';
import { startGithubEmulator } from '../../src/emulators/github/index.js';
import { packageRoot } from '../../src/package-root.js';
import { startSandboxPlatforms } from '../../src/sandbox/platforms.js';
import { demoState } from '../../src/sandbox/state.js';
import { exampleHistory } from './history.js';
import type { Latch } from './latch.js';

/** Where a sample runs: a directory, the environment that points Latch at its platforms, and how to end it. */
export interface World {
  dir: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

interface Setup {
  /**
   * `demo`: the demo's emulated platforms, from their seeds, before anything was applied;
   * `github-profiles`: the demo's GitHub alone, where the people who have one show a public e-mail.
   */
  platforms?: 'demo' | 'github-profiles';
  /** The example repository committed as a short history (history.ts). */
  history?: boolean;
  /** A change to the copy of the example repository, made after the history; fails when what it changes is gone. */
  edit?: (dir: string, today: string, latch: Latch) => Promise<unknown>;
}

async function change(dir: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`the sample world expects ${String(from)} in ${file}`);
  await writeFile(path, changed);
}

const LEE = '  lee:   { email: lee@apexoutdoor.com, github: lee-apex, role: client-admin }';
const LEE_GRANT = '  - { who: lee, on: aws-prod, level: read-only, why: "reads the production logs" }';

interface Platforms {
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

async function startPlatforms(kind: Setup['platforms'], today: string): Promise<Platforms | undefined> {
  if (kind === 'github-profiles') {
    const github = await startGithubEmulator({ seed: { ...structuredClone(DEMO_GITHUB), emails: { ...DEMO_PUBLIC_EMAILS } }, token: DEMO_TOKENS.github });
    return { env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: DEMO_TOKENS.github }, close: () => github.close() };
  }
  if (kind !== 'demo') return undefined;
  // The demo dates its Google Ads invitation from the clock; a sample pins it to its day.
  return startSandboxPlatforms(demoState(Date.parse(`${today}T09:00:00Z`)));
}

let historyTemplate: Promise<string> | undefined;

/** The example's history is made once per run and copied: its commits are the same every time. */
function exampleHistoryCopy(): Promise<string> {
  historyTemplate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'latch-sample-history-'));
    await copyExample(dir);
    await exampleHistory(dir);
    return dir;
  })();
  return historyTemplate;
}

/** Removes what `startWorld` keeps between worlds; the next world makes it again. */
export async function forgetWorlds(): Promise<void> {
  const template = historyTemplate;
  historyTemplate = undefined;
  if (template) await rm(await template, { recursive: true, force: true });
}

async function copyExample(dir: string): Promise<void> {
  const root = packageRoot();
  for (const folder of ['clients', 'policies']) await cp(join(root, folder), join(dir, folder), { recursive: true });
}

/**
 * Every world a README sample may name. Each starts from a fresh copy of the example
 * repository (clients/ and policies/ of this package), so samples never depend on each other.
 */
export const WORLDS: Record<string, Setup> = {
  repo: {},
  demo: { platforms: 'demo' },
  history: { history: true },
  'history-demo': { history: true, platforms: 'demo' },
  // The tour's "try the checks yourself": a client person given an agency role.
  'leo-agency-lead': { edit: (dir) => change(dir, 'clients/bloom.yaml', 'role: client-contributor, until: 2027-01-31', 'role: agency-lead, until: 2027-01-31') },
  'review-due': { edit: (dir) => change(dir, 'policies/guardrails.yaml', /^massRevoke:/m, 'review: { maxDays: 90 }\nmassRevoke:') },
  'maria-leaves': { platforms: 'demo', edit: (dir, today) => mariaLeaves(dir, today) },
  'sam-ended': { platforms: 'demo', edit: (dir) => change(dir, 'clients/apex.yaml', 'until: 2027-06-30', 'until: 2026-10-31') },
  'expiry-warning': { platforms: 'demo', edit: (dir) => change(dir, 'policies/guardrails.yaml', /^massRevoke:/m, 'expiryWarningDays: 21\nmassRevoke:') },
  // A delegate's pull request on top of the history: beyond their rights, then within them.
  'delegate-refused': {
    history: true,
    edit: async (dir) => {
      await change(dir, 'clients/apex.yaml', /^( {2}tom: .*)$/m, `$1\n${LEE}`);
      await change(dir, 'clients/apex.yaml', /^( {2}- \{ who: tom.*)$/m, `$1\n${LEE_GRANT}`);
      await change(dir, 'policies/guardrails.yaml', 'maxDays: 365 ', 'maxDays: 730 ');
    },
  },
  'delegate-finn': { history: true, edit: (dir) => change(dir, 'clients/apex.yaml', /^( {2}sam: .*)$/m, `$1\n  finn:  { email: finn@apexoutdoor.com, role: client-finance }`) },
  // Import starts where Latch is new: no client file and no people.yaml, only the policies.
  import: {
    platforms: 'github-profiles',
    edit: async (dir) => {
      await rm(join(dir, 'clients'), { recursive: true });
      await rm(join(dir, 'policies/people.yaml'));
    },
  },
  init: {
    edit: async (dir, today, latch) => {
      for (const folder of ['clients', 'policies']) await rm(join(dir, folder), { recursive: true });
      return latch(['init'], dir, { LATCH_TODAY: today });
    },
  },
};

/** Starts the named world on `today`; an unknown name fails with the known ones. */
export async function startWorld(name: string, today: string, latch: Latch): Promise<World> {
  const setup = WORLDS[name];
  if (!setup) throw new Error(`no sample world "${name}"; known: ${Object.keys(WORLDS).join(', ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'latch-sample-'));
  let platforms: Platforms | undefined;
  try {
    if (setup.history) await cp(await exampleHistoryCopy(), dir, { recursive: true });
    else await copyExample(dir);
    if (setup.edit) await setup.edit(dir, today, latch);
    platforms = await startPlatforms(setup.platforms, today);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    env: platforms?.env ?? {},
    close: async () => {
      await platforms?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
