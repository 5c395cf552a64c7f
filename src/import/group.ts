import { TEXT_FORMATS } from '../load/model.js';
import type { Observed } from './types.js';

/** A resource of an imported client, with the name the client file gives it. */
export interface PlacedResource extends Observed {
  /** Name in the client file: the resource's name without the client prefix (`web` for apex-web). */
  key: string;
}

export interface Grouping {
  /** Client slug -> its resources, keys unique within the client. */
  clients: Map<string, PlacedResource[]>;
  /** Resources no client could be told from, with why. */
  unmapped: { resource: Observed; why: string }[];
}

function asKey(text: string): string {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return cleaned || 'resource';
}

/** Two resources of one name are told apart by their kinds' last word: apex-web and apex-web-team. */
function uniqueKey(wanted: string, taken: Set<string>, kind: string): string {
  let key = taken.has(wanted) ? `${wanted}-${kind.split('-').pop() ?? 'x'}` : wanted;
  for (let counter = 2; taken.has(key); counter += 1) key = `${wanted}-${counter}`;
  taken.add(key);
  return key;
}

/**
 * Pure. `--group-by prefix`: a resource belongs to the client named by its name up to the
 * first "-" (apex-web and apex-engineers -> apex). A name without "-", or whose prefix is not
 * a valid client slug, cannot be placed and is reported.
 */
export function groupByPrefix(observed: readonly Observed[]): Grouping {
  const clients = new Map<string, PlacedResource[]>();
  const unmapped: Grouping['unmapped'] = [];
  const sorted = [...observed].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const taken = new Map<string, Set<string>>();
  for (const resource of sorted) {
    const dash = resource.name.indexOf('-');
    if (dash <= 0 || dash === resource.name.length - 1) {
      unmapped.push({ resource, why: `"${resource.name}" has no client prefix (a name before the first "-")` });
      continue;
    }
    const client = resource.name.slice(0, dash).toLowerCase();
    if (!TEXT_FORMATS.slug.pattern.test(client)) {
      unmapped.push({ resource, why: `the prefix "${client}" of "${resource.name}" is not a client slug (${TEXT_FORMATS.slug.says})` });
      continue;
    }
    const keys = taken.get(client) ?? new Set<string>();
    taken.set(client, keys);
    const key = uniqueKey(asKey(resource.name.slice(dash + 1)), keys, resource.kind);
    clients.set(client, [...(clients.get(client) ?? []), { ...resource, key }]);
  }
  return { clients, unmapped };
}
