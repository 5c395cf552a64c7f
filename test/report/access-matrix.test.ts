import { describe, expect, it } from 'vitest';
import { expandDesired } from '../../src/desire/expand.js';
import { buildAccessMatrix, renderAccessCsv, renderAccessMarkdown, renderAccessText } from '../../src/report/access.js';
import { load, TODAY, yaml } from '../fixtures/load/repo.js';

function matrixOf(...people: string[]) {
  const { repository } = load({
    clients: {
      'clients/apex.yaml': yaml(
        'client: apex', // 1
        'name: Apex Outdoor Co.', // 2
        'domains: [apexoutdoor.com]', // 3
        'resources:', // 4
        '  web: { kind: github-repo, ref: acme-agency/apex-web }', // 5
        '  shared: { kind: drive-folder, ref: 1AbC, audience: client }', // 6
        '  internal: { kind: drive-folder, ref: 9XyZ, audience: agency }', // 7
        'people:', // 8
        ...people,
      ),
    },
  });
  const [client] = repository.clients;
  if (!client) throw new Error('no client loaded');
  return buildAccessMatrix(client, expandDesired(repository, TODAY), repository.guardrails);
}

const PEOPLE = [
  '  maria: { email: maria@acme-agency.com, github: maria-acme, role: agency-lead }', // 9
  '  dana: { email: dana@apexoutdoor.com, github: dana-apex, role: client-admin }', // 10
  '  finn: { email: finn@apexoutdoor.com, role: client-viewer, until: 2026-01-31 }', // 11
  '  cleo: { email: cleo@apexoutdoor.com, role: client-viewer }', // 12
  'grants:', // 13
  '  - { who: cleo, on: shared, level: commenter, until: 2027-01-31, why: "comments, on the Q4 sheets" }', // 14
];

describe('buildAccessMatrix', () => {
  it('puts client-side people first, one column per resource in file order, expired access left out', () => {
    const matrix = matrixOf(...PEOPLE);
    expect(matrix.resources.map((resource) => resource.key)).toEqual(['web', 'shared', 'internal']);
    expect(matrix.people.map((person) => [person.key, person.side, Object.fromEntries(Object.entries(person.cells).map(([key, cell]) => [key, cell.level]))])).toEqual([
      ['cleo', 'client', { shared: 'commenter' }],
      ['dana', 'client', { web: 'push', shared: 'writer' }],
      ['finn', 'client', {}],
      ['maria', 'agency', { web: 'admin', internal: 'organizer' }],
    ]);
  });

  it.each([
    { format: 'text', render: renderAccessText, contains: ['cleo    client  cleo@apexoutdoor.com   -           -      commenter  -', 'cleo   shared    commenter  grant in clients/apex.yaml:14: "comments, on the Q4 sheets" (until 2027-01-31); also role client-viewer in clients/apex.yaml:12'] },
    { format: 'markdown', render: renderAccessMarkdown, contains: ['| person | side | email | until | web | shared | internal |', '| cleo | shared | commenter | grant in clients/apex.yaml:14: "comments, on the Q4 sheets" (until 2027-01-31); also role client-viewer in clients/apex.yaml:12 |'] },
    { format: 'csv', render: renderAccessCsv, contains: ['person,side,email,until,web (acme-agency/apex-web),web why,shared (1AbC),shared why,internal (9XyZ),internal why\r\n', 'cleo,client,cleo@apexoutdoor.com,,,,commenter,"grant in clients/apex.yaml:14: ""comments, on the Q4 sheets"" (until 2027-01-31); also role client-viewer in clients/apex.yaml:12",,\r\n'] },
  ])('renders $format with the derivation of every cell on request', ({ render, contains }) => {
    const matrix = matrixOf(...PEOPLE);
    const withWhy = render(matrix, { why: true });
    for (const text of contains) expect(withWhy).toContain(text);
    expect(render(matrix, { why: false })).not.toContain('clients/apex.yaml:14');
  });
});
