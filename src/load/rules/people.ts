import type { ConfigIssue } from '../../errors.js';
import { IDENTITY_FIELDS } from '../../platforms/kinds.js';
import type { Person } from '../model.js';
import { error, listing, warning } from '../issues.js';
import { domainOf, sideOf } from '../sides.js';
import { didYouMean } from '../suggest.js';
import type { RuleContext, SourcedClient } from '../types.js';
import { checkUntil } from './until.js';

function roleIssues(client: SourcedClient, key: string, person: Person, context: RuleContext, personalDomain: boolean): ConfigIssue[] {
  if (person.role === undefined) return [];
  const at = client.locate(['people', key, 'role']);
  const known = Object.keys(context.roles.roles);
  const role = Object.hasOwn(context.roles.roles, person.role) ? context.roles.roles[person.role] : undefined;
  if (!role) {
    return [
      error(
        at,
        'unknown-role',
        `${key} has the role "${person.role}", which policies/roles.yaml does not define.`,
        `${didYouMean(person.role, known)}Known roles: ${listing(known)}.`,
      ),
    ];
  }
  const side = sideOf(person.email, context.guardrails);
  // A personal address on an agency role is reported once, at the address, where the fix is.
  if (role.side === 'any' || role.side === side || personalDomain) return [];
  const fitting = Object.entries(context.roles.roles)
    .filter(([, candidate]) => candidate.side === side || candidate.side === 'any')
    .map(([name]) => name);
  const sideWords = side === 'agency' ? 'an agency person (by their e-mail domain)' : `on the client side (${domainOf(person.email)} is not an agency domain)`;
  return [
    error(
      at,
      'role-side',
      `The role ${person.role} is for ${role.side} people, but ${key} is ${sideWords}.`,
      `Give ${key} a ${side} role (${listing(fitting)})${side === 'client' ? `, or use their agency e-mail address (${listing(context.guardrails.agencyDomains)}) if they work for the agency` : ''}.`,
    ),
  ];
}

function isAgencyPerson(client: SourcedClient, key: string, person: Person, context: RuleContext): boolean {
  if (client.data.owners.includes(key)) return true;
  if (person.role === undefined || !Object.hasOwn(context.roles.roles, person.role)) return false;
  return context.roles.roles[person.role]?.side === 'agency';
}

function neverTouchIssues(client: SourcedClient, key: string, person: Person, neverTouch: ReadonlySet<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const field of IDENTITY_FIELDS) {
    const value = person[field];
    if (value === undefined || !neverTouch.has(value.toLowerCase())) continue;
    issues.push(
      warning(
        client.locate(['people', key, field]),
        'never-touch-declared',
        `${value} is listed under neverTouch in policies/guardrails.yaml, so Latch will not grant or revoke anything for ${key}.`,
        `Remove ${key} from this file, or take ${value} off neverTouch if Latch should manage their access.`,
      ),
    );
  }
  return issues;
}

function requiresUntil(client: SourcedClient, key: string, person: Person): boolean {
  if (person.until !== undefined) return false;
  const own = client.data.grants.filter((grant) => grant.who === key);
  return person.role !== undefined || own.some((grant) => grant.until === undefined);
}

/** Per-person rules of one client file: roles, sides, domains, end dates, neverTouch. */
export function checkPeople(client: SourcedClient, context: RuleContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { guardrails } = context;
  const personalDomains = new Set(guardrails.personalDomains.map((domain) => domain.toLowerCase()));
  const clientDomains = new Set(client.data.domains.map((domain) => domain.toLowerCase()));
  const neverTouch = new Set(guardrails.neverTouch.map((entry) => entry.toLowerCase()));
  for (const [key, person] of Object.entries(client.data.people)) {
    const side = sideOf(person.email, guardrails);
    const domain = domainOf(person.email);
    const emailAt = client.locate(['people', key, 'email']);
    const personal = personalDomains.has(domain) && isAgencyPerson(client, key, person, context);
    if (personal) {
      issues.push(
        error(
          emailAt,
          'personal-domain',
          `${key} works for the agency but is listed with a personal address at ${domain}.`,
          `Use their agency address (${listing(guardrails.agencyDomains)}); personal mailboxes are outside the agency's control.`,
        ),
      );
    } else if (side === 'client' && !clientDomains.has(domain)) {
      issues.push(
        warning(
          emailAt,
          'email-domain-not-client',
          `${key}'s address is at ${domain}, which is neither an agency domain nor one of ${client.data.client}'s domains (${listing(client.data.domains)}).`,
          `Check the address; if ${domain} belongs to ${client.data.client}, add it to "domains".`,
        ),
      );
    }
    issues.push(...roleIssues(client, key, person, context, personal));
    issues.push(...neverTouchIssues(client, key, person, neverTouch));
    const untilAt = client.locate(['people', key, 'until']);
    // A last day at the agency (people.yaml) is checked once there, not again in every client file.
    if (person.until !== undefined && untilAt.file === client.file) issues.push(...checkUntil(person.until, untilAt, side, `${key}'s access`, context));
    if (side === 'client' && guardrails.clientSide.requireUntil && requiresUntil(client, key, person)) {
      issues.push(
        error(
          client.locateKey(['people', key]),
          'until-required',
          `${key} is on the client side and has no end date, but the guardrails require one for client-side people.`,
          `Add "until: YYYY-MM-DD" to ${key}${guardrails.clientSide.maxDays ? ` (at most ${guardrails.clientSide.maxDays} days from today)` : ''}.`,
        ),
      );
    }
  }
  return issues;
}
