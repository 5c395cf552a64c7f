import type { Emulator } from '../emulators/harness.js';
import { startGithubEmulator, type GithubEmulator } from '../emulators/github/index.js';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google/index.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/index.js';
import { DEMO_GITHUB } from './github-seed.js';
import { DEMO_GOOGLE, DEMO_SLACK } from './google-slack-seeds.js';
import { DEMO_AD_TOKENS, DEMO_GOOGLE_ADS, DEMO_LINKEDIN, DEMO_META, demoAdsEnv } from './ads-seeds.js';
import { startMetaEmulator, type MetaEmulator } from '../emulators/meta/index.js';
import { startGoogleAdsEmulator, type GoogleAdsEmulator } from '../emulators/google-ads/index.js';
import { startLinkedinEmulator, type LinkedinEmulator } from '../emulators/linkedin/index.js';
import { startTiktokEmulator, type TiktokEmulator } from '../emulators/tiktok/index.js';
import { DEMO_TIKTOK, DEMO_TIKTOK_TOKEN, demoTiktokEnv } from './tiktok-seed.js';
import { startAwsEmulator, type AwsEmulator } from '../emulators/aws/index.js';
import { DEMO_AWS, DEMO_AWS_CREDENTIALS, demoAwsEnv } from './aws-seed.js';
import { startJiraEmulator, type JiraEmulator } from '../emulators/jira/index.js';
import { DEMO_JIRA, DEMO_JIRA_SEED } from './jira-seed.js';

/** Every emulated platform of the demo agency, with the environment that points Latch at them. */
export interface DemoPlatforms {
  github: GithubEmulator;
  google: GoogleEmulator;
  slack: SlackEmulator;
  meta: MetaEmulator;
  googleAds: GoogleAdsEmulator;
  linkedin: LinkedinEmulator;
  tiktok: TiktokEmulator;
  aws: AwsEmulator;
  jira: JiraEmulator;
  /** Base URLs and (fake) credentials for every platform, to merge into a run's environment. */
  env: NodeJS.ProcessEnv;
  /** API calls answered so far, per platform. */
  calls(): Record<string, number>;
  close(): Promise<void>;
}

/** Fake credentials: the emulators check them, so a run without them fails like it would for real. */
export const DEMO_TOKENS = {
  github: 'ghs_demoTokenNeverPrinted0000000000',
  google: 'ya29.demoGoogleTokenNeverPrinted',
  slack: 'xoxb-demo-slack-token-never-printed',
} as const;

export interface DemoPlatformOptions {
  /** Largest page the paged lists answer (GitHub keeps its own `per_page`); default: no limit. */
  maxPageSize?: number;
}

/** Starts the demo's platforms on 127.0.0.1, each from a fresh copy of its seed. */
export async function startDemoPlatforms(options: DemoPlatformOptions = {}): Promise<DemoPlatforms> {
  const { maxPageSize } = options;
  const github = await startGithubEmulator({ seed: structuredClone(DEMO_GITHUB), token: DEMO_TOKENS.github });
  const google = await startGoogleEmulator({ seed: structuredClone(DEMO_GOOGLE), token: DEMO_TOKENS.google, maxPageSize });
  const slack = await startSlackEmulator({ seed: structuredClone(DEMO_SLACK), token: DEMO_TOKENS.slack, maxPageSize });
  const meta = await startMetaEmulator({ seed: structuredClone(DEMO_META), token: DEMO_AD_TOKENS.meta, maxPageSize });
  const googleAds = await startGoogleAdsEmulator({
    seed: structuredClone(DEMO_GOOGLE_ADS),
    token: DEMO_AD_TOKENS.googleAds,
    developerToken: DEMO_AD_TOKENS.googleAdsDeveloper,
    pageSize: maxPageSize,
  });
  const linkedin = await startLinkedinEmulator({ seed: structuredClone(DEMO_LINKEDIN), token: DEMO_AD_TOKENS.linkedin, maxPageSize });
  const tiktok = await startTiktokEmulator({ seed: structuredClone(DEMO_TIKTOK), token: DEMO_TIKTOK_TOKEN, maxPageSize });
  const aws = await startAwsEmulator({ seed: structuredClone(DEMO_AWS), accessKeyId: DEMO_AWS_CREDENTIALS.accessKeyId, pollsToComplete: 2, maxPageSize });
  const jira = await startJiraEmulator({ seed: structuredClone(DEMO_JIRA_SEED), email: DEMO_JIRA.email, token: DEMO_JIRA.token, maxPageSize });
  const emulators: Record<string, Emulator> = { github, google, slack, meta, googleAds, linkedin, tiktok, aws, jira };
  return {
    github,
    google,
    slack,
    meta,
    googleAds,
    linkedin,
    tiktok,
    aws,
    jira,
    env: {
      ...demoAwsEnv(aws.url),
      ...demoAdsEnv({ meta: meta.url, googleAds: googleAds.url, linkedin: linkedin.url }),
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: DEMO_TOKENS.github,
      LATCH_GITHUB_WRITE_INTERVAL_MS: '0',
      LATCH_GOOGLE_API_URL: google.url,
      LATCH_GOOGLE_ACCESS_TOKEN: DEMO_TOKENS.google,
      LATCH_SLACK_API_URL: slack.url,
      SLACK_TOKEN: DEMO_TOKENS.slack,
      ...demoTiktokEnv(tiktok.url),
      LATCH_JIRA_API_URL: jira.url,
      LATCH_JIRA_EMAIL: DEMO_JIRA.email,
      LATCH_JIRA_TOKEN: DEMO_JIRA.token,
    },
    calls: () => Object.fromEntries(Object.entries(emulators).map(([name, emulator]) => [name, emulator.requests.length])),
    close: async () => {
      await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
    },
  };
}
