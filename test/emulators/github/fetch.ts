import type { GithubSeed } from '../../../src/emulators/github/index.js';

export const TOKEN = 'ghs_emulatorTestTokenValue0123456789';

/** One HTTP exchange with the emulator, read fully. */
export interface Exchange {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Authorization header value; default `token <TOKEN>`, null for none. */
  authorization?: string | null;
}

export async function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<Exchange> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  const authorization = options.authorization === undefined ? `token ${TOKEN}` : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  if (options.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  const response = await fetch(new URL(path, base), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The URL a Link header names for `rel`, the way Octokit's paginate finds it. */
export function linkTo(exchange: Exchange, rel: string): string | undefined {
  const match = new RegExp(`<([^<>]+)>;\\s*rel="${rel}"`).exec(exchange.headers.get('link') ?? '');
  return match?.[1];
}

export function logins(body: unknown): string[] {
  if (!Array.isArray(body)) throw new Error(`expected a JSON array, got ${JSON.stringify(body)}`);
  return body.map((item: { login?: unknown }) => String(item.login));
}

/**
 * A small agency: owner `boss`, members `ana` and `ben`, outsiders with access to
 * repositories, pending invitations (one expired, one by e-mail) and two teams.
 */
export function agencySeed(): GithubSeed {
  return {
    org: 'acme',
    members: ['boss', 'ana', 'ben'],
    owners: ['boss'],
    users: ['zed', 'newbie', 'Mixed-Case'],
    repos: {
      'acme/web': {
        collaborators: { ana: 'admin', carl: 'pull', dora: 'triage', ben: 'push', boss: 'push', eve: 'maintain' },
        invitations: [
          { id: 41, invitee: 'fred', permissions: 'push', created_at: '2026-03-01T10:00:00Z' },
          { id: 42, invitee: 'gus', permissions: 'pull', created_at: '2026-01-01T10:00:00Z', expired: true },
          { id: 43, invitee: null, email: 'client@example.com', permissions: 'maintain' },
        ],
      },
      'acme/api': { collaborators: { carl: 'push', ana: 'push' } },
      'acme/empty': {},
    },
    teams: {
      devs: { members: { ana: 'maintainer', ben: 'member', boss: 'member' }, pending: { hana: 'maintainer' } },
      ops: {},
    },
  };
}
