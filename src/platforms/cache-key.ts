import { UsageError } from '../errors.js';
import type { PlatformContext } from './adapter.js';
import { openResponseCache, type ResponseCache } from './http-cache.js';

const CACHE_KEY_VARIABLE = 'LATCH_CACHE_KEY';
/** 32 characters of a random secret are far beyond guessing, even with the directory's salt in hand. */
const MIN_CACHE_KEY_LENGTH = 32;

/** The read cache one platform client revalidates against, and what its entries are bound to. */
export interface ReadCache {
  /** The directory's entries. */
  store: ResponseCache;
  /**
   * The stable secret entries are bound to and sealed under, scoped to one platform and host;
   * undefined: each request's own credential is (a minted token changes every run).
   */
  binding?: string;
}

/**
 * `LATCH_CACHE_KEY`, checked; undefined when unset or empty. The message names the variable
 * and never its value, which is a secret.
 */
export function readCacheKey(env: NodeJS.ProcessEnv): string | undefined {
  const key = env[CACHE_KEY_VARIABLE];
  if (!key) return undefined;
  if (key.length < MIN_CACHE_KEY_LENGTH) {
    throw new UsageError(
      `${CACHE_KEY_VARIABLE} is ${key.length} characters long; it must be at least ${MIN_CACHE_KEY_LENGTH}. ` +
        `Set it to a random secret (for example the output of \`openssl rand -hex 32\`), or unset it to bind the read cache to the token`,
    );
  }
  return key;
}

/**
 * Binding entries to a stable secret instead of the token is safe because a cached body is
 * only ever used after a 304, and a 304 is the platform's own statement that the body for
 * THIS request's credential is unchanged: a credential that may not see the resource gets a
 * 403/404, never a 304, so a stored body is never shown to a credential the platform would
 * not show it to. What the binding must prevent is a less trusted run forging or reading the
 * entries a more trusted one relies on; that holds as long as every trust level has its own
 * secret (and its own directory). The platform and host are part of the binding, so two
 * platforms never share an entry even under one secret.
 */
function cacheBinding(key: string, platform: string, host: string): string {
  return `latch-cache-key\0${platform}\0${host}\0${key}`;
}

/** The read cache of `context` for one platform at `host`; undefined without a cache directory. */
export function openReadCache(context: PlatformContext, platform: string, host: string): ReadCache | undefined {
  if (!context.cacheDir) return undefined;
  const key = readCacheKey(context.env);
  return { store: openResponseCache(context.cacheDir, context.logger), binding: key === undefined ? undefined : cacheBinding(key, platform, host) };
}
