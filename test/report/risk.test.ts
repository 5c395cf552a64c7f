import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/plan.js';
import { changeRisk, compareRisk, groupRisk } from '../../src/report/risk.js';
import { grant, revoke, update } from '../action/fixtures.js';

const OTHER_CLIENTS = "declared for cobalt only, not for apex: another client's person on this resource";
const TAKEN_OFF = 'agency person no longer declared for apex (still on bloom)';

describe('how much a reviewer needs to see a change', () => {
  it.each<[string, Change, 0 | 1 | 2]>([
    ['an admin revoked', revoke('apex', 'acme/web', 'dana', 'admin'), 2],
    ["another client's person revoked", { ...revoke('apex', 'acme/web', 'ken', 'pull'), reason: OTHER_CLIENTS }, 2],
    ['an agency person taken off a client', { ...revoke('apex', 'acme/web', 'tom-acme', 'push'), reason: TAKEN_OFF }, 0],
    ['push revoked', revoke('apex', 'acme/web', 'zoe', 'push'), 0],
    ['the only level of a one-level kind revoked', { ...revoke('apex', 'C0123', 'zoe', 'member'), kind: 'slack-channel' }, 0],
    ['admin granted', grant('apex', 'acme/web', 'tom-acme', 'admin'), 1],
    ['push granted', grant('apex', 'acme/web', 'tom-acme', 'push'), 1],
    ['pull granted', grant('apex', 'acme/web', 'tom-acme', 'pull'), 0],
    ['raised to maintain', update('apex', 'acme/web', 'dana', 'pull', 'maintain'), 1],
    ['lowered from admin to push', update('apex', 'acme/web', 'dana', 'admin', 'push'), 0],
    ['Drive writer granted', { ...grant('apex', '1AbC', 'dana@apex.com', 'writer'), kind: 'drive-folder' }, 1],
    ['Drive reader granted', { ...grant('apex', '1AbC', 'dana@apex.com', 'reader'), kind: 'drive-folder' }, 0],
  ])('%s: %i', (_case, change, risk) => {
    expect(changeRisk(change)).toBe(risk);
  });
});

describe('the order clients are shown in, riskiest first', () => {
  const groups: Record<string, Change[]> = {
    many: Array.from({ length: 500 }, (_, index) => revoke('many', 'acme/many', `someone-${index}`)),
    admin: [revoke('admin', 'acme/admin', 'dana', 'admin')],
    leak: [{ ...revoke('leak', 'acme/leak', 'ken'), reason: OTHER_CLIENTS }, grant('leak', 'acme/leak', 'tom-acme', 'pull')],
    writers: [grant('writers', 'acme/writers', 'tom-acme', 'push'), grant('writers', 'acme/writers', 'ana-acme', 'admin')],
    writer: [grant('writer', 'acme/writer', 'tom-acme', 'push')],
    quiet: [grant('quiet', 'acme/quiet', 'tom-acme', 'pull')],
  };

  it.each([
    ['many', [0, 0, 500]],
    ['admin', [1, 0, 0]],
    ['leak', [1, 0, 1]],
    ['writers', [0, 2, 0]],
  ] as const)('%s counts %j', (name, counts) => {
    expect(groupRisk(groups[name] ?? [])).toEqual(counts);
  });

  it('puts revocations of admins and of other clients’ people first, then high grants, then size', () => {
    const order = Object.entries(groups)
      .map(([name, changes]) => ({ name, risk: groupRisk(changes) }))
      .sort((a, b) => compareRisk(a.risk, b.risk))
      .map((entry) => entry.name);
    expect(order).toEqual(['leak', 'admin', 'writers', 'writer', 'many', 'quiet']);
  });
});
