import { pino } from 'pino';
import { startJiraEmulator, type JiraEmulator, type JiraEmulatorOptions, type JiraSeed } from '../../../src/emulators/jira/index.js';
import type { PlatformsConfig } from '../../../src/load/model.js';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformContext } from '../../../src/platforms/adapter.js';
import { createJiraAdapter, type JiraTuning } from '../../../src/platforms/jira/index.js';
import { emulatorPerTest, type EmulatorPerTest } from '../emulator-per-test.js';

export { failure } from '../emulator-per-test.js';

export const EMAIL = 'latch-bot@acme-agency.com';
export const TOKEN = 'ATATTjiraSecretToken0123456789abcdef';
export const CONFIG: PlatformsConfig = { jira: { site: 'https://acme.atlassian.net', roles: { viewer: 'Viewer', member: 'Member', administrator: 'Administrators' } } };

/** A site as Jira Cloud sets one up: its default roles plus the add-ons role, which no level names. */
export function seed(): JiraSeed {
  const viewers = Array.from({ length: 120 }, (_, index) => `acc-v${String(index).padStart(3, '0')}`);
  return {
    roles: { Viewer: 10000, Member: 10001, Administrators: 10002, 'atlassian-addons-project-access': 10003 },
    users: {
      'acc-maria': { email: 'maria@acme-agency.com', displayName: 'Maria' },
      'acc-dana': { email: 'Dana@ApexOutdoor.com', displayName: 'Dana' },
      'acc-ghost': { email: 'ghost@elsewhere.com', displayName: 'Ghost', hideEmail: true },
      'acc-addon': { email: 'addon@connect.atlassian.com', displayName: 'Automation for Jira', accountType: 'app' },
      'acc-sam': { email: 'sam@apexoutdoor.com', displayName: 'Sam' },
      'acc-sam-au': { email: 'sam@apexoutdoor.com.au', displayName: 'Sam (AU)' },
      'acc-tom': { email: 'tom@acme-agency.com', displayName: 'Tom', hideEmail: true },
      ...Object.fromEntries(viewers.map((id) => [id, { email: `${id.slice(4)}@viewers.example`, displayName: id }])),
    },
    groups: { 'apex-devs': ['acc-sam'] },
    projects: {
      APEX: {
        name: 'Apex web',
        roles: {
          Administrators: { users: ['acc-maria'] },
          Member: { users: ['acc-maria', 'acc-ghost'], groups: ['apex-devs'] },
          Viewer: { users: ['acc-dana'] },
          'atlassian-addons-project-access': { users: ['acc-addon'] },
        },
      },
      BIG: { name: 'Big', roles: { Viewer: { users: viewers } } },
      SECRET: { name: 'Not ours', roles: { Administrators: { users: ['acc-maria'] } } },
    },
  };
}

let emulators: EmulatorPerTest<JiraEmulator> | undefined;

/** Installs nock's guard and closes the emulator after each test. */
export function useEmulator(): void {
  emulators = emulatorPerTest<JiraEmulator>();
}

export async function start(options: Partial<JiraEmulatorOptions> = {}): Promise<JiraEmulator> {
  const emulator = await startJiraEmulator({ seed: seed(), email: EMAIL, token: TOKEN, administers: ['APEX', 'BIG'], ...options });
  return emulators?.started(emulator) ?? emulator;
}

export function context(env: NodeJS.ProcessEnv, config: PlatformsConfig = CONFIG): PlatformContext {
  return { config, env: { LATCH_JIRA_EMAIL: EMAIL, LATCH_JIRA_TOKEN: TOKEN, ...env }, logger: pino({ level: 'silent' }) };
}

export function adapter(emulator: JiraEmulator, tuning: JiraTuning = {}, env: NodeJS.ProcessEnv = {}) {
  return createJiraAdapter(context({ LATCH_JIRA_API_URL: emulator.url, ...env }), { retryBaseMs: 1, ...tuning });
}

export function project(ref = 'APEX'): ManagedResource {
  return { client: 'apex', key: 'jira', kind: 'jira-project', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 12, column: 3 } };
}

const base = { client: 'apex', kind: 'jira-project', resource: 'APEX', reason: 'test' } as const;

export function grant(principal: string, to: string): Change {
  return { ...base, principal, action: 'grant', from: null, to };
}

export function update(principal: string, from: string, to: string, handle?: string): Change {
  return { ...base, principal, action: 'update', from, to, ...(handle ? { handle } : {}) };
}

export function revoke(principal: string, from: string, handle?: string): Change {
  return { ...base, principal, action: 'revoke', from, to: null, ...(handle ? { handle } : {}) };
}

export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
