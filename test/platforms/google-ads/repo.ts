import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { preparePlan, type PreparedPlan } from '../../../src/pipeline.js';
import { DEVELOPER_TOKEN, TOKEN } from './helpers.js';

/** Apex with one Google Ads account; `mode` and `people` vary per test. */
function files(mode: 'manage' | 'verify', people: string, platforms: string): Record<string, string> {
  return {
    'clients/apex.yaml': `client: apex
name: Apex Outdoor
domains: [apexoutdoor.com]
owners: [maria]
resources:
  ads: { kind: google-ads-account, ref: "123-456-7890", mode: ${mode} }
people:
${people}`,
    'policies/roles.yaml': `roles:
  agency-admin: { description: Runs the account, side: agency, levels: { google-ads-account: admin } }
  agency-lead: { description: Reads reports, side: agency, levels: { google-ads-account: read-only } }
`,
    'policies/guardrails.yaml': 'agencyDomains: [acme-agency.com]\nmassRevoke: { maxCount: 100, maxShare: 1 }\n',
    'policies/platforms.yaml': platforms,
  };
}

export interface PlanOptions {
  mode?: 'manage' | 'verify';
  /** YAML lines under `people:` besides maria (the owner, an admin), indented by two. */
  people?: string;
  platforms?: string;
  env?: NodeJS.ProcessEnv;
  today?: string;
}

/** Plans a throwaway repository against the emulator at `url`, in process: load, read, plan. */
export async function planAgainst(url: string, options: PlanOptions = {}): Promise<PreparedPlan> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-google-ads-'));
  try {
    const people = `  maria: { email: maria@acme-agency.com, role: agency-admin }\n${options.people ?? ''}`;
    for (const [path, text] of Object.entries(files(options.mode ?? 'manage', people, options.platforms ?? '{}\n'))) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const env = { LATCH_GOOGLE_ADS_API_URL: `${url}/v26`, LATCH_GOOGLE_ADS_TOKEN: TOKEN, LATCH_GOOGLE_ADS_DEVELOPER_TOKEN: DEVELOPER_TOKEN, ...options.env };
    return await preparePlan({ dir, today: options.today ?? new Date().toISOString().slice(0, 10), env, logger: pino({ level: 'silent' }), concurrency: 2 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
