/**
 * What the lifecycle reports share: a client offboarded and still watched, and a person
 * revoked in an emergency whose files do not say so yet. Produced by the drift and status
 * flow, rendered by the text, markdown and HTML reports.
 */

/** One grant found again on an offboarded client's resource. */
export interface ReappearedGrant {
  kind: string;
  resource: string;
  principal: string;
  level: string;
}

/** A client whose file was deleted, watched for `offboarding.watchDays` after the offboarding was applied. */
export interface OffboardedWatch {
  client: string;
  name: string;
  /** Day the offboarding was applied (YYYY-MM-DD). */
  offboardedOn: string;
  /** Last day of the watch (YYYY-MM-DD). */
  watchUntil: string;
  /** `clean`: read and empty; `reappeared`: someone regained access; `unread`: could not be read this run. */
  state: 'clean' | 'reappeared' | 'unread';
  /** Day the resources were last read and found empty. */
  verifiedCleanOn?: string;
  reappeared: ReappearedGrant[];
}

/** An emergency revocation the repository's files do not reflect yet. */
export interface EmergencyRevocation {
  person: string;
  /** Day it was carried out (YYYY-MM-DD). */
  on: string;
  reason: string;
  by: string;
  /** Grants it removed, as `kind resource`. */
  resources: string[];
}

/** One grant `latch revoke` removed, as its audit record tells it: what holds back a re-grant. */
export interface EmergencyRecord {
  /** ISO time it was carried out. */
  at: string;
  kind: string;
  resource: string;
  /** Lower-cased login or e-mail, as the platforms and the desired grants name it. */
  principal: string;
  reason: string;
  by: string;
}
