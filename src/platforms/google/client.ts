import { admin, type admin_directory_v1 } from '@googleapis/admin';
import { analyticsadmin, type analyticsadmin_v1alpha } from '@googleapis/analyticsadmin';
import { drive, type drive_v3 } from '@googleapis/drive';
import type { Logger } from 'pino';
import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { PlatformsConfig } from '../../load/model.js';
import { secretValues } from '../../log.js';
import { checkDelegation, createCredential } from './auth.js';
import type { CallCounts } from '../adapter.js';
import { readTransportSettings, type TransportSettings } from '../http.js';
import type { RetryPolicy } from '../retry.js';
import type { Caller } from './call.js';
import { PLATFORM, type DriveLocation } from './levels.js';
import { createKeyedQueue, type KeyedQueue } from './queue.js';
import { scopesFor, type Access } from './scopes.js';

/** Where the adapter connects and how, read from the environment and platforms.yaml only. */
export interface GoogleSettings {
  /** `LATCH_GOOGLE_API_URL`: one root for Drive, Analytics Admin and Directory; undefined for Google's own. */
  rootUrl: string | undefined;
  /** `LATCH_GOOGLE_ACCESS_TOKEN`; never logged, never part of a message. */
  accessToken: string | undefined;
  /** `google.subject` of platforms.yaml, impersonated with a service account key (auth.ts refuses other files). */
  subject: string | undefined;
  /**
   * `LATCH_DRIVE_NOTIFY` (default true): whether Drive e-mails people it shares a folder
   * with. On by default like Drive itself: people should learn they got access, and Drive
   * refuses to share silently with addresses that have no Google account.
   */
  notify: boolean;
  /** `LATCH_HTTP_TIMEOUT_MS` (default 30 s): how long one request may take to connect and answer; `LATCH_RETRY_BASE_MS`. */
  transport: TransportSettings;
}

/** Knobs tests turn to keep retries fast; production uses the defaults. */
export interface GoogleTuning {
  retries?: number;
  /** Base of the backoff in ms when `LATCH_RETRY_BASE_MS` is not set; default 1000. */
  baseDelayMs?: number;
  maxWaitMs?: number;
  /** Replaced in tests to observe waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

/** The connected clients and what the adapter's parts share. */
export interface GoogleApi extends Caller {
  drive: drive_v3.Drive;
  analytics: analyticsadmin_v1alpha.Analyticsadmin;
  directory: admin_directory_v1.Admin;
  notify: boolean;
  /** Serialises writes per resource. */
  queue: KeyedQueue;
  /** Where each Drive item read so far lives, by id. */
  drives: Map<string, DriveLocation>;
  /** Sends requests the clients have no method for (Drive's batch endpoint) with this access's credential. */
  credential: Credential;
  /** Drive's batch endpoint under the configured root. */
  driveBatchUrl: string;
}

type Credential = ReturnType<typeof createCredential>;

/** Where googleapis sends requests when no root is configured. */
const GOOGLE_ROOT = 'https://www.googleapis.com/';
const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxWaitMs: 60_000 };
const RootUrl = z.url({ protocol: /^https?$/ });
const Switch = z.enum(['true', 'false', '1', '0', 'yes', 'no']);

export function readSettings(env: NodeJS.ProcessEnv, config: PlatformsConfig): GoogleSettings {
  const rawRoot = env.LATCH_GOOGLE_API_URL;
  let rootUrl: string | undefined;
  if (rawRoot) {
    const parsed = RootUrl.safeParse(rawRoot);
    if (!parsed.success) throw new PlatformError(PLATFORM, 'configure', `LATCH_GOOGLE_API_URL must be an http(s) URL, got "${rawRoot}"`);
    rootUrl = parsed.data.endsWith('/') ? parsed.data : `${parsed.data}/`;
  }
  const rawNotify = env.LATCH_DRIVE_NOTIFY;
  let notify = true;
  if (rawNotify !== undefined && rawNotify !== '') {
    const parsed = Switch.safeParse(rawNotify.toLowerCase());
    if (!parsed.success) throw new PlatformError(PLATFORM, 'configure', `LATCH_DRIVE_NOTIFY must be true or false, got "${rawNotify}"`);
    notify = ['true', '1', 'yes'].includes(parsed.data);
  }
  const transport = readTransportSettings(env, PLATFORM);
  const accessToken = env.LATCH_GOOGLE_ACCESS_TOKEN || undefined;
  // Without either, Application Default Credentials would probe the cloud metadata server and
  // fail slowly; a missing credential is said at once instead.
  if (!accessToken && !env.GOOGLE_APPLICATION_CREDENTIALS) {
    throw new PlatformError(
      PLATFORM,
      'configure',
      'no Google credential: set LATCH_GOOGLE_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS (a workload identity federation or service account file)',
    );
  }
  const subject = config.google?.subject;
  if (!accessToken && env.GOOGLE_APPLICATION_CREDENTIALS) checkDelegation(env.GOOGLE_APPLICATION_CREDENTIALS, subject);
  return { rootUrl, accessToken, subject, notify, transport };
}

/** The clients of one access (read or write); both share counts, queue and settings. */
export interface GoogleApis {
  read: GoogleApi;
  write: GoogleApi;
}

export function createApis(settings: GoogleSettings, env: NodeJS.ProcessEnv, logger: Logger, tuning: GoogleTuning = {}): GoogleApis {
  const calls: CallCounts = { reads: 0, writes: 0 };
  const { timeoutMs, retryBaseMs } = settings.transport;
  const shared: Omit<GoogleApi, 'drive' | 'analytics' | 'directory' | 'credential'> = {
    notify: settings.notify,
    queue: createKeyedQueue(),
    drives: new Map(),
    driveBatchUrl: `${settings.rootUrl ?? GOOGLE_ROOT}batch/drive/v3`,
    calls,
    retry: {
      retries: tuning.retries ?? DEFAULT_RETRY.retries,
      baseDelayMs: retryBaseMs ?? tuning.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxWaitMs: tuning.maxWaitMs ?? DEFAULT_RETRY.maxWaitMs,
    },
    timeoutMs,
    logger,
    secrets: [...new Set([...(settings.accessToken ? [settings.accessToken] : []), ...secretValues(env)])],
    sleep: tuning.sleep,
  };
  const clients = (access: Access): GoogleApi => {
    const credential = createCredential({ accessToken: settings.accessToken, subject: settings.subject, timeoutMs }, scopesFor(access));
    // googleapis' own retries are off: they ignore Retry-After and would hide calls from the count.
    const options = { auth: credential, retry: false, timeout: timeoutMs, ...(settings.rootUrl ? { rootUrl: settings.rootUrl } : {}) };
    return {
      ...shared,
      credential,
      drive: drive({ version: 'v3', ...options }),
      analytics: analyticsadmin({ version: 'v1alpha', ...options }),
      directory: admin({ version: 'directory_v1', ...options }),
    };
  };
  return { read: clients('read'), write: clients('write') };
}
