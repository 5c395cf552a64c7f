import type { AwsSeed } from '../emulators/aws/index.js';
import type { GithubSeed } from '../emulators/github/index.js';
import type { GoogleAdsSeed } from '../emulators/google-ads/index.js';
import type { GoogleSeed } from '../emulators/google/index.js';
import type { JiraSeed } from '../emulators/jira/index.js';
import type { LinkedinSeed } from '../emulators/linkedin/index.js';
import type { MetaSeed } from '../emulators/meta/index.js';
import type { SlackSeed } from '../emulators/slack/index.js';
import type { TiktokSeed } from '../emulators/tiktok/index.js';
import { DEMO_AWS } from '../demo/aws-seed.js';
import { DEMO_GITHUB } from '../demo/github-seed.js';
import { DEMO_GOOGLE, DEMO_SLACK } from '../demo/google-slack-seeds.js';
import { DEMO_LINKEDIN, DEMO_META, demoGoogleAdsSeed } from '../demo/ads-seeds.js';
import { DEMO_JIRA_SEED } from '../demo/jira-seed.js';
import { DEMO_TIKTOK } from '../demo/tiktok-seed.js';

/** Every platform's state in one document: what `--state FILE` reads and `--write-state FILE` writes. */
export interface SandboxState {
  /** Format version; 1. */
  version: 1;
  /** `owner/name` of the access repository: where pull requests, plan comments and the drift issue live. */
  repository: string;
  github: GithubSeed;
  google: GoogleSeed;
  slack: SlackSeed;
  meta: MetaSeed;
  googleAds: GoogleAdsSeed;
  linkedin: LinkedinSeed;
  tiktok: TiktokSeed;
  aws: AwsSeed;
  jira: JiraSeed;
}

/** The demo agency's platforms as `latch demo` finds them, with its access repository. */
export function demoState(now: number = Date.now()): SandboxState {
  return structuredClone({
    version: 1,
    repository: `${DEMO_GITHUB.org}/access`,
    github: DEMO_GITHUB,
    google: DEMO_GOOGLE,
    slack: DEMO_SLACK,
    meta: DEMO_META,
    googleAds: demoGoogleAdsSeed(now),
    linkedin: DEMO_LINKEDIN,
    tiktok: DEMO_TIKTOK,
    aws: DEMO_AWS,
    jira: DEMO_JIRA_SEED,
  } satisfies SandboxState);
}
