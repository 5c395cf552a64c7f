import type { ErrorObject } from 'ajv/dist/2020.js';
import { listing } from './issues.js';
import { TEXT_FORMATS } from './model.js';
import type { DataPath } from './source-map.js';
import { didYouMean } from './suggest.js';

/** One schema violation in words, with where to point. */
export interface SchemaProblem {
  /** Path of the offending node in the data. */
  path: DataPath;
  /** Point at the key naming the node (unknown or badly named keys) or at its value. */
  at: 'key' | 'value';
  rule: string;
  message: string;
  hint: string;
}

const NAMED: Record<string, string> = { people: 'person', resources: 'resource', roles: 'role' };

/** How a sentence names a place in a file: `person "dana"`, `"until" of grant 2`. */
export function describePath(path: DataPath): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  const parent = path.slice(0, -1);
  const container = parent[parent.length - 1];
  if (typeof last === 'number') {
    if (parent.length === 1 && container === 'grants') return `grant ${last + 1}`;
    return `entry ${last + 1} of ${describePath(parent)}`;
  }
  if (parent.length === 1 && typeof container === 'string' && Object.hasOwn(NAMED, container)) return `${NAMED[container]} "${last}"`;
  if (parent.length === 0) return `"${last}"`;
  return `"${last}" of ${describePath(parent)}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  null: 'empty',
};

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true or false';
  return 'a number';
}

function param(error: ErrorObject, name: string): unknown {
  const params: Record<string, unknown> = error.params;
  return params[name];
}

function describes(pattern: unknown, format: unknown): string {
  if (format === 'email') return 'an e-mail address (such as name@example.com)';
  for (const known of Object.values(TEXT_FORMATS)) if (known.pattern.source === pattern) return known.says;
  return `text matching ${String(pattern)}`;
}

/** Declared keys of the schema an error happened in, with their descriptions. */
function propertiesOf(schema: ErrorObject['parentSchema']): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  const properties: unknown = schema?.properties;
  if (!properties || typeof properties !== 'object') return found;
  for (const [name, property] of Object.entries(properties)) {
    const described = typeof property === 'object' && property !== null && 'description' in property;
    found.set(name, described && typeof property.description === 'string' ? property.description : undefined);
  }
  return found;
}

function missing(error: ErrorObject, path: DataPath): SchemaProblem {
  const name = String(param(error, 'missingProperty'));
  const description = propertiesOf(error.parentSchema).get(name);
  return {
    path,
    at: 'value',
    rule: 'schema-missing-key',
    message: `${capitalized(describePath(path))} has no "${name}".`,
    hint: `Add "${name}:"${description ? ` (${description})` : ''}.`,
  };
}

function unknownKey(error: ErrorObject, path: DataPath): SchemaProblem {
  const name = String(param(error, 'additionalProperty'));
  const known = [...propertiesOf(error.parentSchema).keys()];
  return {
    path: [...path, name],
    at: 'key',
    rule: 'schema-unknown-key',
    message: `${capitalized(describePath(path))} has an unknown key "${name}".`,
    hint: `${didYouMean(name, known)}Known keys here: ${listing(known)}.`,
  };
}

function badName(error: ErrorObject, path: DataPath, name: string): SchemaProblem {
  const suggestion = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+/, '');
  return {
    path: [...path, name],
    at: 'key',
    rule: 'schema-bad-name',
    message: `The name "${name}" in ${describePath(path)} is not allowed: names are ${describes(param(error, 'pattern'), undefined).replace(/^a name of /, '')}.`,
    hint: suggestion && suggestion !== name ? `Rename it, for example to "${suggestion}".` : 'Rename it.',
  };
}

function typeHint(expected: string, value: unknown, path: DataPath): string {
  const last = path[path.length - 1];
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `Put the value in quotes, as in ${typeof last === 'string' ? `${last}: ` : ''}"${String(value)}".`;
  }
  if (value === null) return 'The value is empty: write one, or remove the line if the key is optional.';
  if (expected === 'array') return 'Write a list, such as [a, b], or one "- item" line per entry.';
  if (expected === 'object') return 'Write keys and values, such as { key: value }, or indented "key: value" lines.';
  return `Write ${TYPE_WORDS[expected] ?? expected} here.`;
}

/** Turns one ajv error into a sentence and a hint; undefined for errors another one already explains. */
export function explain(error: ErrorObject, path: DataPath): SchemaProblem | undefined {
  const subject = capitalized(describePath(path));
  const value = error.data;
  if (error.propertyName !== undefined) return badName(error, path, error.propertyName);
  switch (error.keyword) {
    case 'propertyNames':
    case 'format':
      return undefined;
    case 'required':
      return missing(error, path);
    case 'additionalProperties':
      return unknownKey(error, path);
    case 'enum': {
      const raw = param(error, 'allowedValues');
      const allowed = Array.isArray(raw) ? raw.map(String) : [];
      return {
        path,
        at: 'value',
        rule: 'schema-not-allowed',
        message: `${subject} is ${show(value)}, which is not one of the allowed values.`,
        hint: `${didYouMean(String(value), allowed)}Allowed: ${listing(allowed)}.`,
      };
    }
    case 'type': {
      const expected = String(param(error, 'type'));
      return {
        path,
        at: 'value',
        rule: 'schema-wrong-type',
        message: `${subject} should be ${TYPE_WORDS[expected] ?? expected}, but it is ${typeOf(value)}.`,
        hint: typeHint(expected, value, path),
      };
    }
    case 'pattern': {
      const says = describes(param(error, 'pattern'), error.parentSchema?.format);
      return { path, at: 'value', rule: 'schema-bad-format', message: `${subject} is ${show(value)}, which is not ${says}.`, hint: `Write ${says}.` };
    }
    case 'minLength':
      return { path, at: 'value', rule: 'schema-empty', message: `${subject} is empty.`, hint: 'Write a value, or remove the line if it is optional.' };
    case 'minItems': {
      const limit = Number(param(error, 'limit'));
      return { path, at: 'value', rule: 'schema-empty', message: `${subject} needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}.`, hint: 'Add the missing entries to the list.' };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[error.keyword];
      const limit = String(param(error, 'limit'));
      return { path, at: 'value', rule: 'schema-out-of-range', message: `${subject} is ${show(value)}; it must be ${words} ${limit}.`, hint: `Write a number ${words} ${limit}.` };
    }
    default:
      return { path, at: 'value', rule: 'schema-invalid', message: `${subject} ${error.message ?? 'is not valid'}.`, hint: 'Compare it with the schema in schemas/ (editors show it as you type).' };
  }
}
