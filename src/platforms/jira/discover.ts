import { PlatformError } from '../../errors.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';
import { PLATFORM, call, createJiraApi, readSettings } from './client.js';
import { ProjectPage } from './schema.js';

/** More pages than this means the paging is broken, not that the site has that many projects. */
const MAX_PAGES = 1000;

/** Every project the service account administers (`action=edit`), paged until `isLast`: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = createJiraApi(readSettings(context.env, context.config), context.logger);
  const found: Discovered[] = [];
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const query = new URLSearchParams({ action: 'edit', orderBy: 'key', startAt: String(found.length), maxResults: String(api.pageSize) });
    const page = await call(api, 'discover', { method: 'GET', url: `/rest/api/3/project/search?${query.toString()}` }, ProjectPage);
    for (const project of page.values) found.push({ kind: 'jira-project', ref: project.key, name: project.name });
    if (page.isLast) return found;
    if (page.values.length === 0) throw new PlatformError(PLATFORM, 'discover', 'GET /rest/api/3/project/search: malformed paging (an empty page that is not the last)');
  }
  throw new PlatformError(PLATFORM, 'discover', `GET /rest/api/3/project/search: more than ${MAX_PAGES} pages; paging looks broken`);
}

/** The adapter names people by e-mail already; `jira-account:` and `jira-group:` principals have none to add. */
function emails(): Promise<Map<string, string>> {
  return Promise.resolve(new Map());
}

/** Import from Jira: the projects Latch's account administers on the site, grouped by name like repositories. */
export const jiraImporter: PlatformImporter = {
  discover,
  emails,
  describe: (context) => `Jira site ${context.env.LATCH_JIRA_API_URL || context.config.jira?.site || '(jira.site is not set)'}`,
};
