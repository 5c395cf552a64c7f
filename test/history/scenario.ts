import { createGitRepo, examplePolicies, type Author, type TempGitRepo } from './git-repo.js';

export const ANA: Author = { name: 'Ana Lee', email: 'ana@acme-agency.com' };
export const BEN: Author = { name: 'Ben Ortiz', email: 'ben@acme-agency.com' };
export const CARLA: Author = { name: 'Carla Díaz', email: 'carla@acme-agency.com' };
export const PRIYA: Author = { name: 'Priya Shah', email: 'priya@acme-agency.com' };
export const DANA: Author = { name: 'Dana Apex', email: 'dana@apexoutdoor.com' };

const APEX_HEAD = `client: apex
name: Apex Outdoor Co.
domains: [apexoutdoor.com]
owners: [maria]
delegates: [dana]

resources:
  web: { kind: github-repo, ref: acme-agency/apex-web }
  api: { kind: github-repo, ref: acme-agency/apex-api }

people:
  dana:  { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }
  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }
  tom:   { email: tom@acme-agency.com, github: tom-acme, role: agency-engineer }
`;

const SAM = '  sam:   { email: sam@apexoutdoor.com, github: sam-apex, role: client-contributor }\n';
const RAISE = `
grants:
  - { who: tom, on: api, level: maintain, until: 2027-03-31, why: "release manager, for the \\"v2\\" API launch" }
`;

const BLOOM = `client: bloom
name: Bloom Botanicals
domains: [bloombotanicals.com]
owners: [priya]

resources:
  site: { kind: github-repo, ref: acme-agency/bloom-site }

people:
  olivia: { email: olivia@bloombotanicals.com, github: olivia-bloom, role: client-admin }
  leo:    { email: leo@bloombotanicals.com, github: leo-bloom, role: client-contributor, until: 2026-06-30 }
  priya:  { email: priya@acme-agency.com, github: priya-acme, role: agency-lead }
`;

/**
 * An agency's history: the first clients (#1), sam added to Apex (#3), tom raised on the API
 * in a branch merged as #5, a broken push to bloom fixed the next day, sam removed (#7);
 * leo's access at Bloom ends on 2026-06-30 without any commit.
 */
export async function agencyHistory(): Promise<TempGitRepo> {
  const repo = await createGitRepo();
  await repo.commit('Initial access (#1)', { ...(await examplePolicies()), 'clients/apex.yaml': APEX_HEAD, 'clients/bloom.yaml': BLOOM }, ANA, '2026-01-05T10:00:00Z');
  await repo.commit('Add sam to Apex (#3)', { 'clients/apex.yaml': APEX_HEAD + SAM }, BEN, '2026-02-10T11:00:00Z');
  await repo.git(['checkout', '-q', '-b', 'raise-tom']);
  await repo.commit('Raise tom on the API for the launch', { 'clients/apex.yaml': APEX_HEAD + SAM + RAISE }, CARLA, '2026-03-01T15:00:00Z');
  await repo.git(['checkout', '-q', 'main']);
  await repo.git(['merge', '-q', '--no-ff', 'raise-tom', '-m', 'Merge pull request #5 from acme/raise-tom'], PRIYA, '2026-03-02T09:30:00Z');
  await repo.commit('wip', { 'clients/bloom.yaml': `${BLOOM}grants: [oops\n` }, BEN, '2026-03-15T08:00:00Z');
  await repo.commit('Fix the bloom file', { 'clients/bloom.yaml': BLOOM }, BEN, '2026-03-16T08:00:00Z');
  await repo.commit('Remove sam from Apex (#7)', { 'clients/apex.yaml': APEX_HEAD + RAISE }, DANA, '2026-04-20T12:00:00Z');
  return repo;
}
