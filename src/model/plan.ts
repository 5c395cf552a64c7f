import type { Level, ResourceKind } from './kinds.js';
import type { PendingInvitation, Side, Trace } from './grants.js';

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

/** A client whose file was deleted since the base: every grant on its resources is revoked. */
export interface Offboarding {
  client: string;
  name: string;
  /** The deleted file, e.g. `clients/cobalt.yaml`. */
  file: string;
  revocations: number;
  resources: number;
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
}
