import { admin, type admin_directory_v1 } from '@googleapis/admin';
import { analyticsadmin, type analyticsadmin_v1alpha } from '@googleapis/analyticsadmin';
import { drive, type drive_v3 } from '@googleapis/drive';
import type { Logger } from 'pino';
import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { PlatformsConfig } from '../../load/model.js';
import { secretValues } from '../../log.js';
import { createCredential } from './auth.js';
import type { CallCounts, Caller, RetryPolicy } from './call.js';
import { PLATFORM } from './levels.js';
import { createKeyedQueue, type KeyedQueue } from './queue.js';

/** Where the adapter connects and how, read from the environment and platforms.yaml only. */
export interface GoogleSettings {
  /** `LATCH_GOOGLE_API_URL`: one root for Drive, Analytics Admin and Directory; undefined for Google's own. */
  rootUrl: string | undefined;
  /** `LATCH_GOOGLE_ACCESS_TOKEN`; never logged, never part of a message. */
  accessToken: string | undefined;
  /** `google.subject` of platforms.yaml, impersonated with Application Default Credentials. */
  subject: string | undefined;
  /**
   * `LATCH_DRIVE_NOTIFY` (default true): whether Drive e-mails people it shares a folder
   * with. On by default like Drive itself: people should learn they got access, and Drive
   * refuses to share silently with addresses that have no Google account.
   */
  notify: boolean;
}

/** Knobs tests turn to keep retries fast; production uses the defaults. */
export interface GoogleTuning {
  retries?: number;
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
}

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
  return { rootUrl, accessToken, subject: config.google?.subject, notify };
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createApi(settings: GoogleSettings, env: NodeJS.ProcessEnv, logger: Logger, tuning: GoogleTuning = {}): GoogleApi {
  const credential = createCredential({ accessToken: settings.accessToken, subject: settings.subject });
  // googleapis' own retries are off: they ignore Retry-After and would hide calls from the count.
  const options = { auth: credential, retry: false, ...(settings.rootUrl ? { rootUrl: settings.rootUrl } : {}) };
  const calls: CallCounts = { reads: 0, writes: 0 };
  return {
    drive: drive({ version: 'v3', ...options }),
    analytics: analyticsadmin({ version: 'v1alpha', ...options }),
    directory: admin({ version: 'directory_v1', ...options }),
    notify: settings.notify,
    queue: createKeyedQueue(),
    calls,
    retry: {
      retries: tuning.retries ?? DEFAULT_RETRY.retries,
      baseDelayMs: tuning.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxWaitMs: tuning.maxWaitMs ?? DEFAULT_RETRY.maxWaitMs,
    },
    logger,
    secrets: [...new Set([...(settings.accessToken ? [settings.accessToken] : []), ...secretValues(env)])],
    sleep: tuning.sleep ?? realSleep,
  };
}
