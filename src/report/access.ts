import type { DesiredState } from '../desire/expand.js';
import type { GuardrailsFile } from '../load/model.js';
import { sideOf } from '../load/sides.js';
import type { LoadedClient } from '../load/types.js';
import type { ManagedResource, Side, Trace } from '../model/grants.js';
import { type Level, type ResourceKind } from '../model/kinds.js';
import { describeTrace } from '../plan/reasons.js';
import { renderCsv, type CsvValue } from './csv.js';
import { code, escapeMarkdown } from './markdown-text.js';
import { markdownTable, textTable } from './tables.js';
import { kindFacts } from '../platforms/kinds.js';

/** A column of the matrix: one resource the client file declares. */
export interface MatrixResource {
  /** The resource's name in the client file. */
  key: string;
  kind: ResourceKind;
  ref: string;
  platform: string;
  mode: ManagedResource['mode'];
  audience: ManagedResource['audience'];
}

/** One cell: the level a person has on a resource, and the declarations behind it. */
export interface AccessCell {
  level: Level;
  until?: string;
  /** The declaration giving the level first. */
  because: Trace[];
}

/** A row of the matrix: one person of the client file. */
export interface MatrixPerson {
  key: string;
  email: string;
  github?: string;
  side: Side;
  role?: string;
  until?: string;
  /** Cells by resource key; a resource the person cannot reach has none. */
  cells: Record<string, AccessCell>;
}

/** The effective access of one client: people (client side first) × resources. */
export interface AccessMatrix {
  client: string;
  name: string;
  file: string;
  resources: MatrixResource[];
  people: MatrixPerson[];
}

export interface AccessRenderOptions {
  /** Adds the declarations behind every cell. */
  why: boolean;
}

/** Pure. The matrix of one loaded client from the desired state (expired grants are not access). */
export function buildAccessMatrix(client: LoadedClient, desired: Pick<DesiredState, 'grants'>, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): AccessMatrix {
  const { data } = client;
  const resources: MatrixResource[] = Object.entries(data.resources).map(([key, resource]) => ({
    key,
    kind: resource.kind,
    ref: resource.ref,
    platform: kindFacts(resource.kind).platform,
    mode: resource.mode ?? 'manage',
    audience: resource.audience ?? 'any',
  }));
  const keyOfResource = new Map(resources.map((resource) => [`${resource.kind}\u0000${resource.ref}`, resource.key]));
  const people: MatrixPerson[] = Object.entries(data.people).map(([key, person]) => {
    const row: MatrixPerson = { key, email: person.email, side: sideOf(person.email, guardrails), cells: {} };
    if (person.github) row.github = person.github;
    if (person.role) row.role = person.role;
    if (person.until) row.until = person.until;
    return row;
  });
  const byKey = new Map(people.map((person) => [person.key, person]));
  for (const grant of desired.grants) {
    if (grant.client !== data.client) continue;
    const resourceKey = keyOfResource.get(`${grant.kind}\u0000${grant.resource}`);
    const person = byKey.get(grant.person);
    if (resourceKey === undefined || !person) continue;
    const cell: AccessCell = { level: grant.level, because: grant.because };
    if (grant.until !== undefined) cell.until = grant.until;
    person.cells[resourceKey] = cell;
  }
  const sideOrder: Record<Side, number> = { client: 0, agency: 1 };
  people.sort((a, b) => sideOrder[a.side] - sideOrder[b.side] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { client: data.client, name: data.name, file: client.file, resources, people };
}

function title(matrix: AccessMatrix): string {
  const people = `${matrix.people.length} ${matrix.people.length === 1 ? 'person' : 'people'}`;
  const resources = `${matrix.resources.length} resource${matrix.resources.length === 1 ? '' : 's'}`;
  return `${matrix.name} (${matrix.client}, ${matrix.file}): ${people} × ${resources}`;
}

/** "role client-admin in clients/apex.yaml:14", with the end date and the other sources. */
export function cellWhy(cell: AccessCell): string {
  const [first, ...others] = cell.because.map(describeTrace);
  const until = cell.until ? ` (until ${cell.until})` : '';
  return `${first ?? ''}${until}${others.length > 0 ? `; also ${others.join('; ')}` : ''}`;
}

function whyRows(matrix: AccessMatrix): string[][] {
  return matrix.people.flatMap((person) =>
    matrix.resources.flatMap((resource) => {
      const cell = person.cells[resource.key];
      return cell ? [[person.key, resource.key, cell.level, cellWhy(cell)]] : [];
    }),
  );
}

function grid(matrix: AccessMatrix, empty: string): string[][] {
  return matrix.people.map((person) => [
    person.key,
    person.side,
    person.email,
    person.until ?? empty,
    ...matrix.resources.map((resource) => person.cells[resource.key]?.level ?? empty),
  ]);
}

const HEAD = ['person', 'side', 'email', 'until'];

export function renderAccessText(matrix: AccessMatrix, options: AccessRenderOptions): string {
  const lines = [title(matrix), ''];
  lines.push(...textTable([[...HEAD, ...matrix.resources.map((resource) => resource.key)], ...grid(matrix, '-')]), '');
  lines.push('Resources:', ...textTable(matrix.resources.map((resource) => [resource.key, resource.kind, resource.ref, resource.mode === 'verify' ? 'verify (the client owns it)' : '']), '  '), '');
  if (options.why) lines.push('Why:', ...textTable(whyRows(matrix), '  '), '');
  return `${lines.join('\n')}`;
}

export function renderAccessMarkdown(matrix: AccessMatrix, options: AccessRenderOptions): string {
  const lines = [`### ${escapeMarkdown(title(matrix))}`, ''];
  lines.push(...markdownTable([...HEAD, ...matrix.resources.map((resource) => resource.key)], grid(matrix, '')), '');
  lines.push(...matrix.resources.map((resource) => `- **${escapeMarkdown(resource.key)}**: ${resource.kind} ${code(resource.ref)}${resource.mode === 'verify' ? ' (verify: the client owns it)' : ''}`), '');
  if (options.why) lines.push('**Why**', '', ...markdownTable(['person', 'resource', 'level', 'why'], whyRows(matrix)), '');
  return lines.join('\n');
}

/** One record per person; with `why`, a column after each resource's level says where it comes from. */
export function renderAccessCsv(matrix: AccessMatrix, options: AccessRenderOptions): string {
  const header = [...HEAD];
  for (const resource of matrix.resources) {
    header.push(`${resource.key} (${resource.ref})`);
    if (options.why) header.push(`${resource.key} why`);
  }
  const rows = matrix.people.map((person) => {
    const row: CsvValue[] = [person.key, person.side, person.email, person.until];
    for (const resource of matrix.resources) {
      const cell = person.cells[resource.key];
      row.push(cell?.level);
      if (options.why) row.push(cell ? cellWhy(cell) : undefined);
    }
    return row;
  });
  return renderCsv(header, rows);
}

export function renderAccessJson(matrix: AccessMatrix): string {
  return `${JSON.stringify(matrix, null, 2)}\n`;
}
