import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * Validators and bodies of earlier answers, kept in a directory between runs so that a read
 * can ask "has this changed?" (`If-None-Match`) instead of reading again.
 *
 * Safety rules: the credential is kept only as HMAC-SHA256(salt, credential), the salt being
 * random per cache directory; everything else about an answer (validator, headers, body) is
 * sealed with AES-256-GCM under a key derived from the credential itself, with the URL and
 * the credential's hash as associated data. So a file is useful only to a holder of the same
 * credential, cannot be forged or moved to another URL without it, and whoever can read the
 * directory learns neither the token nor the answers. Any file that does not open (garbage,
 * truncated, another format version, another salt, another credential) is a miss.
 * "Credential" is whatever the caller binds entries to: the request's token, or a stable
 * secret (`LATCH_CACHE_KEY`, see cache-key.ts) so that entries outlive a token minted per run.
 */

/** Bumped when the file layout changes; files of another version are misses and get overwritten. */
const FORMAT = 1;
const AREA = `http-v${FORMAT}`;
/** Default bound on the directory; least recently used answers go first. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** An answer larger than this is not worth a file (GitHub's pages of 100 are far smaller). */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
/** Pruning keeps the directory at this share of the bound, so it does not run on every write. */
const PRUNE_TO = 0.8;

/** What is replayed after a 304: the validators, the headers clients read, the body. */
export interface CachedAnswer {
  /** The ETag the platform sent, sent back as `If-None-Match`. */
  etag?: string;
  /** `Last-Modified`, sent back as `If-Modified-Since` when there is no ETag. */
  lastModified?: string;
  /** Headers to replay (content-type, link), lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** The directory's contract; no method ever throws. */
export interface ResponseCache {
  /** The answer stored for this URL under this credential, or undefined. */
  lookup(url: string, credential: string): Promise<CachedAnswer | undefined>;
  /** Keeps an answer for the next run; a failure is logged once and otherwise ignored. */
  store(url: string, credential: string, answer: CachedAnswer): Promise<void>;
  /** Marks an answer as just used, so eviction keeps it. */
  touch(url: string, credential: string): Promise<void>;
}

const Sealed = z.object({
  format: z.literal(FORMAT),
  credential: z.string().regex(/^[0-9a-f]{64}$/),
  iv: z.string().min(1),
  tag: z.string().min(1),
  sealed: z.string(),
});

const Answer = z.object({
  etag: z.string().min(1).optional(),
  lastModified: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});

interface Keys {
  /** Hash of the credential, stored in clear to tell credentials apart. */
  id: string;
  /** Never stored: derived from the credential and the salt. */
  seal: Buffer;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
}

/** Opens (lazily: nothing touches the disk before the first read) the cache in `dir`. */
export function openResponseCache(dir: string, logger: Logger, maxBytes = DEFAULT_MAX_BYTES): ResponseCache {
  const area = join(dir, AREA);
  let salt: Promise<string | undefined> | undefined;
  let writable = true;
  let pruned = false;
  const keys = new Map<string, Keys>();

  function unwritable(error: unknown): void {
    if (!writable) return;
    writable = false;
    logger.warn({ dir, code: errorCode(error) }, 'read cache not writable; reading without keeping answers');
  }

  /** Writes `content` to a temporary file beside `path`, then moves it over: readers see the old file or the new, never half. */
  async function writeAtomically(path: string, content: string, replace = true): Promise<void> {
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, content, { mode: 0o600 });
    try {
      if (replace) await rename(temp, path);
      else await link(temp, path);
    } finally {
      if (!replace) await unlink(temp).catch(() => undefined);
    }
  }

  async function loadSalt(): Promise<string | undefined> {
    const path = join(area, 'salt');
    const existing = await readFile(path, 'utf8').catch(() => undefined);
    if (existing !== undefined && /^[0-9a-f]{64}$/.test(existing)) return existing;
    const fresh = randomBytes(32).toString('hex');
    try {
      await mkdir(area, { recursive: true, mode: 0o700 });
      // A damaged salt is replaced; a missing one is created without racing another run.
      await writeAtomically(path, fresh, existing !== undefined);
      return fresh;
    } catch (error) {
      const raced = await readFile(path, 'utf8').catch(() => undefined);
      if (raced !== undefined && /^[0-9a-f]{64}$/.test(raced)) return raced;
      unwritable(error);
      return undefined;
    }
  }

  async function keysOf(credential: string): Promise<Keys | undefined> {
    salt ??= loadSalt();
    const value = await salt;
    if (value === undefined) return undefined;
    let found = keys.get(credential);
    if (!found) {
      found = { id: hmac(value, credential).toString('hex'), seal: hmac(credential, `latch-read-cache\0${value}`) };
      keys.set(credential, found);
    }
    return found;
  }

  function fileOf(url: string, key: Keys): string {
    return join(area, `${createHash('sha256').update(`${key.id}\n${url}`).digest('hex')}.json`);
  }

  const associated = (url: string, key: Keys) => Buffer.from(`${FORMAT}\n${key.id}\n${url}`);

  async function lookup(url: string, credential: string): Promise<CachedAnswer | undefined> {
    const key = await keysOf(credential);
    if (!key) return undefined;
    try {
      const file = Sealed.parse(JSON.parse(await readFile(fileOf(url, key), 'utf8')));
      if (file.credential !== key.id) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', key.seal, Buffer.from(file.iv, 'base64'));
      decipher.setAAD(associated(url, key));
      decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(file.sealed, 'base64')), decipher.final()]);
      return Answer.parse(JSON.parse(plain.toString('utf8')));
    } catch {
      return undefined;
    }
  }

  async function prune(): Promise<void> {
    pruned = true;
    const names = await readdir(area);
    const files = await Promise.all(names.filter((name) => name.endsWith('.json') || name.endsWith('.tmp')).map(async (name) => {
      const info = await stat(join(area, name)).catch(() => undefined);
      return { name, size: info?.size ?? 0, used: info?.mtimeMs ?? 0 };
    }));
    // Temporary files older than an hour are what an interrupted run left behind.
    const stale = files.filter((file) => file.name.endsWith('.tmp') && file.used < Date.now() - 3_600_000);
    const entries = files.filter((file) => file.name.endsWith('.json')).sort((a, b) => a.used - b.used);
    let total = entries.reduce((sum, file) => sum + file.size, 0);
    const evicted = [];
    for (const entry of entries) {
      if (total <= maxBytes * PRUNE_TO || (total <= maxBytes && evicted.length === 0)) break;
      evicted.push(entry);
      total -= entry.size;
    }
    await Promise.all([...stale, ...evicted].map((file) => unlink(join(area, file.name)).catch(() => undefined)));
  }

  async function store(url: string, credential: string, answer: CachedAnswer): Promise<void> {
    if (!writable || Buffer.byteLength(answer.body) > MAX_ENTRY_BYTES) return;
    const key = await keysOf(credential);
    if (!key || !writable) return;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.seal, iv);
    cipher.setAAD(associated(url, key));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
    const file = { format: FORMAT, credential: key.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), sealed: sealed.toString('base64') };
    try {
      await writeAtomically(fileOf(url, key), JSON.stringify(file));
      if (!pruned) await prune();
    } catch (error) {
      unwritable(error);
    }
  }

  async function touch(url: string, credential: string): Promise<void> {
    const key = await keysOf(credential);
    if (!key || !writable) return;
    const now = new Date();
    await utimes(fileOf(url, key), now, now).catch(() => undefined);
  }

  return { lookup, store, touch };
}
