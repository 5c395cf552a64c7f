import type { ConfigIssue } from '../../errors.js';
import { error, listing } from '../issues.js';
import type { GuardrailsFile, RolesFile } from '../model.js';
import type { SourceMap } from '../source-map.js';
import { didYouMean } from '../suggest.js';

/** Rules between the policy files: the guardrails may only name roles the catalogue defines. */
export function checkPolicies(roles: RolesFile, guardrails: GuardrailsFile, guardrailsSource: SourceMap): ConfigIssue[] {
  const known = Object.keys(roles.roles);
  const issues: ConfigIssue[] = [];
  guardrails.delegates.mayAssign.forEach((role, index) => {
    if (Object.hasOwn(roles.roles, role)) return;
    issues.push(
      error(
        guardrailsSource.value(['delegates', 'mayAssign', index]),
        'unknown-role',
        `delegates.mayAssign names the role "${role}", which policies/roles.yaml does not define.`,
        `${didYouMean(role, known)}Known roles: ${listing(known)}.`,
      ),
    );
  });
  return issues;
}
