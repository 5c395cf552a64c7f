import { PlatformError } from '../../errors.js';
import type { ResourceKind } from '../../model/kinds.js';
import { oneKindAdapter } from '../one-kind.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from '../adapter.js';
import { PLATFORM, createJiraApi, readSettings, type JiraTuning } from './client.js';
import { jiraImporter } from './discover.js';
import { JIRA_KINDS } from './kinds.js';
import { roleNamesOf } from './levels.js';
import { applyProjectChange, listProject, projectKey, type JiraRun } from './project.js';
import { createUserDirectory } from './users.js';

export type { JiraTuning } from './client.js';
export { ACCOUNT_PREFIX, GROUP_PREFIX } from './project.js';

const KINDS = JIRA_KINDS.map((facts) => facts.kind) satisfies readonly ResourceKind[];

/**
 * The Jira Cloud adapter (REST v3, project role actors). The site comes from `jira.site` of
 * `policies/platforms.yaml` (or `LATCH_JIRA_API_URL`), the roles of each level from
 * `jira.roles`, the credential from `LATCH_JIRA_EMAIL` and `LATCH_JIRA_TOKEN` (basic auth
 * with an API token). Users are read once per run, whichever project names them.
 */
export function createJiraAdapter(context: PlatformContext, tuning: JiraTuning = {}): PlatformAdapter {
  const api = createJiraApi(readSettings(context.env, context.config), context.logger, tuning);
  const names = roleNamesOf(context.config);
  if (!names || Object.keys(names).length === 0) {
    throw new PlatformError(PLATFORM, 'configure', 'policies/platforms.yaml names no Jira project roles: set jira.roles (viewer, member, administrator: the role of each level on your site)');
  }
  const run: JiraRun = { api, names, directory: createUserDirectory(api), memberships: new Map() };
  return oneKindAdapter({
    id: PLATFORM,
    kindWords: 'a Jira kind',
    kinds: KINDS,
    calls: api.http.calls,
    target: projectKey,
    list: (key) => listProject(run, key),
    apply: (key, change) => applyProjectChange(run, key, change),
  });
}

export const jiraFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createJiraAdapter(context),
  importer: jiraImporter,
} satisfies AdapterFactory;
