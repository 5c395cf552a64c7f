import { cp, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { packageRoot } from '../package-root.js';
import { ConfigError } from '../errors.js';
import { loadRepository } from '../load/load.js';
import { PEOPLE_FILE } from '../load/people.js';
import type { Repository } from '../load/types.js';
import type { ManagedResource } from '../model/grants.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../platforms/adapter.js';
import { AdapterSet, factoryById, PLATFORMS } from '../platforms/registry.js';
import { readActual } from '../read/read.js';
import { buildImport, type ImportResult } from './build.js';
import { renderImportReport } from './report.js';
import type { Observed } from './types.js';
import { renderImportedClient, renderImportedPeople } from './write-yaml.js';

export interface ImportOptions {
  /** The repository whose policies (roles, guardrails, platforms) the import uses. */
  dir: string;
  /** Where the imported repository is written. */
  out: string;
  /** Platform id, as `--platform` names it. */
  platform: string;
  /** YYYY-MM-DD. */
  today: string;
  /** Base URLs and credentials. */
  env: NodeJS.ProcessEnv;
  /** Where adapters log. */
  logger: Logger;
  /** List calls at once. */
  concurrency: number;
  /** Where answers are kept between runs for conditional reads; none when unset. */
  cacheDir?: string;
  /** How the report names `out` (relative to where the command runs); default `out` itself. */
  display?: string;
}

export interface ImportRun extends ImportResult {
  /** The report as Markdown, also written to `<out>/IMPORT-REPORT.md`. */
  text: string;
  /** Problems `latch validate` finds in the written files; empty when they validate. */
  problems: ConfigError | undefined;
}

/** The platform's importer; an unknown id fails with the known ones, a platform without discovery with those that have it. */
function importerFor(platform: string): PlatformImporter {
  const { importer } = factoryById(platform);
  if (importer) return importer;
  const importable = [...PLATFORMS.values()].filter((factory) => factory.importer).map((factory) => factory.id);
  throw new Error(`import from ${platform} is not available yet: Latch cannot list its resources; it can import from ${importable.join(', ')}`);
}

function asResource(found: Discovered): ManagedResource {
  return { client: '', key: found.name, kind: found.kind, ref: found.ref, mode: 'manage', audience: 'any', at: { file: '', line: 0, column: 0 } };
}

function knownEmails(repository: Repository): Map<string, string> {
  const emails = new Map<string, string>();
  for (const { data } of repository.clients) {
    for (const person of Object.values(data.people)) if (person.github) emails.set(person.github.toLowerCase(), person.email.toLowerCase());
  }
  return emails;
}

async function copyIfPresent(from: string, to: string): Promise<void> {
  if (existsSync(from)) await cp(from, to, { recursive: true });
}

/** Reads today's access on one platform and writes it as a repository to start from. */
export async function runImport(options: ImportOptions): Promise<ImportRun> {
  const importer = importerFor(options.platform);
  const { repository } = await loadRepository(options.dir, { today: options.today });
  const context: PlatformContext = { config: repository.platforms, env: options.env, logger: options.logger, cacheDir: options.cacheDir };
  const discovered = await importer.discover(context);
  const readings = await readActual(discovered.map(asResource), new AdapterSet(context), { concurrency: options.concurrency, logger: options.logger });
  const observed: Observed[] = [];
  const unread: { resource: Discovered; error: string }[] = [];
  readings.forEach((reading, index) => {
    const found = discovered[index];
    if (!found) return;
    if (reading.ok) observed.push({ ...found, grants: reading.grants });
    else unread.push({ resource: found, error: reading.error });
  });
  const emails = knownEmails(repository);
  const unknown = [...new Set(observed.flatMap((resource) => resource.grants.map((grant) => grant.principal)))].filter((principal) => !principal.includes('@') && !emails.has(principal)).sort();
  for (const [principal, email] of await importer.emails(context, unknown)) emails.set(principal, email);
  const declared = new Map(repository.clients.flatMap((loaded) => Object.values(loaded.data.resources).map((resource) => [`${resource.kind}\u0000${resource.ref.toLowerCase()}`, loaded.file] as const)));
  const result = buildImport({ observed, unread, declared, emails, roles: repository.roles.roles, guardrails: repository.guardrails, today: options.today });
  const source = importer.describe(context);
  await mkdir(join(options.out, 'clients'), { recursive: true });
  for (const client of result.clients) await writeFile(join(options.out, 'clients', `${client.client}.yaml`), renderImportedClient(client, { source, today: options.today }));
  await copyIfPresent(join(options.dir, 'policies'), join(options.out, 'policies'));
  await mkdir(join(options.out, 'policies'), { recursive: true });
  await writeFile(join(options.out, PEOPLE_FILE), renderImportedPeople(result.clients, repository.people?.people ?? {}));
  await copyIfPresent(existsSync(join(options.dir, 'schemas')) ? join(options.dir, 'schemas') : join(packageRoot(), 'schemas'), join(options.out, 'schemas'));
  const text = renderImportReport(result.clients, result.report, { source, today: options.today, out: options.display ?? options.out });
  await writeFile(join(options.out, 'IMPORT-REPORT.md'), text);
  let problems: ConfigError | undefined;
  try {
    await loadRepository(options.out, { today: options.today });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = error;
  }
  return { ...result, text, problems };
}
