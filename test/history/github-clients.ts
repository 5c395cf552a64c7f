import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../e2e/cli-harness.js';

/**
 * The example agency's GitHub side, as the demo organisation (DEMO_GITHUB) mirrors it; kept
 * here so these tests do not move when the example repository grows other platforms.
 */
const CLIENTS: Record<string, string> = {
  'clients/apex.yaml': `client: apex
name: Apex Outdoor Co.
domains: [apexoutdoor.com]
owners: [maria]
delegates: [dana]

resources:
  web:      { kind: github-repo, ref: acme-agency/apex-web }
  api:      { kind: github-repo, ref: acme-agency/apex-api }
  eng-team: { kind: github-team, ref: acme-agency/apex-engineers }

people:
  dana:  { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }
  sam:   { email: sam@apexoutdoor.com, github: sam-apex, role: client-contributor, until: 2027-06-30 }
  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }
  tom:   { email: tom@acme-agency.com, github: tom-acme, role: agency-engineer }

grants:
  - { who: tom, on: api, level: maintain, until: 2027-03-31, why: "release manager for the v2 API launch" }
`,
  'clients/bloom.yaml': `client: bloom
name: Bloom Botanicals
domains: [bloombotanicals.com]
owners: [priya]
delegates: [olivia]

resources:
  site:    { kind: github-repo, ref: acme-agency/bloom-site }
  content: { kind: github-team, ref: acme-agency/bloom-content }

people:
  olivia: { email: olivia@bloombotanicals.com, github: olivia-bloom, role: client-admin }
  leo:    { email: leo@bloombotanicals.com, github: leo-bloom, role: client-contributor, until: 2027-01-31 }
  priya:  { email: priya@acme-agency.com, github: priya-acme, role: agency-lead }
  maria:  { email: maria@acme-agency.com, github: maria-acme, role: agency-engineer }
`,
  'clients/cobalt.yaml': `# Contract ends 2026-12-31.
client: cobalt
name: Cobalt Freight
domains: [cobaltfreight.com]
owners: [tom]

resources:
  portal: { kind: github-repo, ref: acme-agency/cobalt-portal }

people:
  ken: { email: ken@cobaltfreight.com, github: ken-cobalt, role: client-admin, until: 2026-12-31 }
  tom: { email: tom@acme-agency.com, github: tom-acme, role: agency-lead }
`,
};

/** A throwaway repository with the clients above and the project's policies. */
export async function githubOnlyRepo(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-who-'));
  await cp(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  await mkdir(join(dir, 'clients'));
  for (const [path, content] of Object.entries(CLIENTS)) await writeFile(join(dir, path), content);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
