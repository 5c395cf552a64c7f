import { readFileSync } from 'node:fs';
import { auth } from '@googleapis/drive';
import { z } from 'zod';
import { PlatformError } from '../../errors.js';
import { PLATFORM } from './levels.js';

/** Where the credential comes from. */
export interface CredentialSource {
  /** `LATCH_GOOGLE_ACCESS_TOKEN`: a short-lived token minted by a workflow step, or an emulator's. */
  accessToken?: string;
  /** The Workspace user a service account acts as (domain-wide delegation). */
  subject?: string;
  /** Limit of a token request, like every API call's. */
  timeoutMs?: number;
}

const CredentialFile = z.object({ type: z.string() });

/**
 * Only a service account key signs its own delegated token request. google-auth-library
 * ignores `subject` for every other file type (a workload identity federation file, a user's
 * credential, an impersonation file): Drive and GA4 would then run as the bare service
 * account and Directory would refuse every call, so the combination is refused up front.
 */
export function checkDelegation(file: string, subject: string | undefined): void {
  if (!subject) return;
  let type: string;
  try {
    type = CredentialFile.parse(JSON.parse(readFileSync(file, 'utf8'))).type;
  } catch {
    throw new PlatformError(PLATFORM, 'configure', `GOOGLE_APPLICATION_CREDENTIALS (${file}) is not a readable Google credential file`);
  }
  if (type === 'service_account') return;
  throw new PlatformError(
    PLATFORM,
    'configure',
    `google.subject (domain-wide delegation) cannot be used with a "${type}" credential file: Google's libraries impersonate a Workspace user only with a service account key. ` +
      'With workload identity federation, mint the delegated token in the workflow (google-github-actions/auth with access_token_subject) and pass it as LATCH_GOOGLE_ACCESS_TOKEN',
  );
}

/**
 * The client every Google call of one access authenticates with. A token from the environment
 * is used as is (it is never refreshed: a run outliving it fails with 401). Otherwise
 * Application Default Credentials asking for exactly `scopes`, impersonating `subject` when
 * one is configured: domain-wide delegation refuses a token request naming any scope the
 * Admin console does not allow, so each credential asks only for what its calls need.
 *
 * The classes come from googleapis' own `auth` export rather than the top-level
 * google-auth-library: googleapis-common pins its own copy, and the API clients accept only
 * that copy's classes.
 */
export function createCredential(source: CredentialSource, scopes: readonly string[]): InstanceType<typeof auth.OAuth2> | InstanceType<typeof auth.GoogleAuth> {
  if (source.accessToken) {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: source.accessToken });
    return client;
  }
  return new auth.GoogleAuth({
    scopes: [...scopes],
    clientOptions: { ...(source.subject ? { subject: source.subject } : {}), ...(source.timeoutMs ? { transporterOptions: { timeout: source.timeoutMs } } : {}) },
  });
}
