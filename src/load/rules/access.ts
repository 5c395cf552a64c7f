import { candidatesOf, type Candidate } from '../candidates.js';
import type { ConfigIssue } from '../../errors.js';
import { levelRank } from '../../model/kinds.js';
import { error, listing } from '../issues.js';
import type { RuleContext, SourcedClient } from '../types.js';

const FIELD_WORDS = { github: 'GitHub login', email: 'e-mail address', linkedin: 'LinkedIn member URN' } as const;
const FIELD_HINTS = { github: ' (their GitHub login)', email: '', linkedin: ' (their member URN, urn:li:person:<id>)' } as const;

function sourceWords(candidate: Candidate): string {
  return candidate.trace.source === 'role' ? `through the role ${candidate.trace.role ?? ''}` : 'through this grant';
}

function aboveMaximum(candidate: Candidate, context: RuleContext): ConfigIssue | undefined {
  const { kind } = candidate.resource;
  const maximum = context.guardrails.clientSide.maxLevel[kind];
  if (maximum === undefined || levelRank(kind, candidate.level) <= levelRank(kind, maximum)) return undefined;
  return error(
    candidate.trace,
    'above-client-max',
    `${candidate.person} is on the client side and would get ${candidate.level} on ${kind} resources ${sourceWords(candidate)}; client-side people may have at most ${maximum}.`,
    `Lower the level to ${maximum} or below${candidate.trace.source === 'role' ? ', or give a role meant for client people' : ''}; policies/guardrails.yaml sets the maximum.`,
  );
}

function agencyOnly(candidate: Candidate): ConfigIssue {
  return error(
    candidate.trace,
    'agency-only-resource',
    `${candidate.resource.key} is for agency people only (audience: agency), but ${candidate.person} is on the client side.`,
    `Remove this grant, or change the resource's audience if ${candidate.resource.key} may be shared with the client.`,
  );
}

function onWrongSide(candidate: Candidate, context: RuleContext): boolean {
  const role = candidate.trace.role;
  if (candidate.trace.source !== 'role' || role === undefined || !Object.hasOwn(context.roles.roles, role)) return false;
  const side = context.roles.roles[role]?.side;
  return side !== 'any' && side !== candidate.side;
}

/**
 * Rules on what each person would actually reach, taken from the same expansion the plan
 * uses: client-side maximum levels, agency-only resources, and identities a platform needs.
 * Expired sources are skipped: they reach nothing.
 */
export function checkAccess(client: SourcedClient, context: RuleContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const missing = new Map<string, { candidate: Candidate; resources: string[] }>();
  for (const candidate of candidatesOf(client, context.roles, context.guardrails, context.today)) {
    if (candidate.expired) continue;
    if (candidate.principal === undefined) {
      const key = `${candidate.person}\u0000${candidate.trace.line}:${candidate.trace.column}\u0000${candidate.identityField}`;
      const entry = missing.get(key) ?? { candidate, resources: [] };
      entry.resources.push(`${candidate.resource.key} (${candidate.resource.kind})`);
      missing.set(key, entry);
    }
    if (candidate.side !== 'client') continue;
    // A role meant for the other side is reported as such (role-side, personal-domain); what it would give follows from that.
    if (onWrongSide(candidate, context)) continue;
    const above = aboveMaximum(candidate, context);
    if (above) issues.push(above);
    if (candidate.resource.audience === 'agency') issues.push(agencyOnly(candidate));
  }
  for (const { candidate, resources } of missing.values()) {
    const field = candidate.identityField;
    issues.push(
      error(
        candidate.trace,
        'identity-missing',
        `${candidate.person} has no ${FIELD_WORDS[field]}, which ${listing(resources)} ${resources.length === 1 ? 'needs' : 'need'} to give them access ${sourceWords(candidate)}.`,
        `Add "${field}:" to ${candidate.person} under "people"${FIELD_HINTS[field]}.`,
      ),
    );
  }
  return issues;
}
