import { ConfigError, type ConfigIssue } from '../errors.js';
import { findFiles } from './files.js';
import { error, sortIssues } from './issues.js';
import type { SchemaName } from './model.js';
import { PEOPLE_FILE, resolveClient, type LoadedPeople, type WrittenClient } from './people.js';
import { checkPeopleFile, checkReferences, suggestPeopleFile } from './rules/agency-people.js';
import { checkAcrossClients } from './rules/across.js';
import { checkClient } from './rules/client.js';
import { checkMailboxes } from './rules/mailboxes.js';
import { checkPlaceholders } from './rules/placeholders.js';
import { checkPolicies } from './rules/policies.js';
import { checkSchema, type SchemaData } from './schema-check.js';
import type { SourceMap } from './source-map.js';
import type { LoadResult, SourcedClient } from './types.js';
import { parseYaml } from './yaml.js';

export type { LoadedClient, LoadResult, Repository } from './types.js';

/** Where each policy file lives, relative to the configuration directory. */
export const POLICY_FILES = {
  roles: 'policies/roles.yaml',
  guardrails: 'policies/guardrails.yaml',
  platforms: 'policies/platforms.yaml',
  people: PEOPLE_FILE,
} as const satisfies Record<Exclude<SchemaName, 'client'>, string>;

/** The policy files a repository must have; policies/people.yaml is optional. */
type RequiredPolicy = Exclude<SchemaName, 'client' | 'people'>;

const POLICY_PURPOSE: Record<RequiredPolicy, string> = {
  roles: 'the role catalogue, which says what each role gives',
  guardrails: 'the guardrails every plan must pass',
  platforms: 'the platform connections (GitHub organisation, Google customer, Slack workspace)',
};

/** A client file's path relative to the config directory; the group is the file's name without extension. */
export const CLIENT_FILE = /^clients\/([^/]+)\.ya?ml$/;

interface Checked<N extends SchemaName> {
  data: SchemaData<N>;
  source: SourceMap;
}

function parseAndCheck<N extends SchemaName>(name: N, file: string, content: string | Uint8Array, issues: ConfigIssue[]): Checked<N> | undefined {
  const parsed = parseYaml(file, content);
  if (!parsed.ok) {
    issues.push(...parsed.issues);
    return undefined;
  }
  const checked = checkSchema(name, parsed.parsed);
  if (!checked.ok) {
    issues.push(...checked.issues);
    return undefined;
  }
  issues.push(...checkPlaceholders(file, parsed.parsed.data, parsed.parsed.value));
  return { data: checked.data, source: parsed.parsed };
}

function loadPolicy<N extends RequiredPolicy>(name: N, files: ReadonlyMap<string, string | Uint8Array>, issues: ConfigIssue[]): Checked<N> | undefined {
  const file = POLICY_FILES[name];
  const content = files.get(file);
  if (content !== undefined) return parseAndCheck(name, file, content, issues);
  // Refused while reading the directory (a link, a directory): that issue already says why.
  if (issues.some((issue) => issue.file === file)) return undefined;
  issues.push(
    error(
      { file, line: 1, column: 1 },
      'missing-file',
      `${file} is missing; Latch needs ${POLICY_PURPOSE[name]}.`,
      `Create ${file} (schemas/${name}.schema.json describes it), or run Latch from the repository's root or with --dir.`,
    ),
  );
  return undefined;
}

function compareClients(a: SourcedClient, b: SourcedClient): number {
  if (a.data.client !== b.data.client) return a.data.client < b.data.client ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** policies/people.yaml when the repository has one: without it, every client file writes its people's identities inline. */
function loadPeople(files: ReadonlyMap<string, string | Uint8Array>, issues: ConfigIssue[]): LoadedPeople | undefined {
  const content = files.get(PEOPLE_FILE);
  if (content === undefined) return undefined;
  const checked = parseAndCheck('people', PEOPLE_FILE, content, issues);
  return checked && { file: PEOPLE_FILE, people: checked.data.people, locate: checked.source.value, locateKey: checked.source.key };
}

/** Parses, validates and checks every file; `found` are issues met before (while reading the directory). */
function validate(dir: string, files: ReadonlyMap<string, string | Uint8Array>, options: { today: string }, found: readonly ConfigIssue[]): LoadResult {
  const issues: ConfigIssue[] = [...found];
  const roles = loadPolicy('roles', files, issues);
  const guardrails = loadPolicy('guardrails', files, issues);
  const platforms = loadPolicy('platforms', files, issues);

  const people = loadPeople(files, issues);

  const written: WrittenClient[] = [];
  for (const [file, content] of files) {
    if (!CLIENT_FILE.test(file)) continue;
    const checked = parseAndCheck('client', file, content, issues);
    if (checked) written.push({ file, data: checked.data, value: checked.source.value, key: checked.source.key });
  }
  issues.push(...checkReferences(written, people));
  const clients: SourcedClient[] = [];
  for (const client of written) {
    const { unresolved, ...resolved } = resolveClient(client, people);
    // A person without identities is reported once (people-unknown); rules on the rest of the file would only echo it.
    if (unresolved.length === 0) clients.push({ file: client.file, ...resolved });
  }
  clients.sort(compareClients);

  const suggestions = guardrails ? suggestPeopleFile(written, people, guardrails.data) : [];
  if (roles && guardrails) {
    const context = { roles: roles.data, guardrails: guardrails.data, today: options.today };
    issues.push(...checkPolicies(roles.data, guardrails.data, guardrails.source));
    if (people) issues.push(...checkPeopleFile(people, context));
    for (const client of clients) issues.push(...checkClient(client, context));
    issues.push(...checkAcrossClients(clients), ...checkMailboxes(clients, guardrails.data));
  }

  const sorted = sortIssues(issues);
  if (!roles || !guardrails || !platforms || sorted.some((issue) => issue.severity === 'error')) throw new ConfigError(sorted);
  const repository = { dir, clients, roles: roles.data, guardrails: guardrails.data, platforms: platforms.data, ...(people ? { people } : {}) };
  return { repository, warnings: sorted, suggestions: sortIssues(suggestions) };
}

/**
 * Core: validates a set of files given as text, keyed by path relative to the config dir
 * ('clients/apex.yaml', 'policies/roles.yaml', ...). Throws ConfigError with every issue
 * (errors first, sorted by file, line, column; the warnings follow) when any is an error;
 * otherwise the warnings are returned. Files other than clients/*.yaml and the policy files
 * are ignored.
 */
export function loadFromFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>, options: { today: string }): LoadResult {
  return validate(dir, files, options, []);
}

/**
 * Reads <dir>/clients/*.yaml (and .yml), <dir>/policies/{roles,guardrails,platforms}.yaml and
 * policies/people.yaml when there is one,
 * then loadFromFiles. A missing policies file is a ConfigIssue at line 1 column 1 with a hint;
 * a missing clients/ directory means no clients. Symbolic links anywhere under clients/ or
 * policies/, directories named like YAML files and client files in subdirectories are
 * refused (files.ts): a link could point outside the repository, and a file Latch does not
 * read must not look like one it does.
 */
export async function loadRepository(dir: string, options: { today: string }): Promise<LoadResult> {
  const { files, issues } = await findFiles(dir, Object.values(POLICY_FILES));
  return validate(dir, files, options, issues);
}
