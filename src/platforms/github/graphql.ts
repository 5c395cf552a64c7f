import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { PLATFORM, attempt, type GithubApi } from './client.js';
import { GraphqlEnvelope, GraphqlRateLimit, type GraphqlError } from './schema.js';

/** An answer's data and errors, for a query over several resources whose errors are each one's own. */
export interface GraphqlAnswer {
  data: Record<string, unknown>;
  errors: GraphqlError[];
}

/**
 * Sends one GraphQL query and returns its data with its errors (GitHub answers errors with
 * HTTP 200 and an `errors` array). Throws when the call fails or the answer has no data at
 * all; the caller decides which errors make which part of the data unusable.
 */
export async function sendGraphql(api: GithubApi, what: string, query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer> {
  return attempt(api, 'list', what, async () => {
    const response = await api.graphql.request('POST /graphql', { query, variables });
    const envelope = GraphqlEnvelope.parse(response.data);
    const errors = envelope.errors ?? [];
    if (!envelope.data) throw new PlatformError(PLATFORM, 'list', `${what}: ${errors.length > 0 ? graphqlErrorText(api, errors) : 'GraphQL answer has no data'}`);
    const rate = GraphqlRateLimit.safeParse(envelope.data.rateLimit);
    if (rate.success) {
      api.budget.observeGraphql(rate.data);
      api.logger.debug({ ...rate.data, what }, 'github graphql cost');
    }
    return { data: envelope.data, errors };
  });
}

/** The first error's message (and how many more), with the credential scrubbed out. */
export function graphqlErrorText(api: GithubApi, errors: readonly GraphqlError[]): string {
  const [first, ...more] = errors;
  return scrubSecrets(`GraphQL error: ${first?.message ?? 'unknown'}${more.length > 0 ? ` (and ${more.length} more errors)` : ''}`, [api.token]);
}

/**
 * Sends one GraphQL query and returns its `data`, or throws: any error makes the answer
 * incomplete (a missing repository, a bad cursor, a rate limit), so none is tolerated.
 */
export async function queryGraphql(api: GithubApi, what: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await sendGraphql(api, what, query, variables);
  if (answer.errors.length > 0) throw new PlatformError(PLATFORM, 'list', `${what}: ${graphqlErrorText(api, answer.errors)}`);
  return answer.data;
}

/**
 * The errors of a batched answer by alias (`<prefix><index>`). An error that names no alias
 * of the batch (a bad query, a rate limit) makes the whole answer unusable: it throws.
 */
export function errorsByAlias(api: GithubApi, what: string, answer: GraphqlAnswer, prefix: string, count: number): Map<string, GraphqlError[]> {
  const byAlias = new Map<string, GraphqlError[]>();
  for (const error of answer.errors) {
    const alias = error.path?.[0];
    const index = typeof alias === 'string' && alias.startsWith(prefix) ? Number(alias.slice(prefix.length)) : Number.NaN;
    if (typeof alias !== 'string' || !Number.isInteger(index) || index < 0 || index >= count) {
      throw new PlatformError(PLATFORM, 'list', `${what}: ${graphqlErrorText(api, answer.errors)}`);
    }
    byAlias.set(alias, [...(byAlias.get(alias) ?? []), error]);
  }
  return byAlias;
}

/** A batch member's own failure: its errors, with 404 when GitHub says it is not found. */
export function aliasFailure(api: GithubApi, what: string, errors: readonly GraphqlError[]): PlatformError {
  const notFound = errors.some((error) => error.type === 'NOT_FOUND');
  return new PlatformError(PLATFORM, 'list', `${what}: ${graphqlErrorText(api, errors)}`, notFound ? { status: 404 } : {});
}
