import type { CachedAnswer, ResponseCache } from './http-cache.js';

/** Headers a client reads from an answer besides its body: the type, and where the next page is. */
const REPLAYED = ['content-type', 'link'] as const;

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/**
 * The 304's own headers (rate-limit counts among them) with the stored body and the headers
 * the client needs to read it and to page on, as the 200 the platform would have sent.
 */
function replay(notModified: Response, cached: CachedAnswer): Response {
  const headers = new Headers(notModified.headers);
  headers.delete('content-length');
  for (const name of REPLAYED) {
    const value = cached.headers[name];
    if (value === undefined) headers.delete(name);
    else headers.set(name, value);
  }
  return new Response(cached.body, { status: 200, statusText: 'OK', headers });
}

/** An answer worth keeping: a complete JSON body with a validator, that the platform lets be stored. */
function keepable(response: Response): boolean {
  if (response.status !== 200) return false;
  if (!response.headers.get('etag') && !response.headers.get('last-modified')) return false;
  if (/\bno-store\b/i.test(response.headers.get('cache-control') ?? '')) return false;
  return /\bjson\b/i.test(response.headers.get('content-type') ?? '');
}

/**
 * A fetch that revalidates GETs against the cache: a stored validator is sent only for the
 * same URL under the same binding, and the stored body is used only when the platform
 * answers 304 to it. The binding is `binding` when given (a stable secret, see
 * cache-key.ts), else the request's credential (the `authorization` header). Requests
 * without a credential, and every other method, pass through untouched; the cache never
 * decides anything else. `readInFull` names stored answers whose 304 would not prove them current.
 */
export function conditionalFetch(inner: typeof fetch, cache: ResponseCache, readInFull: (url: string, cached: CachedAnswer) => boolean = () => false, binding?: string): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const authorization = headers.get('authorization');
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' || !authorization || headers.has('if-none-match') || headers.has('if-modified-since')) return inner(input, init);
    const credential = binding ?? authorization;
    const url = urlOf(input);
    const stored = await cache.lookup(url, credential);
    const cached = stored && !readInFull(url, stored) ? stored : undefined;
    if (cached?.etag) headers.set('if-none-match', cached.etag);
    else if (cached?.lastModified) headers.set('if-modified-since', cached.lastModified);
    const response = await inner(input, { ...init, headers });
    if (response.status === 304 && cached) {
      await cache.touch(url, credential);
      return replay(response, cached);
    }
    if (!keepable(response)) return response;
    const body = await response.text();
    const kept: Record<string, string> = {};
    for (const name of REPLAYED) {
      const value = response.headers.get(name);
      if (value !== null) kept[name] = value;
    }
    await cache.store(url, credential, {
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
      headers: kept,
      body,
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
