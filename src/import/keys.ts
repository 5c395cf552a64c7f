import { TEXT_FORMATS } from '../load/model.js';

function asKey(text: string): string {
  const key = text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/-+$/, '');
  return TEXT_FORMATS.key.pattern.test(key) ? key : 'person';
}

/** A login as it is; an e-mail by its local part. */
function preferred(principal: string): string {
  const at = principal.indexOf('@');
  return asKey(at < 0 ? principal : principal.slice(0, at));
}

/** The local part with the domain's first label (`dana-apexoutdoor`), for two people sharing a local part. */
function qualified(principal: string): string {
  const at = principal.indexOf('@');
  if (at < 0) return preferred(principal);
  return asKey(`${principal.slice(0, at)}-${principal.slice(at + 1).split('.')[0] ?? ''}`);
}

/**
 * Pure. One person key per principal, the same in every client file (a key names one person
 * across the repository): logins as they are, e-mails by their local part, qualified by the
 * domain where two principals would share a key, numbered if that is not enough.
 */
export function personKeys(principals: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(principals)].sort();
  const wanted = new Map<string, number>();
  for (const principal of sorted) wanted.set(preferred(principal), (wanted.get(preferred(principal)) ?? 0) + 1);
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const principal of sorted) {
    const base = (wanted.get(preferred(principal)) ?? 0) > 1 ? qualified(principal) : preferred(principal);
    let key = base;
    for (let counter = 2; taken.has(key); counter += 1) key = `${base}-${counter}`;
    taken.add(key);
    keys.set(principal, key);
  }
  return keys;
}
