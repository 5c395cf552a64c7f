import { describe, it } from 'vitest';
import { survive, type FaultScenario } from './fault-matrix.js';

const json = { 'content-type': 'application/json; charset=utf-8' };
const channel = 'C0BLOOM01';
const members = '/api/conversations.members';
const meta = '/act_2200000001/assigned_users';
const ads = /customers\/1234567890\/googleAds:search/;
const linkedin = '/adAccountUsers';
const TIMED_OUT = /timed out|deadline/i;

/**
 * Slack and the ad platforms as they fail in practice. Slack's channel lists share one
 * method path, so a persistent fault leaves every channel unread and the Bloom channel is checked.
 */
const scenarios: FaultScenario[] = [
  { name: 'Slack ok:false on a 200', platform: 'slack', resource: channel, fault: { path: members, status: 200, body: { ok: false, error: 'internal_error' }, times: 50 }, expect: 'unread' },
  { name: 'Slack 429 with Retry-After', platform: 'slack', resource: channel, fault: { path: members, status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }, expect: 'recovered' },
  { name: 'Slack HTML', platform: 'slack', resource: channel, fault: { path: members, status: 200, raw: '<html>Slack is down</html>', times: 50 }, expect: 'unread' },
  { name: 'Slack members missing', platform: 'slack', resource: channel, fault: { path: members, status: 200, body: { ok: true }, times: 50 }, expect: 'unread' },
  { name: 'Slack truncated JSON', platform: 'slack', resource: channel, fault: { path: members, status: 200, raw: '{"ok":true,"members":["U0', headers: json, times: 50 }, expect: 'unread' },
  { name: 'Slack hung connection', platform: 'slack', resource: channel, fault: { path: members, status: 503, hangMs: 30_000, times: 50 }, expect: 'unread', because: TIMED_OUT },
  { name: 'Slack fails on a later page', platform: 'slack', resource: channel, paged: true, fault: { path: members, status: 200, body: { ok: false, error: 'fatal_error' }, after: 1, times: 50 }, expect: 'unread' },
  { name: 'Slack 500 once', platform: 'slack', resource: channel, fault: { path: members, status: 500 }, expect: 'recovered' },
  { name: 'Meta 500 once', platform: 'meta', resource: 'act_2200000001', fault: { path: meta, status: 500, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, is_transient: true } } }, expect: 'recovered' },
  { name: 'Meta 200 with an error body', platform: 'meta', resource: 'act_2200000001', fault: { path: meta, status: 200, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1 } }, times: 50 }, expect: 'unread' },
  { name: 'Meta truncated JSON', platform: 'meta', resource: 'act_2200000001', fault: { path: meta, status: 200, raw: '{"data":[{"id":"1', headers: json, times: 50 }, expect: 'unread' },
  { name: 'Meta list without data', platform: 'meta', resource: 'act_2200000001', fault: { path: meta, status: 200, body: { paging: {} }, times: 50 }, expect: 'unread' },
  { name: 'Meta hung connection', platform: 'meta', resource: 'act_2200000001', fault: { path: meta, status: 503, hangMs: 30_000, times: 50 }, expect: 'unread', because: TIMED_OUT },
  { name: 'Google Ads 429 once', platform: 'googleAds', resource: '123-456-7890', fault: { path: ads, status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } } }, expect: 'recovered' },
  { name: 'Google Ads HTML', platform: 'googleAds', resource: '123-456-7890', fault: { path: ads, status: 200, raw: '<html>502</html>', times: 50 }, expect: 'unread' },
  { name: 'Google Ads 200 with an error body', platform: 'googleAds', resource: '123-456-7890', fault: { path: ads, status: 200, body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } }, times: 50 }, expect: 'unread' },
  { name: 'Google Ads hung connection', platform: 'googleAds', resource: '123-456-7890', fault: { path: ads, status: 503, hangMs: 30_000, times: 50 }, expect: 'unread', because: TIMED_OUT },
  { name: 'Google Ads fails on a later page', platform: 'googleAds', resource: '123-456-7890', paged: true, fault: { path: ads, status: 500, after: 1, times: 50 }, expect: 'unread' },
  { name: 'LinkedIn 500 on every try', platform: 'linkedin', resource: '508877001', fault: { path: linkedin, status: 500, times: 50 }, expect: 'unread' },
  { name: 'LinkedIn 429 once', platform: 'linkedin', resource: '508877001', fault: { path: linkedin, status: 429, headers: { 'retry-after': '1' } }, expect: 'recovered' },
  { name: 'LinkedIn list without elements', platform: 'linkedin', resource: '508877001', fault: { path: linkedin, status: 200, body: { paging: { start: 0, count: 10 } }, times: 50 }, expect: 'unread' },
  { name: 'LinkedIn empty 200', platform: 'linkedin', resource: '508877001', fault: { path: linkedin, status: 200, raw: '', headers: json, times: 50 }, expect: 'unread' },
];

describe('Slack and the ad platforms under faults: no wrong revocation, no fail-open read, no crash', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    await survive(scenario);
  }, 120_000);
});
