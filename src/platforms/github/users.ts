import pLimit from 'p-limit';
import { z } from 'zod';
import { describeError, PlatformError } from '../../errors.js';
import type { PrincipalCheck } from '../adapter.js';
import { attempt, type GithubApi } from './client.js';

/** `GET /users/{username}`: `type` tells a person from an organisation, which no one can add as a collaborator. */
const Account = z.object({ login: z.string(), type: z.string() });

/** Lookups at once: each costs a point of the REST quota, and a plan rarely adds more than a few people. */
const LOOKUPS_AT_ONCE = 4;

/** Answers whether logins exist on GitHub, asking about each at most once per run. */
export type UserResolver = (principals: readonly string[]) => Promise<Map<string, PrincipalCheck>>;

/**
 * One `GET /users/{username}` per login: 200 is an account, 404 none. The read cache
 * revalidates a stored 200 for free next run; a 404 is never stored, so a login created
 * since is seen at once. E-mails (invitations by address) are not logins and are not asked about.
 */
export function createUserResolver(api: GithubApi): UserResolver {
  const asked = new Map<string, Promise<PrincipalCheck>>();
  const limit = pLimit(LOOKUPS_AT_ONCE);

  async function ask(login: string): Promise<PrincipalCheck> {
    try {
      const account = await attempt(api, 'resolve', `GET /users/${login}`, async () =>
        Account.parse((await api.octokit.request('GET /users/{username}', { username: login })).data),
      );
      if (account.type === 'Organization') return { status: 'unknown', message: `${account.login} is a GitHub organisation, not a user` };
      return { status: 'exists' };
    } catch (error) {
      if (error instanceof PlatformError && error.status === 404) return { status: 'unknown', message: 'GitHub has no user with this login' };
      return { status: 'unchecked', error: describeError(error) };
    }
  }

  return async (principals) => {
    const logins = principals.filter((principal) => !principal.includes('@'));
    const answers = await Promise.all(
      logins.map(async (login): Promise<[string, PrincipalCheck]> => {
        let pending = asked.get(login);
        if (!pending) {
          pending = limit(() => ask(login));
          asked.set(login, pending);
        }
        return [login, await pending];
      }),
    );
    return new Map(answers);
  };
}
