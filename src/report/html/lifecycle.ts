import type { EmergencyRevocation, OffboardedWatch } from '../../model/lifecycle.js';
import { esc, none, section, table } from './escape.js';

const WATCH: Record<OffboardedWatch['state'], string> = { clean: 'clean', reappeared: '⚠ access reappeared', unread: '⚠ could not be read' };

function reappeared(watch: OffboardedWatch): string {
  if (watch.reappeared.length === 0) return '';
  return `<ul class="plain">${watch.reappeared.map((grant) => `<li>${esc(`${grant.principal}: ${grant.level} on ${grant.kind} ${grant.resource}`)}</li>`).join('')}</ul>`;
}

/** Offboarded clients under watch, and whether anyone regained access. */
export function offboardedSection(watches: readonly OffboardedWatch[]): string {
  const body =
    watches.length === 0
      ? none('None.')
      : table(
          ['client', 'offboarded', 'watched until', 'state', 'last verified clean'],
          watches.map((watch) => [
            esc(`${watch.name} (${watch.client})`),
            esc(watch.offboardedOn),
            esc(watch.watchUntil),
            esc(WATCH[watch.state]) + reappeared(watch),
            esc(watch.verifiedCleanOn ?? '—'),
          ]),
        );
  return section('offboarded', 'Offboarded clients under watch', body);
}

/** Emergency revocations the repository's files do not reflect yet. */
export function emergenciesSection(revocations: readonly EmergencyRevocation[]): string {
  const body =
    revocations.length === 0
      ? none('None.')
      : table(
          ['person', 'on', 'by', 'reason', 'removed'],
          revocations.map((revocation) => [esc(revocation.person), esc(revocation.on), esc(revocation.by), esc(revocation.reason), esc(revocation.resources.join('; '))]),
        );
  return section('emergencies', 'Emergency revocations', body);
}
