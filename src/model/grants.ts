import type { Level, ResourceKind } from './kinds.js';

/** Which side of the relationship a person is on, decided by their e-mail domain. */
export type Side = 'agency' | 'client';

/** Who an identity is, as the client files declare it. */
export interface DeclaredPerson {
  side: Side;
  /** Client slugs, sorted. */
  clients: readonly string[];
}

/** A place in a YAML file, 1-based like an editor shows it. */
export interface SourcePosition {
  /** Path relative to the config directory, e.g. `clients/apex.yaml`. */
  file: string;
  line: number;
  column: number;
}

/** Why a desired grant exists: a role of a person, or an explicit entry under `grants`. */
export interface Trace extends SourcePosition {
  source: 'role' | 'grant';
  /** The role that gave the level (source `role`). */
  role?: string;
  /** The justification written in the file (source `grant`). */
  why?: string;
}

/** A resource Latch reconciles, as one client file declares it. */
export interface ManagedResource {
  client: string;
  /** The resource's name inside the client file (`web`, `shared`). */
  key: string;
  kind: ResourceKind;
  /** The platform's own reference: `org/repo`, a Drive file id, a property id, ... */
  ref: string;
  mode: 'manage' | 'verify';
  audience: 'agency' | 'client' | 'any';
  at: SourcePosition;
}

/** One grant the repository asks for: (resource, principal) -> level. */
export interface DesiredGrant {
  client: string;
  kind: ResourceKind;
  /** Platform reference of the resource. */
  resource: string;
  /** The identity the platform knows: a GitHub login or an e-mail, lower-cased. */
  principal: string;
  /** The person's key in the client file. */
  person: string;
  side: Side;
  level: Level;
  /** Last day (inclusive, YYYY-MM-DD) the grant holds, when bounded. */
  until?: string;
  /** Every source that asks for this grant, the one that gives the level first. */
  because: Trace[];
}

/** A pending invitation standing in for a grant that is not accepted yet. */
export interface PendingInvitation {
  /** The platform's id of the invitation, needed to change or cancel it. */
  id: string;
  expired: boolean;
  createdAt?: string;
}

/** One grant a platform actually has, as an adapter read it. */
export interface ActualGrant {
  /** The identity the platform knows (login or e-mail), lower-cased. */
  principal: string;
  /** Level in Latch's vocabulary for the resource kind. */
  level: Level;
  /** Set when the grant is an invitation not yet accepted. */
  pending?: PendingInvitation;
  /**
   * Set when the grant comes from elsewhere (a parent folder, the GA4 account) and cannot be
   * changed on this resource: it is reported, never revoked here.
   */
  inheritedFrom?: string;
  /** The platform's owner of the resource: never revoked or lowered. */
  owner?: boolean;
  /** Platform-specific id the adapter needs to change or remove this grant (permission id, binding name). */
  handle?: string;
}

/** The complete grant list of one resource, or why it could not be read. */
export type ResourceReading =
  | { resource: ManagedResource; ok: true; grants: ActualGrant[] }
  | { resource: ManagedResource; ok: false; error: string };
