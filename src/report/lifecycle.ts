import type { EmergencyRevocation, OffboardedWatch } from '../model/lifecycle.js';

/** "Offboarded client cobalt: ken-cobalt regained write on acme-agency/cobalt-web", one per grant found again. */
export function reappearedLines(watch: OffboardedWatch): string[] {
  return watch.reappeared.map((grant) => `Offboarded client ${watch.client}: ${grant.principal} regained ${grant.level} on ${grant.resource}`);
}

/** Where a watch stands, in one line: "offboarded on D, verified clean on D'", or what reappeared, or that it could not be read. */
export function watchState(watch: OffboardedWatch): string {
  const since = `offboarded on ${watch.offboardedOn}`;
  if (watch.state === 'unread') return `${since}, not verified: its resources could not be read (watched until ${watch.watchUntil})`;
  if (watch.state === 'reappeared') {
    const found = watch.reappeared.map((grant) => `${grant.principal} ${grant.level} on ${grant.resource}`).join('; ');
    return `${since}, access reappeared: ${found} (watched until ${watch.watchUntil})`;
  }
  return `${since}, verified clean on ${watch.verifiedCleanOn ?? '?'} (watched until ${watch.watchUntil})`;
}

/** "ken-cobalt: revoked in an emergency on D, files not yet updated (reason, by maria; github-repo acme-agency/x)". */
export function emergencyLine(entry: EmergencyRevocation): string {
  return `${entry.person}: revoked in an emergency on ${entry.on}, files not yet updated (${entry.reason}; by ${entry.by}; ${entry.resources.join(', ')})`;
}
