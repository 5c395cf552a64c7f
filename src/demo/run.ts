import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../cli/io.js';
import { startGithubEmulator, type GithubEmulator } from '../platforms/github/emulator.js';
import { DEMO_GITHUB } from './github-seed.js';
import { packageRoot } from './package-root.js';

/** Runs the CLI with arguments and an environment, as a person would at a terminal. */
export type CliRunner = (argv: readonly string[], io: Io) => Promise<number>;

interface Step {
  title: string;
  argv: string[];
  /** Exit code that proves the step did what the story says. */
  expect: number;
  before?: (github: GithubEmulator) => string;
}

const DEMO_TOKEN = 'ghs_demoTokenNeverPrinted0000000000';

const STEPS: Step[] = [
  { title: 'Validate the repository: schemas and guardrails', argv: ['validate'], expect: 0 },
  { title: 'Plan: what the platforms have versus what the repository says', argv: ['plan'], expect: 2 },
  { title: 'Apply the plan', argv: ['apply', '--yes'], expect: 0 },
  { title: 'Plan again: nothing left to do', argv: ['plan'], expect: 0 },
  {
    title: 'Drift: someone grants access by hand, the nightly run finds it',
    argv: ['drift'],
    expect: 2,
    before: (github) => {
      github.addCollaboratorByHand('acme-agency/apex-web', 'jake-freelance', 'admin');
      return 'A colleague adds jake-freelance as admin of acme-agency/apex-web in the GitHub UI.';
    },
  },
];

function banner(io: Io, index: number, title: string, argv: readonly string[]): void {
  io.stdout.write(`\n━━ ${index}. ${title}\n$ latch ${argv.join(' ')}\n\n`);
}

/**
 * The whole story against emulated platforms on 127.0.0.1: validate, plan, apply, plan
 * again, drift. Works on a copy of the example repository, so nothing of the caller's changes.
 */
export async function runDemo(io: Io, runCli: CliRunner): Promise<number> {
  const workdir = await mkdtemp(join(tmpdir(), 'latch-demo-'));
  const github = await startGithubEmulator({ seed: DEMO_GITHUB, token: DEMO_TOKEN });
  try {
    const root = packageRoot();
    await cp(join(root, 'clients'), join(workdir, 'clients'), { recursive: true });
    await cp(join(root, 'policies'), join(workdir, 'policies'), { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...io.env,
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: DEMO_TOKEN,
      LATCH_GITHUB_WRITE_INTERVAL_MS: '0',
    };
    const demoIo: Io = { ...io, env, cwd: workdir };
    io.stdout.write(
      'Latch demo: the agency Acme keeps client access in clients/*.yaml; GitHub is emulated on ' +
        `${github.url}.\nExample repository copied to ${workdir}.\n`,
    );
    let failed = 0;
    for (const [index, step] of STEPS.entries()) {
      banner(io, index + 1, step.title, step.argv);
      if (step.before) io.stdout.write(`${step.before(github)}\n\n`);
      const code = await runCli(step.argv, demoIo);
      const verdict = code === step.expect ? 'as expected' : `expected ${step.expect}`;
      io.stdout.write(`\n(exit ${code}, ${verdict})\n`);
      if (code !== step.expect) failed += 1;
    }
    const calls = github.requests.length;
    io.stdout.write(`\nDone: ${STEPS.length} steps, ${calls} GitHub API calls${failed ? `, ${failed} steps did not behave as expected` : ''}.\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    await github.close();
    await rm(workdir, { recursive: true, force: true });
  }
}
