import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bloomActsOnRequest } from '../../demo/ads-seeds.js';
import { bloomAssignsInAws, kenBackOnApexProd } from '../../demo/aws-seed.js';
import { bloomAddsToJira } from '../../demo/jira-seed.js';
import { mariaLeaves } from '../../demo/leaver.js';
import { cobaltOffboarded, kenBackOnCobaltPortal, SAM_COMPROMISED } from '../../demo/lifecycle.js';
import { startDemoPlatforms, type SandboxPlatforms } from '../../sandbox/platforms.js';
import { bloomActsOnTiktok } from '../../demo/tiktok-seed.js';
import { packageRoot } from '../../package-root.js';
import { today } from '../../clock.js';
import type { CliOptions } from '../args.js';
import type { CliRunner, Io } from '../io.js';
import { refuseJson } from '../json.js';

interface Step {
  title: string;
  argv: string[];
  /** Exit code that proves the step did what the story says. */
  expect: number;
  /** What happens on the platforms or in the repository first; the text tells the story. */
  before?: (platforms: SandboxPlatforms, workdir: string) => string | Promise<string>;
  /** A change to the demo's copy of the repository before the step runs. */
  edit?: (dir: string, today: string) => Promise<string>;
}

const STEPS: Step[] = [
  { title: 'Validate the repository: schemas and guardrails', argv: ['validate'], expect: 0 },
  { title: 'Plan: what the platforms have versus what the repository says', argv: ['plan'], expect: 2 },
  { title: 'Apply the plan', argv: ['apply', '--yes'], expect: 0 },
  { title: 'Access request: what Bloom must do on the ad accounts it owns', argv: ['request', 'bloom'], expect: 2 },
  { title: 'Plan again: nothing left to do, and what Bloom did is verified', argv: ['plan'], expect: 0, before: (platforms) => `${bloomActsOnRequest(platforms.googleAds)}\n${bloomActsOnTiktok(platforms.tiktok)}\n${bloomAssignsInAws(platforms.aws)}\n${bloomAddsToJira(platforms.jira)}` },
  {
    title: 'Drift: someone grants access by hand, the nightly run finds it',
    argv: ['drift'],
    expect: 2,
    before: (platforms) => {
      platforms.github.addCollaboratorByHand('acme-agency/apex-web', 'jake-freelance', 'admin');
      platforms.google.shareByHand('1ApexInternalNotes', 'jake@freelance-studio.com', 'writer');
      return `A colleague adds jake-freelance as admin of acme-agency/apex-web in the GitHub UI, and shares\nApex's internal notes folder with jake@freelance-studio.com in Google Drive.\n${kenBackOnApexProd(platforms.aws)}`;
    },
  },
];

/** An offboarded client stays watched: access given back by hand is drift. */
const OFFBOARDING_STEPS: Step[] = [
  { title: 'Offboarding: a client file is deleted and applied', argv: ['apply', '--yes', '--base', 'HEAD~1'], expect: 0, before: (_, workdir) => cobaltOffboarded(workdir) },
  { title: 'Drift during the watch: access to the offboarded client reappears', argv: ['drift'], expect: 2, before: (platforms) => kenBackOnCobaltPortal(platforms.github) },
];

/** A compromised account loses its access at once; the files follow in a pull request. */
const EMERGENCY_STEPS: Step[] = [
  { title: 'Emergency revocation', argv: ['revoke', 'sam@apexoutdoor.com', '--everywhere', '--reason', 'laptop stolen', '--yes', '--by', 'maria'], expect: 0, before: () => SAM_COMPROMISED },
  { title: 'Drift: the revoked person is not granted again until the files say so', argv: ['drift'], expect: 2 },
];

/** An agency person leaves: one line in policies/people.yaml ends their access everywhere. */
const LEAVER_STEPS: Step[] = [{ title: 'A leaver: all her access, in every client, in one change', argv: ['plan'], expect: 2, edit: mariaLeaves }];

const ALL_STEPS: Step[] = [...STEPS, ...OFFBOARDING_STEPS, ...EMERGENCY_STEPS, ...LEAVER_STEPS];

function banner(io: Io, index: number, title: string, argv: readonly string[]): void {
  io.stdout.write(`\n━━ ${index}. ${title}\n$ latch ${argv.join(' ')}\n\n`);
}

/** The report page of where the story ends, kept after the demo (its copy of the repository is not): true when written. */
async function writeReportPage(options: CliOptions, io: Io, demoIo: Io, runCli: CliRunner, index: number): Promise<boolean> {
  const out = options.out ?? join(await mkdtemp(join(tmpdir(), 'latch-report-')), 'report.html');
  const argv = ['report', '--out', out];
  banner(io, index, 'The report page: every client, who has access, the drift', argv);
  const code = await runCli(argv, demoIo);
  io.stdout.write(code === 0 ? `\nOpen ${pathToFileURL(out).href} in a browser.\n` : `\n(exit ${code}, expected 0)\n`);
  return code === 0;
}

/**
 * `latch demo`: the whole story against emulated platforms on 127.0.0.1: validate, plan, apply,
 * plan again, drift, a leaver, and the report page. Works on a copy of the example repository, so nothing of the caller's changes.
 */
export async function demoCommand(options: CliOptions, io: Io, runCli: CliRunner): Promise<number> {
  refuseJson(options, 'it tells a story for people; use the commands it runs');
  const workdir = await mkdtemp(join(tmpdir(), 'latch-demo-'));
  const platforms = await startDemoPlatforms();
  try {
    const root = packageRoot();
    await cp(join(root, 'clients'), join(workdir, 'clients'), { recursive: true });
    await cp(join(root, 'policies'), join(workdir, 'policies'), { recursive: true });
    const demoIo: Io = { ...io, env: { ...io.env, ...platforms.env }, cwd: workdir };
    io.stdout.write(
      'Latch demo: the agency Acme keeps client access in clients/*.yaml. GitHub, Google (Drive, GA4,\n' +
        'groups), Slack, Meta, Google Ads, LinkedIn, TikTok, AWS and Jira are emulated on 127.0.0.1.\n' +
        `Example repository copied to ${workdir}.\n`,
    );
    let failed = 0;
    for (const [index, step] of ALL_STEPS.entries()) {
      banner(io, index + 1, step.title, step.argv);
      if (step.before) io.stdout.write(`${await step.before(platforms, workdir)}\n\n`);
      if (step.edit) io.stdout.write(`${await step.edit(workdir, today(io.env))}\n\n`);
      const code = await runCli(step.argv, demoIo);
      const verdict = code === step.expect ? 'as expected' : `expected ${step.expect}`;
      io.stdout.write(`\n(exit ${code}, ${verdict})\n`);
      if (code !== step.expect) failed += 1;
    }
    if (!(await writeReportPage(options, io, demoIo, runCli, ALL_STEPS.length + 1))) failed += 1;
    const calls = Object.entries(platforms.calls()).map(([name, count]) => `${name} ${count}`).join(', ');
    io.stdout.write(`\nDone: ${ALL_STEPS.length + 1} steps; API calls: ${calls}${failed ? `; ${failed} steps did not behave as expected` : ''}.\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    await platforms.close();
    await rm(workdir, { recursive: true, force: true });
  }
}
