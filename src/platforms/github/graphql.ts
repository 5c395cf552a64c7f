import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import { PLATFORM, attempt, type GithubApi } from './client.js';
import { GraphqlEnvelope, GraphqlRateLimit, type GraphqlError, type PageInfo } from './schema.js';

/** An answer's data and errors, for a query over several resources whose errors are each one's own. */
interface GraphqlAnswer {
  data: Record<string, unknown>;
  errors: GraphqlError[];
}

/**
 * Sends one GraphQL query and returns its data with its errors (GitHub answers errors with
 * HTTP 200 and an `errors` array). Throws when the call fails or the answer has no data at
 * all; the caller decides which errors make which part of the data unusable.
 */
async function sendGraphql(api: GithubApi, what: string, query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer> {
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
function graphqlErrorText(api: GithubApi, errors: readonly GraphqlError[]): string {
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
function errorsByAlias(api: GithubApi, what: string, answer: GraphqlAnswer, prefix: string, count: number): Map<string, GraphqlError[]> {
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
function aliasFailure(api: GithubApi, what: string, errors: readonly GraphqlError[]): PlatformError {
  const notFound = errors.some((error) => error.type === 'NOT_FOUND');
  return new PlatformError(PLATFORM, 'list', `${what}: ${graphqlErrorText(api, errors)}`, notFound ? { status: 404 } : {});
}

/** A query over many resources of one kind, resource `i` answered under the alias `<prefix><i>`. */
export interface AliasedBatch {
  query: string;
  variables: Record<string, unknown>;
  prefix: string;
  /** Names the batch in errors when it holds more than one resource. */
  what: string;
}

/**
 * Sends a batch and answers each resource with its part of the data, parsed, or an error of
 * its own (status 404 when GitHub says NOT_FOUND). An error that names no resource of the
 * batch (a bad query, a rate limit) fails them all: it throws.
 */
export async function sendBatch<R, T>(api: GithubApi, batch: AliasedBatch, refs: readonly R[], whatOf: (ref: R) => string, parse: (value: unknown, ref: R) => T): Promise<Array<T | Error>> {
  const what = refs.length === 1 && refs[0] ? whatOf(refs[0]) : batch.what;
  const answer = await sendGraphql(api, what, batch.query, batch.variables);
  const byAlias = errorsByAlias(api, what, answer, batch.prefix, refs.length);
  return refs.map((ref, index) => {
    const alias = `${batch.prefix}${index}`;
    const errors = byAlias.get(alias);
    if (errors) return aliasFailure(api, whatOf(ref), errors);
    try {
      return parse(answer.data[alias], ref);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
}

/** One page checked against its schema; a mismatch throws naming the first issue (`malformed <label>`). */
export function parsePage<T>(schema: z.ZodType<T>, value: unknown, what: string, label: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PlatformError(PLATFORM, 'list', `${what}: malformed ${label} (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

/**
 * Moves one connection's cursor (`cursors[name]`) on; true when it has a next page. A next
 * page announced without a new cursor throws: reading on would read the same page forever.
 */
export function advance<K extends string>(cursors: Record<K, string | null>, name: K, info: PageInfo, what: string): boolean {
  if (!info.hasNextPage) return false;
  if (!info.endCursor || info.endCursor === cursors[name]) throw new PlatformError(PLATFORM, 'list', `${what}: a next page is announced without a new cursor`);
  cursors[name] = info.endCursor;
  return true;
}
