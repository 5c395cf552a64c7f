import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '../../src/model/kinds.js';
import { resentReason } from '../../src/plan/reasons.js';
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
