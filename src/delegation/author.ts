import { listing } from '../load/issues.js';
import type { Repository } from '../load/types.js';
import { checkDelegateChange, type DelegationVerdict } from './check.js';
import { changesSince } from './git-changes.js';

/** The delegation verdict on everything that changed in `dir`'s repository since `base`. */
export async function checkAuthorSince(dir: string, repository: Repository, author: string, base: string): Promise<DelegationVerdict> {
  return checkDelegateChange(author, repository, await changesSince(dir, base));
}

/** One sentence on the verdict, for the end of `latch validate`. */
export function describeVerdict(verdict: DelegationVerdict, base: string): string {
  const { author, clients, issues } = verdict;
  switch (verdict.standing) {
    case 'agency':
      return `Author ${author} is an agency person (${listing(clients)}): the delegate rules do not apply.`;
    case 'unknown':
      return `Author ${author} is not a person of any client file: the delegate rules do not apply; CODEOWNERS review decides.`;
    case 'client-person':
      return `Author ${author} is a person of ${listing(clients)} but not a delegate: ${issues.length} changed file${issues.length === 1 ? '' : 's'} since ${base} refused.`;
    case 'delegate':
      if (issues.length === 0) return `Author ${author} is a delegate of ${listing(clients)}: the change since ${base} stays within their file and the roles delegates may assign.`;
      return `Author ${author} is a delegate of ${listing(clients)}: ${issues.length} part${issues.length === 1 ? '' : 's'} of the change since ${base} need${issues.length === 1 ? 's' : ''} the agency.`;
  }
}
