import type { Level, ResourceKind } from './kinds.js';
import type { PendingInvitation, Side, SourcePosition, Trace } from './grants.js';
import type { EmergencyRevocation, OffboardedWatch } from './lifecycle.js';

interface ChangeBase {
  /** Owning client, or null for a resource no client declares any more (offboarding). */
  client: string | null;
  kind: ResourceKind;
  /** Platform reference of the resource. */
  resource: string;
  /** Identity the platform knows: login or e-mail. */
  principal: string;
  /** One sentence a reviewer understands: "role agency-lead in clients/apex.yaml:14". */
  reason: string;
  /** The declarations behind a grant or update. */
  because?: Trace[];
  /** The invitation the change concerns, when the principal has not accepted yet. */
  pending?: PendingInvitation;
  /** Adapter handle of the existing grant (permission id, binding name), when there is one. */
  handle?: string;
  /** Agency or client side, when the principal is a declared person. */
  side?: Side;
}

export interface GrantChange extends ChangeBase {
  action: 'grant';
  from: null;
  to: Level;
}

export interface UpdateChange extends ChangeBase {
  action: 'update';
  from: Level;
  to: Level;
}

export interface RevokeChange extends ChangeBase {
  action: 'revoke';
  from: Level;
  to: null;
}

export type Change = GrantChange | UpdateChange | RevokeChange;
export type ChangeAction = Change['action'];

/** Something the plan will not do, and why (a `neverTouch` principal, a last admin). */
export interface Held {
  /** Which protection held the change back. */
  rule: 'never-touch' | 'last-admin';
  client: string | null;
  kind: ResourceKind;
  resource: string;
  principal: string;
  reason: string;
}

/** A resource whose grants could not be read: nothing is planned for it. */
export interface Unread {
  client: string | null;
  kind: ResourceKind;
  resource: string;
  error: string;
}

/** Drift found outside the managed resources (an undeclared outside collaborator). */
export interface Finding {
  platform: string;
  subject: string;
  message: string;
}

export interface Warning {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * A principal the plan would grant to that its platform says does not exist (a mistyped
 * login, an e-mail without an account): an error in the files, found before apply.
 */
export interface UnknownPrincipal {
  /** Platform id: `github`, `slack`. */
  platform: string;
  principal: string;
  /** What the platform said, in words: "GitHub has no user with this login". */
  message: string;
  /** Clients whose grants name it, sorted. */
  clients: string[];
  /** Where the client files ask for those grants, in the order of the plan. */
  declared: SourcePosition[];
}

/** A new principal whose check failed (5xx, timeout): neither known nor unknown, never an error of the files. */
export interface UncheckedPrincipal {
  platform: string;
  principal: string;
  /** Why it could not be checked. */
  error: string;
}

/** A client whose file was deleted since the base: every grant on its resources is revoked. */
export interface Offboarding {
  client: string;
  name: string;
  /** The deleted file, e.g. `clients/cobalt.yaml`. */
  file: string;
  revocations: number;
  resources: number;
}

/** An agency person whose last day (policies/people.yaml `until`) has passed: all their access goes, everywhere. */
export interface Leaver {
  /** Their key in policies/people.yaml and the client files. */
  person: string;
  /** Their last day at the agency (inclusive). */
  until: string;
  /** Where the `until` is written. */
  file: string;
  line: number;
  /** Every identity of theirs, as principals: their revocations are intended, like an offboarding's. */
  principals: string[];
  revocations: number;
  /** Clients with at least one of those revocations, sorted. */
  clients: string[];
}

/**
 * Where one grant on a verify-mode resource stands. Anything but `verified` is open: someone
 * (the client, or the invitee for `pending`) has to act.
 */
export type RequestStatus = 'missing' | 'wrong-level' | 'pending' | 'expired' | 'unexpected' | 'verified';

/**
 * One item of an access request: a grant on a resource the client owns (`mode: verify`),
 * compared with what the platform shows. Latch never writes these; the client acts.
 */
export interface AccessRequest {
  client: string;
  kind: ResourceKind;
  /** Platform reference of the account (`act_…`, a customer id, an ad account id). */
  resource: string;
  /** The resource's name in the client file. */
  key: string;
  /** Identity the platform knows: an e-mail, or a LinkedIn member URN. */
  principal: string;
  /** The person's key in the client file, when the principal is declared there. */
  person?: string;
  /** The level the repository asks for; null when it asks for none (`unexpected`). */
  wanted: Level | null;
  /** The level the platform shows (an invitation's level when pending); null when missing. */
  actual: Level | null;
  /** The invitation behind `actual`, when it is not accepted yet. */
  pending?: PendingInvitation;
  status: RequestStatus;
  /** When the invitation was sent (ISO 8601), when the platform says. */
  since?: string;
  /** Whole days since `since`, counted to the plan's date. */
  ageDays?: number;
  /** One sentence of what has to happen: "give nina@acme-agency.com advertise on act_123". */
  ask: string;
  /** Why: the declaration, or what is wrong with the access found. */
  reason: string;
  /** The platform's own steps, in its own words; empty for `verified`. */
  steps: string[];
}

/** A planned change the newest apply that tried it could not carry out. */
export interface FailedChange {
  /** The change as planned now: the same action, resource, principal and levels as the one that failed. */
  change: Change;
  /** ISO time of that apply. */
  at: string;
  /** The merged pull request behind that apply; null for a drift run or the CLI. */
  pr: number | null;
  /** What the platform answered then, secrets removed. */
  detail: string;
}

/** What the audit trail says of the changes planned again. */
export interface LastApply {
  failed: FailedChange[];
  /** Why the trail could not be read; nothing is marked failed then. */
  unreadable?: string;
}

/** The first error of a base whose files do not validate. */
export interface InvalidBase {
  /** The base ref as given. */
  base: string;
  file: string;
  line: number;
  message: string;
  /** Errors in the base's files in all. */
  errors: number;
}

/** What a plan made with `--scope changed` read: what changed since its base, or everything and why. */
export interface PlanScopeSummary {
  /** `changed`: only what the change can affect; `all`: every client (the change may affect any). */
  mode: 'changed' | 'all';
  /** The git ref the change is made against. */
  base: string;
  /** Clients whose resources were read, sorted (offboarded ones included). */
  clients: string[];
  /** Platforms whose resources were read for every client (their settings changed). */
  platforms: string[];
  /** Clients in the repository and offboarded since the base. */
  total: number;
  /** Resources read. */
  resources: number;
  /** Why these were read: the files that changed and what each affects. */
  reason: string;
}

export interface Plan {
  /** sha256 of the canonical JSON of `changes`. */
  fingerprint: string;
  changes: Change[];
  held: Held[];
  unread: Unread[];
  findings: Finding[];
  warnings: Warning[];
  /** Clients offboarded by deleting their file, when the plan was made against a base. */
  offboarding?: Offboarding[];
  /** Agency people past their last day, with their revocations counted. */
  leavers?: Leaver[];
  /** Verify-mode resources: what each client must do, and what is verified; never changes. */
  requests?: AccessRequest[];
  /** What was read, when the plan was limited to what changed since its base. */
  scope?: PlanScopeSummary;
  /** Offboarded clients whose resources are still watched, and what this run found on them. */
  watched?: OffboardedWatch[];
  /** Grants revoked in an emergency that the files still declare: not granted again until the files agree. */
  emergencies?: EmergencyRevocation[];
  /** Principals of new grants their platform does not know: the plan cannot be applied as it is. */
  unknownPrincipals?: UnknownPrincipal[];
  /** Principals of new grants whose platform could not be asked this run. */
  uncheckedPrincipals?: UncheckedPrincipal[];
  /** Planned changes the newest apply that tried them could not carry out, from the audit trail. */
  lastApply?: LastApply;
  /** Set when the base's files do not validate: the plan is of the head alone, nothing offboarded. */
  invalidBase?: InvalidBase;
}
