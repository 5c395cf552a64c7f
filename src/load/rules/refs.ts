import type { ConfigIssue } from '../../errors.js';
import { error } from '../issues.js';
import { refForm, refProblem } from '../refs.js';
import type { SourcedClient } from '../types.js';

/** Long enough to recognise a ref, short enough that a 200 KiB one does not flood the report. */
const SHOWN = 80;

function shown(ref: string): string {
  return ref.length > SHOWN ? `${ref.slice(0, SHOWN)}…` : ref;
}

/** Every resource's ref has its kind's form (its platform's `kinds.ts`): no path segments, encodings or stray slashes. */
export function checkRefForms(client: SourcedClient): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, resource] of Object.entries(client.data.resources)) {
    const problem = refProblem(resource.kind, resource.ref);
    if (problem === undefined) continue;
    issues.push(
      error(
        client.locate(['resources', key, 'ref']),
        'ref-bad-format',
        `The ${resource.kind} ref "${shown(resource.ref)}" of ${key} ${problem}.`,
        `A ${resource.kind} ref is ${refForm(resource.kind).says}.`,
      ),
    );
  }
  return issues;
}
