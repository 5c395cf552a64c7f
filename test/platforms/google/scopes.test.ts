import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { createCredential } from '../../../src/platforms/google/auth.js';
import { COMMAND_SCOPES, DELEGATED_SCOPES, scopesFor } from '../../../src/platforms/google/scopes.js';
import { adapter, emulatorPerTest, grant, rejection, resource, revoke, update } from './helpers.js';

const start = emulatorPerTest();

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const AUTH = 'https://www.googleapis.com/auth/';
const short = (scopes: readonly string[]) => scopes.map((scope) => scope.slice(AUTH.length)).sort();

async function readme(): Promise<string> {
  return readFile(new URL('../../../README.md', import.meta.url), 'utf8');
}

/** The README's "Google without long-lived keys" section. */
async function keylessSection(): Promise<string> {
  const text = await readme();
  const start = text.indexOf('### 5. Google without long-lived keys');
  return text.slice(start, text.indexOf('\n### ', start + 1));
}

/** `access_token_scopes` of a workflow's Google step (commented out until the agency enables it). */
async function workflowScopes(name: string): Promise<string[]> {
  const text = await readFile(new URL(`../../../.github/workflows/${name}`, import.meta.url), 'utf8');
  const found = /access_token_scopes\b[^:]*:\s+(https:\S+)/.exec(text);
  if (!found?.[1]) throw new Error(`${name} names no access_token_scopes`);
  return found[1].split(',').sort();
}

describe('the scopes Latch asks for, the README and the workflows agree', () => {
  it('the Admin console step allows exactly the union of what the commands ask for', async () => {
    const section = await keylessSection();
    const block = /```\n\s*(https:\S+)\n\s*```/.exec(section)?.[1];
    expect(block?.split(',').sort()).toEqual([...DELEGATED_SCOPES].sort());
  });

  it('the README explains each command with exactly its scopes', async () => {
    const section = await keylessSection();
    const bullet = (start: string) => {
      const from = section.indexOf(start);
      const line = section.slice(from, Math.min(...['\n   -', '\n\n'].map((end) => section.indexOf(end, from + 1)).filter((at) => at > 0)));
      return [...line.matchAll(/`([a-z.]+\.[a-z.]+|drive)`/g)].map((match) => match[1]).sort();
    };
    expect(bullet('- `plan`, `import`')).toEqual(short(COMMAND_SCOPES.plan));
    expect(bullet('- `apply`, `drift`')).toEqual(short(scopesFor('write')));
  });

  it.each([
    ['plan.yml', COMMAND_SCOPES.plan],
    ['drift.yml', COMMAND_SCOPES.drift],
    ['apply.yml', COMMAND_SCOPES.apply],
  ])('%s mints a token with exactly its command’s scopes', async (file, scopes) => {
    expect(await workflowScopes(file)).toEqual([...scopes].sort());
  });
});

describe('tokens with exactly the documented scopes (the emulator checks them per method)', () => {
  it('reads all three kinds with the scopes plan.yml asks for', async () => {
    const google = await start({ scopes: await workflowScopes('plan.yml') });
    const google_ = adapter(google);
    await expect(google_.list(resource('drive-folder', 'FOLDER1'))).resolves.toHaveLength(6);
    await expect(google_.list(resource('drive-folder', 'SHARED1'))).resolves.toHaveLength(4);
    await expect(google_.list(resource('ga4-property', '123456789'))).resolves.toHaveLength(3);
    await expect(google_.list(resource('google-group', 'apex-team@acme-agency.com'))).resolves.toHaveLength(3);
  });

  it('applies every kind of change with the write scopes alone', async () => {
    const google = await start({ scopes: scopesFor('write') });
    const google_ = adapter(google);
    const changes = [
      grant('drive-folder', 'SHARED1', 'new@apexoutdoor.com', 'organizer'),
      update('drive-folder', 'FOLDER1', 'dana@apexoutdoor.com', 'writer', 'reader'),
      revoke('drive-folder', 'FOLDER1', 'finn@apexoutdoor.com', 'reader'),
      grant('ga4-property', '123456789', 'new@apexoutdoor.com', 'viewer'),
      update('ga4-property', '123456789', 'dana@apexoutdoor.com', 'analyst', 'editor'),
      revoke('ga4-property', '123456789', 'finn@apexoutdoor.com', 'viewer'),
      grant('google-group', 'apex-team@acme-agency.com', 'dana@apexoutdoor.com', 'manager'),
      revoke('google-group', 'apex-team@acme-agency.com', 'finn@apexoutdoor.com', 'manager'),
    ];
    for (const change of changes) await expect(google_.apply(change)).resolves.toMatchObject({ status: 'applied' });
    expect(google.requests.every((request) => request.status < 400 || request.status === 409)).toBe(true);
  });

  it('names the missing scope when a token lacks one, as Google answers it', async () => {
    const google = await start({ scopes: [`${AUTH}analytics.manage.users`, `${AUTH}drive`] });
    const error = await rejection(adapter(google).list(resource('ga4-property', '123456789')));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.message).toContain('GET v1alpha/properties/123456789: the access token lacks the OAuth scope this call needs (403 ACCESS_TOKEN_SCOPE_INSUFFICIENT)');
  });
});

/** Google's token endpoint under domain-wide delegation: a request naming any scope not allowed fails. */
function delegationEndpoint(allowed: readonly string[], seen: string[][]): void {
  nock('https://oauth2.googleapis.com')
    .post('/token')
    .times(2)
    .reply((_uri, body) => {
      const assertion = new URLSearchParams(typeof body === 'string' ? body : '').get('assertion') ?? '';
      const claims = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as { scope: string; sub: string };
      const scopes = claims.scope.split(' ');
      seen.push(scopes);
      if (claims.sub !== 'latch@acme-agency.com' || scopes.some((scope) => !allowed.includes(scope))) {
        return [401, { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' }];
      }
      return [200, { access_token: 'ya29.delegated', token_type: 'Bearer', expires_in: 3599 }];
    });
}

describe('domain-wide delegation with a service account key', () => {
  it('asks, per access, only for scopes the README’s Admin console step allows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'latch-google-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'key.json');
    const key = { type: 'service_account', client_email: 'latch@acme-project.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), token_uri: 'https://oauth2.googleapis.com/token' };
    await writeFile(keyFile, JSON.stringify(key));
    const before = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
    nock.disableNetConnect();
    const section = await keylessSection();
    const allowed = (/```\n\s*(https:\S+)\n\s*```/.exec(section)?.[1] ?? '').split(',');
    const seen: string[][] = [];
    delegationEndpoint(allowed, seen);
    try {
      for (const access of ['read', 'write'] as const) {
        const credential = createCredential({ subject: 'latch@acme-agency.com' }, scopesFor(access));
        await expect(credential.getAccessToken()).resolves.toBe('ya29.delegated');
      }
      expect(seen).toEqual([scopesFor('read'), scopesFor('write')]);
    } finally {
      if (before === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
      else process.env.GOOGLE_APPLICATION_CREDENTIALS = before;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
