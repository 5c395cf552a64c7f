import { describeError } from '../../errors.js';
import type { PrincipalCheck } from '../adapter.js';
import type { Directory, SlackPerson } from './users.js';

function checkOf(person: SlackPerson | null | undefined): PrincipalCheck {
  if (!person) return { status: 'unknown', message: 'no Slack account in the workspace has this e-mail' };
  // A deactivated account cannot sign in, and Slack refuses to add it to a channel.
  if (person.deleted) return { status: 'unknown', message: 'the Slack account with this e-mail is deactivated' };
  return { status: 'exists' };
}

/**
 * Whether e-mails have an account in the workspace. When the run has read the user list
 * (any channel listed), the answer comes from it with no call; otherwise one
 * `users.lookupByEmail` per address (`users_not_found`: none), each cached by the directory.
 */
export async function resolveEmails(directory: Directory, principals: readonly string[]): Promise<Map<string, PrincipalCheck>> {
  const emails = principals.filter((principal) => principal.includes('@'));
  const answers = await Promise.all(
    emails.map(async (email): Promise<[string, PrincipalCheck]> => {
      const listed = directory.listed(email);
      if (listed !== undefined) return [email, checkOf(listed)];
      try {
        return [email, checkOf(await directory.byEmail(email, 'resolve'))];
      } catch (error) {
        return [email, { status: 'unchecked', error: describeError(error) }];
      }
    }),
  );
  return new Map(answers);
}
