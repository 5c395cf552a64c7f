import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { ResourceKind } from '../../src/model/kinds.js';
import type { Change } from '../../src/model/plan.js';
import type { PlatformAdapter, PrincipalCheck } from '../../src/platforms/adapter.js';
import { checkNewPrincipals } from '../../src/read/principals.js';
import { has, read, resource, role } from '../plan/fixtures.js';

const WEB = resource('web', 'github-repo', 'acme/apex-web');
const API = resource('api', 'github-repo', 'acme/apex-api');
const CHAT = resource('chat', 'slack-channel', 'C0APEX01');
const logger = pino({ level: 'silent' });

function grant(principal: string, on: { kind: ResourceKind; ref: string }, line = 18): Change {
  return { action: 'grant', client: 'apex', kind: on.kind, resource: on.ref, principal, from: null, to: 'push', reason: 'role', because: [role('client-admin', line)] };
}

type Resolve = (principals: readonly string[]) => Promise<Map<string, PrincipalCheck>>;

function platform(id: string, kinds: ResourceKind[], resolve: Resolve): PlatformAdapter & { resolvePrincipals: ReturnType<typeof vi.fn<Resolve>> } {
  return { id, kinds, list: () => Promise.resolve([]), apply: () => Promise.resolve({ status: 'applied' }), resolvePrincipals: vi.fn<Resolve>(resolve) };
}

function answering(checks: Record<string, PrincipalCheck>): Resolve {
  return (principals) => Promise.resolve(new Map(principals.flatMap((principal): Array<[string, PrincipalCheck]> => (checks[principal] ? [[principal, checks[principal]]] : []))));
}

function set(...adapters: PlatformAdapter[]) {
  return {
    forKind(kind: ResourceKind): PlatformAdapter {
      const found = adapters.find((adapter) => adapter.kinds.includes(kind));
      if (!found) throw new Error(`no adapter for ${kind}`);
      return found;
    },
  };
}

describe('checkNewPrincipals', () => {
  it('asks only about principals of grants that no reading of their platform shows, each once', async () => {
    const github = platform('github', ['github-repo'], answering({ 'dana-apexx': { status: 'unknown', message: 'no such user' } }));
    const changes = [grant('maria-acme', API), grant('dana-apexx', WEB, 18), grant('dana-apexx', API, 21), { ...grant('zoe', WEB), action: 'revoke' as const, from: 'push' as const, to: null }];

    const checks = await checkNewPrincipals(changes, [read(WEB, [has('maria-acme', 'admin'), has('sam', 'push', { pending: { id: '1', expired: false } })]), read(API, [])], set(github), logger);

    expect(github.resolvePrincipals).toHaveBeenCalledExactlyOnceWith(['dana-apexx']);
    expect(checks).toEqual({
      unknownPrincipals: [
        {
          platform: 'github',
          principal: 'dana-apexx',
          message: 'no such user',
          clients: ['apex'],
          declared: [
            { file: 'clients/apex.yaml', line: 18, column: 40 },
            { file: 'clients/apex.yaml', line: 21, column: 40 },
          ],
        },
      ],
    });
  });

  it('costs nothing when every granted principal is already on the platform (an invitation counts)', async () => {
    const github = platform('github', ['github-repo'], answering({}));

    const checks = await checkNewPrincipals([grant('sam', API)], [read(WEB, [has('sam', 'push', { pending: { id: '1', expired: false } })])], set(github), logger);

    expect(github.resolvePrincipals).not.toHaveBeenCalled();
    expect(checks).toEqual({});
  });

  it('keeps platforms apart: a login on GitHub says nothing of an e-mail on Slack', async () => {
    const github = platform('github', ['github-repo'], answering({}));
    const slack = platform('slack', ['slack-channel'], answering({ 'dana@apex.com': { status: 'exists' } }));

    const checks = await checkNewPrincipals([grant('dana@apex.com', CHAT)], [read(WEB, [has('dana@apex.com', 'push')]), read(CHAT, [])], set(github, slack), logger);

    expect(slack.resolvePrincipals).toHaveBeenCalledExactlyOnceWith(['dana@apex.com']);
    expect(checks).toEqual({});
  });

  it('leaves every principal of a platform whose lookup throws unchecked, never unknown', async () => {
    const slack = platform('slack', ['slack-channel'], () => Promise.reject(new Error('slack resolve: users.lookupByEmail: 503')));

    const checks = await checkNewPrincipals([grant('a@apex.com', CHAT), grant('b@apex.com', CHAT)], [read(CHAT, [])], set(slack), logger);

    expect(checks).toEqual({
      uncheckedPrincipals: [
        { platform: 'slack', principal: 'a@apex.com', error: 'slack resolve: users.lookupByEmail: 503' },
        { platform: 'slack', principal: 'b@apex.com', error: 'slack resolve: users.lookupByEmail: 503' },
      ],
    });
  });

  it('skips platforms that cannot look principals up, and kinds no adapter serves', async () => {
    const drive = { ...platform('google', ['drive-folder'], answering({})), resolvePrincipals: undefined };
    const shared = resource('shared', 'drive-folder', '1AbC');

    const checks = await checkNewPrincipals([grant('x@apex.com', shared), grant('y', WEB)], [read(shared, [])], set(drive), logger);

    expect(checks).toEqual({});
  });
});
