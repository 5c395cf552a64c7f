import { DEMO_AD_TOKENS, demoAdsEnv } from '../demo/ads-seeds.js';
import { DEMO_AWS_CREDENTIALS, demoAwsEnv } from '../demo/aws-seed.js';
import { DEMO_JIRA } from '../demo/jira-seed.js';
import { DEMO_TIKTOK_TOKEN, demoTiktokEnv } from '../demo/tiktok-seed.js';
import { DEMO_TOKENS } from '../demo/tokens.js';
import { startAwsEmulator, type AwsEmulator } from '../emulators/aws/index.js';
import { startGithubEmulator, type GithubEmulator } from '../emulators/github/index.js';
import { startGoogleAdsEmulator, type GoogleAdsEmulator } from '../emulators/google-ads/index.js';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google/index.js';
import { startJiraEmulator, type JiraEmulator } from '../emulators/jira/index.js';
import { startLinkedinEmulator, type LinkedinEmulator } from '../emulators/linkedin/index.js';
import { startMetaEmulator, type MetaEmulator } from '../emulators/meta/index.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/index.js';
import { startTiktokEmulator, type TiktokEmulator } from '../emulators/tiktok/index.js';
import { demoState, type SandboxState } from './state.js';

/** The running emulators of a sandbox. */
export interface SandboxPlatforms {
  github: GithubEmulator;
  google: GoogleEmulator;
  slack: SlackEmulator;
  meta: MetaEmulator;
  googleAds: GoogleAdsEmulator;
  linkedin: LinkedinEmulator;
  tiktok: TiktokEmulator;
  aws: AwsEmulator;
  jira: JiraEmulator;
  /** Base URL of each emulator, by platform. */
  urls: Record<string, string>;
  /** Every variable the CLI and the Action read to reach the emulators: base URLs and the (fake) credentials they check. */
  env: Record<string, string>;
  /** The state of every platform now, in the state file's shape. */
  snapshot(): SandboxState;
  /** API calls answered so far, per platform. */
  calls(): Record<string, number>;
  close(): Promise<void>;
}

export interface SandboxPlatformOptions {
  /** First of the fixed ports (see `PORT_OFFSETS`); default: free ports. */
  portBase?: number;
  /** Largest page the paged lists answer (GitHub keeps its own `per_page`); default: each emulator's own. */
  maxPageSize?: number;
}

/** Port offsets from `--port-base`; the control routes take the next one. */
export const PORT_OFFSETS = { github: 0, google: 1, slack: 2, meta: 3, googleAds: 4, linkedin: 5, tiktok: 6, aws: 7, jira: 8, control: 9 } as const;

function portOf(base: number | undefined, offset: number): number {
  return base === undefined ? 0 : base + offset;
}

/** One running emulator per platform, by the names of `PORT_OFFSETS`. */
type Running = Record<Exclude<keyof typeof PORT_OFFSETS, 'control'>, { url: string }>;

function envOf(state: SandboxState, running: Running): Record<string, string> {
  return {
    GITHUB_API_URL: running.github.url,
    GITHUB_TOKEN: DEMO_TOKENS.github,
    GITHUB_REPOSITORY: state.repository,
    LATCH_GITHUB_WRITE_INTERVAL_MS: '0',
    LATCH_GOOGLE_API_URL: running.google.url,
    LATCH_GOOGLE_ACCESS_TOKEN: DEMO_TOKENS.google,
    LATCH_SLACK_API_URL: running.slack.url,
    SLACK_TOKEN: DEMO_TOKENS.slack,
    ...demoAdsEnv({ meta: running.meta.url, googleAds: running.googleAds.url, linkedin: running.linkedin.url }, state.meta.businessId),
    ...demoTiktokEnv(running.tiktok.url, state.tiktok.bcId),
    ...demoAwsEnv(running.aws.url),
    LATCH_JIRA_API_URL: running.jira.url,
    LATCH_JIRA_EMAIL: DEMO_JIRA.email,
    LATCH_JIRA_TOKEN: DEMO_JIRA.token,
  };
}

/**
 * Starts every emulator on 127.0.0.1 from `state` (only read): on `portBase` + its offset,
 * or on free ports when no base is given. The access repository gets pull requests, issues
 * and a git history, so the Action can run against it.
 */
export async function startSandboxPlatforms(state: SandboxState, options: SandboxPlatformOptions = {}): Promise<SandboxPlatforms> {
  const { portBase, maxPageSize } = options;
  const seed = structuredClone(state);
  const port = (offset: number) => portOf(portBase, offset);
  const started: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(emulator: T): T => {
    started.push(emulator);
    return emulator;
  };
  const close = async () => {
    await Promise.all(started.map((emulator) => emulator.close()));
  };
  try {
    const github = track(await startGithubEmulator({ seed: seed.github, token: DEMO_TOKENS.github, port: port(PORT_OFFSETS.github), conversations: { repositories: { [seed.repository]: {} } } }));
    const google = track(await startGoogleEmulator({ seed: seed.google, token: DEMO_TOKENS.google, port: port(PORT_OFFSETS.google), maxPageSize }));
    const slack = track(await startSlackEmulator({ seed: seed.slack, token: DEMO_TOKENS.slack, port: port(PORT_OFFSETS.slack), maxPageSize }));
    const meta = track(await startMetaEmulator({ seed: seed.meta, token: DEMO_AD_TOKENS.meta, port: port(PORT_OFFSETS.meta), maxPageSize }));
    const googleAds = track(
      await startGoogleAdsEmulator({ seed: seed.googleAds, token: DEMO_AD_TOKENS.googleAds, developerToken: DEMO_AD_TOKENS.googleAdsDeveloper, port: port(PORT_OFFSETS.googleAds), pageSize: maxPageSize }),
    );
    const linkedin = track(await startLinkedinEmulator({ seed: seed.linkedin, token: DEMO_AD_TOKENS.linkedin, port: port(PORT_OFFSETS.linkedin), maxPageSize }));
    const tiktok = track(await startTiktokEmulator({ seed: seed.tiktok, token: DEMO_TIKTOK_TOKEN, port: port(PORT_OFFSETS.tiktok), maxPageSize }));
    const aws = track(await startAwsEmulator({ seed: seed.aws, accessKeyId: DEMO_AWS_CREDENTIALS.accessKeyId, pollsToComplete: 2, port: port(PORT_OFFSETS.aws), maxPageSize }));
    const jira = track(await startJiraEmulator({ seed: seed.jira, email: DEMO_JIRA.email, token: DEMO_JIRA.token, port: port(PORT_OFFSETS.jira), maxPageSize }));
    const emulators = { github, google, slack, meta, googleAds, linkedin, tiktok, aws, jira };
    const jiraSeed = seed.jira;
    return {
      ...emulators,
      urls: Object.fromEntries(Object.entries(emulators).map(([name, emulator]) => [name, emulator.url])),
      env: envOf(state, emulators),
      snapshot: () => ({
        version: 1,
        repository: state.repository,
        github: github.snapshot(),
        google: google.snapshot(),
        slack: slack.snapshot(),
        meta: meta.snapshot(),
        googleAds: googleAds.snapshot(),
        linkedin: linkedin.snapshot(),
        tiktok: tiktok.snapshot(),
        aws: aws.snapshot(),
        jira: { ...jiraSeed, projects: Object.fromEntries(Object.entries(jira.snapshot()).map(([key, roles]) => [key, { name: jiraSeed.projects[key]?.name ?? key, roles }])) },
      }),
      calls: () => Object.fromEntries(Object.entries(emulators).map(([name, emulator]) => [name, emulator.requests.length])),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The demo agency's world on free ports, each platform from a fresh copy of its seed: what `latch demo` runs against. */
export async function startDemoPlatforms(options: Pick<SandboxPlatformOptions, 'maxPageSize'> = {}): Promise<SandboxPlatforms> {
  return startSandboxPlatforms(demoState(), options);
}
