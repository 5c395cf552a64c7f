import { PlatformError } from '../../errors.js';
import { PLATFORM, call, type JiraApi } from './client.js';
import { UserList, UserPage, type User } from './schema.js';

/** Account ids per `GET /user/bulk` request, so its address stays short. */
const IDS_PER_REQUEST = 50;
/** More pages than this means the paging is broken, not that the site is that big. */
const MAX_PAGES = 1000;
/** User search stops at the thousandth user, as its reference says. */
const SEARCH_LIMIT = 1000;

/** Users by account id, read once per run: several projects share most of their people. */
export interface UserDirectory {
  /** The users of these account ids; an id Jira does not return (a deleted account) is missing from the map. */
  resolve(operation: string, accountIds: readonly string[]): Promise<ReadonlyMap<string, User>>;
  /** Account ids whose visible e-mail is `email` (case-insensitive), from user search. */
  findByEmail(operation: string, email: string): Promise<string[]>;
}

/** One chunk of account ids, every page until `isLast`: complete, or throws. */
async function bulk(api: JiraApi, operation: string, ids: readonly string[]): Promise<User[]> {
  const users: User[] = [];
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const query = new URLSearchParams({ startAt: String(users.length), maxResults: String(api.pageSize) });
    for (const id of ids) query.append('accountId', id);
    const page = await call(api, operation, { method: 'GET', url: `/rest/api/3/user/bulk?${query.toString()}` }, UserPage);
    users.push(...page.values);
    if (page.isLast) return users;
    if (page.values.length === 0) throw new PlatformError(PLATFORM, operation, 'GET /rest/api/3/user/bulk: malformed paging (an empty page that is not the last)');
  }
  throw new PlatformError(PLATFORM, operation, `GET /rest/api/3/user/bulk: more than ${MAX_PAGES} pages; paging looks broken`);
}

export function createUserDirectory(api: JiraApi): UserDirectory {
  const known = new Map<string, User>();
  const asked = new Set<string>();
  return {
    async resolve(operation, accountIds) {
      const missing = [...new Set(accountIds)].filter((id) => !asked.has(id));
      for (let start = 0; start < missing.length; start += IDS_PER_REQUEST) {
        const chunk = missing.slice(start, start + IDS_PER_REQUEST);
        for (const user of await bulk(api, operation, chunk)) known.set(user.accountId, user);
        for (const id of chunk) asked.add(id);
      }
      return new Map(accountIds.flatMap((id) => (known.has(id) ? [[id, known.get(id) as User] as const] : [])));
    },

    async findByEmail(operation, email) {
      const wanted = email.trim().toLowerCase();
      const found: string[] = [];
      // The query matches the prefix of a display name or a visible e-mail: keep exact e-mail matches only.
      for (let startAt = 0; startAt < SEARCH_LIMIT; startAt += api.pageSize) {
        const query = new URLSearchParams({ query: wanted, startAt: String(startAt), maxResults: String(api.pageSize) });
        const page = await call(api, operation, { method: 'GET', url: `/rest/api/3/user/search?${query.toString()}` }, UserList);
        for (const user of page) {
          known.set(user.accountId, user);
          if (user.emailAddress?.trim().toLowerCase() === wanted) found.push(user.accountId);
        }
        if (page.length < api.pageSize) break;
      }
      return [...new Set(found)];
    },
  };
}
