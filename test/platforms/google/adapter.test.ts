import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { googleFactory } from '../../../src/platforms/google/index.js';
import { createKeyedQueue } from '../../../src/platforms/google/queue.js';
import { factoryById, factoryForKind } from '../../../src/platforms/registry.js';
import { TOKEN, adapter, context, emulator, emulatorPerTest, grant, rejection, resource } from './helpers.js';

const start = emulatorPerTest();

describe('google adapter', () => {
  it('is registered for the three Google kinds', () => {
    expect(factoryById('google')).toBe(googleFactory);
    for (const kind of ['drive-folder', 'ga4-property', 'google-group'] as const) expect(factoryForKind(kind)).toBe(googleFactory);
  });

  it('dispatches each kind to its API under one root', async () => {
    const emu = await start();
    const google = googleFactory.create(context(emu.url));
    await google.list(resource('drive-folder', 'EMPTY1'));
    await google.list(resource('ga4-property', '333'));
    await google.list(resource('google-group', 'empty@acme-agency.com'));
    expect(emu.requests.map((r) => r.path.split('/').slice(0, 3).join('/'))).toEqual(['/drive/v3', '/drive/v3', '/v1alpha/properties', '/v1alpha/properties', '/admin/directory']);
    expect(emu.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('refuses a kind of another platform', async () => {
    const emu = await start();
    await expect(adapter(emu).list(resource('slack-channel', 'C0APEX'))).rejects.toThrow('resource kind slack-channel is not a Google kind');
  });

  it.each([
    [{ LATCH_GOOGLE_API_URL: 'ftp://example.com' }, 'LATCH_GOOGLE_API_URL must be an http(s) URL'],
    [{ LATCH_DRIVE_NOTIFY: 'maybe' }, 'LATCH_DRIVE_NOTIFY must be true or false'],
    [{ LATCH_HTTP_TIMEOUT_MS: '30s' }, 'LATCH_HTTP_TIMEOUT_MS must be a whole number of milliseconds'],
  ])('refuses a bad setting %j', (env, message) => {
    expect(() => googleFactory.create(context('http://127.0.0.1:1', env))).toThrow(message);
  });
});

describe('google credentials never leak', () => {
  const WRONG = 'ya29.wrongSecretValue-fedcba9876543210';

  it('keeps a refused token out of the error', async () => {
    const emu = await start();
    const error = await rejection(adapter(emu, {}, { LATCH_GOOGLE_ACCESS_TOKEN: WRONG }).list(resource('drive-folder', 'FOLDER1')));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toContain('the credential was refused (401)');
    expect(JSON.stringify({ ...error, message: error.message, cause: error.cause })).not.toContain(WRONG);
  });

  it('scrubs a token an answer echoes back', async () => {
    const emu = await start();
    emu.switches.faults.push({ path: '/members', status: 400, body: { error: { code: 400, message: `bad request from Bearer ${TOKEN}`, errors: [{ reason: 'invalid' }] } } });
    const error = await rejection(adapter(emu).apply(grant('google-group', 'empty@acme-agency.com', 'x@apexoutdoor.com', 'member')));
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(TOKEN);
  });

  it('keeps the token out of a connection failure', async () => {
    const emu = await emulator();
    await emu.close();
    const error = await rejection(adapter(emu, { retries: 1 }).list(resource('google-group', 'empty@acme-agency.com')));
    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toContain('could not reach the API');
    expect(error.message).not.toContain(TOKEN);
  });
});

describe('google credentials missing', () => {
  it('says which variables to set, at once, without probing any server', () => {
    const env = { LATCH_GOOGLE_ACCESS_TOKEN: '', GOOGLE_APPLICATION_CREDENTIALS: undefined };
    expect(() => googleFactory.create(context('http://127.0.0.1:9', env))).toThrow(PlatformError);
    expect(() => googleFactory.create(context('http://127.0.0.1:9', env))).toThrow(/LATCH_GOOGLE_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS/);
  });
});

describe('domain-wide delegation and the credential file', () => {
  async function credentialFile(content: unknown): Promise<{ file: string; remove: () => Promise<void> }> {
    const dir = await mkdtemp(join(tmpdir(), 'latch-google-'));
    const file = join(dir, 'credential.json');
    await writeFile(file, JSON.stringify(content));
    return { file, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  const federation = {
    type: 'external_account',
    audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/github/providers/github',
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: 'https://sts.googleapis.com/v1/token',
    service_account_impersonation_url: 'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/latch@p.iam.gserviceaccount.com:generateAccessToken',
    credential_source: { file: '/tmp/oidc-token' },
  };

  it('refuses google.subject with a workload identity federation file, which would run as the bare service account', async () => {
    const { file, remove } = await credentialFile(federation);
    try {
      const env = { LATCH_GOOGLE_ACCESS_TOKEN: '', GOOGLE_APPLICATION_CREDENTIALS: file };
      expect(() => googleFactory.create(context('http://127.0.0.1:9', env))).toThrow(
        /google.subject \(domain-wide delegation\) cannot be used with a "external_account" credential file.*access_token_subject/,
      );
    } finally {
      await remove();
    }
  });

  it('accepts google.subject with a service account key, and says when the file cannot be read', async () => {
    const { file, remove } = await credentialFile({ type: 'service_account', client_email: 'latch@p.iam.gserviceaccount.com', private_key: 'unused' });
    try {
      expect(() => googleFactory.create(context('http://127.0.0.1:9', { LATCH_GOOGLE_ACCESS_TOKEN: '', GOOGLE_APPLICATION_CREDENTIALS: file }))).not.toThrow();
      const missing = { LATCH_GOOGLE_ACCESS_TOKEN: '', GOOGLE_APPLICATION_CREDENTIALS: `${file}.missing` };
      expect(() => googleFactory.create(context('http://127.0.0.1:9', missing))).toThrow('is not a readable Google credential file');
    } finally {
      await remove();
    }
  });
});

describe('keyed queue', () => {
  it('runs tasks of one key one after another, and of different keys side by side', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = queue.run('a', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
    });
    const second = queue.run('a', async () => void log.push('a2'));
    const other = queue.run('b', async () => void log.push('b1'));
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('goes on after a failed task', async () => {
    const queue = createKeyedQueue();
    await expect(queue.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });
});

describe('google credential source', () => {
  it('uses a token from the environment as is, else Application Default Credentials as the subject', async () => {
    const { auth } = await import('@googleapis/drive');
    const { createCredential } = await import('../../../src/platforms/google/auth.js');
    const { scopesFor } = await import('../../../src/platforms/google/scopes.js');
    const fromToken = createCredential({ accessToken: TOKEN, subject: 'latch@acme-agency.com' }, scopesFor('read'));
    expect(fromToken).toBeInstanceOf(auth.OAuth2);
    expect(Reflect.get(fromToken, 'credentials')).toEqual({ access_token: TOKEN });
    const ambient = createCredential({ subject: 'latch@acme-agency.com' }, scopesFor('read'));
    expect(ambient).toBeInstanceOf(auth.GoogleAuth);
    expect(Reflect.get(ambient, 'clientOptions')).toMatchObject({ subject: 'latch@acme-agency.com' });
    expect(Reflect.get(ambient, 'scopes')).toEqual(scopesFor('read'));
  });
});
