import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignDomainGrants } from '../../src/action/domains.js';
import { expandDesired } from '../../src/desire/expand.js';
import { loadRepository } from '../../src/load/load.js';
import type { Repository } from '../../src/load/types.js';
import type { GrantChange } from '../../src/model/plan.js';
import { examplePolicies, workspace, type Workspace } from '../e2e/workspace.js';
import { planOf } from './fixtures.js';

const APEX = [
  'client: apex',
  'name: Apex Outdoor Co.',
  'domains: [apexoutdoor.com]',
  'owners: [maria]',
  '',
  'resources:',
  '  web:    { kind: github-repo, ref: acme-agency/apex-web }',
  '  shared: { kind: drive-folder, ref: 1ApexShared }',
  '',
  'people:',
  '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }',
  '  finn:  { email: Finn.Contractor@gmail.com, github: finn-dev }',
  '',
  'grants:',
  '  - { who: finn, on: web, level: push, why: "contractor" }',
  '  - { who: finn, on: shared, level: reader, why: "contractor" }',
  '',
].join('\n');

let space: Workspace;
let repository: Repository;

beforeAll(async () => {
  space = await workspace({ ...(await examplePolicies()), 'clients/apex.yaml': APEX });
  ({ repository } = await loadRepository(space.dir, { today: '2026-11-23' }));
});

afterAll(() => space.remove());

describe('grants to a domain that is neither the agency’s nor the client’s', () => {
  it('names the person by e-mail and login, and only once where the login is the e-mail', () => {
    const desired = expandDesired(repository, '2026-11-23');
    const changes = desired.grants
      .filter((grant) => grant.person === 'finn')
      .map((grant): GrantChange => ({ action: 'grant', client: grant.client, kind: grant.kind, resource: grant.resource, principal: grant.principal, from: null, to: grant.level, reason: 'contractor' }));
    expect(foreignDomainGrants({ plan: planOf(changes), desired, repository })).toEqual([
      "finn.contractor@gmail.com gets reader on 1ApexShared (apex): gmail.com is neither an agency domain nor one of apex's",
      "Finn.Contractor@gmail.com (finn-dev) gets push on acme-agency/apex-web (apex): gmail.com is neither an agency domain nor one of apex's",
    ]);
  });
});
