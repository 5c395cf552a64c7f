import { describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/emulators/slack/index.js';
import { emulatorPerTest } from '../emulator-per-test.js';
import { adapter, channel, emulator, methodCounts, TOKEN } from './helpers.js';

const emulators = emulatorPerTest<SlackEmulator>();

async function start(): Promise<SlackEmulator> {
  return emulators.started(await emulator());
}

async function resolve(emu: SlackEmulator, principals: string[], listFirst = false) {
  const slack = adapter(emu);
  if (listFirst) await slack.list(channel('C0BETA'));
  emu.requests.length = 0;
  const checks = await slack.resolvePrincipals?.(principals);
  return Object.fromEntries(checks ?? []);
}

describe('Slack principal lookup', () => {
  it('asks users.lookupByEmail once per address when no user list was read', async () => {
    const emu = await start();

    const checks = await resolve(emu, ['finn@apexoutdoor.com', 'fin@apexoutdoor.com', 'gone@apexoutdoor.com', 'dana-apex']);

    expect(checks).toEqual({
      'finn@apexoutdoor.com': { status: 'exists' },
      'fin@apexoutdoor.com': { status: 'unknown', message: 'no Slack account in the workspace has this e-mail' },
      'gone@apexoutdoor.com': { status: 'unknown', message: 'the Slack account with this e-mail is deactivated' },
    });
    expect(methodCounts(emu)).toEqual({ 'users.lookupByEmail': 3 });
  });

  it('answers from the user list the run already read, with no call', async () => {
    const emu = await start();

    const checks = await resolve(emu, ['jake@freelance.dev', 'jack@freelance.dev'], true);

    expect(checks).toEqual({
      'jake@freelance.dev': { status: 'exists' },
      'jack@freelance.dev': { status: 'unknown', message: 'no Slack account in the workspace has this e-mail' },
    });
    expect(emu.requests).toEqual([]);
  });

  it('leaves an address unchecked, never unknown, when Slack keeps failing, without the token in the reason', async () => {
    const emu = await start();
    emu.switches.faults.push({ path: 'users.lookupByEmail', status: 503, raw: '<html>Service Unavailable</html>', times: 10 });

    const checks = await resolve(emu, ['fin@apexoutdoor.com']);

    expect(checks['fin@apexoutdoor.com']).toMatchObject({ status: 'unchecked', error: expect.stringContaining('users.lookupByEmail') as unknown });
    expect(JSON.stringify(checks)).not.toContain(TOKEN);
  });
});
