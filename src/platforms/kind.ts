/**
 * What a resource kind states about itself. Each platform folder exports its kinds'
 * facts (`<platform>/kinds.ts`); the loader, planner, guards, risk flags and access-request
 * steps are built from them, so adding a kind touches its platform folder and nothing else.
 */

/** A person field a platform knows people by (`people.<key>.email`, `.github`, `.linkedin`). */
export type IdentityField = 'email' | 'github' | 'linkedin';

/** What a resource `ref` of one kind may look like, and when two spellings name one resource. */
export interface RefForm {
  /** The form in words with an example, completing "a <kind> ref is …". */
  says: string;
  /** A ref of this form, as a client file would write it: shown in help and checked by the kinds' contract test. */
  example: string;
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

/** A platform's own vocabulary and menus, as its help pages name them: the client's steps in `latch request`. */
export interface AccessGuide {
  /** The account as the platform shows it: "Google Ads account 123-456-7890". */
  account(ref: string): string;
  /** A Latch level in the platform's words, where they differ. */
  words: Readonly<Record<string, string>>;
  /** Where the account's people are listed. */
  open(ref: string): string;
  add(who: string, level: string): string;
  change(who: string, level: string): string;
  reinvite(who: string, level: string): string;
  accept(who: string): string;
  remove(who: string): string;
  cancel(who: string): string;
}

/** Everything the core needs to know about one resource kind. */
export interface KindFacts {
  /** The kind as client files write it: `github-repo`, `aws-account`. */
  readonly kind: string;
  /** Id of the platform adapter that reconciles it (`policies/platforms.yaml`). */
  readonly platform: string;
  /** Latch's levels for the kind, lowest first. */
  readonly levels: readonly string[];
  /** The person field the platform knows people by. */
  readonly identity: IdentityField;
  /** How many days the platform keeps an invitation open, where its documentation says. */
  readonly invitationDays?: number;
  /** The level that administers the resource: the last active holder is never removed. */
  readonly adminLevel?: string;
  /** The lowest level that changes things rather than only sees them (the client-write risk flag). */
  readonly writeLevel?: string;
  /** The ref's form, checked at load. */
  readonly ref: RefForm;
  /** The platform's own steps, for access requests to a client who owns the resource. */
  readonly guide: AccessGuide;
}
