import { PlatformError } from '../../errors.js';
import { PLATFORM, attempt, type GithubApi } from './client.js';
import { REPOSITORY_BATCH } from './collaborators.js';
import { clockTime, type BucketName } from './rate-budget.js';
import { RateLimitOverview } from './schema.js';
import { TEAM_BATCH } from './team-members.js';

/**
 * Whether a read fits the hourly quotas before it starts, so that a run never runs dry
 * half-way. A cold read costs, per repository, one REST page of invitations and a share of
 * a batched GraphQL query (1 point per 100 repositories); per team, one REST page of
 * invitations and a share of a batched query (1 point per 50 teams); per organisation,
 * one REST page of owners. Further pages (over 100 collaborators, members or invitations)
 * come on top, and are why the reserve should not be set to 0.
 */

export interface ReadCounts {
  repos: number;
  teams: number;
  orgs: number;
}

type ReadEstimate = Record<BucketName, number>;

function estimateRead(counts: ReadCounts): ReadEstimate {
  return {
    core: counts.repos + counts.teams + counts.orgs,
    graphql: Math.ceil(counts.repos / REPOSITORY_BATCH) + Math.ceil(counts.teams / TEAM_BATCH),
  };
}

const NAME = { core: 'REST', graphql: 'GraphQL' } as const satisfies Record<BucketName, string>;

function count(value: number, one: string, many: string): string {
  return `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;
}

/**
 * Reads `GET /rate_limit` (free) and throws when the estimate does not fit what is left
 * above the reserve in either bucket, naming the numbers and the reset time. A server
 * without rate limits (404) passes.
 */
export async function checkQuota(api: GithubApi, counts: ReadCounts, now: () => number): Promise<void> {
  const estimate = estimateRead(counts);
  const overview = await attempt(api, 'list', 'GET /rate_limit', async () => {
    const response = await api.octokit.request('GET /rate_limit');
    return RateLimitOverview.parse(response.data);
  }).catch((error: unknown) => {
    if (error instanceof PlatformError && error.status === 404) return undefined;
    throw error;
  });
  if (!overview) return;
  for (const name of ['core', 'graphql'] as const) {
    const bucket = overview.resources[name];
    if (!bucket) continue;
    api.budget.observeOverview(name, bucket);
    const reserve = api.budget.reservePoints(bucket.limit);
    if (estimate[name] <= bucket.remaining - reserve) continue;
    const what = `${count(counts.repos, 'repository', 'repositories')} and ${count(counts.teams, 'team', 'teams')}`;
    throw new PlatformError(
      PLATFORM,
      'list',
      `GitHub rate limit: reading ${what} needs about ${estimate[name].toLocaleString('en-US')} ${NAME[name]} points, but ${bucket.remaining.toLocaleString('en-US')} of ${bucket.limit.toLocaleString('en-US')} remain and ${reserve.toLocaleString('en-US')} are kept in reserve (github.rateLimit.reserve); the quota resets at ${clockTime(bucket.reset * 1000, now())}. Nothing was read: run again after the reset, or with fewer clients`,
      { retryable: true },
    );
  }
}
