import type { ResourceKind } from '../model/kinds.js';
import { kindFacts } from '../platforms/kinds.js';
import type { RefForm } from '../platforms/kind.js';

/**
 * Each kind's reference, as its platform documents it and its adapter accepts it (the kind's
 * `ref` in `src/platforms/<platform>/kinds.ts`): checked at load so a bad ref is a
 * file:line:column error, not a failed call at read time.
 */
export function refForm(kind: ResourceKind): RefForm {
  return kindFacts(kind).ref;
}

/** What is wrong with a ref of this kind, as the rest of a sentence starting with the ref ("is not …", "contains …"), or undefined. */
export function refProblem(kind: ResourceKind, ref: string): string | undefined {
  const form = refForm(kind);
  if (ref.length > form.maxLength) return `is ${ref.length} characters long; a ${kind} ref has at most ${form.maxLength}`;
  if (/\s/u.test(ref)) return 'contains a space or a line break';
  if (ref.includes('%')) return 'contains "%": URL-encoded characters (such as %2F or %2E) are not decoded, write the reference as the platform shows it';
  if (ref.includes('\\')) return 'contains a backslash';
  if (ref.split('/').some((segment) => segment === '..' || segment === '.')) return 'contains a path segment "." or "..", which would reach another API path';
  if (!form.owned && ref.includes('/')) return `contains "/", which a ${kind} ref never has`;
  if (form.owned && ref.split('/').length !== 2) return 'has more or fewer than one "/" between owner and name';
  if (!form.pattern.test(ref)) return `is not ${form.says}`;
  return form.also?.(ref);
}

/** The one spelling of a ref used to recognise the same resource written twice. */
export function canonicalRef(kind: ResourceKind, ref: string): string {
  return refForm(kind).canonical(ref);
}
