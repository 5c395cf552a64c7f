import { describe, expect, it } from 'vitest';
import { parsePlanJson, PlanFileError, renderJson } from '../../src/report/json.js';
import { emptyPlan, samplePlan } from './sample.js';

type Json = Record<string, unknown>;

function edit(mutate: (document: Json & { changes: Json[] }) => void): string {
  const document = JSON.parse(renderJson(samplePlan())) as Json & { changes: Json[] };
  mutate(document);
  return JSON.stringify(document);
}

describe('renderJson', () => {
  const document = JSON.parse(renderJson(samplePlan())) as Json & { changes: Json[]; unread: Json[] };

  it('has the documented fields first, in a stable order', () => {
    expect(Object.keys(document)).toEqual(['fingerprint', 'changes', 'held', 'unread', 'findings', 'warnings', 'requests']);
    expect(Object.keys(document.changes[1] ?? {})).toEqual(['action', 'client', 'kind', 'resource', 'principal', 'from', 'to', 'reason', 'side', 'because']);
    expect(document.changes[4]).toMatchObject({ action: 'revoke', client: 'bloom', kind: 'github-repo', resource: 'acme/bloom-site', principal: 'ken', from: 'push', to: null });
    expect(document.changes[0]).toMatchObject({ action: 'grant', from: null, to: 'writer' });
    expect(document.unread).toEqual([{ client: 'apex', kind: 'github-repo', resource: 'acme/apex-api', error: 'github list collaborators: 500 Internal Server Error' }]);
  });

  it('is byte-identical for the same plan', () => {
    expect(renderJson(samplePlan())).toBe(renderJson(samplePlan()));
  });
});

describe('parsePlanJson', () => {
  it.each([
    { name: 'a plan with changes', plan: samplePlan() },
    { name: 'a plan in sync', plan: emptyPlan() },
    { name: 'an offboarding plan', plan: { ...samplePlan(), offboarding: [{ client: 'cobalt', name: 'Cobalt Freight', file: 'clients/cobalt.yaml', revocations: 2, resources: 1 }] } },
  ])('reads back $name unchanged', ({ plan }) => {
    expect(parsePlanJson(renderJson(plan))).toEqual(plan);
  });

  it('accepts the minimal documented shape', () => {
    const { fingerprint, changes } = JSON.parse(renderJson(samplePlan())) as Json;
    const minimal = JSON.stringify({ fingerprint, changes });
    expect(parsePlanJson(minimal)).toMatchObject({ held: [], unread: [], findings: [], warnings: [] });
  });

  it.each([
    { name: 'text that is not JSON', text: '{"fingerprint": ', message: /not JSON/ },
    { name: 'a missing fingerprint', text: edit((document) => delete document.fingerprint), message: /not a Latch plan: fingerprint:/ },
    { name: 'an unknown action', text: edit((document) => (document.changes[0] = { ...document.changes[0], action: 'delete' })), message: /changes\[0\]/ },
    { name: 'an unknown kind', text: edit((document) => (document.changes[1] = { ...document.changes[1], kind: 'gitlab-repo' })), message: /changes\[1\]\.kind/ },
    { name: 'a level of another kind', text: edit((document) => (document.changes[1] = { ...document.changes[1], to: 'writer' })), message: /changes\[1\]\.to: "writer" is not a level of github-repo/ },
    { name: 'a change edited after review', text: edit((document) => (document.changes[1] = { ...document.changes[1], to: 'admin' })), message: /edited after it was made/ },
    { name: 'a change added after review', text: edit((document) => document.changes.push({ ...document.changes[4], principal: 'olivia' })), message: /edited after it was made/ },
  ])('refuses $name', ({ text, message }) => {
    expect(() => parsePlanJson(text)).toThrow(PlanFileError);
    expect(() => parsePlanJson(text)).toThrow(message);
  });
});
