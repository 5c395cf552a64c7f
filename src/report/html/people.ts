import type { OutsidePerson } from '../page-model.js';
import { esc, none, section, table } from './escape.js';

function reachOf(person: OutsidePerson): string {
  if (person.reach.length === 0) return '<span class="muted">nothing today</span>';
  const items = person.reach.map((reach) => {
    const until = reach.until ? `, until ${reach.until}` : '';
    return `<li>${esc(`${reach.client}: ${reach.resourceKey} (${reach.kind} ${reach.resource}) ${reach.level}${until}`)}</li>`;
  });
  return `<ul class="plain">${items.join('')}</ul>`;
}

/** Everyone outside the agency, and what the repository lets them reach. */
export function outsideSection(people: readonly OutsidePerson[]): string {
  const body =
    people.length === 0
      ? none('Nobody outside the agency is declared.')
      : table(
          ['person', 'side', 'declared by', 'reaches'],
          people.map((person) => [esc(person.email), esc(person.side), esc(person.clients.join(', ')), reachOf(person)]),
        );
  return section('outside', 'People outside the agency', body);
}
