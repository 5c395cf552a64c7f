import type { ConfigIssue } from '../../errors.js';
import { isLevelOf, LEVELS } from '../../model/kinds.js';
import { error, listing } from '../issues.js';
import { sideOf } from '../sides.js';
import { didYouMean } from '../suggest.js';
import type { RuleContext, SourcedClient } from '../types.js';
import { checkUntil } from './until.js';

/** Rules for the `grants` list: who and on must name this file's people and resources, the level must fit the kind. */
export function checkGrants(client: SourcedClient, context: RuleContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { people, resources } = client.data;
  client.data.grants.forEach((grant, index) => {
    const person = Object.hasOwn(people, grant.who) ? people[grant.who] : undefined;
    const resource = Object.hasOwn(resources, grant.on) ? resources[grant.on] : undefined;
    if (!person) {
      const known = Object.keys(people);
      issues.push(
        error(
          client.locate(['grants', index, 'who']),
          'unknown-person',
          `Grant ${index + 1} is for "${grant.who}", who is not among the people of this file.`,
          `${didYouMean(grant.who, known)}Add ${grant.who} under "people" first; people here: ${listing(known)}.`,
        ),
      );
    }
    if (!resource) {
      const known = Object.keys(resources);
      issues.push(
        error(
          client.locate(['grants', index, 'on']),
          'unknown-resource',
          `Grant ${index + 1} is on "${grant.on}", which is not among the resources of this file.`,
          `${didYouMean(grant.on, known)}Add ${grant.on} under "resources" first; resources here: ${listing(known)}.`,
        ),
      );
    } else if (!isLevelOf(resource.kind, grant.level)) {
      const levels: readonly string[] = LEVELS[resource.kind];
      issues.push(
        error(
          client.locate(['grants', index, 'level']),
          'level-not-of-kind',
          `"${grant.level}" is not a level of ${grant.on}, which is a ${resource.kind}.`,
          `${didYouMean(grant.level, levels)}Levels of ${resource.kind}, lowest first: ${listing([...levels])}.`,
        ),
      );
    }
    if (grant.until !== undefined) {
      const side = person ? sideOf(person.email, context.guardrails) : 'agency';
      issues.push(...checkUntil(grant.until, client.locate(['grants', index, 'until']), side, `Grant ${index + 1} (${grant.who} on ${grant.on})`, context));
    }
  });
  return issues;
}
