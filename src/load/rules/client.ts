import type { ConfigIssue } from '../../errors.js';
import { error, listing } from '../issues.js';
import { didYouMean } from '../suggest.js';
import type { RuleContext, SourcedClient } from '../types.js';
import { checkAccess } from './access.js';
import { checkGrants } from './grants.js';
import { checkPeople } from './people.js';
import { checkRefForms } from './refs.js';
import { checkReviewed } from './reviewed.js';

/** The slug a client file must declare: its file name without the extension. */
export function slugOfFile(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.replace(/\.ya?ml$/, '');
}

function checkSlug(client: SourcedClient): ConfigIssue[] {
  const expected = slugOfFile(client.file);
  if (client.data.client === expected) return [];
  return [
    error(
      client.locate(['client']),
      'client-slug-mismatch',
      `This file says "client: ${client.data.client}", but its name is ${expected}; the two must be the same.`,
      `Write "client: ${expected}", or rename the file to clients/${client.data.client}.yaml.`,
    ),
  ];
}

function checkNamedPeople(client: SourcedClient, list: 'owners' | 'delegates'): ConfigIssue[] {
  const known = Object.keys(client.data.people);
  const issues: ConfigIssue[] = [];
  client.data[list].forEach((name, index) => {
    if (Object.hasOwn(client.data.people, name)) return;
    issues.push(
      error(
        client.locate([list, index]),
        'unknown-person',
        `"${name}" is listed under ${list} but is not among the people of this file.`,
        `${didYouMean(name, known)}Add ${name} under "people"; people here: ${listing(known)}.`,
      ),
    );
  });
  return issues;
}

/** Every rule that needs one client file and the policies only. */
export function checkClient(client: SourcedClient, context: RuleContext): ConfigIssue[] {
  return [
    ...checkSlug(client),
    ...checkNamedPeople(client, 'owners'),
    ...checkNamedPeople(client, 'delegates'),
    ...checkRefForms(client),
    ...checkPeople(client, context),
    ...checkGrants(client, context),
    ...checkAccess(client, context),
    ...checkReviewed(client, context),
  ];
}
