import type { ConfigIssue } from '../../errors.js';
import { warning } from '../issues.js';
import type { DataPath, SourceMap } from '../source-map.js';

/**
 * What `latch init` writes where only the agency knows the answer. Every such value is a
 * valid one (a domain under the reserved `.example` name, a login), so a new repository
 * validates at once; this rule then says, line by line, what is left to fill in.
 */
export const PLACEHOLDER = 'change-me';

function* placeholders(value: unknown, path: DataPath): Generator<{ path: DataPath; value: string }> {
  if (typeof value === 'string') {
    if (value.toLowerCase().includes(PLACEHOLDER)) yield { path, value };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* placeholders(item, [...path, index]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* placeholders(item, [...path, key]);
  }
}

function named(path: DataPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`)).join('');
}

/** A warning for every value of a file that still holds the placeholder: never an error, so the repository stays valid while it is being filled in. */
export function checkPlaceholders(file: string, data: unknown, locate: SourceMap['value']): ConfigIssue[] {
  const hint = file.startsWith('clients/')
    ? `Fill in this client, or delete ${file} once "latch import" has brought in your own clients.`
    : 'Replace it with your own value: the comment on that line says what goes there.';
  return [...placeholders(data, [])].map(({ path, value }) =>
    warning({ ...locate(path), file }, 'placeholder', `${named(path)} is still "${value}", a placeholder written by latch init.`, hint),
  );
}
