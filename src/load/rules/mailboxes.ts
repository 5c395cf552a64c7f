import type { ConfigIssue } from '../../errors.js';
import type { SourcePosition } from '../../model/grants.js';
import { error, warning } from '../issues.js';
import type { GuardrailsFile } from '../model.js';
import { domainOf } from '../sides.js';
import type { SourcedClient } from '../types.js';

interface Seen {
  person: string;
  email: string;
  at: SourcePosition;
}

function where(at: SourcePosition): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/**
 * The mailbox an address delivers to: case does not matter to mail servers, and at an agency
 * domain a "+tag" is sub-addressing (Google Workspace delivers tom+alt@ to tom@). Other
 * domains keep their tag: Latch cannot know how their mail servers read it.
 */
export function mailboxOf(email: string, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): string {
  const lower = email.toLowerCase();
  const at = lower.lastIndexOf('@');
  const domain = domainOf(lower);
  if (!guardrails.agencyDomains.some((agency) => agency.toLowerCase() === domain)) return lower;
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  return plus < 0 ? lower : `${local.slice(0, plus)}${lower.slice(at)}`;
}

/**
 * One mailbox, one person, within a file and across files: two different person keys whose
 * addresses reach one mailbox are an error (exactly equal addresses are `identity-shared`,
 * reported elsewhere). The same key may appear in many files; written in another case than
 * its first appearance it is a warning, since platforms compare addresses as written.
 */
export function checkMailboxes(clients: readonly SourcedClient[], guardrails: Pick<GuardrailsFile, 'agencyDomains'>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byMailbox = new Map<string, Seen>();
  for (const client of clients) {
    for (const [key, person] of Object.entries(client.data.people)) {
      const mailbox = mailboxOf(person.email, guardrails);
      const at = client.locate(['people', key, 'email']);
      const first = byMailbox.get(mailbox);
      if (!first) {
        byMailbox.set(mailbox, { person: key, email: person.email, at });
        continue;
      }
      const sameAddress = first.email.toLowerCase() === person.email.toLowerCase();
      if (first.person !== key && !sameAddress) {
        issues.push(
          error(
            at,
            'mailbox-shared',
            `${key}'s address ${person.email} reaches the same mailbox (${mailbox}) as ${first.person}'s ${first.email} at ${where(first.at)}; two people here would be one person on every platform that knows people by e-mail.`,
            `If it is one person, use one key and one address without a "+tag" in both places; if they are two people, correct the address.`,
          ),
        );
      } else if (first.person === key && sameAddress && first.email !== person.email) {
        issues.push(
          warning(
            at,
            'email-case-differs',
            `${key}'s address is written ${person.email} here but ${first.email} at ${where(first.at)}.`,
            `Write it the same way everywhere, in lower case (${person.email.toLowerCase()}).`,
          ),
        );
      }
    }
  }
  return issues;
}
