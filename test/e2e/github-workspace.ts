import { afterEach, beforeEach } from 'vitest';
import { DEMO_GITHUB } from '../../src/demo/github-seed.js';
import { startGithubEmulator, type GithubEmulator, type GithubEmulatorOptions } from '../../src/emulators/github/index.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from './workspace.js';

/** The demo's GitHub and the example clients reduced to GitHub, both fresh for each test. */
export interface GithubWorkspace {
  /** The running test's emulator, seeded with the demo's organisation. */
  readonly github: GithubEmulator;
  /** The running test's copy of the example policies with `GITHUB_CLIENTS`. */
  readonly repo: Workspace;
  /** The variables that point Latch at `github` with the token, writes unpaced; `extra` wins. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Closes the running test's emulator and starts a fresh one from the same seed with `options`. */
  restart(options: Omit<GithubEmulatorOptions, 'seed'>): Promise<GithubEmulator>;
}

/** Call at the top of a test file: each test gets its own emulator checking `token` and its own workspace, removed after it. */
export function githubWorkspacePerTest(token: string): GithubWorkspace {
  let github: GithubEmulator | undefined;
  let repo: Workspace | undefined;
  const start = (options: Omit<GithubEmulatorOptions, 'seed'>) => startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), ...options });
  beforeEach(async () => {
    github = await start({ token });
    repo = await workspace({ ...(await examplePolicies()), ...GITHUB_CLIENTS });
  });
  afterEach(async () => {
    await github?.close();
    await repo?.remove();
    github = undefined;
    repo = undefined;
  });
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('only a running test has a GitHub workspace');
    return value;
  };
  return {
    get github() {
      return running(github);
    },
    get repo() {
      return running(repo);
    },
    env: (extra = {}) => ({ GITHUB_API_URL: running(github).url, GITHUB_TOKEN: token, LATCH_GITHUB_WRITE_INTERVAL_MS: '0', ...extra }),
    async restart(options) {
      await running(github).close();
      github = undefined;
      github = await start(options);
      return github;
    },
  };
}
