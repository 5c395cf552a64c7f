import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import type { Change } from '../../model/plan.js';
import type { ApplyOutcome } from '../adapter.js';
import { describeBody, type HttpAnswer, type HttpRequest } from '../http.js';
import { PLATFORM, failure, personUrn, userKeyPath, type LinkedinApi } from './client.js';
import { isLinkedinLevel, levelFromRole, roleForLevel } from './levels.js';
import { AdAccountUsersPage, ErrorBody } from './schema.js';

/** More pages than this means the paging is broken, not that the account is that big. */
const MAX_PAGES = 1000;

async function send(api: LinkedinApi, operation: string, what: string, request: HttpRequest) {
  return api.http.send(operation, what, { ...request, url: `${api.settings.baseUrl}${request.url}` });
}

/** A finder page, or an error naming the account and what was wrong: an error envelope (even with 200) is never a page. */
function pageOf(api: LinkedinApi, answer: HttpAnswer, what: string): AdAccountUsersPage {
  const envelope = ErrorBody.safeParse(answer.body);
  const isError = envelope.success && (envelope.data.serviceErrorCode !== undefined || (envelope.data.status ?? 0) >= 400);
  if (answer.status !== 200 || isError) throw failure(api, answer, 'list', what);
  const page = AdAccountUsersPage.safeParse(answer.body);
  if (page.success) return page.data;
  const kind = describeBody(answer.body);
  const first = page.error.issues[0];
  const where = kind !== 'JSON' ? `: ${kind}` : first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
  throw new PlatformError(PLATFORM, 'list', `${what}: malformed response${where}`, { status: answer.status });
}

/**
 * Every user of one ad account, by member URN: one finder, paged with start/count until
 * `paging.total` is reached. Returns the complete list or throws on any failed page.
 */
export async function listAccountUsers(api: LinkedinApi, account: string): Promise<ActualGrant[]> {
  const what = `GET /adAccountUsers?q=accounts for ${account}`;
  const grants: ActualGrant[] = [];
  let start = 0;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const query = new URLSearchParams({ q: 'accounts', accounts: account, start: String(start), count: String(api.pageSize) });
    const answer = await send(api, 'list', what, { method: 'GET', url: `/adAccountUsers?${query.toString()}` });
    const page = pageOf(api, answer, what);
    for (const element of page.elements) {
      const mapped = levelFromRole(element.role);
      if (!mapped) throw new PlatformError(PLATFORM, 'list', `${what}: ${element.user} has role ${element.role}, which Latch does not know`);
      const grant: ActualGrant = { principal: element.user.trim(), level: mapped.level };
      grants.push(mapped.owner ? { ...grant, owner: true } : grant);
    }
    start += page.elements.length;
    const total = page.paging?.total;
    const done = page.elements.length === 0 || (total !== undefined ? start >= total : page.elements.length < api.pageSize);
    if (done) return grants.sort((a, b) => a.principal.localeCompare(b.principal));
  }
  throw new PlatformError(PLATFORM, 'list', `${what}: more than ${MAX_PAGES} pages; paging looks broken`);
}

/**
 * Carries out one change: grant is a PUT of the key, update a PARTIAL_UPDATE of its role,
 * revoke a DELETE. Idempotent: deleting what is gone is `unchanged`, and an update of a
 * user who is gone puts them back at the asked role.
 */
export async function applyUserChange(api: LinkedinApi, account: string, change: Change): Promise<ApplyOutcome> {
  const person = personUrn(change.principal, change.action);
  const path = userKeyPath(account, person);
  if (change.action === 'revoke') {
    const answer = await send(api, 'revoke', `DELETE ${path}`, { method: 'DELETE', url: path });
    if (answer.status === 404) return { status: 'unchanged' };
    if (answer.status >= 300) throw failure(api, answer, 'revoke', `DELETE ${path}`);
    return { status: 'applied' };
  }
  if (!isLinkedinLevel(change.to)) throw new PlatformError(PLATFORM, change.action, `"${change.to}" is not a linkedin-ad-account level`);
  const role = roleForLevel(change.to);
  if (change.action === 'update') {
    const patch = { patch: { $set: { role } } };
    const answer = await send(api, 'update', `POST ${path}`, { method: 'POST', url: path, json: patch, headers: { 'x-restli-method': 'PARTIAL_UPDATE' } });
    if (answer.status < 300) return { status: 'applied' };
    if (answer.status !== 404) throw failure(api, answer, 'update', `POST ${path}`);
  }
  const answer = await send(api, change.action, `PUT ${path}`, { method: 'PUT', url: path, json: { account, user: person, role } });
  if (answer.status >= 300) throw failure(api, answer, change.action, `PUT ${path}`);
  return { status: 'applied' };
}
