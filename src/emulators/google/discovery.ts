import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { invalid, isAnswer, pageOf } from './errors.js';
import type { GoogleState } from './state.js';

const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** The only `q` clauses the emulator understands; every seeded Drive item is a folder, none trashed. */
const KNOWN_CLAUSES: ReadonlySet<string> = new Set([`mimeType='${FOLDER_MIME}'`, 'trashed=false', 'trashed = false', `mimeType = '${FOLDER_MIME}'`]);

/** Refuses a query it cannot answer truthfully rather than answering it with every folder. */
function checkQuery(request: EmulatorRequest): EmulatorResponse | undefined {
  const q = request.query.get('q');
  if (q === null || q.trim() === '') return undefined;
  const unknown = q.split(/\s+and\s+/i).find((clause) => !KNOWN_CLAUSES.has(clause.trim()));
  return unknown === undefined ? undefined : invalid(`Invalid Value: the emulator cannot evaluate "${unknown}"`);
}

/** `GET /drive/v3/files`: the seeded items as folders, in id order. */
function listFiles(state: GoogleState, request: EmulatorRequest, maxPageSize: number): EmulatorResponse {
  const refused = checkQuery(request);
  if (refused) return refused;
  const ids = [...state.files.keys()].sort();
  const page = pageOf(ids, request, 'pageSize', { size: 100, max: Math.min(1000, maxPageSize) });
  if (isAnswer(page)) return page;
  const files = page.items.map((id) => ({ kind: 'drive#file', id, name: state.names.get(id) ?? id, mimeType: FOLDER_MIME }));
  const body = { kind: 'drive#fileList', incompleteSearch: false, files };
  return { status: 200, body: page.nextPageToken ? { ...body, nextPageToken: page.nextPageToken } : body };
}

/** Properties grouped by account; a property seeded without one sits under account `0`. */
function accountSummaries(state: GoogleState): Array<Record<string, unknown>> {
  const byAccount = new Map<string, string[]>();
  for (const [id, property] of state.properties) {
    const account = property.account ?? '0';
    byAccount.set(account, [...(byAccount.get(account) ?? []), id]);
  }
  return [...byAccount.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([account, ids]) => ({
      name: `accountSummaries/${account}`,
      account: `accounts/${account}`,
      displayName: `Account ${account}`,
      propertySummaries: ids.sort().map((id) => ({ property: `properties/${id}`, displayName: state.names.get(id) ?? `Property ${id}`, propertyType: 'PROPERTY_TYPE_ORDINARY', parent: `accounts/${account}` })),
    }));
}

function listAccountSummaries(state: GoogleState, request: EmulatorRequest, maxPageSize: number): EmulatorResponse {
  const page = pageOf(accountSummaries(state), request, 'pageSize', { size: 50, max: Math.min(200, maxPageSize) });
  if (isAnswer(page)) return page;
  // Like the other v1alpha lists, an empty page has no `accountSummaries` at all.
  const body = page.items.length > 0 ? { accountSummaries: page.items } : {};
  return { status: 200, body: page.nextPageToken ? { ...body, nextPageToken: page.nextPageToken } : body };
}

function listGroups(state: GoogleState, request: EmulatorRequest, maxPageSize: number): EmulatorResponse {
  if (!request.query.get('customer') && !request.query.get('domain')) return invalid('Bad Request: either customer or domain is required');
  const addresses = [...state.groups.keys()].sort();
  const page = pageOf(addresses, request, 'maxResults', { size: 200, max: Math.min(200, maxPageSize) });
  if (isAnswer(page)) return page;
  const groups = page.items.map((email) => ({
    kind: 'admin#directory#group',
    id: Buffer.from(email).toString('hex').slice(0, 16),
    email,
    name: state.names.get(email) ?? email.split('@')[0],
    directMembersCount: String(state.groups.get(email)?.members.size ?? 0),
  }));
  // Directory leaves `groups` out altogether when a page has none.
  const body = { kind: 'admin#directory#groups', etag: '"groups"', ...(groups.length > 0 ? { groups } : {}) };
  return { status: 200, body: page.nextPageToken ? { ...body, nextPageToken: page.nextPageToken } : body };
}

/**
 * What `latch import` lists: Drive folders (`files.list`), GA4 properties
 * (`accountSummaries.list`) and the customer's groups (`groups.list`), paged like the rest.
 */
export function addDiscoveryRoutes(router: Router, state: GoogleState, maxPageSize: number): void {
  router.route('GET', '/drive/v3/files', (request) => listFiles(state, request, maxPageSize));
  router.route('GET', '/v1alpha/accountSummaries', (request) => listAccountSummaries(state, request, maxPageSize));
  router.route('GET', '/admin/directory/v1/groups', (request) => listGroups(state, request, maxPageSize));
}
