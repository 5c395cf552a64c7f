import type { ResourceKind } from '../model/kinds.js';

/** What a resource `ref` of one kind may look like, and when two spellings name one resource. */
export interface RefForm {
  /** The form in words with an example, completing "a <kind> ref is …". */
  says: string;
  /** The whole ref must match. */
  pattern: RegExp;
  /** Longest ref the platform can have. */
  maxLength: number;
  /** Whether `/` separates an owner from a name; elsewhere a slash could only build another API path. */
  owned: boolean;
  /** A problem the pattern cannot express, in words, or undefined. */
  also?: (ref: string) => string | undefined;
  /** One spelling per resource, so two ways of writing it count as one claim. */
  canonical: (ref: string) => string;
}

const githubOwner = '[A-Za-z0-9][A-Za-z0-9-]{0,38}';
const digits = (ref: string) => ref.replace(/\D/g, '');
const lower = (ref: string) => ref.toLowerCase();
const same = (ref: string) => ref;

/**
 * Each kind's reference, as its platform documents it and its adapter accepts it: checked
 * at load so a bad ref is a file:line:column error, not a failed call at read time.
 */
export const REF_FORMS = {
  'github-repo': {
    says: 'owner/name, such as acme-agency/apex-web (GitHub names use letters, digits, ".", "-" and "_"; a name has at most 100)',
    pattern: new RegExp(`^${githubOwner}/[A-Za-z0-9._-]{1,100}$`),
    maxLength: 140,
    owned: true,
    also: (ref) => (/\.(git|wiki)$/i.test(ref) ? 'ends in .git or .wiki, which GitHub strips or reserves for the wiki' : undefined),
    canonical: lower,
  },
  'github-team': {
    says: 'org/team-slug, such as acme-agency/apex-engineers (the slug in the team page address)',
    pattern: new RegExp(`^${githubOwner}/[A-Za-z0-9][A-Za-z0-9_-]{0,254}$`),
    maxLength: 295,
    owned: true,
    canonical: lower,
  },
  'drive-folder': {
    says: 'a Drive folder id (letters, digits, "-" and "_"), the part after /folders/ in the folder address',
    pattern: /^[A-Za-z0-9_-]+$/,
    maxLength: 128,
    owned: false,
    canonical: same,
  },
  'ga4-property': {
    says: 'a GA4 property id, digits only, such as "312345678" (without properties/)',
    pattern: /^\d+$/,
    maxLength: 20,
    owned: false,
    canonical: same,
  },
  'google-group': {
    says: "a group's e-mail address, such as team@acme-agency.com",
    pattern: /^[A-Za-z0-9][A-Za-z0-9._'-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
    maxLength: 254,
    owned: false,
    canonical: lower,
  },
  'slack-channel': {
    says: "a Slack channel id such as C0123ABC (shown at the bottom of the channel's details), not its name",
    pattern: /^[CG][A-Z0-9]{2,20}$/,
    maxLength: 21,
    owned: false,
    canonical: same,
  },
  'meta-ad-account': {
    says: 'a Meta ad account id, act_<digits> or the digits alone, such as act_2200000001',
    pattern: /^(?:act_)?\d+$/,
    maxLength: 30,
    owned: false,
    canonical: (ref) => `act_${digits(ref)}`,
  },
  'google-ads-account': {
    says: 'a Google Ads customer id, 123-456-7890 or the ten digits alone',
    pattern: /^(?:\d{3}-\d{3}-\d{4}|\d{10})$/,
    maxLength: 12,
    owned: false,
    canonical: digits,
  },
  'linkedin-ad-account': {
    says: 'a LinkedIn ad account id, digits or urn:li:sponsoredAccount:<digits>, such as "508877001"',
    pattern: /^(?:urn:li:sponsoredAccount:)?\d+$/,
    maxLength: 45,
    owned: false,
    canonical: digits,
  },
} as const satisfies Record<ResourceKind, RefForm>;

/** What is wrong with a ref of this kind, as the rest of a sentence starting with the ref ("is not …", "contains …"), or undefined. */
export function refProblem(kind: ResourceKind, ref: string): string | undefined {
  const form: RefForm = REF_FORMS[kind];
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
  const form: RefForm = REF_FORMS[kind];
  return form.canonical(ref);
}
