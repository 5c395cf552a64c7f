import type { ReportModel } from '../page-model.js';
import { driftSection, endingSection, requestsSection } from './activity.js';
import { clientsSection } from './clients.js';
import { esc } from './escape.js';
import { emergenciesSection, offboardedSection } from './lifecycle.js';
import { matrixSection } from './matrix.js';
import { outsideSection } from './people.js';
import { STYLE } from './style.js';

const PARTS: readonly [string, string][] = [
  ['clients', 'Clients'],
  ['outside', 'Outside the agency'],
  ['ending', 'Ending soon'],
  ['requests', 'Requests'],
  ['drift', 'Drift'],
  ['offboarded', 'Offboarded'],
  ['emergencies', 'Emergencies'],
];

/**
 * Pure. The whole report as one self-contained HTML document: inline CSS, no script, no
 * request to anywhere (a strict Content-Security-Policy says so to the browser too).
 */
export function renderReportHtml(model: ReportModel): string {
  const title = `Latch access report, ${model.today}`;
  const nav = `<nav aria-label="Sections"><ul>${PARTS.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ul></nav>`;
  const matrices = model.matrices.map((matrix) => matrixSection(matrix, model.status.clients.find((client) => client.client === matrix.client))).join('');
  const main = [
    clientsSection(model.status),
    matrices,
    outsideSection(model.outside),
    endingSection(model.ending, model.endingWindowDays),
    requestsSection(model.requests),
    driftSection(model.drift),
    offboardedSection(model.offboarded),
    emergenciesSection(model.emergencies),
  ].join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${esc(title)}</title><style>${STYLE}</style></head>`,
    `<body><header><h1>${esc(title)}</h1><p class="muted">Who can reach what, by the repository's client files; drift as the platforms showed it when the page was made.</p>${nav}</header>`,
    `<main>${main}</main></body></html>`,
    '',
  ].join('\n');
}
