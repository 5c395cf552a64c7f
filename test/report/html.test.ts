import { describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import type { ResourceReading } from '../../src/model/grants.js';
import type { EmergencyRevocation, OffboardedWatch } from '../../src/model/lifecycle.js';
import type { Plan } from '../../src/model/plan.js';
import { renderReportHtml } from '../../src/report/html/page.js';
import { driftNotice } from '../../src/report/notify.js';
import { buildReportModel, type ReportInput } from '../../src/report/page-model.js';
import { APEX_LINES, load, TODAY, yaml } from '../fixtures/load/repo.js';

const HOSTILE_NAME = '<script>alert(1)</script> "onmouseover="alert(2)';
const HOSTILE_WHY = '"><img src=x onerror=alert(3)> \'onmouseover=\'alert(4)';

function plan(extra: Partial<Plan> = {}): Plan {
  return { fingerprint: 'x', changes: [], held: [], unread: [], findings: [], warnings: [], ...extra };
}

function inputOf(lines: string[], extra: Partial<ReportInput> = {}): ReportInput {
  const { repository } = load({ clients: { 'clients/apex.yaml': yaml(...lines) } });
  const desired = expandDesired(repository, TODAY);
  const readings: ResourceReading[] = desired.resources.map((resource) => ({ resource, ok: true, grants: [] }));
  return { repository, desired, readings, plan: plan(), today: TODAY, ...extra };
}

const HOSTILE_LINES = [
  ...APEX_LINES.map((line) => (line.startsWith('name:') ? `name: ${JSON.stringify(HOSTILE_NAME)}` : line)),
  '  ola: { email: ola@freelance.example, github: ola-free }',
  'grants:',
  `  - { who: ola, on: web, level: push, until: 2026-11-30, why: ${JSON.stringify(HOSTILE_WHY)} }`,
];

/** Tags the page may contain: anything else came from input that was not escaped. */
const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'nav', 'ul', 'li', 'a', 'main', 'section', 'span', 'div', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'small', 'details', 'summary', 'strong']);

describe('the report page', () => {
  it('escapes client names, reasons and logins: no tag or event handler comes from input', () => {
    const offboarded: OffboardedWatch[] = [
      { client: 'zephyr', name: '<b>Zephyr</b>', offboardedOn: '2026-11-01', watchUntil: '2026-12-01', state: 'reappeared', reappeared: [{ kind: 'github-repo', resource: 'acme-agency/z', principal: '"onfocus="x', level: 'admin' }] },
    ];
    const emergencies: EmergencyRevocation[] = [{ person: 'x@evil.example', on: '2026-11-20', reason: '<iframe src=//evil>', by: 'maria', resources: ['github-repo acme-agency/apex-web'] }];
    const input = inputOf(HOSTILE_LINES, {
      plan: plan({
        changes: [{ action: 'revoke', client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: '<svg onload=alert(5)>', from: 'admin', to: null, reason: HOSTILE_WHY }],
        watched: offboarded,
        emergencies,
      }),
    });
    const html = renderReportHtml(buildReportModel(input));
    const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
    expect([...new Set(tags.map((tag) => (tag[1] ?? '').toLowerCase()))].filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
    for (const [, , attributes = ''] of tags) {
      // Every attribute is a name with a double-quoted value: an unescaped quote would break the shape.
      expect(attributes).toMatch(/^(\s+[a-zA-Z-]+(="[^"]*")?)*$/);
      const names = [...attributes.matchAll(/\s+([a-zA-Z-]+)(?:="[^"]*")?/g)].map((match) => match[1] ?? '');
      expect(names.filter((name) => /^on/i.test(name))).toEqual([]);
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=&quot;alert(2)');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(3)&gt; &#39;onmouseover=&#39;alert(4)');
    expect(html).toContain('&lt;iframe src=//evil&gt;');
    expect(html).not.toContain('<script');
  });

  it('puts the level in each cell and where it comes from behind it, on hover and on tap', () => {
    const html = renderReportHtml(buildReportModel(inputOf([...APEX_LINES, 'grants:', '  - { who: dana, on: shared, level: commenter, until: 2027-01-31, why: "Q4 sheets" }'])));
    const maria = /<tr class="agency-side" data-person="maria">(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(maria).toContain(
      '<td class="cell" data-resource="web"><details class="why"><summary title="role agency-lead in clients/apex.yaml:12" aria-label="maria on web: admin">admin</summary><div class="source">role agency-lead in clients/apex.yaml:12</div></details></td>',
    );
    expect(html).toContain('<div class="source">role client-admin in clients/apex.yaml:11; also grant in clients/apex.yaml:14: &quot;Q4 sheets&quot;</div>');
    expect(html).toMatch(/<td class="cell" data-resource="internal"><span class="muted" aria-label="no access">·<\/span><\/td>/);
  });

  it('lists outside people with what they reach, and access ending soon', () => {
    const model = buildReportModel(inputOf(HOSTILE_LINES));
    expect(model.outside.map((person) => [person.email, person.side, person.reach.map((reach) => `${reach.resourceKey} ${reach.level}`)])).toEqual([
      ['dana@apexoutdoor.com', 'client', ['shared writer', 'web push']],
      ['ola@freelance.example', 'client', ['web push']],
    ]);
    expect(model.ending).toEqual([{ client: 'apex', person: 'ola', until: '2026-11-30', daysLeft: 7, resources: ['github-repo acme-agency/apex-web (push)'] }]);
    const html = renderReportHtml(model);
    expect(html).toContain('2026-11-30 (7 days left)');
  });

  it('says "platforms not read" when no resource could be read, and claims no drift', () => {
    const input = inputOf(APEX_LINES);
    const readings: ResourceReading[] = input.readings.map((reading) => ({ resource: reading.resource, ok: false, error: 'github configure: GITHUB_TOKEN is not set' }));
    const unread = readings.map((reading) => ({ client: 'apex', kind: reading.resource.kind, resource: reading.resource.ref, error: 'github configure: GITHUB_TOKEN is not set' }));
    const model = buildReportModel({ ...input, readings, plan: plan({ unread }) });
    expect(model.drift.state).toBe('not-read');
    const html = renderReportHtml(model);
    expect(html).toContain('<strong>Platforms not read</strong>: none of the 3 resources could be read');
    expect(html).not.toContain('No drift');
  });

  it('shows offboarded clients and emergency revocations as "None." when there are none', () => {
    const html = renderReportHtml(buildReportModel(inputOf(APEX_LINES)));
    for (const id of ['offboarded', 'emergencies']) expect(html).toMatch(new RegExp(`<section id="${id}"[^>]*><h2[^>]*>[^<]*</h2><p class="none">None.</p></section>`));
    expect(html).toContain('No drift: the platforms match the repository.');
  });

  it('stands alone: no script, no external reference, a policy that forbids loading anything', () => {
    const html = renderReportHtml(buildReportModel(inputOf(APEX_LINES)));
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import|https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('makes the Slack summary: nothing on a quiet night; escaped, linked and without names otherwise', () => {
    expect(driftNotice(buildReportModel(inputOf(APEX_LINES)), 7, {})).toBeUndefined();
    const input = inputOf(HOSTILE_LINES, {
      plan: plan({ changes: [{ action: 'revoke', client: 'apex', kind: 'github-repo', resource: 'acme-agency/apex-web', principal: 'jake-freelance', from: 'admin', to: null, reason: 'not declared' }] }),
    });
    const text = driftNotice(buildReportModel(input), 7, { issue: 'https://github.com/acme/access/issues/7', report: 'https://github.com/acme/access/actions/runs/9?a=1&b=<2>' });
    expect(text).toBe(
      [
        '*Latch drift check, 2026-11-23*',
        '• Drift: 1 difference, 0 findings: <https://github.com/acme/access/issues/7|the drift issue>.',
        '• Access ending this week: 1 declaration (apex).',
        'Report: <https://github.com/acme/access/actions/runs/9?a=1&amp;b=&lt;2&gt;|the report page>',
      ].join('\n'),
    );
    expect(text).not.toContain('jake-freelance');
  });
});
