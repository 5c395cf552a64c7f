import type { Plan } from '../../src/model/plan.js';
import { makePlan } from '../../src/plan/plan.js';
import { explicit, has, read, resource, role, state, want } from '../plan/fixtures.js';

const WEB = resource('web', 'github-repo', 'acme/apex-web');
const API = resource('api', 'github-repo', 'acme/apex-api');
const SHARED = resource('shared', 'drive-folder', '1AbC');
const SITE = resource('site', 'github-repo', 'acme/bloom-site', { client: 'bloom' });

/**
 * Two clients: apex gets a client admin lowered, a new agency admin, a writer on Drive and
 * loses a contractor; bloom loses one; acme-bot is held, and apex-api could not be read.
 */
export function samplePlan(): Plan {
  return makePlan({
    desired: state(
      [
        want('maria-acme', 'admin', { on: WEB }),
        want('tom-acme', 'admin', { on: WEB, because: [role('agency-lead', 18)] }),
        want('dana-apex', 'push', { on: WEB, because: [role('client-admin', 20)] }),
        want('dana@apex.com', 'writer', { on: SHARED, side: 'client', because: [explicit(31, 'edits the *launch* plan')] }),
        want('priya-acme', 'admin', { on: SITE, client: 'bloom' }),
      ],
      { resources: [WEB, API, SHARED, SITE] },
    ),
    readings: [
      read(WEB, [has('maria-acme', 'admin'), has('dana-apex', 'admin'), has('zoe', 'push'), has('acme-bot', 'admin')]),
      { resource: API, ok: false, error: 'github list collaborators: 500 Internal Server Error' },
      read(SHARED, []),
      read(SITE, [has('priya-acme', 'admin'), has('ken', 'push')]),
    ],
    neverTouch: ['acme-bot'],
    findings: [{ platform: 'github', subject: 'jake-freelance', message: 'outside collaborator on acme/old-site is declared nowhere' }],
    warnings: [{ message: 'finn has no role', file: 'clients/apex.yaml', line: 12, column: 3 }],
  });
}

/** The same clients with everything in place. */
export function emptyPlan(): Plan {
  return makePlan({ desired: state([want('maria-acme', 'admin')]), readings: [read(resource('web', 'github-repo', 'acme/web'), [has('maria-acme', 'admin')])], neverTouch: [] });
}
