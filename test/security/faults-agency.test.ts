import { describe, it } from 'vitest';
import { survive, type FaultScenario } from './fault-matrix.js';

const json = { 'content-type': 'application/json; charset=utf-8' };
const repo = 'acme-agency/bloom-site';
const invitations = '/repos/acme-agency/bloom-site/invitations';
const teamInvitations = '/orgs/acme-agency/teams/bloom-content/invitations';
const drive = '/drive/v3/files/1BloomCampaignAssets/permissions';
const ga4 = '/v1alpha/properties/312345678/accessBindings';
const groupMembers = /\/groups\/bloom-team(@|%40)acme-agency\.com\/members/;
const googleError = (code: number, reason: string) => ({ error: { code, message: reason, errors: [{ domain: 'usageLimits', reason, message: reason }] } });
const TIMED_OUT = /timed out|deadline/i;

/**
 * GitHub and Google as they fail in practice: server errors, rate limits, hung connections,
 * and answers that look successful but are not a complete list.
 */
const scenarios: FaultScenario[] = [
  { name: 'GitHub 502 once', platform: 'github', resource: repo, fault: { path: invitations, status: 502 }, expect: 'recovered' },
  { name: 'GitHub 500 on every try', platform: 'github', resource: repo, fault: { path: invitations, status: 500, times: 50 }, expect: 'unread' },
  { name: 'GitHub 429 with Retry-After', platform: 'github', resource: repo, fault: { path: invitations, status: 429, headers: { 'retry-after': '1' }, body: { message: 'API rate limit exceeded' } }, expect: 'recovered' },
  {
    name: 'GitHub secondary rate limit 403',
    platform: 'github',
    resource: repo,
    fault: { path: invitations, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } },
    expect: 'recovered',
  },
  { name: 'GitHub hung connection', platform: 'github', resource: repo, fault: { path: invitations, status: 503, hangMs: 30_000, times: 50 }, expect: 'unread', because: TIMED_OUT },
  { name: 'GitHub truncated JSON', platform: 'github', resource: repo, fault: { path: invitations, status: 200, raw: '[{"id":1,"invitee":{"login":"a', headers: json, times: 50 }, expect: 'unread' },
  { name: 'GitHub 200 with an error body', platform: 'github', resource: repo, fault: { path: invitations, status: 200, body: { message: 'Server Error' }, times: 50 }, expect: 'unread' },
  { name: 'GitHub HTML error page', platform: 'github', resource: repo, fault: { path: invitations, status: 200, raw: '<html><body>Unicorn!</body></html>', times: 50 }, expect: 'unread' },
  { name: 'GitHub team invitations 500 on every try', platform: 'github', resource: 'acme-agency/bloom-content', fault: { path: teamInvitations, status: 500, times: 50 }, expect: 'unread' },
  { name: 'Drive 200 with an error body', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 200, body: { error: { code: 500, message: 'Backend Error' } }, times: 50 }, expect: 'unread' },
  { name: 'Drive empty 200', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 200, times: 50, raw: '', headers: json }, expect: 'unread' },
  { name: 'Drive HTML', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 200, raw: '<!DOCTYPE html><title>Error 502</title>', times: 50 }, expect: 'unread' },
  { name: 'Drive list without permissions', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 200, body: { kind: 'drive#permissionList' }, times: 50 }, expect: 'unread' },
  { name: 'Drive truncated JSON', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 200, raw: '{"permissions":[{"id":"1","role":"wri', headers: json, times: 50 }, expect: 'unread' },
  { name: 'Drive 500 once', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 500, body: googleError(500, 'backendError') }, expect: 'recovered' },
  { name: 'Drive 403 rateLimitExceeded once', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 403, body: googleError(403, 'rateLimitExceeded') }, expect: 'recovered' },
  { name: 'Drive 429 once', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 429, headers: { 'retry-after': '1' }, body: googleError(429, 'rateLimitExceeded') }, expect: 'recovered' },
  { name: 'Drive hung connection', platform: 'google', resource: '1BloomCampaignAssets', fault: { path: drive, status: 503, hangMs: 30_000, times: 50 }, expect: 'unread', because: TIMED_OUT },
  { name: 'Drive fails on a later page', platform: 'google', resource: '1BloomCampaignAssets', paged: true, fault: { path: drive, status: 500, after: 1, times: 50 }, expect: 'unread' },
  { name: 'GA4 200 with an error body', platform: 'google', resource: '312345678', fault: { path: ga4, status: 200, body: { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }, times: 50 }, expect: 'unread' },
  { name: 'GA4 truncated JSON', platform: 'google', resource: '312345678', fault: { path: ga4, status: 200, raw: '{"accessBindings":[{"name":"prop', headers: json, times: 50 }, expect: 'unread' },
  { name: 'GA4 503 on every try', platform: 'google', resource: '312345678', fault: { path: ga4, status: 503, times: 50 }, expect: 'unread' },
  { name: 'Groups 200 with an error body', platform: 'google', resource: 'bloom-team@acme-agency.com', fault: { path: groupMembers, status: 200, body: { error: { code: 503, message: 'Backend Error' } }, times: 50 }, expect: 'unread' },
  { name: 'Groups hung connection', platform: 'google', resource: 'bloom-team@acme-agency.com', fault: { path: groupMembers, status: 503, hangMs: 30_000, times: 50 }, expect: 'unread', because: TIMED_OUT },
  { name: 'Groups fail on a later page', platform: 'google', resource: 'bloom-team@acme-agency.com', paged: true, fault: { path: groupMembers, status: 502, after: 1, times: 50 }, expect: 'unread' },
];

describe('GitHub and Google under faults: no wrong revocation, no fail-open read, no crash', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    await survive(scenario);
  }, 120_000);
});
