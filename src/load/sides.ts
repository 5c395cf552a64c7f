import type { Side } from '../model/grants.js';
import type { GuardrailsFile } from './model.js';

/** The domain of an e-mail address, lower-cased. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Agency side when the e-mail's domain is one of `agencyDomains` (exactly, no subdomains); everyone else is client side. */
export function sideOf(email: string, guardrails: Pick<GuardrailsFile, 'agencyDomains'>): Side {
  const domain = domainOf(email);
  return guardrails.agencyDomains.some((agency) => agency.toLowerCase() === domain) ? 'agency' : 'client';
}

/** Whether a resource's audience lets a person of a side be given access through a role. */
export function audienceAdmits(audience: 'agency' | 'client' | 'any', side: Side): boolean {
  return audience === 'any' || audience === side;
}
