import type { EmulatorRequest, EmulatorResponse } from '../harness.js';
import { adsError } from './errors.js';
import { statusOf, type CustomerState } from './state.js';

/** One row of a GAQL resource, by snake_case field name; an unset field is absent. */
export type Row = Record<string, string | boolean | undefined>;

/** A resource GAQL can select from: its known fields and its rows. */
export interface Table {
  fields: readonly string[];
  rows: Row[];
  /**
   * Resources whose fields may be selected along with this one (the reference's "Attributed
   * resources"); each has one row for the customer searched.
   */
  attributed?: readonly string[];
}

/** The access tables of one customer, invitation statuses as of `now`. */
export function accessTables(customer: CustomerState, now: number): Record<string, Table> {
  // Both access resources list `customer` as their one attributed resource.
  return {
    customer_user_access: {
      attributed: ['customer'],
      fields: ['resource_name', 'user_id', 'email_address', 'access_role'],
      rows: [...customer.users.values()].map((user) => ({
        resource_name: `customers/${customer.id}/customerUserAccesses/${user.id}`,
        user_id: user.id,
        email_address: user.email,
        access_role: user.role,
      })),
    },
    customer_user_access_invitation: {
      attributed: ['customer'],
      fields: ['resource_name', 'invitation_id', 'email_address', 'access_role', 'creation_date_time', 'invitation_status'],
      rows: [...customer.invitations.values()].map((entry) => ({
        resource_name: `customers/${customer.id}/customerUserAccessInvitations/${entry.id}`,
        invitation_id: entry.id,
        email_address: entry.email,
        access_role: entry.role,
        creation_date_time: entry.createdAt,
        invitation_status: statusOf(customer, entry, now),
      })),
    },
  };
}

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

interface Query {
  resource: string;
  fields: string[];
  /** field = value conditions joined by AND. */
  where: [string, string][];
}

/** Just enough GAQL for the queries Latch sends: SELECT fields FROM resource [WHERE a = b AND ...]. */
function parseQuery(text: string): Query | undefined {
  const match = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s*$/is.exec(text);
  if (!match) return undefined;
  const resource = match[2] as string;
  const fields = (match[1] as string).split(',').map((field) => field.trim());
  const where: [string, string][] = [];
  for (const condition of match[3] ? match[3].split(/\s+AND\s+/i) : []) {
    const parts = /^([\w.]+)\s*=\s*'?([^']*)'?$/.exec(condition.trim());
    if (!parts) return undefined;
    where.push([parts[1] as string, parts[2] as string]);
  }
  return { resource, fields, where };
}

function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(token: unknown): number {
  if (token === undefined || token === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(String(token), 'base64url').toString('utf8'));
  return match ? Number(match[1]) : -1;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** `googleAds:search`: rows of the selected fields, `nextPageToken` while more remain. */
export function search(request: EmulatorRequest, tables: Record<string, Table>, pageSize: number): EmulatorResponse {
  if (field(request.body, 'pageSize') !== undefined) {
    return adsError(400, 'requestError', 'PAGE_SIZE_NOT_SUPPORTED', 'Setting the page size is not supported. Search Responses will have fixed page size of 10000 rows.');
  }
  const query = parseQuery(String(field(request.body, 'query') ?? ''));
  if (!query) return adsError(400, 'queryError', 'UNEXPECTED_END_OF_QUERY', 'Error in query: unexpected input.');
  const table = tables[query.resource];
  if (!table) return adsError(400, 'queryError', 'PROHIBITED_RESOURCE_TYPE_IN_FROM_CLAUSE', `Cannot select from ${query.resource}.`);
  const resourceOf = (name: string) => name.slice(0, name.lastIndexOf('.'));
  const fieldOf = (name: string) => name.slice(name.lastIndexOf('.') + 1);
  const selectable = (name: string): boolean => {
    const resource = resourceOf(name);
    if (resource === query.resource) return table.fields.includes(fieldOf(name));
    return (table.attributed ?? []).includes(resource) && (tables[resource]?.fields ?? []).includes(fieldOf(name));
  };
  const names = [...query.fields, ...query.where.map(([name]) => name)];
  const unknown = names.find((name) => !selectable(name));
  if (unknown) return adsError(400, 'queryError', 'UNRECOGNIZED_FIELD', `Unrecognized field in the query: '${unknown}'.`);

  const valueOf = (row: Row, name: string) => (resourceOf(name) === query.resource ? row : tables[resourceOf(name)]?.rows[0])?.[fieldOf(name)];
  const matching = table.rows.filter((row) => query.where.every(([name, value]) => String(valueOf(row, name)) === value));
  const start = offsetOf(field(request.body, 'pageToken'));
  if (start < 0) return adsError(400, 'requestError', 'INVALID_PAGE_TOKEN', 'Page token is invalid.');
  const slice = matching.slice(start, start + pageSize);
  const results = slice.map((row) => {
    const result: Record<string, Record<string, string | boolean>> = { [camel(query.resource)]: { resourceName: String(row.resource_name) } };
    for (const name of query.fields) {
      const resource = resourceOf(name);
      const value = valueOf(row, name);
      // Each resource a row draws on carries its own resource name, as Google Ads answers.
      result[camel(resource)] ??= { resourceName: String(tables[resource]?.rows[0]?.resource_name) };
      const picked = result[camel(resource)];
      if (picked && value !== undefined) picked[camel(fieldOf(name))] = value;
    }
    return result;
  });
  const body: Record<string, unknown> = { fieldMask: query.fields.map((name) => camel(name)).join(','), queryResourceConsumption: String(results.length) };
  if (results.length > 0) body.results = results;
  if (start + pageSize < matching.length) body.nextPageToken = pageToken(start + pageSize);
  return { status: 200, body };
}
