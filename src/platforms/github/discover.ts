import pLimit from 'p-limit';
import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { attempt, collectPages, PLATFORM, type GithubApi } from './client.js';
import { connect } from './connect.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';

/** `GET /orgs/{org}/repos` item. */
const OrgRepo = z.object({ name: z.string().min(1), full_name: z.string().min(1) });
/** `GET /orgs/{org}/teams` item. */
const OrgTeam = z.object({ slug: z.string().min(1) });
/** `GET /users/{username}`: `email` is the public address, null for most people. */
const UserProfile = z.object({ email: z.string().nullish() });

const apis = new WeakMap<PlatformContext, GithubApi>();

/** One client per run, connected as the adapter is (variables, reserve, cache). */
function apiOf(context: PlatformContext): GithubApi {
  let api = apis.get(context);
  if (!api) {
    api = connect(context);
    apis.set(context, api);
  }
  return api;
}

function orgOf(context: PlatformContext): string {
  const org = context.config.github?.org;
  if (!org) throw new PlatformError(PLATFORM, 'discover', 'policies/platforms.yaml names no GitHub organisation (github.org)');
  return org;
}

async function discover(context: PlatformContext): Promise<Discovered[]> {
  const api = apiOf(context);
  const org = orgOf(context);
  const [repos, teams] = await Promise.all([
    attempt(api, 'discover', `GET /orgs/${org}/repos`, () =>
      collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/repos', { org, type: 'all', per_page: 100 }), OrgRepo),
    ),
    attempt(api, 'discover', `GET /orgs/${org}/teams`, () => collectPages(api.octokit.paginate.iterator('GET /orgs/{org}/teams', { org, per_page: 100 }), OrgTeam)),
  ]);
  return [
    ...repos.map((repo): Discovered => ({ kind: 'github-repo', ref: repo.full_name, name: repo.name })),
    ...teams.map((team): Discovered => ({ kind: 'github-team', ref: `${org}/${team.slug}`, name: team.slug })),
  ];
}

/** Public profile e-mails; a login GitHub does not know (404) simply has none. */
async function emails(context: PlatformContext, principals: readonly string[]): Promise<Map<string, string>> {
  const api = apiOf(context);
  const limit = pLimit(8);
  const found = new Map<string, string>();
  await Promise.all(
    principals.map((login) =>
      limit(async () => {
        try {
          const response = await attempt(api, 'discover', `GET /users/${login}`, () => api.octokit.request('GET /users/{username}', { username: login }));
          const email = UserProfile.parse(response.data).email;
          if (email) found.set(login, email.toLowerCase());
        } catch (error) {
          if (error instanceof PlatformError && error.status === 404) return;
          throw error;
        }
      }),
    ),
  );
  return found;
}

/** Import from GitHub: the organisation's repositories and teams; logins' public e-mails. */
export const githubImporter: PlatformImporter = {
  discover,
  emails,
  describe: (context) => `GitHub organisation ${orgOf(context)}`,
};
