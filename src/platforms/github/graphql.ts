import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { PLATFORM, attempt, type GithubApi } from './client.js';
import { GraphqlEnvelope, GraphqlRateLimit } from './schema.js';

/**
 * Sends one GraphQL query and returns its `data`, or throws: GitHub answers errors with
 * HTTP 200 and an `errors` array (a missing repository, a bad cursor, a rate limit), and any
 * of them makes the answer incomplete, so none is tolerated. `what` names the read in errors.
 */
export async function queryGraphql(api: GithubApi, what: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  return attempt(api, 'list', what, async () => {
    const response = await api.graphql.request('POST /graphql', { query, variables });
    const envelope = GraphqlEnvelope.parse(response.data);
    const [first, ...more] = envelope.errors ?? [];
    if (first) {
      const text = scrubSecrets(`${first.message}${more.length > 0 ? ` (and ${more.length} more errors)` : ''}`, [api.token]);
      throw new PlatformError(PLATFORM, 'list', `${what}: GraphQL error: ${text}`);
    }
    if (!envelope.data) throw new PlatformError(PLATFORM, 'list', `${what}: GraphQL answer has no data`);
    const rate = GraphqlRateLimit.safeParse(envelope.data.rateLimit);
    if (rate.success) api.logger.debug({ ...rate.data, what }, 'github graphql cost');
    return envelope.data;
  });
}
