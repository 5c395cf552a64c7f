import { describe, expect, it } from 'vitest';
import type { ActualGrant, DeclaredPerson, DesiredGrant } from '../../src/model/grants.js';
import { makePlan } from '../../src/plan/plan.js';
import { brief, explicit, has, read, resource, role, state, want, WEB } from './fixtures.js';

const EXPIRED_INVITE = { id: '9002', expired: true, createdAt: '2026-10-01T09:00:00Z' };
const OPEN_INVITE = { id: '9001', expired: false, createdAt: '2026-11-20T09:00:00Z' };

interface Case {
  name: string;
  desired: DesiredGrant[];
  expired?: DesiredGrant[];
  actual: ActualGrant[];
  neverTouch?: string[];
  changes: string[];
  reasons?: string[];
  held?: string[];
}

/** Every case keeps maria-acme as an accepted admin unless it is about admins. */
const MARIA = [want('maria-acme', 'admin')];
const MARIA_HAS = [has('maria-acme', 'admin')];

const cases: Case[] = [
  { name: 'nothing to do when in sync', desired: [...MARIA, want('dana', 'push')], actual: [...MARIA_HAS, has('dana', 'push')], changes: [] },
  {
    name: 'a missing grant is granted, naming the role',
    desired: [...MARIA, want('dana', 'push', { because: [role('client-admin', 21)] })],
    actual: MARIA_HAS,
    changes: ['grant dana null->push'],
    reasons: ['role client-admin in clients/apex.yaml:21'],
  },
  {
    name: 'a missing explicit grant names the line and the why',
    desired: [...MARIA, want('finn', 'triage', { because: [explicit(30, 'release manager for Q4')] })],
    actual: MARIA_HAS,
    changes: ['grant finn null->triage'],
    reasons: ['grant in clients/apex.yaml:30: "release manager for Q4"'],
  },
  { name: 'another level is updated', desired: [...MARIA, want('dana', 'push')], actual: [...MARIA_HAS, has('dana', 'admin')], changes: ['update dana admin->push'] },
  {
    name: 'a pending invitation at another level is updated in place',
    desired: [...MARIA, want('sam', 'push')],
    actual: [...MARIA_HAS, has('sam', 'admin', { pending: OPEN_INVITE })],
    changes: ['update sam admin->push'],
  },
  { name: 'a pending invitation at the right level is left alone', desired: [...MARIA, want('sam', 'push')], actual: [...MARIA_HAS, has('sam', 'push', { pending: OPEN_INVITE })], changes: [] },
  {
    name: 'an expired invitation is sent again',
    desired: [...MARIA, want('leo', 'push')],
    actual: [...MARIA_HAS, has('leo', 'push', { pending: EXPIRED_INVITE })],
    changes: ['grant leo null->push'],
    reasons: ['invitation expired on 2026-10-08, sent again (role agency-lead in clients/apex.yaml:14)'],
  },
  {
    name: 'an undeclared grant is revoked',
    desired: MARIA,
    actual: [...MARIA_HAS, has('zoe', 'push')],
    changes: ['revoke zoe push->null'],
    reasons: ['not declared in any client file'],
  },
  {
    name: "another client's person is revoked and named as such",
    desired: [...MARIA, want('ken', 'push', { on: { ...WEB, client: 'cobalt', key: 'portal', ref: 'acme/portal' } })],
    actual: [...MARIA_HAS, has('ken', 'push')],
    changes: ['revoke ken push->null'],
    reasons: ["declared for cobalt only, not for apex: another client's person on this resource"],
  },
  {
    name: 'a person of the same client on a resource not declared for them',
    desired: [...MARIA, want('finn', 'pull', { on: { ...WEB, key: 'api', ref: 'acme/api' } })],
    actual: [...MARIA_HAS, has('finn', 'pull')],
    changes: ['revoke finn pull->null'],
    reasons: ['not declared for this resource in clients/apex.yaml'],
  },
  {
    name: 'an expired raise falls back to the role level, with the end date',
    desired: [...MARIA, want('tom', 'push')],
    expired: [want('tom', 'maintain', { until: '2026-10-31', because: [explicit(22, 'launch')] })],
    actual: [...MARIA_HAS, has('tom', 'maintain')],
    changes: ['update tom maintain->push'],
    reasons: ['access ended 2026-10-31 (clients/apex.yaml:22); role agency-lead in clients/apex.yaml:14 remains'],
  },
  {
    name: 'an expired grant is revoked with its end date and line',
    desired: MARIA,
    expired: [want('finn', 'pull', { until: '2026-06-30', because: [explicit(33)] })],
    actual: [...MARIA_HAS, has('finn', 'pull')],
    changes: ['revoke finn pull->null'],
    reasons: ['access ended 2026-06-30 (clients/apex.yaml:33)'],
  },
  { name: 'an undeclared invitation is cancelled', desired: MARIA, actual: [...MARIA_HAS, has('ola', 'pull', { pending: OPEN_INVITE })], changes: ['revoke ola pull->null'] },
  { name: 'an owner is never changed', desired: [...MARIA, want('root', 'push')], actual: [...MARIA_HAS, has('root', 'admin', { owner: true })], changes: [] },
  { name: 'an undeclared owner is never revoked', desired: MARIA, actual: [...MARIA_HAS, has('root', 'admin', { owner: true })], changes: [] },
  { name: 'an inherited grant is never revoked', desired: MARIA, actual: [...MARIA_HAS, has('kim', 'push', { inheritedFrom: 'acme/parent' })], changes: [] },
  { name: 'an inherited grant is never lowered', desired: [...MARIA, want('kim', 'pull')], actual: [...MARIA_HAS, has('kim', 'push', { inheritedFrom: 'team x' })], changes: [] },
  {
    name: 'a level above an inherited one is granted directly',
    desired: [...MARIA, want('kim', 'maintain')],
    actual: [...MARIA_HAS, has('kim', 'push', { inheritedFrom: 'team x' })],
    changes: ['grant kim null->maintain'],
  },
  {
    name: 'a neverTouch principal is held, compared case-insensitively',
    desired: MARIA,
    actual: [...MARIA_HAS, has('acme-bot', 'admin')],
    neverTouch: ['ACME-Bot'],
    changes: [],
    held: ['acme-bot'],
  },
  {
    name: 'revoking the last admin is held, the rest goes ahead',
    desired: [want('dana', 'push')],
    actual: [has('maria-acme', 'admin')],
    changes: ['grant dana null->push'],
    held: ['maria-acme'],
  },
  {
    name: 'lowering the last admin is held; a pending admin does not count',
    desired: [want('maria-acme', 'push'), want('tom-acme', 'admin')],
    actual: [has('maria-acme', 'admin'), has('tom-acme', 'admin', { pending: OPEN_INVITE })],
    changes: [],
    held: ['maria-acme'],
  },
  {
    name: 'an admin may go when another active admin remains',
    desired: [want('tom-acme', 'admin')],
    actual: [has('maria-acme', 'admin'), has('tom-acme', 'admin')],
    changes: ['revoke maria-acme admin->null'],
  },
  {
    name: 'an admin may go when an accepted collaborator is raised to admin',
    desired: [want('tom-acme', 'admin')],
    actual: [has('maria-acme', 'admin'), has('tom-acme', 'push')],
    changes: ['revoke maria-acme admin->null', 'update tom-acme push->admin'],
  },
  {
    name: 'a new invitation does not count as an admin until accepted',
    desired: [want('tom-acme', 'admin')],
    actual: [has('maria-acme', 'admin')],
    changes: ['grant tom-acme null->admin'],
    held: ['maria-acme'],
  },
  {
    name: 'a neverTouch admin keeps the resource administered',
    desired: [],
    actual: [has('maria-acme', 'admin'), has('acme-bot', 'admin')],
    neverTouch: ['acme-bot'],
    changes: ['revoke maria-acme admin->null'],
    held: ['acme-bot'],
  },
  { name: 'a resource without an active admin is not guarded', desired: [], actual: [has('zoe', 'push')], changes: ['revoke zoe push->null'] },
];

describe('makePlan on one repository', () => {
  it.each(cases)('$name', ({ desired, expired, actual, neverTouch, changes, reasons, held }) => {
    const plan = makePlan({ desired: state(desired, { expired }), readings: [read(WEB, actual)], neverTouch: neverTouch ?? [] });
    expect(plan.changes.map(brief)).toEqual(changes);
    if (reasons) expect(plan.changes.map((change) => change.reason)).toEqual(reasons);
    expect(plan.held.map((entry) => entry.principal)).toEqual(held ?? []);
    expect(plan.unread).toEqual([]);
  });
});

describe('makePlan details', () => {
  it('carries the invitation, handle and side the executor needs', () => {
    const plan = makePlan({
      desired: state([...MARIA, want('sam', 'push'), want('leo', 'push')]),
      readings: [read(WEB, [...MARIA_HAS, has('sam', 'admin', { pending: OPEN_INVITE, handle: 'h-1' }), has('leo', 'push', { pending: EXPIRED_INVITE })])],
      neverTouch: [],
    });
    expect(plan.changes).toEqual([
      expect.objectContaining({ action: 'grant', principal: 'leo', pending: EXPIRED_INVITE, side: 'client' }),
      expect.objectContaining({ action: 'update', principal: 'sam', pending: OPEN_INVITE, handle: 'h-1', side: 'client', reason: expect.stringContaining('not accepted yet') }),
    ]);
  });

  it('labels a revocation with the side of a person declared elsewhere', () => {
    const api = resource('api', 'github-repo', 'acme/api');
    const plan = makePlan({
      desired: state([...MARIA, want('dana', 'push', { on: api })], { resources: [WEB, api] }),
      readings: [read(WEB, [...MARIA_HAS, has('dana', 'push')]), read(api, [has('dana', 'push')])],
      neverTouch: [],
    });
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'revoke', principal: 'dana', resource: 'acme/web', side: 'client' })]);
  });

  it.each([
    {
      name: 'a client person on an agency-only resource',
      on: resource('internal', 'drive-folder', 'F1', { audience: 'agency' }),
      people: [['dana@apex.com', { side: 'client', clients: ['apex'] }]] satisfies Array<[string, DeclaredPerson]>,
      reason: 'a client-side person on an agency-only resource (audience: agency in clients/apex.yaml)',
    },
    {
      name: 'a person only another client declares, with no grant anywhere',
      on: resource('assets', 'drive-folder', 'F2'),
      people: [['dana@apex.com', { side: 'client', clients: ['cobalt'] }]] satisfies Array<[string, DeclaredPerson]>,
      reason: "declared for cobalt only, not for apex: another client's person on this resource",
    },
    {
      name: 'an identity nobody declares',
      on: resource('assets', 'drive-folder', 'F3'),
      people: [] satisfies Array<[string, DeclaredPerson]>,
      reason: 'not declared in any client file',
    },
  ])('explains a revocation from the declared people: $name', ({ on, people, reason }) => {
    const plan = makePlan({
      desired: state([], { resources: [on] }),
      readings: [read(on, [has('dana@apex.com', 'reader')])],
      neverTouch: [],
      people: new Map(people),
    });
    expect(plan.changes.map((change) => change.reason)).toEqual([reason]);
  });

  it('says why a neverTouch principal and a last admin are held', () => {
    const plan = makePlan({ desired: state([]), readings: [read(WEB, [has('maria-acme', 'admin'), has('acme-bot', 'push')])], neverTouch: ['acme-bot'] });
    expect(plan.held.map((entry) => entry.reason)).toEqual([
      'acme-bot is in guardrails neverTouch; Latch would revoke push (not declared in any client file)',
      'would remove the last admin of acme/web: no active admin would remain; Latch would revoke admin (not declared in any client file)',
    ]);
  });

  it('guards the last maintainer of a team', () => {
    const team = resource('eng', 'github-team', 'acme/apex-engineers');
    const plan = makePlan({
      desired: state([want('maria-acme', 'member', { on: team }), want('dana', 'member', { on: team })], { resources: [team] }),
      readings: [read(team, [has('maria-acme', 'maintainer'), has('dana', 'maintainer', { pending: OPEN_INVITE })])],
      neverTouch: [],
    });
    expect(plan.changes.map(brief)).toEqual(['update dana maintainer->member']);
    expect(plan.held).toEqual([expect.objectContaining({ principal: 'maria-acme', reason: expect.stringContaining('last admin of acme/apex-engineers') })]);
  });

  it('does not guard kinds without a single administering level', () => {
    const folder = resource('shared', 'drive-folder', '1AbC');
    const plan = makePlan({ desired: state([], { resources: [folder] }), readings: [read(folder, [has('maria@acme.com', 'organizer')])], neverTouch: [] });
    expect(plan.changes.map(brief)).toEqual(['revoke maria@acme.com organizer->null']);
  });

  it('warns where inherited access has to be changed', () => {
    const folder = resource('shared', 'drive-folder', '1AbC');
    const plan = makePlan({
      desired: state([want('kim@apex.com', 'reader', { on: folder })], { resources: [folder] }),
      readings: [read(folder, [has('kim@apex.com', 'writer', { inheritedFrom: 'folder 0Parent' }), has('ola@apex.com', 'reader', { inheritedFrom: 'folder 0Parent' })])],
      neverTouch: [],
      warnings: [{ message: 'from loading' }],
    });
    expect(plan.changes).toEqual([]);
    expect(plan.warnings.map((warning) => warning.message)).toEqual([
      'from loading',
      'ola@apex.com has reader on 1AbC inherited from folder 0Parent, which no client file declares: remove it on folder 0Parent',
      'kim@apex.com has writer on 1AbC inherited from folder 0Parent, above the declared reader: lower it on folder 0Parent',
    ]);
    expect(plan.warnings[2]).toMatchObject({ file: 'clients/apex.yaml', line: 14 });
  });

  it('fails closed: a failed or missing reading plans nothing for that resource', () => {
    const api = resource('api', 'github-repo', 'acme/api');
    const site = resource('site', 'github-repo', 'acme/site');
    const plan = makePlan({
      desired: state([want('dana', 'push', { on: api }), want('dana', 'push', { on: site })], { resources: [WEB, api, site] }),
      readings: [{ resource: api, ok: false, error: 'github list: 500' }, read(WEB, [has('zoe', 'push')])],
      neverTouch: [],
    });
    expect(plan.changes.map((change) => `${change.resource} ${brief(change)}`)).toEqual(['acme/web revoke zoe push->null']);
    expect(plan.unread).toEqual([
      { client: 'apex', kind: 'github-repo', resource: 'acme/api', error: 'github list: 500' },
      { client: 'apex', kind: 'github-repo', resource: 'acme/site', error: 'not read: nothing is planned for it' },
    ]);
  });

  it('leaves verify-mode resources to the access request', () => {
    const ads = resource('ads', 'meta-ad-account', 'act_1', { mode: 'verify' });
    const plan = makePlan({ desired: state([], { resources: [ads] }), readings: [read(ads, [has('zoe@x.com', 'manage')])], neverTouch: [] });
    expect(plan.changes).toEqual([]);
    expect(plan.unread).toEqual([]);
  });

  it('explains revocations on a resource no client file declares any more', () => {
    const legacy = resource('legacy', 'github-repo', 'acme/zephyr-legacy', { client: 'zephyr', at: { file: 'clients/zephyr.yaml', line: 5, column: 3 } });
    const plan = makePlan({ desired: state([], { resources: [] }), readings: [read(legacy, [has('zoe', 'push')])], neverTouch: [] });
    expect(plan.changes).toEqual([
      expect.objectContaining({ client: 'zephyr', reason: 'not declared in any client file (clients/zephyr.yaml no longer lists legacy)' }),
    ]);
  });
});
