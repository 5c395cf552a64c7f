import { describe, expect, it } from 'vitest';
import type { DeclaredPerson } from '../../src/model/grants.js';
import type { ResourceKind } from '../../src/model/kinds.js';
import { resentReason, revokeReason } from '../../src/plan/reasons.js';
import { want, WEB } from './fixtures.js';

const SENT = { id: '9002', expired: true, createdAt: '2026-10-01T09:00:00Z' };

describe('the reason an expired invitation is sent again', () => {
  it.each([
    ['github-repo', 'invitation expired on 2026-10-08'],
    ['github-team', 'invitation expired on 2026-10-08'],
    ['google-ads-account', 'invitation expired on 2026-10-21'],
    ['meta-ad-account', 'invitation expired, sent again'],
  ] as const satisfies readonly (readonly [ResourceKind, string])[])('%s: dated by the lifetime its platform documents', (kind, says) => {
    const grant = want('nina@acme-agency.com', 'standard', { on: { ...WEB, kind } });
    expect(resentReason(kind, SENT, grant)).toContain(says);
  });
});

describe('the reason a declared person loses access to a resource', () => {
  it.each([
    ['an agency person taken off apex', { side: 'agency', clients: ['bloom', 'cobalt'] }, 'agency person no longer declared for apex (still on bloom, cobalt)'],
    ["a client-side person of another client", { side: 'client', clients: ['cobalt'] }, "declared for cobalt only, not for apex: another client's person on this resource"],
    ['a person of apex not declared for this resource', { side: 'client', clients: ['apex'] }, 'not declared for this resource in clients/apex.yaml'],
    ['an agency person of apex not declared for this resource', { side: 'agency', clients: ['apex'] }, 'not declared for this resource in clients/apex.yaml'],
  ] as const satisfies readonly (readonly [string, DeclaredPerson, string])[])('%s', (_case, person, says) => {
    expect(revokeReason(undefined, WEB, true, person)).toBe(says);
  });
});
