import { auth } from '@googleapis/drive';

/**
 * Scopes of the three APIs, for Application Default Credentials. `drive` (not `drive.file`)
 * because Latch changes sharing on folders it did not create.
 */
export const SCOPES = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/analytics.manage.users',
  'https://www.googleapis.com/auth/admin.directory.group.member',
  // `latch import --platform google` lists properties and groups, which the scopes above do not cover.
  'https://www.googleapis.com/auth/analytics.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.readonly',
] as const;

/** Where the credential comes from. */
export interface CredentialSource {
  /** `LATCH_GOOGLE_ACCESS_TOKEN`: a short-lived token minted by a workflow step, or an emulator's. */
  accessToken?: string;
  /** The Workspace user a service account acts as (domain-wide delegation). */
  subject?: string;
}

/**
 * The client every Google call authenticates with. A token from the environment is used as
 * is (it is never refreshed: a run outliving it fails with 401). Otherwise Application
 * Default Credentials, impersonating `subject` when one is configured.
 *
 * The classes come from googleapis' own `auth` export rather than the top-level
 * google-auth-library: googleapis-common pins its own copy, and the API clients accept only
 * that copy's classes.
 */
export function createCredential(source: CredentialSource): InstanceType<typeof auth.OAuth2> | InstanceType<typeof auth.GoogleAuth> {
  if (source.accessToken) {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: source.accessToken });
    return client;
  }
  return new auth.GoogleAuth({
    scopes: [...SCOPES],
    ...(source.subject ? { clientOptions: { subject: source.subject } } : {}),
  });
}
