import type { Finding } from '../../model/plan.js';
import type { AuditInput } from '../adapter.js';
import { PLATFORM, attempt, collectPages, type GithubApi } from './client.js';
import { User } from './schema.js';

/**
 * Every outside collaborator of the organisation that no client declares. Reads the
 * whole paged list or throws: a failed read must not look like "nobody is outside".
 */
export async function auditOutsideCollaborators(api: GithubApi, org: string, input: AuditInput): Promise<Finding[]> {
  const outside = await attempt(api, 'audit', `GET /orgs/${org}/outside_collaborators`, () =>
    collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/outside_collaborators', { org, per_page: 100 }), User),
  );
  const undeclared = [...new Set(outside.map((user) => user.login.toLowerCase()))]
    .filter((login) => !input.principals.has(login))
    .sort();
  return undeclared.map((login) => ({
    platform: PLATFORM,
    subject: login,
    message: `outside collaborator ${login} is not declared by any client`,
  }));
}
