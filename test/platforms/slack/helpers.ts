import { pino } from 'pino';
import type { ManagedResource } from '../../../src/model/grants.js';
import type { Change } from '../../../src/model/plan.js';
import type { PlatformAdapter, PlatformContext } from '../../../src/platforms/adapter.js';
import { createSlackAdapter, type SlackTuning } from '../../../src/platforms/slack/index.js';
import { startSlackEmulator, type SlackEmulator, type SlackEmulatorOptions, type SlackSeed } from '../../../src/emulators/slack/index.js';

export const TOKEN = 'xoxb-unitTestSecretValue-0123456789abcdef';
export const BOT = 'U0LATCHBOT';

/** A small workspace: three people, a deactivated account, another app's bot. */
export function seed(): SlackSeed {
  return {
    team: 'T0ACME',
    botUserId: BOT,
    users: [
      { id: 'U01DANA', email: 'Dana@ApexOutdoor.com', name: 'dana' },
      { id: 'U02FINN', email: 'finn@apexoutdoor.com', name: 'finn' },
      { id: 'U03MARIA', email: 'maria@acme-agency.com', name: 'maria' },
      { id: 'U04GONE', email: 'gone@apexoutdoor.com', name: 'gone', deleted: true },
      { id: 'U05ZAP', email: '', name: 'zapier', isBot: true },
      { id: 'U06JAKE', email: 'jake@freelance.dev', name: 'jake' },
    ],
    channels: {
      C0APEX: { name: 'apex', members: ['U01DANA', 'U03MARIA', 'U04GONE', 'U05ZAP'] },
      C0BETA: { name: 'beta', members: ['U02FINN'] },
      C0EMPTY: { name: 'empty', members: [] },
      C0OLD: { name: 'old', members: ['U01DANA'], archived: true },
    },
  };
}

export async function emulator(options: Partial<SlackEmulatorOptions> = {}): Promise<SlackEmulator> {
  return startSlackEmulator({ seed: seed(), token: TOKEN, ...options });
}

export function context(url: string, env: NodeJS.ProcessEnv = {}): PlatformContext {
  return {
    config: { slack: { workspace: 'T0ACME' } },
    env: { LATCH_SLACK_API_URL: url, SLACK_TOKEN: TOKEN, ...env },
    logger: pino({ level: 'silent' }),
  };
}

export function adapter(slack: SlackEmulator, tuning: SlackTuning = {}, env: NodeJS.ProcessEnv = {}): PlatformAdapter {
  return createSlackAdapter(context(slack.url, env), { retryBaseMs: 1, ...tuning });
}

export function channel(ref: string): ManagedResource {
  return { client: 'apex', key: 'chat', kind: 'slack-channel', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 9, column: 3 } };
}

export function grant(resource: string, principal: string): Change {
  return { action: 'grant', client: 'apex', kind: 'slack-channel', resource, principal, from: null, to: 'member', reason: 'role client-admin in clients/apex.yaml:12' };
}

export function revoke(resource: string, principal: string, handle?: string): Change {
  return { action: 'revoke', client: 'apex', kind: 'slack-channel', resource, principal, from: 'member', to: null, reason: 'not declared', handle };
}

/** How many times each method was called, from the emulator's transcript. */
export function methodCounts(slack: SlackEmulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of slack.requests) {
    const method = request.path.replace(/^\/api\//, '');
    counts[method] = (counts[method] ?? 0) + 1;
  }
  return counts;
}

/** Members of a channel as the emulator holds them now. */
export function membersOf(slack: SlackEmulator, id: string): string[] {
  return slack.snapshot().channels[id]?.members ?? [];
}

/** The rejection of a promise, failing the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-error: ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}
