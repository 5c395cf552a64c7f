import { describe, expect, it } from 'vitest';
import { splitReviewed } from '../../src/apply/reviewed.js';
import { change, plan } from './fixtures.js';

const grantDana = change({ action: 'grant', principal: 'dana' });
const revokeZoe = change({ action: 'revoke', principal: 'zoe' });
const updateTom = change({ action: 'update', principal: 'tom', from: 'push', to: 'admin' });

describe('splitReviewed', () => {
  it.each([
    {
      name: 'everything still to do',
      reviewed: [grantDana, revokeZoe],
      fresh: plan([grantDana, revokeZoe]),
      expected: { toApply: ['dana', 'zoe'], alreadyDone: [], changedSinceReview: [], notReviewed: [], unreadable: [] },
    },
    {
      name: 'an interrupted run did the first change',
      reviewed: [grantDana, revokeZoe],
      fresh: plan([revokeZoe]),
      expected: { toApply: ['zoe'], alreadyDone: ['dana'], changedSinceReview: [], notReviewed: [], unreadable: [] },
    },
    {
      name: 'the platform changed after review',
      reviewed: [updateTom],
      fresh: plan([change({ action: 'update', principal: 'tom', from: 'pull', to: 'maintain' })]),
      expected: { toApply: [], alreadyDone: [], changedSinceReview: ['tom'], notReviewed: [], unreadable: [] },
    },
    {
      name: 'drift that appeared after review is not applied',
      reviewed: [grantDana],
      fresh: plan([grantDana, revokeZoe]),
      expected: { toApply: ['dana'], alreadyDone: [], changedSinceReview: [], notReviewed: ['zoe'], unreadable: [] },
    },
    {
      name: 'an unreadable resource is left for the next run, not counted as done',
      reviewed: [grantDana],
      fresh: plan([], { unread: [{ client: 'apex', kind: 'github-repo', resource: 'acme/web', error: '500' }] }),
      expected: { toApply: [], alreadyDone: [], changedSinceReview: [], notReviewed: [], unreadable: ['dana'] },
    },
    {
      name: 'a change the fresh plan holds back is not applied',
      reviewed: [revokeZoe],
      fresh: plan([], { held: [{ rule: 'last-admin', client: 'apex', kind: 'github-repo', resource: 'acme/web', principal: 'zoe', reason: 'last admin' }] }),
      expected: { toApply: [], alreadyDone: [], changedSinceReview: ['zoe'], notReviewed: [], unreadable: [] },
    },
  ])('$name', ({ reviewed, fresh, expected }) => {
    const split = splitReviewed(plan(reviewed), fresh);
    const principals = Object.fromEntries(Object.entries(split).map(([key, list]) => [key, list.map((c: { principal: string }) => c.principal)]));
    expect(principals).toEqual(expected);
  });

  it('applies the fresh version of a reviewed change, with the current invitation id', () => {
    const reviewed = change({ action: 'update', principal: 'sam', from: 'admin', to: 'push', pending: { id: '1', expired: false } });
    const fresh = change({ action: 'update', principal: 'sam', from: 'admin', to: 'push', pending: { id: '2', expired: false } });
    expect(splitReviewed(plan([reviewed]), plan([fresh])).toApply[0]?.pending?.id).toBe('2');
  });
});
