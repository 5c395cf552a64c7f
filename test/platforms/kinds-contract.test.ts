import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Person } from '../../src/load/model.js';
import { refProblem } from '../../src/load/refs.js';
import type { AdapterFactory } from '../../src/platforms/adapter.js';
import type { AccessGuide, KindFacts } from '../../src/platforms/kind.js';
import { KINDS } from '../../src/platforms/kinds.js';
import { PLATFORMS } from '../../src/platforms/registry.js';

/** What a kind is checked against: the places outside its platform folder that must know it. */
interface Published {
  factories: ReadonlyMap<string, Pick<AdapterFactory, 'id' | 'kinds'>>;
  personFields: readonly string[];
  /** `resources.*.kind` of schemas/client.schema.json. */
  schemaKinds: readonly string[];
  /** `roles.*.levels` of schemas/roles.schema.json, by kind. */
  schemaLevels: Readonly<Record<string, { enum?: string[] }>>;
  /** The README's table of kinds: kind -> its levels cell. */
  readmeLevels: ReadonlyMap<string, string>;
}

const root = new URL('../../', import.meta.url);
const json = (file: string): unknown => JSON.parse(readFileSync(new URL(file, root), 'utf8'));

interface ClientSchema {
  properties: { resources: { additionalProperties: { properties: { kind: { enum: string[] } } } } };
}
interface RolesSchema {
  properties: { roles: { additionalProperties: { properties: { levels: { properties: Record<string, { enum?: string[] }> } } } } };
}

function readmeTable(): Map<string, string> {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const start = readme.indexOf('### Resource kinds and levels');
  const rows = new Map<string, string>();
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (rows.size > 0 && !line.startsWith('|')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    const [, kind, , levels] = cells;
    if (kind && levels !== undefined && kind !== 'kind' && !kind.startsWith('---')) rows.set(kind, levels);
  }
  return rows;
}

const published: Published = {
  factories: PLATFORMS,
  personFields: Object.keys(Person.shape),
  schemaKinds: (json('schemas/client.schema.json') as ClientSchema).properties.resources.additionalProperties.properties.kind.enum,
  schemaLevels: (json('schemas/roles.schema.json') as RolesSchema).properties.roles.additionalProperties.properties.levels.properties,
  readmeLevels: readmeTable(),
};

const ACTIONS = ['add', 'change', 'reinvite', 'accept', 'remove', 'cancel'] as const satisfies readonly (keyof AccessGuide)[];
const WHO = 'nina@acme-agency.com';

function guideProblems(facts: KindFacts): string[] {
  const { guide, ref } = facts;
  const problems: string[] = [];
  if (!guide.account(ref.example).trim()) problems.push('guide names no account');
  if (!guide.open(ref.example).trim()) problems.push('guide says nowhere to open');
  for (const level of facts.levels) {
    const words = guide.words[level] ?? level;
    for (const action of ACTIONS) {
      const step = action === 'add' || action === 'change' || action === 'reinvite' ? guide[action](WHO, words) : guide[action](WHO);
      if (!step.includes(WHO)) problems.push(`guide step ${action} (${level}) does not name the person`);
    }
  }
  return problems;
}

function refProblems(facts: KindFacts): string[] {
  const { ref } = facts;
  const problems: string[] = [];
  const accepts = (value: string) => value.length <= ref.maxLength && ref.pattern.test(value) && ref.also?.(value) === undefined && ref.owned === value.includes('/');
  if (!accepts(ref.example)) problems.push(`ref form refuses its example ${ref.example}`);
  const canonical = ref.canonical(ref.example);
  if (ref.canonical(canonical) !== canonical) problems.push('canonical ref is not stable');
  if (!accepts(canonical)) problems.push(`ref form refuses the canonical ${canonical}`);
  if (!ref.says.trim()) problems.push('ref form says nothing');
  return problems;
}

/** Everything a kind must provide, in words; empty when the kind is complete. */
function problemsOf(facts: KindFacts, where: Published): string[] {
  const problems: string[] = [];
  const { kind, levels } = facts;
  if (levels.length === 0) problems.push('has no levels');
  if (new Set(levels).size !== levels.length) problems.push('repeats a level');
  if (levels.some((level) => !level.trim())) problems.push('has an empty level');
  if (facts.adminLevel !== undefined && !levels.includes(facts.adminLevel)) problems.push(`adminLevel ${facts.adminLevel} is not one of its levels`);
  if (facts.writeLevel !== undefined && !levels.includes(facts.writeLevel)) problems.push(`writeLevel ${facts.writeLevel} is not one of its levels`);
  if (facts.invitationDays !== undefined && !(Number.isInteger(facts.invitationDays) && facts.invitationDays > 0)) problems.push('invitationDays is not a number of days');
  if (!where.personFields.includes(facts.identity)) problems.push(`identity ${facts.identity} is not a person field of the client schema`);
  const factory = where.factories.get(facts.platform);
  if (!factory) problems.push(`platform ${facts.platform} has no registered adapter factory`);
  else if (!factory.kinds.some((listed) => listed === kind)) problems.push(`the ${facts.platform} factory does not list ${kind}`);
  problems.push(...refProblems(facts), ...guideProblems(facts));
  if (!where.schemaKinds.includes(kind)) problems.push('schemas/client.schema.json does not list the kind (npm run schemas)');
  if (where.schemaLevels[kind]?.enum?.join(',') !== levels.join(',')) problems.push('schemas/roles.schema.json does not list its levels (npm run schemas)');
  if (where.readmeLevels.get(kind) !== levels.join(', ')) problems.push("the README's table of kinds does not list it with its levels");
  return problems;
}

describe('every kind of the catalog', () => {
  it('has a unique name', () => {
    expect(new Set(KINDS.map((facts) => facts.kind)).size).toBe(KINDS.length);
  });

  it.each(KINDS.map((facts) => [facts.kind, facts] as const))('%s provides everything the core needs', (_kind, facts) => {
    expect(problemsOf(facts, published)).toEqual([]);
  });

  it.each(KINDS.map((facts) => [facts.kind, facts] as const))('%s: the loader accepts its example ref', (kind, facts) => {
    expect(refProblem(kind, facts.ref.example)).toBeUndefined();
  });
});

describe('the contract refuses a kind that lacks something', () => {
  const [base] = KINDS;
  const complete: KindFacts = base;
  const guide = complete.guide;
  const broken: [string, Partial<KindFacts>, string][] = [
    ['no levels', { levels: [] }, 'has no levels'],
    ['a repeated level', { levels: ['pull', 'pull'] }, 'repeats a level'],
    ['an admin level it does not have', { adminLevel: 'owner' }, 'adminLevel owner'],
    ['a write level it does not have', { writeLevel: 'write' }, 'writeLevel write'],
    ['an identity people do not have', { identity: 'slack' as KindFacts['identity'] }, 'identity slack'],
    ['an unregistered platform', { platform: 'snapchat' }, 'platform snapchat'],
    ['a kind nobody lists', { kind: 'snapchat-ad-account' }, 'does not list snapchat-ad-account'],
    ['an example its pattern refuses', { ref: { ...complete.ref, example: 'no-slash' } }, 'refuses its example'],
    ['an unstable canonical form', { ref: { ...complete.ref, canonical: (ref: string) => `${ref}x` } }, 'not stable'],
    ['a guide step without the person', { guide: { ...guide, remove: () => 'Remove them.' } }, 'remove'],
    ['a kind missing from the README and schemas', { kind: 'github-gist' }, "README's table"],
  ];

  it.each(broken)('%s', (_name, change, expected) => {
    const problems = problemsOf({ ...complete, ...change }, published);
    expect(problems.join('\n')).toContain(expected);
  });
});
