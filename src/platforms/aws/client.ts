import type * as IdentityStoreModule from '@aws-sdk/client-identitystore';
import type * as SsoAdminModule from '@aws-sdk/client-sso-admin';
import type { SSOAdminClientConfig } from '@aws-sdk/client-sso-admin';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { PlatformError, describeError } from '../../errors.js';
import { scrubSecrets } from '../../log.js';
import type { PlatformsConfig } from '../../load/model.js';
import { readTransportSettings, type TransportSettings } from '../http.js';
import { permissionSetMap, type PermissionSetMap } from './levels.js';

export const PLATFORM = 'aws';
/** AWS's own throttling answers name no wait; five minutes is as long as a run waits for one that does. */
const MAX_WAIT_MS = 5 * 60_000;

type RetryStrategyV2 = Extract<NonNullable<SSOAdminClientConfig['retryStrategy']>, { recordSuccess: unknown }>;
type RetryErrorInfo = Parameters<RetryStrategyV2['refreshRetryTokenForRetry']>[1];

/** Where the adapter connects and as whom: the site's Identity Center from the config, credentials from the run's environment. */
export interface AwsSettings {
  region: string;
  instanceArn: string;
  identityStoreId: string;
  levels: PermissionSetMap;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Endpoints of sso-admin and identitystore; `LATCH_AWS_ENDPOINT_URL` points both at one emulator. */
  endpoints: { ssoAdmin: string; identityStore: string };
  transport: TransportSettings;
  /** `LATCH_AWS_POLL_INTERVAL_MS`: pause between status polls of an account assignment (default 1000). */
  pollIntervalMs?: number;
}

/** Knobs tests turn; production uses the defaults. */
export interface AwsTuning {
  /** Retries per call; default 3. */
  retries?: number;
  /** Longest Retry-After honoured before failing retryably; default five minutes. */
  maxWaitMs?: number;
  /** Pause between status polls of an account assignment; default 1000 ms. */
  pollIntervalMs?: number;
  /** Status polls before an assignment still in progress is reported as such; default 60. */
  maxPolls?: number;
  /** Observes waits in tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** The SDK's clients and commands, loaded on the first call: a run without AWS resources never loads the SDK. */
export interface Sdk {
  sso: SsoAdminModule.SSOAdminClient;
  identity: IdentityStoreModule.IdentitystoreClient;
  ssoAdmin: typeof SsoAdminModule;
  identityStore: typeof IdentityStoreModule;
}

/** What the adapter's parts share. */
export interface AwsApi {
  /** The SDK, connected once per adapter. */
  connect(): Promise<Sdk>;
  settings: AwsSettings;
  tuning: Required<Omit<AwsTuning, 'sleep'>> & { sleep: (ms: number) => Promise<void> };
  logger: Logger;
  calls: { reads: number; writes: number };
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function readSettings(config: PlatformsConfig, env: NodeJS.ProcessEnv): AwsSettings {
  const site = config.aws;
  if (!site) throw new PlatformError(PLATFORM, 'configure', 'policies/platforms.yaml has no aws section (region, instanceArn, identityStoreId, permissionSets)');
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new PlatformError(
      PLATFORM,
      'configure',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; in the Action, assume the read or write role with aws-actions/configure-aws-credentials (see the README, "AWS")',
    );
  }
  const shared = env.LATCH_AWS_ENDPOINT_URL?.replace(/\/+$/, '');
  let levels: PermissionSetMap;
  try {
    levels = permissionSetMap(site.permissionSets);
  } catch (error) {
    throw new PlatformError(PLATFORM, 'configure', describeError(error));
  }
  return {
    region: site.region,
    instanceArn: site.instanceArn,
    identityStoreId: site.identityStoreId,
    levels,
    credentials: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) },
    endpoints: {
      ssoAdmin: shared || env.AWS_ENDPOINT_URL_SSO_ADMIN || `https://sso.${site.region}.amazonaws.com`,
      identityStore: shared || env.AWS_ENDPOINT_URL_IDENTITYSTORE || `https://identitystore.${site.region}.amazonaws.com`,
    },
    transport: readTransportSettings(env, PLATFORM),
    ...pollInterval(env),
  };
}

function pollInterval(env: NodeJS.ProcessEnv): { pollIntervalMs?: number } {
  const raw = env.LATCH_AWS_POLL_INTERVAL_MS;
  if (raw === undefined || raw === '') return {};
  if (!/^\d+$/.test(raw)) throw new PlatformError(PLATFORM, 'configure', `LATCH_AWS_POLL_INTERVAL_MS must be a whole number of milliseconds, not "${raw}"`);
  return { pollIntervalMs: Number(raw) };
}

/**
 * Bounded retries for throttling, 5xx, transient network errors and ConflictException (the
 * reference: a previous write not propagated yet; retry with backoff). A Retry-After beyond
 * the limit fails at once, retryably, rather than holding the run.
 */
function retryStrategy(settings: AwsSettings, tuning: AwsApi['tuning']): RetryStrategyV2 {
  const base = settings.transport.retryBaseMs ?? 1000;
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, info: RetryErrorInfo) => {
      const count = previous.getRetryCount();
      const conflict = info.error?.name === 'ConflictException';
      if (count >= tuning.retries || (info.errorType === 'CLIENT_ERROR' && !conflict)) throw info.error ?? new Error('not retried');
      const hinted = info.retryAfterHint ? info.retryAfterHint.getTime() - Date.now() : 0;
      if (hinted > tuning.maxWaitMs) throw info.error ?? new Error('wait too long');
      await tuning.sleep(Math.max(hinted, base * 2 ** count));
      return token(count + 1);
    },
    recordSuccess: () => undefined,
  };
}

export function createAwsApi(settings: AwsSettings, logger: Logger, tuning: AwsTuning = {}): AwsApi {
  // The SDK warns once per process on Node 20 that its releases after January 2027 need
  // Node 22. Latch runs on Node 20 (package.json engines) with the SDK its lockfile pins, so
  // on every run that would only be noise in the plan's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const resolved = {
    retries: tuning.retries ?? 3,
    maxWaitMs: tuning.maxWaitMs ?? MAX_WAIT_MS,
    pollIntervalMs: tuning.pollIntervalMs ?? settings.pollIntervalMs ?? 1000,
    maxPolls: tuning.maxPolls ?? 60,
    sleep: tuning.sleep ?? realSleep,
  };
  // Everything the SDK would otherwise look up in ~/.aws, the process environment or instance metadata is given here.
  const common = {
    region: settings.region,
    credentials: settings.credentials,
    retryStrategy: retryStrategy(settings, resolved),
    maxAttempts: resolved.retries + 1,
    retryMode: 'standard',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    defaultsMode: 'standard' as const,
    authSchemePreference: [],
    userAgentAppId: 'latch',
    requestHandler: { connectionTimeout: settings.transport.timeoutMs, requestTimeout: settings.transport.timeoutMs },
  };
  let connected: Promise<Sdk> | undefined;
  const connect = async (): Promise<Sdk> => {
    const [ssoAdmin, identityStore] = await Promise.all([import('@aws-sdk/client-sso-admin'), import('@aws-sdk/client-identitystore')]);
    return {
      sso: new ssoAdmin.SSOAdminClient({ ...common, endpoint: settings.endpoints.ssoAdmin }),
      identity: new identityStore.IdentitystoreClient({ ...common, endpoint: settings.endpoints.identityStore }),
      ssoAdmin,
      identityStore,
    };
  };
  return {
    connect: () => (connected ??= connect()),
    settings,
    tuning: resolved,
    logger,
    calls: { reads: 0, writes: 0 },
  };
}

interface SdkError {
  name?: string;
  /** Identity Store's ResourceNotFoundException names what is missing: USER, GROUP or IDENTITY_STORE. */
  ResourceType?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const REFUSED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'InvalidClientTokenId',
  'IncompleteSignature',
]);

/** Turns an SDK failure into a PlatformError that says what to do, never with a credential. */
export function failure(api: AwsApi, error: unknown, operation: string, what: string): PlatformError {
  const { credentials } = api.settings;
  const scrub = (text: string) => scrubSecrets(text, [credentials.secretAccessKey, credentials.sessionToken, credentials.accessKeyId]);
  const sdk: SdkError = typeof error === 'object' && error !== null ? (error as SdkError) : {};
  const name = sdk.name ?? 'Error';
  const status = sdk.$metadata?.httpStatusCode;
  const message = scrub(sdk.message ?? describeError(error));
  if (REFUSED_CREDENTIALS.has(name)) {
    return new PlatformError(PLATFORM, operation, `${what}: AWS refused the credentials (${name}): ${message}`, { status: 401 });
  }
  if (name === 'AccessDeniedException') {
    return new PlatformError(PLATFORM, operation, `${what}: permission denied (${name}): ${message}; see the README for the role's permissions`, { status: 403 });
  }
  if (name === 'ResourceNotFoundException') return new PlatformError(PLATFORM, operation, `${what}: not found: ${message}`, { status: 404, cause: { resourceType: sdk.ResourceType } });
  if (name === 'ThrottlingException') return new PlatformError(PLATFORM, operation, `${what}: still throttled after ${api.tuning.retries} retries`, { status, retryable: true });
  if (name === 'ConflictException') return new PlatformError(PLATFORM, operation, `${what}: ${message} (${name})`, { status, retryable: true });
  const retryable = status === undefined || status >= 500;
  const kind = status === undefined ? 'no answer' : `HTTP ${status}`;
  return new PlatformError(PLATFORM, operation, `${what}: ${name === 'Error' ? kind : `${name} (${kind})`}: ${message}`, { status, retryable });
}

/** Sends one command through the SDK and validates the members used; a malformed answer is an error. */
export async function call<T>(api: AwsApi, operation: string, what: string, send: (sdk: Sdk) => Promise<unknown>, shape: z.ZodType<T>): Promise<T> {
  const sdk = await api.connect();
  if (/^(Create|Delete)/.test(what)) api.calls.writes += 1;
  else api.calls.reads += 1;
  let answer: unknown;
  try {
    answer = await send(sdk);
  } catch (error) {
    throw failure(api, error, operation, what);
  }
  const parsed = shape.safeParse(answer);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new PlatformError(PLATFORM, operation, `${what}: malformed response${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`);
}

/**
 * Every item of a NextToken-paged list. The services may return short or empty pages while
 * more remain, so only NextToken ends the list; a token seen twice is malformed paging.
 * Returns the complete list or throws on the first failed or malformed page.
 */
export async function allPages<P extends { NextToken?: string | undefined }, T>(
  api: AwsApi,
  operation: string,
  what: string,
  fetch: (sdk: Sdk, token: string | undefined) => Promise<unknown>,
  shape: z.ZodType<P>,
  items: (page: P) => T[],
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await call(api, operation, what, (sdk) => fetch(sdk, token), shape);
    all.push(...items(page));
    token = page.NextToken || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new PlatformError(PLATFORM, operation, `${what}: malformed paging (NextToken repeated)`);
      seen.add(token);
    }
  } while (token !== undefined);
  return all;
}
